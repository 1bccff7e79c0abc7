// Reads the application tier from AWS CLI JSON (and the live scan, whose SDK outputs have the same shapes): Auto Scaling groups, instances, load balancers (elbv2 and Classic) with their attributes and tags, target groups and CloudWatch alarms.
import { dirname } from "node:path";
import type { AutoScalingGroup, ComputeTier, EbsSnapshot, Ec2Instance, TargetGroup, GroupMember, InstanceAlarm, LoadBalancer, LoadBalancerType } from "../../model/compute.js";
import type { SourceLocation } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { parseArn, regionFromAz } from "./arn.js";
import { readSnapshot } from "./snapshots.js";
import { readTargetGroup } from "./target-groups.js";
import { isRecord, missingReason, numberField, plainString, stringField, wrongTypeReason, type Raw, type Where } from "./fields.js";

/** The top-level keys of the application tier's outputs. */
export const COMPUTE_KEYS = ["AutoScalingGroups", "Reservations", "LoadBalancers", "LoadBalancerDescriptions", "Attributes", "LoadBalancerAttributes", "TargetGroups", "TagDescriptions", "MetricAlarms", "Snapshots"] as const;
export type ComputeKey = (typeof COMPUTE_KEYS)[number];

/** The AWS CLI command that prints each key. */
export const COMPUTE_PRODUCED_BY: Record<ComputeKey, string> = {
  AutoScalingGroups: "aws autoscaling describe-auto-scaling-groups",
  Reservations: "aws ec2 describe-instances",
  LoadBalancers: "aws elbv2 describe-load-balancers",
  LoadBalancerDescriptions: "aws elb describe-load-balancers",
  Attributes: "aws elbv2 describe-load-balancer-attributes",
  LoadBalancerAttributes: "aws elb describe-load-balancer-attributes",
  TargetGroups: "aws elbv2 describe-target-groups",
  TagDescriptions: "aws elbv2 describe-tags (or aws elb describe-tags)",
  MetricAlarms: "aws cloudwatch describe-alarms",
  Snapshots: "aws ec2 describe-snapshots --owner-ids self",
};

/** The tag EC2 Auto Scaling puts on the instances it launches. */
const GROUP_TAG = "aws:autoscaling:groupName";

const NO_ALARMS = "no describe-alarms output among the inputs (aws cloudwatch describe-alarms > describe-alarms.json)";

function attributesHint(type: string, name: string): string {
  return type === "classic"
    ? `aws elb describe-load-balancer-attributes --load-balancer-name ${name} > describe-load-balancer-attributes.${name}.json`
    : `aws elbv2 describe-load-balancer-attributes --load-balancer-arn ARN > describe-load-balancer-attributes.${name}.json`;
}

/** `[{Key, Value}]` (EC2 and Auto Scaling spell tags `Tags`) → a record; absent → unknown. */
function tagList(raw: Raw, where: Where): Value<Readonly<Record<string, string>>> {
  const list = raw["Tags"];
  if (list === undefined || list === null) return unknown(missingReason("Tags", where));
  if (!Array.isArray(list)) return unknown(wrongTypeReason("Tags", "a list of {Key, Value}", list, where));
  const pairs: [string, string][] = [];
  for (const tag of list) {
    if (!isRecord(tag) || typeof tag["Key"] !== "string") return unknown(wrongTypeReason("Tags[]", "an object with a text Key", tag, where));
    pairs.push([tag["Key"], typeof tag["Value"] === "string" ? tag["Value"] : ""]);
  }
  return known(Object.fromEntries(pairs));
}

/** A list of strings (or of objects whose `key` is a string); absent → unknown. */
function stringList(raw: Raw, field: string, where: Where, key?: string): Value<readonly string[]> {
  const list = raw[field];
  if (list === undefined || list === null) return unknown(missingReason(field, where));
  if (!Array.isArray(list)) return unknown(wrongTypeReason(field, "a list", list, where));
  const out: string[] = [];
  for (const x of list) {
    const s = key === undefined ? x : isRecord(x) ? x[key] : undefined;
    if (typeof s !== "string") return unknown(wrongTypeReason(`${field}[]`, key ? `objects with a text ${key}` : "text", x, where));
    out.push(s);
  }
  return known(out);
}

