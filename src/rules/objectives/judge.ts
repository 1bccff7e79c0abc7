// Judges recovery estimates against the policy's objectives (SPEC-v1 §6.3): the one place `check` (objectives.rto/rpo) and `simulate` both use.
import { selects } from "../../engine/select.js";
import type { Resource } from "../../model/resource.js";
import type { DisruptionKind, Estimate, ObjectiveStatus, Scenario, Term } from "../../simulate/types.js";
import { parseDuration } from "../../spec/duration.js";
import type { Policy } from "../../spec/policy.js";

export type Measure = "rto" | "rpo";

/** The disruption kinds an objective can name, in the order they are reported. */
export const DISRUPTION_KINDS: readonly DisruptionKind[] = ["writer", "az", "region"];

/** An objective in seconds per disruption kind (`objectives.rto: {writer: 60s, az: 2m}` → `{writer: 60, az: 120}`). */
export type Objective = Readonly<Partial<Record<DisruptionKind, number>>>;

/** Both objectives that apply to a resource. */
export interface Objectives {
  readonly rto?: Objective;
  readonly rpo?: Objective;
}

/** One simulated disruption's estimate, with the disruption named as SPEC §6.1 does (`writer`, `az:us-east-1a`). */
export interface NamedEstimate {
  readonly disruption: string;
  readonly estimate: Estimate;
}

/** The estimates of every scenario of each kind (for `az`: one per AZ the resource runs in). */
export type EstimatesByKind = Readonly<Partial<Record<DisruptionKind, readonly NamedEstimate[]>>>;

/** The verdict of one disruption kind: its status and the scenario that decides it. */
export interface KindJudgement {
  readonly kind: DisruptionKind;
  /** Seconds. */
  readonly objective: number;
  readonly status: ObjectiveStatus;
  /** The failing scenario furthest over the objective, else an unknown one, else the one closest to it; absent when none was simulated. */
  readonly decisive?: NamedEstimate;
  /** The largest term of the decisive estimate. */
  readonly dominant?: Term;
  /** Why the status is `unknown`. */
  readonly reason?: string;
}

export interface ObjectiveJudgement {
  readonly status: ObjectiveStatus;
  /** The objective in seconds, per kind listed. */
  readonly expected: Readonly<Partial<Record<DisruptionKind, number>>>;
  /** The decisive estimate per kind as `[low, high]` (null where not known; `high` null for an unbounded recovery). */
  readonly actual: Readonly<Partial<Record<DisruptionKind, readonly [number | null, number | null] | null>>>;
  /** Per kind listed, in DISRUPTION_KINDS order. */
  readonly kinds: readonly KindJudgement[];
  /** The kind that decides the whole judgement (the worst one). */
  readonly decisive?: KindJudgement;
}

/** The objective of an option as written in the policy (durations or seconds); entries that are not durations are left out (the schema refuses them). */
export function parseObjective(option: unknown): Objective {
  const objective: Partial<Record<DisruptionKind, number>> = {};
  if (typeof option !== "object" || option === null) return objective;
  for (const kind of DISRUPTION_KINDS) {
    const seconds = parseDuration((option as Record<string, unknown>)[kind]);
    if (seconds !== undefined) objective[kind] = seconds;
  }
  return objective;
}

/**
 * One estimate against an objective: `pass` when its high is within it, `fail` when the high exceeds
 * it or no upper bound exists (a person must act), `unknown` when the estimate is unknown, unless
 * what is known (its low) already exceeds the objective: that fails whatever the unknown term is.
 */
export function estimateStatus(estimate: Estimate, objectiveSeconds: number): ObjectiveStatus {
  if (estimate.bound === "unknown") return estimate.low !== null && estimate.low > objectiveSeconds ? "fail" : "unknown";
  if (estimate.bound === "unbounded" || estimate.high === null) return "fail";
  return estimate.high <= objectiveSeconds ? "pass" : "fail";
}

/** The term that weighs most: the largest high (no upper bound first), then the largest low. */
export function dominantTerm(estimate: Estimate): Term | undefined {
  let best: Term | undefined;
  for (const term of estimate.terms) {
    if (best === undefined || compareTerms(term, best) > 0) best = term;
  }
  return best;
}

function compareTerms(a: Term, b: Term): number {
  const ah = a.high ?? Number.POSITIVE_INFINITY;
  const bh = b.high ?? Number.POSITIVE_INFINITY;
  return ah !== bh ? (ah > bh ? 1 : -1) : a.low - b.low;
}

const SEVERITY: Readonly<Record<ObjectiveStatus, number>> = { fail: 2, unknown: 1, pass: 0 };

/** How far past the objective (Infinity when unbounded); for ordering the worst first. */
function excess(estimate: Estimate, objectiveSeconds: number): number {
  const high = estimate.bound === "unbounded" ? null : estimate.high;
  if (high === null) return estimate.bound === "unknown" ? (estimate.low ?? 0) - objectiveSeconds : Number.POSITIVE_INFINITY;
  return high - objectiveSeconds;
}

