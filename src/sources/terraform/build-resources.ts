// Models Terraform resources (plan, state, .tf or cdk.tf.json, reduced to TfInput) as engine-neutral resources and account-wide data.
import type { DnsRecord, EventSubscription, GlobalCluster, Proxy, ProxyTarget } from "../../model/inventory.js";
import type { Endpoints, Instance, ParameterGroupRef, Resource, SourceLocation } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { parseArn, regionFromAz } from "../aws-json/arn.js";
import { clusterKind, nonRdsEngineName } from "../aws-json/engines.js";
import type { ComputeTier } from "../../model/compute.js";
import { buildComputeTier } from "./compute.js";
import { COMPUTE_TYPES } from "./compute-types.js";
import { firstUnknownReason, hasUnknown, isList, isObject, plain, scalar, splitIndex, tagsOf, type Unset } from "./attributes.js";
import { TfReference, TfUnknown, type TfInput, type TfResource, type TfValue } from "./types.js";

export interface BuildOptions {
  /** Region of each resource's provider configuration (plans: `configuration.provider_config`), by address. */
  readonly providerRegions?: ReadonlyMap<string, string>;
}

/** The types whose endpoints DNS records can name. */
const ENDPOINT_TYPES = new Set(["aws_rds_cluster", "aws_rds_cluster_instance", "aws_db_instance", "aws_rds_cluster_endpoint"]);

/**
 * The host that stands for an endpoint Terraform knows only after apply, when a DNS record refers to
 * it. The same string goes into the resource's endpoint and the record's value, so the DNS rules
 * attribute the record to the resource; it can never be a real host name (spaces, parentheses).
 */
export function placeholderHost(address: string, attribute: string): string {
  return `(known after apply: ${address}.${attribute})`;
}

/** The resource type in an address: `module.db.aws_rds_cluster.this[0]` → `aws_rds_cluster`. */
export function typeOfAddress(address: string): string | undefined {
  const parts = address.replace(/\[[^\]]*\]/g, "").split(".");
  const start = parts[0] === "data" ? 1 : 0;
  for (let i = parts.length - 2; i >= start; i--) {
    if (parts[i - 1] !== "module" && parts[i] !== "module" && /^[a-z0-9]+_[a-z0-9_]+$/.test(parts[i] ?? "")) return parts[i];
  }
  return undefined;
}

/**
 * What a linking attribute names: a resource among the inputs, a literal identifier that is not, a
 * reference to an address that is not among the inputs (`missing`; its `unknown` says so in words),
 * something that cannot be told, or nothing.
 */
type Link =
  | { readonly to: TfResource }
  | { readonly literal: string }
  | { readonly unknown: string; readonly missing?: string }
  | { readonly none: true };

/** Attributes of a database that are not its identifier, whatever a reference to them is used for. */
const NOT_IDENTIFIERS: ReadonlySet<string> = new Set(["arn", "endpoint", "reader_endpoint", "address", "resource_id", "cluster_resource_id", "dbi_resource_id"]);

/** What one pass over the resources produces; the plan's `before` reuses the same pass. */
export interface BuiltResources {
  readonly resources: Resource[];
  readonly notes: string[];
  /** Databases that could not be modelled at all (their kind cannot be told): missing from the results. */
  readonly gaps: string[];
  readonly eventSubscriptions: Value<EventSubscription[]>;
  readonly proxies: Value<Proxy[]>;
  readonly proxyTargets: Value<ProxyTarget[]>;
  readonly dnsRecords: Value<DnsRecord[]>;
  readonly globalClusters: Value<GlobalCluster[]>;
  /** The application tier, when the inputs hold any of its resources. */
  readonly compute?: ComputeTier;
}

/** One pass: resolves references, links members, parameter groups and endpoints, and models every resource. */
export function buildResources(tfResources: readonly TfResource[], kind: TfInput["kind"], options: BuildOptions = {}): BuiltResources {
  return new ModelBuilder(tfResources, kind, options).build();
}

/**
 * Models single resources on demand from one set of Terraform resources, exactly as
 * `buildResources(...).resources` would (same links, members and DNS placeholders): the plan's
 * `before` needs only the few resources the plan touches, not the whole inventory.
 */
export interface ResourceModeller {
  /** The modelled cluster or standalone instance at `address`; undefined when `buildResources` would not list one there. */
  model(address: string): Resource | undefined;
  /** Addresses of the members linked to the cluster at `address` (a superset of its modelled instances' addresses). */
  memberAddresses(clusterAddress: string): readonly string[];
}

export function resourceModeller(tfResources: readonly TfResource[], kind: TfInput["kind"], options: BuildOptions = {}): ResourceModeller {
  return new ModelBuilder(tfResources, kind, options).modeller();
}

class ModelBuilder {
  private readonly byAddress = new Map<string, TfResource>();
  /** Resources by address without the last index (built on first use: most references name an exact address). */
  private byBaseCache: Map<string, TfResource[]> | undefined;
  /** Parameters of each parameter group, read once however many clusters use the group. */
  private readonly parametersCache = new Map<TfResource, Value<ReadonlyMap<string, string>>>();
  private readonly byType = new Map<string, TfResource[]>();
  /** For each list of types (built on first use): the first resource of those types by lower-cased model id, so literal identifiers link in O(1). */
  private readonly byId = new Map<string, Map<string, TfResource>>();
  /** Input position of each resource, built only when ids of several types collide. */
  private positions: Map<TfResource, number> | undefined;
  private readonly notes: string[] = [];
  private readonly gaps: string[] = [];
  /** `address\0attribute` of endpoints that DNS records refer to while their value is unknown. */
  private readonly placeholders = new Set<string>();
  private readonly lookup = (ref: TfReference, from: TfResource): TfValue | undefined => {
    const target = this.resolve(ref.address, from.address);
    if (target === undefined) return undefined;
    return this.attributeOf(target, ref.attribute);
  };

