// The published AWS figures a simulation's terms rest on: each with the page and section it comes from (FACTS-RESILIENCE §1, FACTS §1–§3, §6, §10).

/**
 * A published figure in seconds. `high` null: AWS gives no upper bound (a person must act).
 * Where AWS only says "less than X", the low is 0: AWS names no floor.
 */
export interface Figure {
  /** The name of the term it gives in a chain. */
  readonly term: string;
  /** When a chain uses it. */
  readonly when: string;
  readonly low: number;
  readonly high: number | null;
  readonly ref: string;
  readonly note?: string;
}

const AURORA_HA = "Aurora User Guide: Concepts.AuroraHighAvailability, 'Fault tolerance for an Aurora DB cluster'";

export const FIGURES = {
  /** Aurora with at least one replica: detection and promotion together. */
  auroraFailover: {
    term: "detection and promotion",
    when: "Aurora: the writer fails and a reader is left to promote",
    low: 0,
    high: 60,
    ref: AURORA_HA,
    note: "AWS: service is typically restored in less than 60 seconds, and often less than 30 seconds",
  },
  /** Aurora with no replica left: a new writer in the same AZ. */
  auroraRecreate: {
    term: "recreate the writer (no reader to promote)",
    when: "Aurora: the writer fails and no reader is left, its AZ still up",
    low: 0,
    high: 600,
    ref: AURORA_HA,
    note: "AWS: with no Aurora Replica, the primary instance is recreated in the same AZ, which typically takes less than 10 minutes",
  },
  /** Aurora with no instance outside the lost AZ. */
  auroraManualAz: {
    term: "manual recovery: a new instance in another AZ",
    when: "Aurora: an AZ loss leaves no instance in another AZ",
    low: 0,
    high: null,
    ref: AURORA_HA,
    note: "AWS: if all instances are in one AZ, make sure to manually create one or more new DB instances in another AZ; nothing does it for you",
  },
  /** Multi-AZ DB cluster (one writer, two readable standbys). */
  multiAzClusterFailover: {
    term: "detection and promotion",
    when: "Multi-AZ DB cluster: the writer fails",
    low: 0,
    high: 35,
    ref: "RDS User Guide: multi-az-db-clusters-concepts, 'Failover process for Multi-AZ DB clusters'; API FailoverDBCluster",
    note: "AWS: failover times are typically under 35 seconds",
  },
  /** Multi-AZ DB instance (one standby). */
  multiAzInstanceFailover: {
    term: "detection and failover to the standby",
    when: "Multi-AZ DB instance: the primary fails",
    low: 60,
    high: 120,
    ref: "RDS User Guide: Concepts.MultiAZSingleStandby, 'Failover process for Amazon RDS'",
    note: "AWS: failover times are typically 60–120 seconds; large transactions or a lengthy recovery can make it longer",
  },
  /** The Aurora endpoint's own DNS TTL. */
  endpointTtl: {
    term: "endpoint DNS TTL",
    when: "clients resolve the endpoint themselves after a failover, recreate or restart",
    low: 0,
    high: 5,
    ref: "AWS Database Blog: 'Improve application availability on Amazon Aurora' (Aurora endpoints use a 5-second TTL); Aurora User Guide: blue-green-deployments-switching",
    note: "a resolver may hand out the old address until the endpoint's 5 s TTL runs out",
  },
  /** RDS Proxy keeps client connections and finds the new writer itself. */
  rdsProxy: {
    term: "RDS Proxy",
    when: "the database is a target of an RDS Proxy and no record leads clients around it",
    low: 0,
    high: 0,
    ref: "Aurora User Guide: Concepts.AuroraHighAvailability, 'High availability with Amazon RDS Proxy'; rds-proxy.howitworks, 'Failover'",
    note:
      "clients of RDS Proxy are not exposed to DNS propagation delays or local DNS caching: the proxy keeps their connections and " +
      "reconnects to the new writer, so the endpoint's DNS update and TTL, the clients' DNS cache and stale pooled connections drop out " +
      "of their chain (AWS: up to 66% shorter failovers); statements in flight during the failover fail and must be retried",
  },
  /** Aurora storage: six copies, three AZs, quorum 4 to write, 3 to read. */
  auroraStorage: {
    term: "committed data",
    when: "RPO of Aurora while the cluster volume keeps a write quorum",
    low: 0,
    high: 0,
    ref:
      "Aurora User Guide: Concepts.AuroraHighAvailability (six copies across three AZs); AWS Database Blog: 'Amazon Aurora Under the Hood: " +
      "Reducing Costs Using Quorum Sets' (four of six copies to write, three to read)",
    note: "a commit is acknowledged only once a write quorum of the cluster volume holds it, and the volume outlives the instances: no committed data is lost",
  },
  multiAzInstanceRpo: {
    term: "committed data",
    when: "RPO of a Multi-AZ DB instance failover",
    low: 0,
    high: 0,
    ref: "RDS User Guide: Concepts.MultiAZSingleStandby (the primary synchronously replicates to the standby in another AZ)",
    note: "the standby holds every committed transaction",
  },
  multiAzClusterRpo: {
    term: "committed data",
    when: "RPO of a Multi-AZ DB cluster failover",
    low: 0,
    high: 0,
    ref: "RDS User Guide: multi-az-db-clusters-concepts (semisynchronous replication; failover completes when both readers have applied the writer's outstanding transactions)",
    note: "a commit waits for at least one reader, and failover waits until the readers applied it",
  },
  /** A Single-AZ instance's storage outlives a host failure. */
  instanceStorage: {
    term: "committed data",
    when: "RPO of a Single-AZ DB instance whose host fails",
    low: 0,
    high: 0,
    ref: "RDS User Guide: CHAP_Storage, 'Amazon RDS DB instance storage' (DB instances store their data on Amazon EBS volumes)",
    note: "the instance comes back with its storage volume",
  },
  /** Point-in-time restore of an RDS instance: transaction logs go to S3 every 5 minutes. */
  instancePitr: {
    term: "point-in-time restore",
    when: "RPO when no instance is left and automated backups are on",
    low: 0,
    high: 300,
    ref: "RDS User Guide: USER_PIT ('RDS uploads transaction logs for DB instances to Amazon S3 every five minutes')",
    note: "a restore to the latest restorable time loses what was committed since the last upload",
  },
  /** Aurora Global Database: promotion of a secondary region. */
  globalFailover: {
    term: "global database failover",
    when: "a region loss of an Aurora Global Database primary with a secondary",
    low: 60,
    high: 600,
    ref: "Aurora User Guide: aurora-global-database-disaster-recovery ('For an Aurora global database, RTO can be in the order of minutes')",
    note: "'in the order of minutes' read as 1 to 10 minutes; the clock starts when someone (or your automation) starts the failover",
  },
  instanceRestore: {
    term: "manual recovery: restore from backup in another AZ",
    when: "no instance of a DB instance or Multi-AZ DB cluster is left outside a lost AZ",
    low: 0,
    high: null,
    ref: "RDS User Guide: USER_PIT (a point-in-time restore creates a new DB instance)",
    note: "no instance of the database is left outside the lost AZ: a person restores it",
  },
  globalLag: {
    term: "replication lag to the secondary region",
    when: "RPO of an Aurora Global Database failover",
    low: 0,
    high: 1,
    ref: "Aurora User Guide: aurora-global-database ('latency typically under a second'); aurora-global-database-disaster-recovery ('RPO is typically measured in seconds')",
    note: "what the secondary had not received when the region failed; AuroraGlobalDBRPOLag shows the real figure",
  },
} as const satisfies Record<string, Figure>;

export type FigureName = keyof typeof FIGURES;

/** Where a Single-AZ instance's host-failure recovery time would come from: AWS publishes none. */
export const NO_SINGLE_AZ_RECOVERY_FIGURE =
  "AWS publishes no recovery time for a Single-AZ DB instance whose host fails (RDS replaces the host and restarts the instance in the same AZ); measure it with a drill (haspec drill)";

/** The Markdown table of FIGURES that docs/assumptions.md holds between its markers (a test keeps them equal). */
export function figuresTable(): string {
  const cell = (x: string) => x.replace(/\|/g, "\\|");
  const rows = Object.values(FIGURES as Record<string, Figure>).map((f) => {
    const range = f.high === null ? `${f.low} s – no bound` : f.low === f.high ? `${f.low} s` : `${f.low}–${f.high} s`;
    return `| ${cell(f.term)} | ${cell(f.when)} | ${range} | ${cell(f.ref)} | ${cell(f.note ?? "")} |`;
  });
  return ["| term | used when | figure | source | what AWS says, or why |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}
