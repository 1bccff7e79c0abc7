// The shipped pack for Terraform plans: every changes.* rule, and only HA rules a plan can decide (pass or fail, not unknown).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { RULES } from "../../src/rules/index.js";
import { readTerraformPlan } from "../../src/sources/terraform-plan/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import { REPO } from "../support/run-cli.js";

const PACK = join(REPO, "policies/pull-request.yaml");
const PLANS = join(REPO, "test/fixtures/plans");
const NOW = new Date("2026-12-01T00:00:00Z");

/** The pack's results on one plan fixture. */
async function judge(plan: string) {
  const policy = await loadPolicy(PACK);
  return evaluate([policy], await readTerraformPlan([join(PLANS, plan)], { cwd: REPO }), { now: NOW });
}

describe("policies/pull-request.yaml", () => {
  it("turns on every changes.* rule, for every database the plan touches", async () => {
    const policy = await loadPolicy(PACK);
    const changes = RULES.filter((r) => r.group === "changes").map((r) => r.id);
    expect(changes.length).toBeGreaterThan(0);
    const everything = policy.targets.find((t) => Object.keys(t.match).length === 0);
    expect(everything?.requirements.map((r) => r.ruleId).sort()).toEqual([...changes].sort());
  });

  it("judges each change fixture's risky change as a failure", async () => {
    const expected: Record<string, string> = {
      "cluster-replacement.json": "changes.no_replacement",
      "protection-downgrade.json": "changes.no_protection_downgrade",
      "reader-removal.json": "changes.no_capacity_reduction",
      "writer-resize-apply-immediately.json": "changes.no_writer_resize_in_place",
    };
    for (const [plan, rule] of Object.entries(expected)) {
      const failed = (await judge(plan)).results.filter((r) => r.status === "fail").map((r) => r.rule);
      expect(failed, plan).toContain(rule);
    }
  });

  it("holds only rules a plan decides: none is unknown on a plan that creates a cluster, each passes or fails on some plan", async () => {
    const created = await judge("new-aurora-cluster.json");
    expect(created.summary.resources).toBe(1);
    expect(created.results.filter((r) => r.status === "unknown").map((r) => `${r.rule}: ${r.reason}`)).toEqual([]);
    // The targets for other kinds and engines are one note, not one each.
    expect(created.notes).toEqual([
      expect.stringMatching(/^targets prod-aurora-postgresql \(.*pull-request\.yaml:\d+\), prod-multi-az-clusters \(.*\), prod-instances \(.*\) of policy pull-request select none of the 1 resource read: their rules judged nothing/),
    ]);
    const decided = new Set<string>();
    for (const plan of readdirSync(PLANS).filter((f) => f.endsWith(".json"))) {
      for (const r of (await judge(plan)).results) if (r.status === "pass" || r.status === "fail") decided.add(r.rule);
    }
    const policy = await loadPolicy(PACK);
    const required = new Set(policy.targets.flatMap((t) => t.requirements.map((r) => r.ruleId)));
    expect([...required].filter((id) => !decided.has(id))).toEqual([]);
  });

  it("leaves out the rules a plan cannot decide", async () => {
    const policy = await loadPolicy(PACK);
    const required = new Set(policy.targets.flatMap((t) => t.requirements.map((r) => r.ruleId)));
    for (const id of ["backup.max_pitr_lag_minutes", "binlog.min_retention_hours", "events.subscribed", "proxy.required", "dns.max_ttl", "dns.no_instance_endpoint_records"]) {
      expect(required.has(id), id).toBe(false);
    }
  });

  it("is the policy of the GitHub Actions example", () => {
    const workflow = readFileSync(join(REPO, "examples/github/haspec-plan.yml"), "utf8");
    expect(workflow).toMatch(/haspec\.js check --policy "\$\{HASPEC_POLICY:-\$RUNNER_TEMP\/haspec\/policies\/pull-request\.yaml\}" plan\.json/);
  });
});