  constructor(
    private readonly tf: readonly TfResource[],
    private readonly kind: TfInput["kind"],
    private readonly options: BuildOptions,
  ) {
    for (const r of tf) {
      this.byAddress.set(r.address, r);
      const ofType = this.byType.get(r.type);
      if (ofType) ofType.push(r);
      else this.byType.set(r.type, [r]);
    }
  }

  private get byBase(): Map<string, TfResource[]> {
    if (this.byBaseCache === undefined) {
      this.byBaseCache = new Map();
      for (const r of this.tf) {
        const { base } = splitIndex(r.address);
        const list = this.byBaseCache.get(base);
        if (list) list.push(r);
        else this.byBaseCache.set(base, [r]);
      }
    }
    return this.byBaseCache;
  }

  private ofType(type: string): readonly TfResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The first resource (in input order) of one of `types` whose model id is `id`, case-insensitively. */
  private findById(id: string, types: readonly string[]): TfResource | undefined {
    const typesKey = types.join(" ");
    let index = this.byId.get(typesKey);
    if (index === undefined) {
      // Only the resources of `types` are indexed, the first (in input order) for each id.
      index = new Map();
      for (const type of types) {
        for (const r of this.ofType(type)) {
          const key = this.idOf(r).toLowerCase();
          const seen = index.get(key);
          if (seen === undefined || this.order(r) < this.order(seen)) index.set(key, r);
        }
      }
      this.byId.set(typesKey, index);
    }
    return index.get(id.toLowerCase());
  }

  /** Position of a resource in the input (for "first in input order" among several types). */
  private order(r: TfResource): number {
    if (this.positions === undefined) {
      this.positions = new Map();
      this.tf.forEach((x, i) => {
        if (!this.positions!.has(x)) this.positions!.set(x, i);
      });
    }
    return this.positions.get(r) ?? 0;
  }

  /** The resource an address names: exact, the only instance of a counted resource, or the one with the referrer's own index. */
  private resolve(address: string, from: string): TfResource | undefined {
    const exact = this.byAddress.get(address);
    if (exact) return exact;
    const candidates = this.byBase.get(address) ?? this.byBase.get(splitIndex(address).base);
    if (!candidates) return undefined;
    if (candidates.length === 1) return candidates[0];
    const fromIndex = splitIndex(from).index;
    return fromIndex === "" ? undefined : candidates.find((c) => splitIndex(c.address).index === fromIndex);
  }

  /** An attribute's value, with `id` standing for the identifier where the input has no id yet. */
  private attributeOf(target: TfResource, attribute: string): TfValue | undefined {
    const v = target.values[attribute];
    if (attribute !== "id" || (v !== undefined && v !== null && !(v instanceof TfUnknown))) return v;
    const idAttribute: Record<string, string> = {
      aws_rds_cluster: "cluster_identifier",
      aws_rds_cluster_instance: "identifier",
      aws_db_instance: "identifier",
      aws_rds_cluster_parameter_group: "name",
      aws_db_proxy: "name",
      aws_db_event_subscription: "name",
      aws_rds_global_cluster: "global_cluster_identifier",
    };
    const alt = idAttribute[target.type];
    return alt === undefined ? v : (target.values[alt] ?? v);
  }

  /** The model id: the AWS identifier when known, otherwise the Terraform address (SPEC-v1 §3). */
  private idOf(r: TfResource): string {
    const attribute =
      r.type === "aws_rds_cluster"
        ? "cluster_identifier"
        : r.type === "aws_rds_global_cluster"
          ? "global_cluster_identifier"
          : r.type === "aws_rds_cluster_parameter_group" || r.type === "aws_db_proxy"
            ? "name"
            : "identifier";
    return plain(r.values[attribute]) ?? r.address;
  }

  /** Which resource of `types` a value names: by reference, or by identifier among the inputs. */
  private link(raw: TfValue | undefined, from: TfResource, types: readonly string[]): Link {
    if (raw === undefined || raw === null) return { none: true };
    if (raw instanceof TfUnknown) return { unknown: raw.reason };
    if (raw instanceof TfReference) {
      const target = this.resolve(raw.address, from.address);
      if (target && types.includes(target.type)) return { to: target };
      if (target) return this.link(this.attributeOf(target, raw.attribute), target, types);
      return { unknown: `it refers to ${raw.address}.${raw.attribute}, which is not among the inputs`, missing: raw.address };
    }
    if (typeof raw !== "string") return { unknown: `${JSON.stringify(raw)} is not an identifier` };
    const found = this.findById(raw, types);
    return found ? { to: found } : { literal: raw };
  }

  private s<K extends "string" | "number" | "boolean">(r: TfResource, attribute: string, kind: K, unset: Unset<K extends "string" ? string : K extends "number" ? number : boolean>) {
    return scalar(r, attribute, kind, unset, this.lookup);
  }

  private location(r: TfResource): SourceLocation {
    return r.location ?? { source: this.kind };
  }

  build(): BuiltResources {
    const dnsRecords = this.dnsRecords(); // first: records mark the endpoints they refer to
    const members = this.linkMembers();
    const resources: Resource[] = [];
    for (const r of this.ofType("aws_rds_cluster")) {
      const built = this.cluster(r, members);
      if (built) resources.push(built);
    }
    for (const r of this.ofType("aws_db_instance")) {
      if (members.memberAddresses.has(r.address)) continue;
      const built = this.standalone(r);
      if (built) resources.push(built);
    }
    resources.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    const compute = buildComputeTier(COMPUTE_TYPES.flatMap((t) => this.ofType(t)), this.lookup, this.options.providerRegions);
    return {
      resources,
      ...(compute ? { compute } : {}),
      notes: this.notes,
      gaps: this.gaps,
      eventSubscriptions: this.eventSubscriptions(),
      proxies: this.proxies(),
      proxyTargets: this.proxyTargets(),
      dnsRecords,
      globalClusters: this.globalClusters(),
    };
  }

