// Models the application tier from Terraform resources (aws_autoscaling_group, aws_launch_template, aws_lb, aws_lb_target_group, aws_elb, aws_instance, aws_cloudwatch_metric_alarm), with Terraform's own defaults.
import type { AutoScalingGroup, ComputeTier, Ec2Instance, InstanceAlarm, LoadBalancer, LoadBalancerType, SubnetChoice, SubnetRef } from "../../model/compute.js";
import { known, unknown, type Value } from "../../model/value.js";
import { parseArn, regionFromAz } from "../aws-json/arn.js";
import { firstUnknownReason, isList, isObject, plain, scalar, tagsOf, type ReferenceLookup } from "./attributes.js";
import { TfReference, TfUnknown, type TfResource, type TfValue } from "./types.js";


/** The first block of a nested block list (`maintenance_options { … }` is `[{…}]` in JSON). */
function block(v: TfValue | undefined): { readonly [key: string]: TfValue } | undefined {
  if (isList(v)) return isObject(v[0]) ? v[0] : undefined;
  return isObject(v) ? v : undefined;
}

/**
 * Whether an Elastic Fabric Adapter is attached to an aws_instance: only a launch template's network_interfaces can
 * say so here (interface_type efa or efa-only). Interfaces attached by network_interface blocks are declared by other
 * resources (unknown); with neither, the instance has only its primary interface, a plain one.
 */
function efaOf(r: TfResource, template: TfResource | undefined, hasTemplate: boolean): Value<boolean> {
  const attached = r.values["network_interface"];
  if (isList(attached) && attached.length > 0) return unknown(`${r.address} attaches network interfaces declared elsewhere; whether one is an EFA is not read`);
  if (!hasTemplate) return known(false);
  if (template === undefined) return unknown(`${r.address} is launched from a launch template that is not among the inputs, which may attach an EFA`);
  const interfaces = template.values["network_interfaces"];
  if (!isList(interfaces)) return known(false);
  const types = interfaces.map((n) => (isObject(n) ? n["interface_type"] : undefined));
  if (types.some((t) => t === "efa" || t === "efa-only")) return known(true);
  const unread = types.find((t) => t !== undefined && t !== null && typeof t !== "string");
  return unread === undefined ? known(false) : unknown(`${template.address}.network_interfaces interface_type ${firstUnknownReason(unread as TfValue) ?? "is not known"}`);
}

