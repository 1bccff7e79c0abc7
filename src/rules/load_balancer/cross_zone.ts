// load_balancer.cross_zone: cross-zone load balancing is on at the load balancer level.
import { ELB9 } from "../control-catalog.js";
import { loadBalancerOf } from "../lib/compute.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
import { defineRule } from "../types.js";

export const crossZone = defineRule<boolean>()({
  id: "load_balancer.cross_zone",
  group: "load_balancer",
  title: "Cross-zone load balancing is on",
  why:
    "Without cross-zone load balancing each load balancer node sends only to the targets in its own AZ: when an AZ " +
    "loses targets, its share of the traffic goes to what is left there, and an AZ with no healthy target is only " +
    "routed around by DNS. It is always on for Application Load Balancers; off by default for Network and Gateway " +
    "Load Balancers, and for Classic load balancers created with the API or CLI (the console turns it on). Terraform's " +
    "aws_elb turns it on by default, its aws_lb (network, gateway) does not. Target groups can override it; haspec " +
    "reads the load balancer level only. `false` sets no requirement.",
  appliesTo: ["load-balancer"],
  inspects: {
    api: ["load_balancing.cross_zone.enabled (DescribeLoadBalancerAttributes)", "CrossZoneLoadBalancing.Enabled (elb DescribeLoadBalancerAttributes)"],
    terraform: ["aws_lb.enable_cross_zone_load_balancing", "aws_elb.cross_zone_load_balancing"],
  },
  fixHint: "Set aws_lb.enable_cross_zone_load_balancing = true (network, gateway) or aws_elb.cross_zone_load_balancing = true.",
  controls: [ELB9],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets load_balancer.cross_zone = false: no requirement",
    crossZoneOn: "cross-zone load balancing is on ({{from}})",
    crossZoneOff: "cross-zone load balancing is off ({{from}}): each AZ's node sends only to its own AZ's targets; turn it on",
  },
  check(resource, required) {
    if (!required) return pass("notRequired");
    const lb = loadBalancerOf(resource);
    if (!lb.crossZone.known) return unknownVerdict(`whether cross-zone load balancing is on is unknown (${lb.crossZone.reason})`, { expected: true });
    const from = lb.crossZoneFrom ?? "as read";
    const details = { expected: true, actual: lb.crossZone.value, evidence: [{ field: "cross-zone", value: lb.crossZone.value }] };
    if (lb.crossZone.value) return pass("crossZoneOn", { from }, details);
    const classic = lb.type.known && lb.type.value === "classic";
    const attribute = classic ? "cross_zone_load_balancing" : "enable_cross_zone_load_balancing";
    return fail("crossZoneOff", { from }, { ...details, diff: { attribute, from: "false", to: "true" }, remedies: [setAttribute({ resourceType: classic ? "aws_elb" : "aws_lb", attribute, from: false, to: true })] });
  },
});
