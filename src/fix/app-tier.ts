// Fixes the application tier (Auto Scaling groups, load balancers, lone EC2 instances): the Terraform blocks its remedies change or add, the rest as steps.
import type { Result } from "../engine/result.js";
import { computeResources, type SubnetChoice, type SubnetRef } from "../model/compute.js";
import type { Inventory } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import type { TfValue } from "../model/terraform-value.js";
import type { AddInstanceAlarm, AddSubnets, Remedy, SetAttribute } from "../rules/remedy.js";
import { noteBlock, ref, setAttribute, type Block, type Draft } from "./blocks.js";
import type { ManualStep, RuleLookup } from "./fixers.js";
import { nameFromAddress, type DeclaredResource } from "./from-model.js";
import type { Baseline } from "./verify.js";

/** Sources that read AWS itself: their groups and load balancers would have to be imported whole, which haspec does not write. */
const LIVE_SOURCES = new Set(["aws-json", "aws", "snapshot"]);

/**
 * A plain root-module address (`aws_subnet.a`): one the fix can refer to by the same name in every output. An index
 * (count, for_each) or a module path is left to the user: its key is outside text, never written into an expression.
 */
const ROOT_ADDRESS = /^aws_[a-z0-9_]+\.[A-Za-z_][A-Za-z0-9_-]*$/;

export interface AppTierFix {
  readonly resource: Resource;
  readonly declared: DeclaredResource;
  readonly failing: Result[];
  readonly attempted: Set<string>;
  readonly baseline: Baseline;
}

function show(v: unknown): string {
  return v === null || v === undefined ? "unset" : typeof v === "string" ? v : JSON.stringify(v);
}

/** A value quoted for a POSIX shell, for the AWS CLI commands of manual steps. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The Terraform type of an application-tier address: `module.web.aws_lb.api` → `aws_lb`. */
function typeOf(resource: Resource): string | undefined {
  return /(?:^|\.)(aws_[a-z0-9_]+)\.[^.]+$/.exec(resource.address.replace(/\[[^\]]*\]$/, ""))?.[1];
}

/** The values the model knows for the block of a group or load balancer (what the rules judge, so the re-check can). */
function mainValues(resource: Resource, type: string, subnetValue: (s: SubnetRef, choice: SubnetChoice) => TfValue): Record<string, TfValue> {
  const item = resource.compute!;
  const values: Record<string, TfValue> = {};
  const put = (attribute: string, v: { known: boolean; value?: unknown } | undefined) => {
    if (v !== undefined && v.known && v.value !== null && v.value !== undefined) values[attribute] = v.value as TfValue;
  };
  const placement = (choice: SubnetChoice | undefined) => {
    if (choice !== undefined) values[choice.attribute] = choice.current.map((s) => subnetValue(s, choice));
  };
  if (resource.id !== resource.address) values["name"] = resource.id;
  if (item.kind === "autoscaling-group") {
    const g = item.group;
    put("min_size", g.minSize);
    put("max_size", g.maxSize);
    put("desired_capacity", g.desiredCapacity);
    put("health_check_type", g.healthCheckType);
    put("health_check_grace_period", g.healthCheckGracePeriod);
    placement(g.subnets);
    // For the re-check only (a policy may select groups by tag): whether each tag propagates is not in the model.
    if (resource.tags.known && Object.keys(resource.tags.value).length > 0) values["tag"] = Object.entries(resource.tags.value).map(([key, value]) => ({ key, value }));
    if (g.loadBalancers.known) {
      const groups = g.loadBalancers.value.filter((b) => b.startsWith("arn:") || b.startsWith("aws_lb_target_group."));
      const classic = g.loadBalancers.value.filter((b) => !groups.includes(b) && !/^aws_[a-z0-9_]+\./.test(b));
      if (groups.length > 0) values["target_group_arns"] = groups.map((b) => (b.startsWith("arn:") ? b : ref({ type: "aws_lb_target_group", name: b.slice("aws_lb_target_group.".length) }, "arn")));
      if (classic.length > 0) values["load_balancers"] = classic;
    }
  } else if (item.kind === "load-balancer") {
    const lb = item.loadBalancer;
    if (type === "aws_lb") put("load_balancer_type", lb.type);
    placement(lb.subnets);
    if (!(lb.type.known && lb.type.value === "application")) put(type === "aws_elb" ? "cross_zone_load_balancing" : "enable_cross_zone_load_balancing", lb.crossZone);
    if (resource.tags.known && Object.keys(resource.tags.value).length > 0) values["tags"] = { ...resource.tags.value };
  }
  return values;
}

