// Aurora Global Database membership: which global cluster a resource belongs to, whether it is the primary, and its secondaries.
import type { GlobalCluster, Scoped } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import { known, unknown, type Value } from "../model/value.js";
import { placeLabel, sameWhenGiven, both, scopeCovers, type Match } from "./place.js";

/** One member cluster of a global database, as the data lists it. */
export type GlobalMember = GlobalCluster["members"][number];

/** Where a resource stands in its Aurora Global Database. */
export interface GlobalMembership {
  readonly global: GlobalCluster;
  /** The resource's own entry in `global.members`. */
  readonly member: GlobalMember;
  /** Whether the resource is the primary (writer) cluster. */
  readonly primary: boolean;
  /** The other members, which a primary can fail over to (for a secondary: the other secondaries and the primary). */
  readonly others: readonly GlobalMember[];
  /** For a primary: the members known not to write (the secondaries); empty for a secondary. */
  readonly secondaries: readonly GlobalMember[];
}

/** `arn:aws:rds:REGION:ACCOUNT:cluster:ID` → its parts; null for anything else (an identifier from IaC). */
function clusterArn(text: string): { region: string; account: string; id: string } | null {
  const m = /^arn:aws[\w-]*:rds:([^:]*):([^:]*):cluster:(.+)$/i.exec(text.trim());
  return m ? { region: m[1]!, account: m[2]!, id: m[3]! } : null;
}

/** The member's cluster identifier, lower-cased: the ARN's last part, or the identifier itself. */
function memberId(member: GlobalMember): string {
  return (clusterArn(member.cluster)?.id ?? member.cluster).trim().toLowerCase();
}

/** Whether `member` is `resource`: same ARN or address; else same identifier in the same place (a missing place is a wildcard). */
function memberIs(member: GlobalMember, resource: Resource): Match {
  const name = member.cluster.trim();
  if (name === resource.address) return "yes";
  if (memberId(member) !== resource.id.toLowerCase()) return "no";
  const arn = clusterArn(name);
  const region = arn?.region || member.region;
  const account = arn?.account || undefined;
  return both(sameWhenGiven(region, resource.region), sameWhenGiven(account, resource.account));
}

/** The global clusters of one inventory, indexed by member cluster identifier. */
export class GlobalClusterIndex {
  private readonly byId = new Map<string, { global: GlobalCluster; member: GlobalMember }[]>();

  constructor(private readonly data: Scoped<GlobalCluster>) {
    for (const global of data.items) {
      for (const member of global.members) {
        const id = memberId(member);
        const list = this.byId.get(id);
        if (list) list.push({ global, member });
        else this.byId.set(id, [{ global, member }]);
      }
    }
  }

  /** The resource's membership; null when the data covers its place and it is in no global cluster; unknown when the data cannot say. */
  membershipOf(resource: Resource): Value<GlobalMembership | null> {
    if (resource.kind !== "aurora-cluster") return known(null);
    const matches = (this.byId.get(resource.id.toLowerCase()) ?? []).map((x) => ({ ...x, match: memberIs(x.member, resource) }));
    const yes = matches.filter((x) => x.match === "yes");
    if (yes.length > 1) {
      return unknown(`${resource.id} is listed as a member of ${yes.length} global clusters (${yes.map((x) => x.global.id).join(", ")})`);
    }
    const found = yes[0];
    if (found === undefined) {
      const maybe = matches.filter((x) => x.match === "maybe");
      if (maybe.length > 0) {
        return unknown(
          `global cluster ${maybe.map((x) => x.global.id).join(", ")} lists a member named ${resource.id}, but ${resource.id}'s ${placeLabel(resource)} is not all in the data`,
        );
      }
      if (scopeCovers(this.data, resource) !== "yes") {
        return unknown(`the Aurora Global Databases of ${placeLabel(resource)} were not read`);
      }
      return known(null);
    }
    const { global, member } = found;
    if (!member.isWriter.known) return unknown(`whether ${resource.id} is the primary of global cluster ${global.id} is unknown: ${member.isWriter.reason}`);
    const others = global.members.filter((m) => m !== member);
    const secondaries = member.isWriter.value ? others.filter((m) => m.isWriter.known && !m.isWriter.value) : [];
    return known({ global, member, primary: member.isWriter.value, others, secondaries });
  }
}

/** The member's cluster identifier as written (the ARN's last part, or the identifier). */
export function memberName(member: GlobalMember): string {
  return clusterArn(member.cluster)?.id ?? member.cluster;
}
