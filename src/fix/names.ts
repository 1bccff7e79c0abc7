// Valid AWS names for what a fix creates (instance ids, parameter groups, subscriptions) from outside identifiers.

/**
 * An RDS identifier (instances, subscriptions): letters, digits and hyphens, starting with a letter,
 * no two hyphens in a row, no trailing hyphen, at most 63 characters; `taken` adds a numeric suffix.
 */
export function rdsIdentifier(wanted: string, taken: (candidate: string) => boolean): string {
  let base = wanted.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-{2,}/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "");
  if (base === "") base = "haspec";
  base = base.slice(0, 58).replace(/-+$/, "");
  let candidate = base;
  for (let i = 2; taken(candidate); i++) candidate = `${base}-${i}`;
  return candidate;
}

/** A DB cluster parameter group name: the same character rules, up to 255 characters. */
export function parameterGroupName(wanted: string): string {
  return rdsIdentifier(wanted, () => false);
}

/**
 * The parameter group family of an engine version: aurora-mysql 8.0.mysql_aurora.3.05.2 → aurora-mysql8.0,
 * aurora-postgresql 15.4 → aurora-postgresql15, mysql 8.0.35 → mysql8.0, postgres 16.1 → postgres16.
 */
export function clusterParameterGroupFamily(engine: string, version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  if (engine === "aurora-mysql" || engine === "mysql" || engine === "aurora") {
    const m = /^(\d+\.\d+)/.exec(version);
    if (!m) return undefined;
    return engine === "aurora" ? "aurora5.6" : `${engine}${m[1]}`;
  }
  if (engine === "aurora-postgresql" || engine === "postgres") {
    const m = /^(\d+)(?:\.(\d+))?/.exec(version);
    if (!m) return undefined;
    const major = Number(m[1]);
    return `${engine}${major >= 10 ? major : `${m[1]}.${m[2] ?? "0"}`}`;
  }
  return undefined;
}

/**
 * Account-wide resources a fix creates get a name prefix, never a fixed name: Terraform appends a unique suffix, so a
 * second fix (or an earlier run's role still in the account) never collides (IAM EntityAlreadyExists). Both stay
 * within IAM's 38-character limit for name_prefix.
 */
export const MONITORING_ROLE_NAME_PREFIX = "haspec-rds-monitoring-";
export const EVENT_TOPIC_NAME_PREFIX = "haspec-rds-events-";
