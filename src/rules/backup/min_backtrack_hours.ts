// backup.min_backtrack_hours: an Aurora MySQL cluster can be rewound in place at least N hours.
import { RDS14 } from "../control-catalog.js";
import { isAuroraMysql } from "../lib/engines.js";
import { fail, judgeKnown, pass } from "../lib/verdict.js";
import { manual, setAttribute, type Remedy } from "../remedy.js";
import { defineRule } from "../types.js";

export const minBacktrackHours = defineRule<number>()({
  id: "backup.min_backtrack_hours",
  group: "backup",
  title: "Backtrack can rewind the cluster at least N hours",
  why:
    "Backtrack rewinds an Aurora MySQL cluster in place to an earlier time without a restore into a new " +
    "cluster, which undoes a bad deploy or an accidental DELETE without the new cluster and client " +
    "cut-over that point-in-time recovery needs. The window (up to 72 hours) bounds how far back it reaches. It exists only for Aurora MySQL, " +
    "can only be turned on for a cluster created with it (or restored or cloned with it), and cannot be used " +
    "together with binlog replication. On a cluster that has it on, the window can be changed in place.",
  appliesTo: ["aurora-cluster"],
  applicable: (resource) =>
    isAuroraMysql(resource.engine) ? true : `backtrack exists only for Aurora MySQL, not ${resource.engine}`,
  inspects: {
    api: ["DBCluster.BacktrackWindow"],
    terraform: ["aws_rds_cluster.backtrack_window"],
  },
  fixHint:
    "With backtrack on (a window above 0), raise backtrack_window on the aws_rds_cluster to the policy's hours × 3600 " +
    "seconds (at most 259200): an in-place change. With backtrack off, the existing cluster cannot get it: restore a " +
    "copy with it on (aws rds restore-db-cluster-to-point-in-time --backtrack-window <seconds>), add its instances, " +
    "move the clients to it and retire the old cluster. Binlog replication must be off.",
  controls: [RDS14],
  optionSchema: { type: "number", minimum: 0, maximum: 72 },
  example: 24,
  messages: {
    notRequired: "the policy asks for no backtrack window",
    reaches: "backtrack reaches back {{hours}}",
    backtrackOff:
      "backtrack is off; the policy needs {{wanted}}: any bad write can only be undone by a point-in-time restore into a new cluster; " +
      "backtrack cannot be turned on for an existing cluster: restore a copy with backtrack_window = {{seconds}} and move the clients to it",
    tooShort:
      "backtrack reaches back {{hours}}; the policy needs {{wanted}}: a bad write older than {{hours}} can only be undone by a point-in-time restore into a new cluster; set backtrack_window = {{seconds}}",
  },
  check(resource, hours) {
    if (hours === 0) return pass("notRequired", undefined, { expected: 0 });
    const wantSeconds = Math.round(hours * 3600);
    return judgeKnown(resource.backtrackWindowSeconds, (seconds) => {
      const actualHours = seconds / 3600;
      const details = {
        expected: hours,
        actual: actualHours,
        evidence: [{ field: "BacktrackWindow", value: seconds }],
      };
      if (seconds >= wantSeconds) return pass("reaches", { hours: formatHours(actualHours) }, details);
      const off = seconds === 0;
      const remedies: Remedy[] = off
        ? [restoreWithBacktrack(resource.id, wantSeconds)]
        : [
            setAttribute({
              attribute: "backtrack_window",
              from: seconds,
              to: wantSeconds,
              resourceType: "aws_rds_cluster",
              bound: "floor",
              note: "backtrack is on, so its window changes in place (modify-db-cluster --backtrack-window), without a restart; backtrack is not supported together with binlog replication",
            }),
          ];
      return fail(
        off ? "backtrackOff" : "tooShort",
        { hours: formatHours(actualHours), wanted: formatHours(hours), seconds: wantSeconds },
        {
          ...details,
          diff: { attribute: "backtrack_window", from: String(seconds), to: String(wantSeconds) },
          remedies,
        },
      );
    }, "the backtrack window");
  },
});

/**
 * Backtrack off: AWS turns it on only when a cluster is created or restored, so the remedy is a restore
 * into a new cluster with the window set and a switch-over, which no attribute of this cluster expresses.
 */
function restoreWithBacktrack(clusterId: string, seconds: number): Remedy {
  const copy = `${clusterId}-bt`.slice(0, 63);
  const step = manual(
    `backtrack cannot be turned on for the existing cluster ${clusterId}: restore a copy with it on ` +
      `(aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier ${clusterId} --db-cluster-identifier ${copy} ` +
      `--use-latest-restorable-time --backtrack-window ${seconds}, with the subnet group, security groups and parameter group of ${clusterId}), ` +
      `add its instances (aws rds create-db-instance --db-cluster-identifier ${copy}), then stop writes, move the clients to the copy's endpoints ` +
      `and retire ${clusterId}; in Terraform, declare the copy as a new aws_rds_cluster with backtrack_window = ${seconds} and a restore_to_point_in_time block`,
    "backtrack_window",
    "backtrack is not supported together with binlog replication",
  );
  return { ...step, downtime: "the restore creates a new cluster: moving the clients to it interrupts writes, and writes made after the restore point must be stopped first or carried over" };
}

function formatHours(h: number): string {
  const rounded = Math.round(h * 100) / 100;
  return `${rounded} hour${rounded === 1 ? "" : "s"}`;
}
