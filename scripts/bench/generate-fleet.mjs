// Writes a synthetic but full-size AWS CLI fleet (clusters, instances, events, parameters) of N Aurora clusters for the benchmark.
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { auroraMysqlParameters, dbCluster, dbInstance, REGION_INFO, rng } from "./aws-records.mjs";

/** Bump when the generated shape changes, so cached fleets under .bench/ are rebuilt. */
export const GENERATOR_VERSION = 3;

const ACCOUNT = "123456789012";
const NOW = "2026-11-22T03:00:00Z";
const SERVICES = ["orders", "payments", "ledger", "checkout", "catalog", "search", "billing", "inventory", "shipping", "identity", "reviews", "pricing"];
const MYSQL_VERSIONS = ["8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.05.2", "8.0.mysql_aurora.3.06.0", "8.0.mysql_aurora.3.04.2", "8.0.mysql_aurora.3.03.1", "5.7.mysql_aurora.2.11.2"];
const PG_VERSIONS = ["15.6", "16.2", "16.2", "14.9", "13.12"];
const CLASSES = ["db.r6g.large", "db.r6g.xlarge", "db.r6g.xlarge", "db.r6g.2xlarge", "db.r6g.4xlarge", "db.r7g.xlarge", "db.r7g.2xlarge", "db.serverless"];
const TIERS = [0, 1, 1, 1, 2, 2, 5, 15];
const RETENTION = [1, 3, 7, 7, 7, 14, 14, 35];
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MONITORING = [0, 0, 15, 30, 60, 60, 60];
/** The one custom group whose parameters file is written (binlog ROW); the `-cdc` group has none (→ unknown). */
export const CUSTOM_GROUP = "bench-aurora-mysql80";
const MISSING_GROUP = "bench-aurora-mysql80-cdc";

const pick = (next, list) => list[Math.floor(next() * list.length)];
const pad2 = (n) => String(n).padStart(2, "0");

/** Streams `{ "<key>": [ records… ] }` the way the AWS CLI prints it (4-space indent) without one giant string. */
class ListWriter {
  constructor(path, key) {
    this.fd = openSync(path, "w");
    this.first = true;
    this.buffer = `{\n    "${key}": [`;
    this.bytes = 0;
  }
  add(record) {
    const body = JSON.stringify(record, null, 4).replace(/\n/g, "\n        ");
    this.buffer += `${this.first ? "" : ","}\n        ${body}`;
    this.first = false;
    if (this.buffer.length > 1 << 20) this.flush();
  }
  flush() {
    this.bytes += writeSync(this.fd, this.buffer);
    this.buffer = "";
  }
  close() {
    this.buffer += this.first ? "]\n}\n" : "\n    ]\n}\n";
    this.flush();
    closeSync(this.fd);
    return this.bytes;
  }
}

/** One cluster's posture, drawn from the fleet's seeded generator. */
function clusterSpec(i, next) {
  const region = i % 2 === 0 ? "us-east-1" : "eu-west-1";
  const azs = REGION_INFO[region].azs;
  const service = SERVICES[i % SERVICES.length];
  const env = next() < 0.85 ? "prod" : "staging";
  const id = `${service}-${env}-${String(i).padStart(5, "0")}`;
  const mysql = next() < 0.75;
  const engine = mysql ? "aurora-mysql" : "aurora-postgresql";
  const engineVersion = mysql ? pick(next, MYSQL_VERSIONS) : pick(next, PG_VERSIONS);
  const count = pick(next, [2, 3, 3, 4]);
  const writerAz = pick(next, azs);
  const allOneAz = next() < 0.1;
  const writerClass = pick(next, CLASSES);
  const members = [];
  for (let m = 1; m <= count; m++) {
    const writer = m === 1;
    members.push({
      id: `${id}-instance-${m}`,
      writer,
      tier: pick(next, TIERS),
      cls: writer ? writerClass : next() < 0.6 ? writerClass : pick(next, CLASSES),
      az: writer || allOneAz ? writerAz : pick(next, azs),
      pi: next() < 0.9,
      em: pick(next, MONITORING),
      autoMinor: next() < 0.92,
    });
  }
  const backupHour = Math.floor(next() * 24);
  const overlap = next() < 0.1;
  const maintHour = overlap ? backupHour : (backupHour + 2 + Math.floor(next() * 20)) % 24;
  const day = pick(next, DAYS);
  let paramGroup;
  if (mysql) {
    const r = next();
    paramGroup = r < 0.4 ? undefined : r < 0.9 ? CUSTOM_GROUP : MISSING_GROUP;
  }
  return {
    id, region, account: ACCOUNT, now: NOW, resourceSeed: i * 7919 + 1, engine, engineVersion,
    members,
    retention: pick(next, RETENTION),
    backupWindow: `${pad2(backupHour)}:00-${pad2(backupHour)}:30`,
    maintenanceWindow: `${day}:${pad2(maintHour)}:${overlap ? "15" : "00"}-${day}:${pad2(maintHour)}:45`,
    deletionProtection: next() < 0.85,
    copyTags: next() < 0.8,
    backtrackHours: mysql && next() < 0.1 ? 24 : 0,
    paramGroup,
    customEndpoints: next() < 0.1 ? [`${id}-reporting`] : [],
    createdDaysAgo: 30 + Math.floor(next() * 1500),
    tags: { env, team: service, service, "cost-center": `cc-${1000 + (i % 97) * 10}` },
  };
}

