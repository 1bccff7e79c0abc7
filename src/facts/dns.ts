// Which DNS records belong to a resource: CNAMEs, direct or chained, that lead to its endpoints.
import type { DnsRecord } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";

/** What kind of endpoint a record leads to. Only `instance` endpoints of a cluster fail to follow failover. */
export type EndpointRole = "cluster" | "reader" | "custom" | "instance";

export interface EndpointTarget {
  readonly host: string;
  readonly role: EndpointRole;
  /** For `instance`: the instance the endpoint belongs to. */
  readonly instanceId?: string;
}

/**
 * An RDS host the resource could own, with why the data cannot say and what it would be; `any` when
 * the record's value itself is unknown (it may name any endpoint, an instance's included).
 */
export interface MaybeTarget {
  readonly host: string;
  readonly reason: string;
  readonly possibleRole: EndpointRole | "any";
}

/** How a record reaches one of the resource's endpoints. */
export interface BelongingRecord {
  readonly record: DnsRecord;
  /**
   * "yes" when the data shows the record leads to the resource; "maybe" when it leads to an RDS host
   * the resource could own but the data cannot say (some of the resource's endpoints are unknown).
   */
  readonly belongs: "yes" | "maybe";
  /** The endpoint reached (for "yes"), or the RDS host in question (for "maybe"). */
  readonly target: EndpointTarget | MaybeTarget;
  /** Record names followed from this record to the endpoint; empty when the record names the endpoint itself. */
  readonly via: readonly string[];
}

/** Host names compare case-insensitively, and a trailing dot (fully qualified form) changes nothing. */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.+$/, "");
}

function isRdsHost(host: string): boolean {
  return host.endsWith(".rds.amazonaws.com") || host.endsWith(".rds.amazonaws.com.cn");
}

/** The second DNS label of an RDS host: `cluster-abc`, `cluster-ro-abc`, `cluster-custom-abc` or the account hash. */
function secondLabel(host: string): string {
  return host.split(".")[1] ?? "";
}

/** `.us-east-1.rds.amazonaws.com` (or `.cn`) when the region is known: an endpoint names its region. */
function inRegion(host: string, resource: Resource): boolean {
  if (!resource.region.known) return true;
  const r = resource.region.value.toLowerCase();
  return host.endsWith(`.${r}.rds.amazonaws.com`) || host.endsWith(`.${r}.rds.amazonaws.com.cn`);
}

/** The resource's known endpoints, and the reasons some are unknown. */
export function knownEndpoints(resource: Resource): { targets: Map<string, EndpointTarget>; unknownReasons: string[] } {
  const targets = new Map<string, EndpointTarget>();
  const unknownReasons: string[] = [];
  const add = (host: string, role: EndpointRole, instanceId?: string) => {
    const h = normalizeHost(host);
    if (!targets.has(h)) targets.set(h, instanceId === undefined ? { host: h, role } : { host: h, role, instanceId });
  };
  const { cluster, reader, custom } = resource.endpoints;
  if (cluster.known) {
    if (cluster.value) add(cluster.value, "cluster");
  } else unknownReasons.push(`cluster endpoint: ${cluster.reason}`);
  if (reader.known) {
    if (reader.value) add(reader.value, "reader");
  } else unknownReasons.push(`reader endpoint: ${reader.reason}`);
  if (custom.known) for (const c of custom.value) add(c, "custom");
  else unknownReasons.push(`custom endpoints: ${custom.reason}`);
  if (resource.instances.known) {
    for (const i of resource.instances.value) {
      if (i.endpoint.known) add(i.endpoint.value, "instance", i.id);
      else unknownReasons.push(`endpoint of ${i.id}: ${i.endpoint.reason}`);
    }
  } else unknownReasons.push(`member instances: ${resource.instances.reason}`);
  return { targets, unknownReasons };
}

/** Which resources own each known endpoint host: built once per inventory by the facts. */
export type EndpointOwners = ReadonlyMap<string, readonly Resource[]>;

/** Indexes the known endpoints of every resource by host. */
export function indexEndpointOwners(resources: readonly Resource[]): EndpointOwners {
  const owners = new Map<string, Resource[]>();
  for (const r of resources) {
    for (const h of knownEndpoints(r).targets.keys()) {
      const list = owners.get(h);
      if (list) list.push(r);
      else owners.set(h, [r]);
    }
  }
  return owners;
}

