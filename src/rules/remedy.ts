// What makes a failing verdict pass, as typed data: rules state their remedy, `haspec fix` interprets it.
import type { AppPlace, PoolLibrary, ReverseProxyUse } from "../model/application.js";

/** Terraform resource types a remedy's attribute can live on. */
export type SettingResourceType = "aws_rds_cluster" | "aws_db_instance" | "aws_rds_cluster_instance";

interface RemedyCommon {
  /** Detail for reports and manual steps (what else to know), in words. */
  readonly note?: string;
  /** Set when applying the remedy interrupts the database: what happens, in words. */
  readonly downtime?: string;
}

/** Set one attribute of the resource (or of one member instance) to a value. */
export interface SetAttribute extends RemedyCommon {
  readonly kind: "set-attribute";
  /** The block the attribute lives on; a member when `instance` is set. */
  readonly resourceType: string;
  readonly instance?: string;
  /** Terraform attribute name, e.g. `backup_retention_period`. */
  readonly attribute: string;
  readonly from: unknown;
  readonly to: string | number | boolean;
  /**
   * Which value is stricter when several remedies set the attribute: `floor` (more is stricter, e.g.
   * retention), `ceiling` (less is stricter, e.g. a TTL or an interval); absent, the later one wins.
   */
  readonly bound?: "floor" | "ceiling";
  /** A value that switches the feature off and is never the stricter one (monitoring interval 0). */
  readonly off?: number;
  /** Attributes the change needs beside it on the same block, e.g. allow_major_version_upgrade. */
  readonly alongside?: readonly { readonly attribute: string; readonly to: string | number | boolean; readonly why: string }[];
}

/**
 * Reshape an Aurora cluster: set member attributes (tiers, classes), then add readers (the writer's
 * class, tier 0, in AZs the cluster does not use yet) until every stated need holds.
 */
export interface ChangeTopology extends RemedyCommon {
  readonly kind: "change-topology";
  /** Member attributes to set first (promotion tiers, instance classes). */
  readonly set?: readonly SetAttribute[];
  /** At least this many readers. */
  readonly readers?: number;
  /** Instances in at least this many AZs. */
  readonly azs?: number;
  /** At least this many readers outside the writer's AZ. */
  readonly outsideWriterAz?: number;
  /** The failover target (tier 0) is outside the writer's AZ; same-AZ readers move to tier 1. */
  readonly targetOtherAz?: boolean;
  /** Some reader in this promotion tier or lower. */
  readonly maxTier?: number;
}

/** Set a parameter in the cluster's parameter group (a custom copy when the group is an AWS default). */
export interface SetClusterParameter extends RemedyCommon {
  readonly kind: "set-cluster-parameter";
  readonly parameter: string;
  readonly value: string;
  readonly applyMethod: "immediate" | "pending-reboot";
  /** For a default group: the new group's name suffix and what it is for (its description). */
  readonly newGroup: { readonly suffix: string; readonly purpose: string };
}

/** Subscribe the resource's events of these categories to an SNS topic. */
export interface SubscribeEvents extends RemedyCommon {
  readonly kind: "subscribe-events";
  readonly sourceType: "db-cluster" | "db-instance";
  readonly categories: readonly string[];
  /** What the team still has to do by hand (subscribe themselves to the topic). */
  readonly followUp: string;
}

/** Change one Route 53 record: its TTL or its values. */
export interface ChangeDnsRecord extends RemedyCommon {
  readonly kind: "change-dns-record";
  readonly record: { readonly name: string; readonly type: string; readonly zone?: string };
  readonly attribute: "ttl" | "records";
  readonly from: unknown;
  /** Seconds for `ttl`; host names for `records` (an endpoint of the resource becomes a reference). */
  readonly to: number | readonly string[];
  /** For `records`: why the new value, for the comment. */
  readonly why?: string;
}

/** Run SQL on the writer (settings with no Terraform attribute). */
export interface RunSql extends RemedyCommon {
  readonly kind: "run-sql";
  /** Names the file, `<resource>-<name>.sql`, and de-duplicates. */
  readonly name: string;
  readonly statement: string;
  /** Why SQL and not Terraform, for the manual step. */
  readonly reason: string;
}

/** Create a resource next to the database; `needs` names what only the user can choose (then it is a manual step). */
export interface CreateResource extends RemedyCommon {
  readonly kind: "create-resource";
  readonly resourceType: string;
  readonly values: Readonly<Record<string, string | number | boolean>>;
  readonly needs?: string;
}

/**
 * Spread a group or load balancer over more AZs by adding subnets to `attribute`: one per AZ it does not use yet, from
 * the subnets the inputs declare in the same VPC, until it spans `azs`. When the inputs show none, `manual` is the step.
 */
export interface AddSubnets extends RemedyCommon {
  readonly kind: "add-subnets";
  readonly resourceType: "aws_autoscaling_group" | "aws_lb" | "aws_elb";
  readonly attribute: "vpc_zone_identifier" | "subnets";
  readonly azs: number;
  /** What to do by hand when no suitable subnet is among the inputs. */
  readonly manual: string;
}

