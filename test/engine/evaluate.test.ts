import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { buildFacts } from "../../src/facts/index.js";
import { inventory, resource, UNKNOWN } from "../support/build.js";
import { policy, target } from "../support/policy.js";
import { ec2Instance, group, loadBalancer } from "../support/compute.js";
import { known } from "../../src/model/value.js";

const now = new Date("2026-11-22T10:00:00Z");

describe("evaluate", () => {
  it("produces one result per (target, resource, rule) and counts them", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 1 }), resource({ id: "b", retention: 14 })] });
    const ev = evaluate([policy()], inv, { now });
    expect(ev.results.map((r) => [r.resource.id, r.rule, r.status])).toEqual([
      ["a", "backup.min_retention_days", "fail"],
      ["b", "backup.min_retention_days", "pass"],
    ]);
    expect(ev.summary).toEqual({ resources: 2, pass: 1, fail: 1, unknown: 0, waived: 0, not_applicable: 0 });
    expect(ev.results[0]).toMatchObject({ expected: 7, actual: 1, severity: "high", target: "prod" });
    expect(ev.results[0]!.remedies).toEqual([expect.objectContaining({ attribute: "backup_retention_period", from: 1, to: 7 })]);
  });

  it("renders each result's message from its rule's template and keeps the template id and data beside it", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 1 }), resource({ id: "b", kind: "instance", engine: "oracle-ee" })] });
    const ev = evaluate([policy({ targets: [target({ require: { "backup.min_retention_days": 7, "binlog.min_retention_hours": 24 } })] })], inv, { now });
    const [retention, binlog] = [ev.results[0]!, ev.results[3]!];
    expect(retention).toMatchObject({ messageId: "tooShort", data: { retention: "1 day", minimum: 7 } });
    expect(retention.message).toBe("backup retention is 1 day; the policy needs at least 7: a point-in-time restore can reach back only 1 day");
    // Not applicable: the shared template, with the rule's reason.
    expect(binlog).toMatchObject({ status: "not_applicable", messageId: "notApplicable", data: { reason: binlog.reason } });
    expect(binlog.message).toBe(binlog.reason);
  });

  it("reports each target that selects a resource under its own name", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 3 })] });
    const ev = evaluate(
      [policy({ targets: [target({ name: "one", require: { "backup.min_retention_days": 2 } }), target({ name: "two" })] })],
      inv,
      { now },
    );
    expect(ev.results.map((r) => [r.target, r.status])).toEqual([
      ["one", "pass"],
      ["two", "fail"],
    ]);
    expect(ev.summary.resources).toBe(1);
  });

  it("selects by kind, engine, identifier glob, tags glob and region", () => {
    const resources = [
      resource({ id: "orders-prod", tags: { env: "prod-eu" } }),
      resource({ id: "orders-dev", tags: { env: "dev" } }),
      resource({ id: "pg-prod", engine: "aurora-postgresql", tags: { env: "prod" } }),
      resource({ id: "db-prod", kind: "instance", tags: { env: "prod" } }),
      resource({ id: "eu-prod", region: "eu-west-1", tags: { env: "prod" } }),
    ];
    const match = { kinds: ["aurora-cluster" as const], engines: ["aurora-mysql"], identifiers: ["*-prod"], tags: { env: "prod*" }, regions: ["us-east-1"] };
    const ev = evaluate([policy({ targets: [target({ match })] })], inventory({ resources }), { now });
    expect(ev.results.map((r) => r.resource.id)).toEqual(["orders-prod"]);
  });

  it("never passes a resource whose tags are unknown when the target matches on tags", () => {
    const ev = evaluate([policy({ targets: [target({ match: { tags: { env: "prod" } } })] })], inventory({ resources: [resource({ tags: UNKNOWN })] }), { now });
    expect(ev.results.map((r) => r.status)).toEqual(["unknown"]);
    expect(ev.results[0]!.reason).toMatch(/tags/);
  });

  it("marks rules that do not apply to a kind as not_applicable", () => {
    const inv = inventory({ resources: [resource({ id: "db", kind: "instance" })] });
    const ev = evaluate([policy({ targets: [target({ require: { "changes.no_replacement": true } })] })], inv, { now });
    expect(ev.results[0]).toMatchObject({ status: "not_applicable" });
    expect(ev.results[0]!.reason).toBeTruthy();
  });

  it("waives fails and unknowns that a live waiver covers, with its reason", () => {
    const inv = inventory({ resources: [resource({ id: "crm-legacy", retention: 1 }), resource({ id: "orders", retention: 1 })] });
    const waivers = [{ resource: "crm-*", rules: ["backup.min_retention_days"], reason: "retired in Q1", expires: "2027-03-31" }];
    const ev = evaluate([policy({ waivers })], inv, { now });
    expect(ev.results.map((r) => [r.resource.id, r.status])).toEqual([
      ["crm-legacy", "waived"],
      ["orders", "fail"],
    ]);
    expect(ev.results[0]).toMatchObject({ reason: "retired in Q1", waived: { status: "fail" } });
    expect(ev.summary).toMatchObject({ fail: 1, waived: 1 });
  });

  it("ignores and lists expired waivers; a waiver holds through its expiry day", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 1 }), resource({ id: "b", retention: 1 })] });
    const waivers = [
      { resource: "a", rules: ["*"], reason: "old", expires: "2026-11-21" },
      { resource: "b", rules: ["*"], reason: "today", expires: "2026-11-22" },
    ];
    const ev = evaluate([policy({ waivers })], inv, { now });
    expect(ev.results.map((r) => r.status)).toEqual(["fail", "waived"]);
    expect(ev.policies[0]!.expiredWaivers.map((w) => w.resource)).toEqual(["a"]);
  });

  it("lists an expired waiver only when it matches a resource and rule judged in this run, in the policy's order", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 1 }), resource({ id: "b", retention: 14 })] });
    const waivers = [
      { resource: "gone", rules: ["*"], reason: "decommissioned", expires: "2026-01-01" },
      { resource: "b*", rules: ["backup.min_retention_days"], reason: "passes now", expires: "2026-01-01" },
      { resource: "a", rules: ["dns.max_ttl"], reason: "a rule the policy does not require", expires: "2026-01-01" },
      { resource: "a", rules: ["*"], reason: "fails again", expires: "2026-01-01" },
    ];
    const ev = evaluate([policy({ waivers })], inv, { now });
    expect(ev.policies[0]!.expiredWaivers.map((w) => w.reason)).toEqual(["passes now", "fails again"]);
  });

  it("does not turn a pass into waived", () => {
    const ev = evaluate([policy({ waivers: [{ resource: "*", rules: ["*"], reason: "r", expires: "2030-01-01" }] })], inventory({ resources: [resource()] }), { now });
    expect(ev.results[0]!.status).toBe("pass");
  });

  it("judges with the facts the caller built for the same inventory, and refuses another inventory's", () => {
    const r = resource({ id: "a" });
    const inv = inventory({ resources: [r] });
    const built = buildFacts(inv);
    const asked: string[] = [];
    const facts = { ...built, of: (x: typeof r) => (asked.push(x.id), built.of(x)) };
    const ev = evaluate([policy({ targets: [target({ require: { "multi_az.min_readers": 1 } })] })], inv, { now, facts });
    expect(ev.results[0]!.status).toBe("pass");
    expect(asked).toEqual(["a"]);
    expect(() => evaluate([policy()], inventory({ resources: [r] }), { now, facts })).toThrow(/another inventory/);
  });
});

