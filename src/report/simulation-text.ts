// The text of `haspec simulate`: a table per disruption (like Resilience Hub's), then each affected resource's chain of terms.
import type { Estimate, ObjectiveStatus, Outcome, Scenario } from "../simulate/types.js";
import { printable } from "./outside-text.js";
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
import { PLAIN, type Style } from "./style.js";
import { sourceLabel } from "./text.js";

/** How many unaffected resources a disruption names before it only counts them. */
const UNAFFECTED_NAMED = 20;

const HEADERS = ["RESOURCE", "OUTCOME", "PROMOTED", "RTO", "OBJECTIVE", "RPO", "OBJECTIVE"] as const;

function statusColour(style: Style, status: ObjectiveStatus | undefined): (s: string) => string {
  return status === "fail" ? style.fail : status === "unknown" ? style.unknown : status === "pass" ? style.pass : (s) => s;
}

function outcomeColour(style: Style, outcome: Outcome): (s: string) => string {
  return outcome === "lost" ? style.fail : outcome === "manual" || outcome === "recreate" || outcome === "unknown" ? style.unknown : (s) => s;
}

/** A row's cells (printable), and the colour of each cell once padded. */
function row(s: Scenario, style: Style): { cells: string[]; colours: ((x: string) => string)[] } {
  const id = (x: string) => x;
  const cells = [
    printable(s.resource.id),
    s.outcome,
    // The application tier promotes nothing: its capacity left shows in its detail.
    printable(promotedText(s)) + (s.capacity.smaller && !s.azs ? " (smaller class)" : ""),
    estimateText(s.rto),
    objectiveText(s.objectives?.rto, s.status?.rto),
    estimateText(s.rpo, "RPO"),
    objectiveText(s.objectives?.rpo, s.status?.rpo),
  ];
  const colours = [
    id,
    outcomeColour(style, s.outcome),
    s.capacity.smaller && !s.azs ? style.unknown : id,
    s.rto.bound === "unknown" ? style.unknown : id,
    statusColour(style, s.status?.rto),
    s.rpo.bound === "unknown" ? style.unknown : id,
    statusColour(style, s.status?.rpo),
  ];
  return { cells, colours };
}

function* table(scenarios: readonly Scenario[], style: Style): Generator<string> {
  const rows = scenarios.map((s) => row(s, style));
  const judged = scenarios.some((s) => s.objectives !== undefined);
  // Without a policy the objective columns would stay empty: leave them out.
  const columns = judged ? [0, 1, 2, 3, 4, 5, 6] : [0, 1, 2, 3, 5];
  const widths = columns.map((c) => Math.max(HEADERS[c]!.length, ...rows.map((r) => r.cells[c]!.length)));
  const line = (cells: readonly string[], colours?: readonly ((x: string) => string)[]) =>
    `  ${columns.map((c, i) => (colours ? colours[c]! : (x: string) => x)(i === columns.length - 1 ? cells[c]! : cells[c]!.padEnd(widths[i]!))).join("  ")}`.trimEnd();
  yield `${style.dim(line(HEADERS))}\n`;
  for (const r of rows) yield `${line(r.cells, r.colours)}\n`;
}

function* chain(label: string, e: Estimate, style: Style): Generator<string> {
  const head = e.bound === "unknown" ? style.unknown(`unknown: ${printable(e.reason ?? "a term cannot be known")}`) : estimateText(e, measureOf(label));
  yield `      ${label} ${head}\n`;
  if (e.terms.length === 0) return;
  const names = e.terms.map((t) => printable(t.term));
  const ranges = e.terms.map((t) => range(t.low, t.high));
  const nameWidth = Math.max(...names.map((n) => n.length));
  const rangeWidth = Math.max(...ranges.map((r) => r.length));
  const fromWidth = Math.max(...e.terms.map((t) => t.from.length));
  for (const [i, t] of e.terms.entries()) {
    yield `        + ${names[i]!.padEnd(nameWidth)}  ${ranges[i]!.padEnd(rangeWidth)}  ${t.from.padEnd(fromWidth)}  ${style.dim(printable(t.ref))}\n`;
    if (t.note) yield `${style.dim(`            ${printable(t.note)}`)}\n`;
  }
}

