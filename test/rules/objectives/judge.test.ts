// The pure judging of recovery estimates against objectives (SPEC §6.3), shared by check and simulate: hand-built estimates.
import { describe, expect, it } from "vitest";
import {
  dominantTerm,
  estimateStatus,
  judgeObjective,
  objectivesFor,
  parseObjective,
  scenarioStatus,
  type NamedEstimate,
} from "../../../src/rules/objectives/judge.js";
import type { Estimate, Scenario, Term } from "../../../src/simulate/types.js";
import { resource } from "../../support/build.js";
import { policy, target } from "../../support/policy.js";

const term = (name: string, low: number, high: number | null, from: Term["from"] = "aws-doc"): Term => ({ term: name, low, high, from, ref: `ref of ${name}` });

function estimate(...terms: Term[]): Estimate {
  const low = terms.reduce((s, t) => s + t.low, 0);
  if (terms.some((t) => t.high === null)) return { low, high: null, bound: "unbounded", terms };
  return { low, high: terms.reduce((s, t) => s + t.high!, 0), bound: "estimate", terms };
}
const unknownEstimate = (reason: string, terms: Term[] = []): Estimate => ({ low: null, high: null, bound: "unknown", terms, reason });
const named = (disruption: string, e: Estimate): NamedEstimate => ({ disruption, estimate: e });

const failover = estimate(term("promotion", 0, 60), term("endpoint DNS update", 15, 30), term("client DNS cache", 0, 5, "policy"));

describe("estimateStatus", () => {
  it("passes a high within the objective, fails one over it, fails an unbounded recovery, is unknown for an unknown estimate", () => {
    expect(estimateStatus(failover, 95)).toBe("pass");
    expect(estimateStatus(failover, 94)).toBe("fail");
    expect(estimateStatus(estimate(term("a person restores the AZ", 0, null)), 86400)).toBe("fail");
    expect(estimateStatus(unknownEstimate("the clients' DNS cache is unknown"), 86400)).toBe("unknown");
  });

  it("fails an unknown estimate whose known part alone exceeds the objective", () => {
    expect(estimateStatus({ low: 700, high: null, bound: "unknown", terms: [], reason: "x" }, 600)).toBe("fail");
    expect(estimateStatus({ low: 500, high: null, bound: "unknown", terms: [], reason: "x" }, 600)).toBe("unknown");
  });
});

describe("dominantTerm", () => {
  it("is the term with the largest high; a term without an upper bound weighs most", () => {
    expect(dominantTerm(failover)?.term).toBe("promotion");
    expect(dominantTerm(estimate(term("promotion", 0, 60), term("CNAME TTL", 0, 300, "evidence")))?.term).toBe("CNAME TTL");
    expect(dominantTerm(estimate(term("CNAME TTL", 0, 300), term("record pinned to an instance endpoint", 0, null, "evidence")))?.term).toBe(
      "record pinned to an instance endpoint",
    );
    expect(dominantTerm(estimate())).toBeUndefined();
  });
});

