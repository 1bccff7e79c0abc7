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
