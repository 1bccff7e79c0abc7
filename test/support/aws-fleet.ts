// Writes AWS CLI JSON fleets for fix tests: record builders, a directory writer, and a seeded generator of varied HA violations.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "./fake-aws/server.js";

export const ACCOUNT = "123456789012";
const NOW = Date.parse("2026-11-22T10:00:00Z");

export const REGIONS = {
  "us-east-1": { hash: "c7x2kq4mpl9e", rdsZone: "Z2R2ITUGPM61AM", azs: ["us-east-1a", "us-east-1b", "us-east-1c"] },
  "eu-west-1": { hash: "cb3n8r1tvw2q", rdsZone: "Z29XKXDKYMONMX", azs: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
} as const;
export type Region = keyof typeof REGIONS;

export const clusterEndpoint = (id: string, region: Region) => `${id}.cluster-${REGIONS[region].hash}.${region}.rds.amazonaws.com`;
export const readerEndpoint = (id: string, region: Region) => `${id}.cluster-ro-${REGIONS[region].hash}.${region}.rds.amazonaws.com`;
export const instanceEndpoint = (id: string, region: Region) => `${id}.${REGIONS[region].hash}.${region}.rds.amazonaws.com`;

const cliTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;
const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const PORTS: Record<string, number> = { "aurora-mysql": 3306, "aurora-postgresql": 5432, mysql: 3306, postgres: 5432 };

export interface ClusterSpec {
  readonly id: string;
  readonly region: Region;
  readonly engine: "aurora-mysql" | "aurora-postgresql";
  readonly engineVersion: string;
  readonly members: readonly { readonly id: string; readonly writer: boolean; readonly tier: number }[];
  readonly retention: number;
  readonly backupWindow: string;
  readonly maintenanceWindow: string;
  readonly deletionProtection: boolean;
  readonly copyTags: boolean;
  /** The DBClusterParameterGroup name (a `default.` group or a custom one). */
  readonly paramGroup: string;
  readonly tags: Record<string, string>;
  readonly subnetGroup?: string;
  readonly masterUsername?: string;
  readonly databaseName?: string;
}

export interface InstanceSpec {
  readonly id: string;
  readonly region: Region;
  readonly engine: string;
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly az: string;
  /** Set for Aurora members; standalone instances have none. */
  readonly clusterId?: string;
  readonly tier?: number;
  readonly multiAz?: boolean;
  readonly secondaryAz?: string;
  readonly pi: boolean;
  readonly monitoringInterval: number;
  readonly autoMinor: boolean;
  readonly maintenanceWindow: string;
  readonly backupWindow: string;
  readonly retention: number;
  readonly deletionProtection: boolean;
  readonly copyTags: boolean;
  readonly tags: Record<string, string>;
  readonly subnetGroup?: string;
  readonly masterUsername?: string;
  readonly parameterGroup?: string;
}

/** One DBCluster record as `aws rds describe-db-clusters` prints it. */
export function clusterRecord(c: ClusterSpec): Record<string, unknown> {
  return {
    AllocatedStorage: 1,
    AvailabilityZones: [...REGIONS[c.region].azs],
    BackupRetentionPeriod: c.retention,
    DatabaseName: c.databaseName ?? "app",
    DBClusterIdentifier: c.id,
    DBClusterParameterGroup: c.paramGroup,
    DBSubnetGroup: c.subnetGroup ?? `private-db-${c.region}`,
    Status: "available",
    EarliestRestorableTime: cliTime(NOW - c.retention * 86400_000),
    Endpoint: clusterEndpoint(c.id, c.region),
    ReaderEndpoint: readerEndpoint(c.id, c.region),
    CustomEndpoints: [],
    MultiAZ: new Set(c.members.map((m) => m.id)).size > 1,
    Engine: c.engine,
    EngineVersion: c.engineVersion,
    LatestRestorableTime: cliTime(NOW - 240_000),
    Port: PORTS[c.engine],
    MasterUsername: c.masterUsername ?? (c.engine === "aurora-postgresql" ? "postgres" : "admin"),
    PreferredBackupWindow: c.backupWindow,
    PreferredMaintenanceWindow: c.maintenanceWindow,
    ReadReplicaIdentifiers: [],
    DBClusterMembers: c.members.map((m) => ({ DBInstanceIdentifier: m.id, IsClusterWriter: m.writer, DBClusterParameterGroupStatus: "in-sync", PromotionTier: m.tier })),
    VpcSecurityGroups: [{ VpcSecurityGroupId: `sg-0${REGIONS[c.region].hash}`, Status: "active" }],
    HostedZoneId: REGIONS[c.region].rdsZone,
    StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:${c.region}:${ACCOUNT}:key/4f1c2a8e-93b7-4d0e-a6c5-2b9f7e1d3c40`,
    DBClusterArn: `arn:aws:rds:${c.region}:${ACCOUNT}:cluster:${c.id}`,
    IAMDatabaseAuthenticationEnabled: false,
    ClusterCreateTime: cliTime(NOW - 400 * 86400_000),
    EnabledCloudwatchLogsExports: c.engine === "aurora-mysql" ? ["audit", "error", "slowquery"] : ["postgresql"],
    EngineMode: "provisioned",
    DeletionProtection: c.deletionProtection,
    CopyTagsToSnapshot: c.copyTags,
    TagList: tagList(c.tags),
    AutoMinorVersionUpgrade: true,
    NetworkType: "IPV4",
  };
}

/** One DBInstance record as `aws rds describe-db-instances` prints it (Aurora member or standalone). */
export function instanceRecord(i: InstanceSpec): Record<string, unknown> {
  const standalone = i.clusterId === undefined;
  const rec: Record<string, unknown> = {
    DBInstanceIdentifier: i.id,
    DBInstanceClass: i.instanceClass,
    Engine: i.engine,
    DBInstanceStatus: "available",
    MasterUsername: i.masterUsername ?? (i.engine.includes("postgres") ? "postgres" : "admin"),
    Endpoint: { Address: instanceEndpoint(i.id, i.region), Port: PORTS[i.engine] ?? 3306, HostedZoneId: REGIONS[i.region].rdsZone },
    AllocatedStorage: standalone ? 200 : 1,
    PreferredBackupWindow: i.backupWindow,
    BackupRetentionPeriod: i.retention,
    VpcSecurityGroups: [{ VpcSecurityGroupId: `sg-0${REGIONS[i.region].hash}`, Status: "active" }],
    DBParameterGroups: [{ DBParameterGroupName: i.parameterGroup ?? `default.${i.engine}8.0`, ParameterApplyStatus: "in-sync" }],
    AvailabilityZone: i.az,
    DBSubnetGroup: { DBSubnetGroupName: i.subnetGroup ?? `private-db-${i.region}`, VpcId: "vpc-0a3f9c1d2e4b56789", SubnetGroupStatus: "Complete", Subnets: [] },
    PreferredMaintenanceWindow: i.maintenanceWindow,
    PendingModifiedValues: {},
    MultiAZ: Boolean(i.multiAz),
    EngineVersion: i.engineVersion,
    AutoMinorVersionUpgrade: i.autoMinor,
    LicenseModel: i.engine.includes("postgres") ? "postgresql-license" : "general-public-license",
    PubliclyAccessible: false,
    StorageType: standalone ? "gp3" : "aurora",
    StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:${i.region}:${ACCOUNT}:key/4f1c2a8e-93b7-4d0e-a6c5-2b9f7e1d3c40`,
    CACertificateIdentifier: "rds-ca-rsa2048-g1",
    CopyTagsToSnapshot: i.copyTags,
    MonitoringInterval: i.monitoringInterval,
    DBInstanceArn: `arn:aws:rds:${i.region}:${ACCOUNT}:db:${i.id}`,
    PerformanceInsightsEnabled: i.pi,
    DeletionProtection: i.deletionProtection,
    TagList: tagList(i.tags),
  };
  if (standalone) {
    rec["DBName"] = "app";
    rec["LatestRestorableTime"] = cliTime(NOW - 270_000);
    rec["EnabledCloudwatchLogsExports"] = ["error"];
    rec["OptionGroupMemberships"] = [{ OptionGroupName: `default:${i.engine}-8-0`, Status: "in-sync" }];
  } else {
    rec["DBClusterIdentifier"] = i.clusterId;
    rec["PromotionTier"] = i.tier ?? 1;
  }
  if (i.multiAz && i.secondaryAz) rec["SecondaryAvailabilityZone"] = i.secondaryAz;
  if (i.monitoringInterval > 0) rec["MonitoringRoleArn"] = `arn:aws:iam::${ACCOUNT}:role/rds-monitoring-role`;
  if (i.pi) {
    rec["PerformanceInsightsKMSKeyId"] = `arn:aws:kms:${i.region}:${ACCOUNT}:key/4f1c2a8e-93b7-4d0e-a6c5-2b9f7e1d3c40`;
    rec["PerformanceInsightsRetentionPeriod"] = 7;
  }
  return rec;
}

export interface SubscriptionSpec {
  readonly name: string;
  readonly region: Region;
  readonly sourceType: "db-cluster" | "db-instance";
  /** Undefined: every source of the type. */
  readonly sourceIds?: readonly string[];
  readonly categories: readonly string[];
  readonly enabled: boolean;
}

export function subscriptionRecord(s: SubscriptionSpec): Record<string, unknown> {
  return {
    CustomerAwsId: ACCOUNT,
    CustSubscriptionId: s.name,
    SnsTopicArn: `arn:aws:sns:${s.region}:${ACCOUNT}:db-oncall`,
    Status: "active",
    SubscriptionCreationTime: "2024-03-11 09:14:27.112",
    SourceType: s.sourceType,
    ...(s.sourceIds === undefined ? {} : { SourceIdsList: s.sourceIds }),
    EventCategoriesList: s.categories,
    Enabled: s.enabled,
    EventSubscriptionArn: `arn:aws:rds:${s.region}:${ACCOUNT}:es:${s.name}`,
  };
}

export interface RecordSpec {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly values: readonly string[];
}

export interface FleetFiles {
  readonly clusters: readonly ClusterSpec[];
  readonly instances: readonly InstanceSpec[];
  readonly subscriptions: readonly SubscriptionSpec[];
  /** Custom cluster parameter groups with their binlog_format (a parameters file is written for each). */
  readonly parameterGroups?: Readonly<Record<string, { readonly region: Region; readonly binlogFormat: string }>>;
  /** Route 53 zones by hosted zone id. */
  readonly zones?: Readonly<Record<string, readonly RecordSpec[]>>;
}

function writeJson(path: string, body: unknown): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, `${JSON.stringify(body, null, 4)}\n`);
}

