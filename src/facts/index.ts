// The facts of one inventory: topology, failover order, DNS records, subscriptions and proxies per resource, built once and shared.
import type { EventSubscription, Inventory } from "../model/inventory.js";
import type { Instance, Resource } from "../model/resource.js";
import { known, type Value } from "../model/value.js";
import { indexEndpointOwners, indexRecords, recordsBelongingTo, type BelongingRecord, type EndpointOwners, type RecordIndex } from "./dns.js";
import { parseEngineVersion, type EngineVersion } from "./engine-version.js";
import { failoverOrder, failoverTargets, type FailoverTargets } from "./failover.js";
import { parseInstanceClass, type ParsedClass } from "./instance-class.js";
import { samePlace, type Match } from "./place.js";
import { ProxyTargetIndex, type ProxyCoverage } from "./proxies.js";
import { covers, SubscriptionIndex } from "./subscriptions.js";
import { azSpread, possibleTopologies, type Topology } from "./topology.js";
import { parseDailyWindow, parseWeeklyWindow, type DailyWindow, type WeekInterval } from "./windows.js";

export type { BelongingRecord, EndpointRole, EndpointTarget, MaybeTarget } from "./dns.js";
export type { EngineVersion } from "./engine-version.js";
export type { FailoverTargets } from "./failover.js";
export type { ParsedClass } from "./instance-class.js";
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
  /** The class of an instance, parsed for size comparison. */
  classOf(instance: Instance): Value<ParsedClass>;
  /** The CNAME records in the data that lead to the resource's endpoints, directly or through a chain; unknown with the DNS data. */
  dnsRecordsOf(resource: Resource): Value<readonly BelongingRecord[]>;
  /** The event subscriptions that name the resource (by id, or every source), in the input's order; unknown with the subscription data. */
  subscriptionsNaming(resource: Resource): Value<readonly EventSubscription[]>;
  /** The subscriptions that deliver the resource's events of `category` (enabled, able to deliver, right source type and place). */
  subscriptionsCovering(resource: Resource, category: string): Value<readonly SubscriptionCoverage[]>;
  /** The RDS Proxy targets that register the resource, in the input's order; unknown with the proxy target data. */
  proxyTargetsOf(resource: Resource): Value<readonly ProxyCoverage[]>;
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

function topologyFacts(resource: Resource, t: Topology): TopologyFacts {
  const azs = lazy(() => azSpread(t.writer ? [t.writer, ...t.readers] : t.readers));
  const failover = lazy(() => failoverTargets(resource, t.readers));
  const order = lazy(() => failoverOrder(resource, t.readers));
  return {
    writer: t.writer,
    readers: t.readers,
    get azs() {
      return azs();
    },
    get failover() {
      return failover();
    },
    get failoverOrder() {
      return order();
    },
  };
}

function resourceFacts(resource: Resource): ResourceFacts {
  const topologies = lazy((): Value<readonly TopologyFacts[]> => {
    const all = possibleTopologies(resource);
    return all.known ? known(all.value.map((t) => topologyFacts(resource, t))) : all;
  });
  const writers = lazy((): Value<readonly Instance[]> => {
    const t = topologies();
    return t.known ? known(t.value.flatMap((x) => (x.writer ? [x.writer] : []))) : t;
  });
  const version = lazy(() => (resource.engineVersion.known ? parseEngineVersion(resource.engineVersion.value) : resource.engineVersion));
  const backup = lazy(() => (resource.preferredBackupWindow.known ? parseDailyWindow(resource.preferredBackupWindow.value) : resource.preferredBackupWindow));
  const maintenance = lazy(() =>
    resource.preferredMaintenanceWindow.known ? parseWeeklyWindow(resource.preferredMaintenanceWindow.value) : resource.preferredMaintenanceWindow,
  );
  return {
    resource,
    get topologies() {
      return topologies();
    },
    get writerCandidates() {
      return writers();
    },
    get failoverCandidates(): Value<FailoverOrder> {
      const t = topologies();
      if (!t.known) return t;
      if (t.value.length === 1) return t.value[0]!.failoverOrder;
      return { known: false, reason: `the data does not say which of ${t.value.map((x) => x.writer?.id).join(", ")} is the writer` };
    },
    get engineVersion() {
      return version();
    },
    get backupWindow() {
      return backup();
    },
    get maintenanceWindow() {
      return maintenance();
    },
  };
}

/**
 * Builds the facts of an inventory. Nothing is computed up front: indexes (DNS chains, endpoint
 * owners, subscriptions by source id, proxy targets by id) are built on first use and each
 * resource's facts when first asked for, then kept for the life of this object.
 */
export function buildFacts(inventory: Inventory): Facts {
  const perResource = new WeakMap<Resource, ResourceFacts>();
  const dnsPerResource = new WeakMap<Resource, Value<readonly BelongingRecord[]>>();
  const recordIndex = lazy((): Value<RecordIndex> => (inventory.dnsRecords.known ? known(indexRecords(inventory.dnsRecords.value)) : inventory.dnsRecords));
  const owners = lazy((): EndpointOwners => indexEndpointOwners(inventory.resources));
  const subscriptions = lazy(() => (inventory.eventSubscriptions.known ? known(new SubscriptionIndex(inventory.eventSubscriptions.value.items)) : inventory.eventSubscriptions));
  const proxyTargets = lazy(() => (inventory.proxyTargets.known ? known(new ProxyTargetIndex(inventory.proxyTargets.value.items)) : inventory.proxyTargets));
  const classes = new Map<string, Value<ParsedClass>>();

  const of = (resource: Resource) => {
    let f = perResource.get(resource);
    if (f === undefined) perResource.set(resource, (f = resourceFacts(resource)));
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
    classOf(instance) {
      if (!instance.instanceClass.known) return instance.instanceClass;
      const name = instance.instanceClass.value;
      let parsed = classes.get(name);
      if (parsed === undefined) classes.set(name, (parsed = parseInstanceClass(name)));
      return parsed;
    },
    dnsRecordsOf,
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
  };
}
