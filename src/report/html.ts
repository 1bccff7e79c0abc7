// The HTML audit report: one self-contained file (inline CSS, no scripts, no network) for auditors to file.
import { CSP, CSS, esc } from "./html-page.js";
import { drillsSection } from "./drill-html.js";
import { simulationSection } from "./simulation-html.js";
import { reportInput, resultPlace, type Evaluation, type ReportInput, type Result, type Summary } from "../engine/result.js";
import { FRAMEWORKS } from "../rules/control-catalog.js";
import { describeRemedy } from "../rules/remedy.js";
import type { RuleInfo } from "../rules/types.js";
import type { ResultStatus } from "../rules/types.js";
import { VERSION } from "../version.js";

type ResourceRef = Result["resource"];
type Counts = Record<"pass" | "fail" | "unknown" | "waived" | "not_applicable", number>;

const STATUS_LABEL: Record<ResultStatus, string> = {
  pass: "✓ pass",
  fail: "✗ fail",
  unknown: "? unknown",
  waived: "! waived",
  not_applicable: "– n/a",
};

/** A JSON-able value as readable text: strings as they are, everything else as JSON. */
function show(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function badge(status: ResultStatus): string {
  return `<span class="badge s-${status}">${esc(STATUS_LABEL[status])}</span>`;
}

function emptyCounts(): Counts {
  return { pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
}

/** Code-point order, so the output does not depend on the machine's locale. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Control ids sorted with their numbers compared as numbers (RDS.2 before RDS.10). */
function byControlId(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    return i % 2 === 1 ? Number(x) - Number(y) || byText(x, y) : byText(x, y);
  }
  return pa.length - pb.length;
}

function scopeSection(ev: ReportInput, results: readonly Result[]): string {
  const accounts = [...new Set(results.map((r) => r.resource.account ?? "(unknown)"))].sort(byText);
  const regions = [...new Set(results.map((r) => r.resource.region ?? "(unknown)"))].sort(byText);
  const list = (items: readonly string[]): string => (items.length ? items.map((x) => `<code>${esc(x)}</code>`).join(", ") : "—");
  const policies = ev.policies
    .map((p) => `<li><b>${esc(p.name)}</b> — <code>${esc(p.file)}</code>, sha256 <code>${esc(p.sha256)}</code></li>`)
    .join("");
  const sources = ev.sources
    .map((s) => `<li>${esc(s.kind)}: <code>${esc(s.location)}</code>${s.sha256 ? ` <span class="muted">sha256 <code>${esc(s.sha256)}</code></span>` : ""}</li>`)
    .join("");
  return [
    `<section id="scope"><h2>Scope</h2><dl class="scope">`,
    `<dt>Generated</dt><dd><time>${esc(ev.generatedAt)}</time></dd>`,
    `<dt>Data captured</dt><dd>${ev.capturedAt ? `<time>${esc(ev.capturedAt)}</time>` : "not recorded by the inputs (files without a capture time)"}</dd>`,
    `<dt>Tool</dt><dd>haspec ${esc(VERSION)}</dd>`,
    `<dt>Accounts</dt><dd>${list(accounts)}</dd>`,
    `<dt>Regions</dt><dd>${list(regions)}</dd>`,
    `<dt>Policies</dt><dd><ul>${policies || "<li>—</li>"}</ul></dd>`,
    `<dt>Sources</dt><dd><ul>${sources || "<li>—</li>"}</ul></dd>`,
    `</dl></section>\n`,
  ].join("");
}

function totalsSection(s: Summary, gaps: number): string {
  const cell = (label: string, n: number, status?: ResultStatus): string =>
    `<div class="total"${status ? ` data-status="${status}"` : ""}><b>${n}</b>${esc(label)}</div>`;
  return [
    `<section id="summary"><h2>Summary</h2><div class="totals">`,
    cell("resources", s.resources),
    cell("fail", s.fail, "fail"),
    cell("unknown", s.unknown, "unknown"),
    cell("waived", s.waived, "waived"),
    cell("pass", s.pass, "pass"),
    cell("not applicable", s.not_applicable, "not_applicable"),
    `</div>`,
    `<table class="totals-table"><tr><th>Resources</th><th class="num">Fail</th><th class="num">Unknown</th><th class="num">Waived</th><th class="num">Pass</th><th class="num">Not applicable</th></tr>`,
    `<tr><td class="num">${s.resources}</td><td class="num">${s.fail}</td><td class="num">${s.unknown}</td><td class="num">${s.waived}</td><td class="num">${s.pass}</td><td class="num">${s.not_applicable}</td></tr></table>`,
    gaps > 0
      ? `<p class="expired">Incomplete: ${gaps} part${gaps === 1 ? "" : "s"} of the inputs could not be read (see “Not read”); the totals do not cover them.</p>`
      : "",
    `</section>\n`,
  ].join("");
}

function frameworksSection(results: readonly Result[], rules: readonly RuleInfo[]): string {
  const controlsOf = (id: string) => rules.find((r) => r.id === id)?.controls ?? [];
  const out = [`<section id="controls"><h2>Summary per control framework</h2>`];
  // Per framework, per control id: counts over every result of the rules that evidence it.
  const byFramework = new Map<string, Map<string, { title: string | undefined; counts: Counts }>>();
  for (const r of results) {
    for (const c of controlsOf(r.rule)) {
      let controls = byFramework.get(c.framework);
      if (!controls) byFramework.set(c.framework, (controls = new Map()));
      let row = controls.get(c.id);
      if (!row) controls.set(c.id, (row = { title: c.title, counts: emptyCounts() }));
      row.counts[r.status] += 1;
    }
  }
  for (const { id, name: title } of FRAMEWORKS) {
    const controls = byFramework.get(id);
    out.push(`<h3 data-framework="${esc(id)}">${esc(title)}</h3>`);
    if (!controls || controls.size === 0) {
      out.push(`<p class="muted">No result of this run evidences a control of this framework.</p>`);
      continue;
    }
    out.push(
      `<table class="framework" data-framework="${esc(id)}"><tr><th>Control</th><th>Title</th><th class="num">Pass</th><th class="num">Fail</th><th class="num">Unknown</th><th class="num">Waived</th></tr>`,
    );
    for (const controlId of [...controls.keys()].sort(byControlId)) {
      const { title: controlTitle, counts } = controls.get(controlId)!;
      out.push(
        `<tr><td><code>${esc(controlId)}</code></td><td>${esc(controlTitle ?? "")}</td><td class="num">${counts.pass}</td><td class="num">${counts.fail}</td><td class="num">${counts.unknown}</td><td class="num">${counts.waived}</td></tr>`,
      );
    }
    out.push(`</table>`);
  }
  out.push(`</section>\n`);
  return out.join("");
}

function fixText(r: Result, rules: readonly RuleInfo[]): string {
  if (!r.remedies || r.remedies.length === 0) return r.status === "fail" ? (rules.find((x) => x.id === r.rule)?.fixHint ?? "") : "";
  return r.remedies.map(describeRemedy).join("\n");
}

function resourceSection(results: readonly Result[], multiPolicy: boolean, evidenceIds: Map<Result, number>, rules: readonly RuleInfo[]): string {
  const res: ResourceRef = results[0]!.resource;
  const counts = emptyCounts();
  for (const r of results) counts[r.status] += 1;
  const location = res.location?.file
    ? `<dt>Location</dt><dd><code>${esc([res.location.file, res.location.line].filter((x) => x !== undefined).join(":"))}</code></dd>`
    : "";
  const out = [
    `<section class="resource" data-status="${counts.fail > 0 ? "fail" : counts.unknown > 0 ? "unknown" : counts.waived > 0 ? "waived" : "pass"}">`,
    `<h3>${esc(res.id)} <span class="muted">(${esc(res.kind)}, ${esc(res.engine)})</span></h3>`,
    `<dl class="scope"><dt>Address</dt><dd><code>${esc(res.address)}</code></dd>`,
    `<dt>Account</dt><dd>${esc(res.account ?? "(unknown)")}</dd><dt>Region</dt><dd>${esc(res.region ?? "(unknown)")}</dd>${location}`,
    `<dt>Results</dt><dd>${counts.fail} fail, ${counts.unknown} unknown, ${counts.waived} waived, ${counts.pass} pass, ${counts.not_applicable} not applicable</dd></dl>`,
    `<table class="results"><tr><th>Rule</th><th>Target</th><th>Status</th><th>Actual → expected</th><th>Message</th><th>Fix</th></tr>`,
  ];
  for (const r of results) {
    const target = multiPolicy ? `${r.policy}/${r.target}` : r.target;
    const evidence = evidenceIds.get(r);
    const values = r.status === "not_applicable" ? "" : `${show(r.actual)} → ${show(r.expected)}`;
    const message = (r.reason && r.reason !== r.message ? `${r.message}\n(${r.reason})` : r.message) + resultPlace(r);
    out.push(
      `<tr data-status="${r.status}"><td><code>${esc(r.rule)}</code>${evidence !== undefined ? ` <a href="#evidence-${evidence}">evidence</a>` : ""}</td>` +
        `<td>${esc(target)} <span class="muted">${esc(r.severity)}</span></td><td>${badge(r.status)}</td>` +
        `<td><pre>${esc(values)}</pre></td><td><pre>${esc(message)}</pre></td><td><pre>${esc(fixText(r, rules))}</pre></td></tr>`,
    );
  }
  out.push(`</table></section>\n`);
  return out.join("");
}

function waiversSection(ev: ReportInput, results: readonly Result[]): string {
  const waived = results.filter((r) => r.waived);
  const expired = ev.policies.flatMap((p) => p.expiredWaivers.map((w) => ({ policy: p.name, w })));
  const out = [`<section id="waivers"><h2>Waivers</h2>`];
  if (waived.length === 0 && expired.length === 0) out.push(`<p class="muted">No waiver applied and none expired.</p>`);
  if (waived.length > 0) {
    out.push(
      `<h3>Applied</h3><table class="waivers"><tr><th>Resource</th><th>Rule</th><th>Status without the waiver</th><th>Reason</th><th>Approved by</th><th>Expires</th></tr>`,
    );
    for (const r of waived) {
      const w = r.waived!.waiver;
      out.push(
        `<tr><td><code>${esc(r.resource.id)}</code></td><td><code>${esc(r.rule)}</code></td><td>${badge(r.waived!.status)}</td>` +
          `<td>${esc(w.reason || r.reason || "")}</td><td>${esc(w.approvedBy ?? "(not recorded)")}</td><td>${esc(w.expires)}</td></tr>`,
      );
    }
    out.push(`</table>`);
  }
  if (expired.length > 0) {
    out.push(
      `<h3 class="expired">Expired — not applied</h3><table class="waivers expired-waivers"><tr><th>Policy</th><th>Resource</th><th>Rules</th><th>Reason</th><th>Approved by</th><th>Expired</th></tr>`,
    );
    for (const { policy, w } of expired) {
      out.push(
        `<tr><td>${esc(policy)}</td><td><code>${esc(w.resource)}</code></td><td>${esc(w.rules.join(", "))}</td><td>${esc(w.reason)}</td>` +
          `<td>${esc(w.approvedBy ?? "(not recorded)")}</td><td><span class="expired">EXPIRED ${esc(w.expires)}</span></td></tr>`,
      );
    }
    out.push(`</table>`);
  }
  out.push(`</section>\n`);
  return out.join("");
}

function notesSection(ev: ReportInput): string {
  const out = [`<section id="notes"><h2>Notes and gaps</h2>`];
  if (ev.gaps.length > 0) {
    out.push(`<h3 class="expired">Not read — these databases are missing from the results</h3><ul class="gaps">`);
    for (const g of ev.gaps) out.push(`<li>${esc(g)}</li>`);
    out.push(`</ul>`);
  }
  if (ev.notes.length > 0) {
    out.push(`<h3>Notes</h3><ul class="notes">`);
    for (const n of ev.notes) out.push(`<li>${esc(n)}</li>`);
    out.push(`</ul>`);
  }
  if (ev.gaps.length === 0 && ev.notes.length === 0) out.push(`<p class="muted">Every input was read; nothing was skipped.</p>`);
  out.push(`</section>\n`);
  return out.join("");
}

function* evidenceAppendix(withEvidence: readonly Result[], evidenceIds: Map<Result, number>): Generator<string> {
  yield `<section id="evidence"><h2>Evidence appendix</h2>`;
  if (withEvidence.length === 0) yield `<p class="muted">No result recorded evidence.</p>`;
  for (const r of withEvidence) {
    yield `<h3 id="evidence-${evidenceIds.get(r)}"><code>${esc(r.resource.id)}</code> · <code>${esc(r.rule)}</code> ${badge(r.status)}</h3>`;
    yield `<p class="muted"><code>${esc(r.resource.address)}</code>, target ${esc(r.target)}</p>`;
    yield `<table class="evidence"><tr><th>Field</th><th>Value</th></tr>`;
    for (const e of r.evidence!) {
      yield `<tr><td><code>${esc(e.field)}</code></td><td><pre>${esc(show(e.value))}</pre></td></tr>`;
    }
    yield `</table>\n`;
  }
  yield `</section>\n`;
}

/** Splits results into runs of one resource (the engine and merge yield each resource's results together). */
function byResource(results: readonly Result[]): Result[][] {
  const groups: Result[][] = [];
  let last: string | undefined;
  for (const r of results) {
    if (r.resource.address !== last || groups.length === 0) groups.push([]);
    groups[groups.length - 1]!.push(r);
    last = r.resource.address;
  }
  return groups;
}

/**
 * The report in pieces. The summaries come first in the page but are complete only after the last
 * result, so results are collected before anything is written; each resource section is then
 * yielded on its own so the page is never one huge string.
 */
export function* htmlChunks(ev: ReportInput): Generator<string> {
  const results = [...ev.results];
  const summary = ev.summary();
  const multiPolicy = ev.policies.length > 1;
  const withEvidence = results.filter((r) => r.evidence && r.evidence.length > 0);
  const evidenceIds = new Map(withEvidence.map((r, i) => [r, i + 1]));
  const title = `haspec audit report — ${ev.policies.map((p) => p.name).join(", ") || "no policy"}`;

  yield `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n`;
  yield `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">\n`;
  yield `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="haspec ${esc(VERSION)}">\n`;
  yield `<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n`;
  yield `<header><h1>${esc(title)}</h1><p class="muted">High availability of Aurora and RDS databases, judged against the policy below.</p></header>\n`;
  yield `<nav><a href="#scope">Scope</a> · <a href="#summary">Summary</a> · <a href="#controls">Controls</a> · <a href="#resources">Resources</a>${ev.simulation?.scenarios.length ? ` · <a href="#simulation">Failure simulation</a>` : ""}${ev.drills?.length ? ` · <a href="#drills">Drills</a>` : ""} · <a href="#waivers">Waivers</a> · <a href="#notes">Notes and gaps</a> · <a href="#evidence">Evidence</a></nav>\n`;
  yield scopeSection(ev, results);
  yield totalsSection(summary, ev.gaps.length);
  yield frameworksSection(results, ev.rules);
  yield `<section id="resources"><h2>Resources</h2>\n`;
  const groups = byResource(results);
  if (groups.length === 0) yield `<p class="muted">No resource was selected by the policy.</p>\n`;
  for (const group of groups) yield resourceSection(group, multiPolicy, evidenceIds, ev.rules);
  yield `</section>\n`;
  if (ev.simulation && ev.simulation.scenarios.length > 0) yield* simulationSection(ev.simulation);
  if (ev.drills && ev.drills.length > 0) yield drillsSection(ev.drills);
  yield waiversSection(ev, results);
  yield notesSection(ev);
  yield* evidenceAppendix(withEvidence, evidenceIds);
  yield `<footer class="muted"><p>Generated by haspec ${esc(VERSION)} at ${esc(ev.generatedAt)}.</p></footer>\n</body>\n</html>\n`;
}

/** The whole report as one string. */
export function renderHtml(ev: Evaluation): string {
  return [...htmlChunks(reportInput(ev))].join("");
}
