// The engine's output: one result per (policy, target, resource, rule), plus what the run read.
import type { DrillEvidence } from "../model/inventory.js";
import type { ResourceKind, SourceLocation } from "../model/resource.js";
import type { MessageData } from "../rules/messages.js";
import type { Evidence, Remedy, ResultStatus, RuleInfo, RuleStatus } from "../rules/types.js";
import type { Assumption, Scenario } from "../simulate/types.js";
import type { PolicyPosition, Severity, Waiver } from "../spec/policy.js";

/** The identity of a judged resource, as the JSON report shows it. */
export interface ResourceRef {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly engine: string;
  readonly region: string | null;
  readonly account: string | null;
  readonly address: string;
  readonly location?: SourceLocation;
}

export interface Result {
  readonly policy: string;
  readonly target: string;
  readonly resource: ResourceRef;
  readonly rule: string;
  readonly status: ResultStatus;
  readonly severity: Severity;
  readonly expected: unknown;
  readonly actual: unknown;
  /** The rendered message: the rule's template `messageId` filled with `data`. */
  readonly message: string;
  /**
   * The template the message was rendered from: the rule's own (`rule.messages`) or a shared one (`SHARED_MESSAGES`);
   * undefined only for a result read back from a JSON report written before reports carried it.
   */
  readonly messageId: string | undefined;
  /** The values the template was filled with; tests assert these rather than the wording. */
  readonly data: MessageData | undefined;
  /** Why unknown / not applicable / waived. */
  readonly reason: string | undefined;
  /** What would make a failing result pass, as the rule states it. */
  readonly remedies: readonly Remedy[] | undefined;
  readonly evidence: readonly Evidence[] | undefined;
  /** The Terraform-style line of a failing or waived result. */
  readonly diff: { readonly attribute: string; readonly from: string; readonly to: string } | undefined;
  /** For waived results: what the rule said before the waiver, and the waiver. */
  readonly waived: { readonly status: RuleStatus; readonly waiver: Waiver } | undefined;
  /** The place of the deciding setting, when it is not the resource's own (SPEC §7.2: an application's file and line). */
  readonly location?: SourceLocation;
  /** Where in the policy file the rule was required. */
  readonly policyPosition: (PolicyPosition & { readonly file: string }) | undefined;
}

export interface Summary {
  resources: number;
  pass: number;
  fail: number;
  unknown: number;
  waived: number;
  not_applicable: number;
}

export interface PolicyRef {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
  /**
   * Waivers whose expiry date has passed (so not applied) and that match a resource and rule judged
   * in this run; complete once the results have been iterated, like `summary()`.
   */
  readonly expiredWaivers: readonly Waiver[];
}

/** What a run knows before it judges anything. */
export interface RunInfo {
  readonly generatedAt: string;
  /** When the judged data was captured (live scans and snapshots); absent when the inputs cannot say. */
  readonly capturedAt?: string;
  readonly policies: readonly PolicyRef[];
  readonly sources: readonly { readonly kind: string; readonly location: string; readonly sha256?: string }[];
  /** What the sources skipped or could not read. */
  readonly notes: readonly string[];
  /** Places whose databases could not be listed at all; like an unknown, never a pass. */
  readonly gaps: readonly string[];
  /** What the results' rules say of themselves (title, why, fix hint, controls), in the rule index's order. */
  readonly rules: readonly RuleInfo[];
  /** The failure simulation of the run (SPEC §6.2), when it made one: the audit HTML report shows it. */
  readonly simulation?: { readonly assumptions: readonly Assumption[]; readonly scenarios: readonly Scenario[] };
  /** The drill records given as inputs (SPEC §8): the audit HTML report shows each cluster's newest, predicted against measured. */
  readonly drills?: readonly DrillEvidence[];
}

/** A finished evaluation: every result, and the counts. */
export interface Evaluation extends RunInfo {
  readonly results: readonly Result[];
  readonly summary: Summary;
}

/**
 * What a report is rendered from: an evaluation whose results may still be streaming.
 * `summary()` is complete once `results` has been iterated.
 */
export interface ReportInput extends RunInfo {
  readonly results: Iterable<Result>;
  summary(): Summary;
}

/** A finished evaluation as report input. */
export function reportInput(ev: Evaluation): ReportInput {
  return { ...ev, summary: () => ev.summary };
}

/** The rule a result names, from the evaluation's own rule descriptions. */
export function ruleOf(ev: Pick<RunInfo, "rules">, id: string): RuleInfo | undefined {
  return ev.rules.find((r) => r.id === id);
}

/**
 * The left-hand side of a result's Terraform-style line: the attribute it is about (and the member), or the rule id.
 * The member is the instance of a remedy that sets this same attribute: a remedy that changes another
 * attribute (a promotion tier, for an AZ line) is about another instance than the value shown.
 */
export function diffSubject(r: Result): string {
  const attribute = r.diff?.attribute ?? r.rule;
  const setsThis = (f: { attribute: string }) => attribute === f.attribute || attribute.startsWith(`${f.attribute} `);
  const member = r.remedies
    ?.flatMap((x) => (x.kind === "set-attribute" ? [x] : x.kind === "change-topology" ? (x.set ?? []) : []))
    .find((f) => f.instance && setsThis(f))?.instance;
  return member && r.diff && !attribute.includes(member) ? `${attribute} (${member})` : attribute;
}

/** The right-hand side of a result's Terraform-style line: `actual -> expected`, `(unknown)`, or nothing. */
export function diffValue(r: Result): string {
  if (r.status === "unknown") return "(unknown)";
  if (r.diff) return `${r.diff.from} -> ${r.diff.to}`;
  return "";
}

/**
 * ` (at src/main/resources/application.yml:12)` for a result whose deciding setting has a place of its own (SPEC §7.2),
 * else "" (also when the message already names the place).
 */
export function resultPlace(r: Pick<Result, "location" | "message">): string {
  if (!r.location?.file) return "";
  const place = [r.location.file, r.location.line].filter((x) => x !== undefined).join(":");
  return r.message.includes(place) ? "" : ` (at ${place})`;
}
