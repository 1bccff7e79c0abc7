// Turns one resource's failing results into changes on its Terraform blocks, manual steps and SQL.
import type { Result } from "../engine/result.js";
import type { DnsRecord, Inventory } from "../model/inventory.js";
import { findRule } from "../rules/index.js";
import type { FixChange } from "../rules/types.js";
import type { TfValue } from "../sources/terraform/types.js";
import { TfReference } from "../sources/terraform/types.js";
import { noteBlock, ref, setAttribute, type Block, type ChangeNote, type Draft } from "./blocks.js";
import { nameFromAddress, type DeclaredResource } from "./from-model.js";
import { clusterParameterGroupFamily, parameterGroupName, rdsIdentifier } from "./names.js";
import type { SharedBlocks } from "./shared.js";

/** A failing result the fix cannot express in Terraform, with what to do instead. */
export interface ManualStep {
  readonly resource: string;
  readonly rule: string;
  readonly text: string;
}

/** SQL to run on a writer (binlog retention has no Terraform attribute). */
export interface SqlStep {
  readonly resource: string;
  readonly rule: string;
  readonly statement: string;
}

export interface FixOutcome {
  /** Rules the blocks now address (they are re-checked afterwards). */
  readonly attempted: Set<string>;
  readonly manual: ManualStep[];
  readonly sql: SqlStep[];
}

const NUMBER_ATTRIBUTES = new Set(["backup_retention_period", "promotion_tier", "monitoring_interval", "backtrack_window"]);
const BOOLEAN_ATTRIBUTES = new Set(["deletion_protection", "copy_tags_to_snapshot", "performance_insights_enabled", "auto_minor_version_upgrade", "multi_az", "apply_immediately"]);
const STRING_ATTRIBUTES = new Set(["instance_class", "engine_version", "preferred_backup_window", "backup_window", "preferred_maintenance_window", "maintenance_window"]);

/** Rules whose failures are cured by adding readers to an Aurora cluster. */
const TOPOLOGY_RULES = new Set(["multi_az.min_azs", "multi_az.min_readers", "multi_az.readers_outside_writer_az", "failover.target_other_az", "failover.max_tier", "failover.target_class"]);

/** Rules whose fix creates or rewrites whole resources: made once per resource, whatever the number of policies asking. */
const CREATING_RULES = new Set(["binlog.formats", "binlog.min_retention_hours", "events.subscribed", "dns.max_ttl", "dns.no_instance_endpoint_records", "proxy.required"]);

/** Rules whose fix entries describe a change in words ("keep the current value"), never a value to set. */
const DESCRIPTIVE_RULES = new Set(["changes.no_replacement", "changes.no_capacity_reduction"]);

function concrete(change: FixChange): boolean {
  if (NUMBER_ATTRIBUTES.has(change.attribute)) return typeof change.to === "number";
  if (BOOLEAN_ATTRIBUTES.has(change.attribute)) return typeof change.to === "boolean";
  if (STRING_ATTRIBUTES.has(change.attribute)) return typeof change.to === "string";
  return false;
}

