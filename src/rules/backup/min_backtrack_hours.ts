// backup.min_backtrack_hours: an Aurora MySQL cluster can be rewound in place at least N hours.
import { RDS14 } from "../control-catalog.js";
import { isAuroraMysql } from "../lib/engines.js";
import { fail, judgeKnown, pass } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
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
    "together with binlog replication.",
  appliesTo: ["aurora-cluster"],
  applicable: (resource) =>
    isAuroraMysql(resource.engine) ? true : `backtrack exists only for Aurora MySQL, not ${resource.engine}`,
  inspects: {
    api: ["DBCluster.BacktrackWindow"],
    terraform: ["aws_rds_cluster.backtrack_window"],
  },
  fixHint:
    "Set backtrack_window on the aws_rds_cluster to the policy's hours × 3600 seconds (at most 259200). A cluster " +
    "created without backtrack needs a restore or clone with it on; binlog replication must be off.",
  controls: [RDS14],
  optionSchema: { type: "number", minimum: 0, maximum: 72 },
  example: 24,
  messages: {
    notRequired: "the policy asks for no backtrack window",
    reaches: "backtrack reaches back {{hours}}",
    backtrackOff:
      "backtrack is off; the policy needs {{wanted}}: any bad write can only be undone by a point-in-time restore into a new cluster; set backtrack_window = {{seconds}}",
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
      const note = off
        ? "backtrack can only be turned on for a cluster created with it: restore or clone this cluster with backtrack_window set; it is not supported together with binlog replication"
        : "raising an existing backtrack window is an in-place change; backtrack is not supported together with binlog replication";
      return fail(
        off ? "backtrackOff" : "tooShort",
        { hours: formatHours(actualHours), wanted: formatHours(hours), seconds: wantSeconds },
        {
          ...details,
          diff: { attribute: "backtrack_window", from: String(seconds), to: String(wantSeconds) },
          remedies: [setAttribute({ attribute: "backtrack_window", from: seconds, to: wantSeconds, resourceType: "aws_rds_cluster", bound: "floor", note })],
        },
      );
    }, "the backtrack window");
  },
});

function formatHours(h: number): string {
  const rounded = Math.round(h * 100) / 100;
  return `${rounded} hour${rounded === 1 ? "" : "s"}`;
}
