// failover.target_class: the reader a failover would promote is as large as the writer (or the same class).
import { ISO_A_8_14, REL11_BP02 } from "../control-catalog.js";
import type { Instance } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { judgeFailoverTargets, NO_READER_MESSAGES, noReaderVerdict, oneOrMany, targetsPhrase } from "../lib/failover-target.js";
import { compareClassSize, sameClass } from "../../facts/instance-class.js";
import { judgeOverWriters } from "../lib/topology.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { manual, setAttribute, type Remedy, type SetAttribute } from "../remedy.js";
import type { ClassParser } from "../../facts/instance-class.js";
import { defineRule } from "../types.js";

export type TargetClassOption = "same" | "same-or-larger" | "any";

export const targetClass = defineRule<TargetClassOption>()({
  id: "failover.target_class",
  group: "failover",
  title: "The failover target's instance class matches the writer's",
  why:
    "After a failover the promoted reader carries the whole write load. A target smaller than the writer " +
    "turns a 30-second failover into a slow, overloaded database. Aurora promotes the lowest promotion tier, " +
    "then the largest class; when several readers tie, any of them may be picked, so each must qualify. " +
    "Sizes are compared on the size part of the class (large < xlarge < 2xlarge …); `same` also needs the " +
    "same family. Serverless v2 (db.serverless) equals itself and cannot be compared with a provisioned class.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBInstance.DBInstanceClass", "DBCluster.DBClusterMembers[].PromotionTier", "DBCluster.DBClusterMembers[].IsClusterWriter"],
    terraform: ["aws_rds_cluster_instance.instance_class", "aws_rds_cluster_instance.promotion_tier"],
  },
  fixHint: "Set instance_class of the failover target's aws_rds_cluster_instance to the writer's class.",
  controls: [REL11_BP02, ISO_A_8_14],
  optionSchema: { type: "string", enum: ["same", "same-or-larger", "any"] },
  example: "same-or-larger",
  messages: {
    ...NO_READER_MESSAGES,
    anyClass: "{{targets}} exists; the policy accepts any class",
    hasClass: "{{targets}} {{has}} {{wanted}}",
    wrongClass:
      "{{targets}} {{does}} not have {{wanted}}: after a failover the database runs on a {{size}} instance; " +
      'set instance_class = "{{writerClass}}" on {{instances}}',
    wrongClassRetier:
      "{{targets}} {{does}} not have {{wanted}}: after a failover the database runs on a {{size}} instance; " +
      "set promotion_tier = 0 on {{chosen}} ({{chosenClass}}, outside the writer's AZ){{moved}}",
    wrongClassFixedByCluster:
      "{{targets}} {{does}} not have {{wanted}}: after a failover the database runs on a {{size}} instance; " +
      "the readers of this resource take the cluster's class: check db_cluster_instance_class",
  },
  check(resource, mode, ctx) {
    const topologies = ctx.facts.of(resource).topologies;
    // With the writer unknown the rule is judged under each candidate: the remedy grows every smaller
    // instance to the largest candidate writer's class, so it holds whichever writes and never shrinks one.
    const growTo = largestClass(
      (topologies.known ? topologies.value : []).map((t) => t.writer?.instanceClass).filter((c): c is Value<string> => c !== undefined),
      (a, b) => compareClassSize(a, b, ctx.facts.parse.instanceClass),
    );
    const severalWriters = topologies.known && topologies.value.length > 1;
    return judgeOverWriters(ctx.facts.of(resource), (t) => {
      if (t.readers.length === 0) return noReaderVerdict(resource, { expected: mode });
      const writerClass: Value<string> = t.writer ? t.writer.instanceClass : unknown("the cluster has no writer");
      const classOf = (i: Instance) => (i.instanceClass.known ? i.instanceClass.value : null);
      const holds = (target: Instance): Value<boolean> => {
        if (mode === "any") return known(true);
        if (!target.instanceClass.known) return unknown(`${target.id}'s class is unknown: ${target.instanceClass.reason}`);
        if (!writerClass.known) return unknown(`the writer's class is unknown: ${writerClass.reason}`);
        if (mode === "same") return sameClass(target.instanceClass.value, writerClass.value, ctx.facts.parse.instanceClass);
        const cmp = compareClassSize(target.instanceClass.value, writerClass.value, ctx.facts.parse.instanceClass);
        return cmp.known ? known(cmp.value >= 0) : cmp;
      };
      const judged = judgeFailoverTargets(t.failover, holds);
      const writerText = writerClass.known ? writerClass.value : "unknown";
      const base = {
        expected: mode,
        evidence: [
          ...(t.writer ? [{ field: `${t.writer.id}.DBInstanceClass (writer)`, value: classOf(t.writer) }] : []),
          ...t.readers.map((r) => ({ field: `${r.id}.DBInstanceClass`, value: classOf(r) })),
        ],
      };
      const wanted = mode === "same" ? `the writer's class ${writerText}` : `at least the writer's size (${writerText})`;
      switch (judged.outcome) {
        case "no-reader":
          return noReaderVerdict(resource, { expected: mode });
        case "pass":
          return pass(
            mode === "any" ? "anyClass" : "hasClass",
            { targets: targetsPhrase(judged.targets), has: judged.targets.length === 1 ? "has" : "have", wanted },
            { ...base, actual: oneOrMany(judged.targets.map(classOf)) },
          );
        case "unknown":
          return unknownVerdict(judged.reason, { ...base, actual: null });
        case "fail": {
          const first = judged.failing[0]!;
          // Re-rank a reader that qualifies (no restart); else resize the failing targets to the writer's class;
          // with the writer's class unknown, add a reader copying it.
          const retier = resource.kind === "aurora-cluster" ? retierInstead(t.readers, judged.targets, t.writer ?? undefined, holds, (a, b) => compareClassSize(a, b, ctx.facts.parse.instanceClass)) : undefined;
          const remedies: Remedy[] =
            resource.kind !== "aurora-cluster"
              ? []
              : retier !== undefined
                ? [{ kind: "change-topology", set: retier.set }]
                : writerClass.known
                  ? growRemedies(severalWriters ? [...judged.failing, ...(t.writer ? [t.writer] : [])] : judged.failing, growTo ?? writerClass.value, mode, severalWriters, ctx.facts.parse.instanceClass)
                  : [{ kind: "change-topology", readers: 1 }];
          const smaller = judged.failing.some((r) => {
            const cmp = r.instanceClass.known && writerClass.known ? compareClassSize(r.instanceClass.value, writerClass.value) : undefined;
            return cmp?.known === true && cmp.value < 0;
          });
          return fail(
            resource.kind !== "aurora-cluster" ? "wrongClassFixedByCluster" : retier !== undefined ? "wrongClassRetier" : "wrongClass",
            {
              ...(retier !== undefined ? { chosen: retier.chosen.id, chosenClass: classOf(retier.chosen), moved: retier.moved } : {}),
              targets: targetsPhrase(judged.failing, judged.targets),
              does: judged.failing.length === 1 ? "does" : "do",
              wanted,
              size: smaller ? "smaller" : "different",
              writerClass: writerText,
              instances: judged.failing.map((r) => r.id).join(", "),
            },
            {
              ...base,
              actual: oneOrMany(judged.failing.map(classOf)),
              diff: { attribute: "instance_class", from: String(classOf(first)), to: writerText },
              remedies,
            },
          );
        }
      }
    });
  },
});

