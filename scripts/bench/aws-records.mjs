// Builders for full-size AWS CLI records (DBCluster, DBInstance, …) shared by the demo fleet and the benchmark generator.

/** Per account+region pieces of RDS DNS names and the RDS hosted zone of the region. */
export const REGION_INFO = {
  "us-east-1": { hash: "c7x2kq4mpl9e", rdsZone: "Z2R2ITUGPM61AM", azs: ["us-east-1a", "us-east-1b", "us-east-1c"] },
  "eu-west-1": { hash: "cb3n8r1tvw2q", rdsZone: "Z29XKXDKYMONMX", azs: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
};

const PORTS = { "aurora-mysql": 3306, "aurora-postgresql": 5432, mysql: 3306, postgres: 5432, neptune: 8182 };

/** A deterministic pseudo-random generator (mulberry32) so fixtures are byte-stable. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lower-case base-32-ish id of `len` characters drawn from `next`. */
export function token(next, len, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789") {
  let s = "";
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

/** ISO timestamp the way the AWS CLI prints it (microseconds and an explicit UTC offset). */
export function cliTime(date) {
  const iso = new Date(date).toISOString(); // 2026-11-22T03:05:48.123Z
  return `${iso.slice(0, 23)}000+00:00`;
}

function domain(engine) {
  return engine === "neptune" ? "neptune.amazonaws.com" : "rds.amazonaws.com";
}

export function clusterEndpoint(id, region, engine = "aurora-mysql") {
  return `${id}.cluster-${REGION_INFO[region].hash}.${region}.${domain(engine)}`;
}
export function readerEndpoint(id, region, engine = "aurora-mysql") {
  return `${id}.cluster-ro-${REGION_INFO[region].hash}.${region}.${domain(engine)}`;
}
export function customEndpoint(name, region) {
  return `${name}.cluster-custom-${REGION_INFO[region].hash}.${region}.rds.amazonaws.com`;
}
export function instanceEndpoint(id, region, engine = "aurora-mysql") {
  return `${id}.${REGION_INFO[region].hash}.${region}.${domain(engine)}`;
}

function tagList(tags) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function subnetGroup(region, vpcId, name) {
  return {
    DBSubnetGroupName: name,
    DBSubnetGroupDescription: `Private database subnets (${region})`,
    VpcId: vpcId,
    SubnetGroupStatus: "Complete",
    Subnets: REGION_INFO[region].azs.map((az, i) => ({
      SubnetIdentifier: `subnet-0${vpcId.slice(5, 12)}${i}a1f${i}c9e`,
      SubnetAvailabilityZone: { Name: az },
      SubnetOutpost: {},
      SubnetStatus: "Active",
    })),
  };
}

const DEFAULT_VPC = { "us-east-1": "vpc-0a3f9c1d2e4b56789", "eu-west-1": "vpc-0e7d1b2c3a4f98765" };
const DEFAULT_SG = { "us-east-1": "sg-0b4e2d9f1c3a57680", "eu-west-1": "sg-0c8a3e1f5d2b46791" };
const KMS_KEY = {
  "us-east-1": "arn:aws:kms:us-east-1:123456789012:key/4f1c2a8e-93b7-4d0e-a6c5-2b9f7e1d3c40",
  "eu-west-1": "arn:aws:kms:eu-west-1:123456789012:key/8a2d6c1e-5f3b-4e97-b0a4-1c7e9d2f6b58",
};

function defaultParamGroup(engine, engineVersion) {
  if (engine === "aurora-mysql") return engineVersion.startsWith("5.7") ? "default.aurora-mysql5.7" : "default.aurora-mysql8.0";
  if (engine === "aurora-postgresql") return `default.aurora-postgresql${engineVersion.split(".")[0]}`;
  if (engine === "mysql") return `default.mysql${engineVersion.split(".").slice(0, 2).join(".")}`;
  if (engine === "postgres") return `default.postgres${engineVersion.split(".")[0]}`;
  if (engine === "neptune") return "default.neptune1.3";
  return `default.${engine}`;
}

function logExports(engine) {
  if (engine === "aurora-mysql" || engine === "mysql") return ["audit", "error", "slowquery"];
  if (engine === "aurora-postgresql" || engine === "postgres") return ["postgresql"];
  return ["audit"];
}

/**
 * One DBCluster record as `aws rds describe-db-clusters` prints it.
 * c: { id, region, account, engine, engineVersion, members: [{id, writer, tier}], retention, backupWindow,
 *      maintenanceWindow, deletionProtection, copyTags, backtrackHours?, paramGroup?, tags, customEndpoints?,
 *      multiAz?, dbClusterInstanceClass?, now, createdDaysAgo, resourceSeed, autoMinor?, monitoring?, pi? }
 */
export function dbCluster(c) {
  const region = c.region;
  const account = c.account;
  const now = new Date(c.now).getTime();
  const next = rng(c.resourceSeed ?? 1);
  const engine = c.engine;
  const created = now - (c.createdDaysAgo ?? 400) * 86400_000 - Math.floor(next() * 86400_000);
  const retentionStart = Math.max(created, now - c.retention * 86400_000);
  const isMaz = Boolean(c.dbClusterInstanceClass);
  const azs = new Set(c.members.map((m) => m.az));
  const rec = {
    AllocatedStorage: isMaz ? c.allocatedStorage ?? 400 : 1,
    AvailabilityZones: [...REGION_INFO[region].azs],
    BackupRetentionPeriod: c.retention,
    DatabaseName: c.databaseName ?? c.id.split("-")[0],
    DBClusterIdentifier: c.id,
    DBClusterParameterGroup: c.paramGroup ?? defaultParamGroup(engine, c.engineVersion),
    DBSubnetGroup: `${c.subnetGroup ?? "private-db"}-${region}`,
    Status: "available",
    EarliestRestorableTime: cliTime(retentionStart + 420_000),
    Endpoint: clusterEndpoint(c.id, region, engine),
    ReaderEndpoint: readerEndpoint(c.id, region, engine),
    CustomEndpoints: (c.customEndpoints ?? []).map((n) => customEndpoint(n, region)),
    MultiAZ: c.multiAz ?? azs.size > 1,
    Engine: engine,
    EngineVersion: c.engineVersion,
    LatestRestorableTime: cliTime(now - (c.pitrLagSeconds ?? 240) * 1000),
    Port: PORTS[engine] ?? 3306,
    MasterUsername: engine.includes("postgres") ? "postgres" : "admin",
    PreferredBackupWindow: c.backupWindow,
    PreferredMaintenanceWindow: c.maintenanceWindow,
    ReadReplicaIdentifiers: [],
    DBClusterMembers: c.members.map((m) => ({
      DBInstanceIdentifier: m.id,
      IsClusterWriter: Boolean(m.writer),
      DBClusterParameterGroupStatus: m.paramStatus ?? "in-sync",
      PromotionTier: m.tier,
    })),
    VpcSecurityGroups: [{ VpcSecurityGroupId: DEFAULT_SG[region], Status: "active" }],
    HostedZoneId: REGION_INFO[region].rdsZone,
    StorageEncrypted: true,
    KmsKeyId: KMS_KEY[region],
    DbClusterResourceId: `cluster-${token(next, 26, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
    DBClusterArn: `arn:aws:rds:${region}:${account}:cluster:${c.id}`,
    AssociatedRoles: [],
    IAMDatabaseAuthenticationEnabled: Boolean(c.iamAuth),
    ClusterCreateTime: cliTime(created),
  };
  if (c.backtrackHours) {
    rec.EarliestBacktrackTime = cliTime(Math.max(created, now - c.backtrackHours * 3600_000) + 60_000);
    rec.BacktrackWindow = c.backtrackHours * 3600;
    rec.BacktrackConsumedChangeRecords = 18_734_221;
  }
  rec.EnabledCloudwatchLogsExports = logExports(engine);
  rec.EngineMode = "provisioned";
  rec.DeletionProtection = c.deletionProtection;
  rec.HttpEndpointEnabled = false;
  rec.ActivityStreamStatus = "stopped";
  rec.CopyTagsToSnapshot = c.copyTags;
  rec.CrossAccountClone = false;
  rec.DomainMemberships = [];
  rec.TagList = tagList(c.tags);
  if (isMaz) {
    rec.DBClusterInstanceClass = c.dbClusterInstanceClass;
    rec.StorageType = "io1";
    rec.Iops = c.iops ?? 3000;
    rec.PubliclyAccessible = false;
  }
  rec.AutoMinorVersionUpgrade = c.autoMinor ?? true;
  if (isMaz) {
    rec.MonitoringInterval = c.monitoringInterval ?? 60;
    if (rec.MonitoringInterval) rec.MonitoringRoleArn = `arn:aws:iam::${account}:role/rds-monitoring-role`;
    rec.PerformanceInsightsEnabled = c.pi ?? true;
    if (rec.PerformanceInsightsEnabled) {
      rec.PerformanceInsightsKMSKeyId = KMS_KEY[region];
      rec.PerformanceInsightsRetentionPeriod = 7;
    }
  }
  rec.NetworkType = "IPV4";
  if (engine !== "neptune") rec.EngineLifecycleSupport = c.lifecycle ?? "open-source-rds-extended-support";
  return rec;
}

/**
 * One DBInstance record as `aws rds describe-db-instances` prints it.
 * i: { id, region, account, engine, engineVersion, instanceClass, az, secondaryAz?, multiAz?, clusterId?,
 *      tier?, pi, monitoringInterval, autoMinor, maintenanceWindow, backupWindow, retention,
 *      deletionProtection, copyTags, tags, now, createdDaysAgo, resourceSeed, paramGroup? }
 */
export function dbInstance(i) {
  const region = i.region;
  const account = i.account;
  const now = new Date(i.now).getTime();
  const next = rng(i.resourceSeed ?? 7);
  const engine = i.engine;
  const inCluster = Boolean(i.clusterId);
  const aurora = engine.startsWith("aurora");
  const created = now - (i.createdDaysAgo ?? 380) * 86400_000 - Math.floor(next() * 86400_000);
  const major = i.engineVersion.split(".").slice(0, 2).join(".");
  const rec = {
    DBInstanceIdentifier: i.id,
    DBInstanceClass: i.instanceClass,
    Engine: engine,
    DBInstanceStatus: "available",
    MasterUsername: engine.includes("postgres") ? "postgres" : "admin",
  };
  if (!inCluster) rec.DBName = i.databaseName ?? i.id.split("-")[0];
  rec.Endpoint = { Address: instanceEndpoint(i.id, region, engine), Port: PORTS[engine] ?? 3306, HostedZoneId: REGION_INFO[region].rdsZone };
  rec.AllocatedStorage = aurora || engine === "neptune" ? 1 : i.allocatedStorage ?? 200;
  rec.InstanceCreateTime = cliTime(created);
  rec.PreferredBackupWindow = i.backupWindow;
  rec.BackupRetentionPeriod = i.retention;
  rec.DBSecurityGroups = [];
  rec.VpcSecurityGroups = [{ VpcSecurityGroupId: DEFAULT_SG[region], Status: "active" }];
  rec.DBParameterGroups = [
    { DBParameterGroupName: i.instanceParamGroup ?? defaultParamGroup(engine, i.engineVersion), ParameterApplyStatus: "in-sync" },
  ];
  rec.AvailabilityZone = i.az;
  rec.DBSubnetGroup = subnetGroup(region, DEFAULT_VPC[region], `${i.subnetGroup ?? "private-db"}-${region}`);
  rec.PreferredMaintenanceWindow = i.maintenanceWindow;
  rec.PendingModifiedValues = {};
  if (!inCluster) rec.LatestRestorableTime = cliTime(now - (i.pitrLagSeconds ?? 270) * 1000);
  rec.MultiAZ = Boolean(i.multiAz);
  rec.EngineVersion = i.engineVersion;
  rec.AutoMinorVersionUpgrade = i.autoMinor;
  rec.ReadReplicaDBInstanceIdentifiers = [];
  rec.LicenseModel = engine.includes("postgres") ? "postgresql-license" : "general-public-license";
  if (!aurora && engine !== "neptune") rec.StorageThroughput = 0;
  rec.OptionGroupMemberships = [
    { OptionGroupName: `default:${engine}-${engine.includes("postgres") ? major.split(".")[0] : major.replace(".", "-")}`, Status: "in-sync" },
  ];
  if (i.multiAz && i.secondaryAz) rec.SecondaryAvailabilityZone = i.secondaryAz;
  rec.PubliclyAccessible = false;
  rec.StorageType = aurora ? "aurora" : engine === "neptune" ? "aurora" : i.storageType ?? "gp3";
  rec.DbInstancePort = 0;
  if (inCluster) rec.DBClusterIdentifier = i.clusterId;
  rec.StorageEncrypted = true;
  rec.KmsKeyId = KMS_KEY[region];
  rec.DbiResourceId = `db-${token(next, 26, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`;
  rec.CACertificateIdentifier = "rds-ca-rsa2048-g1";
  rec.DomainMemberships = [];
  rec.CopyTagsToSnapshot = i.copyTags;
  rec.MonitoringInterval = i.monitoringInterval;
  if (i.monitoringInterval) {
    rec.EnhancedMonitoringResourceArn = `arn:aws:logs:${region}:${account}:log-group:RDSOSMetrics:log-stream:${rec.DbiResourceId}`;
    rec.MonitoringRoleArn = `arn:aws:iam::${account}:role/rds-monitoring-role`;
  }
  if (inCluster && i.tier !== undefined) rec.PromotionTier = i.tier;
  rec.DBInstanceArn = `arn:aws:rds:${region}:${account}:db:${i.id}`;
  rec.IAMDatabaseAuthenticationEnabled = false;
  rec.DatabaseInsightsMode = "standard";
  rec.PerformanceInsightsEnabled = i.pi;
  if (i.pi) {
    rec.PerformanceInsightsKMSKeyId = KMS_KEY[region];
    rec.PerformanceInsightsRetentionPeriod = 7;
  }
  rec.EnabledCloudwatchLogsExports = inCluster ? undefined : logExports(engine);
  if (rec.EnabledCloudwatchLogsExports === undefined) delete rec.EnabledCloudwatchLogsExports;
  rec.DeletionProtection = i.deletionProtection;
  rec.AssociatedRoles = [];
  rec.TagList = tagList(i.tags);
  rec.CustomerOwnedIpEnabled = false;
  rec.NetworkType = "IPV4";
  rec.ActivityStreamStatus = "stopped";
  rec.BackupTarget = "region";
  rec.CertificateDetails = { CAIdentifier: "rds-ca-rsa2048-g1", ValidTill: cliTime(Date.UTC(2027, 9, 14, 18, 53, 13)) };
  rec.DedicatedLogVolume = false;
  rec.IsStorageConfigUpgradeAvailable = false;
  if (engine !== "neptune") rec.EngineLifecycleSupport = i.lifecycle ?? "open-source-rds-extended-support";
  return rec;
}

/** One Parameters entry of `describe-db-cluster-parameters`. */
export function parameter(name, value, opts = {}) {
  const p = { ParameterName: name };
  if (value !== undefined && value !== null) p.ParameterValue = value;
  p.Description = opts.description ?? name.replace(/_/g, " ");
  p.Source = opts.source ?? (value === undefined ? "engine-default" : "user");
  p.ApplyType = opts.applyType ?? "static";
  p.DataType = opts.dataType ?? "string";
  if (opts.allowed) p.AllowedValues = opts.allowed;
  p.IsModifiable = opts.modifiable ?? true;
  p.ApplyMethod = opts.applyMethod ?? "pending-reboot";
  p.SupportedEngineModes = ["provisioned"];
  return p;
}

/** The Aurora MySQL cluster parameters a typical custom group shows, with binlog_format set to `binlogFormat`. */
export function auroraMysqlParameters(binlogFormat) {
  return [
    parameter("aurora_parallel_query", undefined, { description: "This parameter can be used to enable and disable Aurora Parallel Query.", dataType: "boolean", allowed: "0,1,OFF,ON", applyType: "dynamic", applyMethod: "immediate" }),
    parameter("binlog_checksum", "NONE", { description: "Type of BINLOG_CHECKSUM_ALG. Include checksum for log events in the binary log", allowed: "NONE,CRC32", applyType: "dynamic", applyMethod: "immediate" }),
    parameter("binlog_format", binlogFormat, { description: "Binary logging format for replication", allowed: "ROW,STATEMENT,MIXED,OFF" }),
    parameter("binlog_row_image", "FULL", { description: "Controls whether rows should be logged in 'FULL', 'NOBLOB' or 'MINIMAL' formats with row-based replication", allowed: "FULL,MINIMAL,NOBLOB", applyType: "dynamic", applyMethod: "immediate" }),
    parameter("character_set_server", "utf8mb4", { description: "The server's default character set.", allowed: "big5,dec8,cp850,hp8,koi8r,latin1,latin2,swe7,ascii,ujis,sjis,hebrew,tis620,euckr,koi8u,gb2312,greek,cp1250,gbk,latin5,armscii8,utf8,ucs2,cp866,keybcs2,macce,macroman,cp852,latin7,utf8mb4,cp1251,utf16,cp1256,cp1257,utf32,binary,geostd8,cp932,eucjpms", applyType: "dynamic", applyMethod: "immediate" }),
    parameter("innodb_print_all_deadlocks", "1", { description: "Print all deadlocks in InnoDB error log.", dataType: "boolean", allowed: "0,1", applyType: "dynamic", applyMethod: "immediate" }),
    parameter("server_audit_logging", "1", { description: "Enable or disable Advanced Auditing for Aurora MySQL.", dataType: "boolean", allowed: "0,1", applyType: "dynamic", applyMethod: "immediate" }),
    parameter("time_zone", "UTC", { description: "The current time zone.", allowed: "UTC,Europe/London,US/Eastern", applyType: "dynamic", applyMethod: "immediate" }),
    parameter("tls_version", "TLSv1.2,TLSv1.3", { description: "TLS versions permitted for encrypted connections.", dataType: "list", allowed: "TLSv1,TLSv1.1,TLSv1.2,TLSv1.3" }),
  ];
}
