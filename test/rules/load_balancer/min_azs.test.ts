// Unit tests for load_balancer.min_azs: the AZs a load balancer is enabled in.
import { describe, expect, it } from "vitest";
import { known, unknown } from "../../../src/model/value.js";
import { minAzs } from "../../../src/rules/load_balancer/min_azs.js";
import type { RuleContext } from "../../../src/rules/types.js";
import { loadBalancerResource } from "../../support/compute.js";

const ctx = {} as RuleContext;

describe("load_balancer.min_azs", () => {
  it("counts distinct AZs", () => {
    expect(minAzs.check(loadBalancerResource(), 2, ctx).status).toBe("pass");
    expect(minAzs.check(loadBalancerResource({ availabilityZones: known(["us-east-1a", "us-east-1a"]) }), 2, ctx)).toMatchObject({ status: "fail", actual: 1 });
    expect(minAzs.check(loadBalancerResource({ availabilityZones: unknown("missing") }), 2, ctx).status).toBe("unknown");
  });
});
