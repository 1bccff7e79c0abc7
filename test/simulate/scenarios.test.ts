// The classic failure scenarios, with figures: who takes over, what a person must do, and the RTO/RPO chain behind each number.
import { describe, expect, it } from "vitest";
import { resolveAssumptions } from "../../src/simulate/index.js";
import { resource, UNKNOWN } from "../support/build.js";
import { simulate, termNamed, termNames } from "./support.js";

const MINUTE = 60;

describe("Aurora with readers", () => {
  it("fails the writer over to the reader: promotion, the endpoint's DNS, the clients' cache and stale pooled connections add up", () => {
    const s = simulate("writer", { resources: [resource()] });
    expect(s).toMatchObject({ affected: true, outcome: "failover", writer: { before: "orders-prod-1", after: ["orders-prod-2"] }, instancesLeft: 1, readersLeft: 0 });
    expect(s.storage).toEqual({ copiesLeft: 6, writable: true, readable: true });
    expect(termNames(s.rto)).toEqual(["detection and promotion", "endpoint DNS update", "endpoint DNS TTL", "client DNS cache", "stale pooled connections"]);
    expect(termNamed(s.rto, "detection and promotion")).toMatchObject({ low: 0, high: 60, from: "aws-doc", ref: expect.stringContaining("Concepts.AuroraHighAvailability") });
    expect(termNamed(s.rto, "endpoint DNS update")).toMatchObject({ low: 15, high: 30, from: "aws-doc" });
    expect(termNamed(s.rto, "endpoint DNS TTL")).toMatchObject({ low: 0, high: 5, from: "aws-doc" });
    expect(termNamed(s.rto, "client DNS cache")).toMatchObject({ low: 0, high: 30, from: "default", ref: expect.stringContaining("JDK java.security") });
    expect(termNamed(s.rto, "stale pooled connections")).toMatchObject({ low: 0, high: 1800, from: "default", ref: expect.stringContaining("HikariCP") });
    expect(s.rto).toMatchObject({ low: 15, high: 1925, bound: "estimate" });
    expect(s.rpo).toMatchObject({ low: 0, high: 0, bound: "estimate" });
    expect(s.notes?.join("\n")).toContain("restarts only the writer and the failover target");
  });

  it("takes the policy's assumptions ahead of the defaults, and lists the ones used", () => {
    const a = resolveAssumptions({ pool_max_lifetime: 60, client_dns_cache: 5 }, "policy.yaml");
    const s = simulate("writer", { resources: [resource()] }, a);
    expect(termNamed(s.rto, "stale pooled connections")).toMatchObject({ low: 0, high: 60, from: "policy", ref: "assumptions.pool_max_lifetime in policy.yaml" });
    expect(s.rto).toMatchObject({ low: 15, high: 60 + 30 + 5 + 5 + 60 });
    expect(a.used().map((x) => [x.name, x.seconds, x.from])).toEqual([
      ["client_dns_cache", 5, "policy"],
      ["dns_update", 30, "default"],
      ["pool_max_lifetime", 60, "policy"],
    ]);
  });

  it("loses no pooled connection to a stale address when an AZ takes the old writer with it", () => {
    const s = simulate("az:us-east-1a", { resources: [resource()] });
    expect(s.outcome).toBe("failover");
    expect(termNames(s.rto)).not.toContain("stale pooled connections");
    expect(s.rto).toMatchObject({ low: 15, high: 125, bound: "estimate" });
    expect(s.storage).toEqual({ copiesLeft: 4, writable: true, readable: true });
    expect(s.notes?.join("\n")).toContain("the lost AZ is taken to hold 2 of them");
  });

  it("lists tied readers (same tier and size) as possible new writers", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, az: "us-east-1a", tier: 0, class: "db.r6g.2xlarge" },
        { id: "b", az: "us-east-1b", tier: 1, class: "db.r6g.2xlarge" },
        { id: "c", az: "us-east-1c", tier: 1, class: "db.r5.2xlarge" },
        { id: "d", az: "us-east-1c", tier: 1, class: "db.r6g.large" },
        { id: "e", az: "us-east-1b", tier: 2, class: "db.r6g.8xlarge" },
      ],
    });
    const s = simulate("writer", { resources: [r] });
    expect(s.writer.after).toEqual(["b", "c"]);
    expect(s.notes?.join("\n")).toContain("b, c tie");
    expect(s.readersLeft).toBe(3);
  });

  it("lists every possible target and says why when a tier is unknown", () => {
    const r = resource({ instances: [{ id: "w", writer: true }, { id: "a", az: "us-east-1b", tier: 1 }, { id: "b", az: "us-east-1c", tier: UNKNOWN }] });
    const s = simulate("writer", { resources: [r] });
    expect(s.writer.after).toEqual(["a", "b"]);
    expect(s.notes?.join("\n")).toContain("b: PromotionTier was not in the test input");
  });

  it("promotes a tier-15 reader when it is the only one, and says it is the last tier", () => {
    const r = resource({ instances: [{ id: "w", writer: true, tier: 0 }, { id: "late", az: "us-east-1b", tier: 15 }] });
    const s = simulate("writer", { resources: [r] });
    expect(s).toMatchObject({ outcome: "failover", writer: { after: ["late"] } });
    expect(s.notes?.join("\n")).toContain("late is in promotion tier 15");
  });

  it("flags a failover target smaller than the writer", () => {
    const r = resource({ instances: [{ id: "w", writer: true, class: "db.r6g.4xlarge" }, { id: "small", az: "us-east-1b", class: "db.r6g.large" }] });
    const s = simulate("writer", { resources: [r] });
    expect(s.capacity).toEqual({ before: "db.r6g.4xlarge", after: ["db.r6g.large"], smaller: true });
    expect(s.notes?.join("\n")).toContain("smaller than the writer");
  });

  it("tells Aurora MySQL before 2.10 (every instance restarts) from 2.10 and later", () => {
    const old = simulate("writer", { resources: [resource({ engineVersion: "5.7.mysql_aurora.2.09.2" })] });
    expect(old.notes?.join("\n")).toContain("(before 2.10) restarts every instance");
    const pg = simulate("writer", { resources: [resource({ engine: "aurora-postgresql", engineVersion: "15.4" })] });
    expect(pg.notes?.join("\n") ?? "").not.toContain("restarts");
  });

  it("a failed reader does not touch the writer", () => {
    const s = simulate("instance:orders-prod-2", { resources: [resource()] });
    expect(s).toMatchObject({ affected: true, outcome: "none", writer: { before: "orders-prod-1", after: [] }, instancesLeft: 1, readersLeft: 0 });
    expect(s.rto).toEqual({ low: 0, high: 0, bound: "estimate", terms: [] });
  });

  it("a failed writer named by its id fails over like `writer`", () => {
    const s = simulate("instance:orders-prod-1", { resources: [resource()] });
    expect(s).toMatchObject({ disruption: "instance:orders-prod-1", outcome: "failover", writer: { after: ["orders-prod-2"] } });
    expect(s.rto.high).toBe(1925);
  });
});

