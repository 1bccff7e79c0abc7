// backup.deletion_protection: the cluster or instance cannot be deleted until protection is turned off.
import { RDS7, RDS8 } from "../control-catalog.js";
import { judgeResourceFlag } from "../lib/resource-flag.js";
import { defineRule } from "../types.js";

export const deletionProtection = defineRule<boolean>()({
  id: "backup.deletion_protection",
  group: "backup",
  title: "Deletion protection is on",
  why:
    "A delete call (a console slip, a script, a Terraform destroy or replace) removes the database. " +
    "Deletion protection makes every delete fail until it is turned off first. It is off by default. For Aurora it exists only on the cluster, not on " +
    "member instances. `false` sets no requirement.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBCluster.DeletionProtection", "DBInstance.DeletionProtection"],
    terraform: ["aws_rds_cluster.deletion_protection", "aws_db_instance.deletion_protection"],
  },
  fixHint: "Set deletion_protection = true on the aws_rds_cluster (clusters) or aws_db_instance (instances).",
  controls: [RDS7, RDS8],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    on: "deletion protection is on",
    off: "deletion protection is off: a single delete call or a Terraform destroy/replace removes the database; set {{attribute}} = true",
    notRequired: "the policy does not require deletion protection",
  },
  check(resource, required) {
    return judgeResourceFlag(resource, resource.deletionProtection, required, {
      field: "DeletionProtection",
      attribute: "deletion_protection",
      what: "deletion protection",
    });
  },
});
