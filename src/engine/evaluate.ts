// Runs every policy's targets over the inventory: select, judge, waive, count.
import { buildFacts, type Facts } from "../facts/index.js";
import { applicationResource } from "../model/application.js";
import { computeResources } from "../model/compute.js";
import type { Inventory } from "../model/inventory.js";
import { isDestroy, type Resource } from "../model/resource.js";
import { findRule, RULES } from "../rules/index.js";
import { clientEvidence, resolveAssumptions } from "../simulate/index.js";
import { verdictMessage } from "../rules/messages.js";
import { ruleInfo, type Rule, type RuleContext, type Verdict } from "../rules/types.js";
import type { Policy, Requirement, Target } from "../spec/policy.js";
import type { Evaluation, PolicyRef, ReportInput, ResourceRef, Result, Summary } from "./result.js";
import { familyOf, selects, type Family } from "./select.js";
import { expiredInRun, partitionWaivers, waiverMatcher } from "./waivers.js";

export interface EvaluateOptions {
  /** The clock, for waiver expiry and the report's generatedAt. */
  readonly now: Date;
  /**
   * The facts of this same inventory, when the caller built them to share with other consumers
   * (simulate, fix, the UI); built here when absent.
   */
  readonly facts?: Facts;
}

function resourceRef(r: Resource): ResourceRef {
  return {
    id: r.id,
    kind: r.kind,
    engine: r.engine,
    region: r.region.known ? r.region.value : null,
    account: r.account.known ? r.account.value : null,
    address: r.address,
    ...(r.location ? { location: r.location } : {}),
  };
}

/** The databases, then the applications of `--app-config` as resources of kind `application`, then the application tier. */
function* judgedResources(inventory: Inventory): Generator<Resource> {
  yield* inventory.resources;
  for (const app of inventory.applications ?? []) yield applicationResource(app);
  yield* computeResources(inventory.compute);
}

/** Judges one requirement on one resource; never throws for data problems. */
function judge(requirement: Requirement, rule: Rule<any> | undefined, resource: Resource, ctx: RuleContext): Verdict {
  if (!rule) {
    // The policy loader rejects unknown rule ids; reaching here is a bug, reported as unknown, not pass.
    return { status: "unknown", messageId: "noRule", data: { rule: requirement.ruleId }, reason: `haspec has no rule ${requirement.ruleId}` };
  }
  if (!rule.appliesTo.includes(resource.kind)) {
    const reason = `${rule.id} does not apply to ${resource.kind} resources`;
    return { status: "not_applicable", messageId: "notApplicable", data: { reason }, reason };
  }
  const applicable = rule.applicable?.(resource) ?? true;
  if (applicable !== true) return { status: "not_applicable", messageId: "notApplicable", data: { reason: applicable }, reason: applicable };
  if (resource.change !== undefined && isDestroy(resource.change.actions) && rule.group !== "changes") {
    // A cluster or instance the plan destroys has no end state to judge; the changes.* rules judge the destroy.
    const reason = `the plan destroys ${resource.id}: ${rule.id} judges end states, and only the changes.* rules judge a destroy`;
    return { status: "not_applicable", messageId: "notApplicable", data: { reason }, reason };
  }
  const verdict = rule.check(resource, requirement.option, ctx);
  // A plan that errored or deferred changes is not the end state: what passes on it is not known to pass.
  const incomplete = resource.change?.incomplete;
  if (incomplete !== undefined && verdict.status === "pass") {
    const message = { messageId: verdict.messageId, ...(verdict.data ? { data: verdict.data } : {}) };
    return { ...verdict, status: "unknown", messageId: "incompletePlan", data: { message, incomplete }, reason: incomplete };
  }
  return verdict;
}

/** Per-target work done once per run, not once per resource. */
interface PreparedTarget {
  readonly target: Target;
  /** The families the target's rules judge (see selects). */
  readonly families: ReadonlySet<Family>;
  readonly rules: readonly (Rule<any> | undefined)[];
  readonly positions: readonly Result["policyPosition"][];
}

