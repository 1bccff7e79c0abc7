// Tests of failover.target_other_az: the reader Aurora would promote is outside the writer's AZ.
import { describe, expect, it } from "vitest";
import { targetOtherAz } from "../../../src/rules/failover/target_other_az.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

const writer = { id: "w", writer: true, az: "us-east-1a", tier: 0 } as const;

describe("failover.target_other_az", () => {
  it("passes when the promoted reader is in another AZ", () => {
    expect(targetOtherAz.check(resource(), true, context())).toMatchObject({ status: "pass", expected: true, actual: "us-east-1b" });
  });

  it("passes trivially when the option is false", () => {
    expect(targetOtherAz.check(resource({ instances: [writer] }), false, context())).toMatchObject({ status: "pass", expected: false });
  });

  it("fails when the promoted reader shares the writer's AZ, even if another reader is elsewhere, and re-ranks them", () => {
    const r = resource({
      instances: [writer, { id: "same-az", az: "us-east-1a", tier: 0 }, { id: "other-az", az: "us-east-1b", tier: 2 }],
    });
    const v = targetOtherAz.check(r, true, context());
    expect(v).toMatchObject({ status: "fail", actual: "us-east-1a", data: { writerAz: "us-east-1a" } });
    expect(v.remedies).toEqual([
      {
        kind: "change-topology",
        set: [
          { kind: "set-attribute", attribute: "promotion_tier", from: 2, to: 0, resourceType: "aws_rds_cluster_instance", instance: "other-az", bound: "ceiling" },
          { kind: "set-attribute", attribute: "promotion_tier", from: 0, to: 1, resourceType: "aws_rds_cluster_instance", instance: "same-az", bound: "ceiling" },
        ],
      },
    ]);
  });

  it("uses size to break a tier tie", () => {
    const r = resource({
      instances: [
        writer,
        { id: "same-az", az: "us-east-1a", tier: 1, class: "db.r6g.large" },
        { id: "other-az", az: "us-east-1c", tier: 1, class: "db.r6g.xlarge" },
      ],
    });
    expect(targetOtherAz.check(r, true, context())).toMatchObject({ status: "pass", actual: "us-east-1c" });
  });

  it("fails when readers tie and one of them is in the writer's AZ", () => {
    const r = resource({
      instances: [
        writer,
        { id: "same-az", az: "us-east-1a", tier: 1, class: "db.r6g.xlarge" },
        { id: "other-az", az: "us-east-1c", tier: 1, class: "db.r6g.xlarge" },
      ],
    });
    const v = targetOtherAz.check(r, true, context());
    expect(v).toMatchObject({ status: "fail", actual: "us-east-1a" });
    expect(v.remedies).toEqual([{ kind: "change-topology", set: [expect.objectContaining({ instance: "other-az", to: 0 })] }]);
  });

  it("grows the reader it moves to tier 0 to the writer's class when it is smaller, so failover.target_class keeps passing (the demo's checkout-prod)", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, az: "eu-west-1a", tier: 1, class: "db.r6g.2xlarge" },
        { id: "same-az", az: "eu-west-1a", tier: 1, class: "db.r6g.2xlarge" },
        { id: "small", az: "eu-west-1b", tier: 1, class: "db.r6g.large" },
      ],
    });
    const v = targetOtherAz.check(r, true, context());
    expect(v).toMatchObject({ status: "fail", messageId: "sameAzRetierResize", data: { chosen: "small", chosenClass: "db.r6g.large", writerClass: "db.r6g.2xlarge" } });
    const set = v.remedies?.[0]?.kind === "change-topology" ? v.remedies[0].set : undefined;
    expect(set).toEqual([
      expect.objectContaining({ attribute: "instance_class", from: "db.r6g.large", to: "db.r6g.2xlarge", instance: "small", downtime: expect.stringMatching(/restarts the reader small/) }),
      expect.objectContaining({ attribute: "promotion_tier", from: 1, to: 0, instance: "small" }),
    ]);
    // Never the writer: only the reader's class changes.
    expect(set?.some((x) => x.instance === "w")).toBe(false);
  });

  it("picks the largest reader outside the writer's AZ, and resizes nothing when it is as large as the writer", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, az: "us-east-1a", tier: 1, class: "db.r6g.2xlarge" },
        { id: "same-az", az: "us-east-1a", tier: 0, class: "db.r6g.2xlarge" },
        { id: "small-b", az: "us-east-1b", tier: 2, class: "db.r6g.large" },
        { id: "big-c", az: "us-east-1c", tier: 3, class: "db.r6g.2xlarge" },
      ],
    });
    const v = targetOtherAz.check(r, true, context());
    expect(v).toMatchObject({ status: "fail", messageId: "sameAzRetier", data: { chosen: "big-c" } });
    const set = v.remedies?.[0]?.kind === "change-topology" ? v.remedies[0].set : [];
    expect(set?.map((x) => [x.instance, x.attribute, x.to])).toEqual([
      ["big-c", "promotion_tier", 0],
      ["same-az", "promotion_tier", 1],
    ]);
  });

  it("prefers a reader of the writer's own class over a larger one of another family (failover.target_class: same)", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, az: "us-east-1a", tier: 1, class: "db.r6g.xlarge" },
        { id: "same-az", az: "us-east-1a", tier: 0, class: "db.r6g.xlarge" },
        { id: "other-family", az: "us-east-1b", tier: 2, class: "db.r5.4xlarge" },
        { id: "same-class", az: "us-east-1c", tier: 2, class: "db.r6g.xlarge" },
      ],
    });
    expect(targetOtherAz.check(r, true, context())).toMatchObject({ status: "fail", data: { chosen: "same-class" } });
  });

  it("proposes a new reader when none is outside the writer's AZ", () => {
    const r = resource({ instances: [writer, { id: "r", az: "us-east-1a" }] });
    const v = targetOtherAz.check(r, true, context());
    expect(v.status).toBe("fail");
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "change-topology", readers: 1, targetOtherAz: true })]);
  });

  it("fails with no reader", () => {
    expect(targetOtherAz.check(resource({ instances: [writer] }), true, context())).toMatchObject({ status: "fail", actual: null });
  });

  it("is unknown when the promoted reader's AZ is unknown", () => {
    const r = resource({ instances: [writer, { id: "r", az: UNKNOWN }] });
    expect(targetOtherAz.check(r, true, context()).status).toBe("unknown");
  });

  it("is unknown when an unknown tier could hand the promotion to a same-AZ reader", () => {
    const r = resource({ instances: [writer, { id: "a", az: "us-east-1b", tier: 1 }, { id: "b", az: "us-east-1a", tier: UNKNOWN }] });
    expect(targetOtherAz.check(r, true, context()).status).toBe("unknown");
  });

  it("checks a Multi-AZ instance's standby AZ", () => {
    const multi = resource({ kind: "instance", engine: "mysql", instances: [{ id: "db", writer: true, az: "us-east-1a", secondaryAz: "us-east-1b" }] });
    expect(targetOtherAz.check(multi, true, context())).toMatchObject({ status: "pass", actual: "us-east-1b" });
  });

  it("is judged under every possible writer", () => {
    const r = resource({ instances: [{ id: "a", writer: UNKNOWN, az: "us-east-1a" }, { id: "b", writer: UNKNOWN, az: "us-east-1b" }] });
    expect(targetOtherAz.check(r, true, context()).status).toBe("pass");
  });
});
