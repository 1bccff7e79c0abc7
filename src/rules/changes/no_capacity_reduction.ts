// changes.no_capacity_reduction: a change never leaves fewer readers or fewer AZs than before (Terraform plans only).
import type { Instance, Resource } from "../../model/resource.js";
import { CHANGE_MESSAGES, changeApplicable, judgeExistingChange } from "../lib/changes.js";
import { counted, listWords } from "../lib/instances.js";
import type { Facts } from "../../facts/index.js";
import { azSpread } from "../../facts/topology.js";
import { allOf, fail, pass, unknownVerdict } from "../lib/verdict.js";
import { manual, type Remedy } from "../remedy.js";
import { defineRule, type Verdict } from "../types.js";

const ID = "changes.no_capacity_reduction";

const MESSAGES = {
  ...CHANGE_MESSAGES,
  created: "the plan creates {{resource}}: there is no current capacity to reduce",
  destroyedWithInstances:
    "the plan destroys {{address}} ({{resource}}) and {{instances}} with it: nothing is left to serve or to fail over to; " +
    "remove the destroy from the plan, or retire the database on purpose (final snapshot, a waiver naming it)",
  multiAzCluster: "{{resource}} is a Multi-AZ DB cluster: AWS always runs a writer and two readers in three AZs, which a plan cannot reduce",
  fewerReaders:
    "{{resource}} goes from {{was}} to {{readers}}{{removed}}: failover has fewer instances to promote, and with none left a writer failure means recreating it; " +
    "keep the readers, adding new ones before removing old ones",
  fewerAzs: "{{resource}} goes from {{was}} AZs ({{wasAzs}}) to {{now}} ({{nowAzs}}): an outage of {{outage}}; keep an instance in {{lost}}",
  kept: "{{resource}} keeps {{readers}} (was {{wasReaders}}) and {{azs}} (was {{wasAzs}})",
} as const;
type MessageId = keyof typeof MESSAGES;

interface Capacity {
  readonly readers: number;
  readonly instances: readonly Instance[];
}

/** Readers and the instances that hold the compute (the standby of a Multi-AZ instance included). */
function capacityOf(resource: Resource, facts: Facts): { known: true; value: Capacity } | { known: false; reason: string } {
  const topologies = facts.of(resource).topologies;
  if (!topologies.known) return topologies;
  // Every candidate writer leaves the same set of instances; the fewest readers is the safe count.
  const readers = topologies.value.reduce((m, t) => Math.min(m, t.readers.length), Infinity);
  const first = topologies.value[0]!;
  return { known: true, value: { readers, instances: [...(first.writer ? [first.writer] : []), ...first.readers] } };
}

/** A cluster or instance the plan destroys outright: everything it runs goes. */
function destroyedVerdict(resource: Resource, before: Resource): Verdict<MessageId> {
  const instances = before.instances.known ? before.instances.value : undefined;
  const azs = instances === undefined ? undefined : azSpread(instances).azs;
  const now =
    instances === undefined
      ? "its instances"
      : `${counted(instances.length, "instance")}${azs !== undefined && azs.length > 0 ? ` in ${counted(azs.length, "AZ")} (${azs.join(", ")})` : ""}`;
  return fail(
    "destroyedWithInstances",
    { address: resource.address ?? resource.id, resource: resource.id, instances: now },
    {
      expected: "the database kept",
      actual: "destroyed",
      evidence: [{ field: `${resource.address ?? resource.id}.actions`, value: resource.change?.actions ?? ["delete"] }],
    },
  );
}