interface PreparedPolicy {
  readonly policy: Policy;
  /** The rule context of this policy's rules: the run's, with this policy's own assumptions. */
  readonly ctx: RuleContext;
  readonly ref: PolicyRef;
  readonly waiverFor: ReturnType<typeof waiverMatcher>;
  readonly expired: ReturnType<typeof expiredInRun>;
  readonly targets: readonly PreparedTarget[];
}

function prepare(policy: Policy, now: Date, shared: Omit<RuleContext, "assumptions">): PreparedPolicy {
  const { active, expired } = partitionWaivers(policy.waivers, now);
  const expiredHere = expiredInRun(expired);
  const given = Object.fromEntries((policy.assumptions ?? []).map((a) => [a.name, a.seconds]));
  return {
    policy,
    ctx: { ...shared, assumptions: resolveAssumptions(given, policy.file, clientEvidence(shared.facts)) },
    // Filled as results are judged (see expiredInRun), like the summary.
    ref: { name: policy.name, file: policy.file, sha256: policy.sha256, expiredWaivers: expiredHere.list },
    waiverFor: waiverMatcher(active),
    expired: expiredHere,
    targets: policy.targets.map((target) => ({
      target,
      families: new Set(target.requirements.flatMap((r) => findRule(r.ruleId)?.appliesTo.map(familyOf) ?? [])),
      rules: target.requirements.map((r) => findRule(r.ruleId)),
      positions: target.requirements.map((r) => (r.position ? { file: policy.file, ...r.position } : undefined)),
    })),
  };
}

/**
 * Judges lazily: results come resource by resource (each resource's results together, in policy,
 * target and requirement order) as `results` is iterated, so a large fleet's results can be written
 * out and dropped instead of all being held at once. `summary()` is complete once `results` is.
 */
export function evaluateStream(policies: readonly Policy[], inventory: Inventory, options: EvaluateOptions): ReportInput {
  if (options.facts !== undefined && options.facts.inventory !== inventory) throw new Error("evaluate: options.facts were built from another inventory");
  const shared = { inventory, facts: options.facts ?? buildFacts(inventory), now: options.now };
  const prepared = policies.map((p) => prepare(p, options.now, shared));
  const summary: Summary = { resources: 0, pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };

  function* results(): Generator<Result> {
    for (const resource of judgedResources(inventory)) {
      let ref: ResourceRef | undefined;
      for (const { policy, ctx, waiverFor, expired, targets } of prepared) {
        for (const { target, families, rules, positions } of targets) {
          const selection = selects(target.match, resource, families);
          if (selection.selected === false) continue;
          if (ref === undefined) {
            ref = resourceRef(resource);
            summary.resources += 1;
          }
          for (let i = 0; i < target.requirements.length; i++) {
            const requirement = target.requirements[i]!;
            expired.judged(resource.id, requirement.ruleId);
            const verdict: Verdict =
              selection.selected === true
                ? judge(requirement, rules[i], resource, ctx)
                : { status: "unknown", messageId: "targetUnknown", data: { reason: selection.reason }, reason: selection.reason };
            const waiver =
              verdict.status === "fail" || verdict.status === "unknown" ? waiverFor(resource.id, requirement.ruleId) : undefined;
            const result = toResult(policy, target, requirement, positions[i], ref, verdict, rules[i], waiver);
            summary[result.status] += 1;
            yield result;
          }
        }
      }
    }
  }

  return {
    generatedAt: options.now.toISOString(),
    ...(inventory.capturedAt.known ? { capturedAt: inventory.capturedAt.value } : {}),
    policies: prepared.map((p) => p.ref),
    sources: inventory.sources,
    notes: [...inventory.notes, ...judgedNothingNotes(policies, inventory)],
    gaps: inventory.gaps ?? [],
    rules: rulesRequired(policies),
    results: results(),
    summary: () => summary,
  };
}

