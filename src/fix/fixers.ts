// Interprets the remedies of one resource's failing results: changes on its Terraform blocks, manual steps and SQL.
import type { Result } from "../engine/result.js";
import type { DnsRecord, Inventory } from "../model/inventory.js";
import type { TfValue } from "../model/terraform-value.js";
import type {
  ChangeDnsRecord,
  ChangeTopology,
  CreateResource,
  Remedy,
  RunSql,
  SetAttribute,
  SetClusterParameter,
  SubscribeEvents,
} from "../rules/remedy.js";
import type { RuleInfo } from "../rules/types.js";
import { noteBlock, ref, setAttribute, type Block, type ChangeNote, type Draft } from "./blocks.js";
import { nameFromAddress, type DeclaredResource } from "./from-model.js";
import { compareClassSize } from "../facts/instance-class.js";
import { clusterParameterGroupFamily, parameterGroupName, rdsIdentifier } from "./names.js";
import type { SharedBlocks } from "./shared.js";
import { procedureDir } from "./scale-up.js";

/** A failing result the fix cannot express in Terraform, with what to do instead. */
export interface ManualStep {
  readonly resource: string;
  readonly rule: string;
  readonly text: string;
}

/** SQL to run on a writer (settings with no Terraform attribute). */
export interface SqlStep {
  readonly resource: string;
  readonly rule: string;
  readonly statement: string;
  /** The file it is written to, under `sql/`. */
  readonly file: string;
}

export interface FixOutcome {
  /** Rules the blocks now address (they are re-checked afterwards). */
  readonly attempted: Set<string>;
  readonly manual: ManualStep[];
  readonly sql: SqlStep[];
}

/** The rules' descriptions by id, as the evaluation carries them. */
export type RuleLookup = (id: string) => RuleInfo | undefined;

function show(v: unknown): string {
  return v === null || v === undefined ? "unset" : typeof v === "string" ? v : JSON.stringify(v);
}

function recordKey(name: string, type: string, zone: string | undefined): string {
  return `${zone ?? ""}\u0000${name.replace(/\.$/, "")}\u0000${type}`;
}

/** What the fixers look up in the inventory (names already taken, records by name), built on first use by one fix plan. */
export class InventoryIndex {
  private ids: ReadonlySet<string> | undefined;
  private subscriptions: ReadonlySet<string> | undefined;
  private records: ReadonlyMap<string, DnsRecord> | undefined;

  constructor(private readonly inventory: Inventory) {}

  /** Whether an instance of this identifier exists (AWS identifiers are case-insensitive). */
  hasInstance(id: string): boolean {
    this.ids ??= new Set(this.inventory.resources.flatMap((r) => (r.instances.known ? r.instances.value.map((i) => i.id.toLowerCase()) : [])));
    return this.ids.has(id.toLowerCase());
  }

  /** Whether the account already has an event subscription of this name. */
  hasSubscription(name: string): boolean {
    const known = this.inventory.eventSubscriptions;
    this.subscriptions ??= new Set(known.known ? known.value.items.map((s) => s.name.toLowerCase()) : []);
    return this.subscriptions.has(name.toLowerCase());
  }

  /** The record of this name and type in the zone (the first one the data lists). */
  record(name: string, type: string, zone: string | undefined): DnsRecord | undefined {
    if (this.records === undefined) {
      const built = new Map<string, DnsRecord>();
      for (const r of this.inventory.dnsRecords.known ? this.inventory.dnsRecords.value : []) {
        const key = recordKey(r.name, r.type, r.zone);
        if (!built.has(key)) built.set(key, r);
      }
      this.records = built;
    }
    return this.records.get(recordKey(name, type, zone));
  }
}

/** The key a remedy that creates or rewrites a whole resource is made once under, whatever the number of results asking. */
function onceKey(r: Remedy): string | undefined {
  switch (r.kind) {
    case "set-cluster-parameter":
      return `parameter:${r.parameter}`;
    case "subscribe-events":
      return `events:${r.sourceType}`;
    case "change-dns-record":
      // A TTL asked under several limits is applied each time: the lowest wins (see `dns`).
      return r.attribute === "ttl" ? undefined : `record:${recordKey(r.record.name, r.record.type, r.record.zone)}:${r.attribute}`;
    case "run-sql":
      return `sql:${r.name}`;
    case "create-resource":
      return `create:${r.resourceType}:${JSON.stringify(r.values)}`;
    default:
      return undefined;
  }
}