describe("Aurora without a usable reader", () => {
  it("recreates the writer of a cluster with no reader in about 10 minutes", () => {
    const r = resource({ instances: [{ id: "solo", writer: true, az: "us-east-1a" }] });
    const s = simulate("writer", { resources: [r] });
    expect(s).toMatchObject({ outcome: "recreate", writer: { before: "solo", after: ["solo"] }, instancesLeft: 0, readersLeft: 0 });
    expect(termNamed(s.rto, "recreate the writer (no reader to promote)")).toMatchObject({ low: 0, high: 600, from: "aws-doc" });
    expect(termNames(s.rto)).not.toContain("stale pooled connections");
    expect(s.rto).toMatchObject({ low: 15, high: 600 + 30 + 5 + 30, bound: "estimate" });
    expect(s.rto.high!).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(s.rpo).toMatchObject({ low: 0, high: 0 });
  });

  it("needs a person when every reader is in the writer's AZ and that AZ is lost; no committed data is lost", () => {
    const r = resource({ instances: [{ id: "w", writer: true, az: "us-east-1a" }, { id: "r", az: "us-east-1a" }] });
    const s = simulate("az:us-east-1a", { resources: [r] });
    expect(s).toMatchObject({ outcome: "manual", writer: { after: [] }, instancesLeft: 0, readersLeft: 0 });
    expect(s.rto).toMatchObject({ low: 0, high: null, bound: "unbounded" });
    expect(s.rto.terms[0]).toMatchObject({ from: "aws-doc", ref: expect.stringContaining("Fault tolerance for an Aurora DB cluster") });
    expect(s.rpo).toMatchObject({ low: 0, high: 0, bound: "estimate" });
    expect(s.storage).toEqual({ copiesLeft: 4, writable: true, readable: true });
    expect(s.manual[0]).toContain("create a DB instance in orders-prod in an AZ other than us-east-1a");
    expect(s.notes?.join("\n")).toContain("every reader of orders-prod (r) is in us-east-1a too");
  });
});

