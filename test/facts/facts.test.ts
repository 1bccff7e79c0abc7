// Unit tests for the facts API: topologies, failover candidates in Aurora's order with ties, subscriptions and proxies covering a resource.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { failoverOrder, failoverTargets } from "../../src/facts/failover.js";
import { buildFacts, type FailoverOrder } from "../../src/facts/index.js";
import type { EventSubscription, ProxyTarget } from "../../src/model/inventory.js";
import type { Resource } from "../../src/model/resource.js";
import type { Value } from "../../src/model/value.js";
import { instance, inventory, resource, UNKNOWN } from "../support/build.js";

const facts = (...resources: Resource[]) => buildFacts(inventory({ resources }));
const idsOf = (order: Value<FailoverOrder>) => (order.known ? order.value.map((group) => group.map((i) => i.id)) : order.reason);

describe("topologies", () => {
  it("has one arrangement with the writer known, with its AZs", () => {
    const r = resource();
    const t = facts(r).of(r).topologies;
    expect(t.known && t.value.map((x) => [x.writer?.id, x.readers.map((i) => i.id), x.azs.azs])).toEqual([
      ["orders-prod-1", ["orders-prod-2"], ["us-east-1a", "us-east-1b"]],
    ]);
  });

  it("has one arrangement per candidate when the writer is unknown", () => {
    const r = resource({ instances: [{ id: "a", writer: UNKNOWN }, { id: "b", writer: UNKNOWN }] });
    const f = facts(r).of(r);
    expect(f.writerCandidates.known && f.writerCandidates.value.map((i) => i.id)).toEqual(["a", "b"]);
    expect(f.failoverCandidates).toMatchObject({ known: false, reason: expect.stringContaining("which of a, b is the writer") });
  });

  it("shows a Multi-AZ instance's standby as its reader, in the secondary AZ", () => {
    const r = resource({ kind: "instance", id: "legacy", instances: [{ id: "legacy", writer: true, az: "us-east-1a", secondaryAz: "us-east-1c" }] });
    const t = facts(r).of(r).topologies;
    expect(t.known && t.value[0]!.readers.map((i) => [i.id, i.availabilityZone])).toEqual([["legacy (standby)", { known: true, value: "us-east-1c" }]]);
  });

  it("works for a resource outside the inventory (a plan's before state) and keeps what it computed", () => {
    const f = facts();
    const r = resource();
    expect(f.of(r)).toBe(f.of(r));
    expect(f.of(r).topologies).toBe(f.of(r).topologies);
  });
});

describe("failover candidates", () => {
  it("orders readers by lowest tier, then largest class, listing ties together", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, tier: 0, class: "db.r6g.2xlarge" },
        { id: "t2-big", tier: 2, class: "db.r6g.4xlarge" },
        { id: "t1-small", tier: 1, class: "db.r6g.large" },
        { id: "t1-xl-a", tier: 1, class: "db.r6g.xlarge" },
        { id: "t1-xl-b", tier: 1, class: "db.r5.xlarge" },
        { id: "t15", tier: 15, class: "db.r6g.8xlarge" },
      ],
    });
    const f = facts(r).of(r);
    expect(idsOf(f.failoverCandidates)).toEqual([["t1-xl-a", "t1-xl-b"], ["t1-small"], ["t2-big"], ["t15"]]);
    // The first group is exactly whom the failover.* rules judge as the target.
    const t = f.topologies.known ? f.topologies.value[0]! : undefined;
    expect(t?.failover.certain.map((i) => i.id).sort()).toEqual(["t1-xl-a", "t1-xl-b"]);
    expect(t?.failover.possible.map((i) => i.id).sort()).toEqual(["t1-xl-a", "t1-xl-b"]);
  });

  it("is unknown when a tier the order depends on is unknown, while the possible targets stay listed", () => {
    const r = resource({ instances: [{ id: "w", writer: true }, { id: "a", tier: 1 }, { id: "b", tier: UNKNOWN }] });
    const f = facts(r).of(r);
    expect(idsOf(f.failoverCandidates)).toContain("b: PromotionTier was not in the test input");
    const t = f.topologies.known ? f.topologies.value[0]! : undefined;
    expect(t?.failover.possible.map((i) => i.id).sort()).toEqual(["a", "b"]);
  });

  it("cannot order Serverless v2 against provisioned readers in one tier", () => {
    const r = resource({ instances: [{ id: "w", writer: true }, { id: "s", tier: 1, class: "db.serverless" }, { id: "p", tier: 1, class: "db.r6g.large" }] });
    expect(idsOf(facts(r).of(r).failoverCandidates)).toContain("Serverless v2 and provisioned");
  });

  it("lists every reader of a Multi-AZ DB cluster as one tie, and a cluster with no reader as none", () => {
    const maz = resource({ kind: "multi-az-cluster", engine: "mysql", instances: [{ id: "w", writer: true }, { id: "r1", tier: 5 }, { id: "r2", tier: 1 }] });
    expect(idsOf(facts(maz).of(maz).failoverCandidates)).toEqual([["r1", "r2"]]);
    const lone = resource({ instances: [{ id: "w", writer: true }] });
    expect(idsOf(facts(lone).of(lone).failoverCandidates)).toEqual([]);
  });
});

