// The shape of a simulation (SPEC-v1 §6.2): disruptions, scenarios and the chain of terms behind each RTO and RPO.
import type { ResourceKind } from "../model/resource.js";

/** SPEC §6.1: what fails. */
export type Disruption =
  | { readonly kind: "writer" }
  | { readonly kind: "instance"; readonly id: string }
  | { readonly kind: "az"; readonly name: string }
  | { readonly kind: "region"; readonly name: string };

/** The disruption kinds an objective names (`objectives.rto: {writer, az, region}`); `instance:ID` is judged as `writer` when ID writes. */
export type DisruptionKind = "writer" | "az" | "region";

/**
 * SPEC §6.2's six outcomes, plus `unknown`: the data cannot tell which of them happens (the writer's
 * AZ, the member list or the global membership is unknown); the estimates then say why.
 */
export type Outcome = "none" | "failover" | "restart" | "recreate" | "manual" | "lost" | "unknown";

/** Where a term's figure comes from (SPEC §6.2). */
export type TermFrom = "aws-doc" | "evidence" | "policy" | "default";

/** One link of the chain that adds up to an estimate; seconds. `high` null: no upper bound (a person must act). */
export interface Term {
  readonly term: string;
  readonly low: number;
  readonly high: number | null;
  readonly from: TermFrom;
  /** aws-doc: the published source; evidence: file:line or record; policy: the assumption's name; default: where the default is documented. */
  readonly ref: string;
  /** Plain words: what this term is and why it applies here. */
  readonly note?: string;
}

export type Bound = "estimate" | "unbounded" | "unknown";

/** An RTO or RPO: a range in seconds with the terms it adds up from. */
export interface Estimate {
  readonly low: number | null;
  readonly high: number | null;
  readonly bound: Bound;
  readonly terms: readonly Term[];
  /** Set when bound is `unknown`: which term cannot be known, and how to give it. */
  readonly reason?: string;
}

/** The figures a policy's `assumptions` can set (SPEC §6.3); ASSUMPTIONS in ./assumptions.ts documents each. */
export type AssumptionName =
  | "client_dns_cache"
  | "dns_update"
  | "pool_max_lifetime"
  | "instance_launch"
  | "instance_recovery"
  | "target_health_check"
  | "lb_dns_failover";

/** The one home of what an assumption means and where its default comes from (docs/assumptions.md is generated from it). */
export interface AssumptionDefinition {
  readonly name: AssumptionName;
  /** The chain term it gives (`client DNS cache`…). */
  readonly term: string;
  /** What the figure is, in plain words. */
  readonly meaning: string;
  /**
   * `up-to`: a cache or a lifetime: clients wait anywhere from 0 to the figure (term low 0).
   * `takes`: the step takes the figure (term low = high), unless the default gives a range.
   */
  readonly shape: "up-to" | "takes";
  /** The default: `seconds` is its high end, `low` its low end; `from` aws-doc when AWS publishes it. */
  readonly default: { readonly low: number; readonly seconds: number; readonly from: "aws-doc" | "default"; readonly source: string };
  /** When the chain uses it. */
  readonly usedWhen: string;
}

/** One figure the inputs cannot give (SPEC §6.3 `assumptions`), as used in a run. */
export interface Assumption {
  readonly name: string;
  readonly seconds: number;
  readonly from: "policy" | "default";
  /** Where the default is documented (for `default`), or the policy file (for `policy`). */
  readonly source: string;
}

export type ObjectiveStatus = "pass" | "fail" | "unknown";

export interface Scenario {
  readonly disruption: string;
  readonly resource: {
    readonly id: string;
    readonly kind: ResourceKind;
    readonly engine: string;
    readonly region: string | null;
    readonly account: string | null;
    readonly address: string;
  };
  readonly affected: boolean;
  readonly outcome: Outcome;
  /** `after`: whom AWS would promote (ties listed, Aurora's order); [] when none. */
  readonly writer: { readonly before: string | null; readonly after: readonly string[] };
  readonly capacity: { readonly before: string | null; readonly after: readonly string[]; readonly smaller?: boolean };
  /** null when the data cannot tell (outcome `unknown`). */
  readonly instancesLeft: number | null;
  readonly readersLeft: number | null;
  /** The application tier only (SPEC §9): the AZs its instances run in (a group, a lone instance) or it is enabled in (a load balancer), before and after. */
  readonly azs?: { readonly before: readonly string[]; readonly after: readonly string[] };
  /** Aurora only: 6 copies over 3 AZs, 4 to write, 3 to read. */
  readonly storage?: { readonly copiesLeft: number; readonly writable: boolean; readonly readable: boolean };
  readonly rto: Estimate;
  readonly rpo: Estimate;
  /** What a person must do, in plain words. */
  readonly manual: readonly string[];
  /** What else the reader should know: ties, uncertainty, which readers restart, what was assumed and why. */
  readonly notes?: readonly string[];
  /** Seconds, from the policy (only when a policy with objectives selects the resource). */
  readonly objectives?: { readonly rto?: number; readonly rpo?: number };
  readonly status?: { readonly rto?: ObjectiveStatus; readonly rpo?: ObjectiveStatus };
}

export interface SimulationSummary {
  readonly scenarios: number;
  readonly affected: number;
  readonly manual: number;
  readonly objectivesFailed: number;
}
