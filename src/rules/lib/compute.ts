// What the compute.* and load_balancer.* rules share: the group, load balancer or instance behind a resource, and which instance types recover on their own.
import type { AutoScalingGroup, Ec2Instance, LoadBalancer } from "../../model/compute.js";
import type { Resource } from "../../model/resource.js";
import { setAttribute, type SetAttribute } from "../remedy.js";

/** The Auto Scaling group a rule judges (appliesTo keeps every other kind away). */
export function groupOf(resource: Resource): AutoScalingGroup {
  if (resource.compute?.kind !== "autoscaling-group") throw new Error(`${resource.id} is not an Auto Scaling group`);
  return resource.compute.group;
}

/** The load balancer a rule judges. */
export function loadBalancerOf(resource: Resource): LoadBalancer {
  if (resource.compute?.kind !== "load-balancer") throw new Error(`${resource.id} is not a load balancer`);
  return resource.compute.loadBalancer;
}

/** The lone EC2 instance a rule judges. */
export function ec2InstanceOf(resource: Resource): Ec2Instance {
  if (resource.compute?.kind !== "ec2-instance") throw new Error(`${resource.id} is not an EC2 instance`);
  return resource.compute.instance;
}

/**
 * Whether simplified automatic recovery supports an instance type (FACTS-RESILIENCE §5, EC2 User Guide
 * ec2-instance-recover): default or dedicated tenancy, no instance store, not metal, and a listed family. haspec
 * answers only for the families it is sure of (A1; M, C, R of generations 4 to 6 and 7g; T1 to T4g, all without `d`,
 * the instance-store mark): `unknown` for any other, never a guess.
 */
export function simplifiedRecoverySupport(instanceType: string, tenancy: string): "yes" | "no" | "unknown" {
  if (tenancy === "host") return "no";
  const [family = "", size = ""] = instanceType.split(".");
  if (size.includes("metal")) return "no";
  const m = /^([a-z]+)(\d+)([a-z-]*)$/.exec(family);
  if (m === null) return "unknown";
  const [, series, gen, suffix] = m as unknown as [string, string, string, string];
  if (suffix.includes("d") && !suffix.includes("flex")) return ["m", "c", "r"].includes(series) ? "no" : "unknown";
  if (family === "a1") return "yes";
  const g = Number(gen);
  if (["m", "c", "r"].includes(series) && ((g >= 4 && g <= 6) || (g === 7 && suffix === "g"))) return "yes";
  if (series === "t" && g >= 1 && g <= 4) return "yes";
  return "unknown";
}

/**
 * min_size = N, with max_size (and a desired_capacity set below N) raised along: AWS rejects a minimum above the maximum.
 * A desired capacity left unset follows the new minimum (UpdateAutoScalingGroup raises it to MinSize).
 */
export function minSizeRemedy(group: AutoScalingGroup, minimum: number): SetAttribute {
  const alongside = [
    ...(group.maxSize.known && group.maxSize.value < minimum ? [{ attribute: "max_size", to: minimum, why: `max_size must be at least min_size (${minimum})` }] : []),
    ...(group.desiredCapacity.known && group.desiredCapacity.value < minimum ? [{ attribute: "desired_capacity", to: minimum, why: `desired_capacity must be at least min_size (${minimum})` }] : []),
  ];
  return setAttribute({
    resourceType: "aws_autoscaling_group",
    attribute: "min_size",
    from: group.minSize.known ? group.minSize.value : null,
    to: minimum,
    bound: "floor",
    ...(alongside.length > 0 ? { alongside } : {}),
  });
}