/**
 * What judged nothing, said in the report instead of passing silently: inputs without a database,
 * and, in one note per policy, the targets (with rules) whose match selects none of the resources read.
 */
function judgedNothingNotes(policies: readonly Policy[], inventory: Inventory): string[] {
  if (policies.length === 0) return [];
  const all = [...judgedResources(inventory)];
  const count = all.length;
  if (count === 0) return ["the inputs hold no Aurora cluster, Multi-AZ DB cluster or DB instance: nothing was judged"];
  const notes: string[] = [];
  const given = new Set(all.map((r) => familyOf(r.kind)));
  for (const policy of policies) {
    // One note per policy: a pack's targets for kinds the inputs lack would otherwise fill the notes.
    const idle = policy.targets.filter((t) => {
      if (t.requirements.length === 0) return false;
      const families = new Set(t.requirements.flatMap((r) => findRule(r.ruleId)?.appliesTo.map(familyOf) ?? []));
      // A target for applications (or the application tier) in a run given none is not a mistake in the match.
      const wanted = t.match.kinds ? new Set(t.match.kinds.map(familyOf)) : families;
      if (!wanted.has("database") && ![...wanted].some((f) => given.has(f))) return false;
      return !all.some((r) => selects(t.match, r, families).selected !== false);
    });
    if (idle.length === 0) continue;
    const names = idle.map((t) => `${t.name}${t.position ? ` (${policy.file}:${t.position.line})` : ""}`).join(", ");
    const resources = `${count} resource${count === 1 ? "" : "s"} read`;
    notes.push(`${idle.length === 1 ? "target" : "targets"} ${names} of policy ${policy.name} ${idle.length === 1 ? "selects" : "select"} none of the ${resources}: ${idle.length === 1 ? "its" : "their"} rules judged nothing (check the match)`);
  }
  return notes;
}

/** Judges everything and keeps every result (for the UI and tests); see evaluateStream. */
export function evaluate(policies: readonly Policy[], inventory: Inventory, options: EvaluateOptions): Evaluation {
  const stream = evaluateStream(policies, inventory, options);
  const results = [...stream.results];
  return { ...stream, results, summary: stream.summary() };
}

/** The descriptions of the rules the policies require, in the rule index's order. */
function rulesRequired(policies: readonly Policy[]): Evaluation["rules"] {
  const ids = new Set(policies.flatMap((p) => p.targets.flatMap((t) => t.requirements.map((r) => r.ruleId))));
  return RULES.filter((r) => ids.has(r.id)).map(ruleInfo);
}

type Waiving = ReturnType<ReturnType<typeof waiverMatcher>>;

/** Builds the result in one object: this runs once per (target, resource, rule), up to millions of times. */
function toResult(
  policy: Policy,
  target: Target,
  requirement: Requirement,
  policyPosition: Result["policyPosition"],
  resource: ResourceRef,
  verdict: Verdict,
  rule: Rule<any> | undefined,
  waiver: Waiving,
): Result {
  const status = verdict.status;
  const waived = waiver !== undefined && (status === "fail" || status === "unknown");
  const showsFix = status === "fail" && !waived;
  return {
    policy: policy.name,
    target: target.name,
    resource,
    rule: requirement.ruleId,
    status: waived ? "waived" : status,
    severity: target.severity,
    expected: verdict.expected ?? requirement.option,
    actual: verdict.actual ?? null,
    message: verdictMessage(rule, verdict),
    messageId: verdict.messageId,
    data: verdict.data,
    reason: waived ? waiver.reason : status === "unknown" || status === "not_applicable" ? verdict.reason : undefined,
    remedies: showsFix ? verdict.remedies : undefined,
    evidence: verdict.evidence,
    diff: waived || status === "fail" ? verdict.diff : undefined,
    waived: waived ? { status, waiver } : undefined,
    ...(verdict.location ? { location: verdict.location } : {}),
    policyPosition,
  };
}