function regionOf(arn: string | undefined, azs: Value<readonly string[]>, where: Where): Value<string> {
  const fromArn = arn === undefined ? undefined : parseArn(arn)?.region;
  if (fromArn) return known(fromArn);
  const fromAz = azs.known ? azs.value.map(regionFromAz).find((r) => r !== undefined) : undefined;
  return fromAz ? known(fromAz) : unknown(`the ${where.output} output for ${where.id} has no ARN or AZ to tell its region`);
}

function accountOf(arn: string | undefined, where: Where): Value<string> {
  const account = arn === undefined ? undefined : parseArn(arn)?.account;
  return account ? known(account) : unknown(`the ${where.output} output for ${where.id} has no ARN to tell its account`);
}

/** What one describe-load-balancer-attributes file says about cross-zone, and the load balancer its file name names. */
interface SavedAttributes {
  readonly classic: boolean;
  readonly name: string;
  readonly crossZone: boolean | undefined;
  readonly file: string;
}

/** The account and region a list was read for, when the reader knows it (the live scan). */
export interface ComputeScope {
  readonly account?: string;
  readonly region?: string;
}

/** A load balancer as listed, with where it was read. */
interface ListedLoadBalancer {
  readonly raw: Raw;
  readonly type: LoadBalancerType;
  readonly location: SourceLocation;
  readonly scope: ComputeScope | undefined;
}

interface RawInstance {
  readonly raw: Raw;
  readonly owner: string | undefined;
  readonly location: SourceLocation;
}

/** Collects the application tier's sections, then joins them (attributes to load balancers, alarms and groups to instances). */
export class ComputeCollector {
  private readonly groups = new Map<string, AutoScalingGroup>();
  private readonly instances = new Map<string, RawInstance>();
  private readonly loadBalancers = new Map<string, ListedLoadBalancer>();
  /** Target group ARN → the load balancers it is attached to (describe-target-groups LoadBalancerArns). */
  /** The target groups read (describe-target-groups), by ARN. */
  private readonly targetGroups = new Map<string, TargetGroup>();
  /** Load balancer tags from describe-tags: ELB v2 by ARN, Classic by `<directory>/<name>` (it has no ARN). */
  private readonly lbTags = new Map<string, Value<Readonly<Record<string, string>>>>();
  /** One entry per attributes file (the file names its load balancer): elbv2 prints the attributes as a list, one key each. */
  private readonly attributes = new Map<string, SavedAttributes>();
  private readonly alarms: InstanceAlarm[] = [];
  private readonly alarmInstance = new Map<InstanceAlarm, string>();
  /** Where describe-alarms outputs were read (their directories), and the regions their alarms' ARNs name. */
  private readonly alarmDirs = new Set<string>();
  private readonly alarmRegions = new Set<string>();
  private snapshots: EbsSnapshot[] | undefined;
  private seen = false;

  constructor(private readonly note: (text: string) => void) {}

  /** Takes one section; returns the number of entries it could not read and the first's note. */
  add(key: ComputeKey, items: readonly unknown[], name: string | undefined, location: SourceLocation, scope?: ComputeScope): { count: number; first: string | undefined } {
    this.seen = true;
    // Read even when empty: no alarm at all is an answer.
    if (key === "MetricAlarms") this.alarmDirs.add(dirname(location.file ?? ""));
    // An empty attribute list was read too: the load balancer sets none, and the API's defaults apply.
    if (key === "Attributes" && name !== undefined && !this.attributes.has(`elbv2 ${location.file ?? ""}`)) {
      this.attributes.set(`elbv2 ${location.file ?? ""}`, { classic: false, name, crossZone: undefined, file: location.file ?? "" });
    }
    let count = 0;
    let first: string | undefined;
    const skip = (text: string): void => {
      count += 1;
      first ??= text;
      this.note(text);
    };
    for (const item of items) {
      if (!isRecord(item)) {
        skip(`skipped an entry of ${key} in ${location.file}: it is not an object`);
        continue;
      }
      const problem = this.addItem(key, item, name, location, scope);
      if (problem !== undefined) skip(`skipped an entry of ${key} in ${location.file}: ${problem}`);
    }
    return { count, first };
  }

