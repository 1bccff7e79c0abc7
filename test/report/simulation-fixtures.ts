// Hand-made simulations for the simulate outputs' tests: a failover, a manual recovery, an unknown estimate, an unaffected resource.
import type { SimulationReport } from "../../src/report/simulation.js";
import type { Scenario, Term } from "../../src/simulate/types.js";

const AURORA_HA = "Aurora User Guide, high availability (Concepts.AuroraHighAvailability)";

const promotion: Term = { term: "detection and promotion", low: 15, high: 60, from: "aws-doc", ref: AURORA_HA, note: "a reader in a surviving AZ is promoted" };
const dnsUpdate: Term = { term: "endpoint DNS update", low: 0, high: 30, from: "default", ref: "dns_update: Aurora UG, fast failover with PostgreSQL" };
const endpointTtl: Term = { term: "endpoint TTL", low: 0, high: 5, from: "aws-doc", ref: "AWS Database Blog: Aurora endpoints use a 5-second TTL" };
const clientCache: Term = { term: "client DNS cache", low: 0, high: 30, from: "policy", ref: "client_dns_cache" };

function resource(id: string, kind: Scenario["resource"]["kind"] = "aurora-cluster") {
  return { id, kind, engine: kind === "instance" ? "postgres" : "aurora-postgresql", region: "us-east-1", account: "123456789012", address: `arn:aws:rds:us-east-1:123456789012:cluster:${id}` };
}

/** orders-prod under `az:us-east-1a`: two readers tie, objectives met. */
export const failover: Scenario = {
  disruption: "az:us-east-1a",
  resource: resource("orders-prod"),
  affected: true,
  outcome: "failover",
  writer: { before: "orders-prod-1", after: ["orders-prod-2", "orders-prod-3"] },
  capacity: { before: "db.r6g.2xlarge", after: ["db.r6g.2xlarge"] },
  instancesLeft: 2,
  readersLeft: 1,
  storage: { copiesLeft: 4, writable: true, readable: true },
  rto: { low: 15, high: 125, bound: "estimate", terms: [promotion, dnsUpdate, endpointTtl, clientCache] },
  rpo: { low: 0, high: 0, bound: "estimate", terms: [{ term: "shared storage", low: 0, high: 0, from: "aws-doc", ref: AURORA_HA }] },
  manual: [],
  notes: ["orders-prod-2 and orders-prod-3 tie: tier 1, db.r6g.2xlarge; Aurora picks one of them"],
  objectives: { rto: 180, rpo: 0 },
  status: { rto: "pass", rpo: "pass" },
};

/** billing under `az:us-east-1a`: every instance in the lost AZ, a person must act; the RTO objective fails. */
export const manual: Scenario = {
  disruption: "az:us-east-1a",
  resource: resource("billing"),
  affected: true,
  outcome: "manual",
  writer: { before: "billing-1", after: [] },
  capacity: { before: "db.r6g.large", after: [] },
  instancesLeft: 0,
  readersLeft: 0,
  storage: { copiesLeft: 4, writable: true, readable: true },
  rto: { low: 600, high: null, bound: "unbounded", terms: [{ term: "add an instance in a surviving AZ", low: 600, high: null, from: "aws-doc", ref: AURORA_HA }] },
  rpo: { low: 0, high: 0, bound: "estimate", terms: [{ term: "shared storage", low: 0, high: 0, from: "aws-doc", ref: AURORA_HA }] },
  manual: ["Create a DB instance in us-east-1b or us-east-1c in cluster billing (aws rds create-db-instance --db-cluster-identifier billing …)."],
  objectives: { rto: 180, rpo: 0 },
  status: { rto: "fail", rpo: "pass" },
};

