// binlog.formats: the effective binlog_format of the cluster parameter group is one the policy allows.
import type { ParameterGroupRef, Resource } from "../../model/resource.js";
import { isAuroraMysql, mysqlFamilyOnly } from "../lib/engines.js";
import { listWords } from "../lib/instances.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import type { SetClusterParameter } from "../remedy.js";
import { defineRule } from "../types.js";

export type BinlogFormat = "ROW" | "STATEMENT" | "MIXED" | "OFF";

/** Where the effective value came from, for the message and the evidence. */
interface Effective {
  readonly value: string;
  readonly source: "set in the group" | "engine default";
}

/**
 * The value the group gives binlog_format, or the reason it cannot be told. Default groups and
 * groups that leave it unset give the engine default, which is verified only for Aurora MySQL (OFF).
 */
function effectiveFormat(resource: Resource, group: ParameterGroupRef): Effective | { readonly unknown: string } {
  let set: string | undefined;
  if (!group.isDefault) {
    if (!group.parameters.known) {
      const command =
        `aws rds describe-db-cluster-parameters --db-cluster-parameter-group-name ${group.name} ` +
        `> describe-db-cluster-parameters.${group.name}.json`;
      const reason = group.parameters.reason;
      return {
        unknown: reason.includes(command)
          ? `binlog_format depends on the custom group ${group.name}: ${reason}`
          : `binlog_format depends on the custom group ${group.name}, whose parameters were not read (${reason}); save them with: ${command}`,
      };
    }
    set = group.parameters.value.get("binlog_format");
  }
  if (set !== undefined && set !== "") return { value: set.toUpperCase(), source: "set in the group" };
  if (isAuroraMysql(resource.engine)) return { value: "OFF", source: "engine default" };
  return {
    unknown:
      `${group.name} does not set binlog_format, and the ${resource.engine} engine default is not something haspec ` +
      "can vouch for; set binlog_format explicitly in a custom cluster parameter group",
  };
}

/** The format to propose: ROW when allowed (what CDC and blue/green want), else the first allowed one that logs, else OFF. */
function proposed(allowed: readonly string[]): string {
  if (allowed.includes("ROW")) return "ROW";
  return allowed.find((f) => f !== "OFF") ?? allowed[0] ?? "ROW";
}

