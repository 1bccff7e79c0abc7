// planFixes on small inventories: which blocks each failing rule produces, what stays manual, and the in-process re-check.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { addressOf, type Block } from "../../src/fix/blocks.js";
import { planFixes } from "../../src/fix/plan.js";
import type { Inventory } from "../../src/model/inventory.js";
import type { Resource } from "../../src/model/resource.js";
import { TfReference } from "../../src/sources/terraform/types.js";
import { renderHcl } from "../../src/fix/render-hcl.js";
import { inventory, resource, UNKNOWN, type ResourceInput } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const NOW = new Date("2026-11-22T10:00:00Z");

/** A resource as the AWS-JSON source gives it: adopted with `import` by the fix. */
function live(r: ResourceInput, importAttributes: Resource["importAttributes"] = {}): Resource {
  return { ...resource(r), location: { source: "aws-json", file: "fleet/describe-db-clusters.json" }, importAttributes };
}

function plan(inv: Inventory, require: Record<string, unknown>) {
  const policies = [policy({ targets: [target({ require })] })];
  const evaluation = evaluate(policies, inv, { now: NOW });
  return { evaluation, plan: planFixes(evaluation, inv, { policies, now: NOW }) };
}

const block = (blocks: readonly Block[], address: string) => blocks.find((b) => addressOf(b) === address);

