// Which compliance controls each rule evidences; only ids verified in FACTS.md §11 are used.

/** A control framework, as `--framework` names it. */
export type Framework = "fsbp" | "well-architected" | "soc2" | "iso27001";

export interface Control {
  readonly framework: Framework;
  readonly id: string;
  readonly title?: string;
}

export interface FrameworkInfo {
  readonly id: Framework;
  readonly name: string;
}

/** The frameworks, in the order reports list them. */
export const FRAMEWORKS: readonly FrameworkInfo[] = [
  { id: "fsbp", name: "AWS Foundational Security Best Practices (Security Hub)" },
  { id: "well-architected", name: "AWS Well-Architected Framework, Reliability pillar" },
  { id: "soc2", name: "SOC 2 (Trust Services Criteria 2017)" },
  { id: "iso27001", name: "ISO/IEC 27001:2022 Annex A" },
];

const fsbp = (id: string, title: string): Control => ({ framework: "fsbp", id, title });
const wa = (id: string, title: string): Control => ({ framework: "well-architected", id, title });

const RDS5 = fsbp("RDS.5", "RDS DB instances should be configured with multiple Availability Zones");
const RDS6 = fsbp("RDS.6", "Enhanced monitoring should be configured for RDS DB instances");
const RDS7 = fsbp("RDS.7", "RDS clusters should have deletion protection enabled");
const RDS8 = fsbp("RDS.8", "RDS DB instances should have deletion protection enabled");
const RDS11 = fsbp("RDS.11", "RDS instances should have automatic backups enabled");
const RDS13 = fsbp("RDS.13", "RDS automatic minor version upgrades should be enabled");
const RDS14 = fsbp("RDS.14", "Amazon Aurora clusters should have backtracking enabled");
const RDS15 = fsbp("RDS.15", "RDS DB clusters should be configured for multiple Availability Zones");
const RDS16 = fsbp("RDS.16", "RDS DB clusters should be configured to copy tags to snapshots");
const RDS17 = fsbp("RDS.17", "RDS DB instances should be configured to copy tags to snapshots");
const RDS19 = fsbp("RDS.19", "An RDS event notifications subscription should be configured for critical cluster events");
const RDS20 = fsbp("RDS.20", "An RDS event notifications subscription should be configured for critical database instance events");

const REL9_BP01 = wa("REL 9 BP01", "Identify and back up all data that needs to be backed up");
const REL10_BP01 = wa("REL 10 BP01", "Deploy the workload to multiple locations");
const REL11_BP01 = wa("REL 11 BP01", "Monitor all components of the workload to detect failures");
const REL11_BP02 = wa("REL 11 BP02", "Fail over to healthy resources");
const REL11_BP06 = wa("REL 11 BP06", "Send notifications when events impact availability");
const REL13 = wa("REL 13", "How do you plan for disaster recovery (DR)?");

const SOC2_A1_2: Control = {
  framework: "soc2",
  id: "A1.2",
  title: "Environmental protections, software, data back-up processes and recovery infrastructure",
};
const ISO_A_8_13: Control = { framework: "iso27001", id: "A.8.13", title: "Information backup" };
const ISO_A_8_14: Control = { framework: "iso27001", id: "A.8.14", title: "Redundancy of information processing facilities" };

/**
 * The controls each rule evidences, keyed by rule id; a parity test keeps it equal to RULES.
 * Mapped only where the rule checks what the control asks for. FSBP ids apply to the resource
 * kind in their title (RDS.5/8/11/17/20 instances, RDS.7/14/15/16/19 clusters); the cluster
 * counterparts of RDS.11 and RDS.13 (RDS.50, RDS.35) are unverified and left out.
 */
export const CONTROLS: Readonly<Record<string, readonly Control[]>> = {
  "multi_az.min_azs": [RDS5, RDS15, REL10_BP01, SOC2_A1_2, ISO_A_8_14],
  "multi_az.min_readers": [REL10_BP01, REL11_BP02, SOC2_A1_2, ISO_A_8_14],
  "multi_az.readers_outside_writer_az": [REL10_BP01, SOC2_A1_2, ISO_A_8_14],
  "failover.max_tier": [REL11_BP02, ISO_A_8_14],
  "failover.target_class": [REL11_BP02, ISO_A_8_14],
  "failover.target_other_az": [REL11_BP02, ISO_A_8_14],
  "backup.min_retention_days": [RDS11, REL9_BP01, SOC2_A1_2, ISO_A_8_13],
  "backup.deletion_protection": [RDS7, RDS8],
  "backup.copy_tags_to_snapshot": [RDS16, RDS17],
  "backup.min_backtrack_hours": [RDS14],
  // How far behind the latest restorable time is: the recovery point a restore can reach.
  "backup.max_pitr_lag_minutes": [REL9_BP01, REL13, SOC2_A1_2, ISO_A_8_13],
  // Scheduling hygiene; no control asks for it specifically.
  "backup.window_clear_of_maintenance": [],
  // Binlogs serve replication, CDC and blue/green switchover, not backup: no control fits.
  "binlog.formats": [],
  "binlog.min_retention_hours": [],
  "dns.max_ttl": [REL11_BP02],
  "dns.no_instance_endpoint_records": [REL11_BP02],
  // FSBP RDS.19/RDS.20 require the "maintenance" and "failure" (and, for instances,
  // "configuration change") categories; they do not check "failover", which this rule may require.
  "events.subscribed": [RDS19, RDS20, REL11_BP06],
  "proxy.required": [REL11_BP02],
  "monitoring.performance_insights": [REL11_BP01],
  "monitoring.max_monitoring_interval": [RDS6, REL11_BP01],
  "maintenance.auto_minor_version_upgrade": [RDS13],
  "maintenance.min_engine_version": [],
  // Change rules judge a plan's transitions, not a state a control describes...
  "changes.no_writer_resize_in_place": [],
  "changes.no_capacity_reduction": [],
  "changes.no_replacement": [],
  // ...except this one, which guards the backup processes themselves (retention, deletion protection).
  "changes.no_protection_downgrade": [SOC2_A1_2, ISO_A_8_13],
};

/** The controls a rule evidences (empty for unknown rule ids). */
export function controlsOf(ruleId: string): readonly Control[] {
  return CONTROLS[ruleId] ?? [];
}

/** Rule ids with at least one control in the framework, in CONTROLS order. */
export function rulesOfFramework(framework: Framework): string[] {
  return Object.keys(CONTROLS).filter((id) => controlsOf(id).some((c) => c.framework === framework));
}

/** `fsbp:RDS.5`-style tags, for formats that carry controls as strings (SARIF). */
export function controlTags(ruleId: string): string[] {
  return controlsOf(ruleId).map((c) => `${c.framework}:${c.id}`);
}