  modeller(): ResourceModeller {
    this.dnsRecords(); // first: records mark the endpoints they refer to
    const members = this.linkMembers();
    const cache = new Map<string, Resource | undefined>();
    const model = (address: string): Resource | undefined => {
      if (cache.has(address)) return cache.get(address);
      const r = this.byAddress.get(address);
      let built: Resource | undefined;
      if (r?.type === "aws_rds_cluster") built = this.cluster(r, members);
      else if (r?.type === "aws_db_instance" && !members.memberAddresses.has(r.address)) built = this.standalone(r);
      cache.set(address, built);
      return built;
    };
    return {
      model,
      memberAddresses: (clusterAddress) => (members.byCluster.get(clusterAddress) ?? []).map((m) => m.address),
    };
  }

  // ---- clusters and members -------------------------------------------------------------------

  private linkMembers(): { byCluster: Map<string, TfResource[]>; unlinked: { address: string; reason: string }[]; memberAddresses: Set<string> } {
    const byCluster = new Map<string, TfResource[]>();
    const unlinked: { address: string; reason: string }[] = [];
    const memberAddresses = new Set<string>();
    const candidates = [
      ...this.ofType("aws_rds_cluster_instance"),
      // An aws_db_instance with cluster_identifier is a cluster member created the old way.
      ...this.ofType("aws_db_instance").filter((r) => r.values["cluster_identifier"] !== undefined && r.values["cluster_identifier"] !== null),
    ];
    for (const m of candidates) {
      memberAddresses.add(m.address);
      const link = this.link(m.values["cluster_identifier"], m, ["aws_rds_cluster"]);
      if ("to" in link) {
        const list = byCluster.get(link.to.address);
        if (list) list.push(m);
        else byCluster.set(link.to.address, [m]);
      } else if ("literal" in link) {
        this.notes.push(`${m.address} joins cluster ${link.literal}, which is not among the inputs; it is not judged`);
      } else if ("unknown" in link && link.missing !== undefined && typeOfAddress(link.missing) === "aws_rds_cluster") {
        // A reference by address to a cluster that is not declared names none of the clusters here.
        this.notes.push(`${m.address} joins ${link.missing}, which is not among the inputs (not declared in what was read); it is not judged`);
      } else if ("unknown" in link) {
        unlinked.push({ address: m.address, reason: link.unknown });
        this.notes.push(`${m.address} is not judged on its own: which cluster it joins cannot be told (its cluster_identifier ${link.unknown.startsWith("it ") ? link.unknown.slice(3) : `is ${link.unknown}`}), so every cluster's membership is unknown`);
      } else {
        this.notes.push(`${m.address} has no cluster_identifier; it is not judged`);
      }
    }
    return { byCluster, unlinked, memberAddresses };
  }

  private cluster(r: TfResource, members: ReturnType<ModelBuilder["linkMembers"]>): Resource | undefined {
    const engineRaw = r.values["engine"];
    let engine = plain(engineRaw);
    if (engineRaw === undefined || engineRaw === null) {
      engine = "aurora";
      this.notes.push(`${r.address} does not set engine; the AWS provider's default "aurora" (Aurora MySQL 5.6) is assumed`);
    }
    if (engine === undefined) {
      this.gaps.push(`${r.address}: its engine is ${firstUnknownReason(engineRaw) ?? "not a string"}, so whether it is an Aurora or a Multi-AZ DB cluster cannot be told and it is not judged`);
      return undefined;
    }
    const other = nonRdsEngineName(engine);
    const kind = other === undefined ? clusterKind(engine) : undefined;
    if (kind === undefined) {
      this.notes.push(`skipped ${r.address} (engine ${engine}): ${other !== undefined ? `${other} is not RDS or Aurora` : "neither an Aurora cluster nor a Multi-AZ DB cluster"}`);
      return undefined;
    }
    const id = this.idOf(r);
    const memberList = members.byCluster.get(r.address) ?? [];
    const instances = kind === "multi-az-cluster" ? unknown(`Terraform does not describe the instances of the Multi-AZ DB cluster ${id} (AWS creates a writer and two readers)`) : this.memberInstances(r, memberList, members.unlinked);
    const endpoints: Endpoints = {
      cluster: this.endpoint(r, "endpoint"),
      reader: this.endpoint(r, "reader_endpoint"),
      custom: this.customEndpoints(r),
    };
    const region = this.regionOf(r, instances.known ? instances.value : []);
    return {
      id,
      kind,
      engine,
      engineVersion: this.engineVersion(r),
      region,
      account: this.accountOf(r),
      address: r.address,
      location: this.location(r),
      tags: tagsOf(r),
      instances,
      endpoints,
      backupRetentionDays: this.s(r, "backup_retention_period", "number", { default: 1 }),
      deletionProtection: this.s(r, "deletion_protection", "boolean", { default: false }),
      copyTagsToSnapshot: this.s(r, "copy_tags_to_snapshot", "boolean", { default: false }),
      backtrackWindowSeconds: this.s(r, "backtrack_window", "number", { default: 0 }),
      latestRestorableTime: unknown("the latest restorable time is not in Terraform data"),
      preferredBackupWindow: this.s(r, "preferred_backup_window", "string", { reason: "is not set: AWS picks a 30-minute window at apply time" }),
      preferredMaintenanceWindow: this.s(r, "preferred_maintenance_window", "string", { reason: "is not set: AWS picks a weekly window at apply time" }),
      // aws_rds_cluster has no auto_minor_version_upgrade (FACTS §8): the instances carry it.
      autoMinorVersionUpgrade: known(null),
      clusterParameterGroup: this.parameterGroup(r),
      ...(kind === "multi-az-cluster"
        ? {
            clusterInstanceClass: this.s(r, "db_cluster_instance_class", "string", { reason: "is not set" }),
            clusterPerformanceInsights: this.s(r, "performance_insights_enabled", "boolean", { default: false }),
            clusterMonitoringInterval: this.s(r, "monitoring_interval", "number", { default: 0 }),
          }
        : {}),
    };
  }

