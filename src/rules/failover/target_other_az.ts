// failover.target_other_az: the reader a failover would promote runs outside the writer's Availability Zone.
import { ISO_A_8_14, REL11_BP02 } from "../control-catalog.js";
import type { Instance, Resource } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { failoverTargets } from "../../facts/failover.js";
import { judgeFailoverTargets, NO_READER_MESSAGES, noReaderVerdict, oneOrMany, targetsPhrase } from "../lib/failover-target.js";
import { judgeOverWriters } from "../lib/topology.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute, type Remedy, type SetAttribute } from "../remedy.js";
import type { MessageData } from "../messages.js";
import { defineRule } from "../types.js";

export const targetOtherAz = defineRule<boolean>()({
  id: "failover.target_other_az",
  group: "failover",
  title: "The failover target runs outside the writer's Availability Zone",
  why:
    "If the reader Aurora would promote sits in the writer's AZ, an outage of that AZ takes both down, and the " +
    "failover has to fall back to a lower-priority reader, or to none. Aurora promotes the lowest promotion " +
    "tier, then the largest class; when several readers tie, any of them may be picked, so each must be " +
    "outside the writer's AZ. In a Multi-AZ DB cluster any reader may be promoted. `false` sets no requirement.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBInstance.AvailabilityZone", "DBInstance.SecondaryAvailabilityZone", "DBCluster.DBClusterMembers[].PromotionTier"],
    terraform: ["aws_rds_cluster_instance.availability_zone", "aws_rds_cluster_instance.promotion_tier", "aws_db_instance.multi_az"],
  },
  fixHint:
    "Give a reader in another AZ the lowest promotion_tier (and move same-AZ readers to a higher tier), or add an aws_rds_cluster_instance reader in another AZ with promotion_tier = 0.",
  controls: [REL11_BP02, ISO_A_8_14],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    ...NO_READER_MESSAGES,
    notRequired: "the policy does not require the failover target to be outside the writer's AZ",
    outside: "{{targets}} {{is}} outside the writer's {{writerAz}}",
    sameAzRetier:
      "{{targets}} {{is}} in the writer's AZ {{writerAz}}: an outage of {{writerAz}} takes the writer and its preferred replacement down together; " +
      "set promotion_tier = 0 on {{chosen}}{{moved}}",
    sameAzAddReader:
      "{{targets}} {{is}} in the writer's AZ {{writerAz}}: an outage of {{writerAz}} takes the writer and its preferred replacement down together; " +
      "add a reader outside {{writerAz}} with promotion_tier = 0",
    sameAzInstance:
      "{{targets}} {{is}} in the writer's AZ {{writerAz}}: an outage of {{writerAz}} takes the writer and its preferred replacement down together; " +
      "AWS places a Multi-AZ standby in another AZ: check SecondaryAvailabilityZone in the input",
    sameAzMultiAzCluster:
      "{{targets}} {{is}} in the writer's AZ {{writerAz}}: an outage of {{writerAz}} takes the writer and its preferred replacement down together; " +
      "a Multi-AZ DB cluster places its readers in other AZs: check the members' AZs",
  },
  check(resource, required, ctx) {
    if (!required) return pass("notRequired", undefined, { expected: false });
    return judgeOverWriters(ctx.facts.of(resource), (t) => {
      if (t.readers.length === 0) return noReaderVerdict(resource, { expected: true });
      const writerAz: Value<string> = t.writer ? t.writer.availabilityZone : unknown("the cluster has no writer");
      const azOf = (i: Instance) => (i.availabilityZone.known ? i.availabilityZone.value : null);
      const holds = (target: Instance): Value<boolean> => {
        if (!target.availabilityZone.known) return unknown(`${target.id}'s AZ is unknown: ${target.availabilityZone.reason}`);
        if (!writerAz.known) return unknown(`the writer's AZ is unknown: ${writerAz.reason}`);
        return known(target.availabilityZone.value !== writerAz.value);
      };
      const judged = judgeFailoverTargets(t.failover, holds);
      const writerText = writerAz.known ? writerAz.value : "unknown";
      const base = {
        expected: true,
        evidence: [
          ...(t.writer ? [{ field: `${t.writer.id}.AvailabilityZone (writer)`, value: azOf(t.writer) }] : []),
          ...t.readers.map((r) => ({ field: `${r.id}.AvailabilityZone`, value: azOf(r) })),
          ...t.readers.map((r) => ({ field: `${r.id}.PromotionTier`, value: r.promotionTier.known ? r.promotionTier.value : null })),
        ],
      };
      switch (judged.outcome) {
        case "no-reader":
          return noReaderVerdict(resource, { expected: true });
        case "pass":
          return pass("outside", { targets: targetsPhrase(judged.targets), is: judged.targets.length === 1 ? "is" : "are", writerAz: writerText }, {
            ...base,
            actual: oneOrMany(judged.targets.map(azOf)),
          });
        case "unknown":
          return unknownVerdict(judged.reason, { ...base, actual: null });
        case "fail": {
          const { remedies, messageId, data } = proposeFix(resource, t.readers, writerText);
          return fail(
            messageId,
            { targets: targetsPhrase(judged.failing, judged.targets), is: judged.failing.length === 1 ? "is" : "are", writerAz: writerText, ...data },
            {
              ...base,
              actual: oneOrMany(judged.failing.map(azOf)),
              // The line names the instance(s) whose AZ it shows: the target, not the reader the remedy changes.
              diff: { attribute: `availability_zone (failover target ${judged.failing.map((r) => r.id).join(", ")})`, from: writerText, to: `not ${writerText}` },
              remedies,
            },
          );
        }
      }
    });
  },
});

