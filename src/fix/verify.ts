// Re-checks a fix before it is written: the blocks go through the Terraform model builder and the same policies, on every rule.
import { evaluate } from "../engine/evaluate.js";
import type { Result } from "../engine/result.js";
import type { Resource } from "../model/resource.js";
import type { Policy } from "../spec/policy.js";
import { buildTerraformInventory, type TfResource } from "../sources/terraform/index.js";
import type { TfValue } from "../model/terraform-value.js";
import { addressOf, type Block } from "./blocks.js";
import type { RuleLookup } from "./fixers.js";
import type { DeclaredResource } from "./from-model.js";

/** The re-check's verdict on one rule the fix addressed. */
export interface Recheck {
  readonly rule: string;
  readonly status: Result["status"];
  /** Passes after the fix (or passes once the current writer is known: Terraform configuration cannot say which instance writes). */
  readonly fixed: boolean;
  /** Set when it passes only with the current writer. */
  readonly writerNote?: string;
  /** Set for change rules, which only a new plan can judge again. */
  readonly planNote?: string;
  /** Set for rules only live data can judge (PITR lag needs the capture time): the fix is made, the verdict waits for a live check. */
  readonly liveNote?: string;
  readonly message: string;
}

/** A rule that passes today and fails on the fixed configuration: the fix would break it. */
export interface Regression {
  /** The resource's id and address (as the evaluation names it). */
  readonly resource: string;
  readonly address: string;
  readonly rule: string;
  /** The policy (or policies) whose verdict turns to fail. */
  readonly policy: string;
  /** The verdict today, and on the fixed configuration. */
  readonly before: string;
  readonly after: string;
}

/** A fixed resource's blocks as declared before any change, with the writer as the data says. */
export interface Baseline {
  readonly blocks: readonly Block[];
  readonly writers: ReadonlyMap<Block, boolean>;
}

/** A copy of the declared blocks as they are now (values copied; nothing else changes them). */
export function snapshotDeclared(declared: DeclaredResource): Baseline {
  const copy = (b: Block): Block => ({ ...b, values: { ...b.values } });
  const main = copy(declared.main);
  const writers = new Map<Block, boolean>();
  const members: Block[] = [];
  for (const [id, block] of declared.members) {
    const m = copy(block);
    members.push(m);
    if (declared.writerId !== undefined && declared.resource.kind === "aurora-cluster") writers.set(m, id === declared.writerId);
  }
  return { blocks: [main, ...members], writers };
}

function tfResources(blocks: readonly Block[], writers: ReadonlyMap<Block, boolean> | undefined): TfResource[] {
  return blocks.map((b) => {
    const values: Record<string, TfValue> = { ...b.values };
    const writer = writers?.get(b);
    if (writer !== undefined) values["writer"] = writer;
    return { address: addressOf(b), type: b.type, values, location: { source: "fix" } };
  });
}

function judge(blocks: readonly Block[], writers: ReadonlyMap<Block, boolean> | undefined, policies: readonly Policy[], now: Date): Map<string, Result[]> {
  const providerRegions = new Map(blocks.filter((b) => b.region !== undefined).map((b) => [addressOf(b), b.region!]));
  const inventory = buildTerraformInventory({ kind: "cdktf", resources: tfResources(blocks, writers), notes: [], sources: [], providerRegions });
  // By address (the block's): identifiers repeat across regions and accounts, addresses do not.
  const byAddress = new Map<string, Result[]>();
  for (const r of evaluate(policies, inventory, { now }).results) {
    const list = byAddress.get(r.resource.address) ?? [];
    list.push(r);
    byAddress.set(r.resource.address, list);
  }
  return byAddress;
}

function worst(results: readonly Result[] | undefined, rule: string): Result | undefined {
  const mine = (results ?? []).filter((r) => r.rule === rule);
  return mine.find((r) => r.status === "fail") ?? mine.find((r) => r.status === "unknown") ?? mine[0];
}

