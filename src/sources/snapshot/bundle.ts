// The snapshot bundle: what a live scan read (raw API shapes per account/region), and its one way into an Inventory.
import type { Inventory } from "../../model/inventory.js";
import type { Instance, Resource, SourceLocation } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import type { Section } from "../aws-json/classify.js";
import type { ComputeTier, Ec2Instance, LoadBalancer } from "../../model/compute.js";
import { InventoryBuilder } from "../aws-json/inventory-builder.js";

/** The bundle format version, the value of the top-level `haspecSnapshot` key. */
export const SNAPSHOT_FORMAT = 1;

/** A binlog retention reading over SQL: a number of hours, NULL (the AWS default), or why it is unknown. */
export type BinlogReading = { readonly value: number | null } | { readonly unknown: string };

/**
 * The application tier of one account/region, under the AWS CLI's top-level keys (SPEC §9); a list is absent when its
 * call failed or the scan predates reading it.
 */
export interface ComputeData {
  AutoScalingGroups?: unknown[];
  /** DescribeInstances. */
  Reservations?: unknown[];
  /** ELB v2 load balancers. */
  LoadBalancers?: unknown[];
  /** ELB v2 attributes per load balancer ARN (Network and Gateway load balancers: an Application Load Balancer's cross-zone is always on). */
  Attributes?: Record<string, unknown[]>;
  TargetGroups?: unknown[];
  /** Load balancers' tags (ELB v2 DescribeTags by ResourceArn, Classic by LoadBalancerName). */
  TagDescriptions?: unknown[];
  /** Classic load balancers. */
  LoadBalancerDescriptions?: unknown[];
  /** Classic attributes per load balancer name. */
  LoadBalancerAttributes?: Record<string, unknown>;
  MetricAlarms?: unknown[];
}

/** What one account/region gave; a list is absent when its call failed (see `errors`). */
export interface RegionData extends ComputeData {
  DBClusters?: unknown[];
  DBInstances?: unknown[];
  /** Set parameters (`Source=user`) per custom cluster parameter group in use. */
  Parameters?: Record<string, unknown[]>;
  EventSubscriptionsList?: unknown[];
  DBProxies?: unknown[];
  /** Targets per proxy name. */
  Targets?: Record<string, unknown[]>;
  /** Aurora Global Databases (DescribeGlobalClusters, which lists every one of the account wherever it is called). */
  GlobalClusters?: unknown[];
  /** `binlog retention hours` per cluster identifier, read over SQL (never the credentials). */
  BinlogRetentionHours?: Record<string, BinlogReading>;
}

/** Route 53 of one account (global). */
export interface Route53Data {
  HostedZones?: unknown[];
  /** Records per hosted zone id (without `/hostedzone/`). */
  ResourceRecordSets?: Record<string, unknown[]>;
}

/** A call that failed; what it would have read is unknown. */
export interface ScanError {
  /** `<account>/<region>`, `<account>/route53`, or `<account>` for the credentials and region listing. */
  readonly scope: string;
  /** The API operation, e.g. `DescribeEventSubscriptions`. */
  readonly call: string;
  /** The parameter group, proxy or zone the call was about. */
  readonly target?: string;
  /** `Code: message` of the error. */
  readonly error: string;
}

export interface SnapshotBundle {
  readonly haspecSnapshot: typeof SNAPSHOT_FORMAT;
  readonly tool: { readonly name: string; readonly version: string };
  /** ISO-8601: the clock when the scan started. */
  readonly capturedAt: string;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** Requests per operation (first attempts; retries are not counted). */
  readonly calls?: Readonly<Record<string, number>>;
  /** Keyed `<account>/<region>` and `<account>/route53`. */
  readonly data: Readonly<Record<string, RegionData | Route53Data>>;
  readonly errors: readonly ScanError[];
}

const ROUTE53 = "route53";

/** `123456789012/us-east-1` → parts; the account part may be `unknown-account`. */
export function splitScope(key: string): { account: string; region: string } {
  const slash = key.lastIndexOf("/");
  return slash < 0 ? { account: key, region: "" } : { account: key.slice(0, slash), region: key.slice(slash + 1) };
}

