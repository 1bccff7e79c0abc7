// Helpers for the plan and state source tests: read an input, judge it with one target, index statuses by address and rule.
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { policy, target } from "../../support/policy.js";

export const PLANS = "test/fixtures/plans";

/** `address rule` → status for every result of a single-target policy requiring `require`. */
export function statuses(inventory: Inventory, require: Record<string, unknown>): Map<string, string> {
  const evaluation = evaluate([policy({ targets: [target({ require })] })], inventory, { now: new Date("2026-11-22T10:00:00Z") });
  return new Map(evaluation.results.map((r) => [`${r.resource.address} ${r.rule}`, r.status]));
}

/** The result of one rule on one resource. */
export function result(inventory: Inventory, require: Record<string, unknown>, address: string, rule: string) {
  const evaluation = evaluate([policy({ targets: [target({ require })] })], inventory, { now: new Date("2026-11-22T10:00:00Z") });
  return evaluation.results.find((r) => r.resource.address === address && r.rule === rule);
}
