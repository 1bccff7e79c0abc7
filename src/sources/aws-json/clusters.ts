// DBClusters: Aurora and Multi-AZ DB clusters as resource facts awaiting their members and parameters.
import type { Endpoints, Resource, ResourceKind, SourceLocation } from "../../model/resource.js";
import { clusterImportAttributes } from "./import-attributes.js";
import { known, unknown, type Unknown, type Value } from "../../model/value.js";
import { parseArn, regionFromAz } from "./arn.js";
import { clusterKind, nonRdsEngineName } from "./engines.js";
import {
  booleanField,
  isRecord,
  KNOWN_EMPTY_LIST,
  KNOWN_NULL,
  KNOWN_ZERO,
  knownBoolean,
  nullableStringField,
  numberField,
  plainString,
  stringField,
  tagsField,
  wrongTypeReason,
  type Raw,
  type Where,
} from "./fields.js";
import type { MemberFacts } from "./instances.js";
import { timeField } from "./normalize.js";

/** A cluster resource without its instances and parameter group, which other inputs complete. */
export type ClusterBase = Omit<Resource, "instances" | "clusterParameterGroup">;

export interface ClusterFacts {
  readonly id: string;
  readonly region: string | undefined;
  readonly account: string | undefined;
  readonly base: ClusterBase;
  readonly members: readonly MemberFacts[] | Unknown;
  /** DBClusterParameterGroup name. */
  readonly parameterGroup: Value<string>;
}

/** A DBCluster haspec does not check; its member instances are skipped with it. */
export interface SkippedCluster {
  readonly id: string | undefined;
  readonly region: string | undefined;
  readonly account: string | undefined;
  readonly note: string;
  /** Read, and skipped on purpose (an engine haspec does not judge), rather than unreadable. */
  readonly otherEngine?: true;
}

export type ClusterRead = { readonly ok: true; readonly facts: ClusterFacts } | ({ readonly ok: false } & SkippedCluster);

/** Dedup key: the ARN, or the identifier when there is none. */
export function clusterKey(raw: Raw): string | undefined {
  const arn = plainString(raw, "DBClusterArn");
  if (arn !== undefined) return arn;
  const id = plainString(raw, "DBClusterIdentifier");
  return id === undefined ? undefined : `id:${id}`;
}

function readMembers(raw: Raw, where: Where): readonly MemberFacts[] | Unknown {
  const list = raw["DBClusterMembers"];
  if (list === undefined || list === null) return unknown(`DBClusterMembers is not in the ${where.output} output for ${where.id}`);
  if (!Array.isArray(list)) return unknown(wrongTypeReason("DBClusterMembers", "a list", list, where));
  const members: MemberFacts[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const m: unknown = list[i];
    const id = isRecord(m) ? plainString(m, "DBInstanceIdentifier") : undefined;
    if (!isRecord(m) || id === undefined) {
      return unknown(wrongTypeReason(`DBClusterMembers[${i}]`, "an object with a DBInstanceIdentifier", isRecord(m) ? m["DBInstanceIdentifier"] : m, where));
    }
    if (seen.has(id)) continue;
    seen.add(id);
    const memberWhere: Where = { output: where.output, id: `${where.id} member ${id}` };
    members.push({
      id,
      isWriter: booleanField(m, "IsClusterWriter", memberWhere),
      promotionTier: m["PromotionTier"] === undefined || m["PromotionTier"] === null ? undefined : numberField(m, "PromotionTier", memberWhere),
      clusterParameterGroupStatus: stringField(m, "DBClusterParameterGroupStatus", memberWhere),
    });
  }
  return members;
}

function customEndpoints(raw: Raw, where: Where): Value<readonly string[]> {
  const list = raw["CustomEndpoints"];
  if (list === undefined || list === null) return KNOWN_EMPTY_LIST; // AWS omits the key when there are none
  if (Array.isArray(list) && list.every((x) => typeof x === "string")) return known(list as string[]);
  return unknown(wrongTypeReason("CustomEndpoints", "a list of host names", list, where));
}

