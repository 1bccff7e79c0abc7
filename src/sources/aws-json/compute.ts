// Reads the application tier from AWS CLI JSON (and the live scan, whose SDK outputs have the same shapes): Auto Scaling groups, instances, load balancers (elbv2 and Classic), their attributes, target groups and CloudWatch alarms.
import type { AutoScalingGroup, ComputeTier, Ec2Instance, GroupMember, InstanceAlarm, LoadBalancer, LoadBalancerType } from "../../model/compute.js";
import type { SourceLocation } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { parseArn, regionFromAz } from "./arn.js";
import { isRecord, missingReason, numberField, plainString, stringField, wrongTypeReason, type Raw, type Where } from "./fields.js";

/** The top-level keys of the application tier's outputs. */
export const COMPUTE_KEYS = ["AutoScalingGroups", "Reservations", "LoadBalancers", "LoadBalancerDescriptions", "Attributes", "LoadBalancerAttributes", "TargetGroups", "TagDescriptions", "MetricAlarms"] as const;
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

/** The account and region a list was read for, when the reader knows it (the live scan). */
export interface ComputeScope {
  readonly account?: string;
  readonly region?: string;
}

/** Classic load balancers have no ARN: their names are unique per account and region only. */
function classicKey(name: string, scope: ComputeScope | undefined): string {
  return scope?.region === undefined ? `classic/${name}` : `classic/${scope.account ?? ""}/${scope.region}/${name}`;
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
  private readonly loadBalancers = new Map<string, { raw: Raw; type: LoadBalancerType; location: SourceLocation; scope: ComputeScope | undefined }>();
  /** Target group ARN → the load balancers it is attached to (describe-target-groups LoadBalancerArns). */
  private readonly targetGroups = new Map<string, readonly string[]>();
  /** Load balancer (ARN, or the Classic key) → its tags, from describe-tags. */
  private readonly lbTags = new Map<string, Value<Readonly<Record<string, string>>>>();
  private readonly attributes = new Map<string, { crossZone: boolean | undefined; file: string | undefined }>();
  private readonly alarms: InstanceAlarm[] = [];
  private readonly alarmInstance = new Map<InstanceAlarm, string>();
  private alarmsRead = false;
  private seen = false;

  constructor(private readonly note: (text: string) => void) {}

  /** Takes one section; returns the number of entries it could not read and the first's note. */
  add(key: ComputeKey, items: readonly unknown[], name: string | undefined, location: SourceLocation, scope?: ComputeScope): { count: number; first: string | undefined } {
    this.seen = true;
    // An empty attribute list was still read: the load balancer sets none, and the API's defaults apply.
    if (key === "Attributes" && name !== undefined && !this.attributes.has(name)) this.attributes.set(name, { crossZone: undefined, file: location.file });
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
        this.loadBalancers.set(plainString(item, "LoadBalancerArn") ?? classicKey(lbName, scope), { raw: item, type: t, location, scope });
        return undefined;
      }
      case "Attributes": {
        if (name === undefined) return undefined;
        const previous = this.attributes.get(name);
        const crossZone = item["Key"] === "load_balancing.cross_zone.enabled" ? item["Value"] === "true" : previous?.crossZone;
        this.attributes.set(name, { crossZone, file: location.file });
        return undefined;
      }
      case "LoadBalancerAttributes": {
        if (name === undefined) return undefined;
        const cz = item["CrossZoneLoadBalancing"];
        const enabled = isRecord(cz) && typeof cz["Enabled"] === "boolean" ? cz["Enabled"] : undefined;
        this.attributes.set(classicKey(name, scope), { crossZone: enabled, file: location.file });
        return undefined;
      }
      case "TagDescriptions": {
        // elbv2 names the load balancer by ResourceArn (target groups' tags are not used), Classic by LoadBalancerName.
        const arn = plainString(item, "ResourceArn");
        const classic = plainString(item, "LoadBalancerName");
        if (arn === undefined && classic === undefined) return "it has no ResourceArn or LoadBalancerName";
        const id = arn ?? classic!;
        this.lbTags.set(arn ?? classicKey(classic!, scope), tagList(item, { output: "describe-tags", id }));
        return undefined;
      }
      case "TargetGroups": {
        // aws rds describe-db-proxy-target-groups prints a TargetGroups list too: not the load balancers' (not read).
        if (item["DBProxyName"] !== undefined) return undefined;
        const arn = plainString(item, "TargetGroupArn");
        if (arn === undefined) return "it has no TargetGroupArn";
        const lbs = item["LoadBalancerArns"];
        if (!Array.isArray(lbs) || lbs.some((a) => typeof a !== "string")) return `${arn} has no LoadBalancerArns list`;
        this.targetGroups.set(arn, lbs as string[]);
        return undefined;
      }
      case "MetricAlarms": {
        this.alarmsRead = true;
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
    const loadBalancers = [...this.loadBalancers.entries()].map(([key, lb]) => this.loadBalancer(key, lb));
    const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const groups = [...this.groups.values()].map((g) => this.behindLoadBalancers(g));
    return { groups: groups.sort(byId), loadBalancers: loadBalancers.sort(byId), instances: instances.sort(byId) };
  }

  /**
   * A group's target groups that are attached to a load balancer (describe-target-groups LoadBalancerArns): one attached
   * to none sends no traffic and runs no health checks. Without the target groups among the inputs, or for one they do
   * not list, each counts as a load balancer (the rules then ask for ELB health checks rather than skip the group).
   */
  private behindLoadBalancers(group: AutoScalingGroup): AutoScalingGroup {
    if (this.targetGroups.size === 0 || !group.loadBalancers.known) return group;
    const attached = group.loadBalancers.value.filter((b) => (this.targetGroups.get(b)?.length ?? 1) > 0);
    return attached.length === group.loadBalancers.value.length ? group : { ...group, loadBalancers: known(attached) };
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
      alarms: this.alarmsRead ? known(this.alarms.filter((a) => this.alarmInstance.get(a) === id)) : unknown(NO_ALARMS),
    };
  }

  private loadBalancer(key: string, lb: { raw: Raw; type: LoadBalancerType; location: SourceLocation; scope: ComputeScope | undefined }): LoadBalancer {
    const name = plainString(lb.raw, "LoadBalancerName")!;
    const arn = plainString(lb.raw, "LoadBalancerArn");
    const output = lb.type === "classic" ? "elb describe-load-balancers" : "elbv2 describe-load-balancers";
    const where: Where = { output, id: name };
    const availabilityZones = lb.type === "classic" ? stringList(lb.raw, "AvailabilityZones", where) : stringList(lb.raw, "AvailabilityZones", where, "ZoneName");
    // ELB v2 attributes are named by the load balancer's ARN (the live scan) or name (a file describe-load-balancer-attributes.NAME.json).
    const attrs = lb.type === "classic" ? this.attributes.get(key) : ((arn === undefined ? undefined : this.attributes.get(arn)) ?? this.attributes.get(name));
    const crossZone = crossZoneOf(lb.type, name, attrs);
    return {
      id: name,
      address: arn ?? name,
      location: lb.location,
      region: lb.scope?.region !== undefined ? known(lb.scope.region) : regionOf(arn, availabilityZones, where),
      account:
        lb.type !== "classic" ? accountOf(arn, where) : lb.scope?.account !== undefined ? known(lb.scope.account) : unknown(`the ${output} output names no account for ${name}`),
      tags:
        this.lbTags.get(key) ??
        unknown(
          `the ${output} output carries no tags, and no describe-tags output for ${name} is among the inputs ` +
            `(aws ${lb.type === "classic" ? `elb describe-tags --load-balancer-names ${name}` : "elbv2 describe-tags --resource-arns ARN"} > describe-tags.${name}.json)`,
        ),
      type: known(lb.type),
      availabilityZones,
      ...crossZone,
    };
  }
}