/** The instance as the re-check needs it (its id, type, AZ, tenancy, recovery setting): never written out. */
function instanceValues(resource: Resource, live: boolean): Record<string, TfValue> {
  const i = resource.compute!.kind === "ec2-instance" ? resource.compute!.instance : undefined;
  if (i === undefined) return {};
  const values: Record<string, TfValue> = {};
  // Its id as AWS gives it (a Terraform input names an instance by address until it is applied).
  if (live || resource.id !== resource.address) values["id"] = resource.id;
  if (i.instanceType.known) values["instance_type"] = i.instanceType.value;
  if (i.availabilityZone.known) values["availability_zone"] = i.availabilityZone.value;
  if (i.tenancy.known) values["tenancy"] = i.tenancy.value;
  if (i.autoRecovery.known) values["maintenance_options"] = [{ auto_recovery: i.autoRecovery.value }];
  if (resource.tags.known && Object.keys(resource.tags.value).length > 0) values["tags"] = { ...resource.tags.value };
  return values;
}

/** The AWS CLI command that makes an attribute change on a live group or load balancer, when there is one. */
function cliCommand(resource: Resource, change: SetAttribute): string | undefined {
  const q = shellQuote;
  const also = (change.alongside ?? []).map((a) => `--${a.attribute.replace(/_/g, "-")} ${q(String(a.to))}`).join(" ");
  if (change.resourceType === "aws_autoscaling_group") {
    return `aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${q(resource.id)} --${change.attribute.replace(/_/g, "-")} ${q(String(change.to))}${also ? ` ${also}` : ""}`;
  }
  if (change.resourceType === "aws_lb" && change.attribute === "enable_cross_zone_load_balancing") {
    return `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${q(resource.address)} --attributes Key=load_balancing.cross_zone.enabled,Value=${change.to === true}`;
  }
  if (change.resourceType === "aws_elb" && change.attribute === "cross_zone_load_balancing") {
    return `aws elb modify-load-balancer-attributes --load-balancer-name ${q(resource.id)} --load-balancer-attributes '{"CrossZoneLoadBalancing":{"Enabled":${change.to === true}}}'`;
  }
  return undefined;
}

class AppTierFixer {
  readonly attempted = new Set<string>();
  readonly manual: ManualStep[] = [];

  constructor(
    private readonly draft: Draft,
    private readonly resource: Resource,
    private readonly main: Block | undefined,
    private readonly instance: Block | undefined,
    private readonly live: boolean,
    private readonly rules: RuleLookup,
  ) {}

  private step(result: Result, text: string): void {
    this.manual.push({ resource: this.resource.id, rule: result.rule, text });
  }

