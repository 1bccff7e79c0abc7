// compute.elb_health_check: a group behind a load balancer replaces the instances the load balancer finds unhealthy.
import { AUTOSCALING1 } from "../control-catalog.js";
import { groupOf } from "../lib/compute.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
import { defineRule } from "../types.js";
import type { Value } from "../../model/value.js";

export const elbHealthCheck = defineRule<boolean>()({
  id: "compute.elb_health_check",
  group: "compute",
  title: "A group behind a load balancer uses the load balancer's health checks",
  why:
    "With the default EC2 health check an Auto Scaling group replaces an instance only when EC2 finds it impaired: " +
    "an instance whose application hangs or fails keeps running, and the load balancer keeps it out of service, so the " +
    "group runs with less capacity than it thinks. With HealthCheckType ELB the group replaces the instances the load " +
    "balancer finds unhealthy. `false` sets no requirement.",
  appliesTo: ["autoscaling-group"],
  inspects: {
    api: ["AutoScalingGroup.HealthCheckType", "AutoScalingGroup.LoadBalancerNames", "AutoScalingGroup.TargetGroupARNs"],
    terraform: ["aws_autoscaling_group.health_check_type", "aws_autoscaling_group.target_group_arns", "aws_autoscaling_group.load_balancers"],
  },
  fixHint: 'Set aws_autoscaling_group.health_check_type = "ELB" (with a health_check_grace_period long enough for an instance to start).',
  controls: [AUTOSCALING1],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets compute.elb_health_check = false: no requirement",
    elbHealthCheck: "the group uses the load balancer's health checks (HealthCheckType {{type}})",
    ec2HealthCheck:
      "the group is behind {{balancers}} but its HealthCheckType is {{type}}: an instance the load balancer finds unhealthy " +
      "is never replaced; set it to ELB",
  },
  check(resource, required) {
    if (!required) return pass("notRequired");
    const group = groupOf(resource);
    if (!group.loadBalancers.known) return unknownVerdict(`whether the group is behind a load balancer is unknown (${group.loadBalancers.reason})`, { expected: "ELB" });
    if (group.loadBalancers.value.length === 0) return notApplicable(`${group.id} is behind no load balancer or target group`);
    if (!group.healthCheckType.known) return unknownVerdict(`the group's health check type is unknown (${group.healthCheckType.reason})`, { expected: "ELB" });
    const type = group.healthCheckType.value;
    const details = { expected: "ELB", actual: type, evidence: [{ field: "AutoScalingGroup.HealthCheckType", value: type }] };
    if (type.split(",").map((t) => t.trim()).includes("ELB")) return pass("elbHealthCheck", { type }, details);
    const balancers = group.loadBalancers.value.map((b) => b.replace(/^arn:[^/]*\/([^/]+)\/.*$/, "target group $1")).join(", ");
    return fail("ec2HealthCheck", { balancers, type }, { ...details, diff: { attribute: "health_check_type", from: type, to: "ELB" }, remedies: [elbHealthChecks(type, group.healthCheckGracePeriod)] });
  },
});

/**
 * health_check_type = "ELB", and a grace period where the group has none (0): without one, an instance the load balancer
 * has not yet found healthy while it starts is replaced at once. 300 s is Terraform's and the console's default.
 */
function elbHealthChecks(from: string, grace: Value<number> | undefined) {
  const noGrace = grace !== undefined && grace.known && grace.value === 0;
  return setAttribute({
    resourceType: "aws_autoscaling_group",
    attribute: "health_check_type",
    from,
    to: "ELB",
    ...(noGrace ? { alongside: [{ attribute: "health_check_grace_period", to: 300, why: "0 -> 300 s: a starting instance is not replaced before the load balancer can find it healthy" }] } : {}),
  });
}
