// Shared pieces of the changes.* rules: applicability, the untouched shortcut, member changes and writer-aware judging.
import { isDestroy, type Instance, type InstanceChange, type PlanActions, type Resource, type ResourceChange } from "../../model/resource.js";
import type { Verdict } from "../types.js";
import { pass, notApplicable } from "./verdict.js";

/** `applicable` of every changes.* rule: only a plan attaches a change. */
export function changeApplicable(resource: Resource): true | string {
  return resource.change !== undefined
    ? true
    : "changes.* rules judge the changes in a Terraform plan; this input describes current state only";
}

/**
 * Templates every changes.* rule declares (`messages: { ...CHANGE_MESSAGES, created: "…", … }`), for the steps
 * judgeExistingChange takes before the rule judges; the rule's own `created` says what there is not yet.
 */
export const CHANGE_MESSAGES = {
  switchedOff: "{{rule}} is switched off in the policy",
  destroyed: "the plan destroys {{resource}}; changes.no_capacity_reduction reports what that takes away",
  untouched: "the plan does not change {{resource}}",
} as const;

export type ChangeMessageId = keyof typeof CHANGE_MESSAGES;

export function switchedOff(ruleId: string): Verdict<"switchedOff"> {
  return pass("switchedOff", { rule: ruleId }, { expected: false });
}

export function isReplace(actions: PlanActions): boolean {
  return actions.includes("delete") && actions.includes("create");
}

/** What every changes.* rule but no_capacity_reduction says of a cluster or instance the plan destroys outright. */
export function destroyedPass(resource: Resource): Verdict<"destroyed"> {
  return pass("destroyed", { resource: resource.id }, { actual: "delete" });
}

export function isUpdateInPlace(actions: PlanActions): boolean {
  return actions.includes("update") && !actions.includes("delete") && !actions.includes("create");
}

/** `-/+`, `~`, `+`, `-` or no-op, for messages. */
export function actionLabel(actions: PlanActions): string {
  if (isReplace(actions)) return actions[0] === "create" ? "replaced (+/-, create before destroy)" : "replaced (-/+)";
  if (actions.includes("create")) return "created";
  if (actions.includes("delete")) return "destroyed";
  if (actions.includes("update")) return "updated in place";
  return "left unchanged";
}

/** A pass when the plan leaves the resource and all its members alone; undefined when something changes. */
export function untouched(resource: Resource, change: ResourceChange): Verdict<"untouched"> | undefined {
  const touched = change.actions.some((a) => a !== "no-op" && a !== "read") || change.instances.length > 0;
  return touched ? undefined : pass("untouched", { resource: resource.id }, { actual: "no-op" });
}

/** The plan's change to one member, found by Terraform address (or id when the instance has no address). */
export function memberChange(change: ResourceChange, instance: Instance): InstanceChange | undefined {
  return change.instances.find((c) => (instance.address !== undefined ? c.address === instance.address : c.instanceId === instance.id));
}

/** The member as planned (after the change), by address or id. */
export function plannedMember(resource: Resource, instance: Instance): Instance | undefined {
  if (!resource.instances.known) return undefined;
  return resource.instances.value.find((i) => (instance.address !== undefined ? i.address === instance.address : i.id === instance.id));
}

/** Terraform resource type of the resource itself, for fixes. */
export function resourceType(resource: Resource): "aws_rds_cluster" | "aws_db_instance" {
  return resource.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster";
}

/**
 * The steps every changes.* rule takes before judging: switched off → pass; no plan data → not
 * applicable; untouched by the plan → pass; created by the plan → pass (the rule's `created` template
 * says what there is not yet, with `{{resource}}`); destroyed outright → `destroyed` (default:
 * destroyedPass); otherwise `judge` compares the planned resource with `before`.
 */
export function judgeExistingChange<Id extends string>(
  resource: Resource,
  enabled: boolean,
  ruleId: string,
  judge: (change: ResourceChange, before: Resource) => Verdict<Id>,
  destroyed: (change: ResourceChange, before: Resource) => Verdict<Id | "destroyed"> = () => destroyedPass(resource),
): Verdict<Id | ChangeMessageId | "created"> {
  if (!enabled) return switchedOff(ruleId);
  const change = resource.change;
  if (change === undefined) return notApplicable(changeApplicable(resource) as string);
  const quiet = untouched(resource, change);
  if (quiet) return quiet;
  if (change.before === null) return pass("created", { resource: resource.id }, { actual: "create" });
  return isDestroy(change.actions) ? destroyed(change, change.before) : judge(change, change.before);
}
