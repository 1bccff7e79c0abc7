// Reads target groups from `aws elbv2 describe-target-groups` output (top-level key `TargetGroups`): the load balancers each sends for, and how soon it stops sending to a lost target.
import type { TargetGroup } from "../../model/compute.js";
import type { SourceLocation } from "../../model/resource.js";
import { numberField, plainString, type Raw } from "./fields.js";

/** One target group; a text saying what is missing when the entry cannot be used. */
export function readTargetGroup(raw: Raw, location: SourceLocation): TargetGroup | string {
  const arn = plainString(raw, "TargetGroupArn");
  if (arn === undefined) return "it has no TargetGroupArn";
  const loadBalancerArns = raw["LoadBalancerArns"];
  if (!Array.isArray(loadBalancerArns) || loadBalancerArns.some((a) => typeof a !== "string")) return `${arn} has no LoadBalancerArns list`;
  const name = plainString(raw, "TargetGroupName") ?? arn;
  const where = { output: "elbv2 describe-target-groups", id: name };
  return {
    arn,
    name,
    loadBalancerArns: loadBalancerArns as string[],
    healthCheckIntervalSeconds: numberField(raw, "HealthCheckIntervalSeconds", where),
    unhealthyThresholdCount: numberField(raw, "UnhealthyThresholdCount", where),
    location,
  };
}
