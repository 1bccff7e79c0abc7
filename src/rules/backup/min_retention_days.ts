// backup.min_retention_days: automated backups are kept for at least N days (the PITR reach).
import { ISO_A_8_13, RDS11, REL9_BP01, SOC2_A1_2 } from "../control-catalog.js";
import { fail, judgeKnown, pass } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
import { counted } from "../lib/instances.js";
import { defineRule } from "../types.js";

export const minRetentionDays = defineRule<number>()({
  id: "backup.min_retention_days",
  group: "backup",
  title: "Automated backups are kept for at least N days",
  why:
    "The retention period is how far back a point-in-time restore can reach. With 1 day, data corrupted " +
    "on Friday and noticed on Monday cannot be recovered.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBCluster.BackupRetentionPeriod", "DBInstance.BackupRetentionPeriod"],
    terraform: ["aws_rds_cluster.backup_retention_period", "aws_db_instance.backup_retention_period"],
  },
  fixHint: "Set backup_retention_period to at least the policy's value (1–35 days).",
  controls: [RDS11, REL9_BP01, SOC2_A1_2, ISO_A_8_13],
  optionSchema: { type: "integer", minimum: 1, maximum: 35 },
  example: 7,
  messages: {
    kept: "backups are kept for {{days}} days",
    backupsOff: "automated backups are off; the policy needs at least {{minimum}}: a point-in-time restore can reach back only 0 days",
    tooShort:
      "backup retention is {{retention}}; the policy needs at least {{minimum}}: a point-in-time restore can reach back only {{retention}}",
  },
  check(resource, minimum) {
    return judgeKnown(resource.backupRetentionDays, (days) => {
      const details = {
        expected: minimum,
        actual: days,
        evidence: [{ field: "BackupRetentionPeriod", value: days }],
      };
      if (days >= minimum) return pass("kept", { days }, details);
      return fail(
        days === 0 ? "backupsOff" : "tooShort",
        { minimum, retention: counted(days, "day") },
        {
          ...details,
          diff: { attribute: "backup_retention_period", from: String(days), to: String(minimum) },
          remedies: [
            setAttribute({
              attribute: "backup_retention_period",
              from: days,
              to: minimum,
              resourceType: resource.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster",
              bound: "floor",
            }),
          ],
        },
      );
    }, "the backup retention period");
  },
});
