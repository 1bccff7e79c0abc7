// The UI's filters (text, minimum severity, unknowns and waived shown or hidden) and which results they let through.
import { remedySubject } from "../rules/remedy.js";
import type { ResourceRef, Result } from "../engine/result.js";
import type { Severity } from "../spec/policy.js";

export interface Filters {
  /** Case-insensitive text to find in the resource's identity or in what a result is about; empty matches everything. */
  readonly text: string;
  /** Only results of targets at least this severe; undefined shows every severity. */
  readonly minSeverity: Severity | undefined;
  readonly showUnknown: boolean;
  readonly showWaived: boolean;
}

export const NO_FILTERS: Filters = { text: "", minSeverity: undefined, showUnknown: true, showWaived: true };

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** `s` cycles: every severity, then critical, high and up, medium and up, and back. */
export function nextSeverity(current: Severity | undefined): Severity | undefined {
  if (current === undefined) return "critical";
  if (current === "critical") return "high";
  if (current === "high") return "medium";
  return undefined;
}

function refText(ref: ResourceRef): string {
  return [ref.id, ref.address, ref.kind, ref.engine, ref.region ?? "", ref.account ?? ""].join("\n").toLowerCase();
}

/** What a result is about (its rule, target, status, attribute), not its prose, which names other things. */
function resultText(r: Result): string {
  return [r.rule, r.target, r.policy, r.status, r.diff?.attribute ?? "", ...(r.remedies ?? []).map(remedySubject)].join("\n").toLowerCase();
}

/**
 * A predicate over one resource's results: every result of a resource whose identity matches the
 * text, else the results that match it; then severity, unknown and waived.
 */
export function resultFilter(ref: ResourceRef, filters: Filters): (r: Result) => boolean {
  const needle = filters.text.trim().toLowerCase();
  const wholeResource = needle === "" || refText(ref).includes(needle);
  const min = filters.minSeverity === undefined ? Infinity : SEVERITY_RANK[filters.minSeverity];
  return (r) =>
    SEVERITY_RANK[r.severity] <= min &&
    (filters.showUnknown || r.status !== "unknown") &&
    (filters.showWaived || r.status !== "waived") &&
    (wholeResource || resultText(r).includes(needle));
}

/** Whether any filter narrows the view. */
export function isFiltered(filters: Filters): boolean {
  return filters.text.trim() !== "" || filters.minSeverity !== undefined || !filters.showUnknown || !filters.showWaived;
}

/** The active filters in words, e.g. `/crm`, `severity ≥ high`, `unknowns hidden`. */
export function describeFilters(filters: Filters): string[] {
  return [
    filters.text.trim() !== "" ? `/${filters.text.trim()}` : "",
    filters.minSeverity !== undefined && filters.minSeverity !== "critical" ? `severity ≥ ${filters.minSeverity}` : "",
    filters.minSeverity === "critical" ? "severity critical" : "",
    filters.showUnknown ? "" : "unknowns hidden",
    filters.showWaived ? "" : "waived hidden",
  ].filter(Boolean);
}