/** A CloudWatch alarm on one of an instance's metrics (dimension InstanceId) whose action is an EC2 automation. */
export interface AddInstanceAlarm extends RemedyCommon {
  readonly kind: "add-instance-alarm";
  /** Names the alarm: `<instance>-<purpose>`. */
  readonly purpose: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: string;
  readonly period: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  readonly comparisonOperator: string;
  /** The action's ARN with `<region>` standing for the instance's region: `arn:aws:automate:<region>:ec2:recover`. */
  readonly action: string;
}

/** A step no configuration change expresses; `text` says what to do. */
export interface ManualStep extends RemedyCommon {
  readonly kind: "manual";
  readonly text: string;
  /** The attribute the step is about, when there is one (for filters and tests). */
  readonly attribute?: string;
}

/** One stage of a staged procedure: member attributes this stage changes (one apply), then commands to run. */
export interface ProcedureStage {
  /** Names the stage's variable file: `1-resize-reader`. */
  readonly name: string;
  /** What the stage does and why, in words. */
  readonly what: string;
  /** Attribute changes this stage makes; later stages keep them unless they set the attribute again. */
  readonly set: readonly SetAttribute[];
  /** AWS CLI commands to run after the apply (argv), with what each is for. */
  readonly commands: readonly { readonly argv: readonly string[]; readonly why: string }[];
}

/**
 * A change that is safe only as a sequence of applies and commands (one variable set per stage), such as
 * resizing an Aurora writer through a failover instead of in place.
 */
export interface StagedProcedure extends RemedyCommon {
  readonly kind: "staged-procedure";
  /** Names the procedure's folder in the fix output: `scale-up/<cluster>`. */
  readonly procedure: "scale-up";
  readonly title: string;
  /** Why the procedure replaces the planned change, in words. */
  readonly why: string;
  /** A reader the procedure adds in its first stage because the cluster has none to resize. */
  readonly addReader?: { readonly id: string; readonly instanceClass: string; readonly promotionTier: number };
  readonly stages: readonly ProcedureStage[];
  /** What could undo the result later (a failover handing the writer role back), and how the stages prevent it. */
  readonly warning: string;
}

/** What an application's files must say instead (`haspec fix --app-config` writes it as a patch at `at`). */
export type AppConfigChange =
  /** The JVM keeps resolved addresses at most `seconds` (networkaddress.cache.ttl). */
  | { readonly what: "jvm-dns-cache"; readonly seconds: number }
  /** The pool retires a connection after at most `seconds`. */
  | { readonly what: "pool-max-lifetime"; readonly library: PoolLibrary; readonly seconds: number }
  /** The URL names `to` (the cluster endpoint) instead of `from` (an instance endpoint). */
  | { readonly what: "endpoint"; readonly from: string; readonly to: string }
  /** The reverse proxy resolves `target` again while it runs. */
  | { readonly what: "re-resolve"; readonly server: ReverseProxyUse["server"]; readonly target: string };

/** Change one setting in an application's own files. */
export interface EditAppConfig extends RemedyCommon {
  readonly kind: "edit-app-config";
  /** The deciding line: where the setting is, or for an absent one, where the thing it belongs to is declared. */
  readonly at: AppPlace;
  readonly change: AppConfigChange;
}

export type Remedy =
  | EditAppConfig
  | SetAttribute
  | StagedProcedure
  | ChangeTopology
  | SetClusterParameter
  | SubscribeEvents
  | ChangeDnsRecord
  | RunSql
  | CreateResource
  | AddSubnets
  | AddInstanceAlarm
  | ManualStep;

function show(v: unknown): string {
  return v === null || v === undefined ? "unset" : typeof v === "string" ? v : JSON.stringify(v);
}

/** What an attribute change costs in availability, where AWS documents an interruption. */
export function attributeDowntime(attribute: string, from: unknown, to: unknown, on?: { readonly writer: boolean; readonly id?: string }): string | undefined {
  if (attribute === "instance_class" && on !== undefined) {
    return on.writer
      ? "changes the writer's instance class: the writer restarts (minutes of downtime); resize a reader, fail over, then resize the old writer"
      : `restarts the reader ${show(on.id)} while its class changes`;
  }
  if (attribute === "engine_version") return "an engine upgrade restarts every instance; it runs in the next maintenance window unless applied immediately";
  if (attribute === "backup_retention_period" && from === 0) return "turning automated backups on from 0 causes an outage while the first backup is taken";
  if (attribute === "multi_az" && to === true) return "converting to Multi-AZ creates a standby from a snapshot: I/O may be suspended briefly and performance drops while it syncs";
  return undefined;
}

