// backup.max_pitr_lag_minutes: the latest restorable time was at most N minutes behind when the data was captured.
import { ISO_A_8_13, REL13, REL9_BP01, SOC2_A1_2 } from "../control-catalog.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
import { counted } from "../lib/instances.js";
import { defineRule } from "../types.js";

export const maxPitrLagMinutes = defineRule<number>()({
  id: "backup.max_pitr_lag_minutes",
  group: "backup",
  title: "Point-in-time recovery lags by at most N minutes",
  why:
    "The gap between now and LatestRestorableTime is the data a point-in-time restore would lose. It is " +
    "normally within about 5 minutes (Aurora keeps it close to the current time; RDS uploads transaction logs " +
    "every five minutes). A larger gap means log uploads are stuck or automated backups are off. The lag is " +
    "measured against the time the data was captured, so it needs a live scan or a snapshot; a file without a " +
    "capture time cannot be judged.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBCluster.LatestRestorableTime", "DBInstance.LatestRestorableTime", "DBInstance.BackupRetentionPeriod"],
    terraform: ["aws_db_instance.latest_restorable_time (computed)"],
  },
  fixHint:
    "Operational, not an attribute: check that automated backups are on (backup_retention_period >= 1), the " +
    "database is running and its storage is not full; open an AWS support case if the lag persists.",
  // How far behind the latest restorable time is: the recovery point a restore can reach.
  controls: [REL9_BP01, REL13, SOC2_A1_2, ISO_A_8_13],
  judgedFrom: "live",
  optionSchema: { type: "integer", minimum: 1 },
  example: 15,
  messages: {
    backupsOff:
      "automated backups are off (backup retention 0): there is no point-in-time recovery at all; set backup_retention_period to 1 or more",
    withinLag: "the latest restorable time is {{lag}} behind the capture time",
    lagging:
      "the latest restorable time is {{lag}} behind the capture time; the policy allows {{maximum}}: " +
      "a point-in-time restore would lose up to {{lag}} of writes (normally about 5); " +
      "check that the database is running, its storage is not full and its log backups are not stuck",
  },
  check(resource, maximum, ctx) {
    const retention = resource.backupRetentionDays;
    // Backups off decides the verdict without any clock: there is nothing to restore to.
    if (retention.known && retention.value === 0) {
      return fail(
        "backupsOff",
        undefined,
        {
          expected: maximum,
          actual: null,
          evidence: [{ field: "BackupRetentionPeriod", value: 0 }],
          diff: { attribute: "backup_retention_period", from: "0", to: ">= 1" },
          remedies: [
            setAttribute({
              attribute: "backup_retention_period",
              from: 0,
              to: 1,
              resourceType: resource.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster",
              bound: "floor",
              note: "any value from 1 to 35 turns on automated backups; changing it from 0 causes an outage",
            }),
          ],
        },
      );
    }
    const captured = ctx.inventory.capturedAt;
    if (!captured.known) {
      return unknownVerdict(`the input has no capture time (${captured.reason}); use a snapshot or a live scan`, { expected: maximum });
    }
    const latest = resource.latestRestorableTime;
    if (!latest.known) return unknownVerdict(`the latest restorable time: ${latest.reason}`, { expected: maximum });
    const capturedMs = Date.parse(captured.value);
    const latestMs = Date.parse(latest.value);
    if (Number.isNaN(capturedMs)) return unknownVerdict(`the capture time "${captured.value}" is not a date`, { expected: maximum });
    if (Number.isNaN(latestMs)) return unknownVerdict(`the latest restorable time "${latest.value}" is not a date`, { expected: maximum });

    // A restorable time slightly after the capture (clock skew between API calls) is no lag.
    const lag = Math.max(0, Math.round(((capturedMs - latestMs) / 60_000) * 10) / 10);
    const details = {
      expected: maximum,
      actual: lag,
      evidence: [
        { field: "LatestRestorableTime", value: latest.value },
        { field: "capturedAt", value: captured.value },
      ],
    };
    if (lag <= maximum) return pass("withinLag", { lag: counted(lag, "minute") }, details);
    return fail(
      "lagging",
      { lag: counted(lag, "minute"), maximum: counted(maximum, "minute") },
      {
        ...details,
        diff: { attribute: "latest_restorable_time lag (minutes)", from: String(lag), to: `<= ${maximum}` },
      },
    );
  },
});
