// objectives.rto/rpo through the engine with the real simulation: each policy's assumptions, the classic chains, and the reports (JSON, SARIF).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import { renderJson } from "../../../src/report/json.js";
import { renderSarif } from "../../../src/report/sarif.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { parsePolicy } from "../../../src/spec/load-policy.js";
import { inventory, resource, UNKNOWN, type InstanceInput } from "../../support/build.js";
import { simInventory } from "../../simulate/support.js";
import { policy, target } from "../../support/policy.js";

const now = new Date("2026-11-22T10:00:00Z");
const fixtures = join(import.meta.dirname, "../../fixtures/rules/objectives.rto");

function loaded(yaml: string, file = "policies/objectives.yaml") {
  return parsePolicy(file, yaml, "0".repeat(64));
}

const objective = (assumptions = "") => `version: 1
name: recovery
${assumptions}targets:
  - name: prod
    match: { identifiers: [reader-in-other-az] }
    require:
      objectives:
        rto: { writer: 10m }
`;

const cname = (ttl: number, value = "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com") => ({
  name: "db.example.com",
  type: "CNAME",
  ttl,
  values: [value],
  zone: "Z123",
  location: { source: "hcl" as const, file: "dns.tf", line: 12 },
});

function judge(require: Record<string, unknown>, inv = inventory({ resources: [resource()], dnsRecords: [] })) {
  const [result] = evaluate([policy({ targets: [target({ require })] })], inv, { now }).results;
  return result!;
}

