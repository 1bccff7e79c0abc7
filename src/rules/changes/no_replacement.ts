// changes.no_replacement: a change does not replace (-/+) a cluster or its writer (Terraform plans only).
import { judgePlannedChange } from "../lib/changes.js";
import { defineRule } from "../types.js";

export const noReplacement = defineRule<boolean>({
  id: "changes.no_replacement",
  group: "changes",
  title: "A change does not replace (-/+) a cluster or its writer",
  why: "Replacing a cluster creates a new, empty one and destroys the old; replacing the writer forces a failover and a period with one instance fewer.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: (resource) =>
    resource.change !== undefined
      ? true
      : "changes.* rules judge the changes in a Terraform plan; this input describes current state only",
  inspects: { api: [], terraform: ["aws_rds_cluster (replace)", "aws_rds_cluster_instance (replace)"] },
  fixHint: "Revert the attribute that forces replacement, or plan a migration (snapshot restore, blue/green) instead of an in-place replace.",
  optionSchema: { type: "boolean" },
  example: true,
  check(resource, enabled) {
    return judgePlannedChange(resource, enabled, "changes.no_replacement");
  },
});
