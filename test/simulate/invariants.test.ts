// Over generated fleets (unknowns, records, proxies, global databases included): every term is sourced, every estimate adds up, unknown never passes for known.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DnsRecord, GlobalCluster, ProxyTarget } from "../../src/model/inventory.js";
import { known } from "../../src/model/value.js";
import { parseDisruption, resolveAssumptions, simulateFleet, type Estimate, type Scenario } from "../../src/simulate/index.js";
import { resource, UNKNOWN, type InstanceInput } from "../support/build.js";
import { factsOf } from "./support.js";

const FROM = new Set(["aws-doc", "evidence", "policy", "default"]);
const OUTCOMES = new Set(["none", "failover", "restart", "recreate", "manual", "lost", "unknown"]);
const AZS = ["us-east-1a", "us-east-1b", "us-east-1c", "eu-west-1a"];

const maybeUnknown = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(UNKNOWN) });

const instanceArb = (id: string, writer: boolean) =>
  fc.record({
    writer: maybeUnknown(fc.constant(writer)),
    az: maybeUnknown(fc.constantFrom(...AZS.slice(0, 3))),
    tier: maybeUnknown(fc.integer({ min: 0, max: 15 })),
    class: maybeUnknown(fc.constantFrom("db.r6g.large", "db.r6g.2xlarge", "db.r5.xlarge", "db.serverless", "db.t4g.medium")),
    secondaryAz: maybeUnknown(fc.constantFrom(null, "us-east-1b", "us-east-1c")),
  }).map((x): InstanceInput => ({ id, ...x }));

const resourceArb = (n: number) =>
  fc
    .record({
      kind: fc.constantFrom("aurora-cluster" as const, "multi-az-cluster" as const, "instance" as const),
      readers: fc.integer({ min: 0, max: 4 }),
      region: maybeUnknown(fc.constantFrom("us-east-1", "eu-west-1")),
      retention: maybeUnknown(fc.constantFrom(0, 1, 7)),
      version: fc.constantFrom("8.0.mysql_aurora.3.05.2", "5.7.mysql_aurora.2.09.2", "15.4"),
      unknownMembers: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .chain((shape) => {
      const id = `db${n}`;
      const count = shape.kind === "instance" ? 1 : 1 + shape.readers;
      return fc.tuple(...Array.from({ length: count }, (_, i) => instanceArb(shape.kind === "instance" ? id : `${id}-${i}`, i === 0))).map((instances) =>
        resource({
          id,
          kind: shape.kind,
          engine: shape.kind === "aurora-cluster" ? (shape.version === "15.4" ? "aurora-postgresql" : "aurora-mysql") : "mysql",
          engineVersion: shape.version,
          region: shape.region,
          retention: shape.retention,
          instances: shape.unknownMembers
            ? UNKNOWN
            : instances.map((i) => (shape.kind === "instance" ? i : { ...i, secondaryAz: null })),
        }),
      );
    });

const fleetArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => resourceArb(i))).chain((resources) =>
    fc.record({
      resources: fc.constant(resources),
      records: maybeUnknown(
        fc.array(
          fc.record({
            target: fc.constantFrom(...resources.flatMap((r) => [r.endpoints.cluster, ...(r.instances.known ? r.instances.value.map((i) => i.endpoint) : [])]).flatMap((v) => (v.known && v.value ? [v.value] : ["nowhere.example.com"]))),
            ttl: fc.constantFrom(5, 60, 300, 3600),
            name: fc.constantFrom("a.example.com", "b.example.com", "c.example.com"),
          }),
          { maxLength: 4 },
        ).map((rs) => rs.map((r): DnsRecord => ({ name: r.name, type: "CNAME", ttl: r.ttl, values: [r.target] }))),
      ),
      proxies: maybeUnknown(fc.subarray(resources.map((r): ProxyTarget => (r.kind === "instance" ? { proxyName: "p", instanceId: r.id } : { proxyName: "p", clusterId: r.id })))),
      global: fc.oneof(
        fc.constant(undefined),
        fc.constant(resources.filter((r) => r.kind === "aurora-cluster").slice(0, 2)).map((members): GlobalCluster[] =>
          members.length === 0 ? [] : [{ id: "g", members: members.map((m, i) => ({ cluster: m.id, isWriter: known(i === 0) })) }],
        ),
      ),
    }),
  ),
);

