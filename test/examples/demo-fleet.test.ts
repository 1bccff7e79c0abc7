// Keeps examples/demo-fleet and policies/aurora-production.yaml in step with the outcomes promised in the demo README.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";

const NOW = new Date("2026-11-22T12:00:00Z");
const UNKNOWN_OFFLINE = ["backup.max_pitr_lag_minutes", "binlog.min_retention_hours"];

/** Every non-pass outcome per resource, as the README's table states it ("rule" or "rule@target" for prod-proxied). */
const EXPECTED: Record<string, { fail?: string[]; unknown?: string[]; waived?: string[] }> = {
  "orders-prod": { unknown: UNKNOWN_OFFLINE },
  "payments-prod": {
    fail: ["multi_az.min_azs", "multi_az.readers_outside_writer_az", "failover.target_other_az", "dns.max_ttl", "proxy.required@prod-proxied", "objectives.rto"],
    unknown: [...UNKNOWN_OFFLINE, "binlog.formats"],
  },
  "ledger-prod": {
    fail: ["backup.min_retention_days", "backup.copy_tags_to_snapshot", "binlog.formats", "events.subscribed", "maintenance.auto_minor_version_upgrade"],
    unknown: UNKNOWN_OFFLINE,
  },
  "crm-legacy": {
    fail: [
      "multi_az.min_azs", "multi_az.min_readers", "multi_az.readers_outside_writer_az",
      "failover.max_tier", "failover.target_class", "failover.target_other_az",
      "backup.deletion_protection", "binlog.formats", "dns.max_ttl", "dns.no_instance_endpoint_records",
      "monitoring.performance_insights", "monitoring.max_monitoring_interval", "objectives.rto",
    ],
    unknown: UNKNOWN_OFFLINE,
    waived: ["maintenance.min_engine_version"],
  },
  "reports-postgres": {},
  "wiki-mysql": {
    fail: [
      "multi_az.min_azs", "multi_az.min_readers", "multi_az.readers_outside_writer_az", "backup.copy_tags_to_snapshot",
      "events.subscribed", "monitoring.performance_insights", "monitoring.max_monitoring_interval", "maintenance.min_engine_version",
      "objectives.rto", "objectives.rpo",
    ],
  },
  "analytics-prod": {
    fail: ["failover.target_class", "monitoring.performance_insights", "monitoring.max_monitoring_interval"],
    unknown: ["backup.max_pitr_lag_minutes"],
  },
  "checkout-prod": { fail: ["failover.target_other_az", "maintenance.min_engine_version"], unknown: UNKNOWN_OFFLINE },
  "catalog-prod": {
    fail: ["failover.max_tier", "backup.window_clear_of_maintenance", "monitoring.max_monitoring_interval"],
    unknown: UNKNOWN_OFFLINE,
  },
  "billing-maz": {},
};

describe("examples/demo-fleet under policies/aurora-production.yaml", async () => {
  const policy = await loadPolicy("policies/aurora-production.yaml");
  const inventory = await readAwsJson(["examples/demo-fleet"]);
  const evaluation = evaluate([policy], inventory, { now: NOW });

  it("judges exactly the README's resources (Neptune skipped, staging not selected)", () => {
    const judged = new Set(evaluation.results.map((r) => r.resource.id));
    expect([...judged].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(evaluation.notes.some((n) => n.includes("graph-prod"))).toBe(true);
  });

  it("gives each resource the outcomes the README promises", () => {
    const actual: Record<string, Record<string, string[]>> = {};
    for (const r of evaluation.results) {
      if (r.status === "pass" || r.status === "not_applicable") continue;
      const label = r.target === "prod-proxied" ? `${r.rule}@${r.target}` : r.rule;
      ((actual[r.resource.id] ??= {})[r.status] ??= []).push(label);
    }
    for (const [id, statuses] of Object.entries(EXPECTED)) {
      const want = Object.fromEntries(Object.entries(statuses).map(([s, rules]) => [s, [...rules].sort()]));
      const got = Object.fromEntries(Object.entries(actual[id] ?? {}).map(([s, rules]) => [s, [...rules].sort()]));
      expect({ id, ...got }).toEqual({ id, ...want });
    }
  });

  it("treats the 2026-06-30 waiver as expired and the 2027-03-31 one as active", () => {
    const ledger = evaluation.results.find((r) => r.resource.id === "ledger-prod" && r.rule === "backup.min_retention_days");
    expect(ledger).toMatchObject({ status: "fail", actual: 1, expected: 7 });
    const crm = evaluation.results.find((r) => r.resource.id === "crm-legacy" && r.rule === "maintenance.min_engine_version");
    expect(crm?.status).toBe("waived");
  });

  it("holds what makes a simulation interesting (issue 20)", () => {
    const byId = new Map(inventory.resources.map((r) => [r.id, r]));
    const instances = (id: string) => {
      const r = byId.get(id);
      return r?.instances.known ? r.instances.value : [];
    };
    const azs = (id: string) => new Set(instances(id).map((i) => (i.availabilityZone.known ? i.availabilityZone.value : "?")));
    // An Aurora cluster with no reader, and one whose readers all share the writer's AZ.
    expect(instances("crm-legacy")).toHaveLength(1);
    expect(instances("payments-prod").length).toBeGreaterThan(1);
    expect([...azs("payments-prod")]).toEqual(["us-east-1a"]);
    // A TTL-300 CNAME in front of a cluster endpoint, and a name pinned to an instance endpoint.
    const records = inventory.dnsRecords.known ? inventory.dnsRecords.value : [];
    const endpoint = byId.get("payments-prod")?.endpoints.cluster;
    expect(records.find((r) => r.name.startsWith("payments-db."))).toMatchObject({ type: "CNAME", ttl: 300 });
    expect(records.find((r) => r.name.startsWith("payments-db."))?.values[0]?.replace(/\.$/, "")).toBe(endpoint?.known ? endpoint.value : undefined);
    expect(records.find((r) => r.name.startsWith("crm-db."))?.values[0]).toMatch(/^crm-legacy-instance-1\./);
    // An RDS Proxy in front of orders-prod.
    const targets = inventory.proxyTargets.known ? inventory.proxyTargets.value.items : [];
    expect(targets.some((t) => t.proxyName === "orders-proxy" && t.clusterId === "orders-prod")).toBe(true);
    // An Aurora Global Database: orders-prod primary in us-east-1, orders-dr secondary in eu-west-1.
    const globals = inventory.globalClusters.known ? inventory.globalClusters.value.items : [];
    expect(globals.map((g) => g.members.map((m) => [m.cluster.split(":").pop(), m.isWriter.known && m.isWriter.value, m.region]))).toEqual([
      [
        ["orders-prod", true, "us-east-1"],
        ["orders-dr", false, "eu-west-1"],
      ],
    ]);
    // A Multi-AZ DB instance and a single-AZ one.
    expect(instances("reports-postgres")[0]?.secondaryAvailabilityZone).toMatchObject({ known: true, value: "us-east-1c" });
    expect(instances("wiki-mysql")[0]?.secondaryAvailabilityZone).toMatchObject({ known: true, value: null });
  });
});