/** A set-attribute remedy, with the downtime the change means filled in. */
export function setAttribute(
  change: Omit<SetAttribute, "kind" | "downtime">,
  on?: { readonly writer: boolean; readonly id?: string },
): SetAttribute {
  const downtime = attributeDowntime(change.attribute, change.from, change.to, on);
  return { kind: "set-attribute", ...change, ...(downtime ? { downtime } : {}) };
}

/** A manual step about `attribute` (when given): the text is `attribute: what to do`. */
export function manual(what: string, attribute?: string, note?: string): ManualStep {
  return { kind: "manual", text: attribute ? `${attribute}: ${what}` : what, ...(attribute ? { attribute } : {}), ...(note ? { note } : {}) };
}

/** What a remedy is about, in one word or attribute name (for filtering). */
export function remedySubject(r: Remedy): string {
  switch (r.kind) {
    case "set-attribute":
    case "change-dns-record":
      return r.attribute;
    case "set-cluster-parameter":
      return r.parameter;
    case "change-topology":
      return (r.set ?? []).map((s) => s.attribute).concat("readers").join(" ");
    case "subscribe-events":
      return "event_categories";
    case "run-sql":
      return r.name;
    case "create-resource":
      return r.resourceType;
    case "add-subnets":
      return r.attribute;
    case "add-instance-alarm":
      return "aws_cloudwatch_metric_alarm";
    case "manual":
      return r.attribute ?? r.text;
    case "staged-procedure":
      return r.procedure;
    case "edit-app-config":
      return r.change.what;
  }
}

/** The application change in words: `networkaddress.cache.ttl = 5` … */
export function describeAppChange(c: AppConfigChange): string {
  switch (c.what) {
    case "jvm-dns-cache":
      return `networkaddress.cache.ttl = ${c.seconds} (the JVM's DNS cache)`;
    case "pool-max-lifetime":
      return `${c.library} connection lifetime = ${c.seconds} s`;
    case "endpoint":
      return `connect to ${c.to} instead of ${c.from}`;
    case "re-resolve":
      return `${c.server}: resolve ${c.target} again while running`;
  }
}

/** One line per remedy, for reports and the UI: what changes, where, and the note. */
export function describeRemedy(r: Remedy): string {
  const tail = r.note ? ` — ${r.note}` : "";
  switch (r.kind) {
    case "set-attribute":
      return `${r.attribute} = ${show(r.from)} -> ${show(r.to)}${r.instance ? ` on ${r.instance}` : ""} (${r.resourceType})${tail}`;
    case "change-topology": {
      const needs = [
        ...(r.readers !== undefined ? [`${r.readers} reader${r.readers === 1 ? "" : "s"}`] : []),
        ...(r.azs !== undefined ? [`instances in ${r.azs} AZs`] : []),
        ...(r.outsideWriterAz !== undefined ? [`${r.outsideWriterAz} reader${r.outsideWriterAz === 1 ? "" : "s"} outside the writer's AZ`] : []),
        ...(r.targetOtherAz ? ["the failover target outside the writer's AZ"] : []),
        ...(r.maxTier !== undefined ? [`a reader in tier ${r.maxTier} or lower`] : []),
      ];
      const parts = [
        ...(r.set ?? []).map((x) => describeRemedy({ ...x, note: undefined } as SetAttribute)),
        ...(needs.length > 0 ? [`add aws_rds_cluster_instance readers until there are at least: ${needs.join(", ")}`] : []),
      ];
      return `${parts.join("; ")}${tail}`;
    }
    case "set-cluster-parameter":
      return `${r.parameter} = ${r.value} (aws_rds_cluster_parameter_group, ${r.applyMethod})${tail}`;
    case "subscribe-events":
      return `event subscription: ${r.sourceType} ${r.categories.join(", ")} (aws_db_event_subscription)${tail}`;
    case "change-dns-record":
      return `${r.attribute} = ${show(r.from)} -> ${show(r.to)} on ${r.record.name} (aws_route53_record)${tail}`;
    case "run-sql":
      return `run on the writer: ${r.statement}${tail}`;
    case "create-resource":
      return `create ${r.resourceType} (${Object.entries(r.values).map(([k, v]) => `${k} = ${show(v)}`).join(", ")})${tail}`;
    case "add-subnets":
      return `add subnets in other AZs of the same VPC to ${r.resourceType}.${r.attribute} until it spans ${r.azs} AZs${tail}`;
    case "add-instance-alarm":
      return `create aws_cloudwatch_metric_alarm on ${r.namespace} ${r.metricName} (${r.statistic}, ${r.evaluationPeriods} × ${r.period} s, ${r.comparisonOperator} ${r.threshold}) with the action ${r.action}${tail}`;
    case "manual":
      return `${r.text}${tail}`;
    case "edit-app-config":
      return `${r.at.file}:${r.at.line}: ${describeAppChange(r.change)}${tail}`;
    case "staged-procedure":
      return `${r.title}, in ${r.stages.length} stages: ${r.stages.map((s, i) => `${i + 1}. ${s.what}`).join(" ")}${tail}`;
  }
}
