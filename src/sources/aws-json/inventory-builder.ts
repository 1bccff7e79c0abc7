// Merges the sections of every file into one Inventory: dedups, joins members to instances, sorts.
import path from "node:path";
import type { DnsRecord, EventSubscription, GlobalCluster, Inventory, Proxy, ProxyTarget, Scoped } from "../../model/inventory.js";
import type { Instance, ParameterGroupRef, Resource, SourceLocation } from "../../model/resource.js";
import { known, unknown, type Unknown, type Value } from "../../model/value.js";
import type { Section } from "./classify.js";
import { clusterKey, readCluster, type ClusterFacts, type SkippedCluster } from "./clusters.js";
import { readDnsRecord, stripZonePrefix } from "./dns.js";
import { ComputeCollector } from "./compute.js";
import { nonRdsEngineName } from "./engines.js";
import { readEventSubscription } from "./events.js";
import { claimedMembership, globalClustersResult, readGlobalCluster, type ClaimedMembership, type ListedGlobalCluster } from "./global-clusters.js";
import { isRecord } from "./fields.js";
import { instanceKey, instanceResource, memberInstance, readInstance, type InstanceFacts } from "./instances.js";
import { addParameters, parameterGroupRef } from "./parameters.js";
import { completeTargetScopes, placeTargets, readProxy, readProxyTarget } from "./proxies.js";
import { ScopedCollector } from "./scoped.js";

const NO_INSTANCES_OUTPUT: Unknown = unknown("no describe-db-instances output among the inputs");
const NO_CAPTURE_TIME: Unknown = unknown("AWS CLI output carries no capture time");

