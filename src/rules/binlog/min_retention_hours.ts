// binlog.min_retention_hours: the 'binlog retention hours' setting keeps binary logs for at least N hours.
import type { Resource } from "../../model/resource.js";
import type { Value } from "../../model/value.js";
import { isAuroraMysql, mysqlFamilyOnly } from "../lib/engines.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import type { RunSql } from "../remedy.js";
import { defineRule } from "../types.js";

/** Largest value AWS accepts: Aurora MySQL 2.11+ and 3 take 90 days; RDS for MySQL takes 7 days. */
const AURORA_MAX_HOURS = 2160;
const RDS_MYSQL_MAX_HOURS = 168;

/** The documented ceiling for the engine; undefined where haspec has no verified figure (MariaDB). */
function maxHours(engine: string): number | undefined {
  if (isAuroraMysql(engine)) return AURORA_MAX_HOURS;
  return engine.toLowerCase() === "mysql" ? RDS_MYSQL_MAX_HOURS : undefined;
}

/** The SQL reading, when a source could make one (null = the setting is NULL, AWS's default). */
function retentionOf(resource: Resource): Value<number | null> | undefined {
  return (resource as Resource & { readonly binlogRetentionHours?: Value<number | null> }).binlogRetentionHours;
}

export const minRetentionHours = defineRule<number>()({
  id: "binlog.min_retention_hours",
  group: "binlog",
  title: "Binary logs are kept for at least N hours",
  why:
    "A CDC task or replica that falls behind (a restart, a long maintenance) resumes from the binary log position it " +
    "last read; once that log is purged it must start over with a full load. With the default setting (NULL) the logs " +
    "are removed lazily, usually within a day, with no guarantee. The value is readable only over SQL " +
    "(CALL mysql.rds_show_configuration), not through the RDS API or Terraform.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  applicable: mysqlFamilyOnly,
  inspects: {
    api: ["SQL: CALL mysql.rds_show_configuration → 'binlog retention hours'"],
    terraform: [],
  },
  fixHint: "On the writer, run CALL mysql.rds_set_configuration('binlog retention hours', N); there is no Terraform attribute for it.",
  // Binlogs serve replication, CDC and blue/green switchover, not backup: no control fits.
  controls: [],
  optionSchema: { type: "integer", minimum: 1, maximum: AURORA_MAX_HOURS },
  example: 24,
  messages: {
    kept: "binary logs are kept for {{hours}} hours",
    retentionNull:
      "'binlog retention hours' is NULL (the default): binary logs are removed lazily, usually within a day, with no guarantee; " +
      "the policy needs at least {{minimum}}: a CDC task or replica that falls behind longer than that must start over; " +
      "run CALL mysql.rds_set_configuration('binlog retention hours', {{to}}){{beyond}}",
    retentionShort:
      "'binlog retention hours' is {{hours}}: binary logs older than {{hours}} hours are removed; " +
      "the policy needs at least {{minimum}}: a CDC task or replica that falls behind longer than that must start over; " +
      "run CALL mysql.rds_set_configuration('binlog retention hours', {{to}}){{beyond}}",
  },
  check(resource, minimum) {
    const reading = retentionOf(resource);
    if (reading === undefined) {
      return unknownVerdict(
        "'binlog retention hours' is readable only over SQL (CALL mysql.rds_show_configuration) and the data holds no SQL reading",
        { expected: minimum },
      );
    }
    if (!reading.known) return unknownVerdict(`'binlog retention hours' is unknown: ${reading.reason}`, { expected: minimum });
    const hours = reading.value;
    const details = {
      expected: minimum,
      actual: hours,
      evidence: [{ field: "mysql.rds_configuration['binlog retention hours']", value: hours }],
    };
    if (hours !== null && hours >= minimum) return pass("kept", { hours }, details);

    const max = maxHours(resource.engine);
    const to = max === undefined ? minimum : Math.min(minimum, max);
    const beyond =
      max !== undefined && minimum > max ? `; ${resource.engine} accepts at most ${max} hours, so the policy's ${minimum} cannot be met` : "";
    const remedy: RunSql = {
      kind: "run-sql",
      name: "binlog-retention",
      statement: `CALL mysql.rds_set_configuration('binlog retention hours', ${Math.trunc(to)});`,
      reason: "binlog retention hours has no Terraform attribute",
      note: `no Terraform attribute exists: run CALL mysql.rds_set_configuration('binlog retention hours', ${to}); on the writer${beyond}`,
    };
    return fail(
      hours === null ? "retentionNull" : "retentionShort",
      { hours, minimum, to, beyond },
      {
        ...details,
        diff: { attribute: "binlog retention hours", from: hours === null ? "NULL" : String(hours), to: String(to) },
        remedies: [remedy],
      },
    );
  },
});