/** Whether `change` should replace a value another remedy set on the same attribute: the stricter one wins. */
function wins(change: SetAttribute, earlier: TfValue): boolean {
  if (typeof change.to !== "number" || typeof earlier !== "number") return true;
  if (change.bound === "floor") return change.to > earlier;
  if (change.bound === "ceiling") {
    // A value that switches the feature off is never the stricter one.
    if (change.off !== undefined) return earlier === change.off || (change.to !== change.off && change.to < earlier);
    return change.to < earlier;
  }
  return true;
}

export class ResourceFixer {
  readonly outcome: FixOutcome = { attempted: new Set(), manual: [], sql: [] };
  private readonly topologyNeeds = { readers: 0, azs: 0, outside: 0, otherAz: false, maxTier: Number.POSITIVE_INFINITY };
  /** Rules whose results reshape the cluster, in the order they came: named on the readers added for them. */
  private readonly topologyRules: string[] = [];
  /** The rule that asked for the failover target outside the writer's AZ. */
  private otherAzRule: string | undefined;
  private readonly made = new Set<string>();
  /** Member resizes asked to make a failover target large enough: made after the readers are added, if still a target. */
  private readonly resizes: { readonly result: Result; readonly change: SetAttribute }[] = [];

  constructor(
    private readonly draft: Draft,
    private readonly declared: DeclaredResource,
    private readonly index: InventoryIndex,
    private readonly shared: SharedBlocks,
    private readonly rules: RuleLookup,
  ) {}

  private get resource() {
    return this.declared.resource;
  }