/**
 * For Aurora, prefer re-ranking over new instances: the best reader already outside the writer's AZ
 * gets tier 0 and same-AZ readers that could tie with it move to tier 1. Without such a reader, add one.
 */
function proposeFix(
  resource: Resource,
  readers: readonly Instance[],
  writerAz: string,
): { remedies: Remedy[]; messageId: "sameAzRetier" | "sameAzAddReader" | "sameAzInstance" | "sameAzMultiAzCluster"; data?: MessageData } {
  if (resource.kind !== "aurora-cluster") {
    return { remedies: [], messageId: resource.kind === "instance" ? "sameAzInstance" : "sameAzMultiAzCluster" };
  }
  const outside = readers.filter((r) => r.availabilityZone.known && r.availabilityZone.value !== writerAz);
  if (outside.length === 0) {
    return {
      remedies: [
        {
          kind: "change-topology",
          readers: 1,
          targetOtherAz: true,
          note: `add a reader in an AZ other than ${writerAz} with promotion_tier = 0 and the writer's instance_class`,
        },
      ],
      messageId: "sameAzAddReader",
    };
  }
  const chosen = failoverTargets(resource, outside).certain[0] ?? outside[0]!;
  const tierOf = (r: Instance) => (r.promotionTier.known ? r.promotionTier.value : null);
  const set: SetAttribute[] = [];
  if (tierOf(chosen) !== 0) {
    set.push(setAttribute({ attribute: "promotion_tier", from: tierOf(chosen), to: 0, resourceType: "aws_rds_cluster_instance", instance: chosen.id, bound: "ceiling" }));
  }
  for (const r of readers) {
    if (outside.includes(r)) continue;
    const tier = tierOf(r);
    if (tier === null || tier === 0) {
      set.push(setAttribute({ attribute: "promotion_tier", from: tier, to: 1, resourceType: "aws_rds_cluster_instance", instance: r.id, bound: "ceiling" }));
    }
  }
  const moved = set.filter((f) => f.instance !== chosen.id).map((f) => f.instance);
  return {
    remedies: [{ kind: "change-topology", set }],
    messageId: "sameAzRetier",
    data: { chosen: chosen.id, moved: moved.length > 0 ? ` and promotion_tier = 1 on ${moved.join(", ")}` : "" },
  };
}
