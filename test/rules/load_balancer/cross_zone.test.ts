// Unit tests for load_balancer.cross_zone: on passes, off fails naming the Terraform attribute of its type, unknown stays unknown.
import { describe, expect, it } from "vitest";
import { known, unknown } from "../../../src/model/value.js";
import { crossZone } from "../../../src/rules/load_balancer/cross_zone.js";
import type { RuleContext } from "../../../src/rules/types.js";
import { loadBalancerResource } from "../../support/compute.js";

const ctx = {} as RuleContext;

describe("load_balancer.cross_zone", () => {
  it("passes an ALB, fails an NLB with it off", () => {
    expect(crossZone.check(loadBalancerResource(), true, ctx).status).toBe("pass");
    const v = crossZone.check(loadBalancerResource({ type: known("network"), crossZone: known(false), crossZoneFrom: "off by default" }), true, ctx);
    expect(v).toMatchObject({ status: "fail", diff: { attribute: "enable_cross_zone_load_balancing" } });
    expect(v.data?.["from"]).toBe("off by default");
  });
  it("names aws_elb's attribute for a Classic load balancer", () => {
    expect(crossZone.check(loadBalancerResource({ type: known("classic"), crossZone: known(false) }), true, ctx)).toMatchObject({ diff: { attribute: "cross_zone_load_balancing" } });
  });
  it("unknown is never a pass", () => {
    expect(crossZone.check(loadBalancerResource({ crossZone: unknown("no attributes") }), true, ctx).status).toBe("unknown");
    expect(crossZone.check(loadBalancerResource({ crossZone: known(false) }), false, ctx).status).toBe("pass");
  });
});
