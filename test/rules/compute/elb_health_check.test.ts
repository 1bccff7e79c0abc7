// Unit tests for compute.elb_health_check: a group behind a load balancer must use its health checks.
import { describe, expect, it } from "vitest";
import { known, unknown } from "../../../src/model/value.js";
import { elbHealthCheck } from "../../../src/rules/compute/elb_health_check.js";
import type { RuleContext } from "../../../src/rules/types.js";
import { groupResource } from "../../support/compute.js";

const ctx = {} as RuleContext;

describe("compute.elb_health_check", () => {
  it("passes with ELB, fails with EC2 behind a target group", () => {
    expect(elbHealthCheck.check(groupResource(), true, ctx).status).toBe("pass");
    const v = elbHealthCheck.check(groupResource({ healthCheckType: known("EC2") }), true, ctx);
    expect(v).toMatchObject({ status: "fail", diff: { attribute: "health_check_type", from: "EC2", to: "ELB" } });
    expect(String(v.data?.["balancers"])).toBe("target group web");
  });
  it("does not apply to a group behind no load balancer; unknown when that is unknown", () => {
    expect(elbHealthCheck.check(groupResource({ loadBalancers: known([]), healthCheckType: known("EC2") }), true, ctx).status).toBe("not_applicable");
    expect(elbHealthCheck.check(groupResource({ loadBalancers: unknown("missing") }), true, ctx).status).toBe("unknown");
  });
  it("false sets no requirement", () => {
    expect(elbHealthCheck.check(groupResource({ healthCheckType: known("EC2") }), false, ctx).status).toBe("pass");
  });
});