describe("DNS records and RDS Proxy in front", () => {
  const cname = (ttl: number, value = "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com") => ({
    name: "db.example.com",
    type: "CNAME",
    ttl,
    values: [value],
    zone: "Z123",
    location: { source: "hcl", file: "dns.tf", line: 12 },
  });

  it("a TTL-300 CNAME turns a sub-minute failover into more than five minutes", () => {
    const plain = simulate("az:us-east-1a", { resources: [resource()] });
    const s = simulate("az:us-east-1a", { resources: [resource()], dnsRecords: [cname(300)] });
    expect(termNamed(s.rto, "detection and promotion")!.high).toBeLessThan(MINUTE + 1);
    expect(termNamed(s.rto, "CNAME TTL")).toMatchObject({ low: 0, high: 300, from: "evidence", ref: "record db.example.com (zone Z123) at dns.tf:12" });
    expect(s.rto).toMatchObject({ low: 15, high: 425, bound: "estimate" });
    expect(s.rto.high! - plain.rto.high!).toBe(300);
    expect(s.rto.high!).toBeGreaterThan(5 * MINUTE);
  });

  it("takes the largest TTL on a chain of CNAMEs", () => {
    const s = simulate("az:us-east-1a", {
      resources: [resource()],
      dnsRecords: [cname(60), { name: "app.example.com", type: "CNAME", ttl: 900, values: ["db.example.com"] }],
    });
    expect(termNamed(s.rto, "CNAME TTL")).toMatchObject({ high: 900, ref: "record app.example.com" });
  });

  it("a name pinned to the writer's instance endpoint never follows: unbounded, and a person must change the record", () => {
    const s = simulate("writer", { resources: [resource()], dnsRecords: [cname(60, "orders-prod-1.abc123.us-east-1.rds.amazonaws.com")] });
    expect(s.outcome).toBe("failover");
    expect(termNamed(s.rto, "record pinned to an instance endpoint")).toMatchObject({ high: null, from: "evidence", ref: expect.stringContaining("db.example.com") });
    expect(s.rto).toMatchObject({ high: null, bound: "unbounded" });
    expect(s.manual).toEqual([
      "change record db.example.com (zone Z123) to point at orders-prod's cluster endpoint (orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com) instead of orders-prod-1's instance endpoint",
    ]);
  });

  it("a name pinned to a reader that survives does not hold up the writer", () => {
    const s = simulate("writer", { resources: [resource()], dnsRecords: [cname(60, "orders-prod-2.abc123.us-east-1.rds.amazonaws.com")] });
    expect(s.rto.bound).toBe("estimate");
    expect(s.manual).toEqual([]);
  });

  it("RDS Proxy in front takes DNS, client caches and stale pools out of the chain", () => {
    const a = resolveAssumptions();
    const s = simulate("writer", { resources: [resource()], proxyTargets: [{ proxyName: "orders-proxy", clusterId: "orders-prod" }] }, a);
    expect(termNames(s.rto)).toEqual(["detection and promotion", "RDS Proxy"]);
    expect(termNamed(s.rto, "RDS Proxy")).toMatchObject({ low: 0, high: 0, from: "aws-doc", ref: expect.stringContaining("RDS Proxy") });
    expect(termNamed(s.rto, "RDS Proxy")!.note).toContain("orders-proxy");
    expect(s.rto).toMatchObject({ low: 0, high: 60, bound: "estimate" });
    expect(a.used()).toEqual([]);
  });

  it("with a proxy, clients that a CNAME leads to the endpoint directly still wait for DNS", () => {
    const s = simulate("az:us-east-1a", { resources: [resource()], proxyTargets: [{ proxyName: "orders-proxy", clusterId: "orders-prod" }], dnsRecords: [cname(300)] });
    expect(termNames(s.rto)).toContain("CNAME TTL");
    expect(s.notes?.join("\n")).toContain("bypass the proxy");
  });

  it("unknown DNS records make the estimate unknown, never a pass", () => {
    const s = simulate("writer", { resources: [resource()], dnsRecords: UNKNOWN });
    expect(s.outcome).toBe("failover");
    expect(s.rto).toMatchObject({ low: null, high: null, bound: "unknown", reason: expect.stringContaining("ResourceRecordSets was not in the test input") });
    expect(s.rpo.bound).toBe("estimate");
  });

  it("unknown proxy data is said, and the longer (DNS) chain is used", () => {
    const s = simulate("az:us-east-1a", { resources: [resource()], proxyTargets: UNKNOWN });
    expect(s.rto).toMatchObject({ high: 125, bound: "estimate" });
    expect(s.notes?.join("\n")).toContain("whether RDS Proxy fronts orders-prod is unknown");
  });
});

