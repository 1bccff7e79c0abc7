// The Markdown report, sized for a GitHub job summary ($GITHUB_STEP_SUMMARY): totals, worst resources, failures with fixes.
import { reportInput, resultPlace, type Evaluation, type ReportInput, type Result } from "../engine/result.js";
import type { Severity } from "../spec/policy.js";
import { printable } from "./outside-text.js";
import { fixText } from "./sarif.js";

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Bounds that keep the summary far under GitHub's 1 MiB limit whatever the fleet size. */
export const MARKDOWN_LIMITS = { worstResources: 10, failureRows: 50, unknownReasons: 5, expiredWaivers: 20, cell: 300 } as const;

/** The value cut to `max` code points, ending in `…` when cut. */
function cut(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : value;
}

/**
 * A value as inline Markdown text, fit for a table cell or a list item: control and invisible
 * characters shown as escapes (printable, so a line break cannot end the row), markup characters
 * escaped (`|` would split the cell, backticks open code, `<` would reach GitHub's HTML
 * sanitiser), long values cut.
 */
export function cell(value: string, max: number = MARKDOWN_LIMITS.cell): string {
  return printable(cut(value, max))
    .replace(/[\\`*_[\]|#~!]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * A value as an inline code span, fit for a table cell: printable, fenced by more backticks than
 * it holds in a row, `|` escaped (GitHub splits table cells before it reads code spans). Inside a
 * code span a backslash is literal, so no other escaping applies.
 */
export function code(value: string, max: number = MARKDOWN_LIMITS.cell): string {
  const text = printable(cut(value, max)).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function compact(value: unknown): string {
  return value === undefined ? "?" : (JSON.stringify(value) ?? String(value));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |\n`;
}

interface ResourceTally {
  readonly label: string;
  fails: number;
  unknowns: number;
  worst: Severity | undefined;
}

function worstResources(results: readonly Result[]): ResourceTally[] {
  const byAddress = new Map<string, ResourceTally>();
  for (const r of results) {
    if (r.status !== "fail" && r.status !== "unknown") continue;
    let t = byAddress.get(r.resource.address);
    if (!t) byAddress.set(r.resource.address, (t = { label: r.resource.address, fails: 0, unknowns: 0, worst: undefined }));
    if (r.status === "fail") {
      t.fails += 1;
      if (t.worst === undefined || SEVERITY_RANK[r.severity] < SEVERITY_RANK[t.worst]) t.worst = r.severity;
    } else t.unknowns += 1;
  }
  const rank = (t: ResourceTally) => (t.worst === undefined ? 9 : SEVERITY_RANK[t.worst]);
  return [...byAddress.values()]
    .filter((t) => t.fails > 0)
    .sort((a, b) => b.fails - a.fails || rank(a) - rank(b) || b.unknowns - a.unknowns || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, MARKDOWN_LIMITS.worstResources);
}

/** The summary in pieces; it needs the totals first, so results are collected before writing. */
export function* markdownChunks(ev: ReportInput): Generator<string> {
  const results = [...ev.results];
  const s = ev.summary();
  const multiPolicy = ev.policies.length > 1;
  const names = ev.policies.map((p) => p.name).join(", ") || "(no policy)";
  yield `## haspec: ${cell(names)}\n\n`;
  const verdict = s.fail > 0 ? `${plural(s.fail, "violation")} to fix` : s.unknown > 0 ? "no violations, but some results cannot be judged" : "no violations";
  yield `**${cell(verdict)}** across ${plural(s.resources, "resource")}.\n\n`;
  yield row(["Fail", "Unknown", "Waived", "Pass", "Not applicable", "Resources"]);
  yield row(["---:", "---:", "---:", "---:", "---:", "---:"]);
  yield row([s.fail, s.unknown, s.waived, s.pass, s.not_applicable, s.resources].map(String));
  yield "\n";
  if (ev.gaps.length > 0) {
    yield `> [!WARNING]\n> Incomplete: ${plural(ev.gaps.length, "place")} could not be read, and their databases are missing from these results: ${cell(ev.gaps.slice(0, 10).join(", "))}${ev.gaps.length > 10 ? ` … and ${ev.gaps.length - 10} more` : ""}.\n\n`;
  }

  const worst = worstResources(results);
  if (worst.length > 0) {
    yield "### Worst resources\n\n";
    yield row(["Resource", "Failures", "Worst severity", "Unknown"]);
    yield row(["---", "---:", "---", "---:"]);
    for (const t of worst) yield row([cell(t.label), String(t.fails), cell(t.worst ?? ""), String(t.unknowns)]);
    yield "\n";
  }

  const failures = results
    .filter((r) => r.status === "fail")
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  if (failures.length > 0) {
    yield "### Failures\n\n";
    yield row(["Resource", ...(multiPolicy ? ["Policy"] : []), "Target", "Rule", "Severity", "Actual → expected", "Fix"]);
    yield row(["---", ...(multiPolicy ? ["---"] : []), "---", "---", "---", "---", "---"]);
    for (const r of failures.slice(0, MARKDOWN_LIMITS.failureRows)) {
      yield row([
        cell(r.resource.address + resultPlace(r)),
        ...(multiPolicy ? [cell(r.policy)] : []),
        cell(r.target),
        cell(r.rule),
        cell(r.severity),
        cell(`${compact(r.actual)} → ${compact(r.expected)}`, 120),
        cell(fixText(r, ev.rules)),
      ]);
    }
    if (failures.length > MARKDOWN_LIMITS.failureRows) {
      yield `\n… and ${failures.length - MARKDOWN_LIMITS.failureRows} more (see the full report).\n`;
    }
    yield "\n";
  }

  const unknowns = results.filter((r) => r.status === "unknown");
  if (unknowns.length > 0) {
    const reasons = new Map<string, number>();
    for (const r of unknowns) {
      const reason = r.reason ?? r.message;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const top = [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MARKDOWN_LIMITS.unknownReasons);
    yield `### Cannot be judged (${unknowns.length})\n\nNot a pass: the inputs lack what these rules need. Most common reasons:\n\n`;
    for (const [reason, n] of top) yield `- ${n}× ${cell(reason)}\n`;
    yield "\n";
  }

  const expired = ev.policies.flatMap((p) => p.expiredWaivers.map((w) => ({ policy: p.name, w })));
  if (expired.length > 0) {
    yield "### Expired waivers (no longer applied)\n\n";
    yield row(["Resource", "Rules", "Expired", "Reason", "Approved by"]);
    yield row(["---", "---", "---", "---", "---"]);
    for (const { w } of expired.slice(0, MARKDOWN_LIMITS.expiredWaivers)) {
      yield row([cell(w.resource), cell(w.rules.join(", ")), cell(w.expires), cell(w.reason), cell(w.approvedBy ?? "")]);
    }
    if (expired.length > MARKDOWN_LIMITS.expiredWaivers) yield `\n… and ${expired.length - MARKDOWN_LIMITS.expiredWaivers} more.\n`;
    yield "\n";
  }
}

/** The Markdown summary as a string. */
export function renderMarkdown(ev: Evaluation): string {
  return [...markdownChunks(reportInput(ev))].join("");
}