/** An account id the bundle could name, or undefined for the placeholder used when it could not be learnt. */
function accountOf(account: string): string | undefined {
  return /^\d{12}$/.test(account) ? account : undefined;
}

function errorText(e: ScanError): string {
  return `${e.call}${e.target === undefined ? "" : ` (${e.target})`} failed: ${e.error}`;
}

/** What each failed call leaves unread, for the notes. */
const CONSEQUENCE: Readonly<Record<string, string>> = {
  DescribeDBClusters: "the clusters there are not checked at all",
  DescribeDBInstances: "instance details there (AZ, class, tier, monitoring) are unknown and standalone instances are not checked",
  DescribeDBClusterParameters: "the parameters of that group (binlog_format) are unknown",
  DescribeEventSubscriptions: "event subscriptions there are unknown",
  DescribeDBProxies: "RDS Proxies there are unknown",
  DescribeDBProxyTargets: "which databases that proxy fronts is unknown",
  DescribeGlobalClusters: "Aurora Global Database membership is unknown unless another region's answer lists it",
  ListHostedZones: "DNS records are unknown",
  ListResourceRecordSets: "DNS records are unknown",
  GetCallerIdentity: "the account id is taken from the resources' ARNs",
  DescribeRegions: "no region of this account could be listed, so none was scanned",
  AssumeRole: "nothing in this account was read",
  GetSecretValue: "binlog retention hours are unknown",
  DescribeAutoScalingGroups: "the Auto Scaling groups there are not checked at all",
  DescribeInstances: "the EC2 instances in no Auto Scaling group there are not checked at all",
  DescribeLoadBalancers: "those load balancers there are not checked at all",
  DescribeLoadBalancerAttributes: "that load balancer's cross-zone setting is unknown",
  DescribeTargetGroups: "each target group of an Auto Scaling group there counts as a load balancer (whether it is attached to one is unknown)",
  DescribeAlarms: "the CloudWatch alarms (recover actions) of the instances there are unknown",
  DescribeTags: "the tags of those load balancers are unknown (a target matching tags cannot tell whether it applies)",
};

/** One note per failed call: where, which call, which error, and what is therefore unknown. */
export function errorNotes(errors: readonly ScanError[]): string[] {
  return errors.map((e) => `could not read ${e.scope}: ${errorText(e)}; ${CONSEQUENCE[e.call] ?? "what it returns is unknown"}`);
}

/** Calls whose failure leaves databases or application-tier resources out of the results altogether (not just some of their fields). */
const LISTING_CALLS = new Set(["DescribeDBClusters", "DescribeDBInstances", "DescribeRegions", "AssumeRole", "DescribeAutoScalingGroups", "DescribeInstances", "DescribeLoadBalancers"]);

/** The failed calls that hide whole places from the results. */
export function gapNotes(errors: readonly ScanError[]): string[] {
  return errorNotes(errors.filter((e) => LISTING_CALLS.has(e.call)));
}

/** Whether a scan read nothing at all (every place failed to list its databases and its application tier): the input is unreadable. */
export function readNothing(bundle: SnapshotBundle): boolean {
  const places = Object.entries(bundle.data).filter(([k]) => splitScope(k).region !== ROUTE53);
  // The application tier counts once it lists something: its services answering empty lists says nothing of the databases.
  const some = (list: unknown[] | undefined) => list !== undefined && list.length > 0;
  const listed = (d: RegionData) =>
    d.DBClusters !== undefined || d.DBInstances !== undefined || some(d.AutoScalingGroups) || some(d.Reservations) || some(d.LoadBalancers) || some(d.LoadBalancerDescriptions);
  const anyRead = places.some(([, d]) => listed(d as RegionData));
  return !anyRead && bundle.errors.length > 0;
}

/** Replaces the reason of every unknown field of an instance (its DescribeDBInstances entry could not be read). */
function instanceUnknownBecause(i: Instance, reason: string): Instance {
  const out: Record<string, unknown> = { ...i };
  for (const [k, v] of Object.entries(i)) {
    if (typeof v === "object" && v !== null && (v as { known?: unknown }).known === false) out[k] = unknown(reason);
  }
  return out as unknown as Instance;
}