/**
 * Writes the fleet into `dir` (emptied first) and returns { clusters, instances, bytes, files }.
 * Deterministic: the same `clusters` always gives the same bytes.
 */
export function generateFleet(dir, clusters) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const next = rng(0x5eed + clusters);
  const specs = [];
  const clusterFile = new ListWriter(join(dir, "describe-db-clusters.json"), "DBClusters");
  for (let i = 0; i < clusters; i++) {
    const spec = clusterSpec(i, next);
    specs.push(spec);
    clusterFile.add(dbCluster(spec));
  }
  let bytes = clusterFile.close();

  let instances = 0;
  const instanceFile = new ListWriter(join(dir, "describe-db-instances.json"), "DBInstances");
  for (const c of specs) {
    for (const m of c.members) {
      instances++;
      instanceFile.add(
        dbInstance({
          id: m.id, region: c.region, account: ACCOUNT, now: NOW, resourceSeed: c.resourceSeed + instances,
          engine: c.engine, engineVersion: c.engineVersion, instanceClass: m.cls, az: m.az, clusterId: c.id,
          tier: m.tier, pi: m.pi, monitoringInterval: m.em, autoMinor: m.autoMinor,
          maintenanceWindow: c.maintenanceWindow, backupWindow: c.backupWindow, retention: c.retention,
          deletionProtection: false, copyTags: c.copyTags, tags: c.tags, createdDaysAgo: c.createdDaysAgo,
        }),
      );
    }
  }
  bytes += instanceFile.close();

  // Event subscriptions: per region, one enabled subscription naming every second cluster, one disabled catch-all.
  const events = new ListWriter(join(dir, "describe-event-subscriptions.json"), "EventSubscriptionsList");
  for (const region of Object.keys(REGION_INFO)) {
    const ids = specs.filter((c, k) => c.region === region && k % 4 < 2).map((c) => c.id);
    for (const [name, enabled, sourceIds] of [["prod-cluster-failover", true, ids], ["all-clusters-legacy", false, null]]) {
      events.add({
        CustomerAwsId: ACCOUNT,
        CustSubscriptionId: `${name}-${region}`,
        SnsTopicArn: `arn:aws:sns:${region}:${ACCOUNT}:db-oncall`,
        Status: "active",
        SubscriptionCreationTime: "2024-03-11 09:14:27.112",
        SourceType: "db-cluster",
        ...(sourceIds ? { SourceIdsList: sourceIds } : {}),
        EventCategoriesList: ["failover", "failure", "maintenance"],
        Enabled: enabled,
        EventSubscriptionArn: `arn:aws:rds:${region}:${ACCOUNT}:es:${name}-${region}`,
      });
    }
  }
  bytes += events.close();

  const params = new ListWriter(join(dir, `describe-db-cluster-parameters.${CUSTOM_GROUP}.json`), "Parameters");
  for (const p of auroraMysqlParameters("ROW")) params.add(p);
  bytes += params.close();

  return { clusters, instances, bytes, files: 4 };
}