/** Cross-zone at the load balancer level: ALB always on; NLB, GWLB and Classic from their attributes, with the API's defaults (off) when the attribute list omits it. */
function crossZoneOf(type: LoadBalancerType, name: string, attrs: { crossZone: boolean | undefined; file: string | undefined } | undefined): Pick<LoadBalancer, "crossZone" | "crossZoneFrom"> {
  if (type === "application") return { crossZone: known(true), crossZoneFrom: "always on for an Application Load Balancer (it cannot be turned off at the load balancer level)" };
  if (attrs === undefined) return { crossZone: unknown(`no describe-load-balancer-attributes output for ${name} among the inputs (${attributesHint(type, name)})`) };
  if (attrs.crossZone !== undefined) return { crossZone: known(attrs.crossZone), crossZoneFrom: `${type === "classic" ? "CrossZoneLoadBalancing.Enabled" : "load_balancing.cross_zone.enabled"} in ${attrs.file}` };
  return { crossZone: known(false), crossZoneFrom: `${attrs.file} does not set it: off by default for a ${type === "classic" ? "Classic load balancer created with the API or CLI" : `${type} load balancer`}` };
}

function readGroup(raw: Raw, location: SourceLocation): AutoScalingGroup | undefined {
  const name = plainString(raw, "AutoScalingGroupName");
  if (name === undefined) return undefined;
  const arn = plainString(raw, "AutoScalingGroupARN");
  const where: Where = { output: "describe-auto-scaling-groups", id: name };
  const availabilityZones = stringList(raw, "AvailabilityZones", where);
  const classic = stringList(raw, "LoadBalancerNames", where);
  const targetGroups = stringList(raw, "TargetGroupARNs", where);
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
    loadBalancers: !classic.known ? classic : !targetGroups.known ? targetGroups : known([...classic.value, ...targetGroups.value]),
    instances: groupMembers(raw, where),
    suspendedProcesses: raw["SuspendedProcesses"] === undefined ? known([]) : stringList(raw, "SuspendedProcesses", where, "ProcessName"),
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