describe("planFixes", () => {
  it("adds a reader in another AZ, with the writer's class and tier 0, for a single-AZ cluster", () => {
    const r = live(
      { id: "solo", instances: [{ id: "solo-1", writer: true, az: "us-east-1a", class: "db.r6g.2xlarge", tier: 1 }] },
      { availability_zones: ["us-east-1a", "us-east-1b", "us-east-1c"] },
    );
    const { plan: p } = plan(inventory({ resources: [r] }), { "multi_az.min_azs": 2, "multi_az.min_readers": 1, "failover.target_other_az": true });
    const added = p.blocks.filter((b) => b.origin.kind === "new" && b.type === "aws_rds_cluster_instance");
    expect(added).toHaveLength(1);
    expect(added[0]!.values).toMatchObject({ availability_zone: "us-east-1b", promotion_tier: 0, instance_class: "db.r6g.2xlarge" });
    expect(added[0]!.values["cluster_identifier"]).toEqual(new TfReference("aws_rds_cluster.solo", "id"));
    expect(p.resources[0]!.checked.map((c) => [c.rule, c.fixed])).toEqual([
      ["failover.target_other_az", true],
      ["multi_az.min_azs", true],
      ["multi_az.min_readers", true],
    ]);
    // The live cluster and its member are adopted, not created.
    expect(block(p.blocks, "aws_rds_cluster.solo")?.origin).toEqual({ kind: "import", id: "solo" });
    expect(block(p.blocks, "aws_rds_cluster_instance.solo_1")?.origin).toEqual({ kind: "import", id: "solo-1" });
  });

  it("sets attributes where they live: retention on the cluster, tiers on the member", () => {
    const r = live({
      id: "c",
      retention: 1,
      instances: [
        { id: "c-1", writer: true, az: "us-east-1a", tier: 1 },
        { id: "c-2", az: "us-east-1b", tier: 15 },
      ],
    });
    const { plan: p } = plan(inventory({ resources: [r] }), { "backup.min_retention_days": 7, "failover.max_tier": 1 });
    expect(block(p.blocks, "aws_rds_cluster.c")?.values["backup_retention_period"]).toBe(7);
    expect(block(p.blocks, "aws_rds_cluster_instance.c_2")?.values["promotion_tier"]).toBe(1);
    expect(block(p.blocks, "aws_rds_cluster.c")?.notes.get("backup_retention_period")?.[0]?.rule).toBe("backup.min_retention_days");
    expect(p.manual).toEqual([]);
  });

  it("creates a custom parameter group for binlog_format when the cluster uses an AWS default group, and marks the reboot", () => {
    const r = live({ id: "cdc", parameterGroup: { name: "default.aurora-mysql8.0", parameters: {} } });
    const { plan: p } = plan(inventory({ resources: [r] }), { "binlog.formats": ["ROW"] });
    const group = p.blocks.find((b) => b.type === "aws_rds_cluster_parameter_group")!;
    expect(group.values).toMatchObject({ name: "cdc-binlog", family: "aurora-mysql8.0", parameter: [{ name: "binlog_format", value: "ROW", apply_method: "pending-reboot" }] });
    const cluster = block(p.blocks, "aws_rds_cluster.cdc")!;
    expect(cluster.values["db_cluster_parameter_group_name"]).toEqual(new TfReference(addressOf(group), "name"));
    expect(cluster.notes.get("db_cluster_parameter_group_name")?.[0]?.downtime).toMatch(/reboot/);
    expect(p.resources[0]!.checked).toEqual([expect.objectContaining({ rule: "binlog.formats", fixed: true })]);
  });

  it("imports a custom parameter group with every parameter it already sets", () => {
    const r = live({ id: "cdc", parameterGroup: { name: "cdc-params", parameters: { binlog_format: "OFF", max_connections: "500" } } });
    const { plan: p } = plan(inventory({ resources: [r] }), { "binlog.formats": ["ROW"] });
    const group = p.blocks.find((b) => b.type === "aws_rds_cluster_parameter_group")!;
    expect(group.origin).toEqual({ kind: "import", id: "cdc-params" });
    expect(group.values["parameter"]).toEqual([
      { name: "max_connections", value: "500", apply_method: "pending-reboot" },
      { name: "binlog_format", value: "ROW", apply_method: "pending-reboot" },
    ]);
  });

  it("subscribes to failover events through one SNS topic per region, and leaves the subscribers to the user", () => {
    const a = live({ id: "a" });
    const b = live({ id: "b" });
    const { plan: p } = plan(inventory({ resources: [a, b] }), { "events.subscribed": ["failover"] });
    expect(p.blocks.filter((x) => x.type === "aws_sns_topic")).toHaveLength(1);
    const subs = p.blocks.filter((x) => x.type === "aws_db_event_subscription");
    expect(subs.map((s) => s.values["source_type"])).toEqual(["db-cluster", "db-cluster"]);
    expect(subs[0]!.values["event_categories"]).toEqual(["failover"]);
    expect(p.manual.filter((m) => m.rule === "events.subscribed")).toHaveLength(2);
    expect(p.resources.every((r) => r.checked.every((c) => c.fixed))).toBe(true);
  });

  it("names a standalone instance in a subscription by its identifier (aws_db_instance.id is the resource id since provider 5)", () => {
    const db = live({ id: "wiki", kind: "instance", engine: "mysql", instances: [{ id: "wiki", writer: true, az: "us-east-1a", secondaryAz: "us-east-1b" }] });
    const { plan: p } = plan(inventory({ resources: [db] }), { "events.subscribed": ["failover"] });
    const sub = p.blocks.find((b) => b.type === "aws_db_event_subscription")!;
    expect(sub.values["source_ids"]).toEqual([new TfReference("aws_db_instance.wiki", "identifier")]);
    expect(sub.values["source_type"]).toBe("db-instance");
    expect(p.resources[0]!.checked).toEqual([expect.objectContaining({ rule: "events.subscribed", fixed: true })]);
  });

  it("lowers a record's TTL and points it at the cluster endpoint by reference, importing the live record", () => {
    const r = live({ id: "crm", instances: [{ id: "crm-1", writer: true, az: "us-east-1a" }, { id: "crm-2", az: "us-east-1b" }] });
    const record = { name: "crm.example.com.", type: "CNAME", ttl: 300, values: ["crm-1.abc123.us-east-1.rds.amazonaws.com"], zone: "Z1" };
    const { plan: p } = plan(inventory({ resources: [r], dnsRecords: [record] }), { "dns.max_ttl": 30, "dns.no_instance_endpoint_records": true });
    const rec = p.blocks.find((b) => b.type === "aws_route53_record")!;
    expect(rec.origin).toEqual({ kind: "import", id: "Z1_crm.example.com_CNAME" });
    expect(rec.values).toMatchObject({ zone_id: "Z1", name: "crm.example.com", type: "CNAME", ttl: 30, records: [new TfReference("aws_rds_cluster.crm", "endpoint")] });
    expect(p.resources[0]!.checked.map((c) => [c.rule, c.fixed])).toEqual([
      ["dns.max_ttl", true],
      ["dns.no_instance_endpoint_records", true],
    ]);
  });

  it("writes SQL for binlog retention hours and keeps RDS Proxy manual: neither is a Terraform attribute it can set", () => {
    const r: Resource = { ...live({ id: "cdc" }), binlogRetentionHours: { known: true, value: null } };
    const { plan: p, evaluation } = plan(inventory({ resources: [r] }), { "binlog.min_retention_hours": 24, "proxy.required": true });
    expect(evaluation.results.map((x) => x.status)).toEqual(["fail", "fail"]);
    expect(p.sql).toEqual([{ resource: "cdc", rule: "binlog.min_retention_hours", file: "cdc-binlog-retention.sql", statement: "CALL mysql.rds_set_configuration('binlog retention hours', 24);" }]);
    expect(p.manual.map((m) => m.rule).sort()).toEqual(["binlog.min_retention_hours", "proxy.required"]);
    expect(p.blocks).toEqual([]);
  });

  it("never touches unknown results, and lists them", () => {
    const r = live({ id: "u" });
    const unknownRetention: Resource = { ...r, backupRetentionDays: { known: false, reason: "BackupRetentionPeriod was not readable" } };
    const { plan: p } = plan(inventory({ resources: [unknownRetention] }), { "backup.min_retention_days": 7 });
    expect(p.blocks).toEqual([]);
    expect(p.untouched.map((u) => u.rule)).toEqual(["backup.min_retention_days"]);
  });

  it("marks a writer's engine upgrade and a Multi-AZ conversion as downtime", () => {
    const db = live({ id: "wiki", kind: "instance", engine: "mysql", engineVersion: "8.0.35", instances: [{ id: "wiki", writer: true, az: "us-east-1a", secondaryAz: null }] });
    const { plan: p } = plan(inventory({ resources: [db] }), { "multi_az.min_azs": 2, "maintenance.min_engine_version": { mysql: "8.0.36" } });
    const main = block(p.blocks, "aws_db_instance.wiki")!;
    expect(main.values["multi_az"]).toBe(true);
    expect(main.values["availability_zone"]).toBeUndefined();
    expect(main.notes.get("multi_az")?.[0]?.downtime).toMatch(/standby/);
    expect(main.notes.get("engine_version")?.[0]?.downtime).toMatch(/restarts/);
  });
});

