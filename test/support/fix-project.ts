// Proves an emitted fix the hard way: tsc over the CDKTF project, a real cdktf synth, and a re-check of what comes out.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Evaluation } from "../../src/engine/result.js";
import type { FixPlan } from "../../src/fix/index.js";
import type { Inventory } from "../../src/model/inventory.js";
import { readCdktf } from "../../src/sources/cdktf/index.js";
import { readHcl } from "../../src/sources/hcl/index.js";
import type { Policy } from "../../src/spec/policy.js";
import { REPO } from "./run-cli.js";

/** A fresh directory under the repository's `.tmp/` (node_modules resolve from there, as the emitted project expects). */
export function tempFixDir(prefix: string): string {
  mkdirSync(join(REPO, ".tmp"), { recursive: true });
  return mkdtempSync(join(REPO, ".tmp", `${prefix}-`));
}

function run(args: readonly string[], cwd: string): { code: number | null; output: string } {
  const child = spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: 180_000, env: { ...process.env, CI: "true" } });
  return { code: child.status, output: `${child.stdout}${child.stderr}` };
}

/** Type-checks `DIR/cdktf` against @cdktf/provider-aws; returns tsc's output (empty when clean). */
export function typeCheckCdktf(outDir: string): { code: number | null; output: string } {
  const project = join(outDir, "cdktf");
  linkNodeModules(project);
  return run([join(REPO, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], project);
}

/** Runs `main.ts` with tsx, as `npx tsx main.ts` would: writes cdktf.out/stacks/haspec-fix/cdk.tf.json. */
export function synthCdktf(outDir: string): { code: number | null; output: string } {
  const project = join(outDir, "cdktf");
  linkNodeModules(project);
  return run(["--import", "tsx", "main.ts"], project);
}

function linkNodeModules(project: string): void {
  try {
    symlinkSync(join(REPO, "node_modules"), join(project, "node_modules"), "dir");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

export async function recheckCdktf(outDir: string, policies: readonly Policy[], now: Date): Promise<{ inventory: Inventory; evaluation: Evaluation }> {
  const inventory = await readCdktf([join(outDir, "cdktf")], { cwd: REPO });
  return { inventory, evaluation: evaluate(policies, inventory, { now }) };
}

export async function recheckHcl(outDir: string, policies: readonly Policy[], now: Date): Promise<{ inventory: Inventory; evaluation: Evaluation }> {
  const inventory = await readHcl([join(outDir, "hcl")], { cwd: REPO });
  return { inventory, evaluation: evaluate(policies, inventory, { now }) };
}

/** `resource-id rule` → status, for comparisons. */
export function statuses(evaluation: Evaluation): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of evaluation.results) {
    const key = `${r.resource.id} ${r.rule}`;
    const seen = out.get(key);
    // Several targets may judge one resource on one rule: keep the worst.
    const rank = (s: string | undefined) => ["fail", "unknown", "waived", "pass", "not_applicable"].indexOf(s ?? "not_applicable");
    if (seen === undefined || rank(r.status) < rank(seen)) out.set(key, r.status);
  }
  return out;
}

/** `resource-id rule` of every failing result the plan says its blocks fix. */
export function fixedPairs(plan: FixPlan): string[] {
  return plan.resources.flatMap((r) => r.checked.filter((c) => c.fixed).map((c) => `${r.resource.id} ${c.rule}`)).sort();
}

/**
 * The proof: every rule the plan fixed passes on the re-checked output. `unknown` is accepted only
 * where the plan said the verdict depends on the writer, which Terraform configuration cannot record.
 */
export function expectFixedRulesPass(plan: FixPlan, after: ReadonlyMap<string, string>): void {
  // Also the rules only live data can judge (PITR lag): the fix turns backups on, the verdict waits for the account.
  const writerDependent = new Set(plan.resources.flatMap((r) => r.checked.filter((c) => c.writerNote || c.liveNote).map((c) => `${r.resource.id} ${c.rule}`)));
  for (const pair of fixedPairs(plan)) {
    if (writerDependent.has(pair)) expect(after.get(pair), pair).toMatch(/^(pass|unknown)$/);
    else expect(after.get(pair), pair).toBe("pass");
  }
}

/** tsc over the emitted CDKTF project must print nothing and succeed. */
export function expectCleanTypeCheck(outDir: string): void {
  const tsc = typeCheckCdktf(outDir);
  expect(tsc.output).toBe("");
  expect(tsc.code).toBe(0);
}

/**
 * The two proofs every emitted fleet gets: synthesized with cdktf, its stack re-checks with every fixed
 * rule passing and the live resources under their own ids; the HCL re-checks to the same verdicts.
 */
export async function expectSynthesizedStackFixes(outDir: string, plan: FixPlan, policies: readonly Policy[], now: Date): Promise<void> {
  const synth = synthCdktf(outDir);
  expect(synth.code, synth.output).toBe(0);
  const { evaluation, inventory } = await recheckCdktf(outDir, policies, now);
  expectFixedRulesPass(plan, statuses(evaluation));
  // Imports adopt the live resources under their own identifiers; nothing else is declared as a database.
  expect(inventory.resources.map((r) => r.id).sort()).toEqual(plan.resources.map((r) => r.resource.id).sort());
}

export async function expectHclMatchesCdktf(outDir: string, plan: FixPlan, policies: readonly Policy[], now: Date): Promise<void> {
  const hcl = statuses((await recheckHcl(outDir, policies, now)).evaluation);
  const cdktf = statuses((await recheckCdktf(outDir, policies, now)).evaluation);
  expect([...hcl.entries()].sort()).toEqual([...cdktf.entries()].sort());
  expectFixedRulesPass(plan, hcl);
}