/** reports under `az:us-east-1a`: a smaller reader is promoted; no client figure is known, so the RTO is unknown. */
export const unknownClient: Scenario = {
  disruption: "az:us-east-1a",
  resource: resource("reports"),
  affected: true,
  outcome: "failover",
  writer: { before: "reports-1", after: ["reports-2"] },
  capacity: { before: "db.r6g.4xlarge", after: ["db.r6g.large"], smaller: true },
  instancesLeft: 1,
  readersLeft: 0,
  storage: { copiesLeft: 4, writable: true, readable: true },
  rto: {
    low: null,
    high: null,
    bound: "unknown",
    reason: "client DNS cache: no application config and no assumption; give `assumptions: client_dns_cache` in the policy",
    terms: [promotion, dnsUpdate, endpointTtl],
  },
  rpo: { low: 0, high: 0, bound: "estimate", terms: [] },
  manual: [],
  objectives: { rto: 180 },
  status: { rto: "unknown" },
};

/** ledger under `az:us-east-1a`: runs in us-east-1b and 1c only. */
export const unaffected: Scenario = {
  disruption: "az:us-east-1a",
  resource: resource("ledger", "instance"),
  affected: false,
  outcome: "none",
  writer: { before: "ledger", after: [] },
  capacity: { before: "db.m6g.large", after: [] },
  instancesLeft: 1,
  readersLeft: 0,
  rto: { low: 0, high: 0, bound: "estimate", terms: [] },
  rpo: { low: 0, high: 0, bound: "estimate", terms: [] },
  manual: [],
};

/** orders-prod under `writer`. */
export const writerFailover: Scenario = { ...failover, disruption: "writer", writer: { before: "orders-prod-1", after: ["orders-prod-2"] }, storage: { copiesLeft: 6, writable: true, readable: true } };

export function report(overrides: Partial<SimulationReport> = {}): SimulationReport {
  const scenarios = overrides.scenarios ?? [failover, manual, unknownClient, unaffected, writerFailover];
  return {
    generatedAt: "2026-11-22T10:00:00.000Z",
    policies: [{ name: "prod", file: "haspec.yaml", sha256: "ab".repeat(32) }],
    sources: [{ kind: "aws-json", location: "examples/demo-fleet", sha256: "cd".repeat(32) }],
    assumptions: [
      { name: "client_dns_cache", seconds: 30, from: "policy", source: "haspec.yaml" },
      { name: "dns_update", seconds: 30, from: "default", source: "Aurora UG, fast failover with PostgreSQL" },
    ],
    scenarios,
    summary: {
      scenarios: scenarios.length,
      affected: scenarios.filter((s) => s.affected).length,
      manual: scenarios.filter((s) => s.outcome === "manual").length,
      objectivesFailed: scenarios.filter((s) => s.status?.rto === "fail" || s.status?.rpo === "fail").length,
    },
    notes: [],
    gaps: [],
    ...overrides,
  };
}

/** The report with `text` in every value that comes from outside (ids, names, refs, notes, manual steps). */
export function hostileReport(text: string): SimulationReport {
  const scenario: Scenario = {
    ...manual,
    disruption: `az:${text}`,
    resource: { ...manual.resource, id: text, address: text, engine: text },
    writer: { before: text, after: [text, text] },
    capacity: { before: text, after: [text] },
    rto: { low: 1, high: null, bound: "unbounded", terms: [{ term: text, low: 1, high: null, from: "evidence", ref: text, note: text }] },
    rpo: { low: null, high: null, bound: "unknown", reason: text, terms: [] },
    manual: [text],
    notes: [text],
    instancesLeft: null,
    readersLeft: null,
  };
  return report({
    policies: [{ name: text, file: text, sha256: "ab".repeat(32) }],
    sources: [{ kind: text, location: text }],
    assumptions: [{ name: text, seconds: 5, from: "policy", source: text }],
    scenarios: [scenario, { ...unaffected, disruption: `az:${text}`, resource: { ...unaffected.resource, id: text } }],
    notes: [text],
    gaps: [text],
  });
}
