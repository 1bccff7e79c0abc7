// changes.no_writer_resize_in_place: the writer's instance class is not changed in place (Terraform plans only).
import { judgePlannedChange } from "../lib/changes.js";
import { defineRule } from "../types.js";

export const noWriterResizeInPlace = defineRule<boolean>({
  id: "changes.no_writer_resize_in_place",
  group: "changes",
  title: "The writer's instance class is not changed in place",
  why: "Changing the writer's instance_class in place restarts it: the database takes no writes until the resized instance is back. The safe path is to resize a reader, fail over to it, then resize the old writer.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: (resource) =>
    resource.change !== undefined
      ? true
      : "changes.* rules judge the changes in a Terraform plan; this input describes current state only",
  inspects: { api: [], terraform: ["aws_rds_cluster_instance.instance_class", "aws_rds_cluster_instance.apply_immediately"] },
  fixHint: "Resize a reader first, fail over to it (aws rds failover-db-cluster), then resize the old writer; never combine a writer resize with apply_immediately = true.",
  optionSchema: { type: "boolean" },
  example: true,
  check(resource, enabled) {
    return judgePlannedChange(resource, enabled, "changes.no_writer_resize_in_place");
  },
});