  /** The consequence a rule prevents, in one sentence, for comments. */
  private consequence(rule: string): string {
    const why = this.rules(rule)?.why ?? "";
    const first = /^.*?[.!?](?=\s+[A-Z(]|$)/s.exec(why)?.[0] ?? why;
    return first.length > 200 ? `${first.slice(0, 199)}…` : first;
  }

  private manual(result: Result, text: string): void {
    this.outcome.manual.push({ resource: this.resource.id, rule: result.rule, text });
  }

  private note(result: Result, change: SetAttribute, downtime?: string): ChangeNote {
    return { rule: result.rule, text: `${show(change.from)} -> ${show(change.to)}: ${this.consequence(result.rule)}`, ...(downtime ? { downtime } : {}) };
  }

  /** The block a change lands on: a member (by instance id) or the cluster / standalone instance. */
  private blockFor(change: SetAttribute): Block | undefined {
    if (change.instance !== undefined) return this.declared.members.get(change.instance);
    if (change.resourceType === this.declared.main.type) return this.declared.main;
    if (change.resourceType === "aws_rds_cluster_instance" && this.declared.members.size === 1) return [...this.declared.members.values()][0];
    return undefined;
  }

  /** Sets one attribute; false when no declared block carries it. */
  private applyAttribute(result: Result, change: SetAttribute): boolean {
    const block = this.blockFor(change);
    if (block === undefined) return false;
    const earlier = block.notes.get(change.attribute)?.length ? block.values[change.attribute] : undefined;
    if (earlier !== undefined && earlier !== change.to && !wins(change, earlier)) {
      // Another remedy already asks for a stricter value (retention 7 beats "turn backups on" with 1).
      setAttribute(block, change.attribute, earlier, this.note(result, { ...change, to: earlier as SetAttribute["to"] }));
      return true;
    }
    setAttribute(block, change.attribute, change.to, this.note(result, change, change.downtime));
    // What the provider needs beside some attributes: a role for Enhanced Monitoring, no fixed AZ for Multi-AZ.
    if (change.attribute === "monitoring_interval" && typeof change.to === "number" && change.to > 0 && block.values["monitoring_role_arn"] === undefined) {
      setAttribute(block, "monitoring_role_arn", ref(this.shared.monitoringRole(block.account, result.rule), "arn"), { rule: result.rule, text: "Enhanced Monitoring needs a role RDS can assume (created below)" });
    }
    if (change.attribute === "multi_az" && change.to === true) delete block.values["availability_zone"];
    for (const also of change.alongside ?? []) setAttribute(block, also.attribute, also.to, { rule: result.rule, text: also.why });
    return true;
  }

  /**
   * Applies every failing result of the resource; readers are added once, after the attribute changes.
   * Attribute changes asked under several policies all apply (the stricter value wins); the
   * resources a remedy creates (a parameter group, a subscription, a record change) are made once.
   */
  apply(failing: readonly Result[]): FixOutcome {
    for (const result of failing) this.applyResult(result);
    this.ensureTopology();
    this.resizeTargets();
    return this.outcome;
  }

  /**
   * The resizes asked for failover targets, only on members that are still first in line (the lowest
   * promotion tier among the readers): a tier-15 reader behind a new tier-0 one is never promoted first.
   */
  private resizeTargets(): void {
    const tierOf = (b: Block) => (typeof b.values["promotion_tier"] === "number" ? (b.values["promotion_tier"] as number) : undefined);
    const readers = [...this.declared.members.entries()].filter(([id]) => id !== this.declared.writerId).map(([, b]) => b);
    const tiers = readers.map(tierOf);
    const lowest = tiers.some((t) => t === undefined) ? undefined : Math.min(...(tiers as number[]));
    for (const { result, change } of this.resizes) {
      const block = this.blockFor(change);
      const tier = block === undefined ? undefined : tierOf(block);
      if (block !== undefined && readers.includes(block) && lowest !== undefined && tier !== undefined && tier > lowest) continue;
      this.applyAttribute(result, change);
    }
  }

  private applyResult(result: Result): void {
    const remedies = result.remedies ?? [];
    const left: string[] = [];
    let applied = 0;
    let memberLeft = false;
    for (const remedy of remedies) {
      const key = onceKey(remedy);
      if (key !== undefined) {
        if (this.made.has(key)) continue;
        this.made.add(key);
      }
      switch (remedy.kind) {
        case "set-attribute":
          if (this.applyAttribute(result, remedy)) applied++;
          else {
            left.push(`${remedy.instance ? `${remedy.instance}.` : ""}${remedy.attribute}: ${remedy.note ?? `${show(remedy.from)} -> ${show(remedy.to)}`}`);
            if (remedy.instance !== undefined) memberLeft = true;
          }
          break;
        case "manual":
          // The step as the rule states it, with what else to know and what it interrupts.
          left.push(`${remedy.text}${remedy.note ? ` (${remedy.note})` : ""}${remedy.downtime ? ` (downtime: ${remedy.downtime})` : ""}`);
          break;
        case "change-topology":
          if (this.resource.kind === "aurora-cluster") this.reshape(result, remedy);
          else left.push(remedy.note ?? result.message);
          break;
        case "set-cluster-parameter":
          this.clusterParameter(result, remedy);
          break;
        case "subscribe-events":
          this.subscribe(result, remedy);
          break;
        case "change-dns-record":
          this.dns(result, remedy);
          break;
        case "run-sql":
          this.runSql(result, remedy);
          break;
        case "create-resource":
          this.create(result, remedy);
          break;
        case "staged-procedure":
          // Interpreted by scale-up.ts into its own folder; here it is the step to take.
          left.push(`${remedy.title}: follow ${procedureDir(remedy, this.resource.id)}/README.md`);
          break;
      }
    }
    if (applied > 0) this.outcome.attempted.add(result.rule);
    if (left.length > 0 || remedies.length === 0) {
      const omitted = this.declared.membersOmitted !== undefined && memberLeft ? ` (not written here: ${this.resource.id}'s instances are not declared: ${this.declared.membersOmitted})` : "";
      const why = left.join("; ") + omitted;
      this.manual(result, why !== "" ? why : `${result.message}. ${this.rules(result.rule)?.fixHint ?? ""}`.trim());
    }
  }

  // ---- readers ----------------------------------------------------------------------------------

  /** Member attributes first; the readers the needs call for are added once every result is in. */
  private reshape(result: Result, remedy: ChangeTopology): void {
    for (const change of remedy.set ?? []) {
      // A member's resize waits for the readers added below: a new tier-0 reader may take the failover over.
      if (change.attribute === "instance_class" && change.instance !== undefined) this.resizes.push({ result, change });
      else this.applyAttribute(result, change);
    }
    const needs = this.topologyNeeds;
    const needsReaders =
      remedy.readers !== undefined || remedy.azs !== undefined || remedy.outsideWriterAz !== undefined || remedy.targetOtherAz === true || remedy.maxTier !== undefined;
    if (needsReaders || (remedy.set ?? []).length === 0) {
      needs.readers = Math.max(needs.readers, remedy.readers ?? 0);
      needs.azs = Math.max(needs.azs, remedy.azs ?? 0);
      needs.outside = Math.max(needs.outside, remedy.outsideWriterAz ?? 0);
      if (remedy.maxTier !== undefined) needs.maxTier = Math.min(needs.maxTier, remedy.maxTier);
      if (remedy.targetOtherAz === true) {
        needs.otherAz = true;
        this.otherAzRule ??= result.rule;
      }
      // Every reshaping asks for a reader at least: a failover needs one to promote.
      if (remedy.azs === undefined && remedy.outsideWriterAz === undefined) needs.readers = Math.max(needs.readers, 1);
    }
    this.topologyRules.push(result.rule);
    this.outcome.attempted.add(result.rule);
  }

  /** AZs the cluster can place instances in: the cluster's own list, else the region's a/b/c. */
  private candidateAzs(): string[] {
    const listed = this.resource.importAttributes?.["availability_zones"];
    if (Array.isArray(listed) && listed.length > 0) return [...(listed as string[])].sort();
    const region = this.resource.region.known ? this.resource.region.value : undefined;
    return region === undefined ? [] : ["a", "b", "c"].map((l) => `${region}${l}`);
  }

  private ensureTopology(): void {
    const needs = this.topologyNeeds;
    if (needs.readers === 0 && needs.azs === 0 && needs.outside === 0 && !needs.otherAz) return;
    const members = [...this.declared.members.values()];
    // With the writer unknown (Terraform configuration), new readers copy the largest member: they qualify whichever writes.
    const writer = members.find((b) => b.values["identifier"] === this.declared.writerId) ?? largestMember(members);
    const writerAz = typeof writer?.values["availability_zone"] === "string" ? (writer.values["availability_zone"] as string) : undefined;
    const azOf = (b: Block) => (typeof b.values["availability_zone"] === "string" ? (b.values["availability_zone"] as string) : undefined);
    const readers = () => [...this.declared.members.values()].filter((b) => b !== writer);
    const azs = () => new Set([...this.declared.members.values()].map(azOf).filter((x): x is string => x !== undefined));
    const outside = () => readers().filter((b) => azOf(b) !== undefined && azOf(b) !== writerAz);
    const tierOk = (b: Block) => typeof b.values["promotion_tier"] !== "number" || (b.values["promotion_tier"] as number) <= Math.min(needs.maxTier, 15);
    const candidates = this.candidateAzs();
    const rules = this.topologyRules;
    const wanted = () =>
      readers().length < needs.readers ||
      azs().size < needs.azs ||
      outside().length < needs.outside ||
      (needs.otherAz && !outside().some((b) => b.values["promotion_tier"] === 0)) ||
      (needs.maxTier !== Number.POSITIVE_INFINITY && !readers().some(tierOk));
    // Enough readers for the largest need, plus one to move the failover target; never more.
    const limit = Math.max(needs.readers, needs.azs, needs.outside, 1) + 1;
    for (let added = 0; wanted() && added < limit; added++) {
      const used = azs();
      const az = candidates.find((c) => !used.has(c)) ?? candidates.find((c) => c !== writerAz);
      if (az === undefined || writer === undefined) {
        const why = az === undefined ? "the cluster's AZs are not in the data" : this.declared.membersOmitted ? `its instances are not declared: ${this.declared.membersOmitted}` : "the cluster has no instance to copy the class and settings from";
        for (const rule of rules) {
          this.outcome.manual.push({ resource: this.resource.id, rule, text: `add a reader (aws_rds_cluster_instance, promotion_tier 0) in an AZ other than ${writerAz ?? "the writer's"}; not written here: ${why}` });
        }
        for (const r of rules) this.outcome.attempted.delete(r);
        return;
      }
      this.addReader(writer, az, rules);
    }
    const otherAzRule = this.otherAzRule;
    if (needs.otherAz && otherAzRule !== undefined && outside().some((b) => b.values["promotion_tier"] === 0)) {
      // A tier-0 reader that may share the writer's AZ ties with the one outside it (or outranks it, being larger):
      // Aurora may promote either. Tier 1 leaves the reader outside the AZ first in line.
      for (const b of readers()) {
        const tier = b.values["promotion_tier"];
        if (outside().includes(b) || (typeof tier === "number" && tier > 0)) continue;
        setAttribute(b, "promotion_tier", 1, {
          rule: otherAzRule,
          text: `${show(tier)} -> 1: ${show(b.values["identifier"])} ${azOf(b) === undefined ? "may run" : "runs"} in the writer's AZ; the tier-0 reader outside it is then promoted first. ${this.consequence(otherAzRule)}`,
        });
      }
    }
  }

  private addReader(writer: Block, az: string, rules: readonly string[]): void {
    const cluster = this.declared.main;
    const id = rdsIdentifier(`${this.resource.id}-${az.slice(-1)}-reader`, (x) => this.draft.usesAwsName(x) || this.isExistingInstance(x));
    const copied = Object.fromEntries(Object.entries(writer.values).filter(([k]) => !["identifier", "cluster_identifier", "engine", "availability_zone", "promotion_tier"].includes(k)));
    const block = this.draft.add({
      type: "aws_rds_cluster_instance",
      name: id,
      values: { identifier: id, cluster_identifier: ref(cluster, "id"), engine: ref(cluster, "engine"), availability_zone: az, promotion_tier: 0, ...copied },
      nestedBlocks: writer.nestedBlocks,
      origin: { kind: "new" },
      region: cluster.region,
      account: cluster.account,
      owner: cluster.owner,
    });
    noteBlock(block, {
      rule: rules.join(", "),
      text: `a new reader in ${az} (tier 0, the writer's instance class ${show(writer.values["instance_class"])}): a failover has an instance outside the writer's AZ to promote, with the writer's capacity`,
    });
    this.declared.members.set(id, block);
  }

  private isExistingInstance(id: string): boolean {
    return this.index.hasInstance(id);
  }

  // ---- parameter groups, events, DNS, SQL, new resources -----------------------------------------

  private clusterParameter(result: Result, remedy: SetClusterParameter): void {
    const group = this.resource.clusterParameterGroup;
    const family = clusterParameterGroupFamily(this.resource.engine, this.resource.engineVersion.known ? this.resource.engineVersion.value : undefined);
    if (!group.known || group.value === null || family === undefined) {
      return this.manual(result, `${remedy.note ?? result.message}${family === undefined ? " (the parameter group family cannot be told from the engine version)" : ""}`);
    }
    const parameter = { name: remedy.parameter, value: remedy.value, apply_method: remedy.applyMethod };
    const cluster = this.declared.main;
    let block: Block;
    if (group.value.isDefault) {
      const name = parameterGroupName(`${this.resource.id}-${remedy.newGroup.suffix}`);
      block = this.draft.add({
        type: "aws_rds_cluster_parameter_group",
        name,
        values: { name, family, description: `Cluster parameters for ${this.resource.id} (${remedy.newGroup.purpose})`, parameter: [parameter] },
        nestedBlocks: new Set(["parameter"]),
        origin: { kind: "new" },
        region: cluster.region,
        account: cluster.account,
        owner: cluster.owner,
      });
      noteBlock(block, { rule: result.rule, text: `${group.value.name} is an AWS default group and cannot be changed: a custom group with ${remedy.parameter} = ${remedy.value}` });
    } else {
      if (!group.value.parameters.known) return this.manual(result, `${remedy.note ?? result.message} (the parameters of ${group.value.name} could not be read, so importing it could drop some)`);
      const existing = [...group.value.parameters.value].filter(([n]) => n !== remedy.parameter).map(([n, v]) => ({ name: n, value: v, apply_method: "pending-reboot" }));
      // The group exists: adopted from AWS, or edited where Terraform declares it; never created a second time.
      const declaredAt = group.value.declaredAt;
      if (cluster.origin.kind !== "import" && declaredAt === undefined) {
        return this.manual(result, `${remedy.note ?? result.message} (set ${remedy.parameter} = ${remedy.value} in the parameter group ${group.value.name}: it is not declared among the inputs)`);
      }
      const earlier = this.draft.byKey(`parameter-group:${group.value.name}`);
      const name = declaredAt !== undefined ? nameFromAddress(declaredAt.address, "aws_rds_cluster_parameter_group") : group.value.name;
      block =
        earlier ??
        this.draft.add({
          type: "aws_rds_cluster_parameter_group",
          name,
          // A name Terraform knows only after apply reads as the group's address: not a name to write.
          values: { ...(group.value.name === declaredAt?.address ? {} : { name: group.value.name }), family, parameter: [...existing] },
          nestedBlocks: new Set(["parameter"]),
          origin:
            cluster.origin.kind === "import"
              ? { kind: "import", id: group.value.name }
              : { kind: "terraform", address: declaredAt!.address, ...(declaredAt!.location ? { location: declaredAt!.location } : {}) },
          region: cluster.region,
          account: cluster.account,
          owner: cluster.owner,
        }, `parameter-group:${group.value.name}`);
      // A second parameter on the same group (binlog format, then another) joins the first.
      const list = (block.values["parameter"] as Record<string, TfValue>[]).filter((p) => p["name"] !== remedy.parameter);
      block.values["parameter"] = [...list, parameter];
    }
    const downtime = remedy.downtime;
    setAttribute(block, "parameter", block.values["parameter"] as TfValue, { rule: result.rule, text: `${remedy.parameter} = ${remedy.value}: ${this.consequence(result.rule)}`, ...(downtime ? { downtime } : {}) });
    // The cluster already uses a group that exists: the reference links the two for the re-check, with no change to write.
    if (block.origin.kind !== "new") cluster.values["db_cluster_parameter_group_name"] = ref(block, block.values["name"] === undefined ? "id" : "name");
    else setAttribute(cluster, "db_cluster_parameter_group_name", ref(block, "name"), { rule: result.rule, text: `use ${show(block.values["name"])}`, ...(downtime ? { downtime } : {}) });
    this.outcome.attempted.add(result.rule);
  }

  private runSql(result: Result, remedy: RunSql): void {
    const file = sqlFileName(this.resource.id, remedy.name);
    this.outcome.sql.push({ resource: this.resource.id, rule: result.rule, statement: remedy.statement, file });
    this.manual(result, `run sql/${file} on the writer of ${this.resource.id}: ${remedy.reason}`);
  }

  private subscribe(result: Result, remedy: SubscribeEvents): void {
    const { sourceType, categories } = remedy;
    const region = this.declared.main.region;
    if (region === undefined) return this.manual(result, `${result.message} (the region is not in the data)`);
    const topic = this.shared.eventTopic(region, this.declared.main.account, result.rule);
    const name = rdsIdentifier(`${this.resource.id}-${categories.join("-")}`, (x) => this.draft.usesAwsName(x) || this.index.hasSubscription(x));
    const block = this.draft.add({
      type: "aws_db_event_subscription",
      name,
      values: { name, sns_topic: ref(topic, "arn"), source_type: sourceType, source_ids: [ref(this.declared.main, this.declared.main.type === "aws_db_instance" ? "identifier" : "id")], event_categories: [...categories] },
      origin: { kind: "new" },
      region,
      account: this.declared.main.account,
      owner: this.declared.main.owner,
    });
    noteBlock(block, { rule: result.rule, text: `${sourceType} ${categories.join(", ")} events of ${this.resource.id} go to an SNS topic: ${this.consequence(result.rule)}` });
    this.outcome.attempted.add(result.rule);
    this.outcome.manual.push({ resource: this.resource.id, rule: result.rule, text: `${remedy.followUp} ${typeof topic.values["name"] === "string" ? topic.values["name"] : `whose name starts with ${show(topic.values["name_prefix"])}`} in ${region}` });
  }

  private create(result: Result, remedy: CreateResource): void {
    // A resource whose settings only the user can choose is a manual step; others are not asked for yet.
    this.manual(result, `${remedy.note ?? result.message}${remedy.needs ? ` (${remedy.needs})` : ""}`);
  }

  private findRecord(target: ChangeDnsRecord["record"]): DnsRecord | undefined {
    return this.index.record(target.name, target.type, target.zone);
  }

  /** The reference (or literal) a record value becomes: the endpoint of a block the fix declares, when it is one. */
  private recordValue(host: string): TfValue {
    const strip = (h: string) => h.replace(/\.$/, "").toLowerCase();
    const e = this.resource.endpoints;
    if (e.cluster.known && e.cluster.value !== null && strip(e.cluster.value) === strip(host)) return ref(this.declared.main, "endpoint");
    if (e.reader.known && e.reader.value !== null && strip(e.reader.value) === strip(host)) return ref(this.declared.main, "reader_endpoint");
    if (this.resource.kind === "instance") {
      const self = this.resource.instances.known ? this.resource.instances.value[0] : undefined;
      if (self?.endpoint.known && strip(self.endpoint.value) === strip(host)) return ref(this.declared.main, "address");
    }
    return host.replace(/\.$/, "");
  }

  private dns(result: Result, change: ChangeDnsRecord): void {
    const record = this.findRecord(change.record);
    // A record Terraform declares is changed where it is written: its zone may be a reference known after apply.
    const declared = record?.address !== undefined && record.location !== undefined && this.declared.main.origin.kind === "terraform";
    if (record === undefined || (record.zone === undefined && !declared)) {
      this.manual(result, `${change.note ?? result.message} (the record's hosted zone is not in the data)`);
      return;
    }
    const block = this.recordBlock(record);
    if (change.attribute === "ttl" && typeof change.to === "number") {
      // Two limits on one record (30 and 5): the stricter, lower one is what makes both pass.
      const earlier = block.notes.get("ttl")?.length ? block.values["ttl"] : undefined;
      const to = typeof earlier === "number" ? Math.min(earlier, change.to) : change.to;
      setAttribute(block, "ttl", to, { rule: result.rule, text: `${show(change.from)} -> ${to} s: ${this.consequence(result.rule)}` });
    } else if (change.attribute === "records" && Array.isArray(change.to)) {
      setAttribute(block, "records", change.to.map((h) => this.recordValue(String(h))), {
        rule: result.rule,
        text: `${change.why ?? "point the record at the new value"} (was ${show(change.from)})`,
      });
    } else {
      this.manual(result, change.note ?? result.message);
      return;
    }
    this.outcome.attempted.add(result.rule);
  }

  private recordBlock(record: DnsRecord): Block {
    const name = record.name.replace(/\.$/, "");
    const key = `record:${recordKey(name, record.type, record.zone)}`;
    const existing = this.draft.byKey(key);
    if (existing) return existing;
    const values: Record<string, TfValue> = {
      ...(record.zone === undefined ? {} : { zone_id: record.zone }),
      name,
      type: record.type,
      ...(record.ttl === undefined ? {} : { ttl: record.ttl }),
      records: record.values.map((v) => this.recordValue(v)),
    };
    const live = this.declared.main.origin.kind === "import";
    return this.draft.add({
      type: "aws_route53_record",
      name: !live && record.address !== undefined ? nameFromAddress(record.address, "aws_route53_record") : name,
      values,
      origin: live ? { kind: "import", id: `${record.zone}_${name}_${record.type}` } : { kind: "terraform", address: record.address ?? name, ...(record.location ? { location: record.location } : {}) },
      // Route 53 is global; the record goes with the database it names.
      region: this.declared.main.region,
      account: this.declared.main.account,
      owner: this.declared.main.owner,
    }, key);
  }
}

/** The file a resource's SQL of one kind goes to, under `sql/`. */
export function sqlFileName(resourceId: string, name: string): string {
  return `${rdsIdentifier(resourceId, () => false)}-${name}.sql`;
}


/** The member of the largest instance class (the first among equals or incomparable ones). */
function largestMember(members: readonly Block[]): Block | undefined {
  let best: Block | undefined;
  for (const b of members) {
    const c = b.values["instance_class"];
    const bc = best?.values["instance_class"];
    if (best === undefined) best = b;
    else if (typeof c === "string" && typeof bc === "string") {
      const cmp = compareClassSize(c, bc);
      if (cmp.known && cmp.value > 0) best = b;
    }
  }
  return best;
}
