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

export type Outcome = "none" | "failover" | "restart" | "recreate" | "manual" | "lost";

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
  readonly instancesLeft: number;
  readonly readersLeft: number;
  /** Aurora only: 6 copies over 3 AZs, 4 to write, 3 to read. */
  readonly storage?: { readonly copiesLeft: number; readonly writable: boolean; readonly readable: boolean };
  readonly rto: Estimate;
  readonly rpo: Estimate;
  /** What a person must do, in plain words. */
  readonly manual: readonly string[];
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