  private consequence(rule: string): string {
    const why = this.rules(rule)?.why ?? "";
    const first = /^.*?[.!?](?=\s+[A-Z(]|$)/s.exec(why)?.[0] ?? why;
    return first.length > 200 ? `${first.slice(0, 199)}…` : first;
  }

  apply(result: Result): void {
    const remedies: readonly Remedy[] = result.remedies ?? [];
    if (remedies.length === 0) this.step(result, `${result.message}. ${this.rules(result.rule)?.fixHint ?? ""}`.trim());
    for (const remedy of remedies) {
      switch (remedy.kind) {
        case "set-attribute":
          this.setAttribute(result, remedy);
          break;
        case "add-subnets":
          this.addSubnets(result, remedy);
          break;
        case "add-instance-alarm":
          this.addAlarm(result, remedy);
          break;
        case "manual":
          this.step(result, `${remedy.text}${remedy.note ? ` (${remedy.note})` : ""}`);
          break;
        default:
          this.step(result, `${result.message}. ${this.rules(result.rule)?.fixHint ?? ""}`.trim());
      }
    }
  }

  private setAttribute(result: Result, change: SetAttribute): void {
    const block = this.main;
    if (block === undefined || block.type !== change.resourceType) {
      const cli = this.live ? cliCommand(this.resource, change) : undefined;
      const why = this.live ? "haspec does not write Terraform to import a whole Auto Scaling group or load balancer" : "its Terraform block could not be declared";
      this.step(result, `${change.attribute}: ${show(change.from)} -> ${show(change.to)}${cli ? `: ${cli}` : ""} (not written as Terraform: ${why})`);
      return;
    }
    const earlier = block.notes.get(change.attribute)?.length ? block.values[change.attribute] : undefined;
    const to = change.bound === "floor" && typeof earlier === "number" && typeof change.to === "number" ? Math.max(earlier, change.to) : change.to;
    setAttribute(block, change.attribute, to, { rule: result.rule, text: `${show(change.from)} -> ${show(to)}: ${this.consequence(result.rule)}` });
    for (const also of change.alongside ?? []) {
      const before = block.values[also.attribute];
      const value = typeof before === "number" && typeof also.to === "number" && block.notes.get(also.attribute)?.length ? Math.max(before, also.to) : also.to;
      setAttribute(block, also.attribute, value, { rule: result.rule, text: also.why });
    }
    this.attempted.add(result.rule);
  }

  /** Adds one subnet per AZ the resource does not use yet, from its VPC's subnets among the inputs, until it spans `azs`. */
  private addSubnets(result: Result, remedy: AddSubnets): void {
    const item = this.resource.compute!;
    const choice = item.kind === "autoscaling-group" ? item.group.subnets : item.kind === "load-balancer" ? item.loadBalancer.subnets : undefined;
    const block = this.main;
    const refuse = (why: string) => this.step(result, `${remedy.manual} (not written: ${why})`);
    if (block === undefined || block.type !== remedy.resourceType) return refuse(this.live ? "haspec does not write Terraform to import a whole Auto Scaling group or load balancer" : "its Terraform block could not be declared");
    if (choice === undefined || choice.attribute !== remedy.attribute) return refuse(`the inputs do not show its ${remedy.attribute} as subnets of one VPC that Terraform declares`);
    if (!choice.literal && [...choice.current, ...choice.sameVpc].some((s) => s.address === undefined || !ROOT_ADDRESS.test(s.address))) {
      return refuse("its subnets are not plain root resources (a module, count or for_each), which haspec does not refer to by address");
    }
    const used = new Set(choice.current.flatMap((s) => (s.availabilityZone ? [s.availabilityZone] : [])));
    const added: SubnetRef[] = [];
    for (const s of choice.sameVpc) {
      if (used.size >= remedy.azs) break;
      if (s.availabilityZone === undefined || used.has(s.availabilityZone)) continue;
      used.add(s.availabilityZone);
      added.push(s);
    }
    if (used.size < remedy.azs) {
      const others = choice.sameVpc.map((s) => `${s.address ?? s.id} (${s.availabilityZone})`);
      return refuse(`the inputs declare ${others.length === 0 ? "no other subnet" : `only ${others.join(", ")}`} in ${choice.vpc}: create subnets in other AZs of that VPC first`);
    }
    const value = [...choice.current, ...added].map((s) => this.subnetValue(s, choice));
    setAttribute(block, remedy.attribute, value, {
      rule: result.rule,
      text: `add ${added.map((s) => `${s.address ?? s.id} (${s.availabilityZone})`).join(", ")} of ${choice.vpc}: ${this.consequence(result.rule)}`,
    });
    this.attempted.add(result.rule);
  }

  /** A subnet as the attribute lists it: its id where the configuration gives ids, else a reference to its (context) block. */
  subnetValue(s: SubnetRef, choice: SubnetChoice): TfValue {
    const context = this.draft.byKey(`context:${s.address}`) ?? this.addContextSubnet(s);
    return choice.literal && s.id !== undefined ? s.id : ref(context, "id");
  }

  private addContextSubnet(s: SubnetRef): Block {
    const address = s.address ?? `aws_subnet.${s.id ?? "unknown"}`;
    const [, name = "subnet"] = /^aws_subnet\.(.+)$/.exec(address) ?? [];
    return this.draft.add(
      {
        type: "aws_subnet",
        name: name.replace(/[[\]"]/g, "_"),
        values: { ...(s.id ? { id: s.id } : {}), ...(s.availabilityZone ? { availability_zone: s.availabilityZone } : {}) },
        origin: { kind: "terraform", address },
        region: this.main?.region,
        account: this.main?.account,
        owner: "(context)",
        context: true,
      },
      `context:${s.address}`,
    );
  }

  private addAlarm(result: Result, remedy: AddInstanceAlarm): void {
    const instance = this.instance;
    const region = this.resource.region.known ? this.resource.region.value : undefined;
    if (instance === undefined || region === undefined) {
      return this.step(result, `add an aws_cloudwatch_metric_alarm on ${remedy.metricName} with ${remedy.action} (not written: ${region === undefined ? "the instance's region is not in the data" : "the instance is not a plain root resource (a module, count or for_each), which haspec does not refer to by address"})`);
    }
    const tags = this.resource.tags.known ? this.resource.tags.value : {};
    const label = this.live ? this.resource.id : (tags["Name"] ?? instance.name);
    const dimension: TfValue = this.live ? this.resource.id : ref(instance, "id");
    const block = this.draft.add({
      type: "aws_cloudwatch_metric_alarm",
      name: `${instance.name}_${remedy.purpose}`,
      values: {
        alarm_name: `${label}-${remedy.purpose}`,
        alarm_description: `Recovers ${label} on another host when AWS's system status check fails (haspec fix, ${result.rule})`,
        namespace: remedy.namespace,
        metric_name: remedy.metricName,
        statistic: remedy.statistic,
        period: remedy.period,
        evaluation_periods: remedy.evaluationPeriods,
        threshold: remedy.threshold,
        comparison_operator: remedy.comparisonOperator,
        dimensions: { InstanceId: dimension },
        alarm_actions: [remedy.action.replace("<region>", region)],
      },
      origin: { kind: "new" },
      region,
      account: instance.account,
      owner: this.resource.address,
    });
    noteBlock(block, { rule: result.rule, text: `a recover alarm for ${this.resource.id}: ${this.consequence(result.rule)}` });
    this.attempted.add(result.rule);
  }
}

/**
 * Declares each failing application-tier resource and applies its remedies. A group or load balancer read from Terraform
 * is declared at its address (tf.patch changes it there); one read from AWS is not (its changes are AWS CLI steps). A lone
 * instance is declared only for the re-check (never written): the fix adds a recover alarm beside it.
 */
export function fixApplicationTier(draft: Draft, failingBy: ReadonlyMap<string, readonly Result[]>, inventory: Inventory, rules: RuleLookup): { fixes: AppTierFix[]; manual: ManualStep[] } {
  const fixes: AppTierFix[] = [];
  const manual: ManualStep[] = [];
  for (const resource of computeResources(inventory.compute)) {
    const failing = failingBy.get(resource.address);
    if (failing === undefined || failing.length === 0) continue;
    const live = LIVE_SOURCES.has(resource.location?.source ?? "");
    const type = live ? undefined : typeOf(resource);
    const region = resource.region.known ? resource.region.value : undefined;
    const account = resource.account.known ? resource.account.value : undefined;
    const isInstance = resource.kind === "ec2-instance";
    const before = draft.blocks.length;
    let main: Block | undefined;
    let instance: Block | undefined;
    const inModule = !live && !ROOT_ADDRESS.test(resource.address);
    if (isInstance && (live || (type === "aws_instance" && !inModule))) {
      instance = draft.add({
        type: "aws_instance",
        name: live ? resource.id : nameFromAddress(resource.address, "aws_instance"),
        values: instanceValues(resource, live),
        origin: live ? { kind: "import", id: resource.id } : { kind: "terraform", address: resource.address, ...(resource.location ? { location: resource.location } : {}) },
        region,
        account,
        owner: resource.address,
        context: true,
      });
      main = instance;
    }
    if (!isInstance && type !== undefined) {
      main = draft.add({
        type,
        name: nameFromAddress(resource.address, type),
        values: {},
        origin: { kind: "terraform", address: resource.address, ...(resource.location ? { location: resource.location } : {}) },
        region,
        account,
        owner: resource.address,
        ...(resource.kind === "autoscaling-group" ? { recheckOnly: new Set(["tag"]) } : {}),
      });
    }
    const fixer = new AppTierFixer(draft, resource, main, instance, live, rules);
    if (main !== undefined && main !== instance) Object.assign(main.values, mainValues(resource, main.type, (s, c) => fixer.subnetValue(s, c)));
    const baseline: Baseline = { blocks: main === undefined ? [] : [{ ...main, values: { ...main.values } }, ...contextOf(draft, main)], writers: new Map() };
    for (const result of failing) fixer.apply(result);
    manual.push(...fixer.manual);
    const changed = draft.blocks.slice(before).some((b) => b.owner === resource.address && (b.origin.kind === "new" || b.notes.size > 0));
    if (main === undefined || !changed) {
      draft.dropSince(before, resource.address);
      continue;
    }
    fixes.push({ resource, declared: { resource, main, members: new Map(), writerId: undefined }, failing: [...failing], attempted: fixer.attempted, baseline });
  }
  return { fixes, manual };
}

/** The context blocks (subnets) a block refers to, copied as they are. */
function contextOf(draft: Draft, block: Block): Block[] {
  const out: Block[] = [];
  const visit = (v: TfValue) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object" && "address" in v && "attribute" in v) {
      const b = draft.byKey(`context:${(v as { address: string }).address}`) ?? draft.blocks.find((x) => x.context && `${x.type}.${x.name}` === (v as { address: string }).address);
      if (b !== undefined && !out.includes(b)) out.push(b);
    }
  };
  for (const v of Object.values(block.values)) visit(v);
  return out;
}