function checkEstimate(e: Estimate, where: string) {
  for (const t of e.terms) {
    expect(t.ref.trim().length, `${where}: ${t.term} has no ref`).toBeGreaterThan(0);
    expect(t.term.trim().length).toBeGreaterThan(0);
    expect(FROM.has(t.from), `${where}: ${t.term} from ${t.from}`).toBe(true);
    expect(t.low).toBeGreaterThanOrEqual(0);
    if (t.high !== null) expect(t.low, `${where}: ${t.term}`).toBeLessThanOrEqual(t.high);
  }
  if (e.bound === "estimate") {
    expect(e.low).toBe(e.terms.reduce((s, t) => s + t.low, 0));
    expect(e.high).toBe(e.terms.reduce((s, t) => s + (t.high ?? NaN), 0));
    expect(e.low!).toBeLessThanOrEqual(e.high!);
  } else if (e.bound === "unbounded") {
    expect(e.high).toBeNull();
    expect(e.low).toBe(e.terms.reduce((s, t) => s + t.low, 0));
    expect(e.terms.some((t) => t.high === null)).toBe(true);
  } else {
    expect([e.low, e.high]).toEqual([null, null]);
    expect(e.reason?.trim().length).toBeGreaterThan(0);
  }
}

function checkScenario(s: Scenario) {
  const where = `${s.resource.id} ${s.disruption}`;
  expect(OUTCOMES.has(s.outcome)).toBe(true);
  checkEstimate(s.rto, `${where} rto`);
  checkEstimate(s.rpo, `${where} rpo`);
  if (!s.affected) expect(s.outcome).toBe("none");
  if (s.outcome === "none") expect([s.rto.high, s.rpo.high]).toEqual([0, 0]);
  if (s.outcome === "unknown") expect(s.rto.bound).toBe("unknown");
  if (s.outcome === "manual" || s.outcome === "lost") expect(s.rto.bound).not.toBe("estimate");
  if (s.outcome === "failover") expect(s.writer.after.length).toBeGreaterThan(0);
  if (s.storage) {
    expect(s.resource.kind).toBe("aurora-cluster");
    expect(s.storage.writable).toBe(s.storage.copiesLeft >= 4);
    expect(s.storage.readable).toBe(s.storage.copiesLeft >= 3);
  }
  if (s.instancesLeft !== null) expect(s.instancesLeft).toBeGreaterThanOrEqual(0);
  if (s.readersLeft !== null) expect(s.readersLeft).toBeGreaterThanOrEqual(0);
}

describe("generated fleets", () => {
  it("every term has a ref and an allowed `from`, low ≤ high, and every estimate adds up its terms", () => {
    const seen = new Set<string>();
    const disruptions = [...AZS.map((az) => parseDisruption(`az:${az}`)), parseDisruption("region:us-east-1"), parseDisruption("writer")];
    fc.assert(
      fc.property(fleetArb, fc.boolean(), (f, withPolicy) => {
        const facts = factsOf({ resources: f.resources, dnsRecords: f.records, proxyTargets: f.proxies, ...(f.global === undefined ? {} : { globalClusters: f.global }) });
        const assumptions = resolveAssumptions(withPolicy ? { client_dns_cache: 5, pool_max_lifetime: 300 } : {}, "p.yaml");
        for (const plan of [undefined, disruptions]) {
          const { scenarios, summary } = simulateFleet(f.resources, facts, assumptions, plan);
          expect(summary.scenarios).toBe(scenarios.length);
          scenarios.forEach(checkScenario);
          for (const s of scenarios) seen.add(s.outcome);
        }
        for (const a of assumptions.used()) expect(a.source.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
    // The generator reaches every outcome, so the checks above were not vacuous.
    expect([...seen].sort()).toEqual([...OUTCOMES].sort());
  });
});