/** One affected resource: who takes over, what is left, the RTO and RPO chains, the manual steps. */
function* detail(s: Scenario, style: Style): Generator<string> {
  const r = s.resource;
  const where = printable([r.kind, r.engine, r.region, r.account].filter(Boolean).join(", "));
  yield `${style.bold(`    # ${printable(r.id)} (${where})`)}\n`;
  yield `${style.dim(`    # ${printable(r.address)}`)}\n`;
  if (s.azs) {
    // The application tier (SPEC §9): capacity and AZs, no writer.
    const capacity = `${printable(s.capacity.before ?? "?")} -> ${printable(s.capacity.after.join(" or ") || "—")}${s.capacity.smaller ? style.unknown(" (smaller)") : ""}`;
    const azs = `AZs ${printable(s.azs.before.join(", ") || "—")} -> ${printable(s.azs.after.join(", ") || "none")}`;
    yield `      ${outcomeColour(style, s.outcome)(s.outcome)}: ${r.kind === "load-balancer" ? "" : `${capacity}; `}${azs}\n`;
  } else {
    const writer = `writer ${printable(s.writer.before ?? "(none)")} -> ${printable(promotedText(s))}`;
    const capacity = `class ${printable(s.capacity.before ?? "?")} -> ${printable(s.capacity.after.join(" or ") || "—")}${s.capacity.smaller ? style.unknown(" (smaller)") : ""}`;
    yield `      ${outcomeColour(style, s.outcome)(s.outcome)}: ${writer}; ${capacity}; ${leftText(s)}\n`;
  }
  if (s.storage) yield `      ${storageText(s.storage)}\n`;
  yield* chain("RTO", s.rto, style);
  yield* chain("RPO", s.rpo, style);
  if (s.manual.length > 0) {
    yield `      Manual steps:\n`;
    for (const step of s.manual) yield `        - ${printable(step)}\n`;
  }
  if (s.notes && s.notes.length > 0) {
    yield `      Notes:\n`;
    for (const n of s.notes) yield `${style.dim(`        - ${printable(n)}`)}\n`;
  }
  yield "\n";
}

/** The unaffected resources of a disruption, named up to a limit. */
function unaffectedLine(scenarios: readonly Scenario[]): string {
  const names = scenarios.slice(0, UNAFFECTED_NAMED).map((s) => printable(s.resource.id));
  const more = scenarios.length - names.length;
  return `  Not affected (${scenarios.length}): ${names.join(", ")}${more > 0 ? `, and ${more} more` : ""}\n`;
}

/** The simulation as text: what was read and assumed, then per disruption its table and the chains behind it. */
export function* simulationTextChunks(report: SimulationReport, style: Style = PLAIN): Generator<string> {
  const policies = report.policies.map((p) => `${p.name} (${p.file})`).join(", ");
  yield `${style.bold(`haspec simulate: ${policies ? `policy ${printable(policies)}` : "no policy, no objective judged"}`)}\n`;
  yield `Inputs: ${printable(report.sources.map(sourceLabel).join(", ")) || "(none)"}\n`;
  if (report.assumptions.length > 0) {
    yield "Assumptions:\n";
    for (const a of report.assumptions) yield `  ${printable(assumptionText(a))}\n`;
  }
  yield "\n";
  for (const [disruption, scenarios] of byDisruption(report.scenarios)) {
    const affected = scenarios.filter((s) => s.affected);
    const unaffected = scenarios.filter((s) => !s.affected);
    yield `${style.bold(`# ${printable(disruption)}`)}${style.dim(` — ${affected.length} of ${scenarios.length} affected`)}\n`;
    if (affected.length > 0) yield* table(affected, style);
    if (unaffected.length > 0) yield unaffectedLine(unaffected);
    yield "\n";
    for (const s of affected) yield* detail(s, style);
  }
  if (report.notes.length > 0) {
    yield "Notes:\n";
    for (const n of report.notes) yield `  - ${printable(n)}\n`;
    yield "\n";
  }
  if (report.gaps.length > 0) {
    yield `${style.unknown("Not read — these databases are not simulated:")}\n`;
    for (const g of report.gaps) yield `  ? ${printable(g)}\n`;
    yield "\n";
  }
  const judged = report.scenarios.some((s) => s.objectives !== undefined);
  const sentence = summarySentence(report.summary, judged);
  yield `${style.bold("Simulation:")} ${report.summary.objectivesFailed > 0 ? style.fail(sentence) : sentence}\n`;
}