  private memberInstances(cluster: TfResource, list: readonly TfResource[], unlinked: readonly { address: string; reason: string }[]): Value<readonly Instance[]> {
    if (unlinked.length > 0) {
      const u = unlinked[0]!;
      return unknown(`which cluster ${u.address} joins cannot be told (its cluster_identifier ${u.reason.startsWith("it ") ? u.reason.slice(3) : `is ${u.reason}`})`);
    }
    const instances = [...list].sort((a, b) => (a.address < b.address ? -1 : 1)).map((m) => this.member(m));
    const listed = cluster.values["cluster_members"];
    // Only state: a plan shows cluster_members as it is now, before its own member changes.
    if (this.kind === "state" && isList(listed) && !hasUnknown(listed)) {
      const ids = new Set(instances.map((i) => i.id.toLowerCase()));
      const missing = listed.filter((x): x is string => typeof x === "string" && !ids.has(x.toLowerCase()));
      if (missing.length > 0) {
        return unknown(`${cluster.address}.cluster_members lists ${missing.join(", ")}, which ${missing.length === 1 ? "is" : "are"} not among the Terraform resources (managed elsewhere?)`);
      }
    }
    if (instances.length > 0 && !instances.some((i) => i.isWriter.known && i.isWriter.value)) {
      // No member is the writer: a new cluster, or a plan removing the current writer. AWS picks one.
      return known(
        instances.map((i) =>
          i.isWriter.known ? { ...i, isWriter: unknown(`no instance of ${this.idOf(cluster)} is marked as the writer in the Terraform data; AWS picks one`) } : i,
        ),
      );
    }
    return known(instances);
  }

  private member(m: TfResource): Instance {
    const isDbInstance = m.type === "aws_db_instance";
    return {
      id: this.idOf(m),
      isWriter: this.s(m, "writer", "boolean", { reason: "is not in the Terraform data, so which instance is (or will be) the writer cannot be told" }),
      availabilityZone: this.s(m, "availability_zone", "string", { reason: "is not set: AWS picks the AZ at apply time" }),
      secondaryAvailabilityZone: known(null),
      promotionTier: this.s(m, "promotion_tier", "number", { default: 0 }),
      instanceClass: this.s(m, "instance_class", "string", { reason: "is not set" }),
      endpoint: this.endpoint(m, isDbInstance ? "address" : "endpoint"),
      performanceInsightsEnabled: this.s(m, "performance_insights_enabled", "boolean", { default: false }),
      monitoringInterval: this.s(m, "monitoring_interval", "number", { default: 0 }),
      autoMinorVersionUpgrade: this.s(m, "auto_minor_version_upgrade", "boolean", { default: true }),
      preferredMaintenanceWindow: this.s(m, isDbInstance ? "maintenance_window" : "preferred_maintenance_window", "string", {
        reason: "is not set: AWS picks a weekly window at apply time",
      }),
      clusterParameterGroupStatus: unknown("Terraform data does not say whether the instance runs its cluster parameter group's current values"),
      address: m.address,
      location: this.location(m),
    };
  }

  private standalone(r: TfResource): Resource | undefined {
    let engine = plain(r.values["engine"]);
    const source = r.values["replicate_source_db"];
    if (engine === undefined && source instanceof TfReference) {
      const target = this.resolve(source.address, r.address);
      engine = target ? plain(target.values["engine"]) : undefined;
    }
    if (engine === undefined) {
      this.gaps.push(`${r.address}: its engine is ${firstUnknownReason(r.values["engine"]) ?? "not set"}, so it is not judged`);
      return undefined;
    }
    const other = nonRdsEngineName(engine);
    if (other !== undefined) {
      this.notes.push(`skipped ${r.address} (engine ${engine}): ${other} is not RDS or Aurora`);
      return undefined;
    }
    const id = this.idOf(r);
    const multiAz = this.s(r, "multi_az", "boolean", { default: false });
    let az = this.s(r, "availability_zone", "string", { reason: "is not set: AWS picks the AZ at apply time" });
    if (!az.known && multiAz.known && multiAz.value) {
      // A Multi-AZ instance spans exactly two AZs whichever AZ AWS picks for the primary (AWS refuses
      // availability_zone together with multi_az, so it is normally unset). The placeholder is never a
      // real AZ name: it counts as one AZ distinct from the standby's, and gives no region.
      az = known(`the primary's AZ (${r.values["availability_zone"] === undefined || r.values["availability_zone"] === null ? "AWS picks it at apply time" : az.reason})`);
    }
    // Terraform has no attribute for the standby's AZ; AWS always places it outside the primary's AZ.
    const secondary: Value<string | null> = !multiAz.known
      ? multiAz
      : multiAz.value
        ? known(`the standby AZ (AWS places it outside ${az.known && !az.value.startsWith("the primary's AZ") ? az.value : "the primary's AZ"})`)
        : known(null);
    const amvu = this.s(r, "auto_minor_version_upgrade", "boolean", { default: true });
    const maintenance = this.s(r, "maintenance_window", "string", { reason: "is not set: AWS picks a weekly window at apply time" });
    const self: Instance = {
      id,
      isWriter: known(true),
      availabilityZone: az,
      secondaryAvailabilityZone: secondary,
      promotionTier: known(1), // not an attribute of aws_db_instance; no failover tiers apply
      instanceClass: this.s(r, "instance_class", "string", { reason: "is not set" }),
      endpoint: this.endpoint(r, "address"),
      performanceInsightsEnabled: this.s(r, "performance_insights_enabled", "boolean", { default: false }),
      monitoringInterval: this.s(r, "monitoring_interval", "number", { default: 0 }),
      autoMinorVersionUpgrade: amvu,
      preferredMaintenanceWindow: maintenance,
      clusterParameterGroupStatus: known(null),
      address: r.address,
      location: this.location(r),
    };
    return {
      id,
      kind: "instance",
      engine,
      engineVersion: this.engineVersion(r),
      region: this.regionOf(r, [self]),
      account: this.accountOf(r),
      address: r.address,
      location: this.location(r),
      tags: tagsOf(r),
      instances: known([self]),
      endpoints: { cluster: known(null), reader: known(null), custom: known([]) },
      backupRetentionDays: this.s(r, "backup_retention_period", "number", {
        reason: "is not set, and whether the AWS provider then sends 0 or leaves RDS's default of 1 is not verified; set it explicitly",
      }),
      deletionProtection: this.s(r, "deletion_protection", "boolean", { default: false }),
      copyTagsToSnapshot: this.s(r, "copy_tags_to_snapshot", "boolean", { default: false }),
      backtrackWindowSeconds: known(0),
      latestRestorableTime: unknown("the latest restorable time is not in Terraform data"),
      preferredBackupWindow: this.s(r, "backup_window", "string", { reason: "is not set: AWS picks a 30-minute window at apply time" }),
      preferredMaintenanceWindow: maintenance,
      autoMinorVersionUpgrade: amvu,
      clusterParameterGroup: known(null),
    };
  }

