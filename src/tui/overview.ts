// The overview screen: the run's header, then one row per resource (fail / unknown / waived counts, worst severity), worst first.
import type { Evaluation } from "../engine/result.js";
import { describeFilters, isFiltered, type Filters } from "./filters.js";
import { line, seg, type Line, type Segment } from "./lines.js";
import type { ResourceRow } from "./model.js";
import { SYMBOL } from "./symbols.js";
import { printable } from "../report/outside-text.js";
import { sourceLabel } from "../report/text.js";
import { fitEnd, fitStart } from "./terminal-text.js";
import type { Role } from "./theme.js";

/** Lines above the list: policy, inputs, summary, filters, column names. */
export const OVERVIEW_HEADER_LINES = 5;

export interface OverviewInput {
  readonly evaluation: Evaluation;
  readonly rows: readonly ResourceRow[];
  /** Resources judged, before the filters. */
  readonly total: number;
  readonly cursor: number;
  /** First row on screen. */
  readonly offset: number;
  readonly filters: Filters;
  readonly width: number;
  readonly height: number;
}

const STATE_ROLE: Readonly<Record<ResourceRow["state"], Role>> = {
  fail: "fail",
  unknown: "unknown",
  waived: "waived",
  pass: "pass",
  hidden: "dim",
  not_applicable: "dim",
};

/** Rows of the list that fit under the header. */
export function overviewListHeight(height: number): number {
  return Math.max(1, height - OVERVIEW_HEADER_LINES);
}

interface Columns {
  readonly name: number;
  readonly region: number;
  readonly engine: number;
  readonly account: number;
}

/** Counts and severity always; region from 72 columns, engine from 110, account from 130; the name takes the rest. */
function columns(width: number): Columns {
  const region = width >= 72 ? 16 : 0;
  const engine = width >= 110 ? 20 : 0;
  const account = width >= 130 ? 14 : 0;
  const fixed = 4 + 5 * 3 + 10 + region + engine + account;
  return { name: Math.max(8, width - fixed), region, engine, account };
}

function count(n: number, shown: boolean, role: Role): Segment {
  if (!shown) return seg(fitStart("–", 5), "dim");
  return n > 0 ? seg(fitStart(String(n), 5), role) : seg(fitStart("0", 5), "dim");
}

function summarySegments(ev: Evaluation): Segment[] {
  const s = ev.summary;
  const extras = [s.waived > 0 ? `${s.waived} waived` : "", s.not_applicable > 0 ? `${s.not_applicable} not applicable` : ""].filter(Boolean);
  const expired = ev.policies.reduce((n, p) => n + p.expiredWaivers.length, 0);
  return [
    seg("Policy: ", "heading"),
    seg(`${s.fail} to fix`, s.fail > 0 ? "fail" : undefined),
    seg(", "),
    seg(`${s.unknown} unknown`, s.unknown > 0 ? "unknown" : undefined),
    seg(`, ${s.pass} compliant${extras.length > 0 ? ` (${extras.join(", ")})` : ""}. ${s.resources} resource${s.resources === 1 ? "" : "s"} judged.`),
    ...(ev.gaps.length > 0 ? [seg(` Incomplete: ${ev.gaps.length} part${ev.gaps.length === 1 ? "" : "s"} of the inputs not read.`, "unknown")] : []),
    ...(expired > 0 ? [seg(` ${expired} expired waiver${expired === 1 ? "" : "s"} not applied.`, "dim")] : []),
  ];
}

function rowLine(row: ResourceRow, selected: boolean, filters: Filters, c: Columns): Line {
  const r = row.ref;
  return {
    selected,
    segments: [
      seg(selected ? "› " : "  ", "accent"),
      seg(`${SYMBOL[row.state]} `, STATE_ROLE[row.state]),
      seg(fitEnd(printable(r.id), c.name)),
      ...(c.region > 0 ? [seg(fitEnd(` ${printable(r.region ?? "—")}`, c.region), "dim")] : []),
      ...(c.engine > 0 ? [seg(fitEnd(` ${printable(r.engine)}`, c.engine), "dim")] : []),
      ...(c.account > 0 ? [seg(fitEnd(` ${printable(r.account ?? "—")}`, c.account), "dim")] : []),
      count(row.shown.fail, true, "fail"),
      count(row.shown.unknown, filters.showUnknown, "unknown"),
      count(row.shown.waived, filters.showWaived, "waived"),
      row.worst === undefined ? seg(fitEnd("  —", 10), "dim") : seg(fitEnd(`  ${row.worst}`, 10), row.shown.fail > 0 ? row.worst : "unknown"),
    ],
  };
}

export function overviewLines(input: OverviewInput): Line[] {
  const { evaluation: ev, rows, filters, width } = input;
  const c = columns(width);
  const policies = ev.policies.map((p) => `${p.name} (${p.file})`).join(", ") || "(none)";
  const inputs = ev.sources.map(sourceLabel).join(", ") || "(none)";
  const total = input.total;
  const filterWords = describeFilters(filters);
  const lines: Line[] = [
    line(seg("haspec", "accent"), seg("  policy ", "dim"), seg(policies, "heading")),
    line(seg("        inputs ", "dim"), inputs),
    line(...summarySegments(ev)),
    line(
      seg(`showing ${rows.length} of ${total} resource${total === 1 ? "" : "s"}`, "dim"),
      ...(isFiltered(filters) ? [seg(" · filter: ", "dim"), seg(filterWords.join(" · "), "accent")] : []),
      ...(rows.length > 0 ? [seg(` · row ${input.cursor + 1} of ${rows.length}`, "dim")] : []),
    ),
    line(
      seg(fitEnd("    RESOURCE", 4 + c.name), "dim"),
      ...(c.region > 0 ? [seg(fitEnd(" REGION", c.region), "dim")] : []),
      ...(c.engine > 0 ? [seg(fitEnd(" ENGINE", c.engine), "dim")] : []),
      ...(c.account > 0 ? [seg(fitEnd(" ACCOUNT", c.account), "dim")] : []),
      seg(" FAIL  UNK WAIV  SEVERITY", "dim"),
    ),
  ];
  if (rows.length === 0) {
    lines.push(
      total === 0
        ? line(seg("  No resource was judged: no policy target selected anything in the inputs.", "dim"))
        : line(seg("  No resource matches the filters (Esc clears the text; s, u and w change the others).", "dim")),
    );
    return lines;
  }
  const visible = rows.slice(input.offset, input.offset + overviewListHeight(input.height));
  visible.forEach((row, i) => lines.push(rowLine(row, input.offset + i === input.cursor, filters, c)));
  return lines;
}
