// The Markdown of `haspec simulate`, for a pull request or a game-day page: a table per disruption, each chain in a <details>.
import type { Estimate, ObjectiveStatus, Scenario } from "../simulate/types.js";
import { cell, code } from "./markdown.js";
import {
  assumptionText,
  byDisruption,
  estimateText,
  measureOf,
  leftText,
  objectiveText,
  promotedText,
  range,
  storageText,
  summarySentence,
  type SimulationReport,
} from "./simulation.js";
import { sourceLabel } from "./text.js";

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |\n`;

/** Bounds per disruption that keep a fleet's page readable and under GitHub's 1 MiB job summary; the text and JSON outputs have everything. */
export const SIMULATION_MARKDOWN_LIMITS = { rows: 100, details: 20, unaffectedNames: 30 } as const;

/** The line that says what a bounded list left out. */
const more = (n: number, what: string) => `_…and ${n} more ${what}: \`haspec simulate --format text\` or \`--format json\` lists them all._\n\n`;

/** The objective cell, with the verdict in bold when it fails. */
function objectiveCell(objective: number | undefined, status: ObjectiveStatus | undefined): string {
  const text = objectiveText(objective, status);
  return status === "fail" ? `**${cell(text)}**` : cell(text);
}

function* disruptionTable(scenarios: readonly Scenario[]): Generator<string> {
  const judged = scenarios.some((s) => s.objectives !== undefined);
  yield row(judged ? ["Resource", "Outcome", "Promoted", "RTO", "Objective", "RPO", "Objective"] : ["Resource", "Outcome", "Promoted", "RTO", "RPO"]);
  yield row((judged ? [1, 2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5]).map(() => "---"));
  for (const s of scenarios) {
    const promoted = cell(promotedText(s)) + (s.capacity.smaller && !s.azs ? " (smaller class)" : "");
    const rto = cell(estimateText(s.rto));
    const rpo = cell(estimateText(s.rpo, "RPO"));
    yield row(
      judged
        ? [code(s.resource.id), s.outcome, promoted, rto, objectiveCell(s.objectives?.rto, s.status?.rto), rpo, objectiveCell(s.objectives?.rpo, s.status?.rpo)]
        : [code(s.resource.id), s.outcome, promoted, rto, rpo],
    );
  }
}

/** How much a scenario asks for attention: a failed objective, then a person needed or data lost, then an unknown. */
function weight(s: Scenario): number {
  if (s.status?.rto === "fail" || s.status?.rpo === "fail") return 3;
  if (s.outcome === "manual" || s.outcome === "lost") return 2;
  return s.outcome === "unknown" || s.rto.bound === "unknown" ? 1 : 0;
}

function* chainTable(label: string, e: Estimate): Generator<string> {
  yield `**${label}: ${cell(estimateText(e, measureOf(label)))}**${e.bound === "unknown" && e.reason ? ` — ${cell(e.reason)}` : ""}\n\n`;
  if (e.terms.length === 0) return;
  yield row(["Term", "Seconds", "From", "Reference"]);
  yield row(["---", "---", "---", "---"]);
  for (const t of e.terms) {
    yield row([cell(t.term) + (t.note ? `<br>${cell(t.note)}` : ""), cell(range(t.low, t.high)), t.from, cell(t.ref)]);
  }
  yield "\n";
}

function* detail(s: Scenario): Generator<string> {
  yield `<details><summary>${cell(s.resource.id)}: ${s.outcome}, RTO ${cell(estimateText(s.rto))}, RPO ${cell(estimateText(s.rpo, "RPO"))}</summary>\n\n`;
  yield `- Address: ${code(s.resource.address)}\n`;
  if (s.azs) {
    // The application tier (SPEC §9): capacity and AZs, no writer.
    yield `- Capacity: ${cell(s.capacity.before ?? "?")} → ${cell(s.capacity.after.join(" or ") || "—")}\n`;
    yield `- AZs: ${cell(s.azs.before.join(", ") || "—")} → ${cell(s.azs.after.join(", ") || "none")}\n`;
  } else {
    yield `- Writer: ${code(s.writer.before ?? "(none)")} → ${cell(promotedText(s))}\n`;
    yield `- Class: ${cell(s.capacity.before ?? "?")} → ${cell(s.capacity.after.join(" or ") || "—")}${s.capacity.smaller ? " **(smaller)**" : ""}\n`;
    yield `- Left: ${cell(leftText(s))}\n`;
  }
  if (s.storage) yield `- Storage: ${storageText(s.storage)}\n`;
  yield "\n";
  yield* chainTable("RTO", s.rto);
  yield* chainTable("RPO", s.rpo);
  if (s.manual.length > 0) {
    yield "Manual steps:\n\n";
    for (const [i, step] of s.manual.entries()) yield `${i + 1}. ${cell(step)}\n`;
    yield "\n";
  }
  if (s.notes && s.notes.length > 0) {
    yield "Notes:\n\n";
    for (const n of s.notes) yield `- ${cell(n)}\n`;
    yield "\n";
  }
  yield "</details>\n\n";
}

/** The simulation as Markdown: the assumptions, per disruption a table and the chains of the affected resources. */
export function* simulationMarkdownChunks(report: SimulationReport): Generator<string> {
  const judged = report.scenarios.some((s) => s.objectives !== undefined);
  yield `## haspec simulate\n\n`;
  yield `${summarySentence(report.summary, judged)}\n\n`;
  const policies = report.policies.map((p) => `${code(p.name)} (${code(p.file)})`).join(", ");
  yield `- Policy: ${policies || "none (no objective judged)"}\n`;
  yield `- Inputs: ${report.sources.map((s) => code(sourceLabel(s))).join(", ") || "none"}\n`;
  yield `- Generated: ${cell(report.generatedAt)}\n`;
  for (const a of report.assumptions) yield `- Assumption: ${cell(assumptionText(a))}\n`;
  yield "\n";
  for (const [disruption, scenarios] of byDisruption(report.scenarios)) {
    const affected = scenarios.filter((s) => s.affected);
    const unaffected = scenarios.filter((s) => !s.affected);
    yield `### ${cell(disruption)}: ${affected.length} of ${scenarios.length} affected\n\n`;
    const { rows, details, unaffectedNames } = SIMULATION_MARKDOWN_LIMITS;
    // The rows and details that matter most first: failed objectives, then people needed, then the rest.
    const ranked = [...affected].sort((a, b) => weight(b) - weight(a));
    if (affected.length > 0) {
      yield* disruptionTable(ranked.slice(0, rows));
      yield "\n";
      if (ranked.length > rows) yield more(ranked.length - rows, "affected resources");
    }
    if (unaffected.length > 0) {
      const names = unaffected.slice(0, unaffectedNames).map((s) => code(s.resource.id));
      yield `Not affected (${unaffected.length}): ${names.join(", ")}${unaffected.length > unaffectedNames ? ", …" : ""}\n\n`;
    }
    for (const s of ranked.slice(0, details)) yield* detail(s);
    if (ranked.length > details) yield more(ranked.length - details, "chains");
  }
  if (report.gaps.length > 0) {
    yield "### Not read: these databases are not simulated\n\n";
    for (const g of report.gaps) yield `- ${cell(g)}\n`;
    yield "\n";
  }
  if (report.notes.length > 0) {
    yield "### Notes\n\n";
    for (const n of report.notes) yield `- ${cell(n)}\n`;
    yield "\n";
  }
}
