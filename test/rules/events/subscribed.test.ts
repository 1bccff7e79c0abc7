// Unit tests for events.subscribed: which subscriptions cover a resource's required event categories.
import { describe, expect, it } from "vitest";
import type { EventSubscription, Inventory } from "../../../src/model/inventory.js";
import { known } from "../../../src/model/value.js";
import { subscribed } from "../../../src/rules/events/subscribed.js";
import { context, inventory, resource, UNKNOWN } from "../../support/build.js";

const sub = (s: Partial<EventSubscription> = {}): EventSubscription => ({
  name: "ops-failover",
  enabled: true,
  status: "active",
  sourceType: "db-cluster",
  sourceIds: [],
  categories: ["failover"],
  region: "us-east-1",
  account: "123456789012",
  ...s,
});

function judge(subs: EventSubscription[] | typeof UNKNOWN, categories = ["failover"], r = resource()) {
  return subscribed.check(r, categories, context(inventory({ resources: [r], eventSubscriptions: subs })));
}

describe("events.subscribed", () => {
  it("passes a db-cluster subscription for all clusters covering failover", () => {
    expect(judge([sub()])).toMatchObject({ status: "pass", expected: ["failover"], actual: ["failover"] });
  });

  it("passes with empty categories (all) and with the identifier in the source ids", () => {
    expect(judge([sub({ categories: [], sourceIds: ["orders-prod"] })]).status).toBe("pass");
  });

  it("passes a subscription with no source type (all types)", () => {
    expect(judge([sub({ sourceType: null })]).status).toBe("pass");
  });

  it("compares categories case-insensitively", () => {
    expect(judge([sub({ categories: ["failover"] })], ["Failover"]).status).toBe("pass");
  });

  it("fails when no subscription exists and proposes a db-cluster subscription", () => {
    const v = judge([]);
    expect(v).toMatchObject({ status: "fail", expected: ["failover"], actual: [], messageId: "notSubscribed", data: { missing: "failover", categories: '"failover"' } });
    expect(v.remedies).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "subscribe-events", sourceType: "db-cluster", categories: ["failover"] })]),
    );
  });

  it("does not count a db-instance subscription for an Aurora cluster", () => {
    expect(judge([sub({ sourceType: "db-instance" })]).status).toBe("fail");
  });

  it("does not count disabled subscriptions or those that cannot deliver", () => {
    expect(judge([sub({ enabled: false })]).status).toBe("fail");
    expect(judge([sub({ status: "no-permission" })]).status).toBe("fail");
    expect(judge([sub({ status: "topic-not-exist" })]).status).toBe("fail");
    expect(judge([sub({ status: "deleting" })]).status).toBe("fail");
  });

  it("does not count subscriptions for other sources, categories, regions or accounts", () => {
    expect(judge([sub({ sourceIds: ["billing"] })]).status).toBe("fail");
    expect(judge([sub({ categories: ["maintenance"] })]).status).toBe("fail");
    expect(judge([sub({ region: "eu-west-1" })]).status).toBe("fail");
    expect(judge([sub({ account: "999999999999" })]).status).toBe("fail");
  });

  it("reports only the missing categories", () => {
    const v = judge([sub({ categories: ["failover"] })], ["failover", "failure", "maintenance"]);
    expect(v).toMatchObject({ status: "fail", actual: ["failover"] });
    expect(v.remedies).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "subscribe-events", categories: ["failure", "maintenance"] })]));
  });

  it("uses db-instance for a standalone instance", () => {
    const r = resource({ kind: "instance", id: "crm" });
    expect(judge([sub({ sourceType: "db-instance", sourceIds: ["crm"] })], ["failover"], r).status).toBe("pass");
    expect(judge([sub()], ["failover"], r).status).toBe("fail");
  });

  it("is unknown when the subscriptions are unknown", () => {
    expect(judge(UNKNOWN).status).toBe("unknown");
  });

  it("is unknown when the subscriptions of the resource's region were not read", () => {
    const r = resource();
    const inv: Inventory = { ...inventory({ resources: [r] }), eventSubscriptions: known({ items: [], scopes: [{ account: "123456789012", region: "eu-west-1" }] }) };
    expect(subscribed.check(r, ["failover"], context(inv)).status).toBe("unknown");
  });

  it("passes from a covering subscription even when the scope list is narrower", () => {
    const r = resource();
    const inv: Inventory = { ...inventory({ resources: [r] }), eventSubscriptions: known({ items: [sub()], scopes: [] }) };
    expect(subscribed.check(r, ["failover"], context(inv)).status).toBe("pass");
  });

  it("is unknown when a matching subscription names a region and the resource's region is unknown", () => {
    expect(judge([sub()], ["failover"], resource({ region: UNKNOWN })).status).toBe("unknown");
  });
});
