// Plans a fix: declares each resource with failing results, applies the changes, and re-checks the result in process.
import type { Evaluation, Result } from "../engine/result.js";
import type { Inventory } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import type { Policy } from "../spec/policy.js";
import { declarationOrder, Draft, isChanged, type Block } from "./blocks.js";
import { InventoryIndex, ResourceFixer, type ManualStep, type SqlStep } from "./fixers.js";
import { declareResource, type DeclaredResource } from "./from-model.js";
import { SharedBlocks } from "./shared.js";
import { fixApplicationTier } from "./app-tier.js";
import { findRegressions, recheck, snapshotDeclared, type Baseline, type Recheck, type Regression } from "./verify.js";

export type { Regression } from "./verify.js";

export interface ResourceFix {
  readonly resource: Resource;
  readonly declared: DeclaredResource;
  /** The failing results the fix started from. */
  readonly failing: readonly Result[];
  /** Rules the emitted blocks address, with the re-check's verdict on each. */
  readonly checked: readonly Recheck[];
}

export interface FixPlan {
  /** Every block to emit, by resource, each after the blocks it refers to. */
  readonly blocks: readonly Block[];
  readonly resources: readonly ResourceFix[];
  /** Failing results the blocks do not fix, with the step to take instead. */
  readonly manual: readonly ManualStep[];
  readonly sql: readonly SqlStep[];
  /** Results that were unknown or waived: not touched, listed so nothing is dropped silently. */
  readonly untouched: readonly Result[];
  /** Rules that pass today and fail on the emitted configuration: the fix would break them. */
  readonly regressions: readonly Regression[];
}

export interface PlanOptions {
  readonly policies: readonly Policy[];
  readonly now: Date;
  /** Only these resources (by address); all with failing results when undefined. */
  readonly only?: ReadonlySet<string>;
}

/** How many failing results the emitted configuration makes pass (as the re-check judged them). */
export function fixedCount(plan: FixPlan): number {
  return plan.resources.reduce((n, r) => n + r.checked.filter((c) => c.fixed).length, 0);
}

export function planFixes(evaluation: Evaluation, inventory: Inventory, options: PlanOptions): FixPlan {
  const failingBy = new Map<string, Result[]>();
  const untouched: Result[] = [];
  for (const r of evaluation.results) {
    if (options.only && !options.only.has(r.resource.address)) continue;
    if (r.status === "fail") {
      // Every failing result, also one rule under several policies or targets: the fixers take the strictest.
      const list = failingBy.get(r.resource.address) ?? [];
      list.push(r);
      failingBy.set(r.resource.address, list);
    } else if (r.status === "unknown") untouched.push(r);
  }
  const byId = new Map(evaluation.rules.map((r) => [r.id, r]));
  const rules = (id: string) => byId.get(id);
  const draft = new Draft();
  const index = new InventoryIndex(inventory);
  /** The first region of each account (key "" when the account is unknown), for its global resources. */
  const homeRegions = new Map<string, string>();
  const shared = new SharedBlocks(draft, (account) => homeRegions.get(account ?? ""));
  const fixes: { resource: Resource; declared: DeclaredResource; failing: Result[]; attempted: Set<string>; baseline: Baseline }[] = [];
  const manual: ManualStep[] = [];
  const sql: SqlStep[] = [];
  for (const resource of inventory.resources) {
    const failing = failingBy.get(resource.address);
    if (failing === undefined) continue;
    const accountKey = resource.account.known ? resource.account.value : "";
    if (resource.region.known && !homeRegions.has(accountKey)) homeRegions.set(accountKey, resource.region.value);
    const before = draft.blocks.length;
    const declared = declareResource(draft, resource);
    if (declared.incomplete !== undefined) {
      draft.dropSince(before, resource.address);
      for (const r of failing) manual.push({ resource: resource.id, rule: r.rule, text: `not fixed in code: ${declared.incomplete}. ${r.message}` });
      continue;
    }
    const baseline = snapshotDeclared(declared);
    const outcome = new ResourceFixer(draft, declared, index, shared, rules).apply(failing);
    manual.push(...outcome.manual);
    sql.push(...outcome.sql);
    if (!draft.blocks.slice(before).some((b) => b.owner === resource.address && isChanged(b))) {
      // Nothing to declare: drop the unchanged declarations again.
      draft.dropSince(before, resource.address);
      continue;
    }
    fixes.push({ resource, declared, failing, attempted: outcome.attempted, baseline });
  }
  const appTier = fixApplicationTier(draft, failingBy, inventory, rules);
  manual.push(...appTier.manual);
  fixes.push(...appTier.fixes);
  const checks = recheck(draft.blocks, fixes, { ...options, rules });
  for (const f of appTier.fixes) {
    // A group the re-check finds behind no load balancer was not fixed: the declaration lost what it is behind.
    checks.set(f.resource.address, (checks.get(f.resource.address) ?? []).map((c) => (c.status === "not_applicable" ? { ...c, fixed: false, message: `the re-check no longer sees what the rule judges: ${c.message}` } : c)));
  }
  const resources: ResourceFix[] = fixes.map((f) => ({ resource: f.resource, declared: f.declared, failing: f.failing, checked: checks.get(f.resource.address) ?? [] }));
  for (const f of resources) {
    for (const c of f.checked) {
      if (!c.fixed) manual.push({ resource: f.resource.id, rule: c.rule, text: `the change below does not make it pass on its own: ${c.message}` });
    }
  }
  const regressions = findRegressions(draft.blocks, fixes, { ...options, today: evaluation.results });
  const blocks = declarationOrder(draft.blocks);
  return { blocks, resources, manual, sql, untouched, regressions };
}
