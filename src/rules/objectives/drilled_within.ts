// objectives.drilled_within: the newest drill of the resource (a `haspec drill` record given as input) passed, within the period.
import type { DrillEvidence } from "../../model/inventory.js";
import type { Resource } from "../../model/resource.js";
import { DURATION_PATTERN, formatDuration, parseDuration } from "../../spec/duration.js";
import { REL13_BP03, SOC2_A1_3 } from "../control-catalog.js";
import { manual } from "../remedy.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { defineRule } from "../types.js";

/** Whether the drill record is about the resource: the same cluster id, and region and account where both are known. */
export function drillCovers(drill: DrillEvidence, resource: Resource): boolean {
  if (drill.cluster.id.toLowerCase() !== resource.id.toLowerCase()) return false;
  if (resource.region.known && resource.region.value !== drill.cluster.region) return false;
  if (resource.account.known && drill.cluster.account !== null && resource.account.value !== drill.cluster.account) return false;
  return true;
}

/** `3d 4h`-style age, to the hour. */
function age(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  return days > 0 ? `${days} d${hours % 24 > 0 ? ` ${hours % 24} h` : ""}` : hours > 0 ? `${hours} h` : "less than an hour";
}

const DRILL_COMMAND = "haspec drill --cluster {{resource}} --region REGION --yes --output drill.json";

export const drilledWithin = defineRule<string>()({
  id: "objectives.drilled_within",
  group: "objectives",
  title: "The resource passed a failover drill within the period",
  why:
    "A recovery objective is a claim until a failover shows what clients really see: DNS caches, stale pools and " +
    "drivers decide the downtime as much as Aurora's promotion does. `haspec drill --yes` fails the cluster over on " +
    "purpose, measures each probe's write downtime and writes a record; this rule reads those records (given as inputs " +
    "beside the databases) and passes when the newest drill of the resource passed within the period. The newest decides: " +
    "a failed drill after a passing one fails. No record for the resource is unknown, never a pass.",
  appliesTo: ["aurora-cluster", "multi-az-cluster"],
  inspects: { api: ["haspec drill record: cluster, status, finishedAt, measured.probes[].writeDowntimeSeconds"], terraform: [] },
  fixHint:
    "Run `haspec drill --cluster ID --yes --output drill.json` (a dry run without --yes shows what it would do), keep the " +
    "record, and give it to `haspec check` beside the databases; fix what a failed drill showed and drill again.",
  controls: [REL13_BP03, SOC2_A1_3],
  // The longest time since the resource's newest passing drill: 90d, 2160h, 30m, 45s.
  optionSchema: { type: "string", pattern: DURATION_PATTERN },
  example: "90d",
  messages: {
    recentPass: "drilled {{age}} ago ({{finishedAt}}, {{file}}): passed, the longest write downtime was {{downtime}}; within {{period}}",
    newestFailed: "the newest drill ({{finishedAt}}, {{file}}) failed: {{failure}}; fix what it showed and drill again: " + DRILL_COMMAND,
    tooOld: "the newest drill passed {{age}} ago ({{finishedAt}}, {{file}}), longer ago than {{period}}: drill again: " + DRILL_COMMAND,
  },
  check(resource, option, ctx) {
    const period = parseDuration(option);
    if (period === undefined) return unknownVerdict(`objectives.drilled_within ${JSON.stringify(option)} is not a duration`);
    const drills = (ctx.inventory.drills ?? [])
      .filter((d) => drillCovers(d, resource) && Date.parse(d.finishedAt) <= ctx.now.getTime())
      .sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt));
    const newest = drills[0];
    if (newest === undefined) {
      const given = (ctx.inventory.drills ?? []).length;
      return unknownVerdict(
        `no drill record covers ${resource.id}${given > 0 ? ` (${given} drill record${given === 1 ? "" : "s"} given, none of it${given === 1 ? "" : "s"})` : ""}: ` +
          `run \`haspec drill --cluster ${resource.id} --yes --output drill.json\` and give the record as an input`,
      );
    }
    const ageMs = ctx.now.getTime() - Date.parse(newest.finishedAt);
    const data = { resource: resource.id, file: newest.file, finishedAt: newest.finishedAt, age: age(ageMs), period: formatDuration(period) };
    const details = {
      expected: formatDuration(period),
      actual: newest.finishedAt,
      evidence: [
        { field: "drill.status", value: newest.status, source: newest.file },
        { field: "drill.finishedAt", value: newest.finishedAt, source: newest.file },
      ],
    };
    const remedies = [manual(`fail ${resource.id} over on purpose and keep the record: ${DRILL_COMMAND.replace("{{resource}}", resource.id)}`)];
    if (newest.status === "fail") return fail("newestFailed", { ...data, failure: newest.failure ?? "its status is fail" }, { ...details, remedies });
    if (ageMs > period * 1000) return fail("tooOld", data, { ...details, remedies });
    return pass("recentPass", { ...data, downtime: newest.worstDowntimeSeconds === null ? "unknown" : `${newest.worstDowntimeSeconds} s` }, details);
  },
});
