// Two verdicts Terraform decides that were unknown (issue 19): Performance Insights of a Multi-AZ DB cluster
// (set on the cluster), and dns.max_ttl where a CNAME's value is unknown but its TTL is within the limit.
// Read as .tf, a real Terraform plan and a state; the negative cases keep "unknown is never pass".
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openRun } from "../../src/run/session.js";
import { REPO } from "../support/run-cli.js";

const POLICY = `version: 1
name: known-from-terraform
targets:
  - name: multi-az-clusters
    match: { kinds: [multi-az-cluster] }
    require:
      dns: { max_ttl: 10, no_instance_endpoint_records: true }
      monitoring: { performance_insights: true, max_monitoring_interval: 60 }
`;

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-known-"));
  writeFileSync(join(dir, "policy.yaml"), POLICY);
  return dir;
}

/** Verdict per rule for the one Multi-AZ DB cluster the input declares. */
async function verdicts(dir: string, input: string, vars: string[] = []): Promise<Record<string, { status: string; reason?: string }>> {
  const run = await openRun(
    { inputs: [input], policies: [join(dir, "policy.yaml")], vars, live: { regions: [], roleArns: [], env: {}, now: () => new Date() } },
    { cwd: REPO, env: {}, now: () => new Date("2026-12-01T00:00:00Z") },
  );
  const out: Record<string, { status: string; reason?: string }> = {};
  for (const r of run.evaluate().results) out[r.rule] = { status: r.status, ...(r.reason === undefined ? {} : { reason: r.reason }) };
  return out;
}

/** A Multi-AZ DB cluster and a CNAME whose value is a variable without a value (haspec cannot evaluate it). */
function tf(cluster: string, record: string): string {
  return `provider "aws" { region = "us-east-1" }
variable "target" { type = string }
variable "pi" { type = bool }
resource "aws_rds_cluster" "maz" {
  cluster_identifier        = "maz"
  engine                    = "postgres"
  db_cluster_instance_class = "db.m6gd.large"
  storage_type              = "io1"
  allocated_storage         = 100
  iops                      = 1000
  ${cluster}
}
resource "aws_route53_record" "app" {
  zone_id = "Z1"
  name    = "app.example.com"
  type    = "CNAME"
  records = [var.target]
  ${record}
}
`;
}

async function fromTf(cluster: string, record: string) {
  const dir = workDir();
  writeFileSync(join(dir, "main.tf"), tf(cluster, record));
  return verdicts(dir, join(dir, "main.tf"));
}

describe("Performance Insights of a Multi-AZ DB cluster, read from Terraform", () => {
  it(".tf: known from aws_rds_cluster.performance_insights_enabled", async () => {
    expect((await fromTf("performance_insights_enabled = true", "ttl = 5"))["monitoring.performance_insights"]).toMatchObject({ status: "pass" });
    expect((await fromTf("performance_insights_enabled = false", "ttl = 5"))["monitoring.performance_insights"]).toMatchObject({ status: "fail" });
    // Unset: the provider's default is off, which fails (never a pass).
    expect((await fromTf("", "ttl = 5"))["monitoring.performance_insights"]).toMatchObject({ status: "fail" });
    // A value haspec cannot evaluate stays unknown.
    expect((await fromTf("performance_insights_enabled = var.pi", "ttl = 5"))["monitoring.performance_insights"]).toMatchObject({
      status: "unknown",
      reason: expect.stringMatching(/var\.pi/),
    });
  });

  it("plan (made by Terraform): known, on and off", async () => {
    const dir = workDir();
    expect((await verdicts(dir, "test/fixtures/plans/unknown-cname-within.json"))["monitoring.performance_insights"]).toMatchObject({ status: "pass" });
    expect((await verdicts(dir, "test/fixtures/plans/unknown-cname-above.json"))["monitoring.performance_insights"]).toMatchObject({ status: "fail" });
  });

  it("state: known, on and off", async () => {
    const dir = workDir();
    for (const [on, status] of [[true, "pass"], [false, "fail"]] as const) {
      const file = join(dir, `state-${on}.json`);
      writeFileSync(file, JSON.stringify(state(on, 5)));
      expect((await verdicts(dir, file))["monitoring.performance_insights"]).toMatchObject({ status });
    }
  });
});