  private engineVersion(r: TfResource): Value<string> {
    const actual = plain(r.values["engine_version_actual"]);
    if (actual !== undefined) return known(actual);
    return this.s(r, "engine_version", "string", { reason: "is not set: AWS picks the engine's default version at apply time" });
  }

  private regionOf(r: TfResource, instances: readonly Instance[]): Value<string> {
    const arn = plain(r.values["arn"]);
    const parts = arn === undefined ? undefined : parseArn(arn);
    if (parts?.region) return known(parts.region);
    const fromProvider = this.options.providerRegions?.get(r.address);
    if (fromProvider !== undefined) return known(fromProvider);
    for (const i of instances) {
      const region = i.availabilityZone.known ? regionFromAz(i.availabilityZone.value) : undefined;
      if (region !== undefined) return known(region);
    }
    // A cluster's availability_zones lists AZs of its region (used for the region only, never for placement).
    const azs = r.values["availability_zones"];
    const first = isList(azs) ? plain(azs[0]) : undefined;
    const fromAzs = first === undefined ? undefined : regionFromAz(first);
    if (fromAzs !== undefined) return known(fromAzs);
    return unknown(`the region of ${r.address} is not in the Terraform data (no ARN yet, no region in the provider configuration)`);
  }

  private accountOf(r: TfResource): Value<string> {
    const arn = plain(r.values["arn"]);
    const parts = arn === undefined ? undefined : parseArn(arn);
    if (parts?.account) return known(parts.account);
    const raw = r.values["arn"];
    return unknown(`the account is read from ${r.address}.arn, which ${raw instanceof TfUnknown ? `is ${raw.reason}` : "is not in the Terraform data"}`);
  }

  // ---- endpoints and DNS ----------------------------------------------------------------------

  /** An endpoint host: the value, a placeholder when a DNS record refers to it, or unknown. */
  private endpoint(r: TfResource, attribute: string): Value<string> {
    const canonical = r.type === "aws_db_instance" ? "address" : attribute;
    const raw = r.values[attribute] ?? (r.type === "aws_db_instance" ? r.values["endpoint"] : undefined);
    const host = plain(raw);
    if (host !== undefined) return known(r.type === "aws_db_instance" ? host.replace(/:\d+$/, "") : host);
    if (this.placeholders.has(`${r.address}\u0000${canonical}`)) return known(placeholderHost(r.address, canonical));
    return this.s(r, attribute, "string", { reason: "is known only after apply" });
  }

  private customEndpoints(cluster: TfResource): Value<readonly string[]> {
    const hosts: string[] = [];
    for (const e of this.ofType("aws_rds_cluster_endpoint")) {
      const link = this.link(e.values["cluster_identifier"], e, ["aws_rds_cluster"]);
      if ("unknown" in link) return unknown(`which cluster ${e.address} belongs to cannot be told: ${link.unknown}`);
      if (!("to" in link) || link.to !== cluster) continue;
      const host = this.endpoint(e, "endpoint");
      if (!host.known) return unknown(`custom endpoint ${e.address}: ${host.reason}`);
      hosts.push(host.value);
    }
    return known(hosts);
  }