describe("client figures from evidence (issue 21's hook)", () => {
  it("puts an application's own setting ahead of the policy, and an unknown one makes the estimate unknown with how to give it", () => {
    const base = resolveAssumptions({ client_dns_cache: 5 }, "p.yaml");
    const withEvidence = {
      ...base,
      evidence: (_r: unknown, name: string) => (name === "client_dns_cache" ? { known: true as const, value: { seconds: 60, ref: "app/java.security:3" } } : undefined),
    };
    const s = simulate("az:us-east-1a", { resources: [resource()] }, withEvidence);
    expect(termNamed(s.rto, "client DNS cache")).toMatchObject({ low: 0, high: 60, from: "evidence", ref: "app/java.security:3" });

    const unknownEvidence = {
      ...base,
      evidence: (_r: unknown, name: string) => (name === "client_dns_cache" ? { known: false as const, reason: "app's JVM version cannot be told" } : undefined),
    };
    const u = simulate("az:us-east-1a", { resources: [resource()] }, unknownEvidence);
    expect(u.rto.bound).toBe("unknown");
    expect(u.rto.reason).toContain("client DNS cache");
    expect(u.rto.reason).toContain("--app-config");
    expect(u.rto.reason).toContain("assumptions.client_dns_cache");

    const forever = { ...base, evidence: (_r: unknown, name: string) => (name === "client_dns_cache" ? { known: true as const, value: { seconds: null, ref: "Dockerfile:4" } } : undefined) };
    expect(simulate("az:us-east-1a", { resources: [resource()] }, forever).rto).toMatchObject({ high: null, bound: "unbounded" });
  });
});