/** Builds the tier from the resources of COMPUTE_TYPES; undefined when there are none of the tier's own types. */
export function buildComputeTier(
  resources: readonly TfResource[],
  lookup: ReferenceLookup,
  providerRegions: ReadonlyMap<string, string> | undefined,
): ComputeTier | undefined {
  const of = (type: string) => resources.filter((r) => r.type === type);
  if (!["aws_autoscaling_group", "aws_lb", "aws_elb", "aws_instance"].some((t) => of(t).length > 0)) return undefined;
  const subnets = of("aws_subnet");

  /** Resolves a value through references (a reference to another resource's attribute). */
  const resolve = (v: TfValue | undefined, from: TfResource): TfValue | undefined => {
    let x = v;
    for (let hops = 0; x instanceof TfReference && hops < 8; hops++) x = lookup(x, from);
    return x;
  };
  const str = (r: TfResource, attribute: string, unset: { default: string } | { reason: string }) => scalar(r, attribute, "string", unset, lookup);

  /** The AZ of one subnet: a reference to an aws_subnet among the inputs, or a literal id matched to one. */
  const subnetAz = (v: TfValue, from: TfResource): Value<string> => {
    if (v instanceof TfReference) {
      const az = lookup(new TfReference(v.address, "availability_zone"), from);
      if (typeof az === "string") return known(az);
      return unknown(`the AZ of ${v.address} ${az instanceof TfUnknown ? `is ${az.reason}` : "is not among the inputs"}`);
    }
    if (typeof v === "string") {
      const s = subnets.find((x) => x.values["id"] === v);
      const az = s === undefined ? undefined : plain(s.values["availability_zone"]);
      return az !== undefined ? known(az) : unknown(`the AZ of subnet ${v} is not among the inputs (no aws_subnet with that id)`);
    }
    return unknown(`a subnet of ${from.address} ${v instanceof TfUnknown ? `is ${v.reason}` : "cannot be told"}`);
  };

  /** AZs from a list of subnets: every subnet's AZ must be known. */
  const azsOfSubnets = (list: readonly TfValue[], from: TfResource): Value<readonly string[]> => {
    const azs: string[] = [];
    for (const s of list) {
      const az = subnetAz(s, from);
      if (!az.known) return az;
      azs.push(az.value);
    }
    return known([...new Set(azs)].sort());
  };

  /** A list of AZs (availability_zones) when given, else the AZs of the subnets in `subnetAttribute`. */
  const azsOf = (r: TfResource, subnetAttribute: string, subnetList?: readonly TfValue[]): Value<readonly string[]> => {
    const azs = resolve(r.values["availability_zones"], r);
    const listed = isList(azs) && azs.length > 0 && azs.every((a) => typeof a === "string") ? known([...new Set(azs as string[])].sort()) : undefined;
    const given = r.values[subnetAttribute];
    // A plan turns a list holding one reference (`[aws_subnet.a.id]`) into that reference: the one subnet it names.
    const subnetsRaw = subnetList ?? (given instanceof TfReference && given.attribute === "id" ? [given] : resolve(given, r));
    if (isList(subnetsRaw) && subnetsRaw.length > 0) {
      // In a VPC, AWS places it by its subnets; state's availability_zones is what the API said at the last read (an
      // update of the subnets can leave it stale), so it decides only when the subnets' AZs cannot be told.
      const fromSubnets = azsOfSubnets(subnetsRaw, r);
      return fromSubnets.known || listed === undefined ? fromSubnets : listed;
    }
    if (listed !== undefined) return listed;
    const why = firstUnknownReason(azs) ?? firstUnknownReason(subnetsRaw);
    return unknown(`${r.address} names no AZ or subnet Terraform knows${why ? ` (${why})` : ""}`);
  };

  const regionOf = (r: TfResource, azs: Value<readonly string[]>): Value<string> => {
    const arn = plain(r.values["arn"]);
    const fromArn = arn === undefined ? undefined : parseArn(arn)?.region;
    if (fromArn) return known(fromArn);
    const fromProvider = providerRegions?.get(r.address);
    if (fromProvider !== undefined) return known(fromProvider);
    const fromAz = azs.known ? azs.value.map(regionFromAz).find((x) => x !== undefined) : undefined;
    return fromAz ? known(fromAz) : unknown(`the region of ${r.address} is not in the Terraform data (no ARN yet, no region in the provider configuration)`);
  };
  const accountOf = (r: TfResource): Value<string> => {
    const arn = plain(r.values["arn"]);
    const account = arn === undefined ? undefined : parseArn(arn)?.account;
    return account ? known(account) : unknown(`the account is read from ${r.address}.arn, which is not known before apply`);
  };

  /**
   * A list attribute of strings (references kept as their address); unset → []. A plan turns a list set from another
   * resource (`[aws_lb_target_group.web.arn]`) into one reference: it names that resource, whether or not it is read.
   */
  const names = (r: TfResource, attribute: string): Value<readonly string[]> => {
    const raw = r.values[attribute];
    if (raw === undefined || raw === null) return known([]);
    const v = raw instanceof TfReference ? (lookup(raw, r) ?? [raw]) : raw;
    if (!isList(v)) return v instanceof TfReference ? known([v.address]) : unknown(`${r.address}.${attribute} ${firstUnknownReason(v) ?? "is not a list"}`);
    return known(v.map((x) => (typeof x === "string" ? x : x instanceof TfReference ? x.address : "(known after apply)")));
  };

  /** The resource a reference names among the inputs: its exact address, or the only instance of a counted one. */
  const resourceAt = (address: string, type: string): TfResource | undefined => {
    const all = of(type);
    return all.find((x) => x.address === address) ?? (all.filter((x) => x.address.replace(/\[[^\]]*\]$/, "") === address).length === 1 ? all.find((x) => x.address.replace(/\[[^\]]*\]$/, "") === address) : undefined);
  };

  /**
   * A group's target groups. A reference to an aws_lb_target_group is followed by address (its ARN is known only after
   * apply in a plan): the group is behind that target group, named by its ARN when known, else by its address.
   */
  const targetGroupsOf = (r: TfResource): Value<readonly string[]> => {
    const raw = r.values["target_group_arns"];
    if (raw === undefined || raw === null) return known([]);
    const items = raw instanceof TfReference ? [raw] : isList(raw) ? raw : undefined;
    if (items === undefined) return unknown(`${r.address}.target_group_arns ${firstUnknownReason(raw) ?? "is not a list"}`);
    const out: string[] = [];
    for (const x of items) {
      if (typeof x === "string") out.push(x);
      else if (x instanceof TfReference) {
        const group = resourceAt(x.address, "aws_lb_target_group");
        out.push((group && plain(group.values["arn"])) ?? x.address);
      } else return unknown(`a target group of ${r.address} ${firstUnknownReason(x) ?? "cannot be told"}`);
    }
    return known(out);
  };

  /**
   * The launch template an instance is launched from (`launch_template { id | name }`): by reference, or by a literal id
   * or name matched to an aws_launch_template among the inputs.
   */
  const launchTemplateOf = (r: TfResource): TfResource | undefined => {
    const spec = block(r.values["launch_template"]);
    if (spec === undefined) return undefined;
    for (const key of ["id", "name"]) {
      const v = spec[key];
      if (v instanceof TfReference) return resourceAt(v.address, "aws_launch_template");
      if (typeof v === "string" && v !== "") {
        const found = of("aws_launch_template").find((t) => t.values[key] === v);
        if (found) return found;
      }
    }
    return undefined;
  };

  /** A subnet's VPC: its literal id, or the address of the aws_vpc it references. */
  const vpcOf = (subnet: TfResource): string | undefined => {
    const v = subnet.values["vpc_id"];
    return v instanceof TfReference ? v.address : plain(v);
  };

  /**
   * The subnets `attribute` lists, each an aws_subnet among the inputs, all in one VPC, and the other subnets of that VPC
   * the inputs declare; undefined when any of that cannot be told (a fix then adds no subnet).
   */
  const subnetChoice = (r: TfResource, attribute: string): SubnetChoice | undefined => {
    const given = r.values[attribute];
    const list = given instanceof TfReference && given.attribute === "id" ? [given] : resolve(given, r);
    if (!isList(list) || list.length === 0) return undefined;
    const current: SubnetRef[] = [];
    let vpc: string | undefined;
    for (const item of list) {
      const subnet =
        item instanceof TfReference && item.attribute === "id" ? resourceAt(item.address, "aws_subnet") : typeof item === "string" ? subnets.find((x) => x.values["id"] === item) : undefined;
      const inVpc = subnet === undefined ? undefined : vpcOf(subnet);
      if (subnet === undefined || inVpc === undefined || (vpc !== undefined && inVpc !== vpc)) return undefined;
      vpc = inVpc;
      const id = plain(subnet.values["id"]);
      const az = plain(subnet.values["availability_zone"]);
      current.push({ address: subnet.address, ...(id ? { id } : {}), ...(az ? { availabilityZone: az } : {}) });
    }
    const literal = list.every((x) => typeof x === "string");
    const sameVpc = subnets
      .filter((x) => vpcOf(x) === vpc && !current.some((c) => c.address === x.address) && plain(x.values["availability_zone"]) !== undefined && (!literal || plain(x.values["id"]) !== undefined))
      .map((x): SubnetRef => ({ address: x.address, ...(plain(x.values["id"]) ? { id: plain(x.values["id"])! } : {}), availabilityZone: plain(x.values["availability_zone"])! }))
      .sort((a, b) => (a.availabilityZone! < b.availabilityZone! ? -1 : a.availabilityZone! > b.availabilityZone! ? 1 : a.address! < b.address! ? -1 : 1));
    return { attribute, current, literal, vpc: vpc!, sameVpc };
  };

  const attachments = of("aws_autoscaling_attachment");
  const groups: AutoScalingGroup[] = of("aws_autoscaling_group").map((r) => {
    const availabilityZones = azsOf(r, "vpc_zone_identifier");
    const id = plain(r.values["name"]) ?? r.address;
    const classic = names(r, "load_balancers");
    const targetGroups = targetGroupsOf(r);
    // aws_autoscaling_attachment attaches a load balancer or target group outside the group's block.
    const attached = attachments
      .filter((a) => {
        const g = a.values["autoscaling_group_name"];
        return (g instanceof TfReference && g.address === r.address) || (typeof g === "string" && g === id);
      })
      .map((a) => plain(a.values["lb_target_group_arn"]) ?? plain(a.values["elb"]) ?? a.address);
    const suspended = names(r, "suspended_processes");
    const choice = subnetChoice(r, "vpc_zone_identifier");
    return {
      id,
      address: r.address,
      ...(r.location ? { location: r.location } : {}),
      region: regionOf(r, availabilityZones),
      account: accountOf(r),
      tags: groupTags(r),
      availabilityZones,
      minSize: scalar(r, "min_size", "number", { reason: "is not set" }, lookup),
      desiredCapacity: scalar(r, "desired_capacity", "number", { reason: "is not set: AWS starts the group at its min_size" }, lookup),
      maxSize: scalar(r, "max_size", "number", { reason: "is not set" }, lookup),
      healthCheckType: str(r, "health_check_type", { default: "EC2" }),
      loadBalancers: !classic.known ? classic : !targetGroups.known ? targetGroups : known([...classic.value, ...targetGroups.value, ...attached]),
      instances: unknown(`Terraform data does not list the instances ${r.address} runs (a live scan or describe-auto-scaling-groups does)`),
      suspendedProcesses: suspended,
      // The provider's default grace period is 300 s.
      healthCheckGracePeriod: scalar(r, "health_check_grace_period", "number", { default: 300 }, lookup),
      ...(choice ? { subnets: choice } : {}),
    };
  });

  const loadBalancers: LoadBalancer[] = [
    ...of("aws_lb").map((r): LoadBalancer => {
      const type = str(r, "load_balancer_type", { default: "application" });
      const mapping = resolve(r.values["subnet_mapping"], r);
      // State records both `subnets` and the subnet_mapping AWS derives from them: the subnets decide when given.
      const listsSubnets = (isList(r.values["subnets"]) && (r.values["subnets"] as TfValue[]).length > 0) || r.values["subnets"] instanceof TfReference;
      const mapped = !listsSubnets && isList(mapping) && mapping.length > 0 ? mapping.map((m) => (isObject(m) ? (m["subnet_id"] ?? null) : null)) : undefined;
      const availabilityZones = azsOf(r, "subnets", mapped);
      const lbType: Value<LoadBalancerType> = type.known && ["application", "network", "gateway"].includes(type.value) ? known(type.value as LoadBalancerType) : type.known ? unknown(`${r.address}.load_balancer_type is ${type.value}`) : type;
      let crossZone: Value<boolean>;
      let crossZoneFrom: string | undefined;
      if (lbType.known && lbType.value === "application") [crossZone, crossZoneFrom] = [known(true), "always on for an Application Load Balancer"];
      else {
        crossZone = scalar(r, "enable_cross_zone_load_balancing", "boolean", { default: false }, lookup);
        crossZoneFrom = r.values["enable_cross_zone_load_balancing"] === undefined || r.values["enable_cross_zone_load_balancing"] === null
          ? `${r.address}.enable_cross_zone_load_balancing is not set: Terraform's default is false`
          : `${r.address}.enable_cross_zone_load_balancing`;
      }
      const choice = mapped === undefined ? subnetChoice(r, "subnets") : undefined;
      return {
        id: plain(r.values["name"]) ?? r.address,
        address: r.address,
        ...(r.location ? { location: r.location } : {}),
        region: regionOf(r, availabilityZones),
        account: accountOf(r),
        tags: tagsOf(r),
        type: lbType,
        availabilityZones,
        crossZone,
        ...(crossZoneFrom ? { crossZoneFrom } : {}),
        ...(choice ? { subnets: choice } : {}),
      };
    }),
    ...of("aws_elb").map((r): LoadBalancer => {
      const availabilityZones = azsOf(r, "subnets");
      const listsAzs = isList(r.values["availability_zones"]) && (r.values["availability_zones"] as TfValue[]).length > 0;
      const choice = listsAzs ? undefined : subnetChoice(r, "subnets");
      const set = r.values["cross_zone_load_balancing"] !== undefined && r.values["cross_zone_load_balancing"] !== null;
      return {
        id: plain(r.values["name"]) ?? r.address,
        address: r.address,
        ...(r.location ? { location: r.location } : {}),
        region: regionOf(r, availabilityZones),
        account: accountOf(r),
        tags: tagsOf(r),
        type: known("classic"),
        availabilityZones,
        // Terraform's aws_elb turns cross-zone on unless told otherwise (unlike the API, FACTS-RESILIENCE §5).
        crossZone: scalar(r, "cross_zone_load_balancing", "boolean", { default: true }, lookup),
        crossZoneFrom: set ? `${r.address}.cross_zone_load_balancing` : `${r.address}.cross_zone_load_balancing is not set: Terraform's aws_elb default is true`,
        ...(choice ? { subnets: choice } : {}),
      };
    }),
  ];

  const alarmsRead = of("aws_cloudwatch_metric_alarm");
  const alarmsOf = (r: TfResource, id: string): InstanceAlarm[] =>
    alarmsRead.flatMap((a) => {
      const dims = a.values["dimensions"];
      // A plan turns `dimensions = { InstanceId = aws_instance.x.id }` into that one reference when the id is not known yet.
      const dim = isObject(dims) ? dims["InstanceId"] : dims instanceof TfReference && dims.attribute === "id" && plain(a.values["namespace"]) === "AWS/EC2" ? dims : undefined;
      const mine = (dim instanceof TfReference && dim.address === r.address) || (typeof dim === "string" && dim === id);
      if (!mine) return [];
      const actions = isList(a.values["alarm_actions"]) ? a.values["alarm_actions"].filter((x): x is string => typeof x === "string") : [];
      return [{ name: plain(a.values["alarm_name"]) ?? a.address, metricName: plain(a.values["metric_name"]) ?? "", actions, actionsEnabled: a.values["actions_enabled"] !== false }];
    });

  const instances: Ec2Instance[] = of("aws_instance").map((r) => {
    const id = plain(r.values["id"]) ?? r.address;
    let availabilityZone = str(r, "availability_zone", { reason: "is not set" });
    if (!availabilityZone.known && r.values["subnet_id"] !== undefined && r.values["subnet_id"] !== null) {
      const fromSubnet = subnetAz(r.values["subnet_id"] ?? null, r);
      if (fromSubnet.known) availabilityZone = fromSubnet;
    }
    // What the instance leaves unset, its launch template may set (instance type, maintenance options).
    const template = launchTemplateOf(r);
    const unset = (v: TfValue | undefined) => v === undefined || v === null;
    const hasTemplate = block(r.values["launch_template"]) !== undefined;
    const fromTemplate = template !== undefined && unset(r.values["instance_type"]);
    const instanceType = fromTemplate
      ? str(template!, "instance_type", { reason: "is not set" })
      : str(r, "instance_type", { reason: hasTemplate ? "is not set, and the instance's launch template is not among the inputs" : "is not set" });
    const ownMaintenance = block(r.values["maintenance_options"]);
    const maintenance = ownMaintenance ?? (template === undefined ? undefined : block(template.values["maintenance_options"]));
    const recovery = maintenance === undefined ? undefined : maintenance["auto_recovery"];
    const autoRecovery: Value<"default" | "disabled"> =
      maintenance === undefined && template === undefined && hasTemplate
        ? unknown(`${r.address} is launched from a launch template that is not among the inputs, which may set maintenance_options.auto_recovery`)
        : recovery === undefined || recovery === null
        ? known("default") // unset: the instance keeps AWS's default (simplified automatic recovery on where the type supports it)
        : recovery === "default" || recovery === "disabled"
          ? known(recovery)
          : unknown(`${r.address}.maintenance_options.auto_recovery ${firstUnknownReason(recovery) ?? `is ${JSON.stringify(recovery)}`}`);
    return {
      id,
      address: r.address,
      ...(r.location ? { location: r.location } : {}),
      region: regionOf(r, availabilityZone.known ? known([availabilityZone.value]) : unknown("")),
      account: accountOf(r),
      tags: tagsOf(r),
      instanceType,
      availabilityZone,
      state: str(r, "instance_state", { default: "running" }),
      tenancy: str(r, "tenancy", { default: "default" }),
      autoRecovery,
      efa: efaOf(r, template, hasTemplate),
      alarms: known(alarmsOf(r, id)),
    };
  });

  const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { groups: groups.sort(byId), loadBalancers: loadBalancers.sort(byId), instances: instances.sort(byId) };
}

/** An Auto Scaling group's tags: `tag { key, value, propagate_at_launch }` blocks (it has no `tags` map); none → {}. */
function groupTags(r: TfResource): Value<Readonly<Record<string, string>>> {
  const blocks = r.values["tag"];
  if (blocks === undefined || blocks === null) return known({});
  if (!isList(blocks)) return unknown(`${r.address}.tag ${firstUnknownReason(blocks) ?? "is not a list of tag blocks"}`);
  const pairs: [string, string][] = [];
  for (const b of blocks) {
    if (!isObject(b) || typeof b["key"] !== "string" || typeof b["value"] !== "string") return unknown(`a tag of ${r.address} ${firstUnknownReason(b) ?? "has no literal key and value"}`);
    pairs.push([b["key"], b["value"]]);
  }
  return known(Object.fromEntries(pairs));
}