function placeOf(r: Resource): string | undefined {
  return r.account.known && r.region.known ? `${r.account.value}/${r.region.value}` : undefined;
}

/**
 * The inventory of a bundle, through the same builder as AWS CLI JSON (same model for the same fleet).
 * `source` names the input kind ("aws" for a live scan, "snapshot" for a file), `location` the input.
 */
export function inventoryFromBundle(bundle: SnapshotBundle, source: "aws" | "snapshot", location: string): Inventory {
  const builder = new InventoryBuilder();
  const errorsBy = (call: string, scope: string) => bundle.errors.filter((e) => e.call === call && e.scope === scope);
  const prefix = source === "snapshot" ? `${location}:` : "";
  const keys = Object.keys(bundle.data).sort();
  let sawRecordSets = false;

  for (const key of keys) {
    const { account: rawAccount, region } = splitScope(key);
    const account = accountOf(rawAccount);
    const at = (call: string): SourceLocation => ({ source, file: `${prefix}${key}/${call}` });
    const scope = { ...(account === undefined ? {} : { account }), region };
    const add = (section: Section, call: string) => builder.add(section, at(call));
    if (region === ROUTE53) {
      const r53 = bundle.data[key] as Route53Data;
      if (r53.ResourceRecordSets === undefined) continue;
      sawRecordSets = true;
      // An empty list still says "this account's zones were read": DNS is known.
      add({ kind: "ResourceRecordSets", items: [] }, "ListResourceRecordSets");
      for (const zone of Object.keys(r53.ResourceRecordSets).sort()) {
        add({ kind: "ResourceRecordSets", items: r53.ResourceRecordSets[zone] ?? [], name: zone }, "ListResourceRecordSets");
      }
      continue;
    }
    const d = bundle.data[key] as RegionData;
    if (d.DBClusters !== undefined) add({ kind: "DBClusters", items: d.DBClusters }, "DescribeDBClusters");
    if (d.DBInstances !== undefined) {
      // Without the clusters of this place their members would only be noise ("cluster not among the inputs").
      const items = d.DBClusters !== undefined ? d.DBInstances : d.DBInstances.filter((i) => !(i as { DBClusterIdentifier?: unknown }).DBClusterIdentifier);
      add({ kind: "DBInstances", items }, "DescribeDBInstances");
    }
    for (const group of Object.keys(d.Parameters ?? {}).sort()) {
      add({ kind: "Parameters", items: d.Parameters![group] ?? [], name: group }, "DescribeDBClusterParameters");
    }
    if (d.EventSubscriptionsList !== undefined) {
      add({ kind: "EventSubscriptionsList", items: d.EventSubscriptionsList, scope }, "DescribeEventSubscriptions");
    }
    // A proxy whose targets could not be read makes the whole place's proxies unknown (names are not unique across places).
    const targetsFailed = errorsBy("DescribeDBProxyTargets", key).length > 0;
    if (d.DBProxies !== undefined && !targetsFailed) add({ kind: "DBProxies", items: d.DBProxies, scope }, "DescribeDBProxies");
    if (d.DBProxies !== undefined) add({ kind: "Targets", items: [], scope }, "DescribeDBProxyTargets");
    for (const proxy of Object.keys(d.Targets ?? {}).sort()) {
      add({ kind: "Targets", items: d.Targets![proxy] ?? [], name: proxy, scope }, "DescribeDBProxyTargets");
    }
    if (d.GlobalClusters !== undefined) add({ kind: "GlobalClusters", items: d.GlobalClusters, scope }, "DescribeGlobalClusters");
    addCompute(d, scope, add);
  }
  for (const note of errorNotes(bundle.errors)) builder.note(note);

  const built = builder.build([]);
  const compute = built.compute === undefined ? undefined : completeCompute(built.compute, bundle);
  const resources = built.resources.map((r) => completeResource(r, bundle, errorsBy));
  const why = (calls: readonly string[], fallback: string): string => {
    const errs = bundle.errors.filter((e) => calls.includes(e.call));
    return errs.length === 0 ? fallback : errs.map((e) => `${e.scope}: ${errorText(e)}`).join("; ");
  };
  const r53Errors = bundle.errors.filter((e) => e.call === "ListHostedZones" || e.call === "ListResourceRecordSets" || e.call === "AssumeRole");
  const dnsRecords =
    r53Errors.length > 0
      ? unknown(`Route 53 could not be read completely (records there may point at any database): ${why(["ListHostedZones", "ListResourceRecordSets", "AssumeRole"], "")}`)
      : sawRecordSets
        ? built.dnsRecords
        : unknown("Route 53 was not read");
  const orWhy = <T>(v: Value<T>, calls: readonly string[]): Value<T> => (v.known ? v : unknown(why(calls, v.reason)));
  return {
    ...built,
    ...(compute === undefined ? {} : { compute }),
    resources,
    eventSubscriptions: orWhy(built.eventSubscriptions, ["DescribeEventSubscriptions"]),
    proxies: orWhy(built.proxies, ["DescribeDBProxies"]),
    proxyTargets: orWhy(built.proxyTargets, ["DescribeDBProxies", "DescribeDBProxyTargets"]),
    globalClusters: globalClustersOf(built.globalClusters, bundle, why),
    dnsRecords,
    capturedAt: known(bundle.capturedAt),
    sources: [{ kind: source, location }],
    gaps: gapNotes(bundle.errors),
  };
}

