// The CSV report, for spreadsheets: one row per result, every value as text.
import { stringify } from "csv-stringify/sync";
import { reportInput, type Evaluation, type ReportInput, type Result } from "../engine/result.js";

export const CSV_COLUMNS = [
  "policy",
  "target",
  "resource_id",
  "resource_kind",
  "engine",
  "region",
  "account",
  "address",
  "rule",
  "status",
  "severity",
  "expected",
  "actual",
  "message",
  "reason",
  "fix",
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return, which some strip
 * first) as a formula, and tag values and identifiers come from the inputs. Such cells get a
 * leading single quote (the OWASP "CSV injection" advice): the value stays readable, nothing runs.
 * This includes JSON numbers like -1, which then read '-1.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function json(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value);
}

function row(r: Result): string[] {
  const res = r.resource;
  return [
    r.policy,
    r.target,
    res.id,
    res.kind,
    res.engine,
    res.region ?? "",
    res.account ?? "",
    res.address,
    r.rule,
    r.status,
    r.severity,
    json(r.expected),
    json(r.actual),
    r.message,
    r.reason ?? "",
    json(r.remedies),
  ].map(neutralise);
}

const OPTIONS = { record_delimiter: "unix", quoted_match: /^\s|\s$/ } as const;

/** The header, then one line per result as it is judged. */
export function* csvChunks(ev: ReportInput): Generator<string> {
  yield stringify([[...CSV_COLUMNS]], OPTIONS);
  for (const r of ev.results) yield stringify([row(r)], OPTIONS);
}

/** The CSV document as a string. */
export function renderCsv(ev: Evaluation): string {
  return [...csvChunks(reportInput(ev))].join("");
}
