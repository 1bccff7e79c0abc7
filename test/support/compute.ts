// Builders of application-tier model objects (Auto Scaling groups, load balancers, lone instances) for unit tests.
import { computeResource, type AutoScalingGroup, type Ec2Instance, type LoadBalancer } from "../../src/model/compute.js";
import type { Resource } from "../../src/model/resource.js";
import { known } from "../../src/model/value.js";

const COMMON = { region: known("us-east-1"), account: known("123456789012"), tags: known({}) };

export function group(over: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    id: "web",
    address: "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1:autoScalingGroupName/web",
    ...COMMON,
    availabilityZones: known(["us-east-1a", "us-east-1b"]),
    minSize: known(2),
    desiredCapacity: known(2),
    maxSize: known(4),
    healthCheckType: known("ELB"),
    loadBalancers: known(["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"]),
    instances: known([
      { id: "i-1", availabilityZone: known("us-east-1a"), lifecycleState: known("InService") },
      { id: "i-2", availabilityZone: known("us-east-1b"), lifecycleState: known("InService") },
    ]),
    suspendedProcesses: known([]),
    ...over,
  };
}

export function loadBalancer(over: Partial<LoadBalancer> = {}): LoadBalancer {
  return {
    id: "web-alb",
    address: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/1",
    ...COMMON,
    type: known("application"),
    availabilityZones: known(["us-east-1a", "us-east-1b"]),
    crossZone: known(true),
    crossZoneFrom: "always on for an Application Load Balancer",
    ...over,
  };
}

export function ec2Instance(over: Partial<Ec2Instance> = {}): Ec2Instance {
  return {
    id: "i-0abc",
    address: "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc",
    ...COMMON,
    instanceType: known("m5.large"),
    availabilityZone: known("us-east-1a"),
    state: known("running"),
    tenancy: known("default"),
    autoRecovery: known("default"),
    efa: known(false),
    alarms: known([]),
    ...over,
  };
}

export const groupResource = (over: Partial<AutoScalingGroup> = {}): Resource => computeResource({ kind: "autoscaling-group", group: group(over) });
export const loadBalancerResource = (over: Partial<LoadBalancer> = {}): Resource => computeResource({ kind: "load-balancer", loadBalancer: loadBalancer(over) });
export const ec2InstanceResource = (over: Partial<Ec2Instance> = {}): Resource => computeResource({ kind: "ec2-instance", instance: ec2Instance(over) });
