// The built CLI judges the application tier from AWS CLI JSON and from .tf, each resource by its own kind's rules.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const POLICY = "test/fixtures/app-tier/web-tier.yaml";

function statuses(stdout: string): Record<string, string> {
  const report = JSON.parse(stdout) as { results: { resource: { id: string; kind: string }; rule: string; status: string }[] };
  return Object.fromEntries(report.results.map((r) => [`${r.resource.kind} ${r.resource.id} ${r.rule}`, r.status]));
}

describe("haspec check: the application tier", () => {
  it("AWS CLI JSON: fails what violates, unknown where an output is missing, exit 1", () => {
    const run = runCli(["check", "--policy", POLICY, "test/fixtures/app-tier/aws-json", "--format", "json"]);
    expect(run.code, run.stderr).toBe(1);
    const s = statuses(run.stdout);
    expect(s["autoscaling-group web compute.min_azs"]).toBe("pass");
    expect(s["autoscaling-group workers compute.min_azs"]).toBe("fail");
    expect(s["autoscaling-group batch compute.elb_health_check"]).toBe("fail");
    expect(s["load-balancer legacy-clb load_balancer.cross_zone"]).toBe("fail");
    expect(s["load-balancer internal-nlb load_balancer.cross_zone"]).toBe("unknown");
    expect(s["ec2-instance i-0legacy compute.auto_recovery"]).toBe("pass");
    expect(s["ec2-instance i-0norecover compute.auto_recovery"]).toBe("fail");
    // A load balancer is never judged by a group's rule, nor a group by a load balancer's.
    expect(Object.keys(s).filter((k) => k.startsWith("load-balancer") && k.includes("compute."))).toEqual([]);
  });

  it(".tf: Terraform's defaults decide (aws_elb cross-zone on), the text report names the Terraform types", () => {
    const run = runCli(["check", "--policy", POLICY, "test/fixtures/app-tier/tf"]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toContain('resource "aws_autoscaling_group" "batch"');
    expect(run.stdout).toContain("enable_cross_zone_load_balancing = false -> true");
    expect(run.stdout).not.toMatch(/~ cross_zone_load_balancing/);
    // The type its address names (aws_elb, not the kind's aws_lb), and an instance not yet created once, not as aws_instance.aws_instance.norecover.
    expect(run.stdout).toContain('resource "aws_elb" "legacy-clb"');
    expect(run.stdout).toContain("# aws_instance.norecover (ec2-instance");
    expect(run.stdout).toContain('resource "aws_instance" "norecover"');
  });
});

describe("the JSON report of the application tier", () => {
  it("gives its resources no engine (null), like applications", () => {
    const run = runCli(["check", "--policy", POLICY, "test/fixtures/app-tier/aws-json", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { results: { resource: { kind: string; engine: unknown } }[] };
    expect(new Set(report.results.map((r) => r.resource.engine))).toEqual(new Set([null]));
  });
});

describe("haspec fix over the application tier", () => {
  it("writes what the inputs allow as Terraform, re-checked, and the rest as manual steps, none dropped", () => {
    const out = mkdtempSync(join(tmpdir(), "haspec-app-tier-fix-"));
    const run = runCli(["fix", "--policy", POLICY, "test/fixtures/app-tier/tf", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    // batch: ELB health checks; api-nlb: cross-zone on; norecover: a recover alarm. batch's subnets are written, but its
    // running spread is known only live; legacy-clb names AZs, not subnets: both stay steps.
    expect(run.stdout).toContain("5 failing results; 3 fixed in code (re-checked), 2 manual steps");
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme).toContain("legacy-clb · load\\_balancer.min\\_azs: subnets: add subnets in 1 more AZ(s) than us-east-1a");
    const hcl = readFileSync(join(out, "hcl/main.tf"), "utf8");
    expect(hcl).toMatch(/health_check_type += "ELB"/);
    expect(hcl).toContain('alarm_actions       = ["arn:aws:automate:us-east-1:ec2:recover"]');
  });
});