/** Whether another resource in the data owns the host, so an unattributed RDS host is not claimed twice. */
function ownedByAnother(owners: EndpointOwners | undefined, resource: Resource, host: string): boolean {
  if (owners === undefined) return false;
  return (owners.get(host) ?? []).some((r) => r !== resource && !(r.id === resource.id && r.address === resource.address));
}

type HostVerdict =
  | { readonly belongs: "yes"; readonly target: EndpointTarget }
  | { readonly belongs: "maybe"; readonly target: MaybeTarget }
  | { readonly belongs: "no" };

/**
 * Classifies one host for the resource. Exact endpoint matches decide. Where an endpoint is unknown,
 * RDS's naming (`<cluster>.cluster-…`, `<cluster>.cluster-ro-…`, `<instance>.<hash>.…`, all ending in
 * `.rds.amazonaws.com`) still attributes the host; what naming cannot attribute (custom endpoints,
 * members of an unknown member list) is "maybe" unless another resource in the data owns the host.
 */
function classifyHost(host: string, resource: Resource, known: Map<string, EndpointTarget>, owners: EndpointOwners | undefined): HostVerdict {
  const exact = known.get(host);
  if (exact) return { belongs: "yes", target: exact };
  if (!isRdsHost(host) || !inRegion(host, resource) || ownedByAnother(owners, resource, host)) return { belongs: "no" };
  const first = host.split(".")[0] ?? "";
  const second = secondLabel(host);
  const id = resource.id.toLowerCase();
  const { cluster, reader, custom } = resource.endpoints;
  if (first === id && second.startsWith("cluster-ro-") && !reader.known) {
    return { belongs: "yes", target: { host, role: "reader" } };
  }
  if (first === id && second.startsWith("cluster-") && !second.startsWith("cluster-ro-") && !second.startsWith("cluster-custom-") && !cluster.known) {
    return { belongs: "yes", target: { host, role: "cluster" } };
  }
  if (second.startsWith("cluster-custom-") && !custom.known && resource.kind === "aurora-cluster") {
    return {
      belongs: "maybe",
      target: { host, possibleRole: "custom", reason: `${host} is a custom endpoint and ${resource.id}'s custom endpoints are unknown (${custom.reason})` },
    };
  }
  if (!second.startsWith("cluster-")) {
    if (resource.instances.known) {
      const member = resource.instances.value.find((i) => !i.endpoint.known && i.id.toLowerCase() === first);
      if (member) return { belongs: "yes", target: { host, role: "instance", instanceId: member.id } };
    } else {
      return {
        belongs: "maybe",
        target: { host, possibleRole: "instance", reason: `${host} is an instance endpoint and ${resource.id}'s member instances are unknown (${resource.instances.reason})` },
      };
    }
  }
  return { belongs: "no" };
}

/** A record reaching a host, directly (`via` empty) or through other CNAME records in the data. */
interface Reach {
  readonly record: DnsRecord;
  /** The record's position among the CNAMEs, to keep the output in the data's order. */
  readonly order: number;
  readonly via: readonly string[];
}

/** Every host the CNAME records reach, with the records that reach it: built once per inventory by the facts. */
export interface RecordIndex {
  readonly reach: Map<string, Reach[]>;
  /** Reached RDS hosts by their first label (an instance or cluster identifier). */
  readonly byFirstLabel: Map<string, string[]>;
  /** Reached hosts that are custom endpoints, or instance-shaped: the only ones an unknown endpoint can claim. */
  readonly customHosts: readonly string[];
  readonly instanceShapedHosts: readonly string[];
  /** Records that lead to a record whose value is unknown (or are one): they may lead to any endpoint. */
  readonly unknownReach: readonly (Reach & { readonly unknownRecord: DnsRecord })[];
}