  private addItem(key: ComputeKey, item: Raw, name: string | undefined, location: SourceLocation, scope: ComputeScope | undefined): string | undefined {
    switch (key) {
      case "AutoScalingGroups": {
        const group = readGroup(item, location);
        if (group === undefined) return "it has no AutoScalingGroupName";
        this.groups.set(group.address, group);
        return undefined;
      }
      case "Reservations": {
        const list = item["Instances"];
        if (!Array.isArray(list)) return "it has no Instances list";
        for (const raw of list) {
          if (isRecord(raw) && typeof raw["InstanceId"] === "string") this.instances.set(raw["InstanceId"], { raw, owner: plainString(item, "OwnerId"), location });
        }
        return undefined;
      }
      case "LoadBalancers":
      case "LoadBalancerDescriptions": {
        const lbName = plainString(item, "LoadBalancerName");
        if (lbName === undefined) return "it has no LoadBalancerName";
        const t = key === "LoadBalancerDescriptions" ? "classic" : item["Type"];
        if (t !== "application" && t !== "network" && t !== "gateway" && t !== "classic") return `${lbName} has Type ${JSON.stringify(t)}, not application, network or gateway`;
        // A Classic load balancer has no ARN: its name is unique only per region and account, so per region and directory here.
        const classicRegion = Array.isArray(item["AvailabilityZones"]) && typeof item["AvailabilityZones"][0] === "string" ? regionFromAz(item["AvailabilityZones"][0]) : undefined;
        this.loadBalancers.set(plainString(item, "LoadBalancerArn") ?? `classic/${classicRegion ?? ""}/${dirname(location.file ?? "")}/${lbName}`, { raw: item, type: t, location, scope });
        return undefined;
      }
      case "Attributes": {
        if (name === undefined) return undefined;
        const file = location.file ?? "";
        const previous = this.attributes.get(`elbv2 ${file}`);
        const crossZone = item["Key"] === "load_balancing.cross_zone.enabled" ? item["Value"] === "true" : previous?.crossZone;
        this.attributes.set(`elbv2 ${file}`, { classic: false, name, crossZone, file });
        return undefined;
      }
      case "LoadBalancerAttributes": {
        if (name === undefined) return undefined;
        const cz = item["CrossZoneLoadBalancing"];
        const enabled = isRecord(cz) && typeof cz["Enabled"] === "boolean" ? cz["Enabled"] : undefined;
        this.attributes.set(`classic ${location.file ?? ""}`, { classic: true, name, crossZone: enabled, file: location.file ?? "" });
        return undefined;
      }
      case "TargetGroups": {
        // aws rds describe-db-proxy-target-groups prints a TargetGroups list too: not the load balancers' (not read).
        if (item["DBProxyName"] !== undefined) return undefined;
        const group = readTargetGroup(item, location);
        if (typeof group === "string") return group;
        this.targetGroups.set(group.arn, group);
        return undefined;
      }
      case "Snapshots": {
        const snapshot = readSnapshot(item, location);
        (this.snapshots ??= []).push(...(typeof snapshot === "string" ? [] : [snapshot]));
        return typeof snapshot === "string" ? snapshot : undefined;
      }
      case "TagDescriptions": {
        // ELB v2 names the load balancer by ResourceArn (target groups' tags are not used), Classic by LoadBalancerName.
        const arn = plainString(item, "ResourceArn");
        const classic = plainString(item, "LoadBalancerName");
        if (arn === undefined && classic === undefined) return "it has no ResourceArn or LoadBalancerName";
        this.lbTags.set(arn ?? `${dirname(location.file ?? "")}/${classic}`, tagList(item, { output: "describe-tags", id: arn ?? classic! }));
        return undefined;
      }
      case "MetricAlarms": {
        const region = parseArn(plainString(item, "AlarmArn") ?? "")?.region;
        if (region) this.alarmRegions.add(region);
        const alarm = readAlarm(item);
        if (alarm !== undefined) {
          this.alarms.push(alarm.alarm);
          this.alarmInstance.set(alarm.alarm, alarm.instanceId);
        }
        return undefined;
      }
    }
  }