export const formats = defineRule<BinlogFormat[]>()({
  id: "binlog.formats",
  group: "binlog",
  title: "The cluster parameter group's binlog_format is one of the allowed values",
  why:
    "Change data capture (AWS DMS), external replicas and Aurora MySQL blue/green deployments read the binary log; " +
    "with binlog_format OFF (the Aurora MySQL default) they cannot start, and turning it on later needs a writer reboot. " +
    "The other way round, a binary log nobody reads slows crash recovery, so a policy may also demand OFF. The value " +
    "judged is the cluster parameter group's: a default group, or a custom group that does not set it, means the engine default.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: mysqlFamilyOnly,
  inspects: {
    api: [
      "DBCluster.DBClusterParameterGroup",
      "DescribeDBClusterParameters Parameters[binlog_format].ParameterValue",
      "DBClusterMembers[].DBClusterParameterGroupStatus",
    ],
    terraform: ["aws_rds_cluster_parameter_group.parameter[binlog_format]", "aws_rds_cluster.db_cluster_parameter_group_name"],
  },
  fixHint:
    "Set the binlog_format parameter in the cluster's custom aws_rds_cluster_parameter_group (a default group cannot be " +
    "changed: create a custom group and set db_cluster_parameter_group_name), then reboot the writer.",
  // Binlogs serve replication, CDC and blue/green switchover, not backup: no control fits.
  controls: [],
  optionSchema: {
    type: "array",
    items: { type: "string", enum: ["ROW", "STATEMENT", "MIXED", "OFF"] },
    minItems: 1,
    uniqueItems: true,
  },
  example: ["ROW", "MIXED"],
  messages: {
    off: "binlog_format is OFF{{source}}: change data capture, external replicas and blue/green deployments cannot read a binary log; set binlog_format = {{to}}{{where}} and reboot the writer",
    notAllowed: "binlog_format is {{actual}}{{source}}: the policy allows only {{allowed}}; set binlog_format = {{to}}{{where}} and reboot the writer",
    allowed: "binlog_format is {{actual}} in {{group}}",
    allowedByDefault: "binlog_format is {{actual}} (the engine default) in {{group}}",
  },
  check(resource, allowedOption, ctx) {
    const allowed = allowedOption.map((f) => f.toUpperCase());
    if (resource.kind === "instance") {
      return unknownVerdict(
        `${resource.id} is a standalone DB instance: its binlog_format lives in its DB parameter group, which this version of haspec does not read`,
        { expected: allowed },
      );
    }
    const pg = resource.clusterParameterGroup;
    if (!pg.known) return unknownVerdict(`the cluster parameter group is unknown: ${pg.reason}`, { expected: allowed });
    if (pg.value === null) return unknownVerdict(`the data names no cluster parameter group for ${resource.id}`, { expected: allowed });
    const group = pg.value;
    const eff = effectiveFormat(resource, group);
    if ("unknown" in eff) return unknownVerdict(eff.unknown, { expected: allowed });

    const evidence = [
      { field: "DBClusterParameterGroup", value: group.name },
      { field: `${group.name}.binlog_format`, value: eff.source === "engine default" ? null : eff.value },
    ];
    const details = { expected: allowed, actual: eff.value, evidence };

    if (!allowed.includes(eff.value)) {
      const to = proposed(allowed);
      const reboot = eff.value === "OFF" ? "; turning it on from OFF takes effect only after the writer reboots" : "; it takes effect after the writer reboots";
      const remedy: SetClusterParameter = {
        kind: "set-cluster-parameter",
        parameter: "binlog_format",
        value: to,
        applyMethod: "pending-reboot",
        newGroup: { suffix: "binlog", purpose: "binlog for CDC and blue/green" },
        downtime: "binlog_format is static: it takes effect when the writer reboots (a short outage); plan the reboot",
        note: group.isDefault
          ? `${group.name} is an AWS default group and cannot be changed: create a custom aws_rds_cluster_parameter_group of the same family with this parameter${reboot}`
          : `in the group ${group.name}${reboot}`,
      };
      const data = {
        actual: eff.value,
        source: eff.source === "engine default" ? ` (the engine default; ${group.name} does not set it)` : ` in ${group.name}`,
        allowed: listWords(allowed),
        to,
        where: group.isDefault ? " in a custom cluster parameter group" : "",
      };
      return fail(eff.value === "OFF" ? "off" : "notAllowed", data, {
        ...details,
        diff: { attribute: "binlog_format", from: eff.value, to },
        remedies: [remedy],
      });
    }

    // The group's value is allowed; it is in effect only once the writer has rebooted into it.
    const topologies = ctx.facts.of(resource).topologies;
    const writers = topologies.known ? topologies.value.map((t) => t.writer).filter((w) => w !== null) : [];
    const pending = writers.filter((w) => w.clusterParameterGroupStatus.known && w.clusterParameterGroupStatus.value === "pending-reboot");
    if (pending.length > 0) {
      return unknownVerdict(
        `${group.name} sets binlog_format = ${eff.value}, but the writer ${listWords(pending.map((w) => w.id))} waits for a reboot ` +
          "(pending-reboot), so the running value may still be the previous one; reboot the writer to apply it",
        { ...details, evidence: [...evidence, ...pending.map((w) => ({ field: `DBClusterMembers[${w.id}].DBClusterParameterGroupStatus`, value: "pending-reboot" }))] },
      );
    }
    return pass(eff.source === "engine default" ? "allowedByDefault" : "allowed", { actual: eff.value, group: group.name }, details);
  },
});
