// The loaded, validated policy (SPEC-v1 §1) as the engine consumes it.
import type { ResourceKind } from "../model/resource.js";

export type Severity = "low" | "medium" | "high" | "critical";
export const SEVERITIES: readonly Severity[] = ["low", "medium", "high", "critical"];

/** A position in the policy file (1-based), for "the policy line that demanded it". */
export interface PolicyPosition {
  readonly line: number;
  readonly column: number;
}

export interface TargetMatch {
  readonly kinds?: readonly ResourceKind[];
  readonly engines?: readonly string[];
  /** Globs on the cluster or instance identifier. */
  readonly identifiers?: readonly string[];
  /** Each tag must be present; values are globs. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly regions?: readonly string[];
}

/** One required rule of a target: its id (`group.key`), its option value and where it was written. */
export interface Requirement {
  readonly ruleId: string;
  readonly option: unknown;
  readonly position?: PolicyPosition;
}

export interface Target {
  readonly name: string;
  readonly severity: Severity;
  readonly match: TargetMatch;
  /** In the order written in the file. */
  readonly requirements: readonly Requirement[];
  readonly position?: PolicyPosition;
}

export interface Waiver {
  /** Identifier or glob. */
  readonly resource: string;
  /** Rule ids, or ["*"]. */
  readonly rules: readonly string[];
  readonly reason: string;
  /** YYYY-MM-DD; the waiver applies through the end of that day (UTC). */
  readonly expires: string;
  readonly approvedBy?: string;
  readonly position?: PolicyPosition;
}

/** One figure of the policy's `assumptions` (SPEC §6.3): its name, the duration in seconds, where it was written. */
export interface PolicyAssumption {
  readonly name: string;
  readonly seconds: number;
  readonly position?: PolicyPosition;
}

export interface Policy {
  readonly version: 1;
  readonly name: string;
  readonly description?: string;
  readonly targets: readonly Target[];
  readonly waivers: readonly Waiver[];
  /** The top-level `assumptions`, in the order written; absent when the file has none (the documented defaults apply). */
  readonly assumptions?: readonly PolicyAssumption[];
  /** The path as given (relative paths stay relative). */
  readonly file: string;
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
}
