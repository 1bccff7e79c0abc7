// Judging and wording the failover target(s) the facts name, and the no-reader verdict every failover.* rule shares.
import type { FailoverTargets } from "../../facts/failover.js";
import type { Instance, Resource } from "../../model/resource.js";
import type { Value } from "../../model/value.js";
import { setAttribute, type Remedy } from "../remedy.js";
import type { Verdict } from "../types.js";
import { fail } from "./verdict.js";

/** The outcome of checking a condition on the failover target(s), before it is worded as a verdict. */
export type TargetJudgement =
  | { readonly outcome: "no-reader" }
  | { readonly outcome: "pass"; readonly targets: readonly Instance[] }
  /** `failing`: targets known to break the condition; at least one of them is promoted whatever the unknowns are. */
  | { readonly outcome: "fail"; readonly failing: readonly Instance[]; readonly targets: readonly Instance[] }
  | { readonly outcome: "unknown"; readonly reason: string; readonly targets: readonly Instance[] };

/**
 * Checks `holds` on the failover target(s) (the facts' `failover` of a topology): pass when every reader that could be promoted satisfies
 * it (ties included), fail when a failing reader is promoted whatever the unknown values are, and
 * unknown otherwise. `holds` returns known(true/false) or unknown with its reason.
 */
export function judgeFailoverTargets(targets: FailoverTargets, holds: (target: Instance) => Value<boolean>): TargetJudgement {
  if (targets.readers.length === 0) return { outcome: "no-reader" };
  const { certain, possible, uncertainty } = targets;
  const results = new Map(possible.map((r) => [r, holds(r)] as const));
  const isKnown = (r: Instance, want: boolean) => {
    const v = results.get(r);
    return v !== undefined && v.known && v.value === want;
  };
  if (possible.every((r) => isKnown(r, true))) return { outcome: "pass", targets: possible };
  const certainFailing = certain.filter((r) => isKnown(r, false));
  if (certainFailing.length > 0) return { outcome: "fail", failing: certainFailing, targets: possible };
  if (possible.every((r) => isKnown(r, false))) return { outcome: "fail", failing: possible, targets: possible };

  const reasons: string[] = [];
  for (const r of possible) {
    const v = results.get(r);
    if (v && !v.known) reasons.push(`${r.id}: ${v.reason}`);
  }
  if (uncertainty.length > 0) {
    const notHolding = possible.filter((r) => !isKnown(r, true)).map((r) => r.id);
    reasons.push(
      `which reader would be promoted depends on unknown values (${uncertainty.join("; ")}), ` +
        `and ${notHolding.join(", ")} might not satisfy the rule`,
    );
  }
  return { outcome: "unknown", reason: reasons.join("; "), targets: possible };
}

/** A single value when there is one target, the list when readers tie: the report's `actual`. */
export function oneOrMany<T>(values: readonly T[]): T | readonly T[] {
  return values.length === 1 ? values[0]! : values;
}

/**
 * "the failover target X" for one reader, "the failover targets X, Y (…)" when Aurora may pick any of
 * several, and "X, one of the N readers a failover may promote," when only some of `among` are meant.
 */
export function targetsPhrase(targets: readonly Instance[], among: readonly Instance[] = targets): string {
  const list = targets.map(describeTarget).join(", ");
  if (among.length > targets.length) return `${list}, ${targets.length === 1 ? "one" : "some"} of the ${among.length} readers a failover may promote,`;
  return targets.length === 1 ? `the failover target ${list}` : `the failover targets ${list} (any of them may be promoted)`;
}

/** The instance a failover could land on, as "<id> (<class>, <AZ>, tier <n>)" for messages. */
export function describeTarget(target: Instance): string {
  const parts = [
    target.instanceClass.known ? target.instanceClass.value : "class unknown",
    target.availabilityZone.known ? target.availabilityZone.value : "AZ unknown",
  ];
  if (target.promotionTier.known) parts.push(`tier ${target.promotionTier.value}`);
  return `${target.id} (${parts.join(", ")})`;
}

/** The change that adds readers (or a Multi-AZ standby); empty when no attribute can (Multi-AZ DB clusters). */
export function addReaderFix(resource: Resource, count: number, where?: string): Remedy[] {
  const place = where ? ` ${where}` : "";
  if (resource.kind === "instance") {
    return [
      setAttribute({
        attribute: "multi_az",
        from: false,
        to: true,
        resourceType: "aws_db_instance",
        note:
          count > 1
            ? "a Multi-AZ DB instance has exactly one standby; more readers need a Multi-AZ DB cluster or Aurora"
            : `adds a synchronous standby${place}`,
      }),
    ];
  }
  // A Multi-AZ DB cluster's shape (one writer, two readers) is fixed by AWS: no attribute adds readers.
  if (resource.kind === "multi-az-cluster") return [];
  return [
    {
      kind: "change-topology",
      readers: count,
      note: `add ${count} reader instance${count === 1 ? "" : "s"}${place} (aws_rds_cluster_instance with cluster_identifier = "${resource.id}")`,
    },
  ];
}

/**
 * Templates every failover.* rule declares (`messages: { ...NO_READER_MESSAGES, … }`) for noReaderVerdict:
 * nothing to fail over to. Aurora then recreates the writer (typically under 10 minutes, in the same AZ).
 */
export const NO_READER_MESSAGES = {
  noReaderAurora:
    "no reader: a failover has nothing to promote, so Aurora recreates the writer, typically in under 10 minutes and in the same AZ; add a reader instance (aws_rds_cluster_instance)",
  noReaderInstance: "no reader: a single-AZ instance has no standby to fail over to; set multi_az = true",
  noReaderMultiAzCluster: "no reader: a failover has nothing to promote; a Multi-AZ DB cluster normally runs two readers: check the members' state",
} as const;

export type NoReaderMessageId = keyof typeof NO_READER_MESSAGES;

/** The verdict every failover.* rule gives a resource with no reader (see NO_READER_MESSAGES). */
export function noReaderVerdict(resource: Resource, details: { expected: unknown }): Verdict<NoReaderMessageId> {
  const messageId = resource.kind === "aurora-cluster" ? "noReaderAurora" : resource.kind === "instance" ? "noReaderInstance" : "noReaderMultiAzCluster";
  return fail(messageId, undefined, {
    expected: details.expected,
    actual: null,
    diff: { attribute: resource.kind === "instance" ? "multi_az" : "readers", from: resource.kind === "instance" ? "false" : "0", to: resource.kind === "instance" ? "true" : ">= 1" },
    remedies: addReaderFix(resource, 1),
    evidence: [{ field: "readers", value: [] }],
  });
}
