// Unit tests for compute.min_instances: a group's minimum size, a lone instance counting one.
import { describe, expect, it } from "vitest";
import { known, unknown } from "../../../src/model/value.js";
import { minInstances } from "../../../src/rules/compute/min_instances.js";
import type { RuleContext } from "../../../src/rules/types.js";
import { ec2InstanceResource, groupResource } from "../../support/compute.js";

const ctx = {} as RuleContext;

describe("compute.min_instances", () => {
  it("judges a group by its minimum size", () => {
    expect(minInstances.check(groupResource({ minSize: known(2) }), 2, ctx).status).toBe("pass");
    expect(minInstances.check(groupResource({ minSize: known(1) }), 2, ctx)).toMatchObject({ status: "fail", diff: { attribute: "min_size", from: "1", to: "2" } });
    expect(minInstances.check(groupResource({ minSize: unknown("missing") }), 2, ctx).status).toBe("unknown");
  });
  it("counts a lone instance as one", () => {
    expect(minInstances.check(ec2InstanceResource(), 1, ctx).status).toBe("pass");
    expect(minInstances.check(ec2InstanceResource(), 2, ctx)).toMatchObject({ status: "fail", messageId: "loneInstance" });
  });
});
