// The published AWS figures a simulation's terms rest on: each with the page and section it comes from (FACTS-RESILIENCE §1, FACTS §1–§3, §6, §10).

/**
 * A published figure in seconds. `high` null: AWS gives no upper bound (a person must act).
 * Where AWS only says "less than X", the low is 0: AWS names no floor.
 */
export interface Figure {
  readonly low: number;
  readonly high: number | null;
  readonly ref: string;
  readonly note?: string;
}

const AURORA_HA = "Aurora User Guide: Concepts.AuroraHighAvailability, 'Fault tolerance for an Aurora DB cluster'";

export const FIGURES = {
  /** Aurora with at least one replica: detection and promotion together. */
  auroraFailover: {
    low: 0,
    high: 60,
    ref: AURORA_HA,
    note: "AWS: service is typically restored in less than 60 seconds, and often less than 30 seconds",
  },
  /** Aurora with no replica left: a new writer in the same AZ. */
  auroraRecreate: {
    low: 0,
    high: 600,
    ref: AURORA_HA,
    note: "AWS: with no Aurora Replica, the primary instance is recreated in the same AZ, which typically takes less than 10 minutes",
  },
  /** Aurora with no instance outside the lost AZ. */
  auroraManualAz: {
    low: 0,
    high: null,
    ref: AURORA_HA,
    note: "AWS: if all instances are in one AZ, make sure to manually create one or more new DB instances in another AZ; nothing does it for you",
  },
  /** Multi-AZ DB cluster (one writer, two readable standbys). */
  multiAzClusterFailover: {
    low: 0,
    high: 35,
    ref: "RDS User Guide: multi-az-db-clusters-concepts, 'Failover process for Multi-AZ DB clusters'; API FailoverDBCluster",
    note: "AWS: failover times are typically under 35 seconds",
  },
  /** Multi-AZ DB instance (one standby). */
  multiAzInstanceFailover: {
    low: 60,
    high: 120,
    ref: "RDS User Guide: Concepts.MultiAZSingleStandby, 'Failover process for Amazon RDS'",
    note: "AWS: failover times are typically 60–120 seconds; large transactions or a lengthy recovery can make it longer",
  },
  /** The Aurora endpoint's own DNS TTL. */
  endpointTtl: {
    low: 0,
    high: 5,
    ref: "AWS Database Blog: 'Improve application availability on Amazon Aurora' (Aurora endpoints use a 5-second TTL); Aurora User Guide: blue-green-deployments-switching",
    note: "a resolver may hand out the old address until the endpoint's 5 s TTL runs out",
  },
  /** RDS Proxy keeps client connections and finds the new writer itself. */
  rdsProxy: {
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
    low: 0,
    high: 0,
    ref:
      "Aurora User Guide: Concepts.AuroraHighAvailability (six copies across three AZs); AWS Database Blog: 'Amazon Aurora Under the Hood: " +
      "Reducing Costs Using Quorum Sets' (four of six copies to write, three to read)",
    note: "a commit is acknowledged only once a write quorum of the cluster volume holds it, and the volume outlives the instances: no committed data is lost",
  },
  multiAzInstanceRpo: {
    low: 0,
    high: 0,
    ref: "RDS User Guide: Concepts.MultiAZSingleStandby (the primary synchronously replicates to the standby in another AZ)",
    note: "the standby holds every committed transaction",
  },
  multiAzClusterRpo: {
    low: 0,
    high: 0,
    ref: "RDS User Guide: multi-az-db-clusters-concepts (semisynchronous replication; failover completes when both readers have applied the writer's outstanding transactions)",
    note: "a commit waits for at least one reader, and failover waits until the readers applied it",
  },
  /** A Single-AZ instance's storage outlives a host failure. */
  instanceStorage: {
    low: 0,
    high: 0,
    ref: "RDS User Guide: CHAP_Storage, 'Amazon RDS DB instance storage' (DB instances store their data on Amazon EBS volumes)",
    note: "the instance comes back with its storage volume",
  },
  /** Point-in-time restore of an RDS instance: transaction logs go to S3 every 5 minutes. */
  instancePitr: {
    low: 0,
    high: 300,
    ref: "RDS User Guide: USER_PIT ('RDS uploads transaction logs for DB instances to Amazon S3 every five minutes')",
    note: "a restore to the latest restorable time loses what was committed since the last upload",
  },
  /** Aurora Global Database: promotion of a secondary region. */
  globalFailover: {
    low: 60,
    high: 600,
    ref: "Aurora User Guide: aurora-global-database-disaster-recovery ('For an Aurora global database, RTO can be in the order of minutes')",
    note: "'in the order of minutes' read as 1 to 10 minutes; the clock starts when someone (or your automation) starts the failover",
  },
  globalLag: {
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