/** Writes the fleet the way an operator saves AWS CLI output: `<region>/describe-*.json` and `route53/list-resource-record-sets.<zone>.json`. */
export function writeFleet(dir: string, fleet: FleetFiles): void {
  for (const region of Object.keys(REGIONS) as Region[]) {
    writeJson(join(dir, region, "describe-db-clusters.json"), { DBClusters: fleet.clusters.filter((c) => c.region === region).map(clusterRecord) });
    writeJson(join(dir, region, "describe-db-instances.json"), { DBInstances: fleet.instances.filter((i) => i.region === region).map(instanceRecord) });
    writeJson(join(dir, region, "describe-event-subscriptions.json"), { EventSubscriptionsList: fleet.subscriptions.filter((s) => s.region === region).map(subscriptionRecord) });
    for (const [group, p] of Object.entries(fleet.parameterGroups ?? {})) {
      if (p.region !== region) continue;
      const parameters = [
        { ParameterName: "binlog_format", ParameterValue: p.binlogFormat, Source: "user", ApplyType: "static", DataType: "string", AllowedValues: "ROW,STATEMENT,MIXED,OFF", IsModifiable: true, ApplyMethod: "pending-reboot" },
        { ParameterName: "time_zone", ParameterValue: "UTC", Source: "user", ApplyType: "dynamic", DataType: "string", IsModifiable: true, ApplyMethod: "immediate" },
      ];
      writeJson(join(dir, region, `describe-db-cluster-parameters.${group}.json`), { Parameters: parameters });
    }
  }
  for (const [zone, records] of Object.entries(fleet.zones ?? {})) {
    writeJson(join(dir, "route53", `list-resource-record-sets.${zone}.json`), {
      ResourceRecordSets: records.map((r) => ({ Name: r.name, Type: r.type, TTL: r.ttl, ResourceRecords: r.values.map((Value) => ({ Value })) })),
    });
  }
}

