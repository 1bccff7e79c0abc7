// objectives.rto: the verdict's wording names the dominant term and the disruption; remedies follow the term.
import { describe, expect, it } from "vitest";
import { judgementVerdict } from "../../../src/rules/lib/objectives.js";
import { renderMessage } from "../../../src/rules/messages.js";
import { judgeObjective, type NamedEstimate } from "../../../src/rules/objectives/judge.js";
import { rto } from "../../../src/rules/objectives/rto.js";
import type { Estimate, Term } from "../../../src/simulate/types.js";

const term = (name: string, low: number, high: number | null, from: Term["from"] = "aws-doc", ref = `ref of ${name}`): Term => ({ term: name, low, high, from, ref });
function estimate(...terms: Term[]): Estimate {
  const low = terms.reduce((s, t) => s + t.low, 0);
  if (terms.some((t) => t.high === null)) return { low, high: null, bound: "unbounded", terms };
  return { low, high: terms.reduce((s, t) => s + t.high!, 0), bound: "estimate", terms };
}
const named = (disruption: string, e: Estimate): NamedEstimate => ({ disruption, estimate: e });
const promotion = term("Aurora failover", 0, 60);
const dnsUpdate = term("endpoint DNS update", 15, 30, "aws-doc");

function verdict(estimates: Parameters<typeof judgeObjective>[0], objective: Parameters<typeof judgeObjective>[1]) {
  const v = judgementVerdict("rto", judgeObjective(estimates, objective), "aurora-cluster");
  return { ...v, message: renderMessage(rto.messages, v.messageId, v.data) };
}

describe("objectives.rto verdicts", () => {
  it("passes with every disruption's range against its objective, naming the largest term", () => {
    const v = verdict({ writer: [named("writer", estimate(promotion, dnsUpdate))], az: [named("az:us-east-1a", estimate(promotion)), named("az:us-east-1b", estimate())] }, { writer: 120, az: 60 });
    expect(v).toMatchObject({ status: "pass", messageId: "withinObjective", expected: { writer: 120, az: 60 }, actual: { writer: [15, 90], az: [0, 60] } });
    expect(v.message).toBe(
      "RTO within the objective for every disruption: writer 15–90 s ≤ 2m, az:us-east-1a 0–60 s ≤ 1m; the largest term is Aurora failover (0–60 s, aws-doc: ref of Aurora failover)",
    );
  });

  it("fails naming the disruption, the objective and the term that dominates, with a remedy that shrinks that term", () => {
    const cname = term("CNAME TTL", 0, 300, "evidence", "record db.example.com (zone Z1) at dns.tf:12");
    const v = verdict({ writer: [named("writer", estimate(promotion, dnsUpdate, cname))] }, { writer: 120 });
    expect(v).toMatchObject({ status: "fail", messageId: "overObjective", data: { disruption: "writer", term: "CNAME TTL", objective: "2m", high: "390 s" } });
    expect(v.message).toMatch(/^RTO after writer is up to 390 s, over the objective of 2m: CNAME TTL \(0–300 s, evidence: record db\.example\.com/);
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "manual", text: expect.stringMatching(/lower the TTL of the DNS record/) })]);
  });

  it("says which assumption a dominant client term rests on and how to set it", () => {
    const pool = term("stale pooled connections", 0, 1800, "default", "default of assumptions.pool_max_lifetime: HikariCP maxLifetime");
    const v = verdict({ writer: [named("writer", estimate(promotion, dnsUpdate, pool))] }, { writer: 300 });
    expect(v.data).toMatchObject({ term: "stale pooled connections" });
    expect(v.remedies?.map((r) => (r.kind === "manual" ? r.text : r.kind))).toEqual([
      expect.stringMatching(/max lifetime.*RDS Proxy/),
      expect.stringMatching(/assumptions\.pool_max_lifetime/),
    ]);
  });

  it("fails an AZ loss nobody recovers but a person: no upper bound, add a reader in another AZ", () => {
    const manualAz = term("new instance in another AZ, by hand", 0, null, "aws-doc");
    const v = verdict({ az: [named("az:us-east-1a", estimate(manualAz)), named("az:us-east-1b", estimate())] }, { az: 86400 });
    expect(v).toMatchObject({ status: "fail", messageId: "noUpperBound", actual: { az: [0, null] }, data: { disruption: "az:us-east-1a" } });
    expect(v.message).toMatch(/has no upper bound, against the objective of 1d: new instance in another AZ, by hand \(aws-doc: .*\) waits for a person; add a reader in another AZ/);
  });

  it("tells a pinned record from a missing replica", () => {
    const pinned = term("record pinned to an instance endpoint", 0, null, "evidence", "record orders.example.com");
    const v = verdict({ writer: [named("writer", estimate(promotion, pinned))] }, { writer: 60 });
    expect(v.remedies?.[0]).toMatchObject({ kind: "manual", text: expect.stringMatching(/cluster endpoint instead of an instance endpoint/) });
  });

  it("is unknown, with the simulation's reason, when an estimate is unknown", () => {
    const e: Estimate = { low: null, high: null, bound: "unknown", terms: [promotion], reason: "the client DNS cache of the clients of orders is unknown: give it with --app-config or as assumptions.client_dns_cache in the policy" };
    const v = verdict({ writer: [named("writer", e)] }, { writer: 60 });
    expect(v).toMatchObject({ status: "unknown", messageId: "unknown" });
    expect(v.reason).toMatch(/^RTO after writer: the client DNS cache .* assumptions\.client_dns_cache/);
  });

  it("lists every term of the decisive estimates as evidence", () => {
    const v = verdict({ writer: [named("writer", estimate(promotion, dnsUpdate))] }, { writer: 60 });
    expect(v.evidence).toEqual([
      { field: "rto[writer].Aurora failover", value: { low: 0, high: 60, from: "aws-doc", ref: "ref of Aurora failover" } },
      { field: "rto[writer].endpoint DNS update", value: { low: 15, high: 30, from: "aws-doc", ref: "ref of endpoint DNS update" } },
    ]);
  });
});