  /** The host a record value names: literal, the referenced endpoint, or nothing (not an RDS endpoint). */
  private recordValue(raw: TfValue, record: TfResource): Value<string | null> {
    if (typeof raw === "string") return known(raw);
    if (raw instanceof TfUnknown) return unknown(`${record.address}.records holds a value that is ${raw.reason}`);
    if (raw instanceof TfReference) {
      const type = typeOfAddress(raw.address);
      if (type !== undefined && !ENDPOINT_TYPES.has(type)) return known(null); // a load balancer, another record…: not an RDS endpoint
      const target = this.resolve(raw.address, record.address);
      if (!target) return unknown(`${record.address}.records refers to ${raw.address}.${raw.attribute}, which is not among the inputs`);
      const attribute = target.type === "aws_db_instance" && raw.attribute === "endpoint" ? "address" : raw.attribute;
      const endpointAttributes = target.type === "aws_rds_cluster" ? ["endpoint", "reader_endpoint"] : target.type === "aws_db_instance" ? ["address"] : ["endpoint"];
      if (!endpointAttributes.includes(attribute)) {
        const v = plain(target.values[attribute]);
        return v === undefined ? unknown(`${record.address}.records refers to ${raw.address}.${raw.attribute}, which is not an endpoint Terraform knows`) : known(v);
      }
      const value = plain(target.values[attribute]) ?? (target.type === "aws_db_instance" ? plain(target.values["endpoint"]) : undefined);
      if (value !== undefined) return known(target.type === "aws_db_instance" ? value.replace(/:\d+$/, "") : value);
      this.placeholders.add(`${target.address}\u0000${attribute}`);
      return known(placeholderHost(target.address, attribute));
    }
    return unknown(`${record.address}.records holds ${JSON.stringify(raw)}, not a host name`);
  }

  private dnsRecords(): Value<DnsRecord[]> {
    const out: DnsRecord[] = [];
    for (const r of this.ofType("aws_route53_record")) {
      const type = plain(r.values["type"]);
      if (type === undefined) {
        this.notes.push(`skipped ${r.address}: its type is ${firstUnknownReason(r.values["type"]) ?? "not set"}`);
        continue;
      }
      const name = plain(r.values["fqdn"]) ?? plain(r.values["name"]) ?? r.address;
      const ttl = this.s(r, "ttl", "number", { reason: "is not set" });
      const rawRecords = r.values["records"];
      // `records = [aws_rds_cluster.x.endpoint]` may reach here as the reference itself.
      const raw = rawRecords instanceof TfReference ? [rawRecords] : rawRecords;
      const values: string[] = [];
      // A value haspec cannot evaluate leaves where the record points open, not the whole DNS data:
      // the record is kept, marked, and may lead to any endpoint (facts/dns.ts).
      let valuesUnknown: string | undefined;
      if (raw instanceof TfUnknown) {
        valuesUnknown = `${r.address}.records is ${raw.reason}`;
      } else if (isList(raw)) {
        for (const item of raw) {
          const v = this.recordValue(item, r);
          if (!v.known) {
            valuesUnknown ??= v.reason;
            continue;
          }
          if (v.value !== null) values.push(v.value);
        }
      }
      const zone = plain(r.values["zone_id"]);
      out.push({
        name,
        type,
        ...(ttl.known ? { ttl: ttl.value } : {}),
        values,
        ...(valuesUnknown === undefined || type.toUpperCase() !== "CNAME" ? {} : { valuesUnknown }),
        ...(zone === undefined ? {} : { zone }),
        location: this.location(r),
        address: r.address,
      });
    }
    return known(out);
  }

  // ---- parameter groups, events, proxies ------------------------------------------------------

  private parameterGroup(cluster: TfResource): Value<ParameterGroupRef | null> {
    const raw = cluster.values["db_cluster_parameter_group_name"];
    if (raw === undefined || raw === null) {
      // No group set: the cluster uses the engine's AWS default group, which sets nothing.
      return known({ name: "default (AWS default cluster parameter group)", isDefault: true, parameters: known(new Map()) });
    }
    const link = this.link(raw, cluster, ["aws_rds_cluster_parameter_group"]);
    if ("unknown" in link) return unknown(`${cluster.address}.db_cluster_parameter_group_name: ${link.unknown}`);
    if ("literal" in link) {
      const isDefault = link.literal.toLowerCase().startsWith("default.");
      return known({
        name: link.literal,
        isDefault,
        parameters: isDefault ? known(new Map()) : unknown(`the cluster parameter group ${link.literal} is not among the Terraform resources`),
      });
    }
    if (!("to" in link)) return known({ name: "default (AWS default cluster parameter group)", isDefault: true, parameters: known(new Map()) });
    const group = link.to;
    const name = this.idOf(group);
    return known({ name, isDefault: false, parameters: this.parameters(group), declaredAt: { address: group.address, ...(group.location ? { location: group.location } : {}) } });
  }

  private parameters(group: TfResource): Value<ReadonlyMap<string, string>> {
    let parameters = this.parametersCache.get(group);
    if (parameters === undefined) {
      parameters = this.readParameters(group);
      this.parametersCache.set(group, parameters);
    }
    return parameters;
  }