export const noCapacityReduction = defineRule<boolean>()({
  id: ID,
  group: "changes",
  title: "A change never leaves fewer readers or fewer AZs than before",
  why: "Removing readers or collapsing AZs lowers the number of failures the database survives; a plan can do it quietly while the end state still looks acceptable.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: changeApplicable,
  inspects: { api: [], terraform: ["aws_rds_cluster_instance (count)", "aws_rds_cluster_instance.availability_zone"] },
  fixHint: "Keep the existing readers and their AZs in the plan; add new instances before removing old ones.",
  // A change rule judges a plan's transitions, not a state a control describes.
  controls: [],
  judgedFrom: "plan",
  optionSchema: { type: "boolean" },
  example: true,
  messages: MESSAGES,
  check(resource, enabled, ctx) {
    return judgeExistingChange(resource, enabled, ID, (change, before) => {
      if (resource.kind === "multi-az-cluster") return pass("multiAzCluster", { resource: resource.id });
      const was = capacityOf(before, ctx.facts);
      if (!was.known) return unknownVerdict(`the current instances of ${resource.id} are unknown: ${was.reason}`);
      const now = capacityOf(resource, ctx.facts);
      if (!now.known) return unknownVerdict(`the planned instances of ${resource.id} are unknown: ${now.reason}`);

      const removed = change.instances
        .filter((c) => c.actions.includes("delete") && !c.actions.includes("create"))
        .map((c) => (c.deposed === undefined ? c.instanceId : `${c.instanceId} (a deposed object an earlier replacement left running)`));
      const verdicts: Verdict<MessageId>[] = [];
      if (now.value.readers < was.value.readers) {
        // The plan is what changes: keeping what it removes is the user's edit, not an attribute to set.
        const remedies: Remedy[] = [
          resource.kind === "instance"
            ? manual("false -> true", "multi_az")
            : manual(removed.length > 0 ? `keep ${listWords(removed)} in the plan, or add replacements before removing them` : "keep the readers' count", "aws_rds_cluster_instance"),
        ];
        verdicts.push(
          fail(
            "fewerReaders",
            {
              resource: resource.id,
              was: was.value.readers,
              readers: counted(now.value.readers, "reader"),
              removed: removed.length > 0 ? ` (the plan removes ${listWords(removed)})` : "",
            },
            { expected: `>= ${was.value.readers} readers`, actual: now.value.readers, diff: { attribute: "readers", from: String(now.value.readers), to: `>= ${was.value.readers}` }, remedies },
          ),
        );
      }
      const wasAz = azSpread(was.value.instances);
      const nowAz = azSpread(now.value.instances);
      const wasMin = wasAz.azs.length;
      const wasMax = wasMin + wasAz.unknownReasons.length;
      const nowMin = nowAz.azs.length;
      const nowMax = nowMin + nowAz.unknownReasons.length;
      if (nowMax < wasMin) {
        const lost = wasAz.azs.filter((az) => !nowAz.azs.includes(az));
        verdicts.push(
          fail(
            "fewerAzs",
            {
              resource: resource.id,
              was: wasMin,
              wasAzs: wasAz.azs.join(", "),
              now: nowMax,
              nowAzs: nowAz.azs.join(", ") || "none",
              outage: nowMax <= 1 ? "one AZ now takes all its compute down" : "an AZ now takes a larger share of its compute down",
              lost: listWords(lost),
            },
            {
              expected: `>= ${wasMin} AZs`,
              actual: nowMax,
              diff: { attribute: "availability zones", from: String(nowMax), to: `>= ${wasMin}` },
              remedies: [manual(`keep an instance in ${listWords(lost)}`, "availability_zone")],
            },
          ),
        );
      } else if (nowMin < wasMax) {
        const reasons = [...wasAz.unknownReasons, ...nowAz.unknownReasons];
        verdicts.push(unknownVerdict(`${resource.id} spans ${wasMin} AZ${wasMin === 1 ? "" : "s"} today and at least ${nowMin} after the change, and the rest cannot be told: ${reasons.join("; ")}`));
      }
      const kept = {
        resource: resource.id,
        readers: counted(now.value.readers, "reader"),
        wasReaders: was.value.readers,
        azs: counted(nowMin, "AZ"),
        wasAzs: wasMin,
      };
      return allOf(verdicts, pass("kept", kept, {
        expected: { readers: was.value.readers, azs: wasMin },
        actual: { readers: now.value.readers, azs: nowMin },
      }));
    }, (_change, before) => destroyedVerdict(resource, before));
  },
});
