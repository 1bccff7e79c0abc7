// changes.no_protection_downgrade: a change does not lower backup retention or turn off deletion protection (Terraform plans only).
import { judgePlannedChange } from "../lib/changes.js";
import { defineRule } from "../types.js";

export const noProtectionDowngrade = defineRule<boolean>({
  id: "changes.no_protection_downgrade",
  group: "changes",
  title: "A change does not lower backup retention or turn off deletion protection",
  why: "Lowering backup_retention_period deletes the older restore points at once; deletion_protection = false lets the next mistake delete the database.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: (resource) =>
    resource.change !== undefined
      ? true
      : "changes.* rules judge the changes in a Terraform plan; this input describes current state only",
  inspects: { api: [], terraform: ["aws_rds_cluster.backup_retention_period", "aws_rds_cluster.deletion_protection", "aws_db_instance.backup_retention_period", "aws_db_instance.deletion_protection"] },
  fixHint: "Keep backup_retention_period at least at its current value and deletion_protection = true.",
  optionSchema: { type: "boolean" },
  example: true,
  check(resource, enabled) {
    return judgePlannedChange(resource, enabled, "changes.no_protection_downgrade");
  },
});
