// The compliance controls rules may name (the vocabulary); only ids verified in FACTS.md §11 (and FACTS-RESILIENCE.md §1.9 for REL 13 BP01, §5 for AutoScaling.* and ELB.*) are used.
// FSBP ids apply to the resource kind in their title (RDS.5/8/11/17/20 instances, RDS.7/14/15/16/19
// clusters); the cluster counterparts of RDS.11 and RDS.13 (RDS.50, RDS.35) are unverified and left out.

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

export const RDS5 = fsbp("RDS.5", "RDS DB instances should be configured with multiple Availability Zones");
export const RDS6 = fsbp("RDS.6", "Enhanced monitoring should be configured for RDS DB instances");
export const RDS7 = fsbp("RDS.7", "RDS clusters should have deletion protection enabled");
export const RDS8 = fsbp("RDS.8", "RDS DB instances should have deletion protection enabled");
export const RDS11 = fsbp("RDS.11", "RDS instances should have automatic backups enabled");
export const RDS13 = fsbp("RDS.13", "RDS automatic minor version upgrades should be enabled");
export const RDS14 = fsbp("RDS.14", "Amazon Aurora clusters should have backtracking enabled");
export const RDS15 = fsbp("RDS.15", "RDS DB clusters should be configured for multiple Availability Zones");
export const RDS16 = fsbp("RDS.16", "RDS DB clusters should be configured to copy tags to snapshots");
export const RDS17 = fsbp("RDS.17", "RDS DB instances should be configured to copy tags to snapshots");
export const RDS19 = fsbp("RDS.19", "An RDS event notifications subscription should be configured for critical cluster events");
export const RDS20 = fsbp("RDS.20", "An RDS event notifications subscription should be configured for critical database instance events");

// Application tier (FACTS-RESILIENCE.md §5, Security Hub autoscaling-controls.md and elb-controls.md).
export const AUTOSCALING1 = fsbp("AutoScaling.1", "Auto Scaling groups associated with a Classic Load Balancer should use load balancer health checks");
export const AUTOSCALING2 = fsbp("AutoScaling.2", "Amazon EC2 Auto Scaling group should cover multiple Availability Zones");
export const ELB9 = fsbp("ELB.9", "Classic Load Balancers should have cross-zone load balancing enabled");
export const ELB10 = fsbp("ELB.10", "Classic Load Balancer should span multiple Availability Zones");
export const ELB13 = fsbp("ELB.13", "Application, Network and Gateway Load Balancers should span multiple Availability Zones");

export const REL9_BP01 = wa("REL 9 BP01", "Identify and back up all data that needs to be backed up");
export const REL10_BP01 = wa("REL 10 BP01", "Deploy the workload to multiple locations");
export const REL11_BP01 = wa("REL 11 BP01", "Monitor all components of the workload to detect failures");
export const REL11_BP02 = wa("REL 11 BP02", "Fail over to healthy resources");
export const REL11_BP06 = wa("REL 11 BP06", "Send notifications when events impact availability");
export const REL13 = wa("REL 13", "How do you plan for disaster recovery (DR)?");
export const REL13_BP01 = wa("REL 13 BP01", "Define recovery objectives for downtime and data loss");
export const REL13_BP03 = wa("REL 13 BP03", "Test disaster recovery implementation to validate the implementation");

export const SOC2_A1_2: Control = {
  framework: "soc2",
  id: "A1.2",
  title: "Environmental protections, software, data back-up processes and recovery infrastructure",
};
export const SOC2_A1_3: Control = {
  framework: "soc2",
  id: "A1.3",
  title: "Recovery plan procedures supporting system recovery are tested",
};
export const ISO_A_8_13: Control = { framework: "iso27001", id: "A.8.13", title: "Information backup" };
export const ISO_A_8_14: Control = { framework: "iso27001", id: "A.8.14", title: "Redundancy of information processing facilities" };

