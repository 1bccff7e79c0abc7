// failover.target_other_az: the reader a failover would promote runs outside the writer's Availability Zone.
import { ISO_A_8_14, REL11_BP02 } from "../control-catalog.js";
import type { Instance, Resource } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { failoverTargets } from "../../facts/failover.js";
import { compareClassSize, sameClass, type ClassParser } from "../../facts/instance-class.js";
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
    sameAzRetierResize:
      "{{targets}} {{is}} in the writer's AZ {{writerAz}}: an outage of {{writerAz}} takes the writer and its preferred replacement down together; " +
      'set instance_class = "{{writerClass}}" (now {{chosenClass}}, smaller than the writer) and promotion_tier = 0 on {{chosen}}{{moved}}',
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
          const { remedies, messageId, data } = proposeFix(resource, t.readers, writerText, t.writer ?? undefined, ctx.facts.parse.instanceClass);
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
 * The reader outside the writer's AZ that becomes the failover target, so that no other failover rule
 * breaks: one of the writer's own class first (passes failover.target_class in every mode), then the
 * largest at least the writer's size, then the largest, grown to the writer's class. Among equals, the
 * one Aurora already ranks first (fewest changes). Unknown classes leave Aurora's own order.
 */
function chooseTarget(
  resource: Resource,
  outside: readonly Instance[],
  writerClass: string | undefined,
  parse: ClassParser,
): { chosen: Instance; grow?: { from: string; to: string } } {
  const order = failoverTargets(resource, outside, parse).certain;
  const rankInAurora = (r: Instance) => (order.includes(r) ? 0 : 1);
  const classOf = (r: Instance) => (r.instanceClass.known ? r.instanceClass.value : undefined);
  const vsWriter = (r: Instance): number | undefined => {
    const c = classOf(r);
    if (c === undefined || writerClass === undefined) return undefined;
    const cmp = compareClassSize(c, writerClass, parse);
    return cmp.known ? cmp.value : undefined;
  };
  const group = (r: Instance): number => {
    const c = classOf(r);
    if (c !== undefined && writerClass !== undefined) {
      const same = sameClass(c, writerClass, parse);
      if (same.known && same.value) return 0;
    }
    const cmp = vsWriter(r);
    return cmp === undefined ? 3 : cmp >= 0 ? 1 : 2;
  };
  const larger = (a: Instance, b: Instance): number => {
    const ca = classOf(a);
    const cb = classOf(b);
    if (ca === undefined || cb === undefined) return 0;
    const cmp = compareClassSize(ca, cb, parse);
    return cmp.known ? cmp.value : 0;
  };
  const tierOf = (r: Instance) => (r.promotionTier.known ? r.promotionTier.value : 15);
  const chosen = [...outside].sort((a, b) => group(a) - group(b) || larger(b, a) || rankInAurora(a) - rankInAurora(b) || tierOf(a) - tierOf(b))[0]!;
  const cmp = vsWriter(chosen);
  return cmp !== undefined && cmp < 0 && writerClass !== undefined ? { chosen, grow: { from: classOf(chosen)!, to: writerClass } } : { chosen };
}

/**
 * For Aurora, prefer re-ranking over new instances: the reader outside the writer's AZ that
 * chooseTarget picks gets tier 0 (and the writer's class when it is smaller; the writer is never
 * resized), and same-AZ readers that could tie with it move to tier 1. Without such a reader, add one.
 */
function proposeFix(
  resource: Resource,
  readers: readonly Instance[],
  writerAz: string,
  writer: Instance | undefined,
  parse: ClassParser,
): {
  remedies: Remedy[];
  messageId: "sameAzRetier" | "sameAzRetierResize" | "sameAzAddReader" | "sameAzInstance" | "sameAzMultiAzCluster";
  data?: MessageData;
} {
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
  const writerClass = writer?.instanceClass.known ? writer.instanceClass.value : undefined;
  const { chosen, grow } = chooseTarget(resource, outside, writerClass, parse);
  const tierOf = (r: Instance) => (r.promotionTier.known ? r.promotionTier.value : null);
  const set: SetAttribute[] = [];
  if (grow !== undefined) {
    set.push(
      setAttribute(
        { attribute: "instance_class", from: grow.from, to: grow.to, resourceType: "aws_rds_cluster_instance", instance: chosen.id },
        { writer: false, id: chosen.id },
      ),
    );
  }
  if (tierOf(chosen) !== 0) {
    set.push(setAttribute({ attribute: "promotion_tier", from: tierOf(chosen), to: 0, resourceType: "aws_rds_cluster_instance", instance: chosen.id, bound: "ceiling" }));
  }
  const moved: string[] = [];
  for (const r of readers) {
    if (outside.includes(r)) continue;
    const tier = tierOf(r);
    if (tier === null || tier === 0) {
      set.push(setAttribute({ attribute: "promotion_tier", from: tier, to: 1, resourceType: "aws_rds_cluster_instance", instance: r.id, bound: "ceiling" }));
      moved.push(r.id);
    }
  }
  const movedText = moved.length > 0 ? ` and promotion_tier = 1 on ${moved.join(", ")}` : "";
  return {
    remedies: [{ kind: "change-topology", set }],
    messageId: grow !== undefined ? "sameAzRetierResize" : "sameAzRetier",
    data: { chosen: chosen.id, moved: movedText, ...(grow !== undefined ? { chosenClass: grow.from, writerClass: grow.to } : {}) },
  };
}
