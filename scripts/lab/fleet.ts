// The lab's cluster as the fake AWS server describes it: one Aurora MySQL (or PostgreSQL) cluster, a writer and a reader in two AZs, an RDS Proxy in front.
import { emptyRegion, type FakeFleet } from "../../test/support/fake-aws/fleet.js";

export const LAB_ACCOUNT = "123456789012";
export const LAB_REGION = "eu-west-1";
export const LAB_CLUSTER = "haspec-lab";
/** Aurora's 12-character endpoint id, made up. */
const ID = "c0haspeclab0";
const DOMAIN = `${ID}.${LAB_REGION}.rds.amazonaws.com`;

export interface LabNames {
  readonly cluster: string;
  readonly clusterEndpoint: string;
  readonly readerEndpoint: string;
  readonly proxyEndpoint: string;
  /** Instance id → its endpoint name. */
  readonly instances: Readonly<Record<string, string>>;
}

export function labNames(instanceIds: readonly string[] = [`${LAB_CLUSTER}-1`, `${LAB_CLUSTER}-2`]): LabNames {
  return {
    cluster: LAB_CLUSTER,
    clusterEndpoint: `${LAB_CLUSTER}.cluster-${DOMAIN}`,
    readerEndpoint: `${LAB_CLUSTER}.cluster-ro-${DOMAIN}`,
    proxyEndpoint: `${LAB_CLUSTER}-proxy.proxy-${DOMAIN}`,
    instances: Object.fromEntries(instanceIds.map((id) => [id, `${id}.${DOMAIN}`])),
  };
}

export interface LabFleetOptions {
  /** Aurora MySQL (default) or Aurora PostgreSQL. */
  readonly engine?: "mysql" | "postgresql";
  readonly port?: number;
  readonly tags?: Readonly<Record<string, string>>;
  /** Instances of the cluster, the first the writer (default two). */
  readonly instances?: readonly string[];
  readonly status?: string;
  readonly proxy?: boolean;
}

/** The fleet the lab's fake AWS server answers with; mutable (the server's failover switches the writer in it). */
export function labFleet(options: LabFleetOptions = {}): FakeFleet {
  const pg = options.engine === "postgresql";
  const port = options.port ?? (pg ? 5432 : 3306);
  const engine = pg ? "aurora-postgresql" : "aurora-mysql";
  const ids = options.instances ?? [`${LAB_CLUSTER}-1`, `${LAB_CLUSTER}-2`];
  const names = labNames(ids);
  const arn = `arn:aws:rds:${LAB_REGION}:${LAB_ACCOUNT}:cluster:${LAB_CLUSTER}`;
  const region = emptyRegion();
  const azs = [`${LAB_REGION}a`, `${LAB_REGION}b`, `${LAB_REGION}c`];
  region.DBClusters.push({
    DBClusterIdentifier: LAB_CLUSTER,
    DBClusterArn: arn,
    Engine: engine,
    EngineVersion: pg ? "15.10" : "8.0.mysql_aurora.3.08.0",
    EngineMode: "provisioned",
    Status: options.status ?? "available",
    Endpoint: names.clusterEndpoint,
    ReaderEndpoint: names.readerEndpoint,
    CustomEndpoints: [],
    Port: port,
    MultiAZ: ids.length > 1,
    AvailabilityZones: azs,
    BackupRetentionPeriod: 7,
    PreferredBackupWindow: "03:00-03:30",
    PreferredMaintenanceWindow: "sun:05:00-sun:05:30",
    DeletionProtection: false,
    CopyTagsToSnapshot: true,
    StorageEncrypted: true,
    DBClusterParameterGroup: pg ? "default.aurora-postgresql15" : "default.aurora-mysql8.0",
    DBClusterMembers: ids.map((id, i) => ({ DBInstanceIdentifier: id, IsClusterWriter: i === 0, DBClusterParameterGroupStatus: "in-sync", PromotionTier: 1 })),
    TagList: Object.entries(options.tags ?? { env: "lab" }).map(([Key, Value]) => ({ Key, Value })),
  });
  ids.forEach((id, i) => {
    region.DBInstances.push({
      DBInstanceIdentifier: id,
      DBInstanceArn: `arn:aws:rds:${LAB_REGION}:${LAB_ACCOUNT}:db:${id}`,
      DBInstanceClass: "db.r6g.large",
      Engine: engine,
      DBInstanceStatus: "available",
      Endpoint: { Address: names.instances[id], Port: port },
      AvailabilityZone: azs[i % azs.length],
      DBClusterIdentifier: LAB_CLUSTER,
      PromotionTier: 1,
      MultiAZ: false,
      PerformanceInsightsEnabled: true,
      MonitoringInterval: 60,
      AutoMinorVersionUpgrade: true,
      PreferredMaintenanceWindow: "sun:05:00-sun:05:30",
    });
  });
  if (options.proxy !== false) {
    const proxy = `${LAB_CLUSTER}-proxy`;
    region.DBProxies.push({
      DBProxyName: proxy,
      DBProxyArn: `arn:aws:rds:${LAB_REGION}:${LAB_ACCOUNT}:db-proxy:prx-0haspeclab000000`,
      Status: "available",
      EngineFamily: pg ? "POSTGRESQL" : "MYSQL",
      Endpoint: names.proxyEndpoint,
      RequireTLS: false,
      IdleClientTimeout: 1800,
    });
    region.Targets[proxy] = [
      { TargetArn: arn, Endpoint: names.clusterEndpoint, TrackedClusterId: LAB_CLUSTER, RdsResourceId: LAB_CLUSTER, Port: port, Type: "TRACKED_CLUSTER" },
      ...ids.map((id, i) => ({
        TargetArn: `arn:aws:rds:${LAB_REGION}:${LAB_ACCOUNT}:db:${id}`,
        Endpoint: names.instances[id],
        TrackedClusterId: LAB_CLUSTER,
        RdsResourceId: id,
        Port: port,
        Type: "RDS_INSTANCE",
        Role: i === 0 ? "READ_WRITE" : "READ_ONLY",
        TargetHealth: { State: "AVAILABLE" },
      })),
    ];
  }
  return { accounts: { [LAB_ACCOUNT]: { regions: { [LAB_REGION]: region }, zones: [] } }, defaultAccount: LAB_ACCOUNT };
}
