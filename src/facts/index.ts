// The facts of one inventory: topology, failover order, DNS records, subscriptions and proxies per resource, built once and shared.
import type { Application } from "../model/application.js";
import { linkApplications, type AppConnection } from "./applications.js";
import type { EventSubscription, Inventory } from "../model/inventory.js";
import type { Instance, Resource } from "../model/resource.js";
import { userRecords } from "../model/live-dns.js";
import { known, unknown, type Value } from "../model/value.js";
import { indexEndpointOwners, indexRecords, recordsBelongingTo, type BelongingRecord, type EndpointOwners, type RecordIndex } from "./dns.js";
import type { EngineVersion } from "./engine-version.js";
import { failoverOrder, failoverTargets, type FailoverTargets } from "./failover.js";
import { GlobalClusterIndex, type GlobalMembership } from "./global.js";
import { keptParsers, type Parsers } from "./parsers.js";
import { samePlace, type Match } from "./place.js";
import { ProxyTargetIndex, type ProxyCoverage } from "./proxies.js";
import { covers, SubscriptionIndex } from "./subscriptions.js";
import { azSpread, possibleTopologies, type Topology } from "./topology.js";
import type { DailyWindow, WeekInterval } from "./windows.js";

export type { AppConnection, Decided, HostRole } from "./applications.js";
export { effectiveDnsCache, placeLabel, rdsHostRole } from "./applications.js";
export type { BelongingRecord, EndpointRole, EndpointTarget, MaybeTarget } from "./dns.js";
export type { EngineVersion } from "./engine-version.js";
export type { FailoverTargets } from "./failover.js";
export type { GlobalMember, GlobalMembership } from "./global.js";
export type { ParsedClass } from "./instance-class.js";
export type { Parsers } from "./parsers.js";
export type { Match } from "./place.js";
export type { ProxyCoverage } from "./proxies.js";
export type { Topology } from "./topology.js";
export type { DailyWindow, WeekInterval } from "./windows.js";

/** Readers grouped in the order successive failovers would promote them; a group holds readers tied for their place. */
export type FailoverOrder = readonly (readonly Instance[])[];

/** One arrangement of writer and readers the data allows, with what follows from it. */
export interface TopologyFacts extends Topology {
  /** Distinct known AZs of the writer and readers (sorted), and why some instances' AZ is unknown. */
  readonly azs: { readonly azs: readonly string[]; readonly unknownReasons: readonly string[] };
  /** Whom a failover of the writer promotes: certain and possible targets, ties included. */
  readonly failover: FailoverTargets;
  /** Every reader in promotion order (see failoverOrder in ./failover.ts); unknown when a tier or class it depends on is. */
  readonly failoverOrder: Value<FailoverOrder>;
}

/** An event subscription that delivers a category of the resource's events; `place` "maybe" when its account or region is unknown. */
export interface SubscriptionCoverage {
  readonly subscription: EventSubscription;
  readonly place: Exclude<Match, "no">;
}

/** What the data says about one resource. Every field is computed on first use and kept. */
export interface ResourceFacts {
  readonly resource: Resource;
  /**
   * Every writer/readers arrangement the data allows: one when the writer is known, one per
   * candidate when the data cannot say which instance writes; unknown when the members are.
   */
  readonly topologies: Value<readonly TopologyFacts[]>;
  /** The writer (one item), or every instance that could be it. */
  readonly writerCandidates: Value<readonly Instance[]>;
  /** The failover order when the writer is known; unknown when it is not or the order cannot be told. */
  readonly failoverCandidates: Value<FailoverOrder>;
  /** The engine version, parsed for comparison. */
  readonly engineVersion: Value<EngineVersion>;
  /** The daily backup window (UTC minutes). */
  readonly backupWindow: Value<DailyWindow>;
  /** The resource's own weekly maintenance window (member instances have their own). */
  readonly maintenanceWindow: Value<WeekInterval>;
}