/**
 * Global databases: known where some region's DescribeGlobalClusters answered. A bundle without
 * any answer either failed the call everywhere (the errors say why) or predates reading it.
 */
function globalClustersOf(
  built: Inventory["globalClusters"],
  bundle: SnapshotBundle,
  why: (calls: readonly string[], fallback: string) => string,
): Inventory["globalClusters"] {
  const answered = Object.values(bundle.data).some((d) => (d as RegionData).GlobalClusters !== undefined);
  if (answered) return built;
  const reason = why(["DescribeGlobalClusters"], "the scan holds no DescribeGlobalClusters answer (a snapshot from an older haspec: take it again)");
  if (!built.known) return unknown(reason);
  // Only the memberships DBClusters claim: facts, complete nowhere (their scopes are already empty).
  return built;
}

/**
 * What the builder cannot know from the lists alone: a parameter group whose call failed in this
 * place, member details whose DescribeDBInstances failed, and the binlog retention read over SQL.
 */
function completeResource(r: Resource, bundle: SnapshotBundle, errorsBy: (call: string, scope: string) => ScanError[]): Resource {
  const place = placeOf(r);
  if (place === undefined) return r;
  let out = r;
  const group = r.clusterParameterGroup;
  if (group.known && group.value !== null) {
    const failed = errorsBy("DescribeDBClusterParameters", place).find((e) => e.target?.toLowerCase() === group.value!.name.toLowerCase());
    if (failed !== undefined) {
      out = { ...out, clusterParameterGroup: known({ ...group.value, parameters: unknown(`${place}: ${errorText(failed)}`) }) };
    }
  }
  const instancesFailed = errorsBy("DescribeDBInstances", place)[0];
  if (instancesFailed !== undefined && out.instances.known) {
    const reason = `${place}: ${errorText(instancesFailed)}`;
    out = { ...out, instances: known(out.instances.value.map((i) => instanceUnknownBecause(i, reason))) };
  }
  const d = bundle.data[place] as RegionData | undefined;
  const reading = d?.BinlogRetentionHours?.[r.id];
  if (reading !== undefined && r.kind !== "instance") {
    out = { ...out, binlogRetentionHours: "unknown" in reading ? unknown(reading.unknown) : known(reading.value) };
  }
  return out;
}

