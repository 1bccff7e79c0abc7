// changes.no_replacement: a change does not replace (-/+) a cluster or its writer (Terraform plans only).
import { isDestroy, type Resource } from "../../model/resource.js";
import { CHANGE_MESSAGES, actionLabel, destroyedPass, changeApplicable, isReplace, memberChange, resourceType, switchedOff, untouched } from "../lib/changes.js";
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

export const noReplacement = defineRule<boolean>()({
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
  messages: {
    ...CHANGE_MESSAGES,
    replaced:
      "{{address}} ({{resource}}) is {{action}}{{because}}: Terraform destroys the {{what}} and creates a new one, so the database is down in between " +
      "and the new one starts empty unless restored from a snapshot; keep the current {{values}} or plan a migration",
    created: "the plan creates {{resource}}; nothing is replaced",
    notReplaced: "{{resource}} is {{action}}, not replaced",
    noWriter: "{{resource}} has no writer today",
    writerDeposed:
      "the writer {{writer}} is a deposed object ({{address}}): an earlier create_before_destroy replacement left it running as the writer, " +
      "and the plan destroys it, so Aurora fails over to a reader (or, with none, the cluster takes no writes) when the plan is applied; " +
      "fail over to the new instance first, then apply",
    writerNotReplaced: "the writer {{writer}} is {{action}}, not replaced",
    writerReplaced:
      "the writer {{writer}} ({{address}}) is {{action}}{{because}}: Aurora fails over to a reader (or, with none, the cluster takes no writes) " +
      "and runs one instance short until the new one is up; keep the current {{values}}, or fail over first and replace the old writer as a reader",
  },
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
        "replaced",
        {
          address: resource.address,
          resource: resource.id,
          action: actionLabel(change.actions),
          because: because(change.replacedBecause),
          what,
          values: change.replacedBecause.length === 1 ? "value" : "values",
        },
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
    if (before === null) return pass("created", { resource: resource.id }, { actual: "create" });
    if (resource.kind !== "aurora-cluster") return pass("notReplaced", { resource: resource.id, action: actionLabel(change.actions) }, { actual: actionLabel(change.actions) });
    return judgeOverWriters(ctx.facts.of(before), (t) => {
      const writer = t.writer;
      if (writer === null) return pass("noWriter", { resource: resource.id });
      const mc = memberChange(change, writer);
      if (mc?.deposed !== undefined) {
        // The tail of a create_before_destroy replacement of the writer: the new instance runs, the old one still writes.
        return fail(
          "writerDeposed",
          { writer: writer.id, address: mc.address },
          {
            expected: "update in place",
            actual: "replace",
            diff: { attribute: "writer", from: `${writer.id} (deposed, destroyed)`, to: "a writer the plan keeps" },
            evidence: [{ field: `${mc.address}.actions`, value: mc.actions }, { field: `${mc.address}.writer`, value: true }],
          },
        );
      }
      if (mc === undefined || !isReplace(mc.actions)) {
        return pass("writerNotReplaced", { writer: writer.id, action: mc === undefined ? "left unchanged" : actionLabel(mc.actions) });
      }
      return fail(
        "writerReplaced",
        {
          writer: writer.id,
          address: mc.address,
          action: actionLabel(mc.actions),
          because: because(mc.replacedBecause),
          values: mc.replacedBecause.length === 1 ? "value" : "values",
        },
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