/** For each fixed resource (by address): every rule the fix addressed, judged on the blocks. */
export function recheck(
  blocks: readonly Block[],
  fixes: readonly { resource: Resource; declared: DeclaredResource; attempted: ReadonlySet<string> }[],
  options: { readonly policies: readonly Policy[]; readonly now: Date; readonly rules: RuleLookup },
): Map<string, Recheck[]> {
  const plain = judge(blocks, undefined, options.policies, options.now);
  const writers = new Map<Block, boolean>();
  for (const f of fixes) {
    if (f.declared.writerId === undefined || f.resource.kind !== "aurora-cluster") continue;
    for (const [id, block] of f.declared.members) writers.set(block, id === f.declared.writerId);
  }
  let withWriter: Map<string, Result[]> | undefined;
  const out = new Map<string, Recheck[]>();
  for (const f of fixes) {
    const list: Recheck[] = [];
    for (const rule of [...f.attempted].sort()) {
      const key = addressOf(f.declared.main);
      const got = worst(plain.get(key), rule);
      if (got === undefined) {
        list.push({ rule, status: "unknown", fixed: false, message: `the re-check did not judge ${f.resource.id} on ${rule} (its target no longer matches: tags, account or region?)` });
        continue;
      }
      // Rules judged on data a configuration cannot carry: a plan (change rules) or a capture time (PITR lag).
      const judgedFrom = options.rules(rule)?.judgedFrom;
      if (judgedFrom === "plan" && got.status === "not_applicable") {
        list.push({ rule, status: got.status, fixed: true, planNote: "the change is reverted in the code; only a new plan can judge a change rule again: run terraform plan on the fixed configuration and check that plan", message: got.message });
        continue;
      }
      if (judgedFrom === "live" && got.status === "unknown") {
        list.push({ rule, status: got.status, fixed: true, liveNote: `judged on live data only (${got.reason ?? got.message}): check the account again after applying`, message: got.message });
        continue;
      }
      if (got.status === "pass" || got.status === "not_applicable") {
        list.push({ rule, status: got.status, fixed: true, message: got.message });
        continue;
      }
      if (got.status === "unknown" && writers.size > 0) {
        withWriter ??= judge(blocks, writers, options.policies, options.now);
        const again = worst(withWriter.get(key), rule);
        if (again?.status === "pass") {
          list.push({
            rule,
            status: "pass",
            fixed: true,
            writerNote: `passes with ${f.declared.writerId} writing; Terraform configuration cannot record which instance writes, so a re-check of the code alone says: ${got.reason ?? got.message}`,
            message: again.message,
          });
          continue;
        }
      }
      list.push({ rule, status: got.status, fixed: false, message: got.status === "unknown" ? `unknown: ${got.reason ?? got.message}` : got.message });
    }
    out.set(f.resource.address, list);
  }
  return out;
}

/**
 * Every rule of every policy, judged on each fixed resource's declaration before and after the changes
 * (both from the blocks, so what the blocks cannot carry — other resources' subscriptions, proxies —
 * counts the same on both sides): a rule that passed today and on the unchanged declaration, and fails
 * on the changed one, is a regression the fix would cause.
 */
export function findRegressions(
  blocks: readonly Block[],
  fixes: readonly { resource: Resource; declared: DeclaredResource; baseline: Baseline }[],
  options: { readonly policies: readonly Policy[]; readonly now: Date; readonly today: readonly Result[] },
): Regression[] {
  if (fixes.length === 0) return [];
  const writers = new Map<Block, boolean>();
  const baselineWriters = new Map<Block, boolean>();
  for (const f of fixes) {
    if (f.declared.writerId !== undefined && f.resource.kind === "aurora-cluster") {
      for (const [id, block] of f.declared.members) writers.set(block, id === f.declared.writerId);
    }
    for (const [b, w] of f.baseline.writers) baselineWriters.set(b, w);
  }
  const before = judge(fixes.flatMap((f) => f.baseline.blocks), baselineWriters.size > 0 ? baselineWriters : undefined, options.policies, options.now);
  const after = judge(blocks, writers.size > 0 ? writers : undefined, options.policies, options.now);
  const todayBy = new Map<string, Result[]>();
  for (const r of options.today) {
    const key = `${r.resource.address}\u0000${r.rule}`;
    todayBy.set(key, [...(todayBy.get(key) ?? []), r]);
  }
  const out: Regression[] = [];
  for (const f of fixes) {
    const key = addressOf(f.declared.main);
    const rules = [...new Set((after.get(key) ?? []).map((r) => r.rule))];
    for (const rule of rules) {
      const broken = (after.get(key) ?? []).filter((r) => r.rule === rule && r.status === "fail");
      if (broken.length === 0) continue;
      const was = (before.get(key) ?? []).filter((r) => r.rule === rule);
      const now = todayBy.get(`${f.resource.address}\u0000${rule}`) ?? [];
      const passed = (list: readonly Result[]) => list.length > 0 && list.every((r) => r.status === "pass" || r.status === "not_applicable");
      if (!passed(was) || !passed(now)) continue;
      out.push({
        resource: f.resource.id,
        address: f.resource.address,
        rule,
        policy: [...new Set(broken.map((r) => r.policy))].join(", "),
        before: now.find((r) => r.status === "pass")?.message ?? now[0]!.message,
        after: broken[0]!.message,
      });
    }
  }
  return out;
}