/** One kind's verdict over all its scenarios: any fail fails, else any unknown is unknown, else pass. */
function judgeKind(kind: DisruptionKind, objective: number, scenarios: readonly NamedEstimate[] | undefined): KindJudgement {
  if (scenarios === undefined || scenarios.length === 0) {
    return { kind, objective, status: "unknown", reason: `no ${kind} scenario could be simulated` };
  }
  let worst: { s: NamedEstimate; status: ObjectiveStatus; excess: number } | undefined;
  for (const s of scenarios) {
    const status = estimateStatus(s.estimate, objective);
    const over = excess(s.estimate, objective);
    if (worst === undefined || SEVERITY[status] > SEVERITY[worst.status] || (status === worst.status && over > worst.excess)) {
      worst = { s, status, excess: over };
    }
  }
  const decisive = worst!.s;
  const dominant = dominantTerm(decisive.estimate);
  return {
    kind,
    objective,
    status: worst!.status,
    decisive,
    ...(dominant ? { dominant } : {}),
    ...(worst!.status === "unknown" ? { reason: decisive.estimate.reason ?? `the ${decisive.disruption} estimate is unknown` } : {}),
  };
}

/**
 * Judges the estimates of every disruption kind the objective lists (SPEC §6.3): pass when every
 * scenario's high is within the objective, fail when some high exceeds it or a recovery is
 * unbounded, unknown when an estimate is unknown (and nothing fails).
 */
export function judgeObjective(estimatesByKind: EstimatesByKind, objective: Objective): ObjectiveJudgement {
  const kinds = DISRUPTION_KINDS.filter((k) => objective[k] !== undefined).map((k) => judgeKind(k, objective[k]!, estimatesByKind[k]));
  let decisive: KindJudgement | undefined;
  for (const k of kinds) {
    if (decisive === undefined || SEVERITY[k.status] > SEVERITY[decisive.status]) decisive = k;
    else if (k.status === decisive.status && k.decisive && decisive.decisive) {
      if (excess(k.decisive.estimate, k.objective) > excess(decisive.decisive.estimate, decisive.objective)) decisive = k;
    }
  }
  const expected: Partial<Record<DisruptionKind, number>> = {};
  const actual: Partial<Record<DisruptionKind, readonly [number | null, number | null] | null>> = {};
  for (const k of kinds) {
    expected[k.kind] = k.objective;
    const e = k.decisive?.estimate;
    actual[k.kind] = e ? [e.low, e.bound === "unbounded" ? null : e.high] : null;
  }
  return { status: decisive?.status ?? "pass", expected, actual, kinds, ...(decisive ? { decisive } : {}) };
}

/** The objective kind a scenario's disruption is judged as: `instance:ID` counts as `writer` when ID was the writer; other instances have none. */
export function disruptionKindOf(scenario: Pick<Scenario, "disruption" | "writer">): DisruptionKind | undefined {
  const d = scenario.disruption;
  if (d === "writer") return "writer";
  if (d.startsWith("az:")) return "az";
  if (d.startsWith("region:")) return "region";
  if (d.startsWith("instance:")) return scenario.writer.before === d.slice("instance:".length) ? "writer" : undefined;
  return undefined;
}

/** SPEC §6.2's per-scenario `objectives` (seconds) and `status`; both empty when no objective names the scenario's kind. */
export function scenarioStatus(
  scenario: Scenario,
  objectives: Objectives,
): { objectives: { rto?: number; rpo?: number }; status: { rto?: ObjectiveStatus; rpo?: ObjectiveStatus } } {
  const kind = disruptionKindOf(scenario);
  const seconds: { rto?: number; rpo?: number } = {};
  const status: { rto?: ObjectiveStatus; rpo?: ObjectiveStatus } = {};
  if (kind === undefined) return { objectives: seconds, status };
  for (const measure of ["rto", "rpo"] as const) {
    const objective = objectives[measure]?.[kind];
    if (objective === undefined) continue;
    seconds[measure] = objective;
    // An unaffected resource recovers from nothing: its estimate is what the simulation says (0 s), judged like any other.
    status[measure] = estimateStatus(scenario[measure], objective);
  }
  return { objectives: seconds, status };
}

/**
 * The objectives the policies' targets set for a resource: `objectives.rto` / `objectives.rpo` of every
 * target that selects it (or may: a target the data cannot decide counts, so no objective is missed),
 * the strictest per kind when several do.
 */
export function objectivesFor(policies: readonly Policy[], resource: Resource): Objectives {
  const found: Record<Measure, Partial<Record<DisruptionKind, number>> | undefined> = { rto: undefined, rpo: undefined };
  for (const policy of policies) {
    for (const target of policy.targets) {
      if (selects(target.match, resource).selected === false) continue;
      for (const requirement of target.requirements) {
        const measure = requirement.ruleId === "objectives.rto" ? "rto" : requirement.ruleId === "objectives.rpo" ? "rpo" : undefined;
        if (measure === undefined) continue;
        const objective = parseObjective(requirement.option);
        const into = (found[measure] ??= {});
        for (const kind of DISRUPTION_KINDS) {
          const s = objective[kind];
          if (s !== undefined) into[kind] = Math.min(into[kind] ?? s, s);
        }
      }
    }
  }
  return { ...(found.rto ? { rto: found.rto } : {}), ...(found.rpo ? { rpo: found.rpo } : {}) };
}
