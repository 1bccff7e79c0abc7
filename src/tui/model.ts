// The UI's view of an evaluation: results grouped by resource, tallied, filtered and sorted worst first.
import type { Evaluation, ResourceRef, Result, Summary } from "../engine/result.js";
import type { ResultStatus } from "../rules/types.js";
import type { Severity } from "../spec/policy.js";
import { resultFilter, SEVERITY_RANK, type Filters } from "./filters.js";

/** A result and its position in `evaluation.results` (its identity in the UI). */
export interface ResultEntry {
  readonly index: number;
  readonly result: Result;
}

/** Every result of one resource, in evaluation order. */
export interface ResourceGroup {
  readonly ref: ResourceRef;
  readonly entries: readonly ResultEntry[];
}

export interface ResultIndex {
  /** In evaluation order (the inputs' order). */
  readonly groups: readonly ResourceGroup[];
  readonly byAddress: ReadonlyMap<string, ResourceGroup>;
}

export type Tally = Record<ResultStatus, number>;

/**
 * What a resource row's symbol says: its worst shown status; `pass` only when the resource has
 * no fail, unknown or waived result at all (hidden or not); `hidden` when filters hide those.
 */
export type RowState = "fail" | "unknown" | "waived" | "pass" | "hidden" | "not_applicable";

export interface ResourceRow {
  readonly ref: ResourceRef;
  /** The results the filters let through, not applicable ones left out, worst first. */
  readonly results: readonly ResultEntry[];
  /** Every result the filters let through, not applicable ones included, in evaluation order (what `e` exports). */
  readonly matching: readonly ResultEntry[];
  /** Counts of the results the filters let through. */
  readonly shown: Tally;
  readonly state: RowState;
  /** The worst severity among the shown failures, else among the shown unknowns. */
  readonly worst: Severity | undefined;
}

export function indexResults(results: readonly Result[]): ResultIndex {
  const byAddress = new Map<string, { ref: ResourceRef; entries: ResultEntry[] }>();
  results.forEach((result, index) => {
    const address = result.resource.address;
    let group = byAddress.get(address);
    if (group === undefined) byAddress.set(address, (group = { ref: result.resource, entries: [] }));
    group.entries.push({ index, result });
  });
  return { groups: [...byAddress.values()], byAddress };
}

export function tally(entries: readonly ResultEntry[]): Tally {
  const t: Tally = { fail: 0, unknown: 0, waived: 0, pass: 0, not_applicable: 0 };
  for (const e of entries) t[e.result.status] += 1;
  return t;
}

const STATUS_RANK: Readonly<Record<ResultStatus, number>> = { fail: 0, unknown: 1, waived: 2, pass: 3, not_applicable: 4 };
const STATE_RANK: Readonly<Record<RowState, number>> = { fail: 0, unknown: 1, waived: 2, hidden: 3, pass: 4, not_applicable: 5 };

/** Fail before unknown before waived before pass; then the more severe; then evaluation order. */
function byWorstResult(a: ResultEntry, b: ResultEntry): number {
  return (
    STATUS_RANK[a.result.status] - STATUS_RANK[b.result.status] ||
    SEVERITY_RANK[a.result.severity] - SEVERITY_RANK[b.result.severity] ||
    a.index - b.index
  );
}

function worstSeverity(entries: readonly ResultEntry[], status: ResultStatus): Severity | undefined {
  let worst: Severity | undefined;
  for (const { result } of entries) {
    if (result.status === status && (worst === undefined || SEVERITY_RANK[result.severity] < SEVERITY_RANK[worst])) worst = result.severity;
  }
  return worst;
}

/** One resource as the filters show it. */
export function resourceRow(group: ResourceGroup, filters: Filters): ResourceRow {
  const keep = resultFilter(group.ref, filters);
  const passing = group.entries.filter((e) => keep(e.result));
  const shown = tally(passing);
  const all = tally(group.entries);
  const state: RowState =
    shown.fail > 0
      ? "fail"
      : shown.unknown > 0
        ? "unknown"
        : shown.waived > 0
          ? "waived"
          : all.fail + all.unknown + all.waived > 0
            ? "hidden"
            : shown.pass > 0
              ? "pass"
              : "not_applicable";
  return {
    ref: group.ref,
    results: passing.filter((e) => e.result.status !== "not_applicable").sort(byWorstResult),
    matching: passing,
    shown,
    state,
    worst: worstSeverity(passing, "fail") ?? worstSeverity(passing, "unknown"),
  };
}

function byWorstRow(a: ResourceRow, b: ResourceRow): number {
  const severity = (r: ResourceRow) => (r.worst === undefined ? 9 : SEVERITY_RANK[r.worst]);
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    severity(a) - severity(b) ||
    b.shown.fail - a.shown.fail ||
    b.shown.unknown - a.shown.unknown ||
    b.shown.waived - a.shown.waived ||
    compare(a.ref.id, b.ref.id) ||
    compare(a.ref.address, b.ref.address)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The overview's rows: resources with at least one result the filters let through, worst first. */
export function resourceRows(index: ResultIndex, filters: Filters): ResourceRow[] {
  return index.groups
    .map((g) => resourceRow(g, filters))
    .filter((r) => r.results.length > 0 || (r.state === "not_applicable" && r.shown.not_applicable > 0))
    .sort(byWorstRow);
}

/** The counts of a set of results, as the reports' summary has them. */
export function summarize(results: readonly Result[]): Summary {
  const summary: Summary = { resources: new Set(results.map((r) => r.resource.address)).size, pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}

/** The evaluation narrowed to some of its results (in evaluation order), with their own summary. */
export function narrowEvaluation(evaluation: Evaluation, entries: readonly ResultEntry[]): Evaluation {
  const results = [...entries].sort((a, b) => a.index - b.index).map((e) => e.result);
  return { ...evaluation, results, summary: summarize(results) };
}