/**
 * A reader that already qualifies and runs outside the writer's AZ (so failover.target_other_az cannot
 * break) becomes the target: promotion_tier 0 on it, and tier 1 for the other readers in tier 0 (or an
 * unknown tier) that could tie with it. Changing a tier restarts nothing; resizing does. Undefined when
 * no such reader exists. Among several, the largest, then the one in the lowest tier.
 */
function retierInstead(
  readers: readonly Instance[],
  targets: readonly Instance[],
  writer: Instance | undefined,
  holds: (r: Instance) => Value<boolean>,
  compare: (a: string, b: string) => Value<number>,
): { chosen: Instance; set: SetAttribute[]; moved: string } | undefined {
  const writerAz = writer?.availabilityZone.known ? writer.availabilityZone.value : undefined;
  if (writerAz === undefined) return undefined;
  const ok = readers.filter((r) => {
    if (targets.includes(r) || !r.promotionTier.known || !r.availabilityZone.known || r.availabilityZone.value === writerAz) return false;
    const h = holds(r);
    return h.known && h.value;
  });
  if (ok.length === 0) return undefined;
  const size = (a: Instance, b: Instance) => {
    if (!a.instanceClass.known || !b.instanceClass.known) return 0;
    const c = compare(a.instanceClass.value, b.instanceClass.value);
    return c.known ? c.value : 0;
  };
  const tierOf = (r: Instance) => (r.promotionTier.known ? r.promotionTier.value : 15);
  const chosen = [...ok].sort((a, b) => size(b, a) || tierOf(a) - tierOf(b))[0]!;
  const set: SetAttribute[] = [];
  if (tierOf(chosen) !== 0) {
    set.push(setAttribute({ attribute: "promotion_tier", from: tierOf(chosen), to: 0, resourceType: "aws_rds_cluster_instance", instance: chosen.id, bound: "ceiling" }));
  }
  const moved: string[] = [];
  for (const r of readers) {
    if (r === chosen || (r.promotionTier.known && r.promotionTier.value > 0)) continue;
    const from = r.promotionTier.known ? r.promotionTier.value : null;
    set.push(setAttribute({ attribute: "promotion_tier", from, to: 1, resourceType: "aws_rds_cluster_instance", instance: r.id, bound: "ceiling" }));
    moved.push(r.id);
  }
  return { chosen, set, moved: moved.length > 0 ? ` and promotion_tier = 1 on ${moved.join(", ")}` : "" };
}

