// Runs every policy's targets over the inventory: select, judge, waive, summarise.
import type { Inventory } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import { findRule } from "../rules/index.js";
import type { RuleContext, Verdict } from "../rules/types.js";
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
function judge(requirement: Requirement, resource: Resource, ctx: RuleContext): Verdict {
  const rule = findRule(requirement.ruleId);
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
  const policyRefs: PolicyRef[] = [];

  for (const policy of policies) {
    const { active, expired } = partitionWaivers(policy.waivers, options.now);
    policyRefs.push({ name: policy.name, file: policy.file, sha256: policy.sha256, expiredWaivers: expired });
    const waiverFor = waiverMatcher(active);
    for (const target of policy.targets) {
      for (const resource of inventory.resources) {
        const selection = selects(target.match, resource);
        if (selection.selected === false) continue;
        judged.add(resource);
        const ref = resourceRef(resource);
        for (const requirement of target.requirements) {
          const verdict: Verdict =
            selection.selected === true
              ? judge(requirement, resource, ctx)
              : { status: "unknown", message: selection.reason, reason: selection.reason };
          results.push(toResult(policy, target, requirement, ref, verdict, waiverFor(resource.id, requirement.ruleId)));
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

function toResult(
  policy: Policy,
  target: Target,
  requirement: Requirement,
  resource: ResourceRef,
  verdict: Verdict,
  waiver: ReturnType<ReturnType<typeof waiverMatcher>>,
): Result {
  const waivable = verdict.status === "fail" || verdict.status === "unknown";
  const base = {
    policy: policy.name,
    target: target.name,
    resource,
    rule: requirement.ruleId,
    severity: target.severity,
    expected: verdict.expected ?? requirement.option,
    actual: verdict.actual ?? null,
    message: verdict.message,
    ...(verdict.evidence ? { evidence: verdict.evidence } : {}),
    ...(requirement.position ? { policyPosition: { file: policy.file, ...requirement.position } } : {}),
  };
  if (waiver && waivable) {
    return {
      ...base,
      status: "waived",
      reason: waiver.reason,
      ...(verdict.diff ? { diff: verdict.diff } : {}),
      waived: { status: verdict.status, waiver },
    };
  }
  return {
    ...base,
    status: verdict.status,
    ...(verdict.reason !== undefined && verdict.status !== "pass" && verdict.status !== "fail" ? { reason: verdict.reason } : {}),
    ...(verdict.status === "fail" && verdict.fix ? { fix: verdict.fix } : {}),
    ...(verdict.status === "fail" && verdict.diff ? { diff: verdict.diff } : {}),
  };
}

export function summarise(results: readonly Result[], resources: number): Summary {
  const summary: Summary = { resources, pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}
