import { describe, expect, it } from "vitest";
import { familyOf, selects } from "../../src/engine/select.js";
import { ec2InstanceResource, groupResource, loadBalancerResource } from "../support/compute.js";
import { resource, UNKNOWN } from "../support/build.js";

describe("selects", () => {
  it("an empty match selects everything", () => {
    expect(selects({}, resource()).selected).toBe(true);
  });
  it("requires every tag to be present, values as globs", () => {
    const r = resource({ tags: { env: "prod", team: "payments" } });
    expect(selects({ tags: { env: "prod", team: "pay*" } }, r).selected).toBe(true);
    expect(selects({ tags: { env: "prod", owner: "*" } }, r).selected).toBe(false);
  });
  it("cannot tell when the region is unknown and the target filters on regions", () => {
    expect(selects({ regions: ["us-east-1"] }, resource({ region: UNKNOWN })).selected).toBe("unknown");
  });
  it("a known mismatch wins over an unknown field", () => {
    expect(selects({ regions: ["us-east-1"], kinds: ["instance"] }, resource({ region: UNKNOWN })).selected).toBe(false);
  });
});

describe("selects the application tier by family", () => {
  const lb = loadBalancerResource();
  const asg = groupResource();
  it("a database target never selects an application-tier resource", () => {
    expect(selects({}, lb).selected).toBe(false);
    expect(selects({}, asg, new Set(["database", "application"])).selected).toBe(false);
  });
  it("a target selects the kinds its rules judge, and no other", () => {
    expect(selects({}, lb, new Set(["load-balancer"])).selected).toBe(true);
    expect(selects({}, asg, new Set(["load-balancer"])).selected).toBe(false);
    expect(selects({}, ec2InstanceResource(), new Set(["autoscaling-group", "ec2-instance"])).selected).toBe(true);
  });
  it("regions and tags select it, an engine never does", () => {
    expect(selects({ kinds: ["load-balancer"], regions: ["us-east-1"] }, lb).selected).toBe(true);
    expect(selects({ kinds: ["load-balancer"], regions: ["eu-west-1"] }, lb).selected).toBe(false);
    expect(selects({ kinds: ["load-balancer"], engines: ["aurora-mysql"] }, lb).selected).toBe(false);
    expect(selects({ kinds: ["load-balancer"], identifiers: ["web-*"] }, lb).selected).toBe(true);
  });
  it("familyOf keeps databases one family and each application-tier kind its own", () => {
    expect(familyOf("aurora-cluster")).toBe("database");
    expect(familyOf("instance")).toBe("database");
    expect(familyOf("application")).toBe("application");
    expect(familyOf("ec2-instance")).toBe("ec2-instance");
  });
});