/** The consequence a rule prevents, in one sentence, for comments. */
function consequence(rule: string): string {
  const why = findRule(rule)?.why ?? "";
  const first = /^.*?[.!?](?=\s+[A-Z(]|$)/s.exec(why)?.[0] ?? why;
  return first.length > 200 ? `${first.slice(0, 199)}…` : first;
}

function show(v: unknown): string {
  return v === null || v === undefined ? "unset" : typeof v === "string" ? v : JSON.stringify(v);
}

/** Lower-cased identifiers of every instance in the inventory, built once per inventory. */
const instanceIdsOf = new WeakMap<Inventory, ReadonlySet<string>>();
function instanceIds(inventory: Inventory): ReadonlySet<string> {
  let ids = instanceIdsOf.get(inventory);
  if (ids === undefined) {
    ids = new Set(inventory.resources.flatMap((r) => (r.instances.known ? r.instances.value.map((i) => i.id.toLowerCase()) : [])));
    instanceIdsOf.set(inventory, ids);
  }
  return ids;
}

/** Lower-cased names of the account's existing event subscriptions, built once per inventory. */
const subscriptionNamesOf = new WeakMap<Inventory, ReadonlySet<string>>();
function subscriptionNames(inventory: Inventory): ReadonlySet<string> {
  let names = subscriptionNamesOf.get(inventory);
  if (names === undefined) {
    names = new Set(inventory.eventSubscriptions.known ? inventory.eventSubscriptions.value.items.map((s) => s.name.toLowerCase()) : []);
    subscriptionNamesOf.set(inventory, names);
  }
  return names;
}

function recordKey(name: string, type: string, zone: string | undefined): string {
  return `${zone ?? ""}\u0000${name.replace(/\.$/, "")}\u0000${type}`;
}

/** The inventory's DNS records by zone, name and type, built once per inventory. */
const recordIndexOf = new WeakMap<Inventory, ReadonlyMap<string, DnsRecord>>();
function recordIndex(inventory: Inventory): ReadonlyMap<string, DnsRecord> {
  let index = recordIndexOf.get(inventory);
  if (index === undefined) {
    const built = new Map<string, DnsRecord>();
    for (const r of inventory.dnsRecords.known ? inventory.dnsRecords.value : []) {
      const key = recordKey(r.name, r.type, r.zone);
      if (!built.has(key)) built.set(key, r);
    }
    recordIndexOf.set(inventory, (index = built));
  }
  return index;
}

export class ResourceFixer {
  readonly outcome: FixOutcome = { attempted: new Set(), manual: [], sql: [] };
  private readonly topologyNeeds = { readers: 0, azs: 0, outside: 0, otherAz: false, maxTier: Number.POSITIVE_INFINITY };

  constructor(
    private readonly draft: Draft,
    private readonly declared: DeclaredResource,
    private readonly inventory: Inventory,
    private readonly shared: SharedBlocks,
  ) {}

  private get resource() {
    return this.declared.resource;
  }

  private manual(result: Result, text: string): void {
    this.outcome.manual.push({ resource: this.resource.id, rule: result.rule, text });
  }

  private note(result: Result, change: FixChange, downtime?: string): ChangeNote {
    return { rule: result.rule, text: `${show(change.from)} -> ${show(change.to)}: ${consequence(result.rule)}`, ...(downtime ? { downtime } : {}) };
  }

  /** The block a change lands on: a member (by instance id) or the cluster / standalone instance. */
  private blockFor(change: FixChange): Block | undefined {
    if (change.instance !== undefined) return this.declared.members.get(change.instance);
    if (change.resourceType === undefined || change.resourceType === this.declared.main.type) return this.declared.main;
    if (change.resourceType === "aws_rds_cluster_instance" && this.declared.members.size === 1) return [...this.declared.members.values()][0];
    return undefined;
  }

  private downtimeOf(change: FixChange, block: Block): string | undefined {
    const isWriter = block === this.declared.main ? this.resource.kind === "instance" : block.values["identifier"] === this.declared.writerId;
    if (change.attribute === "instance_class") {
      return isWriter ? "changes the writer's instance class: the writer restarts (minutes of downtime); resize a reader, fail over, then resize the old writer" : `restarts the reader ${show(block.values["identifier"])} while its class changes`;
    }
    if (change.attribute === "engine_version") return "an engine upgrade restarts every instance; it runs in the next maintenance window unless applied immediately";
    if (change.attribute === "backup_retention_period" && change.from === 0) return "turning automated backups on from 0 causes an outage while the first backup is taken";
    if (change.attribute === "multi_az" && change.to === true) return "converting to Multi-AZ creates a standby from a snapshot: I/O may be suspended briefly and performance drops while it syncs";
    return undefined;
  }

  /** Sets one concrete attribute; false when the change is not one the blocks can carry. */
  private applyAttribute(result: Result, change: FixChange): boolean {
    if (!concrete(change)) return false;
    if (change.attribute === "auto_minor_version_upgrade" && change.resourceType === "aws_rds_cluster") return false;
    const block = this.blockFor(change);
    if (block === undefined) return false;
    const earlier = block.notes.get(change.attribute)?.length ? block.values[change.attribute] : undefined;
    if (earlier !== undefined && earlier !== change.to && !this.wins(change, earlier)) {
      // Another rule already asks for a stricter value (retention 7 beats "turn backups on" with 1).
      setAttribute(block, change.attribute, earlier, this.note(result, { ...change, to: earlier }));
      return true;
    }
    setAttribute(block, change.attribute, change.to as TfValue, this.note(result, change, this.downtimeOf(change, block)));
    if (change.attribute === "monitoring_interval" && (change.to as number) > 0 && block.values["monitoring_role_arn"] === undefined) {
      setAttribute(block, "monitoring_role_arn", ref(this.shared.monitoringRole(block.account), "arn"), { rule: result.rule, text: "Enhanced Monitoring needs a role RDS can assume (created below)" });
    }
    if (change.attribute === "multi_az" && change.to === true) delete block.values["availability_zone"];
    if (change.attribute === "engine_version" && change.note?.includes("major version") === true) {
      setAttribute(block, "allow_major_version_upgrade", true, { rule: result.rule, text: "the target version is a major upgrade" });
    }
    return true;
  }

  /** Whether `change` should replace a value another rule set on the same attribute: the stricter one wins. */
  private wins(change: FixChange, earlier: TfValue): boolean {
    if (typeof change.to !== "number" || typeof earlier !== "number") return true;
    // Floors: more is stricter. Ceilings: less is stricter (a monitoring interval of 0 means off, never stricter).
    if (["backup_retention_period", "backtrack_window"].includes(change.attribute)) return change.to > earlier;
    if (change.attribute === "monitoring_interval") return earlier === 0 || (change.to !== 0 && change.to < earlier);
    if (change.attribute === "promotion_tier") return change.to < earlier;
    return true;
  }

  /**
   * Applies every failing result of the resource; readers are added once, after the attribute changes.
   * Attribute changes of one rule under several policies all apply (the stricter value wins); the
   * resources a rule creates (a parameter group, a subscription, a record change) are made once.
   */
  apply(failing: readonly Result[]): FixOutcome {
    const creating = new Set<string>();
    for (const result of failing) {
      if (CREATING_RULES.has(result.rule)) {
        if (creating.has(result.rule)) continue;
        creating.add(result.rule);
      }
      this.applyResult(result);
    }
    this.ensureTopology(failing);
    return this.outcome;
  }

  private applyResult(result: Result): void {
    const changes = result.fix ?? [];
    const rule = result.rule;
    switch (rule) {
      case "binlog.formats":
        return this.binlogFormat(result);
      case "binlog.min_retention_hours":
        return this.binlogRetention(result);
      case "events.subscribed":
        return this.subscribe(result);
      case "dns.max_ttl":
      case "dns.no_instance_endpoint_records":
        return this.dns(result);
      case "proxy.required":
        return this.manual(result, `${changes[0]?.note ?? result.message} (a proxy needs subnets, a secret and an IAM role only you can choose)`);
    }
    if (TOPOLOGY_RULES.has(rule) && this.resource.kind === "aurora-cluster") {
      const structural = changes.filter((c) => !concrete(c));
      for (const c of changes.filter(concrete)) this.applyAttribute(result, c);
      if (structural.length > 0 || changes.length === 0) this.needTopology(result);
      this.outcome.attempted.add(rule);
      return;
    }
    const applied = DESCRIPTIVE_RULES.has(rule) ? [] : changes.filter((c) => this.applyAttribute(result, c));
    const left = changes.filter((c) => !applied.includes(c));
    if (applied.length > 0) this.outcome.attempted.add(rule);
    if (left.length > 0 || changes.length === 0) {
      const omitted = this.declared.membersOmitted !== undefined && left.some((c) => c.instance !== undefined) ? ` (not written here: ${this.resource.id}'s instances are not declared: ${this.declared.membersOmitted})` : "";
      const why = left.map((c) => `${c.instance ? `${c.instance}.` : ""}${c.attribute}: ${c.note ?? `${show(c.from)} -> ${show(c.to)}`}`).join("; ") + omitted;
      this.manual(result, why !== "" ? why : `${result.message}. ${findRule(rule)?.fixHint ?? ""}`.trim());
    }
  }

  // ---- readers ----------------------------------------------------------------------------------

  private needTopology(result: Result): void {
    const n = typeof result.expected === "number" ? result.expected : 0;
    const needs = this.topologyNeeds;
    if (result.rule === "multi_az.min_readers") needs.readers = Math.max(needs.readers, n);
    else if (result.rule === "multi_az.min_azs") needs.azs = Math.max(needs.azs, n);
    else if (result.rule === "multi_az.readers_outside_writer_az") needs.outside = Math.max(needs.outside, n);
    else if (result.rule === "failover.max_tier") {
      needs.readers = Math.max(needs.readers, 1);
      needs.maxTier = Math.min(needs.maxTier, n);
    } else {
      needs.readers = Math.max(needs.readers, 1);
      if (result.rule === "failover.target_other_az") needs.otherAz = true;
    }
  }

  /** AZs the cluster can place instances in: the cluster's own list, else the region's a/b/c. */
  private candidateAzs(): string[] {
    const listed = this.resource.importAttributes?.["availability_zones"];
    if (Array.isArray(listed) && listed.length > 0) return [...(listed as string[])].sort();
    const region = this.resource.region.known ? this.resource.region.value : undefined;
    return region === undefined ? [] : ["a", "b", "c"].map((l) => `${region}${l}`);
  }

  private ensureTopology(failing: readonly Result[]): void {
    const needs = this.topologyNeeds;
    if (needs.readers === 0 && needs.azs === 0 && needs.outside === 0 && !needs.otherAz) return;
    const members = [...this.declared.members.values()];
    const writer = members.find((b) => b.values["identifier"] === this.declared.writerId) ?? members[0];
    const writerAz = typeof writer?.values["availability_zone"] === "string" ? (writer.values["availability_zone"] as string) : undefined;
    const azOf = (b: Block) => (typeof b.values["availability_zone"] === "string" ? (b.values["availability_zone"] as string) : undefined);
    const readers = () => [...this.declared.members.values()].filter((b) => b !== writer);
    const azs = () => new Set([...this.declared.members.values()].map(azOf).filter((x): x is string => x !== undefined));
    const outside = () => readers().filter((b) => azOf(b) !== undefined && azOf(b) !== writerAz);
    const tierOk = (b: Block) => typeof b.values["promotion_tier"] !== "number" || (b.values["promotion_tier"] as number) <= Math.min(needs.maxTier, 15);
    const candidates = this.candidateAzs();
    const rules = failing.filter((r) => TOPOLOGY_RULES.has(r.rule)).map((r) => r.rule);
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
    if (needs.otherAz && outside().some((b) => b.values["promotion_tier"] === 0)) {
      // A tier-0 reader that may share the writer's AZ ties with the one outside it (or outranks it, being larger):
      // Aurora may promote either. Tier 1 leaves the reader outside the AZ first in line (the rule's own fixHint).
      for (const b of readers()) {
        const tier = b.values["promotion_tier"];
        if (outside().includes(b) || (typeof tier === "number" && tier > 0)) continue;
        setAttribute(b, "promotion_tier", 1, {
          rule: "failover.target_other_az",
          text: `${show(tier)} -> 1: ${show(b.values["identifier"])} ${azOf(b) === undefined ? "may run" : "runs"} in the writer's AZ; the tier-0 reader outside it is then promoted first. ${consequence("failover.target_other_az")}`,
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
    return instanceIds(this.inventory).has(id.toLowerCase());
  }

  // ---- parameter groups, events, DNS, SQL ---------------------------------------------------------

  private binlogFormat(result: Result): void {
    const change = (result.fix ?? []).find((c) => c.attribute === "parameter");
    const wanted = change?.to as { name?: string; value?: string } | undefined;
    const group = this.resource.clusterParameterGroup;
    const family = clusterParameterGroupFamily(this.resource.engine, this.resource.engineVersion.known ? this.resource.engineVersion.value : undefined);
    if (!wanted?.value || !group.known || group.value === null || family === undefined) {
      return this.manual(result, `${change?.note ?? result.message}${family === undefined ? " (the parameter group family cannot be told from the engine version)" : ""}`);
    }
    const downtime = "binlog_format is static: it takes effect when the writer reboots (a short outage); plan the reboot";
    const parameter = { name: "binlog_format", value: wanted.value, apply_method: "pending-reboot" };
    const cluster = this.declared.main;
    let block: Block;
    if (group.value.isDefault) {
      const name = parameterGroupName(`${this.resource.id}-binlog`);
      block = this.draft.add({
        type: "aws_rds_cluster_parameter_group",
        name,
        values: { name, family, description: `Cluster parameters for ${this.resource.id} (binlog for CDC and blue/green)`, parameter: [parameter] },
        nestedBlocks: new Set(["parameter"]),
        origin: { kind: "new" },
        region: cluster.region,
        account: cluster.account,
        owner: cluster.owner,
      });
      noteBlock(block, { rule: result.rule, text: `${group.value.name} is an AWS default group and cannot be changed: a custom group with binlog_format = ${wanted.value}` });
    } else {
      if (!group.value.parameters.known) return this.manual(result, `${change?.note ?? result.message} (the parameters of ${group.value.name} could not be read, so importing it could drop some)`);
      const existing = [...group.value.parameters.value].filter(([n]) => n !== "binlog_format").map(([n, v]) => ({ name: n, value: v, apply_method: "pending-reboot" }));
      block =
        this.draft.byKey(`parameter-group:${group.value.name}`) ??
        this.draft.add({
          type: "aws_rds_cluster_parameter_group",
          name: group.value.name,
          values: { name: group.value.name, family, parameter: [...existing, parameter] },
          nestedBlocks: new Set(["parameter"]),
          origin: cluster.origin.kind === "import" ? { kind: "import", id: group.value.name } : { kind: "new" },
          region: cluster.region,
          account: cluster.account,
          owner: cluster.owner,
        }, `parameter-group:${group.value.name}`);
    }
    setAttribute(block, "parameter", block.values["parameter"] as TfValue, { rule: result.rule, text: `binlog_format = ${wanted.value}: ${consequence(result.rule)}`, downtime });
    setAttribute(cluster, "db_cluster_parameter_group_name", ref(block, "name"), { rule: result.rule, text: `use ${show(block.values["name"])}`, downtime });
    this.outcome.attempted.add(result.rule);
  }

  private binlogRetention(result: Result): void {
    const change = (result.fix ?? [])[0];
    const hours = typeof change?.to === "number" ? change.to : typeof result.expected === "number" ? result.expected : undefined;
    if (hours === undefined) return this.manual(result, result.message);
    this.outcome.sql.push({ resource: this.resource.id, rule: result.rule, statement: `CALL mysql.rds_set_configuration('binlog retention hours', ${Math.trunc(hours)});` });
    this.manual(result, `run sql/${sqlFileName(this.resource.id)} on the writer of ${this.resource.id}: binlog retention hours has no Terraform attribute`);
  }

  private subscribe(result: Result): void {
    const byAttribute = new Map((result.fix ?? []).map((c) => [c.attribute, c.to]));
    const sourceType = byAttribute.get("source_type");
    const categories = byAttribute.get("event_categories");
    const region = this.declared.main.region;
    if (typeof sourceType !== "string" || !Array.isArray(categories) || region === undefined) {
      return this.manual(result, `${result.message}${region === undefined ? " (the region is not in the data)" : ""}`);
    }
    const topic = this.shared.eventTopic(region, this.declared.main.account);
    const existing = subscriptionNames(this.inventory);
    const name = rdsIdentifier(`${this.resource.id}-${categories.join("-")}`, (x) => this.draft.usesAwsName(x) || existing.has(x.toLowerCase()));
    const block = this.draft.add({
      type: "aws_db_event_subscription",
      name,
      values: { name, sns_topic: ref(topic, "arn"), source_type: sourceType, source_ids: [ref(this.declared.main, this.declared.main.type === "aws_db_instance" ? "identifier" : "id")], event_categories: categories as TfValue[] },
      origin: { kind: "new" },
      region,
      account: this.declared.main.account,
      owner: this.declared.main.owner,
    });
    noteBlock(block, { rule: result.rule, text: `${sourceType} ${categories.join(", ")} events of ${this.resource.id} go to an SNS topic: ${consequence(result.rule)}` });
    this.outcome.attempted.add(result.rule);
    this.outcome.manual.push({ resource: this.resource.id, rule: result.rule, text: `subscribe the on-call team (email, chat or pager) to the SNS topic ${show(topic.values["name"])} in ${region}` });
  }

  private findRecord(target: NonNullable<FixChange["record"]>): DnsRecord | undefined {
    return recordIndex(this.inventory).get(recordKey(target.name, target.type, target.zone));
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

  private dns(result: Result): void {
    let applied = 0;
    for (const change of result.fix ?? []) {
      const record = change.record === undefined ? undefined : this.findRecord(change.record);
      if (record === undefined || record.zone === undefined) {
        this.manual(result, `${change.note ?? result.message} (the record's hosted zone is not in the data)`);
        continue;
      }
      const block = this.recordBlock(record);
      if (change.attribute === "ttl" && typeof change.to === "number") {
        setAttribute(block, "ttl", change.to, { rule: result.rule, text: `${show(change.from)} -> ${change.to} s: ${consequence(result.rule)}` });
        applied++;
      } else if (change.attribute === "records" && Array.isArray(change.to)) {
        setAttribute(block, "records", change.to.map((h) => this.recordValue(String(h))), {
          rule: result.rule,
          text: `point at the cluster endpoint, which follows the writer through a failover (was ${show(change.from)})`,
        });
        applied++;
      } else {
        this.manual(result, change.note ?? result.message);
      }
    }
    if (applied > 0) this.outcome.attempted.add(result.rule);
  }

  private recordBlock(record: DnsRecord): Block {
    const name = record.name.replace(/\.$/, "");
    const key = `record:${recordKey(name, record.type, record.zone)}`;
    const existing = this.draft.byKey(key);
    if (existing) return existing;
    const values: Record<string, TfValue> = {
      zone_id: record.zone!,
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

export function sqlFileName(resourceId: string): string {
  return `${rdsIdentifier(resourceId, () => false)}-binlog-retention.sql`;
}