/** The facts of one inventory, handed to rules as `ctx.facts` and shared with simulate, fix and the UI. */
export interface Facts {
  readonly inventory: Inventory;
  /** The facts of `resource`; it may be outside the inventory (a plan's before state), then it is judged on its own. */
  of(resource: Resource): ResourceFacts;
  /** Parsers of instance classes, engine versions and windows, keeping their answers for this inventory. */
  readonly parse: Parsers;
  /** The CNAME records in the data that lead to the resource's endpoints, directly or through a chain; unknown with the DNS data. */
  dnsRecordsOf(resource: Resource): Value<readonly BelongingRecord[]>;
  /**
   * While the DNS records are unknown: the CNAMEs live DNS answered with (`--resolve`) that lead to the resource's
   * endpoints. They can show a record that breaks a rule, never that no record does. Empty when the records are
   * known (the live ones are among them then) or nothing was resolved.
   */
  liveRecordsOf(resource: Resource): readonly BelongingRecord[];
  /** The event subscriptions that name the resource (by id, or every source), in the input's order; unknown with the subscription data. */
  subscriptionsNaming(resource: Resource): Value<readonly EventSubscription[]>;
  /** The subscriptions that deliver the resource's events of `category` (enabled, able to deliver, right source type and place). */
  subscriptionsCovering(resource: Resource, category: string): Value<readonly SubscriptionCoverage[]>;
  /** The RDS Proxy targets that register the resource, in the input's order; unknown with the proxy target data. */
  proxyTargetsOf(resource: Resource): Value<readonly ProxyCoverage[]>;
  /** The resource's Aurora Global Database membership; null when the data shows it is in none; unknown when the data cannot say. */
  globalMembershipOf(resource: Resource): Value<GlobalMembership | null>;
  /** Where each database use of an application (`--app-config`) leads: its endpoint's role and the database, when the data has it. */
  connectionsOf(app: Application): readonly AppConnection[];
  /** The applications' connections that reach the resource (SPEC §7.3), in the order the applications were given. */
  connectionsTo(resource: Resource): readonly AppConnection[];
}

/** One arrangement's facts, each computed on first use. */
class TopologyFactsImpl implements TopologyFacts {
  #azs?: TopologyFacts["azs"];
  #failover?: FailoverTargets;
  #order?: Value<FailoverOrder>;

  constructor(
    private readonly resource: Resource,
    readonly writer: Instance | null,
    readonly readers: readonly Instance[],
    private readonly parse: Parsers,
  ) {}

