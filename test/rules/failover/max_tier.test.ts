// Tests of failover.max_tier: some reader's promotion tier is at or below the policy's maximum.
import { describe, expect, it } from "vitest";
import { maxTier } from "../../../src/rules/failover/max_tier.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("failover.max_tier", () => {
  it("applies only to Aurora clusters", () => {
    expect(maxTier.appliesTo).toEqual(["aurora-cluster"]);
  });

  it("passes when a reader is within the tier", () => {
    expect(maxTier.check(resource(), 1, context())).toMatchObject({ status: "pass", expected: 1, actual: 1 });
  });

  it("names each qualifying reader with its own tier, not the best one", () => {
    const r = resource({ instances: [{ id: "w", writer: true, tier: 1 }, { id: "zero", tier: 0 }, { id: "one", tier: 1 }, { id: "nine", tier: 9 }] });
    const v = maxTier.check(r, 1, context());
    expect(v).toMatchObject({ status: "pass", actual: 0, messageId: "withinTier", data: { readers: "zero (tier 0), one (tier 1)", maximum: 1 } });
  });

  it("ignores the writer's own tier", () => {
    const r = resource({ instances: [{ id: "w", writer: true, tier: 0 }, { id: "r", tier: 15 }] });
    expect(maxTier.check(r, 1, context())).toMatchObject({ status: "fail", actual: 15, messageId: "tierTooHigh", data: { tier: 15, maximum: 1 } });
  });

  it("fails when every reader is above the tier and proposes lowering the preferred reader's tier", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, tier: 1 },
        { id: "small", tier: 5, class: "db.r6g.large" },
        { id: "big", tier: 5, class: "db.r6g.2xlarge" },
        { id: "last", tier: 15 },
      ],
    });
    const v = maxTier.check(r, 1, context());
    expect(v).toMatchObject({ status: "fail", expected: 1, actual: 5, diff: { attribute: "promotion_tier", from: "5", to: "1" } });
    expect(v.remedies).toEqual([{ kind: "change-topology", set: [{ kind: "set-attribute", attribute: "promotion_tier", from: 5, to: 1, resourceType: "aws_rds_cluster_instance", instance: "big", bound: "ceiling" }] }]);
  });

  it("fails with nothing to fail over to when there is no reader", () => {
    const v = maxTier.check(resource({ instances: [{ id: "w", writer: true }] }), 1, context());
    expect(v).toMatchObject({ status: "fail", expected: 1, actual: null });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "change-topology", readers: 1 })]);
  });

  it("is unknown when no known tier qualifies and a tier is unknown", () => {
    const r = resource({ instances: [{ id: "w", writer: true }, { id: "a", tier: 9 }, { id: "b", tier: UNKNOWN }] });
    expect(maxTier.check(r, 1, context()).status).toBe("unknown");
  });

  it("passes despite an unknown tier when a known one qualifies", () => {
    const r = resource({ instances: [{ id: "w", writer: true }, { id: "a", tier: 0 }, { id: "b", tier: UNKNOWN }] });
    expect(maxTier.check(r, 1, context())).toMatchObject({ status: "pass", actual: 0 });
  });

  it("is unknown when the outcome depends on which instance becomes the writer", () => {
    const r = resource({ instances: [{ id: "a", writer: UNKNOWN, tier: 0 }, { id: "b", writer: UNKNOWN, tier: 9 }] });
    expect(maxTier.check(r, 1, context()).status).toBe("unknown");
  });

  it("mentions the Terraform and API defaults in why", () => {
    expect(maxTier.why).toMatch(/Terraform/);
    expect(maxTier.why).toMatch(/tier 1/);
  });
});
