// Runs every policy's targets over the inventory: select, judge, waive, summarise.
import type { Inventory } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import { findRule } from "../rules/index.js";
import type { Rule, RuleContext, Verdict } from "../rules/types.js";
import type { Policy, Requirement, Target } from "../spec/policy.js";
import type { Evaluation, PolicyRef, ResourceRef, Result, Summary } from "./result.js";
import { selects } from "./select.js";
import { partitionWaivers, waiverMatcher } from "./waivers.js";

export interface EvaluateOptions {
  /** The clock, for waiver expiry and the report's generatedAt. */
  readonly now: Date;
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

/** Judges one requirement on one resource; never throws for data problems. */
function judge(requirement: Requirement, rule: Rule<any> | undefined, resource: Resource, ctx: RuleContext): Verdict {
  if (!rule) {
    // The policy loader rejects unknown rule ids; reaching here is a bug, reported as unknown, not pass.
    return { status: "unknown", message: `no rule ${requirement.ruleId}`, reason: `haspec has no rule ${requirement.ruleId}` };
  }
  if (!rule.appliesTo.includes(resource.kind)) {
    const reason = `${rule.id} does not apply to ${resource.kind} resources`;
    return { status: "not_applicable", message: reason, reason };
  }
  const applicable = rule.applicable?.(resource) ?? true;
  if (applicable !== true) return { status: "not_applicable", message: applicable, reason: applicable };
  return rule.check(resource, requirement.option, ctx);
}

export function evaluate(policies: readonly Policy[], inventory: Inventory, options: EvaluateOptions): Evaluation {
  const ctx: RuleContext = { inventory, now: options.now };
  const results: Result[] = [];
  const judged = new Set<Resource>();
  const refs = new Map<Resource, ResourceRef>();
  const refOf = (r: Resource): ResourceRef => {
    let ref = refs.get(r);
    if (ref === undefined) refs.set(r, (ref = resourceRef(r)));
    return ref;
  };
  const policyRefs: PolicyRef[] = [];

  for (const policy of policies) {
    const { active, expired } = partitionWaivers(policy.waivers, options.now);
    policyRefs.push({ name: policy.name, file: policy.file, sha256: policy.sha256, expiredWaivers: expired });
    const waiverFor = waiverMatcher(active);
    for (const target of policy.targets) {
      const rules = target.requirements.map((r) => findRule(r.ruleId));
      const positions = target.requirements.map((r) => (r.position ? { file: policy.file, ...r.position } : undefined));
      for (const resource of inventory.resources) {
        const selection = selects(target.match, resource);
        if (selection.selected === false) continue;
        judged.add(resource);
        const ref = refOf(resource);
        for (let i = 0; i < target.requirements.length; i++) {
          const requirement = target.requirements[i]!;
          const verdict: Verdict =
            selection.selected === true
              ? judge(requirement, rules[i], resource, ctx)
              : { status: "unknown", message: selection.reason, reason: selection.reason };
          const waiver = verdict.status === "fail" || verdict.status === "unknown" ? waiverFor(resource.id, requirement.ruleId) : undefined;
          results.push(toResult(policy, target, requirement, positions[i], ref, verdict, waiver));
        }
      }
    }
  }

  return {
    generatedAt: options.now.toISOString(),
    policies: policyRefs,
    sources: inventory.sources,
    results,
    summary: summarise(results, judged.size),
    notes: inventory.notes,
  };
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
    message: verdict.message,
    reason: waived ? waiver.reason : status === "unknown" || status === "not_applicable" ? verdict.reason : undefined,
    fix: showsFix ? verdict.fix : undefined,
    evidence: verdict.evidence,
    diff: waived || status === "fail" ? verdict.diff : undefined,
    waived: waived ? { status, waiver } : undefined,
    policyPosition,
  };
}

export function summarise(results: readonly Result[], resources: number): Summary {
  const summary: Summary = { resources, pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}
