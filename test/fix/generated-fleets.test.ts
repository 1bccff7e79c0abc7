// Issue 6's proof on seeded generated fleets: every failure is fixed or manual, the CDKTF compiles and synthesizes, and both outputs re-check clean.
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
import { generateFixFleet } from "../support/aws-fleet.js";
import { expectCleanTypeCheck, expectHclMatchesCdktf, expectSynthesizedStackFixes, fixedPairs, tempFixDir } from "../support/fix-project.js";
import { REPO } from "../support/run-cli.js";

const NOW = new Date("2026-11-22T10:00:00Z");

/** Rules every generated fleet must exercise, so a generator change cannot quietly make the proof trivial. */
const EXERCISED = [
  "multi_az.min_azs",
  "multi_az.min_readers",
  "failover.max_tier",
  "backup.min_retention_days",
  "backup.deletion_protection",
  "binlog.formats",
  "events.subscribed",
  "dns.max_ttl",
  "dns.no_instance_endpoint_records",
  "monitoring.performance_insights",
];

function proveFleet(seed: number, clusters: number): void {
  describe(`haspec fix on generated fleet seed ${seed} (${clusters} clusters)`, () => {
    let fleetDir: string;
    let dir: string;
    let policies: Policy[];
    let before: Evaluation;
    let inventory: Inventory;
    let plan: FixPlan;

    beforeAll(async () => {
      policies = [await loadPolicy(join(REPO, "policies/aurora-production.yaml"))];
      fleetDir = tempFixDir(`fleet-${seed}`);
      generateFixFleet(fleetDir, seed, clusters);
      inventory = await readAwsJson([fleetDir]);
      before = evaluate(policies, inventory, { now: NOW });
      dir = tempFixDir(`fix-${seed}`);
      ({ plan } = await writeFixProject({ evaluation: before, inventory, policies, now: NOW, inputs: [fleetDir] }, { outDir: dir, format: "both" }));
    }, 60_000);

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(fleetDir, { recursive: true, force: true });
    });

    const failingPairs = () => [...new Set(before.results.filter((r) => r.status === "fail").map((r) => `${r.resource.id} ${r.rule}`))].sort();

    it("reads the whole fleet and fails it on a wide mix of rules", () => {
      expect(inventory.resources.filter((r) => r.kind === "aurora-cluster")).toHaveLength(clusters);
      expect(inventory.resources.filter((r) => r.kind === "instance").length).toBeGreaterThanOrEqual(2);
      const failingRules = new Set(before.results.filter((r) => r.status === "fail").map((r) => r.rule));
      expect([...failingRules].sort()).toEqual(expect.arrayContaining(EXERCISED));
    });

    it("accounts for every failing result: fixed in code, or a manual step; nothing dropped", () => {
      const manual = new Set(plan.manual.map((m) => `${m.resource} ${m.rule}`));
      const fixed = new Set(fixedPairs(plan));
      const failing = failingPairs();
      for (const f of failing) expect(fixed.has(f) || manual.has(f), f).toBe(true);
      // Every fixed pair was failing before: the plan claims nothing it did not start from.
      for (const f of fixed) expect(failing, f).toContain(f);
      // Most of the failures are expressible in Terraform (the rest: windows, binlog retention, proxies…).
      expect(fixed.size).toBeGreaterThan(failing.length / 2);
    });

    it("breaks no rule that passes today (the re-check of every rule of every policy finds no regression)", () => {
      expect(plan.regressions).toEqual([]);
    });

    it("type-checks against @cdktf/provider-aws", () => expectCleanTypeCheck(dir), 120_000);

    it("synthesizes with cdktf, and the synthesized stack re-checks clean for every fixed rule", () => expectSynthesizedStackFixes(dir, plan, policies, NOW), 120_000);

    it("the HCL re-checks to the same verdicts as the synthesized CDKTF", () => expectHclMatchesCdktf(dir, plan, policies, NOW), 120_000);
  });
}

proveFleet(11, 12);
proveFleet(23, 18);
proveFleet(47, 24);
