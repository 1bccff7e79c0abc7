// Which DNS records point at a resource's endpoints: direct CNAMEs and CNAME chains inside the data.
import type { DnsRecord, Inventory } from "../../model/inventory.js";
import type { Resource } from "../../model/resource.js";

/** What kind of endpoint a record leads to. Only `instance` endpoints of a cluster fail to follow failover. */
export type EndpointRole = "cluster" | "reader" | "custom" | "instance";

export interface EndpointTarget {
  readonly host: string;
  readonly role: EndpointRole;
  /** For `instance`: the instance the endpoint belongs to. */
  readonly instanceId?: string;
}

/** An RDS host the resource could own, with why the data cannot say and what it would be. */
export interface MaybeTarget {
  readonly host: string;
  readonly reason: string;
  readonly possibleRole: EndpointRole;
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

/** Every known endpoint of the other resources, so an unattributed RDS host is not claimed twice. */
function othersEndpoints(inventory: Inventory | undefined, resource: Resource): Set<string> {
  const hosts = new Set<string>();
  for (const r of inventory?.resources ?? []) {
    if (r === resource || (r.id === resource.id && r.address === resource.address)) continue;
    for (const h of knownEndpoints(r).targets.keys()) hosts.add(h);
  }
  return hosts;
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
function classifyHost(host: string, resource: Resource, known: Map<string, EndpointTarget>, others: Set<string>): HostVerdict {
  const exact = known.get(host);
  if (exact) return { belongs: "yes", target: exact };
  if (!isRdsHost(host) || !inRegion(host, resource) || others.has(host)) return { belongs: "no" };
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

/**
 * The CNAME records that lead to the resource's endpoints, directly or through other CNAME records in
 * the data (`app.example.com → db.example.com → <cluster endpoint>`): every record on such a chain
 * belongs, so each is judged on its own TTL. Alias and other record types are ignored: RDS endpoints
 * cannot be alias targets.
 */
export function recordsBelongingTo(resource: Resource, records: readonly DnsRecord[], inventory?: Inventory): BelongingRecord[] {
  const cnames = records.filter((r) => r.type.toUpperCase() === "CNAME");
  const byName = new Map<string, DnsRecord[]>();
  for (const r of cnames) {
    const n = normalizeHost(r.name);
    byName.set(n, [...(byName.get(n) ?? []), r]);
  }
  const { targets } = knownEndpoints(resource);
  const others = othersEndpoints(inventory, resource);

  // Best classification of a host, following CNAMEs in the data; `seen` stops loops.
  const resolve = (host: string, seen: Set<string>): { verdict: HostVerdict; via: string[] } => {
    const direct = classifyHost(host, resource, targets, others);
    if (direct.belongs === "yes") return { verdict: direct, via: [] };
    let best: { verdict: HostVerdict; via: string[] } = { verdict: direct, via: [] };
    const next = byName.get(host);
    if (!next || seen.has(host)) return best;
    seen.add(host);
    for (const rec of next) {
      for (const value of rec.values) {
        const r = resolve(normalizeHost(value), seen);
        const candidate = { verdict: r.verdict, via: [rec.name, ...r.via] };
        if (r.verdict.belongs === "yes") {
          seen.delete(host);
          return candidate;
        }
        if (r.verdict.belongs === "maybe" && best.verdict.belongs === "no") best = candidate;
      }
    }
    seen.delete(host);
    return best;
  };

  const out: BelongingRecord[] = [];
  for (const record of cnames) {
    let best: BelongingRecord | undefined;
    for (const value of record.values) {
      const r = resolve(normalizeHost(value), new Set([normalizeHost(record.name)]));
      if (r.verdict.belongs === "no") continue;
      const candidate: BelongingRecord = { record, belongs: r.verdict.belongs, target: r.verdict.target, via: r.via };
      if (!best || (best.belongs === "maybe" && candidate.belongs === "yes")) best = candidate;
    }
    if (best) out.push(best);
  }
  return out;
}

/** `db.example.com. (zone Z123)`, for messages and fix notes. */
export function recordLabel(record: DnsRecord): string {
  return record.zone ? `${record.name} (zone ${record.zone})` : record.name;
}
