// The HTML of `haspec simulate`: a page of its own, and the same section inside the audit report when a run has scenarios.
import type { Assumption, Estimate, ObjectiveStatus, Scenario } from "../simulate/types.js";
import { VERSION } from "../version.js";
import { CSP, CSS, esc } from "./html-page.js";
import {
  assumptionText,
  byDisruption,
  estimateText,
  measureOf,
  leftText,
  objectiveFigure,
  promotedText,
  range,
  storageText,
  summarySentence,
  type SimulationReport,
} from "./simulation.js";
import { sourceLabel } from "./text.js";

/** The objective cell: the figure and its verdict as a badge; empty when none was judged. */
function objectiveCell(objective: number | undefined, status: ObjectiveStatus | undefined): string {
  if (objective === undefined) return "<td></td>";
  const verdict = status ?? "unknown";
  return `<td data-status="${verdict}">${esc(objectiveFigure(objective))} <span class="badge s-${verdict}">${verdict}</span></td>`;
}

/** A scenario's details are found by its place (disruption, row): its names may hold anything. */
type Anchor = (s: Scenario) => string;

function disruptionTable(scenarios: readonly Scenario[], anchor: Anchor): string {
  const judged = scenarios.some((s) => s.objectives !== undefined);
  const out = [
    `<table class="scenarios"><tr><th>Resource</th><th>Outcome</th><th>Promoted</th><th>RTO</th>${judged ? "<th>Objective</th>" : ""}<th>RPO</th>${judged ? "<th>Objective</th>" : ""}</tr>`,
  ];
  for (const s of scenarios) {
    out.push(
      `<tr data-outcome="${esc(s.outcome)}"><td><a href="#${anchor(s)}"><code>${esc(s.resource.id)}</code></a></td><td>${esc(s.outcome)}</td>` +
        `<td>${esc(promotedText(s))}${s.capacity.smaller && !s.azs ? ` <span class="expired">smaller class</span>` : ""}</td>` +
        `<td>${esc(estimateText(s.rto))}</td>${judged ? objectiveCell(s.objectives?.rto, s.status?.rto) : ""}` +
        `<td>${esc(estimateText(s.rpo, "RPO"))}</td>${judged ? objectiveCell(s.objectives?.rpo, s.status?.rpo) : ""}</tr>`,
    );
  }
  out.push(`</table>\n`);
  return out.join("");
}

function chainTable(label: string, e: Estimate): string {
  const head = `<h4>${label}: ${esc(estimateText(e, measureOf(label)))}${e.bound === "unknown" && e.reason ? ` <span class="muted">— ${esc(e.reason)}</span>` : ""}</h4>`;
  if (e.terms.length === 0) return head;
  const rows = e.terms.map(
    (t) =>
      `<tr data-from="${esc(t.from)}"><td>${esc(t.term)}${t.note ? `<br><span class="muted">${esc(t.note)}</span>` : ""}</td>` +
      `<td class="num">${esc(range(t.low, t.high))}</td><td>${esc(t.from)}</td><td>${esc(t.ref)}</td></tr>`,
  );
  return `${head}<table class="chain"><tr><th>Term</th><th class="num">Seconds</th><th>From</th><th>Reference</th></tr>${rows.join("")}</table>`;
}

function detail(s: Scenario, anchor: Anchor): string {
  const r = s.resource;
  const out = [
    `<section class="resource" id="${anchor(s)}" data-outcome="${esc(s.outcome)}">`,
    `<h4>${esc(r.id)} <span class="muted">(${esc(r.kind)}, ${esc(r.engine)}) — ${esc(s.outcome)}</span></h4>`,
    `<dl class="scope"><dt>Address</dt><dd><code>${esc(r.address)}</code></dd>`,
    ...(s.azs
      ? [
          // The application tier (SPEC §9): capacity and AZs, no writer.
          `<dt>Capacity</dt><dd>${esc(s.capacity.before ?? "?")} → ${esc(s.capacity.after.join(" or ") || "—")}</dd>`,
          `<dt>AZs</dt><dd>${esc(s.azs.before.join(", ") || "—")} → ${esc(s.azs.after.join(", ") || "none")}</dd>`,
        ]
      : [
          `<dt>Writer</dt><dd><code>${esc(s.writer.before ?? "(none)")}</code> → ${esc(promotedText(s))}</dd>`,
          `<dt>Class</dt><dd>${esc(s.capacity.before ?? "?")} → ${esc(s.capacity.after.join(" or ") || "—")}${s.capacity.smaller ? ` <span class="expired">smaller</span>` : ""}</dd>`,
          `<dt>Left</dt><dd>${esc(leftText(s))}</dd>`,
        ]),
    s.storage ? `<dt>Storage</dt><dd>${esc(storageText(s.storage))}</dd>` : "",
    `</dl>`,
    chainTable("RTO", s.rto),
    chainTable("RPO", s.rpo),
  ];
  if (s.manual.length > 0) out.push(`<h4>Manual steps</h4><ol class="manual">${s.manual.map((m) => `<li>${esc(m)}</li>`).join("")}</ol>`);
  if (s.notes && s.notes.length > 0) out.push(`<h4>Notes</h4><ul class="scenario-notes">${s.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`);
  out.push(`</section>\n`);
  return out.join("");
}