describe("planFixes keeps passing rules passing (issue 18 item 6)", () => {
  it("moves the failover target out of the writer's AZ to a smaller reader only after growing it to the writer's class", () => {
    const r = live({
      id: "shop",
      instances: [
        { id: "shop-1", writer: true, az: "us-east-1a", tier: 1, class: "db.r6g.2xlarge" },
        { id: "shop-2", az: "us-east-1a", tier: 1, class: "db.r6g.2xlarge" },
        { id: "shop-3", az: "us-east-1b", tier: 1, class: "db.r6g.large" },
      ],
    });
    const { plan: p, evaluation } = plan(inventory({ resources: [r] }), { "failover.target_other_az": true, "failover.target_class": "same-or-larger", "failover.max_tier": 1 });
    expect(evaluation.results.map((x) => [x.rule, x.status])).toEqual([
      ["failover.target_other_az", "fail"],
      ["failover.target_class", "pass"],
      ["failover.max_tier", "pass"],
    ]);
    expect(block(p.blocks, "aws_rds_cluster_instance.shop_3")?.values).toMatchObject({ instance_class: "db.r6g.2xlarge", promotion_tier: 0 });
    expect(block(p.blocks, "aws_rds_cluster_instance.shop_1")?.notes.has("instance_class")).toBe(false);
    expect(p.resources[0]!.checked).toEqual([expect.objectContaining({ rule: "failover.target_other_az", fixed: true })]);
    expect(p.regressions).toEqual([]);
  });
});

describe("planFixes and backtrack (issue 18 item 7)", () => {
  it("never sets backtrack_window on a cluster created without backtrack: a manual restore with it on, its downtime said", () => {
    const r = live({ id: "ledger", backtrack: 0 });
    const { plan: p } = plan(inventory({ resources: [r] }), { "backup.min_backtrack_hours": 24 });
    expect(p.blocks.some((b) => "backtrack_window" in b.values)).toBe(false);
    expect(p.resources).toEqual([]);
    const step = p.manual.find((m) => m.rule === "backup.min_backtrack_hours");
    expect(step?.text).toContain("restore-db-cluster-to-point-in-time --source-db-cluster-identifier ledger");
    expect(step?.text).toContain("--backtrack-window 86400");
    expect(step?.text).toMatch(/downtime: .*new cluster/);
  });

  it("raises the window of a cluster that has backtrack on, in place and without downtime", () => {
    const r = live({ id: "ledger", backtrack: 3600 });
    const { plan: p } = plan(inventory({ resources: [r] }), { "backup.min_backtrack_hours": 24 });
    const cluster = block(p.blocks, "aws_rds_cluster.ledger")!;
    expect(cluster.values["backtrack_window"]).toBe(86400);
    expect(cluster.notes.get("backtrack_window")?.[0]?.downtime).toBeUndefined();
    expect(p.resources[0]!.checked).toEqual([expect.objectContaining({ rule: "backup.min_backtrack_hours", fixed: true })]);
    expect(p.manual).toEqual([]);
  });
});