  get azs(): TopologyFacts["azs"] {
    return (this.#azs ??= azSpread(this.writer ? [this.writer, ...this.readers] : this.readers));
  }

  get failover(): FailoverTargets {
    return (this.#failover ??= failoverTargets(this.resource, this.readers, this.parse.instanceClass));
  }

  get failoverOrder(): Value<FailoverOrder> {
    return (this.#order ??= failoverOrder(this.resource, this.readers, this.parse.instanceClass));
  }
}

/** One resource's facts, each computed on first use. */
class ResourceFactsImpl implements ResourceFacts {
  #topologies?: Value<readonly TopologyFacts[]>;
  #writers?: Value<readonly Instance[]>;
  #version?: Value<EngineVersion>;
  #backup?: Value<DailyWindow>;
  #maintenance?: Value<WeekInterval>;

  constructor(
    readonly resource: Resource,
    private readonly parse: Parsers,
  ) {}

  get topologies(): Value<readonly TopologyFacts[]> {
    if (this.#topologies === undefined) {
      const all = possibleTopologies(this.resource);
      this.#topologies = all.known ? known(all.value.map((t) => new TopologyFactsImpl(this.resource, t.writer, t.readers, this.parse))) : all;
    }
    return this.#topologies;
  }

  get writerCandidates(): Value<readonly Instance[]> {
    if (this.#writers === undefined) {
      const t = this.topologies;
      this.#writers = t.known ? known(t.value.flatMap((x) => (x.writer ? [x.writer] : []))) : t;
    }
    return this.#writers;
  }

  get failoverCandidates(): Value<FailoverOrder> {
    const t = this.topologies;
    if (!t.known) return t;
    if (t.value.length === 1) return t.value[0]!.failoverOrder;
    return unknown(`the data does not say which of ${t.value.map((x) => x.writer?.id).join(", ")} is the writer`);
  }

  get engineVersion(): Value<EngineVersion> {
    const v = this.resource.engineVersion;
    return (this.#version ??= v.known ? this.parse.engineVersion(v.value) : v);
  }

  get backupWindow(): Value<DailyWindow> {
    const w = this.resource.preferredBackupWindow;
    return (this.#backup ??= w.known ? this.parse.dailyWindow(w.value) : w);
  }

  get maintenanceWindow(): Value<WeekInterval> {
    const w = this.resource.preferredMaintenanceWindow;
    return (this.#maintenance ??= w.known ? this.parse.weeklyWindow(w.value) : w);
  }
}

/** Computes a value on first use. */
function lazy<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}

/**
 * Builds the facts of an inventory. Nothing is computed up front: indexes (DNS chains, endpoint
 * owners, subscriptions by source id, proxy targets by id) are built on first use and each
 * resource's facts when first asked for, then kept for the life of this object.
 */
export function buildFacts(inventory: Inventory): Facts {
  // Plain maps: the inventory holds its resources anyway, and a WeakMap cost measurable GC time on a 10,000-cluster fleet.
  const perResource = new Map<Resource, ResourceFacts>();
  const dnsPerResource = new Map<Resource, Value<readonly BelongingRecord[]>>();
  const recordIndex = lazy((): Value<RecordIndex> => (inventory.dnsRecords.known ? known(indexRecords(inventory.dnsRecords.value)) : inventory.dnsRecords));
  const owners = lazy((): EndpointOwners => indexEndpointOwners(inventory.resources));
  const liveIndex = lazy(() => indexRecords(inventory.dnsRecords.known ? [] : userRecords(inventory.liveDns ?? [])));
  const subscriptions = lazy(() => (inventory.eventSubscriptions.known ? known(new SubscriptionIndex(inventory.eventSubscriptions.value.items)) : inventory.eventSubscriptions));
  const proxyTargets = lazy(() => (inventory.proxyTargets.known ? known(new ProxyTargetIndex(inventory.proxyTargets.value.items)) : inventory.proxyTargets));
  const globals = lazy(() => {
    const data = inventory.globalClusters;
    return data.known ? known(new GlobalClusterIndex(data.value)) : data;
  });
  const parse = keptParsers();
  const links = lazy(() => linkApplications(inventory));

  const of = (resource: Resource) => {
    let f = perResource.get(resource);
    if (f === undefined) perResource.set(resource, (f = new ResourceFactsImpl(resource, parse)));
    return f;
  };
  // Both dns.* rules ask about the same resource in turn: the answer is kept.
  const dnsRecordsOf = (resource: Resource): Value<readonly BelongingRecord[]> => {
    let records = dnsPerResource.get(resource);
    if (records === undefined) {
      const index = recordIndex();
      records = index.known ? known(recordsBelongingTo(resource, index.value, owners())) : index;
      dnsPerResource.set(resource, records);
    }
    return records;
  };
  const subscriptionsNaming = (resource: Resource): Value<readonly EventSubscription[]> => {
    const index = subscriptions();
    return index.known ? known(index.value.naming(resource)) : index;
  };

  return {
    inventory,
    of,
    parse,
    dnsRecordsOf,
    liveRecordsOf: (resource) => (inventory.liveDns === undefined || inventory.dnsRecords.known ? [] : recordsBelongingTo(resource, liveIndex(), owners())),
    subscriptionsNaming,
    subscriptionsCovering(resource, category) {
      const naming = subscriptionsNaming(resource);
      if (!naming.known) return naming;
      const out: SubscriptionCoverage[] = [];
      for (const subscription of naming.value) {
        if (!covers(subscription, resource, category)) continue;
        const place = samePlace(subscription, resource);
        if (place !== "no") out.push({ subscription, place });
      }
      return known(out);
    },
    proxyTargetsOf(resource) {
      const index = proxyTargets();
      return index.known ? known(index.value.covering(resource)) : index;
    },
    globalMembershipOf(resource) {
      if (resource.kind !== "aurora-cluster") return known(null);
      const index = globals();
      return index.known ? index.value.membershipOf(resource) : index;
    },
    connectionsOf: (app) => links().connectionsOf(app),
    connectionsTo: (resource) => links().connectingTo(resource),
  };
}
