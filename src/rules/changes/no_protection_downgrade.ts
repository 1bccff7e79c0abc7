// changes.no_protection_downgrade: a change does not lower backup retention or turn off deletion protection (Terraform plans only).
import { ISO_A_8_13, SOC2_A1_2 } from "../control-catalog.js";
import { CHANGE_MESSAGES, changeApplicable, judgeExistingChange, resourceType } from "../lib/changes.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute, type SetAttribute } from "../remedy.js";
import { counted } from "../lib/instances.js";
import type { MessageData } from "../messages.js";
import { defineRule } from "../types.js";

const ID = "changes.no_protection_downgrade";

export const noProtectionDowngrade = defineRule<boolean>()({
  id: ID,
  group: "changes",
  title: "A change does not lower backup retention or turn off deletion protection",
  why: "Lowering backup_retention_period deletes the older restore points at once; deletion_protection = false lets the next mistake delete the database.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: changeApplicable,
  inspects: { api: [], terraform: ["aws_rds_cluster.backup_retention_period", "aws_rds_cluster.deletion_protection", "aws_db_instance.backup_retention_period", "aws_db_instance.deletion_protection"] },
  fixHint: "Keep backup_retention_period at least at its current value and deletion_protection = true.",
  // Unlike the other change rules, it guards the backup processes themselves (retention, deletion protection).
  controls: [SOC2_A1_2, ISO_A_8_13],
  judgedFrom: "plan",
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    ...CHANGE_MESSAGES,
    created: "the plan creates {{resource}}: there is no current protection to lower",
    retentionLowered:
      "{{resource}}: backup_retention_period drops from {{from}} to {{to}} days: restore points older than {{toDays}} are deleted{{backupsStop}}; " +
      "keep backup_retention_period = {{from}}",
    protectionOff:
      "{{resource}}: deletion_protection goes from true to false: one delete call (or a terraform destroy) can then drop the database; " +
      "keep deletion_protection = true",
    bothLowered:
      "{{resource}}: backup_retention_period drops from {{from}} to {{to}} days: restore points older than {{toDays}} are deleted{{backupsStop}}; " +
      "deletion_protection goes from true to false: one delete call (or a terraform destroy) can then drop the database; " +
      "keep backup_retention_period = {{from}} and deletion_protection = true",
    kept: "{{resource}} keeps its backup retention and deletion protection",
  },
  check(resource, enabled) {
    return judgeExistingChange(resource, enabled, ID, (_change, before) => {
      const type = resourceType(resource);
      let retentionData: MessageData | undefined;
      let protectionOff = false;
      const unknowns: string[] = [];
      const fix: SetAttribute[] = [];
      let diff: { attribute: string; from: string; to: string } | undefined;

      const wasDays = before.backupRetentionDays;
      const nowDays = resource.backupRetentionDays;
      if (!wasDays.known) unknowns.push(`the current backup retention is unknown: ${wasDays.reason}`);
      else if (!nowDays.known) unknowns.push(`the planned backup retention is unknown: ${nowDays.reason}`);
      else if (nowDays.value < wasDays.value) {
        retentionData = {
          from: wasDays.value,
          to: nowDays.value,
          toDays: counted(nowDays.value, "day"),
          backupsStop: nowDays.value === 0 ? " and automated backups stop" : "",
        };
        fix.push(setAttribute({ attribute: "backup_retention_period", from: nowDays.value, to: wasDays.value, resourceType: type, bound: "floor" }));
        diff = { attribute: "backup_retention_period", from: String(nowDays.value), to: String(wasDays.value) };
      }

      const wasDp = before.deletionProtection;
      const nowDp = resource.deletionProtection;
      if (wasDp.known && !wasDp.value) {
        // Nothing to lower.
      } else if (!wasDp.known && !(nowDp.known && nowDp.value)) {
        unknowns.push(`the current deletion protection is unknown: ${wasDp.reason}`);
      } else if (wasDp.known && !nowDp.known) {
        unknowns.push(`the planned deletion protection is unknown: ${nowDp.reason}`);
      } else if (wasDp.known && nowDp.known && !nowDp.value) {
        protectionOff = true;
        fix.push(setAttribute({ attribute: "deletion_protection", from: false, to: true, resourceType: type }));
        diff ??= { attribute: "deletion_protection", from: "false", to: "true" };
      }

      const expected = {
        backupRetentionDays: wasDays.known ? `>= ${wasDays.value}` : null,
        deletionProtection: wasDp.known ? wasDp.value : null,
      };
      const actual = { backupRetentionDays: nowDays.known ? nowDays.value : null, deletionProtection: nowDp.known ? nowDp.value : null };
      if (retentionData !== undefined || protectionOff) {
        const messageId = retentionData === undefined ? "protectionOff" : protectionOff ? "bothLowered" : "retentionLowered";
        return fail(messageId, { resource: resource.id, ...retentionData }, { expected, actual, ...(diff ? { diff } : {}), remedies: fix });
      }
      if (unknowns.length > 0) return unknownVerdict(unknowns.join("; "), { expected, actual });
      return pass("kept", { resource: resource.id }, { expected, actual });
    });
  },
});