  /** The tier, or undefined when no application-tier output was among the inputs. */
  result(): ComputeTier | undefined {
    if (!this.seen) return undefined;
    const members = new Set([...this.groups.values()].flatMap((g) => (g.instances.known ? g.instances.value.map((i) => i.id) : [])));
    const instances: Ec2Instance[] = [];
    for (const [id, r] of this.instances) {
      const state = isRecord(r.raw["State"]) ? plainString(r.raw["State"], "Name") : undefined;
      if (state === "terminated" || state === "shutting-down") continue;
      const tags = tagList(r.raw, { output: "describe-instances", id });
      // An instance of an Auto Scaling group is judged with its group, never on its own (SPEC §9).
      if (members.has(id) || (tags.known && tags.value[GROUP_TAG] !== undefined)) continue;
      instances.push(this.instance(id, r, tags));
    }
    const loadBalancers = [...this.loadBalancers.values()].map((lb) => this.loadBalancer(lb));
    const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const groups = [...this.groups.values()].map((g) => this.behindLoadBalancers(g));
    return {
      groups: groups.sort(byId),
      loadBalancers: loadBalancers.sort(byId),
      instances: instances.sort(byId),
      ...(this.targetGroups.size > 0 ? { targetGroups: [...this.targetGroups.values()] } : {}),
      ...(this.snapshots ? { snapshots: this.snapshots } : {}),
    };
  }

  /**
   * A group's target groups that are attached to a load balancer (describe-target-groups LoadBalancerArns): one attached
   * to none sends no traffic and runs no health checks. Without the target groups among the inputs, or for one they do
   * not list, each counts as a load balancer (the rules then ask for ELB health checks rather than skip the group).
   */
  private behindLoadBalancers(group: AutoScalingGroup): AutoScalingGroup {
    if (this.targetGroups.size === 0 || !group.loadBalancers.known) return group;
    const attached = group.loadBalancers.value.filter((b) => (this.targetGroups.get(b)?.loadBalancerArns.length ?? 1) > 0);
    return attached.length === group.loadBalancers.value.length ? group : { ...group, loadBalancers: known(attached) };
  }

  /** A load balancer's tags from describe-tags: by ARN, or a Classic one's by its directory and name. */
  private tagsOf(lb: ListedLoadBalancer, name: string, arn: string | undefined, output: string): Value<Readonly<Record<string, string>>> {
    const found = this.lbTags.get(arn ?? `${dirname(lb.location.file ?? "")}/${name}`);
    if (found !== undefined) return found;
    return unknown(
      `the ${output} output carries no tags, and no describe-tags output for ${name} is among the inputs ` +
        `(aws ${lb.type === "classic" ? `elb describe-tags --load-balancer-names ${name}` : "elbv2 describe-tags --resource-arns ARN"} > describe-tags.${name}.json, beside its describe-load-balancers output)`,
    );
  }

