// backup.window_clear_of_maintenance: the daily backup window never overlaps a weekly maintenance window.
import type { Value } from "../../model/value.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import {
  dailyOverlapsWeekly,
  formatDailyWindow,
  proposeDailyWindow,
  type WeekInterval,
} from "../../facts/windows.js";
import { manual, setAttribute } from "../remedy.js";
import { defineRule } from "../types.js";

export const windowClearOfMaintenance = defineRule<boolean>()({
  id: "backup.window_clear_of_maintenance",
  group: "backup",
  title: "The backup window does not overlap any maintenance window",
  why:
    "AWS requires the daily backup window and the weekly maintenance window not to overlap, so a configuration " +
    "where they do is refused when it is applied, and a database left that way has backups scheduled into its " +
    "maintenance. Both windows are UTC; the backup window repeats daily and may cross midnight, the " +
    "maintenance window is weekly and may cross from Sunday to Monday. Aurora member instances have maintenance " +
    "windows of their own, so each is checked. `false` sets no requirement.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBCluster.PreferredBackupWindow", "DBCluster.PreferredMaintenanceWindow", "DBInstance.PreferredBackupWindow", "DBInstance.PreferredMaintenanceWindow"],
    terraform: [
      "aws_rds_cluster.preferred_backup_window",
      "aws_rds_cluster.preferred_maintenance_window",
      "aws_rds_cluster_instance.preferred_maintenance_window",
      "aws_db_instance.backup_window",
      "aws_db_instance.maintenance_window",
    ],
  },
  fixHint:
    "Move preferred_backup_window (aws_rds_cluster) or backup_window (aws_db_instance) to a time that clears every maintenance window, or move the maintenance windows.",
  // Scheduling hygiene; no control asks for it specifically.
  controls: [],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy does not require the backup window to clear the maintenance windows",
    overlapsMovable:
      "backup window {{backupWindow}} overlaps the maintenance window {{clashes}}: AWS refuses overlapping windows, " +
      'so applying them fails; set {{attribute}} = "{{proposal}}"',
    overlaps:
      "backup window {{backupWindow}} overlaps the maintenance window {{clashes}}: AWS refuses overlapping windows, " +
      "so applying them fails; move {{attribute}} or the maintenance window",
    clear: "backup window {{backupWindow}} clears every maintenance window",
  },
  check(resource, required, ctx) {
    if (!required) return pass("notRequired", undefined, { expected: false });
    const backupRaw = resource.preferredBackupWindow;
    if (!backupRaw.known) return unknownVerdict(`the backup window: ${backupRaw.reason}`, { expected: true });
    const backup = ctx.facts.parse.dailyWindow(backupRaw.value);
    if (!backup.known) return unknownVerdict(`the backup window ${backup.reason}`, { expected: true, actual: backupRaw.value });

    const windows: { owner: string; field: string; value: Value<string> }[] = [
      { owner: resource.id, field: "PreferredMaintenanceWindow", value: resource.preferredMaintenanceWindow },
    ];
    const unknowns: string[] = [];
    if (resource.instances.known) {
      for (const i of resource.instances.value) {
        const w = i.preferredMaintenanceWindow;
        // A standalone instance's own window is the resource's window; count it once.
        if (resource.kind === "instance" && w.known && resource.preferredMaintenanceWindow.known && w.value === resource.preferredMaintenanceWindow.value) continue;
        windows.push({ owner: i.id, field: `${i.id}.PreferredMaintenanceWindow`, value: w });
      }
    } else if (resource.kind !== "instance") {
      unknowns.push(`the member instances' maintenance windows: ${resource.instances.reason}`);
    }

    const clashes: { owner: string; window: string }[] = [];
    const parsed: WeekInterval[] = [];
    for (const w of windows) {
      if (!w.value.known) {
        unknowns.push(`${w.owner}'s maintenance window: ${w.value.reason}`);
        continue;
      }
      const interval = ctx.facts.parse.weeklyWindow(w.value.value);
      if (!interval.known) {
        unknowns.push(`${w.owner}'s maintenance window ${interval.reason}`);
        continue;
      }
      parsed.push(interval.value);
      if (dailyOverlapsWeekly(backup.value, interval.value)) clashes.push({ owner: w.owner, window: w.value.value });
    }

    const details = {
      expected: true,
      actual: clashes.length === 0,
      evidence: [
        { field: "PreferredBackupWindow", value: backupRaw.value },
        ...windows.map((w) => ({ field: w.field, value: w.value.known ? w.value.value : null })),
      ],
    };
    if (clashes.length > 0) {
      const proposal = proposeDailyWindow(backup.value, parsed);
      const to = proposal ? formatDailyWindow(proposal) : null;
      const attribute = resource.kind === "instance" ? "backup_window" : "preferred_backup_window";
      const where = clashes.map((c) => `${c.window} (${c.owner})`).join(", ");
      return fail(
        to ? "overlapsMovable" : "overlaps",
        { backupWindow: backupRaw.value, clashes: where, attribute, ...(to ? { proposal: to } : {}) },
        {
          ...details,
          actual: false,
          diff: { attribute, from: backupRaw.value, to: to ?? "a window clear of maintenance" },
          remedies: [
            to
              ? setAttribute({
                  attribute,
                  from: backupRaw.value,
                  to,
                  resourceType: resource.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster",
                  ...(unknowns.length > 0 ? { note: "also check the maintenance windows haspec could not read" } : {}),
                })
              : manual("no half-hour start of the same length clears every maintenance window: shorten or move the maintenance windows", attribute),
          ],
        },
      );
    }
    if (unknowns.length > 0) return unknownVerdict(unknowns.join("; "), { ...details, actual: null });
    return pass("clear", { backupWindow: backupRaw.value }, details);
  },
});
