// The shape of a rule: a self-describing object whose check() judges one resource.
import type { Facts } from "../facts/index.js";
import type { Inventory } from "../model/inventory.js";
import type { Resource, ResourceKind } from "../model/resource.js";

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
] as const;
export type RuleGroup = (typeof RULE_GROUPS)[number];

/** One attribute change that would make the rule pass, in Terraform's vocabulary. */
export interface FixChange {
  /** Terraform attribute name, e.g. `backup_retention_period`. */
  readonly attribute: string;
  readonly from: unknown;
  readonly to: unknown;
  /** Terraform resource type the attribute lives on, e.g. `aws_rds_cluster_instance`. */
  readonly resourceType?: string;
  /** For instance-level attributes of a cluster: which member instance to change. */
  readonly instance?: string;
  /** When the change cannot be made by setting an attribute alone (e.g. add an instance, recreate). */
  readonly note?: string;
  /** For `aws_route53_record` changes: which record (as the DNS data names it). */
  readonly record?: { readonly name: string; readonly type: string; readonly zone?: string };
}

/** A value a verdict was based on, for evidence and audit appendices. */
export interface Evidence {
  /** Model path or API field, e.g. `DBClusterMembers[orders-2].PromotionTier`. */
  readonly field: string;
  readonly value: unknown;
}

/** The outcome of one rule on one resource. `expected`/`actual` are JSON-able data. */
export interface Verdict {
  readonly status: RuleStatus;
  readonly expected?: unknown;
  readonly actual?: unknown;
  /** Value first, then the consequence, then what to do. */
  readonly message: string;
  /** Why the status is `unknown` or `not_applicable`. */
  readonly reason?: string;
  readonly fix?: readonly FixChange[];
  readonly evidence?: readonly Evidence[];
  /** The Terraform-style diff line: `attribute = actual -> expected` in the text report. */
  readonly diff?: { readonly attribute: string; readonly from: string; readonly to: string };
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
}

/**
 * A rule describes itself (docs, schema and explain are generated from these fields) and judges
 * one resource. Rules never know which source produced the model and never call AWS.
 */
export interface Rule<Option = unknown> {
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
  /** JSON Schema of the policy option (the value under `require.<group>.<key>`). */
  readonly optionSchema: Record<string, unknown>;
  /** An example option value, used in docs and `haspec init`. */
  readonly example: Option;
  readonly check: (resource: Resource, option: Option, ctx: RuleContext) => Verdict;
}

/** Identity helper that keeps the option type while erasing it for the index. */
export function defineRule<Option>(rule: Rule<Option>): Rule<Option> {
  return rule;
}
