// objectives.rpo: for every disruption kind the policy lists, the simulated data loss's upper bound is within the objective.
import { REL13_BP01 } from "../control-catalog.js";
import { OBJECTIVE_MESSAGES, objectiveOptionSchema, objectiveVerdict } from "../lib/objectives.js";
import { defineRule } from "../types.js";

export const rpo = defineRule<Record<string, string | number>>()({
  id: "objectives.rpo",
  group: "objectives",
  title: "The simulated data loss stays within the RPO objective",
  why:
    "How much data a failure loses depends on where the copies are: Aurora writes six copies over three AZs and a " +
    "failover inside the region loses nothing committed; a Multi-AZ standby is synchronous; a single-AZ instance that " +
    "loses its AZ is restored from backups to a point typically within 5 minutes (nothing, when backups are off); an " +
    "Aurora Global Database secondary lags by seconds. haspec simulates each disruption the objective names (`writer`; " +
    "`az` for every AZ the resource runs in; `region`) and compares the estimate's upper bound with the objective; " +
    "an estimate that cannot be known makes the verdict unknown, never a pass (unless what is known already exceeds the objective: that fails). " +
    "When the data does not say which instance writes, each candidate is simulated as the writer: the verdict is the same for all, or unknown.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: [
      "DBClusterMembers[].IsClusterWriter",
      "DBInstances[].{AvailabilityZone,SecondaryAvailabilityZone,MultiAZ}",
      "BackupRetentionPeriod",
      "GlobalClusters[].GlobalClusterMembers[]",
    ],
    terraform: ["aws_rds_cluster_instance", "aws_db_instance.multi_az", "backup_retention_period", "aws_rds_global_cluster"],
  },
  fixHint:
    "Shrink the term that dominates (`haspec simulate` shows the chain): a replica in another AZ (aws_rds_cluster_instance, " +
    "or multi_az = true on an instance) instead of a restore from backup, backups on (backup_retention_period >= 1), " +
    "or a Global Database secondary for a region loss.",
  controls: [REL13_BP01],
  optionSchema: objectiveOptionSchema("rpo"),
  example: { writer: "0s", az: "0s", region: "15m" },
  messages: OBJECTIVE_MESSAGES,
  check(resource, objective, ctx) {
    return objectiveVerdict("rpo", resource, objective, ctx);
  },
});