  private instance(id: string, r: RawInstance, tags: Value<Readonly<Record<string, string>>>): Ec2Instance {
    const where: Where = { output: "describe-instances", id };
    const placement = isRecord(r.raw["Placement"]) ? r.raw["Placement"] : {};
    const availabilityZone = stringField(placement, "AvailabilityZone", { ...where, id: `${id} Placement` });
    const region = availabilityZone.known ? regionFromAz(availabilityZone.value) : undefined;
    const maintenance = r.raw["MaintenanceOptions"];
    const recovery = isRecord(maintenance) ? maintenance["AutoRecovery"] : undefined;
    return {
      id,
      address: id,
      location: r.location,
      region: region ? known(region) : unknown(`the region of ${id} is not told by its AvailabilityZone`),
      account: r.owner ? known(r.owner) : unknown(missingReason("OwnerId", where)),
      tags,
      instanceType: stringField(r.raw, "InstanceType", where),
      availabilityZone,
      state: isRecord(r.raw["State"]) ? stringField(r.raw["State"], "Name", { ...where, id: `${id} State` }) : unknown(missingReason("State", where)),
      tenancy: stringField(placement, "Tenancy", { ...where, id: `${id} Placement` }),
      autoRecovery:
        recovery === "default" || recovery === "disabled"
          ? known(recovery)
          : unknown(`MaintenanceOptions.AutoRecovery is not in the describe-instances output for ${id} (an AWS CLI from before 2022 does not print it)`),
      efa: efaAttached(r.raw, where),
      alarms: this.alarmsCover(r.location.file ?? "", region)
        ? known(this.alarms.filter((a) => this.alarmInstance.get(a) === id))
        : unknown(this.alarmDirs.size === 0 ? NO_ALARMS : `no describe-alarms output for ${region ?? "its region"} beside ${r.location.file ?? "its describe-instances output"} (alarms are per region: save each region's beside its describe-instances)`),
      volumes: volumesOf(r.raw, where),
    };
  }

  /**
   * The attributes file of a load balancer, matched by name. Names repeat across regions and accounts, and the
   * attributes output carries no ARN: with namesakes, only a file in the load balancer's own directory (where it is
   * its only namesake) is its own; any other match is ambiguous, and ambiguous is never read as either.
   */
  private attributesOf(classic: boolean, name: string, file: string): SavedAttributes | { ambiguous: string } | undefined {
    const candidates = [...this.attributes.values()].filter((a) => a.classic === classic && a.name === name);
    if (candidates.length === 0) return undefined;
    const namesakes = [...this.loadBalancers.values()].filter((lb) => (lb.type === "classic") === classic && plainString(lb.raw, "LoadBalancerName") === name);
    const here = (f: string): boolean => dirname(f) === dirname(file);
    const sameDir = candidates.filter((a) => here(a.file));
    if (sameDir.length === 1 && namesakes.filter((lb) => here(lb.location.file ?? "")).length === 1) return sameDir[0];
    if (namesakes.length === 1 && candidates.length === 1) return candidates[0];
    return {
      ambiguous:
        `${namesakes.length} load balancers are named ${name} and ${candidates.length} attributes file(s) name it (${candidates.map((a) => a.file).join(", ")}): ` +
        "haspec cannot tell whose they are; keep each region's and account's outputs in a directory of their own",
    };
  }

  /** Whether the alarms read cover an instance: a describe-alarms output beside its describe-instances output, or alarms of its region. */
  private alarmsCover(instancesFile: string, region: string | undefined): boolean {
    return this.alarmDirs.has(dirname(instancesFile)) || (region !== undefined && this.alarmRegions.has(region));
  }

  private loadBalancer(lb: ListedLoadBalancer): LoadBalancer {
    const name = plainString(lb.raw, "LoadBalancerName")!;
    const arn = plainString(lb.raw, "LoadBalancerArn");
    const output = lb.type === "classic" ? "elb describe-load-balancers" : "elbv2 describe-load-balancers";
    const where: Where = { output, id: name };
    const availabilityZones = lb.type === "classic" ? classicZones(lb.raw, where) : stringList(lb.raw, "AvailabilityZones", where, "ZoneName");
    const crossZone = crossZoneOf(lb.type, name, this.attributesOf(lb.type === "classic", name, lb.location.file ?? ""));
    return {
      id: name,
      address: arn ?? name,
      location: lb.location,
      region: lb.scope?.region !== undefined ? known(lb.scope.region) : regionOf(arn, availabilityZones, where),
      account:
        lb.type !== "classic" ? accountOf(arn, where) : lb.scope?.account !== undefined ? known(lb.scope.account) : unknown(`the ${output} output names no account for ${name}`),
      tags: this.tagsOf(lb, name, arn, output),
      type: known(lb.type),
      availabilityZones,
      ...crossZone,
      dnsName: stringField(lb.raw, "DNSName", where),
    };
  }
}

