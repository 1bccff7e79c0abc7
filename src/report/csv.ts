// The CSV report, for spreadsheets: one row per result, every value as text.
import { stringify } from "csv-stringify/sync";
import { jsonEscapeInvisible, printable } from "./outside-text.js";
import { reportInput, resultPlace, type Evaluation, type ReportInput, type Result } from "../engine/result.js";

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
 * What a spreadsheet runs as a formula: = + - @ (and their full-width forms, which some locales
 * read alike), or a tab or carriage return, after any leading whitespace or separators (Excel and
 * LibreOffice skip them, and `;` is a separator in many locales).
 */
const FORMULA_START = /^[\s,;]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/u;

/**
 * A cell that would run as a formula gets a leading single quote (the OWASP "CSV injection"
 * advice): the value stays readable, nothing runs. This includes JSON numbers like -1, which then
 * read '-1.
 */
export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A value as a JSON cell: still JSON, with every control or invisible character as a `\uXXXX` escape. */
function json(value: unknown): string {
  return value === undefined ? "" : jsonEscapeInvisible(JSON.stringify(value));
}

/**
 * One row. Text from the inputs goes through printable, so a bare CR cannot start a row and a
 * bidi override cannot reorder one; every cell is then neutralised.
 */
function row(r: Result): string[] {
  const res = r.resource;
  const text = (value: string | null | undefined) => printable(value ?? "");
  return [
    text(r.policy),
    text(r.target),
    text(res.id),
    text(res.kind),
    text(res.engine),
    text(res.region),
    text(res.account),
    text(res.address),
    text(r.rule),
    text(r.status),
    text(r.severity),
    json(r.expected),
    json(r.actual),
    text(r.message + resultPlace(r)),
    text(r.reason),
    json(r.remedies),
  ].map(neutralise);
}

/**
 * Quoted: every field that holds a line break, a quote or a separator (`,`, and `;` for the
 * locales that split on it), or starts or ends with whitespace a reader could trim.
 */
const OPTIONS = { record_delimiter: "unix", quoted_match: /[\r\n",;]|^\s|\s$/ } as const;

/** The header, then one line per result as it is judged. */
export function* csvChunks(ev: ReportInput): Generator<string> {
  yield stringify([[...CSV_COLUMNS]], OPTIONS);
  for (const r of ev.results) yield stringify([row(r)], OPTIONS);
}

/** The CSV document as a string. */
export function renderCsv(ev: Evaluation): string {
  return [...csvChunks(reportInput(ev))].join("");
}
