// Tests of failover.target_class: the reader Aurora would promote against the writer's class.
import { describe, expect, it } from "vitest";
import { targetClass } from "../../../src/rules/failover/target_class.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

const writer = { id: "w", writer: true, class: "db.r6g.2xlarge", tier: 0 } as const;

describe("failover.target_class", () => {
  it("passes a target of the same class", () => {
    const r = resource({ instances: [writer, { id: "r", class: "db.r6g.2xlarge" }] });
    expect(targetClass.check(r, "same", context())).toMatchObject({ status: "pass", expected: "same", actual: "db.r6g.2xlarge" });
  });

  it("judges the promoted reader, not a larger reader in a worse tier", () => {
    const r = resource({
      instances: [writer, { id: "small", tier: 0, class: "db.r6g.large" }, { id: "big", tier: 1, class: "db.r6g.2xlarge" }],
    });
    const v = targetClass.check(r, "same-or-larger", context());
    expect(v).toMatchObject({ status: "fail", messageId: "wrongClass", data: { size: "smaller", writerClass: "db.r6g.2xlarge" }, actual: "db.r6g.large", diff: { attribute: "instance_class", from: "db.r6g.large", to: "db.r6g.2xlarge" } });
    expect(v.remedies).toEqual([
      {
        kind: "change-topology",
        set: [expect.objectContaining({ kind: "set-attribute", attribute: "instance_class", from: "db.r6g.large", to: "db.r6g.2xlarge", resourceType: "aws_rds_cluster_instance", instance: "small" })],
      },
    ]);
  });

  it("re-ranks a reader of the writer's size outside the writer's AZ instead of resizing (no restart; the demo's analytics-prod)", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, az: "eu-west-1a", tier: 1, class: "db.r6g.4xlarge" },
        { id: "small", az: "eu-west-1b", tier: 0, class: "db.r6g.xlarge" },
        { id: "big", az: "eu-west-1c", tier: 2, class: "db.r6g.4xlarge" },
      ],
    });
    const v = targetClass.check(r, "same-or-larger", context());
    expect(v).toMatchObject({ status: "fail", messageId: "wrongClassRetier", data: { chosen: "big", chosenClass: "db.r6g.4xlarge" } });
    const set = v.remedies?.[0]?.kind === "change-topology" ? v.remedies[0].set : undefined;
    expect(set?.map((x) => [x.instance, x.attribute, x.to])).toEqual([
      ["big", "promotion_tier", 0],
      ["small", "promotion_tier", 1],
    ]);
    expect(set?.some((x) => x.attribute === "instance_class" || x.downtime !== undefined)).toBe(false);
  });

  it("resizes when the only reader of the writer's size shares the writer's AZ: re-ranking it would move the failover target into that AZ", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, az: "eu-west-1a", tier: 1, class: "db.r6g.4xlarge" },
        { id: "small", az: "eu-west-1b", tier: 0, class: "db.r6g.xlarge" },
        { id: "big-same-az", az: "eu-west-1a", tier: 2, class: "db.r6g.4xlarge" },
      ],
    });
    const v = targetClass.check(r, "same-or-larger", context());
    expect(v).toMatchObject({ status: "fail", messageId: "wrongClass" });
    const set = v.remedies?.[0]?.kind === "change-topology" ? v.remedies[0].set : undefined;
    expect(set?.map((x) => [x.instance, x.attribute, x.to])).toEqual([["small", "instance_class", "db.r6g.4xlarge"]]);
  });

  it("breaks a tier tie by size", () => {
    const r = resource({ instances: [writer, { id: "small", tier: 1, class: "db.r6g.large" }, { id: "big", tier: 1, class: "db.r6g.4xlarge" }] });
    expect(targetClass.check(r, "same-or-larger", context())).toMatchObject({ status: "pass", actual: "db.r6g.4xlarge" });
  });

  it("needs every reader tied on tier and size to qualify", () => {
    const r = resource({
      instances: [writer, { id: "graviton", tier: 1, class: "db.r6g.2xlarge" }, { id: "intel", tier: 1, class: "db.r5.2xlarge" }],
    });
    expect(targetClass.check(r, "same-or-larger", context()).status).toBe("pass");
    const v = targetClass.check(r, "same", context());
    expect(v).toMatchObject({ status: "fail", actual: "db.r5.2xlarge" });
    expect(v.remedies).toEqual([{ kind: "change-topology", set: [expect.objectContaining({ instance: "intel", to: "db.r6g.2xlarge" })] }]);
  });

  it("accepts a larger target for same-or-larger but not for same", () => {
    const r = resource({ instances: [writer, { id: "r", class: "db.r6g.4xlarge" }] });
    expect(targetClass.check(r, "same-or-larger", context()).status).toBe("pass");
    expect(targetClass.check(r, "same", context()).status).toBe("fail");
  });

  it("passes any class when a target exists, and fails 'any' with no reader", () => {
    const r = resource({ instances: [writer, { id: "r", class: "db.t4g.medium" }] });
    expect(targetClass.check(r, "any", context()).status).toBe("pass");
    const alone = resource({ instances: [writer] });
    expect(targetClass.check(alone, "any", context())).toMatchObject({ status: "fail", actual: null });
  });

  it("compares Serverless v2 with itself, but not with a provisioned writer", () => {
    const sls = resource({ instances: [{ ...writer, class: "db.serverless" }, { id: "r", class: "db.serverless" }] });
    expect(targetClass.check(sls, "same", context()).status).toBe("pass");
    const mixed = resource({ instances: [writer, { id: "r", class: "db.serverless" }] });
    expect(targetClass.check(mixed, "same-or-larger", context()).status).toBe("unknown");
    expect(targetClass.check(mixed, "same", context()).status).toBe("fail");
  });

  it("is unknown when a reader whose class is unknown could be promoted", () => {
    const r = resource({ instances: [writer, { id: "a", tier: 1, class: UNKNOWN }] });
    expect(targetClass.check(r, "same-or-larger", context()).status).toBe("unknown");
  });

  it("ignores an unknown class on a reader in a worse tier", () => {
    const r = resource({ instances: [writer, { id: "a", tier: 0, class: "db.r6g.2xlarge" }, { id: "b", tier: 4, class: UNKNOWN }] });
    expect(targetClass.check(r, "same", context()).status).toBe("pass");
  });

  it("is unknown when an unknown class in the same tier could take the promotion from a qualifying reader", () => {
    const r = resource({ instances: [writer, { id: "a", tier: 1, class: "db.r6g.2xlarge" }, { id: "b", tier: 1, class: UNKNOWN }] });
    expect(targetClass.check(r, "same", context()).status).toBe("unknown");
  });

  it("is unknown when the writer's class is unknown", () => {
    const r = resource({ instances: [{ ...writer, class: UNKNOWN }, { id: "r", class: "db.r6g.large" }] });
    expect(targetClass.check(r, "same", context()).status).toBe("unknown");
  });

  it("passes a Multi-AZ instance's standby, which has the primary's class, and fails a single-AZ one", () => {
    const multi = resource({ kind: "instance", engine: "mysql", instances: [{ id: "db", writer: true, secondaryAz: "us-east-1b" }] });
    expect(targetClass.check(multi, "same", context()).status).toBe("pass");
    const single = resource({ kind: "instance", engine: "mysql" });
    const v = targetClass.check(single, "same", context());
    expect(v.status).toBe("fail");
    expect(v.remedies).toEqual([expect.objectContaining({ attribute: "multi_az", to: true })]);
  });

  it("considers every reader of a Multi-AZ DB cluster", () => {
    const r = resource({
      kind: "multi-az-cluster",
      engine: "postgres",
      instances: [writer, { id: "r1", class: "db.r6g.2xlarge", tier: 0 }, { id: "r2", class: "db.r6g.large", tier: 9 }],
    });
    expect(targetClass.check(r, "same", context())).toMatchObject({ status: "fail", actual: "db.r6g.large" });
  });
});