/**
 * The simulation section: the assumptions, then per disruption a table and the details of the
 * affected resources. The audit report (html.ts) includes it when its run has scenarios.
 */
export function* simulationSection(simulation: { readonly assumptions: readonly Assumption[]; readonly scenarios: readonly Scenario[] }): Generator<string> {
  yield `<section id="simulation"><h2>Failure simulation</h2>\n`;
  if (simulation.assumptions.length > 0) {
    yield `<h3>Assumptions</h3><ul class="assumptions">${simulation.assumptions.map((a) => `<li>${esc(assumptionText(a))}</li>`).join("")}</ul>\n`;
  }
  let group = 0;
  for (const [disruption, scenarios] of byDisruption(simulation.scenarios)) {
    group += 1;
    const affected = scenarios.filter((s) => s.affected);
    const places = new Map(affected.map((s, i) => [s, `scenario-${group}-${i + 1}`]));
    const anchor: Anchor = (s) => places.get(s)!;
    const unaffected = scenarios.filter((s) => !s.affected);
    yield `<h3 class="disruption">${esc(disruption)} <span class="muted">— ${affected.length} of ${scenarios.length} affected</span></h3>\n`;
    if (affected.length > 0) yield disruptionTable(affected, anchor);
    if (unaffected.length > 0) yield `<p class="muted unaffected">Not affected: ${unaffected.map((s) => `<code>${esc(s.resource.id)}</code>`).join(", ")}</p>\n`;
    for (const s of affected) yield detail(s, anchor);
  }
  yield `</section>\n`;
}

/** The simulation as one self-contained page (inline CSS, no scripts, no network), like the audit report. */
export function* simulationHtmlChunks(report: SimulationReport): Generator<string> {
  const judged = report.scenarios.some((s) => s.objectives !== undefined);
  const title = `haspec failure simulation — ${report.policies.map((p) => p.name).join(", ") || "no policy"}`;
  yield `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n`;
  yield `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">\n`;
  yield `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="haspec ${esc(VERSION)}">\n`;
  yield `<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n`;
  yield `<header><h1>${esc(title)}</h1><p id="summary">${esc(summarySentence(report.summary, judged))}</p></header>\n`;
  const policies = report.policies.map((p) => `<li><b>${esc(p.name)}</b> — <code>${esc(p.file)}</code>, sha256 <code>${esc(p.sha256)}</code></li>`).join("");
  const sources = report.sources.map((s) => `<li><code>${esc(sourceLabel(s))}</code></li>`).join("");
  yield `<section id="scope"><h2>Scope</h2><dl class="scope"><dt>Generated</dt><dd><time>${esc(report.generatedAt)}</time></dd>`;
  yield `<dt>Policies</dt><dd><ul>${policies || "<li>none: no objective judged</li>"}</ul></dd><dt>Sources</dt><dd><ul>${sources || "<li>—</li>"}</ul></dd></dl></section>\n`;
  yield* simulationSection(report);
  if (report.gaps.length > 0 || report.notes.length > 0) {
    yield `<section id="notes"><h2>Notes and gaps</h2>`;
    if (report.gaps.length > 0) yield `<h3 class="expired">Not read — these databases are not simulated</h3><ul class="gaps">${report.gaps.map((g) => `<li>${esc(g)}</li>`).join("")}</ul>`;
    if (report.notes.length > 0) yield `<ul class="notes">${report.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`;
    yield `</section>\n`;
  }
  yield `<footer class="muted"><p>Generated by haspec ${esc(VERSION)} at ${esc(report.generatedAt)}.</p></footer>\n</body>\n</html>\n`;
}
