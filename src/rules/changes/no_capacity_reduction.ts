// changes.no_capacity_reduction: a change never leaves fewer readers or fewer AZs than before (Terraform plans only).
import { judgePlannedChange } from "../lib/changes.js";
import { defineRule } from "../types.js";

export const noCapacityReduction = defineRule<boolean>({
  id: "changes.no_capacity_reduction",
  group: "changes",
  title: "A change never leaves fewer readers or fewer AZs than before",
  why: "Removing readers or collapsing AZs lowers the number of failures the database survives; a plan can do it quietly while the end state still looks acceptable.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: (resource) =>
    resource.change !== undefined
      ? true
      : "changes.* rules judge the changes in a Terraform plan; this input describes current state only",
  inspects: { api: [], terraform: ["aws_rds_cluster_instance (count)", "aws_rds_cluster_instance.availability_zone"] },
  fixHint: "Keep the existing readers and their AZs in the plan; add new instances before removing old ones.",
  optionSchema: { type: "boolean" },
  example: true,
  check(resource, enabled) {
    return judgePlannedChange(resource, enabled, "changes.no_capacity_reduction");
  },
});