  private readParameters(group: TfResource): Value<ReadonlyMap<string, string>> {
    const raw = group.values["parameter"];
    const map = new Map<string, string>();
    if (raw === undefined || raw === null) return known(map);
    if (!isList(raw)) return unknown(`${group.address}.parameter is ${firstUnknownReason(raw) ?? "not a list of blocks"}`);
    for (const p of raw) {
      if (!isObject(p)) return unknown(`${group.address}.parameter holds a block that is ${firstUnknownReason(p) ?? "not an object"}`);
      const name = plain(p["name"]);
      const value = p["value"];
      if (name === undefined) return unknown(`${group.address}.parameter has a name that is ${firstUnknownReason(p["name"]) ?? "not set"}`);
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        return unknown(`${group.address}.parameter "${name}" has a value that is ${firstUnknownReason(value) ?? "not set"}`);
      }
      // `parameter` is a set: two blocks naming one parameter with different values leave AWS's choice open.
      const was = map.get(name);
      if (was !== undefined && was !== String(value)) {
        return unknown(`${group.address} sets parameter "${name}" twice (${was} and ${String(value)}); which value AWS keeps cannot be told`);
      }
      map.set(name, String(value));
    }
    return known(map);
  }

  /** A list of identifiers naming databases (source_ids): references resolve to the model id. */
  private identifiers(raw: TfValue | undefined, from: TfResource, attribute: string): Value<string[]> {
    if (raw === undefined || raw === null) return known([]);
    const list = raw instanceof TfReference ? [raw] : raw;
    if (!isList(list)) return unknown(`${from.address}.${attribute}: ${firstUnknownReason(list) ?? "not a list"}`);
    const out: string[] = [];
    for (const item of list) {
      if (typeof item === "string") {
        out.push(item);
        continue;
      }
      if (item instanceof TfReference && NOT_IDENTIFIERS.has(item.attribute)) {
        // An ARN or an endpoint names no source: AWS matches source ids against identifiers only.
        const target = this.resolve(item.address, from.address);
        const value = target === undefined ? undefined : plain(target.values[item.attribute]);
        out.push(value ?? `(${item.address}.${item.attribute}, not an identifier)`);
        continue;
      }
      const link = this.link(item, from, ["aws_rds_cluster", "aws_db_instance", "aws_rds_cluster_instance"]);
      if ("to" in link) out.push(this.idOf(link.to));
      else if ("literal" in link) out.push(link.literal);
      else return unknown(`${from.address}.${attribute} holds a value that cannot be told: ${"unknown" in link ? link.unknown : "not set"}`);
    }
    return known(out);
  }

  private eventSubscriptions(): Value<EventSubscription[]> {
    const out: EventSubscription[] = [];
    for (const r of this.ofType("aws_db_event_subscription")) {
      const enabled = this.s(r, "enabled", "boolean", { default: true });
      if (!enabled.known) return unknown(enabled.reason);
      const sourceType = r.values["source_type"];
      if (sourceType !== undefined && sourceType !== null && typeof sourceType !== "string") {
        return unknown(`${r.address}.source_type is ${firstUnknownReason(sourceType) ?? "not a string"}`);
      }
      const ids = this.identifiers(r.values["source_ids"], r, "source_ids");
      if (!ids.known) return ids;
      const categoriesRaw = r.values["event_categories"];
      if (hasUnknown(categoriesRaw) || (categoriesRaw !== undefined && categoriesRaw !== null && !isList(categoriesRaw))) {
        return unknown(`${r.address}.event_categories is ${firstUnknownReason(categoriesRaw) ?? "not a list"}`);
      }
      const categories = (isList(categoriesRaw) ? categoriesRaw : []).filter((c): c is string => typeof c === "string").map((c) => c.toLowerCase());
      out.push({
        name: plain(r.values["name"]) ?? r.address,
        enabled: enabled.value,
        sourceType: typeof sourceType === "string" && sourceType !== "" ? sourceType : null,
        sourceIds: ids.value,
        categories,
        address: r.address,
        ...this.placeOf(r),
      });
    }
    return known(out);
  }

  private proxies(): Value<Proxy[]> {
    return known(this.ofType("aws_db_proxy").map((r) => ({ name: this.idOf(r), ...this.placeOf(r) })));
  }

  /**
   * The region and account of an account-wide resource (event subscription, proxy): from its ARN,
   * else the region of its provider configuration. A subscription or proxy covers only its own
   * region and account; without a place it is taken to cover every one (one-region inputs).
   */
  private placeOf(r: TfResource): { region?: string; account?: string } {
    const arn = plain(r.values["arn"]);
    const parts = arn === undefined ? undefined : parseArn(arn);
    const region = parts?.region || this.options.providerRegions?.get(r.address);
    const account = parts?.account || undefined;
    return { ...(region ? { region } : {}), ...(account ? { account } : {}) };
  }

  private proxyTargets(): Value<ProxyTarget[]> {
    const out: ProxyTarget[] = [];
    for (const r of this.ofType("aws_db_proxy_target")) {
      const proxyLink = this.link(r.values["db_proxy_name"], r, ["aws_db_proxy"]);
      const proxyName = "to" in proxyLink ? this.idOf(proxyLink.to) : "literal" in proxyLink ? proxyLink.literal : undefined;
      const target: { clusterId?: string; instanceId?: string } = {};
      for (const [attribute, key, types] of [
        ["db_cluster_identifier", "clusterId", ["aws_rds_cluster"]],
        ["db_instance_identifier", "instanceId", ["aws_db_instance", "aws_rds_cluster_instance"]],
      ] as const) {
        const link = this.link(r.values[attribute], r, types);
        if ("unknown" in link) return unknown(`${r.address}.${attribute}: ${link.unknown}`);
        if ("to" in link) target[key] = this.idOf(link.to);
        else if ("literal" in link) target[key] = link.literal;
      }
      if (target.clusterId === undefined && target.instanceId === undefined) {
        this.notes.push(`skipped ${r.address}: it names neither db_cluster_identifier nor db_instance_identifier`);
        continue;
      }
      const proxy = "to" in proxyLink ? proxyLink.to : undefined;
      out.push({ ...(proxyName === undefined ? {} : { proxyName }), ...target, ...this.placeOf(proxy ?? r) });
    }
    return known(out);
  }

  // ---- Aurora Global Databases ----------------------------------------------------------------

  /**
   * Global databases: each aws_rds_global_cluster, and each global_cluster_identifier of an
   * aws_rds_cluster that names one not among the inputs. Members come from the global cluster's
   * `global_cluster_members` (state, or a plan of an existing one: AWS's own IsWriter), else from
   * the clusters whose global_cluster_identifier names it and its source_db_cluster_identifier.
   */
  private globalClusters(): Value<GlobalCluster[]> {
    const byGlobal = new Map<TfResource | string, TfResource[]>();
    for (const c of this.ofType("aws_rds_cluster")) {
      const link = this.link(c.values["global_cluster_identifier"], c, ["aws_rds_global_cluster"]);
      if ("unknown" in link) return unknown(`${c.address}.global_cluster_identifier: ${link.unknown}`);
      if ("none" in link) continue;
      const key = "to" in link ? link.to : link.literal;
      const list = byGlobal.get(key);
      if (list === undefined) byGlobal.set(key, [c]);
      else list.push(c);
    }
    const out: GlobalCluster[] = [];
    for (const g of this.ofType("aws_rds_global_cluster")) {
      const members = this.globalMembers(g, byGlobal.get(g) ?? []);
      if (!members.known) return members;
      out.push({ id: this.idOf(g), members: members.value, address: g.address, location: this.location(g) });
    }
    for (const [key, clusters] of byGlobal) {
      if (typeof key !== "string") continue;
      // A global database created outside these inputs: which member is the primary is up to AWS.
      const reason = `the global database ${key} is not among the Terraform resources, so which of its clusters is the primary cannot be told`;
      out.push({ id: key, members: clusters.map((c) => this.globalMember(c, unknown(reason))), address: clusters[0]!.address, location: this.location(clusters[0]!) });
    }
    return known(out);
  }

  /** A cluster as a global database member, with its identifier and region. */
  private globalMember(c: TfResource, isWriter: Value<boolean>): GlobalCluster["members"][number] {
    const region = this.regionOf(c, []);
    return { cluster: this.idOf(c), isWriter, ...(region.known ? { region: region.value } : {}) };
  }

  private globalMembers(g: TfResource, joined: readonly TfResource[]): Value<GlobalCluster["members"]> {
    const fromAws = this.reportedGlobalMembers(g);
    if (fromAws !== undefined) {
      if (!fromAws.known) return fromAws;
      // A cluster this plan adds to an existing global database joins as a secondary when AWS reports a primary.
      const hasWriter = fromAws.value.some((m) => m.isWriter.known && m.isWriter.value);
      const joining = joined.filter((c) => !fromAws.value.some((m) => m.cluster === this.idOf(c) || m.cluster === plain(c.values["arn"])));
      const joins = (c: TfResource): Value<boolean> =>
        hasWriter ? known(false) : unknown(`AWS reports no primary of global database ${this.idOf(g)}, so whether ${this.idOf(c)} joins it as the primary cannot be told`);
      return known([...fromAws.value, ...joining.map((c) => this.globalMember(c, joins(c)))]);
    }
    const sourceRaw = g.values["source_db_cluster_identifier"];
    const sourceLink = this.link(sourceRaw, g, ["aws_rds_cluster"]);
    if ("unknown" in sourceLink) {
      // The members are known; which of them (or a cluster outside the inputs) is the primary is not.
      const reason = unknown(`${g.address}.source_db_cluster_identifier, which names the primary, cannot be told: ${sourceLink.unknown}`);
      return known(joined.map((c) => this.globalMember(c, reason)));
    }
    // source_db_cluster_identifier is an ARN: a literal one may still name a cluster among the inputs.
    const source = "to" in sourceLink ? sourceLink.to : "literal" in sourceLink ? this.clusterByArn(sourceLink.literal) : undefined;
    const clusters = [...joined];
    if (source !== undefined && !clusters.includes(source)) clusters.unshift(source);
    const members: GlobalCluster["members"][number][] = clusters.map((c) => this.globalMember(c, this.configuredWriter(g, c, source, clusters)));
    if (source === undefined && "literal" in sourceLink) {
      // The primary is a cluster outside these inputs, named by its ARN.
      const region = parseArn(sourceLink.literal)?.region;
      members.unshift({ cluster: sourceLink.literal, isWriter: known(true), ...(region ? { region } : {}) });
    }
    return known(members);
  }

  /**
   * Which member is the primary, by configuration: the cluster source_db_cluster_identifier names
   * (AWS makes it the primary; the others join as secondaries); else the only member without
   * replication_source_identifier when every other one has it; else unknown.
   */
  private configuredWriter(g: TfResource, c: TfResource, source: TfResource | undefined, clusters: readonly TfResource[]): Value<boolean> {
    if (source !== undefined || plain(g.values["source_db_cluster_identifier"]) !== undefined) return known(c === source);
    const replicates = (x: TfResource) => {
      const v = x.values["replication_source_identifier"];
      return v === undefined || v === null || v === "" ? false : v instanceof TfUnknown ? undefined : true;
    };
    const states = clusters.map(replicates);
    if (!states.includes(undefined) && states.filter((x) => x === false).length === 1) return known(replicates(c) === false);
    return unknown(
      `the Terraform data does not say which cluster of global database ${this.idOf(g)} is the primary: AWS makes the first cluster created in it the primary ` +
        "(set source_db_cluster_identifier, or check the state or the live account)",
    );
  }

  /** The members AWS reported (`global_cluster_members`, in state and plans of an existing global cluster); undefined when not there. */
  private reportedGlobalMembers(g: TfResource): Value<GlobalCluster["members"]> | undefined {
    const raw = g.values["global_cluster_members"];
    if (!isList(raw) || raw.length === 0) return undefined;
    const members: GlobalCluster["members"][number][] = [];
    for (const m of raw) {
      const arn = isObject(m) ? plain(m["db_cluster_arn"]) : undefined;
      if (!isObject(m) || arn === undefined) return undefined;
      const writer = m["is_writer"];
      const cluster = this.clusterByArn(arn);
      const region = parseArn(arn)?.region;
      members.push({
        cluster: cluster === undefined ? arn : this.idOf(cluster),
        isWriter: typeof writer === "boolean" ? known(writer) : unknown(`${g.address}.global_cluster_members: is_writer of ${arn} is ${firstUnknownReason(writer) ?? "not set"}`),
        ...(region ? { region } : {}),
      });
    }
    return known(members);
  }

  private clusterByArn(arn: string): TfResource | undefined {
    return this.ofType("aws_rds_cluster").find((c) => plain(c.values["arn"]) === arn);
  }
}