describe("planFixes on data it cannot declare in full", () => {
  it("fixes only the cluster itself when a member's class is unknown, and leaves member fixes manual", () => {
    const r = live({ id: "half", retention: 1, instances: [{ id: "half-1", writer: true, class: UNKNOWN, pi: false }] });
    const { plan: p } = plan(inventory({ resources: [r] }), { "backup.min_retention_days": 7, "monitoring.performance_insights": true });
    expect(p.blocks.map(addressOf)).toEqual(["aws_rds_cluster.half"]);
    expect(block(p.blocks, "aws_rds_cluster.half")?.values["backup_retention_period"]).toBe(7);
    expect(p.resources[0]!.checked).toEqual([expect.objectContaining({ rule: "backup.min_retention_days", fixed: true })]);
    expect(p.manual).toEqual([expect.objectContaining({ resource: "half", rule: "monitoring.performance_insights", text: expect.stringMatching(/instance class of half-1 is unknown/) })]);
  });

  it("lets the stricter value win when two rules set one attribute", () => {
    const r = live({ id: "b", retention: 0 });
    const { plan: p } = plan(inventory({ resources: [r] }), { "backup.min_retention_days": 7, "backup.max_pitr_lag_minutes": 15 });
    expect(block(p.blocks, "aws_rds_cluster.b")?.values["backup_retention_period"]).toBe(7);
  });

  it("keeps AWS's own aws:* tags out of the declared tags", () => {
    const r = live({ id: "t", retention: 1, tags: { env: "prod", "aws:cloudformation:stack-name": "db" } });
    const { plan: p } = plan(inventory({ resources: [r] }), { "backup.min_retention_days": 7 });
    expect(block(p.blocks, "aws_rds_cluster.t")?.values["tags"]).toEqual({ env: "prod" });
  });

  it("gives each account its own provider, pinned with allowed_account_ids", () => {
    const a = live({ id: "a", retention: 1, account: "111111111111" });
    const b = live({ id: "b", retention: 1, account: "222222222222" });
    const { plan: p } = plan(inventory({ resources: [a, b] }), { "backup.min_retention_days": 7 });
    const hcl = renderHcl(p.blocks, []);
    expect(hcl).toContain('provider "aws" {\n  region              = "us-east-1"\n  allowed_account_ids = ["111111111111"]\n}');
    expect(hcl).toContain('  alias               = "a222222222222_us_east_1"');
    expect(hcl).toMatch(/resource "aws_rds_cluster" "b" \{\n  provider\s+= aws\.a222222222222_us_east_1/);
  });
});

describe("planFixes with several policies", () => {
  it("takes the strictest requirement when two policies judge one rule, and both pass after the fix", () => {
    const r = live({ id: "multi", retention: 1 });
    const policies = [policy({ name: "baseline", targets: [target({ require: { "backup.min_retention_days": 7 } })] }), policy({ name: "audit", targets: [target({ require: { "backup.min_retention_days": 14, "events.subscribed": ["failover"] } })] })];
    const inv = inventory({ resources: [r] });
    const evaluation = evaluate(policies, inv, { now: NOW });
    const p = planFixes(evaluation, inv, { policies, now: NOW });
    expect(block(p.blocks, "aws_rds_cluster.multi")?.values["backup_retention_period"]).toBe(14);
    expect(p.resources[0]!.checked.map((c) => [c.rule, c.fixed])).toEqual([
      ["backup.min_retention_days", true],
      ["events.subscribed", true],
    ]);
    expect(p.blocks.filter((b) => b.type === "aws_db_event_subscription")).toHaveLength(1);
  });
});
