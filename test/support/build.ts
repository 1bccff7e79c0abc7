// Test builders: model resources from plain values (known by default, unknown via `unknownValue`).
import type { EventSubscription, GlobalCluster, Inventory, DnsRecord, Proxy, ProxyTarget } from "../../src/model/inventory.js";
import type { Instance, Resource } from "../../src/model/resource.js";
import { known, unknown, type Value } from "../../src/model/value.js";
import { buildFacts } from "../../src/facts/index.js";
import { resolveAssumptions } from "../../src/simulate/index.js";
import type { RuleContext } from "../../src/rules/types.js";

/** Marks a field as unknown in a builder's input. */
export const UNKNOWN = Symbol("unknown");
type Plain<T> = T | typeof UNKNOWN;

function v<T>(raw: Plain<T>, field: string): Value<T> {
  return raw === UNKNOWN ? unknown(`${field} was not in the test input`) : known(raw);
}

export interface InstanceInput {
  id: string;
  writer?: Plain<boolean>;
  az?: Plain<string>;
  secondaryAz?: Plain<string | null>;
  tier?: Plain<number>;
  class?: Plain<string>;
  endpoint?: Plain<string>;
  pi?: Plain<boolean>;
  monitoringInterval?: Plain<number>;
  autoMinor?: Plain<boolean>;
  maintenanceWindow?: Plain<string>;
  parameterStatus?: Plain<string | null>;
}

export function instance(i: InstanceInput): Instance {
  return {
    id: i.id,
    isWriter: v(i.writer ?? false, "IsClusterWriter"),
    availabilityZone: v(i.az ?? "us-east-1a", "AvailabilityZone"),
    secondaryAvailabilityZone: v(i.secondaryAz ?? null, "SecondaryAvailabilityZone"),
    promotionTier: v(i.tier ?? 1, "PromotionTier"),
    instanceClass: v(i.class ?? "db.r6g.large", "DBInstanceClass"),
    endpoint: v(i.endpoint ?? `${i.id}.abc123.us-east-1.rds.amazonaws.com`, "Endpoint"),
    performanceInsightsEnabled: v(i.pi ?? true, "PerformanceInsightsEnabled"),
    monitoringInterval: v(i.monitoringInterval ?? 60, "MonitoringInterval"),
    autoMinorVersionUpgrade: v(i.autoMinor ?? true, "AutoMinorVersionUpgrade"),
    preferredMaintenanceWindow: v(i.maintenanceWindow ?? "sun:05:00-sun:05:30", "PreferredMaintenanceWindow"),
    clusterParameterGroupStatus: v(i.parameterStatus ?? "in-sync", "DBClusterParameterGroupStatus"),
  };
}

export interface ResourceInput {
  id?: string;
  kind?: Resource["kind"];
  engine?: string;
  engineVersion?: Plain<string>;
  region?: Plain<string>;
  account?: Plain<string>;
  tags?: Plain<Record<string, string>>;
  instances?: Plain<InstanceInput[]>;
  clusterEndpoint?: Plain<string | null>;
  readerEndpoint?: Plain<string | null>;
  customEndpoints?: Plain<string[]>;
  retention?: Plain<number>;
  deletionProtection?: Plain<boolean>;
  copyTags?: Plain<boolean>;
  backtrack?: Plain<number>;
  latestRestorable?: Plain<string>;
  backupWindow?: Plain<string>;
  maintenanceWindow?: Plain<string>;
  autoMinor?: Plain<boolean | null>;
  /** null = no cluster parameter group; a map = custom group with these set values. */
  parameterGroup?: Plain<{ name: string; isDefault?: boolean; parameters?: Plain<Record<string, string>> } | null>;
}