/**
 * A Classic load balancer's AZs. In a VPC they are its subnets' AZs, so an empty list beside subnets says nothing
 * (an emulator prints that; AWS does not): unknown, never "no AZ".
 */
function classicZones(raw: Raw, where: Where): Value<readonly string[]> {
  const zones = stringList(raw, "AvailabilityZones", where);
  const subnets = raw["Subnets"];
  if (zones.known && zones.value.length === 0 && Array.isArray(subnets) && subnets.length > 0) {
    return unknown(`the ${where.output} output for ${where.id} lists ${subnets.length} subnet(s) but no AvailabilityZones`);
  }
  return zones;
}

/** Cross-zone at the load balancer level: ALB always on; NLB, GWLB and Classic from their attributes, with the API's defaults (off) when the attribute list omits it. */
function crossZoneOf(type: LoadBalancerType, name: string, attrs: SavedAttributes | { ambiguous: string } | undefined): Pick<LoadBalancer, "crossZone" | "crossZoneFrom"> {
  if (type === "application") return { crossZone: known(true), crossZoneFrom: "always on for an Application Load Balancer (it cannot be turned off at the load balancer level)" };
  if (attrs === undefined) return { crossZone: unknown(`no describe-load-balancer-attributes output for ${name} among the inputs (${attributesHint(type, name)})`) };
  if ("ambiguous" in attrs) return { crossZone: unknown(attrs.ambiguous) };
  if (attrs.crossZone !== undefined) return { crossZone: known(attrs.crossZone), crossZoneFrom: `${type === "classic" ? "CrossZoneLoadBalancing.Enabled" : "load_balancing.cross_zone.enabled"} in ${attrs.file}` };
  return { crossZone: known(false), crossZoneFrom: `${attrs.file} does not set it: off by default for a ${type === "classic" ? "Classic load balancer created with the API or CLI" : `${type} load balancer`}` };
}

/**
 * Whether an Elastic Fabric Adapter is attached: a NetworkInterfaces entry of InterfaceType `efa` or `efa-only` (an
 * entry without InterfaceType predates EFA and is a plain interface). Unknown when the output lists no interfaces.
 */
function efaAttached(raw: Raw, where: Where): Value<boolean> {
  const interfaces = raw["NetworkInterfaces"];
  if (interfaces === undefined) return unknown(`NetworkInterfaces is not in the describe-instances output for ${where.id}, so whether an EFA is attached is unknown`);
  if (!Array.isArray(interfaces)) return unknown(wrongTypeReason("NetworkInterfaces", "a list", interfaces, where));
  return known(interfaces.some((n) => isRecord(n) && (n["InterfaceType"] === "efa" || n["InterfaceType"] === "efa-only")));
}

/**
 * The load balancers a group reaches through AttachTrafficSources (`TrafficSources`: a Classic load balancer's name
 * for type `elb`, a target group's ARN for `elbv2`); VPC Lattice sources are not load balancers. known([]) when the
 * output has no TrafficSources (an AWS CLI from before 2023 does not print it; such groups use the older lists).
 */
function loadBalancerTrafficSources(raw: Raw, where: Where): Value<readonly string[]> {
  const sources = raw["TrafficSources"];
  if (sources === undefined) return known([]);
  if (!Array.isArray(sources)) return unknown(wrongTypeReason("TrafficSources", "a list", sources, where));
  const ids: string[] = [];
  for (const s of sources) {
    const id = isRecord(s) ? plainString(s, "Identifier") : undefined;
    if (id === undefined) return unknown(`a TrafficSources entry of ${where.id} has no Identifier (${where.output})`);
    const type = plainString(s as Raw, "Type");
    if (type !== "vpc-lattice") ids.push(id);
  }
  return known(ids);
}