/** The largest of the known classes (by size); undefined when none is known or two cannot be compared. */
function largestClass(classes: readonly Value<string>[], compare: (a: string, b: string) => Value<number>): string | undefined {
  let best: string | undefined;
  for (const c of classes) {
    if (!c.known) return undefined;
    if (best === undefined) best = c.value;
    else {
      const cmp = compare(c.value, best);
      if (!cmp.known) return undefined;
      if (cmp.value > 0) best = c.value;
    }
  }
  return best;
}

/**
 * Grows each instance smaller than (or, for `same`, of another family than) `to` to `to`; never
 * shrinks one (a larger target under `same` is a manual step: shrinking may be the writer).
 */
function growRemedies(instances: readonly Instance[], to: string, mode: TargetClassOption, unknownWriter: boolean, parse: ClassParser): Remedy[] {
  const set: SetAttribute[] = [];
  const larger: string[] = [];
  for (const r of new Set(instances)) {
    if (!r.instanceClass.known || r.instanceClass.value === to) continue;
    const cmp = compareClassSize(r.instanceClass.value, to, parse);
    if (cmp.known && cmp.value > 0) {
      larger.push(`${r.id} (${r.instanceClass.value})`);
      continue;
    }
    if (cmp.known && cmp.value === 0 && mode !== "same") continue;
    const writer = unknownWriter || (r.isWriter.known && r.isWriter.value);
    set.push(setAttribute({ attribute: "instance_class", from: r.instanceClass.value, to, resourceType: "aws_rds_cluster_instance", instance: r.id }, { writer, id: r.id }));
  }
  const out: Remedy[] = set.length > 0 ? [{ kind: "change-topology", set }] : [];
  if (larger.length > 0) {
    out.push(manual(`${larger.join(", ")} ${larger.length === 1 ? "is" : "are"} larger than ${to}; haspec never shrinks an instance to match: grow the writer (a reader first, then fail over) or choose the classes by hand`, "instance_class"));
  }
  return out;
}