describe("objectives through the engine", () => {
  it("by default, stale pooled connections (HikariCP's 30 minutes) dominate a writer failover and fail a 10-minute objective", async () => {
    const ev = evaluate([loaded(objective())], await readAwsJson([fixtures]), { now });
    const [r] = ev.results;
    expect(r).toMatchObject({ rule: "objectives.rto", status: "fail", expected: { writer: 600 }, actual: { writer: [15, 1925] }, data: { term: "stale pooled connections" } });
    expect(r!.message).toContain("default of assumptions.pool_max_lifetime");
  });

  it("each policy's own assumptions reach its rules: a 60 s pool lifetime passes the same objective", async () => {
    const inv = await readAwsJson([fixtures]);
    const strict = loaded(objective("assumptions:\n  pool_max_lifetime: 60s\n"), "policies/measured.yaml");
    const ev = evaluate([loaded(objective()), strict], inv, { now });
    expect(ev.results.map((r) => [r.policy, r.status])).toEqual([
      ["recovery", "fail"],
      ["recovery", "pass"],
    ]);
    expect(ev.results[1]!.actual).toEqual({ writer: [15, 185] });
    expect(ev.results[1]!.evidence).toContainEqual({
      field: "rto[writer].stale pooled connections",
      value: { low: 0, high: 60, from: "policy", ref: "assumptions.pool_max_lifetime in policies/measured.yaml" },
    });
  });

  it("a TTL-300 CNAME turns a sub-minute AZ failover into more than five minutes, and the message names it", () => {
    const r = judge({ "objectives.rto": { az: "5m" } }, inventory({ resources: [resource()], dnsRecords: [cname(300)] }));
    expect(r).toMatchObject({ status: "fail", data: { disruption: "az:us-east-1a", term: "CNAME TTL", high: "425 s", objective: "5m" } });
    expect(r.remedies).toEqual([expect.objectContaining({ kind: "manual", text: expect.stringContaining("lower the TTL") })]);
    expect(r.diff).toEqual({ attribute: "rto[az:us-east-1a]", from: "15–425 s", to: "<= 5m" });
  });

  it("judges az over every AZ the cluster runs in: the reader's AZ too", () => {
    const r = judge({ "objectives.rto": { az: "5m" } });
    expect(r.status).toBe("pass");
    expect(r.evidence?.map((e) => e.field)).toContain("rto[az:us-east-1a].detection and promotion");
    expect(r.message).toMatch(/^RTO within the objective for every disruption: az:us-east-1a 15–125 s ≤ 5m/);
  });

  it("a name pinned to the writer's instance endpoint fails with no upper bound, and says to repoint the record", () => {
    const r = judge({ "objectives.rto": { writer: "1d" } }, inventory({ resources: [resource()], dnsRecords: [cname(60, "orders-prod-1.abc123.us-east-1.rds.amazonaws.com")] }));
    expect(r).toMatchObject({ status: "fail", messageId: "noUpperBound", actual: { writer: [15, null] }, data: { term: "record pinned to an instance endpoint" } });
    expect(r.remedies?.[0]).toMatchObject({ text: expect.stringContaining("cluster endpoint instead of an instance endpoint") });
    expect(r.diff).toEqual({ attribute: "rto[writer]", from: "no upper bound", to: "<= 1d" });
  });

  it("RDS Proxy in front leaves only the promotion: a one-minute objective passes", () => {
    const r = judge({ "objectives.rto": { writer: "60s" } }, inventory({ resources: [resource()], dnsRecords: [], proxyTargets: [{ proxyName: "orders-proxy", clusterId: "orders-prod" }] }));
    expect(r).toMatchObject({ status: "pass", actual: { writer: [0, 60] } });
  });

  it("unknown DNS records make the RTO unknown with the reason, never a pass; the RPO does not depend on them", () => {
    const inv = inventory({ resources: [resource()], dnsRecords: UNKNOWN });
    const r = judge({ "objectives.rto": { writer: "1d" } }, inv);
    expect(r.status).toBe("unknown");
    expect(r.reason).toMatch(/^RTO after writer: .*Route 53 records/);
    expect(judge({ "objectives.rpo": { writer: "0s" } }, inv).status).toBe("pass");
  });

  it("a single-AZ instance with backups loses up to 5 minutes of data in an AZ loss; without backups, there is no bound", () => {
    const single = (retention: number) => inventory({ resources: [resource({ kind: "instance", id: "crm", retention })], dnsRecords: [] });
    expect(judge({ "objectives.rpo": { az: "15m" } }, single(7))).toMatchObject({ status: "pass", actual: { az: [0, 300] } });
    expect(judge({ "objectives.rpo": { az: "1m" } }, single(7))).toMatchObject({ status: "fail", data: { term: "point-in-time restore", high: "300 s" } });
    const lost = judge({ "objectives.rpo": { az: "1d" } }, single(0));
    expect(lost).toMatchObject({ status: "fail", messageId: "noUpperBound", data: { term: "no automated backups" } });
    expect(lost.remedies?.[0]).toMatchObject({ text: expect.stringMatching(/backup_retention_period.*multi_az = true/) });
  });

  it("when the data does not say which instance writes, judges each candidate as the writer: the same verdict, or unknown", () => {
    const instances = (az2: string): InstanceInput[] => [
      { id: "orders-prod-a", writer: UNKNOWN, az: "us-east-1a", tier: 1 },
      { id: "orders-prod-b", writer: UNKNOWN, az: az2, tier: 1 },
    ];
    const spread = judge({ "objectives.rto": { writer: "1h", az: "1h" } }, inventory({ resources: [resource({ instances: instances("us-east-1b") })], dnsRecords: [] }));
    expect(spread).toMatchObject({ status: "pass", messageId: "sameWhicheverWriter", data: { writers: "orders-prod-a, orders-prod-b" } });
    const pinnedToA = [cname(60, "orders-prod-a.abc123.us-east-1.rds.amazonaws.com")];
    const depends = judge({ "objectives.rto": { writer: "1h" } }, inventory({ resources: [resource({ instances: instances("us-east-1b") })], dnsRecords: pinnedToA }));
    expect(depends).toMatchObject({ status: "unknown", reason: expect.stringContaining("depends on which instance becomes the writer") });
  });

  it("a region loss without a Global Database secondary needs a person; unread global membership is unknown", () => {
    const r = judge({ "objectives.rto": { region: "1h" } }, simInventory({ resources: [resource()], dnsRecords: [], globalClusters: [] }));
    expect(r).toMatchObject({ status: "fail", messageId: "noUpperBound", data: { disruption: "region:us-east-1" } });
    expect(r.remedies?.[0]).toMatchObject({ text: expect.stringContaining("Aurora Global Database secondary") });
    expect(judge({ "objectives.rto": { region: "1h" } }, inventory({ resources: [resource()], dnsRecords: [], globalClusters: UNKNOWN }))).toMatchObject({ status: "unknown", reason: expect.stringContaining("Global Database") });
  });
});

describe("objectives in the reports", () => {
  it("JSON carries the estimates as actual, the objective in seconds as expected, and the manual remedies as fix", async () => {
    const ev = evaluate([loaded(objective())], await readAwsJson([fixtures]), { now });
    const [result] = JSON.parse(renderJson(ev)).results;
    expect(result).toMatchObject({
      resource: { id: "reader-in-other-az", kind: "aurora-cluster" },
      rule: "objectives.rto",
      status: "fail",
      expected: { writer: 600 },
      actual: { writer: [15, 1925] },
      message: expect.stringMatching(/^RTO after writer is up to 1925 s, over the objective of 10m: stale pooled connections/),
    });
    expect(result.fix[0]).toMatchObject({ kind: "manual", text: expect.stringContaining("max lifetime") });
  });

  it("SARIF lists the rule like any other, with its failing result", async () => {
    const ev = evaluate([loaded(objective())], await readAwsJson([fixtures]), { now });
    const run = JSON.parse(renderSarif(ev)).runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["objectives.rto"]);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({ ruleId: "objectives.rto", message: { text: expect.stringContaining("stale pooled connections") } });
  });
});