function readGroup(raw: Raw, location: SourceLocation): AutoScalingGroup | undefined {
  const name = plainString(raw, "AutoScalingGroupName");
  if (name === undefined) return undefined;
  const arn = plainString(raw, "AutoScalingGroupARN");
  const where: Where = { output: "describe-auto-scaling-groups", id: name };
  const availabilityZones = stringList(raw, "AvailabilityZones", where);
  const classic = stringList(raw, "LoadBalancerNames", where);
  const targetGroups = stringList(raw, "TargetGroupARNs", where);
  const traffic = loadBalancerTrafficSources(raw, where);
  const attached = [classic, targetGroups, traffic].find((v) => !v.known) ?? known([...new Set([classic, targetGroups, traffic].flatMap((v) => (v.known ? v.value : [])))]);
  return {
    id: name,
    address: arn ?? name,
    location,
    region: regionOf(arn, availabilityZones, where),
    account: accountOf(arn, where),
    tags: tagList(raw, where),
    availabilityZones,
    minSize: numberField(raw, "MinSize", where),
    desiredCapacity: numberField(raw, "DesiredCapacity", where),
    maxSize: numberField(raw, "MaxSize", where),
    healthCheckType: stringField(raw, "HealthCheckType", where),
    loadBalancers: attached,
    instances: groupMembers(raw, where),
    suspendedProcesses: raw["SuspendedProcesses"] === undefined ? known([]) : stringList(raw, "SuspendedProcesses", where, "ProcessName"),
    healthCheckGracePeriod: numberField(raw, "HealthCheckGracePeriod", where),
  };
}

function groupMembers(raw: Raw, where: Where): Value<readonly GroupMember[]> {
  const list = raw["Instances"];
  if (list === undefined || list === null) return unknown(missingReason("Instances", where));
  if (!Array.isArray(list)) return unknown(wrongTypeReason("Instances", "a list", list, where));
  const members: GroupMember[] = [];
  for (const m of list) {
    if (!isRecord(m) || typeof m["InstanceId"] !== "string") return unknown(wrongTypeReason("Instances[]", "objects with an InstanceId", m, where));
    const at: Where = { ...where, id: `${where.id} instance ${m["InstanceId"]}` };
    members.push({ id: m["InstanceId"], availabilityZone: stringField(m, "AvailabilityZone", at), lifecycleState: stringField(m, "LifecycleState", at) });
  }
  return known(members);
}

/** The EBS volumes an instance has attached (BlockDeviceMappings[].Ebs.VolumeId). */
function volumesOf(raw: Raw, where: Where): Value<readonly string[]> {
  const list = raw["BlockDeviceMappings"];
  if (!Array.isArray(list)) return unknown(missingReason("BlockDeviceMappings", where));
  return known(list.flatMap((m) => (isRecord(m) && isRecord(m["Ebs"]) && typeof m["Ebs"]["VolumeId"] === "string" ? [m["Ebs"]["VolumeId"]] : [])));
}

/** An alarm on one instance's metric (an InstanceId dimension); undefined for any other alarm. */
function readAlarm(raw: Raw): { alarm: InstanceAlarm; instanceId: string } | undefined {
  const dims = Array.isArray(raw["Dimensions"]) ? raw["Dimensions"] : [];
  const dim = dims.find((d): d is Raw => isRecord(d) && d["Name"] === "InstanceId" && typeof d["Value"] === "string");
  if (dim === undefined) return undefined;
  const actions = Array.isArray(raw["AlarmActions"]) ? raw["AlarmActions"].filter((a): a is string => typeof a === "string") : [];
  return {
    instanceId: dim["Value"] as string,
    alarm: {
      name: plainString(raw, "AlarmName") ?? "(unnamed alarm)",
      metricName: plainString(raw, "MetricName") ?? "",
      actions,
      actionsEnabled: raw["ActionsEnabled"] !== false,
    },
  };
}