describe("RDS Multi-AZ deployments", () => {
  const multiAzInstance = resource({
    kind: "instance",
    id: "legacy",
    engine: "postgres",
    engineVersion: "15.4",
    instances: [{ id: "legacy", writer: true, az: "us-east-1a", secondaryAz: "us-east-1c", class: "db.m6g.large" }],
  });

  it("a Multi-AZ DB instance fails over to its standby in 60–120 s", () => {
    const s = simulate("writer", { resources: [multiAzInstance] });
    expect(s).toMatchObject({ outcome: "failover", writer: { before: "legacy", after: ["legacy"] }, capacity: { after: ["db.m6g.large"], smaller: false } });
    expect(s.notes?.join("\n")).toContain("the standby of legacy in us-east-1c takes over under the same identifier");
    expect(termNamed(s.rto, "detection and failover to the standby")).toMatchObject({ low: 60, high: 120, from: "aws-doc", ref: expect.stringContaining("Concepts.MultiAZSingleStandby") });
    expect(termNames(s.rto)).not.toContain("stale pooled connections");
    expect(s.rto).toMatchObject({ low: 75, high: 120 + 30 + 5 + 30, bound: "estimate" });
    expect(s.rpo).toMatchObject({ low: 0, high: 0 });
    expect(s.storage).toBeUndefined();
  });

  it("losing the standby's AZ leaves the primary writing", () => {
    const s = simulate("az:us-east-1c", { resources: [multiAzInstance] });
    expect(s).toMatchObject({ affected: true, outcome: "none" });
  });

  it("a Multi-AZ DB cluster fails over in under 35 s, to any reader", () => {
    const r = resource({
      kind: "multi-az-cluster",
      engine: "mysql",
      instances: [{ id: "w", writer: true, az: "us-east-1a" }, { id: "r1", az: "us-east-1b", tier: 1 }, { id: "r2", az: "us-east-1c", tier: 3 }],
    });
    const s = simulate("az:us-east-1a", { resources: [r] });
    expect(s).toMatchObject({ outcome: "failover", writer: { after: ["r1", "r2"] } });
    expect(termNamed(s.rto, "detection and promotion")).toMatchObject({ low: 0, high: 35, from: "aws-doc" });
    expect(s.rto).toMatchObject({ low: 15, high: 35 + 30 + 5 + 30 });
    expect(s.rpo.terms[0]!.ref).toContain("semisynchronous");
  });
});

describe("Single-AZ DB instance", () => {
  const single = (retention: number | typeof UNKNOWN) =>
    resource({ kind: "instance", id: "lonely", engine: "mysql", engineVersion: "8.0.35", retention, instances: [{ id: "lonely", writer: true, az: "us-east-1a" }] });

  it("comes back in place after a host failure; AWS publishes no time, so the RTO is unknown", () => {
    const s = simulate("writer", { resources: [single(7)] });
    expect(s).toMatchObject({ outcome: "restart", writer: { after: ["lonely"] } });
    expect(s.rto).toMatchObject({ bound: "unknown", reason: expect.stringContaining("AWS publishes no recovery time") });
    expect(s.rpo).toMatchObject({ low: 0, high: 0, bound: "estimate" });
  });

  it("with backups, an AZ loss needs a point-in-time restore: about 5 minutes of data lost", () => {
    const s = simulate("az:us-east-1a", { resources: [single(7)] });
    expect(s).toMatchObject({ outcome: "manual", rto: { bound: "unbounded", high: null } });
    expect(s.rpo).toMatchObject({ low: 0, high: 300, bound: "estimate" });
    expect(s.rpo.terms[0]).toMatchObject({ from: "aws-doc", ref: expect.stringContaining("USER_PIT") });
    expect(s.manual[0]).toContain("restore-db-instance-to-point-in-time --source-db-instance-identifier lonely");
  });

  it("without backups, an AZ loss loses the data", () => {
    const s = simulate("az:us-east-1a", { resources: [single(0)] });
    expect(s).toMatchObject({ outcome: "lost", rto: { bound: "unbounded" }, rpo: { bound: "unbounded", high: null } });
    expect(s.rpo.terms[0]).toMatchObject({ from: "evidence", ref: expect.stringContaining("BackupRetentionPeriod = 0") });
  });

  it("with unknown backups, the RPO is unknown", () => {
    const s = simulate("az:us-east-1a", { resources: [single(UNKNOWN)] });
    expect(s.rpo).toMatchObject({ bound: "unknown", reason: expect.stringContaining("BackupRetentionPeriod was not in the test input") });
  });
});