describe("failover order against the failover target", () => {
  it("has, with every tier and class known, the rules' failover target as its first group and every reader once", () => {
    const classes = ["db.r6g.large", "db.r5.large", "db.r6g.xlarge", "db.r6g.2xlarge", "db.r7g.16xlarge", "db.r6g.metal"];
    const readers = fc.array(fc.record({ tier: fc.integer({ min: 0, max: 15 }), cls: fc.constantFrom(...classes) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(readers, (rs) => {
        const aurora = resource();
        const instances = rs.map((r, i) => instance({ id: `r${i}`, tier: r.tier, class: r.cls }));
        const order = failoverOrder(aurora, instances);
        if (!order.known) return false;
        const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id).sort();
        const target = failoverTargets(aurora, instances);
        expect(ids(order.value[0]!)).toEqual(ids(target.certain));
        expect(ids(order.value[0]!)).toEqual(ids(target.possible));
        expect(ids(order.value.flat())).toEqual(ids(instances));
        return true;
      }),
    );
  });
});

describe("event subscriptions covering a resource", () => {
  const sub = (s: Partial<EventSubscription> & { name: string }): EventSubscription => ({
    enabled: true,
    sourceType: "db-cluster",
    sourceIds: [],
    categories: [],
    ...s,
  });

  it("keeps those that name the resource or every source, deliver, and match the source type, category and place", () => {
    const orders = resource({ id: "orders-prod" });
    const subs = [
      sub({ name: "all" }),
      sub({ name: "orders-failover", sourceIds: ["ORDERS-PROD"], categories: ["failover"] }),
      sub({ name: "other-cluster", sourceIds: ["billing-prod"] }),
      sub({ name: "disabled", enabled: false }),
      sub({ name: "no-permission", status: "no-permission" }),
      sub({ name: "instances", sourceType: "db-instance" }),
      sub({ name: "maintenance-only", categories: ["maintenance"] }),
      sub({ name: "elsewhere", region: "eu-west-1" }),
    ];
    const f = buildFacts(inventory({ resources: [orders], eventSubscriptions: subs }));
    const naming = f.subscriptionsNaming(orders);
    expect(naming.known && naming.value.map((s) => s.name)).not.toContain("other-cluster");
    const covering = f.subscriptionsCovering(orders, "FAILOVER");
    expect(covering.known && covering.value.map((c) => [c.subscription.name, c.place])).toEqual([
      ["all", "yes"],
      ["orders-failover", "yes"],
    ]);
  });

  it("says 'maybe' where the resource's region is unknown, and is unknown without subscription data", () => {
    const r = resource({ region: UNKNOWN });
    const f = buildFacts(inventory({ resources: [r], eventSubscriptions: [sub({ name: "east", region: "us-east-1" })] }));
    const covering = f.subscriptionsCovering(r, "failover");
    expect(covering.known && covering.value.map((c) => c.place)).toEqual(["maybe"]);
    expect(buildFacts(inventory({ eventSubscriptions: UNKNOWN })).subscriptionsCovering(r, "failover").known).toBe(false);
  });
});

describe("proxies covering a resource", () => {
  it("matches clusters by cluster id and instances by instance id, case-insensitively, in the input's order", () => {
    const cluster = resource({ id: "orders-prod" });
    const single = resource({ kind: "instance", id: "legacy" });
    const targets: ProxyTarget[] = [
      { proxyName: "p1", clusterId: "ORDERS-PROD" },
      { proxyName: "p2", instanceId: "orders-prod" },
      { proxyName: "p3", instanceId: "legacy" },
      { proxyName: "p4", clusterId: "orders-prod", region: "eu-west-1" },
    ];
    const f = buildFacts(inventory({ resources: [cluster, single], proxyTargets: targets }));
    const names = (r: Resource) => {
      const v = f.proxyTargetsOf(r);
      return v.known ? v.value.map((c) => [c.target.proxyName, c.place]) : v.reason;
    };
    expect(names(cluster)).toEqual([["p1", "yes"]]);
    expect(names(single)).toEqual([["p3", "yes"]]);
  });
});

describe("windows, classes and versions", () => {
  it("parses the resource's windows and engine version, and instance classes", () => {
    const r = resource({ backupWindow: "23:30-00:30", maintenanceWindow: "sun:23:00-mon:01:00", engineVersion: "8.0.mysql_aurora.3.05.2" });
    const f = facts(r);
    expect(f.of(r).backupWindow).toEqual({ known: true, value: { start: 1410, length: 60 } });
    expect(f.of(r).maintenanceWindow).toEqual({ known: true, value: { start: 6 * 1440 + 1380, length: 120 } });
    expect(f.of(r).engineVersion).toMatchObject({ known: true, value: { numbers: [3, 5, 2], text: "3.05.2" } });
    expect(f.parse.instanceClass("db.r6g.large")).toMatchObject({ known: true, value: { family: "r6g", serverless: false } });
    expect(f.parse.instanceClass("db.r6g.large")).toBe(f.parse.instanceClass("db.r6g.large"));
  });
});
