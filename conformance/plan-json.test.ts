// The public plan JSON fixtures in the conformance corpus (format_version 0.1) parse, map and get the verdicts their suites expect.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../src/engine/evaluate.js";
import { RULES } from "../src/rules/index.js";
import { readTerraformPlan } from "../src/sources/terraform-plan/index.js";
import { result } from "../test/sources/terraform-plan/support.js";
import { policy, target } from "../test/support/policy.js";
import { corpusDir } from "./corpus.js";

const CORPUS = corpusDir("plan-json");

describe("corpus plans", () => {
  it("terraform-compliance issue 120: retention 5 fails a minimum of 15 (their feature: > 15)", async () => {
    const inv = await readTerraformPlan([`${CORPUS}/terraform-compliance/test_issue-120/plan.out.json`]);
    const [cluster] = inv.resources;
    expect(cluster).toMatchObject({ id: "aurora-cluster-demo", kind: "aurora-cluster", engine: "aurora-mysql", address: "aws_rds_cluster.default" });
    expect(cluster?.backupRetentionDays).toEqual({ known: true, value: 5 });
    // Region only from the cluster's availability_zones (no provider block in this 0.12 plan).
    expect(cluster?.region).toEqual({ known: true, value: "us-west-2" });
    expect(result(inv, { "backup.min_retention_days": 15 }, "aws_rds_cluster.default", "backup.min_retention_days")).toMatchObject({ status: "fail", actual: 5, expected: 15 });
    // No aws_rds_cluster_instance in the plan: a cluster with no compute.
    expect(result(inv, { "multi_az.min_readers": 1 }, "aws_rds_cluster.default", "multi_az.min_readers")?.status).toBe("fail");
  });

  it("terraform-compliance issue 438: an Aurora PostgreSQL cluster, engine version left to AWS", async () => {
    const inv = await readTerraformPlan([`${CORPUS}/terraform-compliance/test_issue-438/plan.out.json`]);
    expect(inv.resources.map((r) => [r.address, r.engine, r.region])).toEqual([["aws_rds_cluster.db_cluster", "aurora-postgresql", { known: true, value: "us-east-1" }]]);
    expect(inv.resources[0]?.engineVersion.known).toBe(false);
    expect(result(inv, { "backup.min_retention_days": 7 }, "aws_rds_cluster.db_cluster", "backup.min_retention_days")).toMatchObject({ status: "fail", actual: 1 });
  });

  it("terraform-compliance issue 401: an instance with multi_az unset is single-AZ; retention unset is unknown", async () => {
    const inv = await readTerraformPlan([`${CORPUS}/terraform-compliance/test_issue_401/plan.out.json`]);
    const address = "aws_db_instance.default";
    expect(inv.resources.map((r) => [r.address, r.kind, r.engine])).toEqual([[address, "instance", "mysql"]]);
    expect(result(inv, { "multi_az.min_readers": 1 }, address, "multi_az.min_readers")?.status).toBe("fail");
    expect(result(inv, { "backup.min_retention_days": 7 }, address, "backup.min_retention_days")?.status).toBe("unknown");
  });

  it("checkov runner tfplan: multi_az = false and retention 0 fail", async () => {
    const inv = await readTerraformPlan([`${CORPUS}/checkov-runner-plan/tfplan.json`]);
    const address = "aws_db_instance.default";
    expect(inv.resources.map((r) => r.address)).toEqual([address]);
    expect(inv.resources[0]).toMatchObject({ id: "rds-123456789123-acme-corp", region: { known: true, value: "us-west-2" } });
    expect(result(inv, { "multi_az.min_azs": 2 }, address, "multi_az.min_azs")?.status).toBe("fail");
    expect(result(inv, { "backup.min_retention_days": 1 }, address, "backup.min_retention_days")).toMatchObject({ status: "fail", actual: 0 });
    // A newly created instance: nothing to compare, the change rules pass.
    expect(result(inv, { "changes.no_protection_downgrade": true }, address, "changes.no_protection_downgrade")?.status).toBe("pass");
  });
});

// Plans other checkers keep as fixtures, written by Terraform versions older than the `complete` and `errored` keys.
describe("every corpus plan", () => {
  const plans = readdirSync(CORPUS, { recursive: true, encoding: "utf8" })
    .filter((p) => p.endsWith(".json"))
    .sort();
  const EVERY_RULE = Object.fromEntries(RULES.map((r) => [r.id, r.example]));

  it("holds the four plans this suite was written against", () => {
    expect(plans.length).toBeGreaterThanOrEqual(4);
  });

  it.each(plans)("%s is judged by every rule", async (name) => {
    const inventory = await readTerraformPlan([join(CORPUS, name)]);
    const evaluation = evaluate([policy({ targets: [target({ require: EVERY_RULE })] })], inventory, { now: new Date("2026-11-22T10:00:00Z") });
    expect(evaluation.results.length).toBeGreaterThan(0);
  });
});