/** An Aurora MySQL cluster with a writer in us-east-1a and a reader in us-east-1b unless told otherwise. */
export function resource(r: ResourceInput = {}): Resource {
  const id = r.id ?? "orders-prod";
  const kind = r.kind ?? "aurora-cluster";
  const instances =
    r.instances ??
    (kind === "instance"
      ? [{ id, writer: true, az: "us-east-1a" }]
      : [
          { id: `${id}-1`, writer: true, az: "us-east-1a", tier: 1 },
          { id: `${id}-2`, writer: false, az: "us-east-1b", tier: 1 },
        ]);
  type PgInput = ResourceInput["parameterGroup"];
  const pg: PgInput =
    r.parameterGroup ?? (kind === "instance" ? null : { name: "custom-aurora-mysql8", parameters: { binlog_format: "ROW" } });
  return {
    id,
    kind,
    engine: r.engine ?? (kind === "instance" ? "mysql" : "aurora-mysql"),
    engineVersion: v(r.engineVersion ?? "8.0.mysql_aurora.3.05.2", "EngineVersion"),
    region: v(r.region ?? "us-east-1", "region"),
    account: v(r.account ?? "123456789012", "account"),
    address: `arn:aws:rds:us-east-1:123456789012:${kind === "instance" ? "db" : "cluster"}:${id}`,
    tags: v(r.tags ?? {}, "TagList"),
    instances: instances === UNKNOWN ? unknown("DBClusterMembers was not in the test input") : known(instances.map(instance)),
    endpoints: {
      cluster: v(r.clusterEndpoint ?? (kind === "instance" ? null : `${id}.cluster-abc123.us-east-1.rds.amazonaws.com`), "Endpoint"),
      reader: v(r.readerEndpoint ?? (kind === "instance" ? null : `${id}.cluster-ro-abc123.us-east-1.rds.amazonaws.com`), "ReaderEndpoint"),
      custom: v(r.customEndpoints ?? [], "CustomEndpoints"),
    },
    backupRetentionDays: v(r.retention ?? 7, "BackupRetentionPeriod"),
    deletionProtection: v(r.deletionProtection ?? true, "DeletionProtection"),
    copyTagsToSnapshot: v(r.copyTags ?? true, "CopyTagsToSnapshot"),
    backtrackWindowSeconds: v(r.backtrack ?? 86400, "BacktrackWindow"),
    latestRestorableTime: v(r.latestRestorable ?? "2026-11-22T09:58:00Z", "LatestRestorableTime"),
    preferredBackupWindow: v(r.backupWindow ?? "03:00-03:30", "PreferredBackupWindow"),
    preferredMaintenanceWindow: v(r.maintenanceWindow ?? "sun:05:00-sun:05:30", "PreferredMaintenanceWindow"),
    autoMinorVersionUpgrade: v(r.autoMinor ?? true, "AutoMinorVersionUpgrade"),
    clusterParameterGroup:
      pg === UNKNOWN
        ? unknown("DBClusterParameterGroup was not in the test input")
        : known(
            pg === null
              ? null
              : {
                  name: pg.name,
                  isDefault: pg.isDefault ?? pg.name.startsWith("default."),
                  parameters:
                    pg.parameters === UNKNOWN
                      ? unknown(`the parameters of ${pg.name} were not in the test input`)
                      : known(new Map(Object.entries(pg.parameters ?? {}))),
                },
          ),
  };
}

export interface InventoryInput {
  resources?: Resource[];
  eventSubscriptions?: Plain<EventSubscription[]>;
  proxies?: Plain<Proxy[]>;
  proxyTargets?: Plain<ProxyTarget[]>;
  dnsRecords?: Plain<DnsRecord[]>;
  globalClusters?: Plain<GlobalCluster[]>;
  capturedAt?: Plain<string>;
}

export function inventory(i: InventoryInput = {}): Inventory {
  const scoped = <T>(items: Plain<T[]>, field: string) =>
    items === UNKNOWN ? unknown(`${field} was not in the test input`) : known({ items, scopes: [{}] });
  return {
    resources: i.resources ?? [],
    eventSubscriptions: scoped(i.eventSubscriptions ?? [], "EventSubscriptionsList"),
    proxies: scoped(i.proxies ?? [], "DBProxies"),
    proxyTargets: scoped(i.proxyTargets ?? [], "Targets"),
    dnsRecords: v(i.dnsRecords ?? [], "ResourceRecordSets"),
    globalClusters: scoped(i.globalClusters ?? [], "GlobalClusters"),
    capturedAt: v(i.capturedAt ?? "2026-11-22T10:00:00Z", "capture time"),
    notes: [],
    sources: [{ kind: "test", location: "builder" }],
  };
}

/** A rule context over `inv` with its facts, and the clock at the inventory's capture time. */
export function context(inv: Inventory = inventory()): RuleContext {
  return { inventory: inv, facts: buildFacts(inv), now: new Date("2026-11-22T10:00:00Z"), assumptions: resolveAssumptions() };
}