describe("evaluate: the application tier", () => {
  const tier = { groups: [group({ minSize: known(1) })], loadBalancers: [loadBalancer()], instances: [ec2Instance()] };
  const inv = { ...inventory({ resources: [resource({ id: "db", retention: 14 })] }), compute: tier };

  it("judges each kind only by the targets whose rules judge it, databases untouched", () => {
    const ev = evaluate(
      [policy({ targets: [target({ name: "db" }), target({ name: "app", require: { "compute.min_instances": 2, "load_balancer.cross_zone": true } })] })],
      inv,
      { now },
    );
    expect(ev.results.map((r) => [r.target, r.resource.id, r.resource.kind, r.rule, r.status])).toEqual([
      ["db", "db", "aurora-cluster", "backup.min_retention_days", "pass"],
      ["app", "web", "autoscaling-group", "compute.min_instances", "fail"],
      ["app", "web", "autoscaling-group", "load_balancer.cross_zone", "not_applicable"],
      ["app", "web-alb", "load-balancer", "compute.min_instances", "not_applicable"],
      ["app", "web-alb", "load-balancer", "load_balancer.cross_zone", "pass"],
      ["app", "i-0abc", "ec2-instance", "compute.min_instances", "fail"],
      ["app", "i-0abc", "ec2-instance", "load_balancer.cross_zone", "not_applicable"],
    ]);
  });

  it("a target for the application tier in a run without one is not reported as selecting nothing", () => {
    const ev = evaluate([policy({ targets: [target({ name: "lb", require: { "load_balancer.min_azs": 2 } })] })], inventory({ resources: [resource({ id: "db" })] }), { now });
    expect(ev.notes.filter((n) => n.includes("selects none"))).toEqual([]);
    const matched = evaluate([policy({ targets: [target({ name: "lb", match: { identifiers: ["nope"] }, require: { "load_balancer.min_azs": 2 } })] })], inv, { now });
    expect(matched.notes.some((n) => n.includes("target lb") && n.includes("selects none"))).toBe(true);
  });
});
