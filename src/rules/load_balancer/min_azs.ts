// load_balancer.min_azs: a load balancer is enabled in at least N Availability Zones.
import { ELB10, ELB13, REL10_BP01 } from "../control-catalog.js";
import { loadBalancerOf } from "../lib/compute.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { manual, type Remedy } from "../remedy.js";
import type { LoadBalancer } from "../../model/compute.js";
import { defineRule } from "../types.js";

export const minAzs = defineRule<number>()({
  id: "load_balancer.min_azs",
  group: "load_balancer",
  title: "A load balancer is enabled in at least N Availability Zones",
  why:
    "A load balancer has nodes only in the AZs it is enabled in: when its only AZ fails, no request reaches any target, " +
    "wherever the targets run, until someone enables another AZ. ALBs need at least two AZs; NLBs, GWLBs and Classic " +
    "load balancers accept one.",
  appliesTo: ["load-balancer"],
  inspects: { api: ["LoadBalancer.AvailabilityZones", "LoadBalancerDescription.AvailabilityZones"], terraform: ["aws_lb.subnets", "aws_lb.subnet_mapping", "aws_elb.availability_zones", "aws_elb.subnets"] },
  fixHint: "Give aws_lb subnets (or subnet_mapping) in at least N AZs; for aws_elb, availability_zones or subnets in N AZs.",
  controls: [ELB10, ELB13, REL10_BP01],
  optionSchema: { type: "integer", minimum: 1, maximum: 6 },
  example: 2,
  messages: {
    enoughAzs: "the load balancer is enabled in {{count}} AZs ({{azs}})",
    tooFewAzs: "the load balancer is enabled only in {{azs}}; the policy needs at least {{minimum}} AZs: an outage there stops every request; add subnets in other AZs",
  },
  check(resource, minimum) {
    const lb = loadBalancerOf(resource);
    if (!lb.availabilityZones.known) return unknownVerdict(`the load balancer's AZs are unknown (${lb.availabilityZones.reason})`, { expected: minimum });
    const azs = [...new Set(lb.availabilityZones.value)].sort();
    const details = { expected: minimum, actual: azs.length, evidence: [{ field: "AvailabilityZones", value: azs }] };
    if (azs.length >= minimum) return pass("enoughAzs", { count: azs.length, azs: azs.join(", ") }, details);
    return fail(
      "tooFewAzs",
      { azs: azs.length === 0 ? "no AZ" : azs.join(", "), minimum },
      { ...details, diff: { attribute: "subnets (AZs)", from: String(azs.length), to: `>= ${minimum}` }, remedies: [moreSubnets(lb, azs, minimum)] },
    );
  },
});

/**
 * Subnets in more AZs where the configuration lists subnets (`subnets`); a load balancer placed with subnet_mapping or
 * availability_zones, or whose type is unknown, gets the step in words.
 */
function moreSubnets(lb: LoadBalancer, azs: readonly string[], minimum: number): Remedy {
  const missing = minimum - azs.length;
  const text = `add subnets in ${missing} more AZ(s) than ${azs.length === 0 ? "none" : azs.join(", ")}${lb.subnets ? `, in its VPC (${lb.subnets.vpc})` : ""}`;
  if (!lb.type.known || lb.subnets === undefined) return manual(text, "subnets");
  return { kind: "add-subnets", resourceType: lb.type.value === "classic" ? "aws_elb" : "aws_lb", attribute: "subnets", azs: minimum, manual: text };
}
