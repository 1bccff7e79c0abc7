// The CLI on Terraform inputs: detection, --changed-only, and refusing --changed-only without a plan.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const ids = (stdout: string) => [...new Set((JSON.parse(stdout).results as { resource: { id: string } }[]).map((r) => r.resource.id))];

describe("haspec check on a Terraform plan", () => {
  const plan = "test/fixtures/plans/modules-count-for-each.json";

  it("detects the plan and judges every planned cluster", () => {
    const run = runCli(["check", "-p", "policies/aurora-baseline.yaml", plan, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).sources).toEqual([{ kind: "plan", location: plan, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(ids(run.stdout)).toEqual(["payments-prod", "search-prod"]);
  });

  it("--changed-only keeps the clusters the plan touches (a new member counts), not the untouched ones", () => {
    const run = runCli(["check", "-p", "policies/aurora-baseline.yaml", plan, "--format", "json", "--changed-only"]);
    expect(run.stderr).toBe("");
    expect(ids(run.stdout)).toEqual(["search-prod"]);
  });

  it("--changed-only without a plan is a usage error", () => {
    const run = runCli(["check", "-p", "policies/aurora-baseline.yaml", "examples/demo-fleet", "--changed-only"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--changed-only/);
  });

  it("the changes.* rules fail a writer resized in place with apply_immediately", () => {
    const run = runCli(["check", "-p", "test/fixtures/policies/changes.yaml", "test/fixtures/plans/writer-resize-apply-immediately.json", "--format", "json"]);
    expect(run.code, run.stderr).toBe(1);
    const statuses = Object.fromEntries(
      (JSON.parse(run.stdout).results as { rule: string; status: string }[]).map((r) => [r.rule, r.status]),
    );
    expect(statuses).toMatchObject({ "changes.no_writer_resize_in_place": "fail", "changes.no_replacement": "pass" });
  });
});
