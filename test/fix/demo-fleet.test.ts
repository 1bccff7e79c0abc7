// Issue 6's proof on the bundled demo fleet: the emitted CDKTF compiles and synthesizes, and both it and the HCL re-check clean.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Evaluation } from "../../src/engine/result.js";
import { writeFixProject, type FixPlan } from "../../src/fix/index.js";
import type { Inventory } from "../../src/model/inventory.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import type { Policy } from "../../src/spec/policy.js";
import { expectCleanTypeCheck, expectHclMatchesCdktf, expectSynthesizedStackFixes, fixedPairs, recheckHcl, statuses, tempFixDir } from "../support/fix-project.js";
import { REPO } from "../support/run-cli.js";

const NOW = new Date("2026-11-22T10:00:00Z");
let dir: string;
let policies: Policy[];
let inventory: Inventory;
let before: Evaluation;
let plan: FixPlan;

beforeAll(async () => {
  policies = [await loadPolicy(join(REPO, "policies/aurora-production.yaml"))];
  inventory = await readAwsJson([join(REPO, "examples/demo-fleet")]);
  before = evaluate(policies, inventory, { now: NOW });
  dir = tempFixDir("demo");
  ({ plan } = await writeFixProject({ evaluation: before, inventory, policies, now: NOW, inputs: ["examples/demo-fleet"] }, { outDir: dir, format: "both" }));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe("haspec fix on the demo fleet", () => {
  it("accounts for every failing result: fixed in code, or a manual step; nothing dropped", () => {
    const failing = [...new Set(before.results.filter((r) => r.status === "fail").map((r) => `${r.resource.id} ${r.rule}`))].sort();
    const manual = new Set(plan.manual.map((m) => `${m.resource} ${m.rule}`));
    const fixed = new Set(fixedPairs(plan));
    expect(failing.length).toBeGreaterThan(20);
    for (const f of failing) expect(fixed.has(f) || manual.has(f), f).toBe(true);
    // objectives.* judge the outcome of the topology: their fixes are those of their causes (a reader in another AZ, Multi-AZ), listed as manual steps.
    const outcomes = failing.filter((f) => f.includes(" objectives."));
    expect(fixed.size).toBeGreaterThanOrEqual(failing.length - outcomes.length - 2);
  });

  it("type-checks against @cdktf/provider-aws", () => expectCleanTypeCheck(dir), 120_000);

  it("synthesizes with cdktf, and the synthesized stack re-checks clean for every fixed rule", () => expectSynthesizedStackFixes(dir, plan, policies, NOW), 120_000);

  it("the HCL re-checks to the same verdicts as the synthesized CDKTF", () => expectHclMatchesCdktf(dir, plan, policies, NOW), 120_000);

  it("breaks no rule that passed (issue 18 item 6): checkout-prod's failover target moves out of the writer's AZ and keeps the writer's size", async () => {
    const was = statuses(before);
    const after = statuses((await recheckHcl(dir, policies, NOW)).evaluation);
    expect(was.get("checkout-prod failover.target_class")).toBe("pass");
    expect(after.get("checkout-prod failover.target_other_az")).toBe("pass");
    expect(after.get("checkout-prod failover.target_class")).toBe("pass");
    // The rules the emitted blocks carry everything for (topology): none goes from pass to fail.
    const topology = /^(failover|multi_az)\./;
    const broken = [...was].filter(([k, s]) => topology.test(k.split(" ")[1]!) && s === "pass" && after.get(k) === "fail").map(([k]) => k);
    expect(broken).toEqual([]);
    // The fix's own re-check of every rule of every policy agrees.
    expect(plan.regressions).toEqual([]);
    const grown = plan.blocks.find((b) => b.type === "aws_rds_cluster_instance" && b.values["identifier"] === "checkout-prod-instance-3")!;
    expect(grown.values).toMatchObject({ instance_class: "db.r6g.2xlarge", promotion_tier: 0 });
    expect(grown.notes.get("instance_class")?.[0]?.downtime).toMatch(/restarts the reader checkout-prod-instance-3/);
  });

  it("fixes analytics-prod's small failover target by re-ranking its same-size reader outside the writer's AZ, not by resizing (no restart)", () => {
    const member = (id: string) => plan.blocks.find((b) => b.type === "aws_rds_cluster_instance" && b.values["identifier"] === id)!;
    expect(member("analytics-prod-instance-3").values["promotion_tier"]).toBe(0);
    expect(member("analytics-prod-instance-2").values).toMatchObject({ promotion_tier: 1, instance_class: "db.r6g.xlarge" });
    expect(member("analytics-prod-instance-2").notes.has("instance_class")).toBe(false);
  });

  it("marks the changes that restart a database", () => {
    const downtime = plan.blocks.flatMap((b) => [...b.notes.values()].flat().filter((n) => n.downtime).map((n) => `${b.type}.${b.name} ${n.rule}`));
    expect(downtime).toEqual(expect.arrayContaining([expect.stringMatching(/aws_db_instance\.wiki_mysql maintenance\.min_engine_version/), expect.stringMatching(/binlog\.formats/)]));
  });
});