describe("Enhanced Monitoring of a Multi-AZ DB cluster, read from Terraform", () => {
  it(".tf: known from aws_rds_cluster.monitoring_interval", async () => {
    expect((await fromTf("monitoring_interval = 30", "ttl = 5"))["monitoring.max_monitoring_interval"]).toMatchObject({ status: "pass" });
    expect((await fromTf("monitoring_interval = 0", "ttl = 5"))["monitoring.max_monitoring_interval"]).toMatchObject({ status: "fail" });
    // Unset: the provider's default is 0 (off), which fails (never a pass).
    expect((await fromTf("", "ttl = 5"))["monitoring.max_monitoring_interval"]).toMatchObject({ status: "fail" });
    // A value haspec cannot evaluate stays unknown.
    expect((await fromTf("monitoring_interval = var.target", "ttl = 5"))["monitoring.max_monitoring_interval"]).toMatchObject({
      status: "unknown",
      reason: expect.stringMatching(/var\.target/),
    });
  });
});

describe("dns.max_ttl with a CNAME whose value cannot be evaluated", () => {
  it(".tf: passes when its TTL is within the limit; unknown when above it or unset", async () => {
    const within = await fromTf("performance_insights_enabled = true", "ttl = 5");
    expect(within["dns.max_ttl"]).toMatchObject({ status: "pass" });
    // The record may still name an instance endpoint: that rule stays unknown.
    expect(within["dns.no_instance_endpoint_records"]).toMatchObject({ status: "unknown", reason: expect.stringMatching(/app\.example\.com/) });
    expect((await fromTf("performance_insights_enabled = true", "ttl = 300"))["dns.max_ttl"]).toMatchObject({
      status: "unknown",
      reason: expect.stringMatching(/app\.example\.com may point at maz with a TTL above 10 s/),
    });
    expect((await fromTf("performance_insights_enabled = true", ""))["dns.max_ttl"]).toMatchObject({ status: "unknown" });
  });

  it("plan (made by Terraform, the value known only after apply): pass within the limit, unknown above it", async () => {
    const dir = workDir();
    expect((await verdicts(dir, "test/fixtures/plans/unknown-cname-within.json"))["dns.max_ttl"]).toMatchObject({ status: "pass" });
    expect((await verdicts(dir, "test/fixtures/plans/unknown-cname-above.json"))["dns.max_ttl"]).toMatchObject({ status: "unknown" });
  });

  it("state: the value is known there, and a host that is not the database's does not count", async () => {
    const dir = workDir();
    const file = join(dir, "state.json");
    writeFileSync(file, JSON.stringify(state(true, 300)));
    expect((await verdicts(dir, file))["dns.max_ttl"]).toMatchObject({ status: "pass" });
  });

  it("a known CNAME to the cluster above the limit still fails beside an unknown one", async () => {
    const dir = workDir();
    writeFileSync(
      join(dir, "main.tf"),
      tf("performance_insights_enabled = true", "ttl = 5") +
        `resource "aws_route53_record" "db" {
  zone_id = "Z1"
  name    = "db.example.com"
  type    = "CNAME"
  ttl     = 60
  records = [aws_rds_cluster.maz.endpoint]
}
`,
    );
    expect((await verdicts(dir, join(dir, "main.tf")))["dns.max_ttl"]).toMatchObject({ status: "fail" });
  });
});

/** `terraform show -json` of a state holding the cluster and a CNAME to a load balancer. */
function state(performanceInsights: boolean, ttl: number) {
  const resource = (type: string, name: string, values: Record<string, unknown>) => ({
    address: `${type}.${name}`,
    mode: "managed",
    type,
    name,
    provider_name: "registry.terraform.io/hashicorp/aws",
    schema_version: 0,
    values,
  });
  return {
    format_version: "1.0",
    terraform_version: "1.11.4",
    values: {
      root_module: {
        resources: [
          resource("aws_rds_cluster", "maz", {
            arn: "arn:aws:rds:us-east-1:123456789012:cluster:maz",
            cluster_identifier: "maz",
            engine: "postgres",
            db_cluster_instance_class: "db.m6gd.large",
            performance_insights_enabled: performanceInsights,
            endpoint: "maz.cluster-abc123.us-east-1.rds.amazonaws.com",
            reader_endpoint: "maz.cluster-ro-abc123.us-east-1.rds.amazonaws.com",
            tags: { env: "prod" },
          }),
          resource("aws_route53_record", "app", {
            zone_id: "Z1",
            name: "app.example.com",
            fqdn: "app.example.com",
            type: "CNAME",
            ttl,
            records: ["front-0123456789.elb.us-east-1.amazonaws.com"],
          }),
        ],
      },
    },
  };
}