/** BacktrackWindow: AWS omits it when backtrack is off, so absent means 0 (which never passes a minimum). */
function backtrackWindow(raw: Raw, where: Where): Value<number> {
  const x = raw["BacktrackWindow"];
  return x === undefined || x === null ? KNOWN_ZERO : numberField(raw, "BacktrackWindow", where);
}

/** Cluster-level AutoMinorVersionUpgrade: only some clusters carry it, so absent is known(null). */
function clusterAutoMinor(raw: Raw, where: Where): Value<boolean | null> {
  const x = raw["AutoMinorVersionUpgrade"];
  if (x === undefined || x === null) return KNOWN_NULL;
  if (typeof x === "boolean") return knownBoolean(x);
  return unknown(wrongTypeReason("AutoMinorVersionUpgrade", "true or false", x, where));
}

/**
 * Region for a cluster whose ARN does not say: the cluster's AvailabilityZones list names AZs of its
 * region. (It is used for the region only, never for where instances run.)
 */
function regionFromClusterAzs(raw: Raw): string | undefined {
  const azs = raw["AvailabilityZones"];
  const first: unknown = Array.isArray(azs) ? azs[0] : undefined;
  return typeof first === "string" ? regionFromAz(first) : undefined;
}

/** Reads one DBCluster; `ok: false` for clusters haspec skips (Neptune, DocumentDB, malformed). */
export function readCluster(raw: Raw, location: SourceLocation): ClusterRead {
  const id = plainString(raw, "DBClusterIdentifier");
  const arn = plainString(raw, "DBClusterArn");
  const parts = arn === undefined ? undefined : parseArn(arn);
  const region = parts?.region || regionFromClusterAzs(raw);
  const account = parts?.account || undefined;
  if (id === undefined) {
    return { ok: false, id, region, account, note: `skipped a DBCluster in ${location.file} without a DBClusterIdentifier` };
  }
  const engine = plainString(raw, "Engine");
  if (engine === undefined) {
    return { ok: false, id, region, account, note: `skipped cluster ${id} (${location.file}): it has no Engine` };
  }
  const other = nonRdsEngineName(engine);
  const kind: ResourceKind | undefined = other === undefined ? clusterKind(engine) : undefined;
  if (kind === undefined) {
    const why = other !== undefined ? `${other} is not RDS or Aurora` : "it is neither an Aurora cluster nor a Multi-AZ DB cluster (engine mysql or postgres)";
    return { ok: false, id, region, account, note: `skipped cluster ${id} (engine ${engine}): ${why}`, otherEngine: true };
  }
  const where: Where = { output: "describe-db-clusters", id };
  const arnReason = arn === undefined ? `DBClusterArn is not in the describe-db-clusters output for ${id}` : `DBClusterArn ${JSON.stringify(arn)} of ${id} is not an ARN`;
  const endpoints: Endpoints = {
    cluster: nullableStringField(raw, "Endpoint", where),
    reader: nullableStringField(raw, "ReaderEndpoint", where),
    custom: customEndpoints(raw, where),
  };
  const base: ClusterBase = {
    id,
    kind,
    engine,
    engineVersion: stringField(raw, "EngineVersion", where),
    region: region ? known(region) : unknown(arnReason),
    account: account ? known(account) : unknown(arnReason),
    address: arn !== undefined && parts !== undefined ? arn : id,
    location,
    tags: tagsField(raw, where),
    endpoints,
    backupRetentionDays: numberField(raw, "BackupRetentionPeriod", where),
    deletionProtection: booleanField(raw, "DeletionProtection", where),
    copyTagsToSnapshot: booleanField(raw, "CopyTagsToSnapshot", where),
    backtrackWindowSeconds: backtrackWindow(raw, where),
    latestRestorableTime: timeField(raw, "LatestRestorableTime", where),
    preferredBackupWindow: stringField(raw, "PreferredBackupWindow", where),
    preferredMaintenanceWindow: stringField(raw, "PreferredMaintenanceWindow", where),
    autoMinorVersionUpgrade: clusterAutoMinor(raw, where),
    importAttributes: clusterImportAttributes(raw, kind === "multi-az-cluster"),
  };
  return {
    ok: true,
    facts: { id, region, account, base, members: readMembers(raw, where), parameterGroup: stringField(raw, "DBClusterParameterGroup", where) },
  };
}