describe("judgeObjective", () => {
  it("passes when every kind listed is within its objective; actual is the map of ranges, expected the seconds", () => {
    const j = judgeObjective({ writer: [named("writer", failover)], region: [named("region:us-east-1", estimate(term("global failover", 60, 300)))] }, { writer: 120, region: 3600 });
    expect(j.status).toBe("pass");
    expect(j.expected).toEqual({ writer: 120, region: 3600 });
    expect(j.actual).toEqual({ writer: [15, 95], region: [60, 300] });
  });

  it("judges az over every AZ the resource runs in: one AZ over the objective fails", () => {
    const j = judgeObjective(
      {
        az: [
          named("az:us-east-1a", failover),
          named("az:us-east-1b", estimate(term("none", 0, 0))),
          named("az:us-east-1c", estimate(term("promotion", 0, 60), term("CNAME TTL", 0, 300, "evidence"))),
        ],
      },
      { az: 120 },
    );
    expect(j.status).toBe("fail");
    expect(j.decisive?.decisive?.disruption).toBe("az:us-east-1c");
    expect(j.decisive?.dominant).toMatchObject({ term: "CNAME TTL", high: 300 });
    expect(j.actual).toEqual({ az: [0, 360] });
  });

  it("fails an unbounded recovery (a person must act), whatever the objective", () => {
    const j = judgeObjective({ az: [named("az:us-east-1a", estimate(term("new instance by hand", 0, null)))] }, { az: 86400 });
    expect(j.status).toBe("fail");
    expect(j.actual).toEqual({ az: [0, null] });
    expect(j.decisive?.dominant?.term).toBe("new instance by hand");
  });

  it("is unknown when an estimate is unknown and nothing fails; a failure elsewhere still fails", () => {
    const unknownWriter = { writer: [named("writer", unknownEstimate("the client DNS cache of the clients of orders is unknown"))] };
    const j = judgeObjective(unknownWriter, { writer: 60 });
    expect(j).toMatchObject({ status: "unknown", actual: { writer: [null, null] } });
    expect(j.decisive?.reason).toMatch(/client DNS cache/);
    const k = judgeObjective({ ...unknownWriter, az: [named("az:us-east-1a", estimate(term("manual", 0, null)))] }, { writer: 60, az: 60 });
    expect(k.status).toBe("fail");
    expect(k.decisive?.kind).toBe("az");
  });

  it("is unknown when a kind listed has no scenario, never a pass", () => {
    expect(judgeObjective({}, { region: 60 })).toMatchObject({ status: "unknown", actual: { region: null } });
  });

  it("picks the failure furthest over its objective as the decisive one", () => {
    const j = judgeObjective(
      { writer: [named("writer", estimate(term("promotion", 0, 60), term("stale pooled connections", 0, 1800, "default")))], az: [named("az:a", failover)] },
      { writer: 60, az: 60 },
    );
    expect(j.decisive).toMatchObject({ kind: "writer", dominant: { term: "stale pooled connections" } });
  });
});

describe("parseObjective", () => {
  it("reads durations and seconds per kind", () => {
    expect(parseObjective({ writer: "60s", az: "2m", region: 3600 })).toEqual({ writer: 60, az: 120, region: 3600 });
    expect(parseObjective(undefined)).toEqual({});
  });
});

describe("scenarioStatus (for haspec simulate)", () => {
  const scenario = (disruption: string, rto: Estimate, rpo: Estimate, before = "orders-1"): Scenario => ({
    disruption,
    resource: { id: "orders", kind: "aurora-cluster", engine: "aurora-mysql", region: "us-east-1", account: null, address: "arn" },
    affected: true,
    outcome: "failover",
    writer: { before, after: ["orders-2"] },
    capacity: { before: "db.r6g.large", after: ["db.r6g.large"] },
    instancesLeft: 1,
    readersLeft: 0,
    rto,
    rpo,
    manual: [],
  });
  const zero = estimate(term("aurora storage", 0, 0));

  it("fills SPEC §6.2's objectives and status for the scenario's kind", () => {
    expect(scenarioStatus(scenario("az:us-east-1a", failover, zero), { rto: { az: 60 }, rpo: { az: 0, writer: 5 } })).toEqual({
      objectives: { rto: 60, rpo: 0 },
      status: { rto: "fail", rpo: "pass" },
    });
  });

  it("judges instance:ID as writer only when ID was the writer", () => {
    const objectives = { rto: { writer: 120 } };
    expect(scenarioStatus(scenario("instance:orders-1", failover, zero), objectives).status).toEqual({ rto: "pass" });
    expect(scenarioStatus(scenario("instance:orders-2", failover, zero), objectives)).toEqual({ objectives: {}, status: {} });
  });

  it("says nothing when no objective names the kind", () => {
    expect(scenarioStatus(scenario("region:us-east-1", failover, zero), { rto: { writer: 60 } })).toEqual({ objectives: {}, status: {} });
  });
});

describe("objectivesFor", () => {
  it("takes the objectives of every target selecting the resource, the strictest per kind", () => {
    const p = policy({
      targets: [
        target({ name: "all", require: { "objectives.rto": { writer: "5m", az: "10m" }, "backup.min_retention_days": 7 } }),
        target({ name: "prod", match: { identifiers: ["orders-*"] }, require: { "objectives.rto": { writer: "1m" }, "objectives.rpo": { region: "15m" } } }),
        target({ name: "other", match: { identifiers: ["billing"] }, require: { "objectives.rto": { writer: "1s" } } }),
      ],
    });
    expect(objectivesFor([p], resource({ id: "orders-prod" }))).toEqual({ rto: { writer: 60, az: 600 }, rpo: { region: 900 } });
    expect(objectivesFor([p], resource({ id: "crm" }))).toEqual({ rto: { writer: 300, az: 600 } });
    expect(objectivesFor([], resource())).toEqual({});
  });
});
