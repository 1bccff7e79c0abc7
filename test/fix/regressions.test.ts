// haspec fix re-checks every rule of every policy on the fixed state: a rule that passed before and fails after is a regression, reported loudly and with exit 1.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { snippetsFor } from "../../src/fix/index.js";
import { planFixes } from "../../src/fix/plan.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import { tempFixDir } from "../support/fix-project.js";
import { REPO, runCli } from "../support/run-cli.js";

const NOW = new Date("2026-11-22T10:00:00Z");
/**
 * orders-eu: the failover target (orders-eu-2) shares the writer's AZ; the only reader outside it
 * (orders-eu-3) is larger but of another family, and the policy wants the writer's exact class. Moving
 * the target out of the AZ fixes failover.target_other_az and breaks failover.target_class.
 */
const FIXTURE = "test/fixtures/fix/regression";
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("haspec fix and rules the fix would break", () => {
  it("reports a rule that passed before and fails on the fixed configuration, with both verdicts", async () => {
    const policies = [await loadPolicy(join(REPO, FIXTURE, "policy.yaml"))];
    const inventory = await readAwsJson([join(REPO, FIXTURE)]);
    const evaluation = evaluate(policies, inventory, { now: NOW });
    expect(evaluation.results.map((r) => [r.rule, r.status])).toEqual([
      ["failover.target_other_az", "fail"],
      ["failover.target_class", "pass"],
    ]);
    const plan = planFixes(evaluation, inventory, { policies, now: NOW });
    expect(plan.resources[0]!.checked).toEqual([expect.objectContaining({ rule: "failover.target_other_az", fixed: true })]);
    expect(plan.regressions).toEqual([
      expect.objectContaining({
        resource: "orders-eu",
        rule: "failover.target_class",
        policy: "same-class-other-az",
        before: expect.stringMatching(/has the writer's class/),
        after: expect.stringMatching(/orders-eu-3 .*does not have the writer's class db\.r6g\.xlarge/),
      }),
    ]);
  });

  it("the UI's snippets for the resource say it first", async () => {
    const policies = [await loadPolicy(join(REPO, FIXTURE, "policy.yaml"))];
    const inventory = await readAwsJson([join(REPO, FIXTURE)]);
    const evaluation = evaluate(policies, inventory, { now: NOW });
    const snippets = snippetsFor({ evaluation, inventory, policies, now: NOW, inputs: [FIXTURE] }, inventory.resources[0]!.address);
    expect(snippets?.manual[0]).toMatch(/^WARNING failover\.target_class: passes today and fails after this change/);
  });

  it("on the command line: writes the fix for review, says which rule it breaks on stderr and in the README, and exits 1", () => {
    const out = tempFixDir("regression");
    dirs.push(out);
    const run = runCli(["fix", "-p", join(FIXTURE, "policy.yaml"), FIXTURE, "--out", out, "--now", NOW.toISOString()]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/1 rule that passes today fails on it/);
    expect(run.stderr).toMatch(/^haspec fix: WARNING: the emitted configuration makes 1 rule that passes today fail: orders-eu · failover\.target_class/m);
    expect(run.stderr).toMatch(/do not apply it as it is/);
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme.indexOf("## Regressions")).toBeGreaterThan(0);
    expect(readme.indexOf("## Regressions")).toBeLessThan(readme.indexOf("## Apply in this order"));
    expect(readme).toMatch(/orders-eu · failover\\_target\\_class|orders-eu · failover\.target\\_class/);
  });

  it("the demo fleet's fix breaks nothing, and exits 0", () => {
    const out = tempFixDir("regression-demo");
    dirs.push(out);
    const run = runCli(["fix", "-p", "policies/aurora-production.yaml", "examples/demo-fleet", "--out", out, "--now", NOW.toISOString()]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(readFileSync(join(out, "README.md"), "utf8")).not.toContain("## Regressions");
  });
});