/** Undefined on either side matches anything: the input could not say. */
function compatible(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

type PlacesOf = (dir: string | undefined) => readonly { readonly account?: string; readonly region?: string }[];

function directoryOf(location: SourceLocation | undefined): string | undefined {
  return location?.file === undefined ? undefined : path.dirname(location.file);
}

function sortKey(v: Value<string>): string {
  return v.known ? v.value : "";
}

/**
 * Resource order: account, region, identifier (unknown account/region first), then kind and
 * address — stable for any order of input files.
 */
export function compareResources(a: Resource, b: Resource): number {
  return (
    cmp(sortKey(a.account), sortKey(b.account)) ||
    cmp(sortKey(a.region), sortKey(b.region)) ||
    cmp(a.id, b.id) ||
    cmp(a.kind, b.kind) ||
    cmp(a.address, b.address)
  );
}

/** `/hostedzone/Z123` or `z123` → `Z123`: how list-hosted-zones and record-set file names name a zone. */
function zoneId(id: string): string {
  return stripZonePrefix(id.trim()).toUpperCase();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entries of one list that could not be read. */
export interface Unreadable {
  readonly count: number;
  /** The note of the first, saying why. */
  readonly first: string | undefined;
}

/** Counts a list's unreadable entries while noting each. */
class UnreadableCount {
  private count = 0;
  private first: string | undefined;
  constructor(private readonly builder: { note(text: string): void }) {}
  skip(note: string): void {
    this.count += 1;
    this.first ??= note;
    this.builder.note(note);
  }
  result(): Unreadable {
    return { count: this.count, first: this.first };
  }
}

export class InventoryBuilder {
  private readonly notes: string[] = [];
  private readonly clusters = new Map<string, ClusterFacts>();
  private readonly skippedKeys = new Set<string>();
  private readonly skipped: SkippedCluster[] = [];
  private readonly instanceKeys = new Set<string>();
  private readonly memberFacts: InstanceFacts[] = [];
  private readonly standalone: Resource[] = [];
  private sawInstances = false;
  /** Per group name (lower case), the parameters each file of that name set, with the file's directory. */
  private readonly parameters = new Map<string, { readonly dir: string | undefined; readonly map: Map<string, string>; readonly onePage: boolean }[]>();
  private readonly events = new ScopedCollector<EventSubscription>();
  private readonly proxies = new ScopedCollector<Proxy>();
  private readonly targets = new ScopedCollector<ProxyTarget>();
  private readonly proxiesWithTargetsFile = new Set<string>();
  private readonly globalClusters = new ScopedCollector<ListedGlobalCluster>();
  /** Global databases the DBClusters read name themselves (DBCluster.GlobalClusterIdentifier). */
  private readonly claimedMemberships: ClaimedMembership[] = [];
  private readonly dns = new Map<string, DnsRecord>();
  private sawDns = false;
  /** Zone ids (upper case, no `/hostedzone/`) of list-resource-record-sets files, and of list-hosted-zones outputs. */
  private readonly zonesWithRecords = new Set<string>();
  private readonly listedZones = new Set<string>();
  private sawHostedZones = false;
  /** Why the hosted zones listed are not all of them (a truncated page, a zone without an Id). */
  private zonesIncomplete: string | undefined;
  /** Record-set pages that say more follow: the next page's first record must be among the inputs. */
  private readonly dnsPagesToFollow: { readonly zone: string | undefined; readonly file: string | undefined; readonly next: { name: string; type: string } | undefined }[] = [];
  /** The application tier (Auto Scaling groups, instances, load balancers, alarms). */
  private readonly compute = new ComputeCollector((text) => this.note(text));

  note(text: string): void {
    this.notes.push(text);
  }

  /**
   * Takes what it needs from one section; the raw items are not kept. Returns how many entries
   * could not be read (each also noted) and the first one's note, for the lists whose entries are
   * resources or their facts; undefined for the others.
   */
  add(section: Section, location: SourceLocation): Unreadable | undefined {
    switch (section.kind) {
      case "DBClusters":
        return this.addClusters(section.items, location);
      case "DBInstances":
        return this.addInstances(section.items, location);
      case "Parameters": {
        // AWS stores group names in lower case; the file name may carry the case they were created with.
        const name = (section.name as string).toLowerCase();
        const map = new Map<string, string>();
        addParameters(map, section.items);
        pushTo(this.parameters, name, { dir: directoryOf(location), map, onePage: section.more !== undefined });
        return undefined;
      }
      case "EventSubscriptionsList":
        return this.addScoped(this.events, section, location, "event subscription", readEventSubscription);
      case "DBProxies":
        return this.addScoped(this.proxies, section, location, "proxy", readProxy);
      case "Targets": {
        const proxyName = section.name;
        if (proxyName !== undefined) this.proxiesWithTargetsFile.add(proxyName);
        return this.addScoped(this.targets, section, location, "proxy target", (raw) => readProxyTarget(raw, proxyName));
      }
      case "GlobalClusters":
        return this.addGlobalClusters(section, location);
      case "HostedZones":
        this.addHostedZones(section, location);
        return undefined;
      case "AutoScalingGroups":
      case "Reservations":
      case "LoadBalancers":
      case "LoadBalancerDescriptions":
      case "Attributes":
      case "LoadBalancerAttributes":
      case "TargetGroups":
      case "TagDescriptions":
      case "MetricAlarms":
      case "Snapshots":
        return this.compute.add(section.kind, section.items, section.name, location, section.scope);
      case "ResourceRecordSets": {
        this.sawDns = true;
        if (section.name !== undefined) this.zonesWithRecords.add(zoneId(section.name));
        if (section.more !== undefined) this.dnsPagesToFollow.push({ zone: section.name, file: location.file, next: section.more.nextRecord });
        const unreadable = new UnreadableCount(this);
        for (const raw of section.items) {
          const r = readDnsRecord(raw, section.name, location);
          if (r === undefined) unreadable.skip(`skipped a record in ${location.file}: it has no Name or Type`);
          else if (!this.dns.has(r.key)) this.dns.set(r.key, r.item);
        }
        return unreadable.result();
      }
    }
  }

  /**
   * A describe-global-clusters output. Without a filter it lists every global database of the
   * account, whichever region it was called in (its one filter, `region`, narrows it to those with a
   * member there): each entry covers its whole account. The live scan adds the place it read.
   */
  private addGlobalClusters(section: Section, location: SourceLocation): Unreadable {
    this.globalClusters.beginFile(directoryOf(location));
    if (section.scope !== undefined) this.globalClusters.addScope(section.scope.account, section.scope.region);
    const unreadable = new UnreadableCount(this);
    for (const raw of section.items) {
      const read = readGlobalCluster(raw, location);
      if ("skip" in read) {
        if (read.otherEngine) this.note(read.skip);
        else unreadable.skip(read.skip);
        continue;
      }
      this.globalClusters.add(read.key, { item: read.item, account: read.account }, read.account, undefined);
    }
    this.globalClusters.endFile();
    return unreadable.result();
  }

  /** A list-hosted-zones output: every zone it lists must have its records among the inputs for DNS to be known. */
  private addHostedZones(section: Section, location: SourceLocation): void {
    this.sawHostedZones = true;
    if (section.more !== undefined) {
      this.zonesIncomplete ??=
        `${location.file ?? "a list-hosted-zones output"} is one page of several (IsTruncated); save the complete output ` +
        "(the AWS CLI pages through it unless given --max-items or --no-paginate)";
    }
    for (const raw of section.items) {
      const id = isRecord(raw) ? raw["Id"] : undefined;
      if (typeof id === "string" && id.trim() !== "") this.listedZones.add(zoneId(id));
      else this.zonesIncomplete ??= `${location.file ?? "a list-hosted-zones output"} lists a hosted zone without an Id`;
    }
  }

  private addClusters(items: readonly unknown[], location: SourceLocation): Unreadable {
    const unreadable = new UnreadableCount(this);
    for (const raw of items) {
      if (!isRecord(raw)) {
        unreadable.skip(`skipped an entry of DBClusters in ${location.file}: it is not an object`);
        continue;
      }
      const key = clusterKey(raw);
      if (key !== undefined && (this.clusters.has(key) || this.skippedKeys.has(key))) continue;
      const read = readCluster(raw, location);
      if (read.ok) {
        this.clusters.set(key as string, read.facts);
        const claim = claimedMembership(raw, location);
        if (claim !== undefined) this.claimedMemberships.push(claim);
      } else {
        if (key !== undefined) this.skippedKeys.add(key);
        this.skipped.push(read);
        if (read.otherEngine) this.note(read.note);
        else unreadable.skip(read.note);
      }
    }
    return unreadable.result();
  }

  private addInstances(items: readonly unknown[], location: SourceLocation): Unreadable {
    this.sawInstances = true;
    const unreadable = new UnreadableCount(this);
    for (const raw of items) {
      const key = isRecord(raw) ? instanceKey(raw) : undefined;
      const facts = isRecord(raw) && key !== undefined ? readInstance(raw, location) : undefined;
      if (!isRecord(raw) || facts === undefined) {
        unreadable.skip(`skipped an entry of DBInstances in ${location.file}: it has no DBInstanceIdentifier or Engine`);
        continue;
      }
      if (this.instanceKeys.has(key as string)) continue;
      this.instanceKeys.add(key as string);
      if (facts.clusterId !== undefined) {
        this.memberFacts.push(facts);
        continue;
      }
      const other = nonRdsEngineName(facts.engine);
      if (other !== undefined) this.note(`skipped instance ${facts.id} (engine ${facts.engine}): ${other} is not RDS or Aurora`);
      else this.standalone.push(instanceResource(raw, facts));
    }
    return unreadable.result();
  }

  private addScoped<T>(
    into: ScopedCollector<T>,
    section: Section,
    location: SourceLocation,
    what: string,
    read: (raw: unknown) => { key: string; item: T & { account?: string; region?: string } } | undefined,
  ): Unreadable {
    into.beginFile(directoryOf(location));
    if (section.scope !== undefined) into.addScope(section.scope.account, section.scope.region);
    const unreadable = new UnreadableCount(this);
    for (const raw of section.items) {
      const r = read(raw);
      if (r === undefined) unreadable.skip(`skipped a ${what} in ${location.file}: its fields could not be read`);
      else into.add(r.key, r.item, r.item.account, r.item.region);
    }
    into.endFile();
    return unreadable.result();
  }

  /** The inventory; `sources` are the inputs as given. */
  build(sources: readonly string[]): Inventory {
    const instancesById = new Map<string, InstanceFacts[]>();
    for (const f of this.memberFacts) pushTo(instancesById, f.id, f);
    const used = new Set<InstanceFacts>();
    const groupRefs = new Map<string, ParameterGroupRef>();
    const resources: Resource[] = [];

    for (const c of this.clusters.values()) {
      resources.push({ ...c.base, instances: this.members(c, instancesById, used), clusterParameterGroup: this.groupOf(c, groupRefs) });
    }
    for (const r of this.standalone) resources.push(r);
    resources.sort(compareResources);
    this.noteUnjoinedInstances(used);

    const dnsRecords = this.dnsRecordsResult();
    const placesOf = this.placesByDirectory(resources);
    const proxies = this.proxies.result("no describe-db-proxies output among the inputs", placesOf);
    const compute = this.compute.result();
    return {
      resources,
      ...(compute ? { compute } : {}),
      eventSubscriptions: this.events.result("no describe-event-subscriptions output among the inputs", placesOf),
      proxies,
      proxyTargets: this.proxyTargetsResult(proxies, placesOf),
      dnsRecords,
      globalClusters: this.globalClustersResult(placesOf),
      capturedAt: NO_CAPTURE_TIME,
      notes: this.notes,
      sources: sources.map((location) => ({ kind: "aws-json", location })),
    };
  }

  /**
   * The account/region pairs of the resources read from each directory: an empty list of account-wide
   * data (no subscriptions, no proxies) says nothing of its place itself, and per-region directories
   * are how fleets are saved. Only fully known places count.
   */
  private placesByDirectory(resources: readonly Resource[]): PlacesOf {
    const byDir = new Map<string, Map<string, { account: string; region: string }>>();
    for (const r of resources) {
      const dir = directoryOf(r.location);
      if (dir === undefined || !r.account.known || !r.region.known) continue;
      let places = byDir.get(dir);
      if (places === undefined) byDir.set(dir, (places = new Map()));
      places.set(`${r.account.value}\u0000${r.region.value}`, { account: r.account.value, region: r.region.value });
    }
    return (dir) => (dir === undefined ? [] : [...(byDir.get(dir)?.values() ?? [])]);
  }

  /**
   * The records: known when a list-hosted-zones output is among the inputs and the records of every
   * zone it lists are too (none listed: no records), or, without one, when any records were read
   * (the zones they come from are taken to be all of them, as before list-hosted-zones was read).
   */
  private dnsRecordsResult(): Value<readonly DnsRecord[]> {
    if (!this.sawHostedZones) return this.sawDns ? this.dnsResult() : unknown("no list-resource-record-sets output among the inputs");
    if (this.zonesIncomplete !== undefined) return unknown(this.zonesIncomplete);
    const missing = [...this.listedZones].filter((z) => !this.zonesWithRecords.has(z)).sort();
    if (missing.length > 0) {
      return unknown(
        `the records of hosted zone${missing.length === 1 ? "" : "s"} ${missing.join(", ")} (listed by list-hosted-zones) are not among the inputs; ` +
          "save aws route53 list-resource-record-sets --hosted-zone-id ZONE > list-resource-record-sets.ZONE.json for each",
      );
    }
    return this.dnsResult();
  }

  /**
   * The records, unless a truncated page's next page is missing: the records on it could point at
   * any resource, so no resource could be said to have no long-TTL record.
   */
  private dnsResult(): Value<readonly DnsRecord[]> {
    const records = [...this.dns.values()];
    const host = (h: string) => h.trim().toLowerCase().replace(/\.+$/, "");
    for (const page of this.dnsPagesToFollow) {
      const next = page.next;
      const found =
        next !== undefined &&
        records.some(
          (r) =>
            (page.zone === undefined || r.zone === undefined || r.zone === page.zone) &&
            host(r.name) === host(next.name) &&
            r.type.toUpperCase() === next.type.toUpperCase(),
        );
      if (!found) {
        const where = next === undefined ? "" : `, from ${next.name} ${next.type} on,`;
        return unknown(
          `${page.file ?? "a list-resource-record-sets output"} is one page of several (IsTruncated) and the next page${where} is not among the inputs; ` +
            "save the complete output (the AWS CLI pages through it unless given --max-items or --no-paginate)",
        );
      }
    }
    return known(records);
  }

  /** Global databases: describe-global-clusters outputs (complete in their scopes) and the memberships DBClusters claim. */
  private globalClustersResult(placesOf: PlacesOf): Value<Scoped<GlobalCluster>> {
    const listed = this.globalClusters.result("", placesOf);
    return globalClustersResult(listed.known ? listed.value : undefined, this.claimedMemberships, "no describe-global-clusters output among the inputs");
  }

  /**
   * Targets are known only where every proxy's targets were read (see completeTargetScopes). A
   * place the proxies output shows without a proxy has no targets to read: they are known there
   * (none) even when no describe-db-proxy-targets output is among the inputs, as in a live scan.
   */
  private proxyTargetsResult(proxies: Value<Scoped<Proxy>>, placesOf: PlacesOf): Value<Scoped<ProxyTarget>> {
    const targets = this.targets.result("no describe-db-proxy-targets output among the inputs", placesOf);
    if (!targets.known) {
      if (!proxies.known) return targets;
      const scopes = completeTargetScopes(proxies.value, this.proxiesWithTargetsFile);
      return scopes.length === 0 ? targets : known({ items: [], scopes });
    }
    const scopes = proxies.known ? completeTargetScopes(proxies.value, this.proxiesWithTargetsFile) : [];
    const items = proxies.known ? placeTargets(targets.value.items, proxies.value.items) : targets.value.items;
    return known({ items, scopes });
  }

  private members(c: ClusterFacts, byId: Map<string, InstanceFacts[]>, used: Set<InstanceFacts>): Value<readonly Instance[]> {
    if ("known" in c.members) return c.members;
    const out: Instance[] = [];
    for (const m of c.members) {
      if (!this.sawInstances) {
        out.push(memberInstance(m, NO_INSTANCES_OUTPUT));
        continue;
      }
      const facts = this.findInstance(c, m.id, byId);
      if (facts === undefined) {
        out.push(memberInstance(m, unknown(`instance ${m.id} is not in the describe-db-instances output`)));
      } else {
        used.add(facts);
        out.push(memberInstance(m, facts));
      }
    }
    return known(out);
  }

  /** The DBInstance for member `id`: one that names this cluster, in the cluster's account and region. */
  private findInstance(c: ClusterFacts, id: string, byId: Map<string, InstanceFacts[]>): InstanceFacts | undefined {
    const candidates = byId.get(id);
    if (candidates === undefined) return undefined;
    for (const f of candidates) {
      if (f.clusterId === c.id && compatible(f.region, c.region) && compatible(f.account, c.account)) return f;
    }
    return undefined;
  }

  private groupOf(c: ClusterFacts, refs: Map<string, ParameterGroupRef>): Value<ParameterGroupRef | null> {
    if (!c.parameterGroup.known) return c.parameterGroup;
    const name = c.parameterGroup.value;
    const all = this.parameters.get(name.toLowerCase()) ?? [];
    // Several files of one group name (per-region directories): the one beside the cluster's own
    // describe-db-clusters output came from the same account and region.
    const dir = directoryOf(c.base.location);
    const beside = all.filter((r) => r.dir !== undefined && r.dir === dir);
    const readings = all.length > 1 && beside.length > 0 ? beside : all;
    const key = `${name}\u0000${readings === all ? "" : (dir ?? "")}`;
    let ref = refs.get(key);
    if (ref === undefined) refs.set(key, (ref = parameterGroupRef(name, readings.length === 0 ? undefined : readings.map((r) => (r.onePage ? "one page" : r.map)))));
    return known(ref);
  }

  /** Notes for member instances no cluster claimed (their cluster is skipped, absent, or does not list them). */
  private noteUnjoinedInstances(used: Set<InstanceFacts>): void {
    let clustersById: Map<string, (ClusterFacts | SkippedCluster)[]> | undefined;
    let skippedById: Map<string, SkippedCluster[]> | undefined;
    for (const f of this.memberFacts) {
      if (used.has(f)) continue;
      if (clustersById === undefined || skippedById === undefined) {
        clustersById = new Map();
        skippedById = new Map();
        for (const c of this.clusters.values()) pushTo(clustersById, c.id, c);
        for (const s of this.skipped) if (s.id !== undefined) pushTo(skippedById, s.id, s);
      }
      const clusterId = f.clusterId as string;
      const sameCluster = (c: { region: string | undefined; account: string | undefined }): boolean =>
        compatible(c.region, f.region) && compatible(c.account, f.account);
      if (skippedById.get(clusterId)?.some(sameCluster)) continue; // the cluster's own note covers it
      const other = nonRdsEngineName(f.engine);
      if (other !== undefined) {
        this.note(`skipped instance ${f.id} (engine ${f.engine}): ${other} is not RDS or Aurora`);
      } else if (clustersById.get(clusterId)?.some(sameCluster)) {
        this.note(`skipped instance ${f.id}: it names cluster ${clusterId}, but that cluster does not list it in DBClusterMembers`);
      } else {
        this.note(`skipped instance ${f.id}: it belongs to cluster ${clusterId}, which is not among the inputs (add the aws rds describe-db-clusters output)`);
      }
    }
  }
}
