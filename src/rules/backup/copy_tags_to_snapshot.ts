// backup.copy_tags_to_snapshot: snapshots carry the resource's tags, so tag-based backup and retention policies see them.
import { RDS16, RDS17 } from "../control-catalog.js";
import { judgeResourceFlag } from "../lib/resource-flag.js";
import { defineRule } from "../types.js";

export const copyTagsToSnapshot = defineRule<boolean>()({
  id: "backup.copy_tags_to_snapshot",
  group: "backup",
  title: "Tags are copied to snapshots",
  why:
    "Snapshots without the database's tags fall outside tag-based backup plans, retention, cost allocation " +
    "and access policies, and are hard to trace back to their owner when a restore is needed. Copying is off " +
    "by default. `false` sets no requirement.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBCluster.CopyTagsToSnapshot", "DBInstance.CopyTagsToSnapshot"],
    terraform: ["aws_rds_cluster.copy_tags_to_snapshot", "aws_db_instance.copy_tags_to_snapshot"],
  },
  fixHint: "Set copy_tags_to_snapshot = true on the aws_rds_cluster (clusters) or aws_db_instance (instances).",
  controls: [RDS16, RDS17],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    on: "tags are copied to snapshots",
    off: "tags are not copied to snapshots: tag-based backup, retention and access policies miss them; set {{attribute}} = true",
    notRequired: "the policy does not require tags on snapshots",
  },
  check(resource, required) {
    return judgeResourceFlag(resource, resource.copyTagsToSnapshot, required, {
      field: "CopyTagsToSnapshot",
      attribute: "copy_tags_to_snapshot",
      what: "copying tags to snapshots",
    });
  },
});
