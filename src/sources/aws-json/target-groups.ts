// Reads target groups from `aws elbv2 describe-target-groups` output (top-level key `TargetGroups`): how soon each stops sending to a lost target.
import type { TargetGroup } from "../../model/compute.js";
import type { SourceLocation } from "../../model/resource.js";
import { numberField, plainString, type Raw } from "./fields.js";

/** One target group; a text saying what is missing when the entry cannot be used. */
export function readTargetGroup(raw: Raw, location: SourceLocation): TargetGroup | string {
  const arn = plainString(raw, "TargetGroupArn");
  if (arn === undefined) return "it has no TargetGroupArn";
  const name = plainString(raw, "TargetGroupName") ?? arn;
  const where = { output: "elbv2 describe-target-groups", id: name };
  return {
    arn,
    name,
    healthCheckIntervalSeconds: numberField(raw, "HealthCheckIntervalSeconds", where),
    unhealthyThresholdCount: numberField(raw, "UnhealthyThresholdCount", where),
    location,
  };
}
