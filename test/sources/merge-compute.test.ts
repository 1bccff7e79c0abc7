// One inventory from several inputs keeps every part's application tier.
import { describe, expect, it } from "vitest";
import { emptyInventory } from "../../src/model/inventory.js";
import { mergeInventories } from "../../src/sources/merge.js";
import { ec2Instance, group, loadBalancer } from "../support/compute.js";

describe("mergeInventories: the application tier", () => {
  it("keeps every part's groups, load balancers and instances", () => {
    const a = { ...emptyInventory("test"), compute: { groups: [group()], loadBalancers: [], instances: [] } };
    const b = { ...emptyInventory("test"), compute: { groups: [], loadBalancers: [loadBalancer()], instances: [ec2Instance()] } };
    const merged = mergeInventories([a, emptyInventory("test"), b]);
    expect(merged.compute).toEqual({ groups: [group()], loadBalancers: [loadBalancer()], instances: [ec2Instance()] });
    expect(mergeInventories([emptyInventory("x"), emptyInventory("y")]).compute).toBeUndefined();
  });
});
