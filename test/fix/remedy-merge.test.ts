// One remedy per attribute with the stricter value, and the smallest change that makes a rule pass (issue 19 item 2).
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { addressOf, type Block } from "../../src/fix/blocks.js";
import { planFixes } from "../../src/fix/plan.js";
import type { Inventory } from "../../src/model/inventory.js";
import type { Resource } from "../../src/model/resource.js";
import { inventory, resource, UNKNOWN, type ResourceInput } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const NOW = new Date("2026-11-22T10:00:00Z");

function live(r: ResourceInput, importAttributes: Resource["importAttributes"] = {}): Resource {
  return { ...resource(r), location: { source: "aws-json", file: "fleet/describe-db-clusters.json" }, importAttributes };
}

/** One policy per requirement set: the same rule asked twice with different limits. */
function planOf(inv: Inventory, ...requires: Record<string, unknown>[]) {
  const policies = requires.map((require, i) => policy({ name: `p${i}`, targets: [target({ name: `t${i}`, require })] }));
  const evaluation = evaluate(policies, inv, { now: NOW });
  return { evaluation, plan: planFixes(evaluation, inv, { policies, now: NOW }) };
}

const block = (blocks: readonly Block[], address: string) => blocks.find((b) => addressOf(b) === address);

describe("one remedy per attribute, the stricter value", () => {
  it("two TTL limits on one record (30 and 5): the record gets 5, whichever comes first", () => {
    const r = live({ id: "crm", instances: [{ id: "crm-1", writer: true, az: "us-east-1a" }] });
    const record = { name: "crm.example.com.", type: "CNAME", ttl: 300, values: ["crm-1.abc123.us-east-1.rds.amazonaws.com"], zone: "Z1" };
    for (const order of [[30, 5], [5, 30]]) {
      const { plan: p } = planOf(inventory({ resources: [r], dnsRecords: [record] }), ...order.map((ttl) => ({ "dns.max_ttl": ttl })));
      const rec = p.blocks.find((b) => b.type === "aws_route53_record");
      expect(rec?.values["ttl"]).toBe(5);
      expect(p.resources[0]!.checked.filter((c) => c.rule === "dns.max_ttl").every((c) => c.fixed)).toBe(true);
    }
  });

  it("two retention floors (7 and 14): 14", () => {
    const r = live({ id: "c", retention: 1, instances: [{ id: "c-1", writer: true, az: "us-east-1a" }] });
    for (const order of [[7, 14], [14, 7]]) {
      const { plan: p } = planOf(inventory({ resources: [r] }), ...order.map((d) => ({ "backup.min_retention_days": d })));
      expect(block(p.blocks, "aws_rds_cluster.c")?.values["backup_retention_period"]).toBe(14);
    }
  });
});

describe("the smallest change that makes a rule pass", () => {
  it("does not resize tier-15 readers that a new tier-0 reader outside the writer's AZ makes irrelevant", () => {
    const r = live(
      {
        id: "orders",
        instances: [
          { id: "orders-1", writer: true, az: "us-east-1a", class: "db.r6g.2xlarge", tier: 1 },
          { id: "orders-2", az: "us-east-1a", class: "db.r6g.large", tier: 15 },
          { id: "orders-3", az: "us-east-1a", class: "db.r6g.large", tier: 15 },
        ],
      },
      { availability_zones: ["us-east-1a", "us-east-1b", "us-east-1c"] },
    );
    const { plan: p, evaluation } = planOf(inventory({ resources: [r] }), { "failover.target_other_az": true, "failover.target_class": "same-or-larger", "multi_az.min_azs": 2 });
    expect(evaluation.results.filter((x) => x.status === "fail").map((x) => x.rule).sort()).toEqual(["failover.target_class", "failover.target_other_az", "multi_az.min_azs"]);
    const added = p.blocks.filter((b) => b.origin.kind === "new" && b.type === "aws_rds_cluster_instance");
    expect(added).toHaveLength(1);
    expect(added[0]!.values).toMatchObject({ promotion_tier: 0, instance_class: "db.r6g.2xlarge" });
    for (const id of ["orders_2", "orders_3"]) expect(block(p.blocks, `aws_rds_cluster_instance.${id}`)?.notes.has("instance_class")).toBe(false);
    expect(p.resources[0]!.checked.every((c) => c.fixed)).toBe(true);
  });

  it("never shrinks the writer for failover.target_class when the writer is not known: the smaller instance grows", () => {
    // Terraform-style data: no writer flag, so the rule is judged under each possible writer.
    const big = { id: "pay-1", writer: UNKNOWN, az: "us-east-1a", class: "db.r6g.2xlarge", tier: 1 } as const;
    const small = { id: "pay-2", writer: UNKNOWN, az: "us-east-1b", class: "db.r6g.large", tier: 1 } as const;
    for (const instances of [[big, small], [small, big]]) {
    const r = live({ id: "pay", instances: [...instances] });
    const { plan: p, evaluation } = planOf(inventory({ resources: [r] }), { "failover.target_class": "same" });
    const result = evaluation.results.find((x) => x.rule === "failover.target_class");
    expect(result?.status).toBe("fail");
    const classes = (result?.remedies ?? []).flatMap((m) => (m.kind === "change-topology" ? (m.set ?? []) : m.kind === "set-attribute" ? [m] : []));
    expect(classes.every((c) => c.to === "db.r6g.2xlarge")).toBe(true);
    expect(block(p.blocks, "aws_rds_cluster_instance.pay_1")?.notes.has("instance_class")).toBe(false);
    expect(block(p.blocks, "aws_rds_cluster_instance.pay_2")?.values["instance_class"]).toBe("db.r6g.2xlarge");
    }
  });
});

describe("account-wide resources a fix creates", () => {
  it("the monitoring role and the event topic are named by prefix: two fixes never collide on a name", () => {
    const r = live({ id: "m", instances: [{ id: "m-1", writer: true, az: "us-east-1a", monitoringInterval: 0 }] });
    const { plan: p } = planOf(inventory({ resources: [r] }), { "monitoring.max_monitoring_interval": 60, "events.subscribed": ["failover"] });
    const role = p.blocks.find((b) => b.type === "aws_iam_role");
    const topic = p.blocks.find((b) => b.type === "aws_sns_topic");
    expect(role?.values["name"]).toBeUndefined();
    expect(role?.values["name_prefix"]).toBe("haspec-rds-monitoring-");
    expect(topic?.values["name"]).toBeUndefined();
    expect(topic?.values["name_prefix"]).toBe("haspec-rds-events-");
  });
});