/** Follows every CNAME chain in the records once, indexing the hosts they reach. */
export function indexRecords(records: readonly DnsRecord[]): RecordIndex {
  const cnames = records.filter((r) => r.type.toUpperCase() === "CNAME");
  const byName = new Map<string, DnsRecord[]>();
  for (const r of cnames) {
    const n = normalizeHost(r.name);
    const list = byName.get(n);
    if (list) list.push(r);
    else byName.set(n, [r]);
  }
  const reach = new Map<string, Reach[]>();
  const unknownReach: (Reach & { unknownRecord: DnsRecord })[] = [];
  const add = (host: string, entry: Reach) => {
    const list = reach.get(host);
    if (list) list.push(entry);
    else reach.set(host, [entry]);
  };
  cnames.forEach((record, order) => {
    // Depth-first along the chain; `seen` stops loops (a record that points back at itself or a cycle).
    const walk = (host: string, via: string[], seen: Set<string>) => {
      add(host, { record, order, via });
      if (seen.has(host)) return;
      seen.add(host);
      for (const next of byName.get(host) ?? []) {
        for (const value of next.values) walk(normalizeHost(value), [...via, next.name], seen);
        if (next.valuesUnknown !== undefined) unknownReach.push({ record, order, via: [...via, next.name], unknownRecord: next });
      }
      seen.delete(host);
    };
    for (const value of record.values) walk(normalizeHost(value), [], new Set([normalizeHost(record.name)]));
    if (record.valuesUnknown !== undefined) unknownReach.push({ record, order, via: [], unknownRecord: record });
  });
  const byFirstLabel = new Map<string, string[]>();
  const customHosts: string[] = [];
  const instanceShapedHosts: string[] = [];
  for (const host of reach.keys()) {
    if (!isRdsHost(host)) continue;
    const first = host.split(".")[0] ?? "";
    const list = byFirstLabel.get(first);
    if (list) list.push(host);
    else byFirstLabel.set(first, [host]);
    const second = secondLabel(host);
    if (second.startsWith("cluster-custom-")) customHosts.push(host);
    else if (!second.startsWith("cluster-")) instanceShapedHosts.push(host);
  }
  return { reach, byFirstLabel, customHosts, instanceShapedHosts, unknownReach };
}

/**
 * The CNAME records that lead to the resource's endpoints, directly or through other CNAME records in
 * the data (`app.example.com → db.example.com → <cluster endpoint>`): every record on such a chain
 * belongs, so each is judged on its own TTL. Alias and other record types are ignored: RDS endpoints
 * cannot be alias targets. Only the hosts this resource could own are looked at, through the index
 * of the records, so a large fleet costs time in proportion to its size. `owners` (the inventory's
 * endpoints) keeps an RDS host another resource owns from being attributed to this one by its name.
 */
export function recordsBelongingTo(resource: Resource, index: RecordIndex, owners?: EndpointOwners): BelongingRecord[] {
  const { targets } = knownEndpoints(resource);

  // The hosts classifyHost could say "yes" or "maybe" to; every other host is "no" for this resource.
  const candidates = new Set<string>();
  for (const host of targets.keys()) if (index.reach.has(host)) candidates.add(host);
  const labels = [resource.id, ...(resource.instances.known ? resource.instances.value.map((i) => i.id) : [])];
  for (const label of labels) for (const host of index.byFirstLabel.get(label.toLowerCase()) ?? []) candidates.add(host);
  if (!resource.endpoints.custom.known) for (const host of index.customHosts) candidates.add(host);
  if (!resource.instances.known) for (const host of index.instanceShapedHosts) candidates.add(host);

  const best = new Map<DnsRecord, BelongingRecord & { order: number }>();
  // A record whose value is unknown may name any endpoint: it (and every record leading to it) may belong.
  for (const { record, order, via, unknownRecord } of index.unknownReach) {
    if (best.has(record)) continue;
    const reason = `where ${unknownRecord.name} points is unknown (${unknownRecord.valuesUnknown})`;
    best.set(record, { record, order, belongs: "maybe", target: { host: "an unknown host", possibleRole: "any", reason }, via });
  }
  for (const host of candidates) {
    const verdict = classifyHost(host, resource, targets, owners);
    if (verdict.belongs === "no") continue;
    for (const { record, order, via } of index.reach.get(host) ?? []) {
      const current = best.get(record);
      if (!current || (current.belongs === "maybe" && verdict.belongs === "yes")) {
        best.set(record, { record, order, belongs: verdict.belongs, target: verdict.target, via });
      }
    }
  }
  return [...best.values()].sort((a, b) => a.order - b.order).map(({ order: _order, ...belonging }) => belonging);
}

/** `db.example.com. (zone Z123)`, for messages and fix notes. */
export function recordLabel(record: DnsRecord): string {
  return record.zone ? `${record.name} (zone ${record.zone})` : record.name;
}