/** The application tier's lists of one place, as the sections AWS CLI JSON gives (one mapping, in aws-json/compute.ts). */
function addCompute(d: ComputeData, scope: { account?: string; region: string }, add: (section: Section, call: string) => void): void {
  if (d.AutoScalingGroups !== undefined) add({ kind: "AutoScalingGroups", items: d.AutoScalingGroups, scope }, "DescribeAutoScalingGroups");
  if (d.Reservations !== undefined) add({ kind: "Reservations", items: d.Reservations, scope }, "DescribeInstances");
  if (d.LoadBalancers !== undefined) add({ kind: "LoadBalancers", items: d.LoadBalancers, scope }, "DescribeLoadBalancers");
  // One "file" per load balancer, in the place's directory, named as AWS CLI JSON names it (by the load balancer's name).
  const nameOf = (arn: string) =>
    (d.LoadBalancers ?? []).map((lb) => lb as { LoadBalancerArn?: unknown; LoadBalancerName?: unknown }).find((lb) => lb.LoadBalancerArn === arn)?.LoadBalancerName;
  for (const arn of Object.keys(d.Attributes ?? {}).sort()) {
    const name = nameOf(arn);
    if (typeof name === "string") add({ kind: "Attributes", items: d.Attributes![arn] ?? [], name, scope }, `DescribeLoadBalancerAttributes.${name}`);
  }
  if (d.TargetGroups !== undefined) add({ kind: "TargetGroups", items: d.TargetGroups, scope }, "DescribeTargetGroups");
  if (d.TagDescriptions !== undefined) add({ kind: "TagDescriptions", items: d.TagDescriptions, scope }, "DescribeTags");
  if (d.LoadBalancerDescriptions !== undefined) add({ kind: "LoadBalancerDescriptions", items: d.LoadBalancerDescriptions, scope }, "DescribeLoadBalancers");
  for (const name of Object.keys(d.LoadBalancerAttributes ?? {}).sort()) {
    add({ kind: "LoadBalancerAttributes", items: [d.LoadBalancerAttributes![name]], name, scope }, `DescribeLoadBalancerAttributes.${name}`);
  }
  if (d.MetricAlarms !== undefined) add({ kind: "MetricAlarms", items: d.MetricAlarms, scope }, "DescribeAlarms");
}

/**
 * What the lists alone cannot tell: a load balancer whose attributes could not be read has its cross-zone setting unknown
 * for that reason, and an instance in a place whose alarms were not read has its alarms unknown (another place's alarms say
 * nothing about it).
 */
function completeCompute(tier: ComputeTier, bundle: SnapshotBundle): ComputeTier {
  const placeOfCompute = (c: { account: Value<string>; region: Value<string> }) => (c.account.known && c.region.known ? `${c.account.value}/${c.region.value}` : undefined);
  const failure = (call: string, place: string | undefined, target?: string): string | undefined => {
    const e = bundle.errors.find((x) => x.call === call && (place === undefined || x.scope === place) && (target === undefined || x.target === target));
    return e === undefined ? undefined : `${e.scope}: ${errorText(e)}`;
  };
  const loadBalancers = tier.loadBalancers.map((lb): LoadBalancer => {
    const classic = lb.type.known && lb.type.value === "classic";
    const attributesFailed = lb.crossZone.known ? undefined : failure("DescribeLoadBalancerAttributes", placeOfCompute(lb), classic ? lb.id : lb.address);
    const tagsFailed = lb.tags.known ? undefined : failure("DescribeTags", placeOfCompute(lb), classic ? "elb" : "elbv2");
    return {
      ...lb,
      ...(attributesFailed === undefined ? {} : { crossZone: unknown(attributesFailed) }),
      ...(tagsFailed === undefined ? {} : { tags: unknown(tagsFailed) }),
    };
  });
  const instances = tier.instances.map((i): Ec2Instance => {
    const place = placeOfCompute(i);
    const data = place === undefined ? undefined : (bundle.data[place] as RegionData | undefined);
    if (data?.MetricAlarms !== undefined && place !== undefined) return i;
    const why = failure("DescribeAlarms", place) ?? `the alarms of ${place ?? "the place of this instance"} were not read (a snapshot from an older haspec: take it again)`;
    return { ...i, alarms: unknown(why) };
  });
  return { ...tier, loadBalancers, instances };
}
