// changes.no_replacement: a change does not replace (-/+) a cluster or its writer (Terraform plans only).
import { isDestroy, type Resource } from "../../model/resource.js";
import { actionLabel, destroyedPass, changeApplicable, isReplace, memberChange, resourceType, switchedOff, untouched } from "../lib/changes.js";
import { listWords } from "../lib/instances.js";
import { judgeOverWriters } from "../lib/topology.js";
import { fail, notApplicable, pass } from "../lib/verdict.js";
import { manual, type Remedy } from "../remedy.js";
import { defineRule } from "../types.js";

const ID = "changes.no_replacement";

/** Reverting the attribute the plan changes is the user's edit of their configuration: a manual step per attribute. */
function revertFixes(because: readonly string[], type: string, instance?: string): Remedy[] {
  const note = "changing it forces replacement: keep the current value, or migrate with a blue/green deployment or a snapshot restore";
  const on = instance ? `${instance}.` : "";
  if (because.length === 0) return [manual(`the plan does not name it (no replace_paths); ${note}`, `${on}(the attribute forcing replacement)`, `on ${type}`)];
  return because.map((attribute) => ({ ...manual(note, `${on}${attribute}`, `on ${type}`), attribute }));
}

function because(paths: readonly string[]): string {
  return paths.length > 0 ? ` because ${listWords(paths)} ${paths.length === 1 ? "changes" : "change"}` : "";
}

export const noReplacement = defineRule<boolean>({
  id: ID,
  group: "changes",
  title: "A change does not replace (-/+) a cluster or its writer",
  why: "Replacing a cluster creates a new, empty one and destroys the old; replacing the writer forces a failover and a period with one instance fewer.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: changeApplicable,
  inspects: { api: [], terraform: ["aws_rds_cluster (replace)", "aws_rds_cluster_instance (replace)"] },
  fixHint: "Revert the attribute that forces replacement, or plan a migration (snapshot restore, blue/green) instead of an in-place replace.",
  // A change rule judges a plan's transitions, not a state a control describes.
  controls: [],
  judgedFrom: "plan",
  optionSchema: { type: "boolean" },
  example: true,
  check(resource: Resource, enabled, ctx) {
    if (!enabled) return switchedOff(ID);
    const change = resource.change;
    if (change === undefined) return notApplicable(changeApplicable(resource) as string);
    const quiet = untouched(resource, change);
    if (quiet) return quiet;
    if (isDestroy(change.actions) && change.before !== null) return destroyedPass(resource);
    if (isReplace(change.actions)) {
      const what = resource.kind === "instance" ? "instance" : "cluster";
      return fail(
        `${resource.address} (${resource.id}) is ${actionLabel(change.actions)}${because(change.replacedBecause)}: Terraform destroys the ${what} and creates a new one, so the database is down in between and the new one starts empty unless restored from a snapshot; keep the current value${change.replacedBecause.length === 1 ? "" : "s"} or plan a migration`,
        {
          expected: "update in place",
          actual: "replace",
          diff: { attribute: change.replacedBecause.join(", ") || "actions", from: "replace", to: "update in place" },
          remedies: revertFixes(change.replacedBecause, resourceType(resource)),
          evidence: [{ field: `${resource.address}.actions`, value: change.actions }, { field: `${resource.address}.replace_paths`, value: change.replacedBecause }],
        },
      );
    }
    const before = change.before;
    if (before === null) return pass(`the plan creates ${resource.id}; nothing is replaced`, { actual: "create" });
    if (resource.kind !== "aurora-cluster") return pass(`${resource.id} is ${actionLabel(change.actions)}, not replaced`, { actual: actionLabel(change.actions) });
    return judgeOverWriters(ctx.facts.of(before), (t) => {
      const writer = t.writer;
      if (writer === null) return pass(`${resource.id} has no writer today`);
      const mc = memberChange(change, writer);
      if (mc?.deposed !== undefined) {
        // The tail of a create_before_destroy replacement of the writer: the new instance runs, the old one still writes.
        return fail(
          `the writer ${writer.id} is a deposed object (${mc.address}): an earlier create_before_destroy replacement left it running as the writer, and the plan destroys it, so Aurora fails over to a reader (or, with none, the cluster takes no writes) when the plan is applied; fail over to the new instance first, then apply`,
          {
            expected: "update in place",
            actual: "replace",
            diff: { attribute: "writer", from: `${writer.id} (deposed, destroyed)`, to: "a writer the plan keeps" },
            evidence: [{ field: `${mc.address}.actions`, value: mc.actions }, { field: `${mc.address}.writer`, value: true }],
          },
        );
      }
      if (mc === undefined || !isReplace(mc.actions)) return pass(`the writer ${writer.id} is ${mc === undefined ? "left unchanged" : actionLabel(mc.actions)}, not replaced`);
      return fail(
        `the writer ${writer.id} (${mc.address}) is ${actionLabel(mc.actions)}${because(mc.replacedBecause)}: Aurora fails over to a reader (or, with none, the cluster takes no writes) and runs one instance short until the new one is up; keep the current value${mc.replacedBecause.length === 1 ? "" : "s"}, or fail over first and replace the old writer as a reader`,
        {
          expected: "update in place",
          actual: "replace",
          diff: { attribute: mc.replacedBecause.join(", ") || "actions", from: "replace", to: "update in place" },
          remedies: revertFixes(mc.replacedBecause, "aws_rds_cluster_instance", writer.id),
          evidence: [{ field: `${mc.address}.actions`, value: mc.actions }, { field: `${mc.address}.replace_paths`, value: mc.replacedBecause }],
        },
      );
    });
  },
});
