// Aurora Global Databases: describe-global-clusters entries, and the membership a DBCluster names itself (GlobalClusterIdentifier).
import type { GlobalCluster, Scoped } from "../../model/inventory.js";
import type { SourceLocation } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { parseArn } from "./arn.js";
import { nonRdsEngineName } from "./engines.js";
import { isRecord, knownBoolean, plainString } from "./fields.js";

type Member = GlobalCluster["members"][number];

/** One GlobalClusters entry, or why it is skipped: not an Aurora global database (Neptune), or unreadable. */
export type GlobalClusterRead =
  | { readonly key: string; readonly item: GlobalCluster; readonly account: string | undefined }
  | { readonly skip: string; readonly otherEngine?: true };

/** The account a global cluster belongs to: its own ARN has no region (`arn:aws:rds::ACCOUNT:global-cluster:ID`), its members' ARNs name one too. */
function accountOf(arn: string | undefined, members: readonly Member[]): string | undefined {
  const own = arn === undefined ? undefined : parseArn(arn)?.account;
  if (own) return own;
  for (const m of members) {
    const account = parseArn(m.cluster)?.account;
    if (account) return account;
  }
  return undefined;
}

/**
 * One entry of `aws rds describe-global-clusters` (`GlobalClusters[]`): its identifier and, per
 * GlobalClusterMembers entry, the member cluster's ARN, whether it is the primary (IsWriter) and
 * its region (from the ARN). A member without IsWriter leaves that unknown; one without a
 * DBClusterArn makes the entry unreadable, since which cluster it is cannot be told.
 */
export function readGlobalCluster(raw: unknown, location: SourceLocation): GlobalClusterRead {
  const file = location.file ?? "the describe-global-clusters output";
  if (!isRecord(raw)) return { skip: `skipped an entry of GlobalClusters in ${file}: it is not an object` };
  const id = plainString(raw, "GlobalClusterIdentifier");
  if (id === undefined) return { skip: `skipped an entry of GlobalClusters in ${file}: it has no GlobalClusterIdentifier` };
  const engine = plainString(raw, "Engine");
  const other = engine === undefined ? undefined : nonRdsEngineName(engine);
  if (other !== undefined) return { skip: `skipped global cluster ${id} (engine ${engine}): ${other} is not RDS or Aurora`, otherEngine: true };
  const list = raw["GlobalClusterMembers"];
  if (!Array.isArray(list)) return { skip: `skipped global cluster ${id} in ${file}: GlobalClusterMembers is not a list` };
  const members: Member[] = [];
  for (const m of list) {
    const arn = isRecord(m) ? plainString(m, "DBClusterArn") : undefined;
    if (!isRecord(m) || arn === undefined) return { skip: `skipped global cluster ${id} in ${file}: a member has no DBClusterArn` };
    if (members.some((x) => x.cluster === arn)) continue;
    const writer = m["IsWriter"];
    const region = parseArn(arn)?.region || undefined;
    members.push({
      cluster: arn,
      isWriter: typeof writer === "boolean" ? knownBoolean(writer) : unknown(`IsWriter of member ${arn} of global cluster ${id} is not in the describe-global-clusters output`),
      ...(region === undefined ? {} : { region }),
    });
  }
  const arn = plainString(raw, "GlobalClusterArn");
  const account = accountOf(arn, members);
  const item: GlobalCluster = { id, members, ...(arn === undefined ? {} : { address: arn }), location };
  return { key: arn ?? `${account ?? ""}:${id}`, item, account };
}

/** A DBCluster that names its global database itself (DBCluster.GlobalClusterIdentifier). */
export interface ClaimedMembership {
  readonly globalClusterId: string;
  /** The cluster's ARN, or its identifier when the output has no ARN. */
  readonly cluster: string;
  readonly account: string | undefined;
  readonly region: string | undefined;
  readonly location: SourceLocation;
}

/** The membership a DBCluster entry claims, if it names a global database. */
export function claimedMembership(raw: unknown, location: SourceLocation): ClaimedMembership | undefined {
  if (!isRecord(raw)) return undefined;
  const named = plainString(raw, "GlobalClusterIdentifier");
  if (named === undefined || named === "") return undefined;
  // moto puts the global cluster's ARN here (arn:aws:rds::ACCOUNT:global-cluster:ID); AWS the identifier.
  const globalClusterId = named.startsWith("arn:") && named.includes(":global-cluster:") ? named.slice(named.lastIndexOf(":global-cluster:") + ":global-cluster:".length) : named;
  const arn = plainString(raw, "DBClusterArn");
  const cluster = arn ?? plainString(raw, "DBClusterIdentifier");
  if (cluster === undefined) return undefined;
  const parts = arn === undefined ? undefined : parseArn(arn);
  return { globalClusterId, cluster, account: parts?.account || undefined, region: parts?.region || undefined, location };
}

function sameCluster(member: string, claimed: ClaimedMembership): boolean {
  if (member === claimed.cluster) return true;
  // An identifier-only claim matches the member ARN ending in `:cluster:ID`, in the claim's account and region when known.
  const parts = parseArn(member);
  return (
    !claimed.cluster.startsWith("arn:") &&
    member.endsWith(`:cluster:${claimed.cluster}`) &&
    (claimed.account === undefined || parts?.account === claimed.account) &&
    (claimed.region === undefined || parts?.region === claimed.region)
  );
}

/** A listed global cluster with the account it belongs to (for matching claims across accounts). */
export interface ListedGlobalCluster {
  readonly item: GlobalCluster;
  readonly account: string | undefined;
}

/**
 * The global clusters of the inputs: what describe-global-clusters listed (complete in `scopes`),
 * plus the memberships DBClusters claim that it does not list (an older describe-global-clusters
 * file, or none at all). Such a member joins its global database with IsWriter unknown: only
 * describe-global-clusters says which member is the primary. Without any describe-global-clusters
 * output the claims are facts but complete nowhere (no scope): a cluster that names no global
 * database may still be in one (older AWS CLI versions do not print the field).
 */
export function globalClustersResult(
  listed: { readonly items: readonly ListedGlobalCluster[]; readonly scopes: Scoped<GlobalCluster>["scopes"] } | undefined,
  claims: readonly ClaimedMembership[],
  noInput: string,
): Value<Scoped<GlobalCluster>> {
  if (listed === undefined && claims.length === 0) return unknown(noInput);
  const out = (listed?.items ?? []).map((x) => ({ account: x.account, item: { ...x.item, members: [...x.item.members] } }));
  for (const c of claims) {
    let global = out.find(
      (g) => g.item.id.toLowerCase() === c.globalClusterId.toLowerCase() && (c.account === undefined || g.account === undefined || g.account === c.account),
    );
    if (global === undefined) {
      global = { account: c.account, item: { id: c.globalClusterId, members: [], location: c.location } };
      out.push(global);
    }
    if (global.item.members.some((m) => sameCluster(m.cluster, c))) continue;
    global.item.members.push({
      cluster: c.cluster,
      isWriter: unknown(
        `describe-db-clusters names ${c.cluster} a member of global database ${c.globalClusterId}, but no describe-global-clusters output among the inputs lists it, ` +
          "so whether it is the primary is unknown; add the output of aws rds describe-global-clusters",
      ),
      ...(c.region === undefined ? {} : { region: c.region }),
    });
  }
  return known({ items: out.map((g) => g.item), scopes: listed?.scopes ?? [] });
}