// ---- the seeded generator -------------------------------------------------------------------------


const SERVICES = ["orders", "payments", "ledger", "checkout", "catalog", "search", "billing", "inventory", "shipping", "identity", "reviews", "pricing"];
const MYSQL_VERSIONS = ["8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.06.0", "8.0.mysql_aurora.3.03.1"];
const PG_VERSIONS = ["15.6", "16.2", "14.9"];
const CLASSES = ["db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge", "db.r7g.xlarge"];
const ZONE = "Z07421863B0KNFJ2XQHJW";
const DOMAIN = "prod.internal.example.com";

/**
 * A fleet of `clusters` Aurora clusters over two regions plus `clusters / 3` standalone MySQL instances,
 * each drawing from the seed a mix of violations: one instance or one AZ, no reader, tier-15 or smaller
 * readers, retention 1, no deletion protection or copy-tags, default or binlog-OFF parameter groups,
 * PI / monitoring off, old engines, no failover subscription, CNAMEs with long TTLs or to instance endpoints.
 */
export function generateFixFleet(dir: string, seed: number, clusters: number): FleetFiles {
  const next = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  const pad2 = (n: number) => String(n).padStart(2, "0");
  const fleet = { clusters: [] as ClusterSpec[], instances: [] as InstanceSpec[], subscriptions: [] as SubscriptionSpec[], parameterGroups: {} as Record<string, { region: Region; binlogFormat: string }>, zones: { [ZONE]: [] as RecordSpec[] } };
  const records = fleet.zones[ZONE];
  const subscribed: Record<Region, string[]> = { "us-east-1": [], "eu-west-1": [] };
  const subscribedInstances: Record<Region, string[]> = { "us-east-1": [], "eu-west-1": [] };

  for (let i = 0; i < clusters; i++) {
    const region: Region = i % 2 === 0 ? "us-east-1" : "eu-west-1";
    const azs = REGIONS[region].azs;
    const env = chance(0.85) ? "prod" : "staging";
    const id = `${SERVICES[i % SERVICES.length]}-${env}-${seed}-${pad2(i)}`;
    const mysql = chance(0.7);
    const engine = mysql ? "aurora-mysql" : "aurora-postgresql";
    const engineVersion = mysql ? pick(MYSQL_VERSIONS) : pick(PG_VERSIONS);
    const count = pick([1, 1, 2, 2, 3, 3, 4]);
    const oneAz = chance(0.25);
    const writerAz = pick(azs);
    const writerClass = pick(CLASSES);
    const members: { id: string; writer: boolean; tier: number }[] = [];
    for (let m = 1; m <= count; m++) {
      const writer = m === 1;
      const member = { id: `${id}-instance-${m}`, writer, tier: writer ? 1 : pick([0, 1, 1, 2, 15]) };
      members.push(member);
      fleet.instances.push({
        id: member.id,
        region,
        engine,
        engineVersion,
        instanceClass: writer || chance(0.6) ? writerClass : pick(CLASSES),
        az: writer || oneAz ? writerAz : pick(azs),
        clusterId: id,
        tier: member.tier,
        pi: chance(0.8),
        monitoringInterval: pick([0, 15, 60, 60]),
        autoMinor: chance(0.85),
        maintenanceWindow: "sun:05:00-sun:05:30",
        backupWindow: "03:00-03:30",
        retention: 1,
        deletionProtection: false,
        copyTags: true,
        tags: { env, service: id.split("-")[0]! },
      });
    }
    let paramGroup = mysql ? (engineVersion.startsWith("5.7") ? "default.aurora-mysql5.7" : "default.aurora-mysql8.0") : `default.aurora-postgresql${engineVersion.split(".")[0]}`;
    if (mysql && chance(0.5)) {
      paramGroup = `${id}-params`;
      fleet.parameterGroups[paramGroup] = { region, binlogFormat: pick(["ROW", "ROW", "OFF", "MIXED"]) };
    }
    const overlap = chance(0.1);
    fleet.clusters.push({
      id,
      region,
      engine,
      engineVersion,
      members,
      retention: pick([1, 1, 3, 7, 14]),
      backupWindow: overlap ? "05:10-05:40" : "03:00-03:30",
      maintenanceWindow: "sun:05:00-sun:05:30",
      deletionProtection: chance(0.5),
      copyTags: chance(0.7),
      paramGroup,
      tags: { env, service: id.split("-")[0]!, team: pick(["core", "growth", "data"]) },
    });
    if (chance(0.5)) subscribed[region].push(id);
    if (chance(0.6)) {
      const writer = members[0]!;
      const toInstance = chance(0.35);
      records.push({ name: `${id}-db.${DOMAIN}.`, type: "CNAME", ttl: pick([5, 10, 60, 300]), values: [toInstance ? instanceEndpoint(writer.id, region) : clusterEndpoint(id, region)] });
      if (count > 1 && chance(0.5)) records.push({ name: `${id}-ro.${DOMAIN}.`, type: "CNAME", ttl: pick([5, 300]), values: [readerEndpoint(id, region)] });
    }
  }

  const standalone = Math.max(2, Math.floor(clusters / 3));
  for (let k = 0; k < standalone; k++) {
    const region: Region = k % 2 === 0 ? "eu-west-1" : "us-east-1";
    const azs = REGIONS[region].azs;
    const multiAz = chance(0.4);
    const az = pick(azs);
    const id = `mysql-${seed}-${pad2(k)}`;
    fleet.instances.push({
      id,
      region,
      engine: "mysql",
      engineVersion: pick(["8.0.35", "8.0.39", "8.0.40"]),
      instanceClass: pick(["db.m6g.large", "db.r6g.large"]),
      az,
      multiAz,
      ...(multiAz ? { secondaryAz: azs.find((a) => a !== az)! } : {}),
      pi: chance(0.6),
      monitoringInterval: pick([0, 60]),
      autoMinor: chance(0.7),
      maintenanceWindow: "sat:04:00-sat:04:30",
      backupWindow: "02:00-02:30",
      retention: pick([1, 7, 7, 14]),
      deletionProtection: chance(0.5),
      copyTags: chance(0.6),
      tags: { env: "prod", service: "mysql" },
      parameterGroup: "default.mysql8.0",
    });
    if (chance(0.5)) subscribedInstances[region].push(id);
    if (chance(0.5)) records.push({ name: `${id}.${DOMAIN}.`, type: "CNAME", ttl: pick([10, 300]), values: [instanceEndpoint(id, region)] });
  }

  for (const region of Object.keys(REGIONS) as Region[]) {
    // An empty SourceIdsList would mean every source: write the subscription only when it names some.
    if (subscribed[region].length > 0) fleet.subscriptions.push({ name: `failover-${region}`, region, sourceType: "db-cluster", sourceIds: subscribed[region], categories: ["failover", "failure"], enabled: true });
    if (subscribedInstances[region].length > 0) fleet.subscriptions.push({ name: `instances-${region}`, region, sourceType: "db-instance", sourceIds: subscribedInstances[region], categories: ["failover"], enabled: true });
    fleet.subscriptions.push({ name: `legacy-${region}`, region, sourceType: "db-cluster", categories: ["failover"], enabled: false });
  }
  writeFleet(dir, fleet);
  return fleet;
}
