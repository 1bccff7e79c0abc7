// The shape of a rule: a self-describing object whose check() judges one resource and says how to fix it.
import type { Facts } from "../facts/index.js";
import type { Inventory } from "../model/inventory.js";
import type { Resource, ResourceKind, SourceLocation } from "../model/resource.js";
import type { AssumptionSet } from "../simulate/index.js";
import type { Control } from "./control-catalog.js";
import type { MessageData, SharedMessageId } from "./messages.js";
import type { Remedy } from "./remedy.js";

export type { Remedy } from "./remedy.js";
export type { MessageData } from "./messages.js";

export type RuleStatus = "pass" | "fail" | "unknown" | "not_applicable";
export type ResultStatus = RuleStatus | "waived";

export const RULE_GROUPS = [
  "multi_az",
  "failover",
  "backup",
  "binlog",
  "dns",
  "events",
  "proxy",
  "monitoring",
  "maintenance",
  "changes",
  "objectives",
  "clients",
  "compute",
  "load_balancer",
] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];

/** A value a verdict was based on, for evidence and audit appendices. */
export interface Evidence {
  /** Model path or API field, e.g. `DBClusterMembers[orders-2].PromotionTier`. */
  readonly field: string;
  readonly value: unknown;
}

/**
 * The outcome of one rule on one resource. `expected`/`actual` are JSON-able data. `Id` is the rule's
 * message ids: a verdict can only name a template its rule declares (or a shared one, see messages.ts).
 */
export interface Verdict<Id extends string = string> {
  readonly status: RuleStatus;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** The template the message is rendered from (value first, then the consequence, then what to do). */
  readonly messageId: Id | SharedMessageId;
  /** The values of the template's `{{name}}` placeholders. */
  readonly data?: MessageData;
  /** Why the status is `unknown` or `not_applicable`. */
  readonly reason?: string;
  /** What makes a failing verdict pass, as typed steps `haspec fix` interprets (see remedy.ts). */
  readonly remedies?: readonly Remedy[];
  readonly evidence?: readonly Evidence[];
  /** The Terraform-style diff line: `attribute = actual -> expected` in the text report. */
  readonly diff?: { readonly attribute: string; readonly from: string; readonly to: string };
  /** The place of the deciding setting, when it is not the resource's own (an application's file and line). */
  readonly location?: SourceLocation;
}

/** What a rule gets besides the resource and its option. */
export interface RuleContext {
  readonly inventory: Inventory;
  /**
   * What the inventory says about each resource (topology, failover order, DNS records, subscriptions,
   * proxies), built once per inventory by the engine (`buildFacts`): rules look facts up here instead
   * of computing or caching them themselves.
   */
  readonly facts: Facts;
  /** The clock; injected so verdicts are reproducible. */
  readonly now: Date;
  /** The figures the inputs cannot give (client DNS cache, DNS update…): the policy's `assumptions`, else the documented defaults. */
  readonly assumptions: AssumptionSet;
}

/**
 * A rule describes itself (docs, schema and explain are generated from these fields) and judges
 * one resource. Rules never know which source produced the model and never call AWS.
 */
export interface Rule<Option = unknown, Id extends string = string> {
  /** `<group>.<key>`, the key under `require` in the policy. */
  readonly id: string;
  readonly group: RuleGroup;
  /** The desired condition, e.g. "Instances span at least N Availability Zones". */
  readonly title: string;
  /** Why it matters for availability, in plain words (the consequence of violating it). */
  readonly why: string;
  /** Resource kinds the rule can judge; other kinds get `not_applicable`. */
  readonly appliesTo: readonly ResourceKind[];
  /** Further restriction, e.g. engines; a string return is the not-applicable reason. */
  readonly applicable?: (resource: Resource) => true | string;
  /** The model/API fields and Terraform attributes it reads. */
  readonly inspects: { readonly api: readonly string[]; readonly terraform: readonly string[] };
  /** How to fix it, in words, naming the Terraform attribute and value. */
  readonly fixHint: string;
  /** The compliance controls it evidences (only where it checks what the control asks); `[]` for none. */
  readonly controls: readonly Control[];
  /**
   * Data only a plan (`plan`: changes.* rules) or a capture time (`live`: PITR lag) gives; a re-check of
   * generated configuration cannot judge such a rule again. Absent for rules any input can judge.
   */
  readonly judgedFrom?: "plan" | "live";
  /** JSON Schema of the policy option (the value under `require.<group>.<key>`). */
  readonly optionSchema: Record<string, unknown>;
  /** An example option value, used in docs and `haspec init`. */
  readonly example: Option;
  /**
   * The rule's messages as templates with `{{name}}` placeholders, by message id (ESLint's `meta.messages`):
   * the value, the consequence, the fix. Verdicts name one with `messageId` and fill it with `data`.
   */
  readonly messages: Readonly<Record<Id, string>>;
  readonly check: (resource: Resource, option: Option, ctx: RuleContext) => Verdict<Id>;
}

/**
 * Declares a rule: `defineRule<Option>()({ ..., messages: { ... }, check })`. The option type is given, the
 * message ids are inferred from `messages`, so `check` can only name declared ones (typescript-eslint's
 * `RuleCreator` is curried the same way).
 */
export function defineRule<Option>() {
  return <const Messages extends Readonly<Record<string, string>>>(
    rule: Rule<Option, keyof Messages & string> & { readonly messages: Messages },
  ): Rule<Option, keyof Messages & string> => rule;
}

/** What reports, the UI and `haspec fix` know of a rule: its self-description without the code. */
export interface RuleInfo {
  readonly id: string;
  readonly group: RuleGroup;
  readonly title: string;
  readonly why: string;
  readonly fixHint: string;
  readonly controls: readonly Control[];
  readonly judgedFrom?: "plan" | "live";
}

/** The rule's description as plain data, carried with an evaluation. */
export function ruleInfo(rule: Rule<any>): RuleInfo {
  const { id, group, title, why, fixHint, controls, judgedFrom } = rule;
  return { id, group, title, why, fixHint, controls, ...(judgedFrom ? { judgedFrom } : {}) };
}