describe("Aurora Global Database and region loss", () => {
  const primaryArn = "arn:aws:rds:us-east-1:123456789012:cluster:orders-prod";
  const global = (secondary: boolean) => ({
    id: "orders-global",
    members: [
      { cluster: primaryArn, isWriter: { known: true as const, value: true }, region: "us-east-1" },
      ...(secondary ? [{ cluster: "arn:aws:rds:us-west-2:123456789012:cluster:orders-dr", isWriter: { known: true as const, value: false }, region: "us-west-2" }] : []),
    ],
  });

  it("a primary with a secondary fails over to it: RTO minutes, RPO seconds of lag", () => {
    const s = simulate("region:us-east-1", { resources: [resource()], globalClusters: [global(true)] });
    expect(s).toMatchObject({ outcome: "failover", writer: { before: "orders-prod-1", after: ["orders-dr"] }, instancesLeft: 0, storage: { copiesLeft: 0, writable: false, readable: false } });
    expect(termNamed(s.rto, "global database failover")).toMatchObject({ low: 60, high: 600, from: "aws-doc", ref: expect.stringContaining("aurora-global-database-disaster-recovery") });
    expect(termNames(s.rto)).not.toContain("stale pooled connections");
    expect(s.rto).toMatchObject({ low: 75, high: 600 + 30 + 5 + 30, bound: "estimate" });
    expect(s.rpo).toMatchObject({ low: 0, high: 1, bound: "estimate" });
    expect(s.manual[0]).toContain("aws rds failover-global-cluster --global-cluster-identifier orders-global");
  });

  it("a primary without a secondary, or a cluster in no global database, needs a person", () => {
    for (const globalClusters of [[global(false)], []]) {
      const s = simulate("region:us-east-1", { resources: [resource()], globalClusters });
      expect(s).toMatchObject({ outcome: "manual", rto: { bound: "unbounded" }, rpo: { bound: "unbounded" } });
    }
  });

  it("unknown membership makes the region scenario unknown", () => {
    const s = simulate("region:us-east-1", { resources: [resource()] });
    expect(s).toMatchObject({ outcome: "unknown", rto: { bound: "unknown", reason: expect.stringContaining("Aurora Global Database membership was not read") } });
  });

  it("a region elsewhere does not touch the cluster", () => {
    const s = simulate("region:eu-west-1", { resources: [resource()] });
    expect(s).toMatchObject({ affected: false, outcome: "none", storage: { copiesLeft: 6 } });
  });

  it("a CNAME to the lost region's endpoint does not follow a global failover", () => {
    const s = simulate("region:us-east-1", {
      resources: [resource()],
      globalClusters: [global(true)],
      dnsRecords: [{ name: "db.example.com", type: "CNAME", ttl: 60, values: ["orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com"] }],
    });
    expect(s.rto.bound).toBe("unbounded");
    expect(s.manual.join("\n")).toContain("change record db.example.com");
  });
});

describe("unknown data is never a pass", () => {
  it("an instance with an unknown AZ makes an AZ scenario unknown", () => {
    const r = resource({ instances: [{ id: "w", writer: true, az: UNKNOWN }, { id: "r", az: "us-east-1b" }] });
    const s = simulate("az:us-east-1a", { resources: [r] });
    expect(s).toMatchObject({ outcome: "unknown", affected: true, rto: { bound: "unknown", reason: expect.stringContaining("w: AvailabilityZone was not in the test input") } });
  });

  it("unknown members make every scenario unknown", () => {
    const s = simulate("writer", { resources: [resource({ instances: UNKNOWN })] });
    expect(s).toMatchObject({ outcome: "unknown", instancesLeft: null, rto: { bound: "unknown" }, rpo: { bound: "unknown" } });
  });

  it("an unknown writer makes the writer scenario unknown", () => {
    const s = simulate("writer", { resources: [resource({ instances: [{ id: "a", writer: UNKNOWN }, { id: "b", writer: UNKNOWN }] })] });
    expect(s.rto.reason).toContain("any of a, b");
  });
});
