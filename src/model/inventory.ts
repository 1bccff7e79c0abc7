// Everything one run read: resources plus the account-wide data rules look up (events, proxies, DNS).
import type { Application } from "./application.js";
import type { ComputeTier } from "./compute.js";
import type { Resource, SourceLocation } from "./resource.js";
import type { LiveDnsAnswer } from "./live-dns.js";
import { unknown, type Value } from "./value.js";

/** An RDS event subscription (DescribeEventSubscriptions / aws_db_event_subscription). */
export interface EventSubscription {
  readonly name: string;
  readonly enabled: boolean;
  /** "active", "no-permission", "topic-not-exist", … (absent in IaC inputs). */
  readonly status?: string;
  /** db-cluster, db-instance, …; null means every source type. */
  readonly sourceType: string | null;
  /** Empty means every source of the type. */
  readonly sourceIds: readonly string[];
  /** Lower-case categories; empty means every category. */
  readonly categories: readonly string[];
  readonly region?: string;
  readonly account?: string;
  readonly address?: string;
}

/** A registration of a cluster or instance behind an RDS Proxy. */
export interface ProxyTarget {
  readonly proxyName?: string;
  /** Cluster identifier for cluster targets (TrackedClusterId). */
  readonly clusterId?: string;
  /** Instance identifier for instance targets (RdsResourceId). */
  readonly instanceId?: string;
  readonly region?: string;
  readonly account?: string;
}

export interface Proxy {
  readonly name: string;
  readonly status?: string;
  readonly region?: string;
  readonly account?: string;
}

/** A DNS record from a hosted zone; only CNAMEs can point at RDS endpoints. */
export interface DnsRecord {
  readonly name: string;
  readonly type: string;
  /** Seconds; undefined for alias records, which have no TTL of their own. */
  readonly ttl?: number;
  /**
   * Set instead of `ttl` when a caching resolver answered (`--resolve`): what was left of the TTL, so the
   * record's own TTL is at least this. It can show a TTL is too long, never that it is short enough.
   */
  readonly ttlAtLeast?: number;
  readonly values: readonly string[];
  /**
   * Set when where the record points cannot be told (a value is an expression haspec cannot evaluate):
   * why. `values` then holds only the values that are known; the record may lead to any endpoint.
   */
  readonly valuesUnknown?: string;
  readonly zone?: string;
  /** The Terraform address, for IaC inputs. */
  readonly address?: string;
  readonly location?: SourceLocation;
}

/** An Aurora Global Database (DescribeGlobalClusters / aws_rds_global_cluster): which clusters, in which regions, replicate from which. */
export interface GlobalCluster {
  readonly id: string;
  readonly members: readonly {
    /** The member cluster's ARN (AWS inputs) or identifier (IaC inputs). */
    readonly cluster: string;
    /** Whether this member is the primary (writer) cluster. */
    readonly isWriter: Value<boolean>;
    readonly region?: string;
  }[];
  readonly address?: string;
  readonly location?: SourceLocation;
}

/**
 * Account-wide data, known only when the inputs held it. `scopes` lists the account/region pairs
 * the data covers; a missing account or region in a scope is a wildcard (the input could not say).
 */
export interface Scoped<T> {
  readonly items: readonly T[];
  readonly scopes: readonly { readonly account?: string; readonly region?: string }[];
}

/** A drill record (`haspec drill --yes --output FILE`) given as an input: evidence for objectives.drilled_within (SPEC §8). */
export interface DrillEvidence {
  readonly file: string;
  readonly cluster: { readonly id: string; readonly region: string; readonly account: string | null };
  readonly status: "pass" | "fail";
  /** ISO-8601. */
  readonly finishedAt: string;
  /** The longest write downtime a probe measured; null when some probe did not recover. */
  readonly worstDowntimeSeconds: number | null;
  readonly objectiveSeconds: number | null;
  /** What the drill predicted for the writer's failure (seconds). */
  readonly predicted: { readonly low: number | null; readonly high: number | null };
  /** Each probe's measured write downtime; null when it did not recover. */
  readonly probes: readonly { readonly probe: string; readonly downtimeSeconds: number | null; readonly dnsCacheSeconds: number | null }[];
  /** Why it failed, in a few words (the call failed, interrupted, a probe over the objective). */
  readonly failure?: string;
}

export interface Inventory {
  /** The databases. */
  readonly resources: readonly Resource[];
  /** The applications read with `--app-config` (judged as resources of kind `application`; see applicationResource). */
  readonly applications?: readonly Application[];
  /** The application tier (Auto Scaling groups, load balancers, lone EC2 instances), judged as resources of their kinds (see computeResource). */
  readonly compute?: ComputeTier;
  readonly eventSubscriptions: Value<Scoped<EventSubscription>>;
  readonly proxies: Value<Scoped<Proxy>>;
  readonly proxyTargets: Value<Scoped<ProxyTarget>>;
  readonly dnsRecords: Value<readonly DnsRecord[]>;
  /**
   * Aurora Global Databases. Each item is a fact wherever it was read; `scopes` are the places where
   * the list is complete, so a cluster there that no item names is in no global database. Outside
   * every scope (say, only DBCluster.GlobalClusterIdentifier was read) membership is unknown.
   */
  readonly globalClusters: Value<Scoped<GlobalCluster>>;
  /** `--resolve`: each name asked of the DNS and the chain it answered with (src/sources/live-dns). */
  readonly liveDns?: readonly LiveDnsAnswer[];
  /** When the data was captured (ISO-8601); unknown for files without a capture time. */
  readonly capturedAt: Value<string>;
  /** Things skipped or worth telling the user (Neptune clusters skipped, unnamed parameter files…). */
  readonly notes: readonly string[];
  /**
   * Places whose databases could not be listed at all (a region's DescribeDBClusters denied, a role
   * not assumable): their resources are missing from the results, so the run is never clean.
   */
  readonly gaps?: readonly string[];
  /** Drill records given as inputs (any source kind may come with them). */
  readonly drills?: readonly DrillEvidence[];
  /** The inputs read, for the report's `sources`; `sha256` identifies the data read (see run/evidence.ts). */
  readonly sources: readonly { readonly kind: string; readonly location: string; readonly sha256?: string }[];
}

/** An inventory with no database input: every account-wide dataset unknown for `reason` (a run that judges only applications). */
export function emptyInventory(reason: string): Inventory {
  const none = unknown(reason);
  return {
    resources: [],
    eventSubscriptions: none,
    proxies: none,
    proxyTargets: none,
    dnsRecords: none,
    globalClusters: none,
    capturedAt: none,
    notes: [],
    sources: [],
  };
}
