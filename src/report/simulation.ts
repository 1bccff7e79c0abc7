// What every output of `haspec simulate` shares: the report it renders, the format registry, and how figures read.
import type { PolicyRef, RunInfo } from "../engine/result.js";
import type { Assumption, Estimate, ObjectiveStatus, Scenario, SimulationSummary } from "../simulate/types.js";
import type { Style } from "./style.js";

/** A simulation as its outputs show it (SPEC §6.2): what was read, the figures assumed, the scenarios and their counts. */
export interface SimulationReport {
  readonly generatedAt: string;
  readonly capturedAt?: string;
  readonly policies: readonly Pick<PolicyRef, "name" | "file" | "sha256">[];
  readonly sources: RunInfo["sources"];
  readonly assumptions: readonly Assumption[];
  readonly scenarios: readonly Scenario[];
  readonly summary: SimulationSummary;
  /** What the sources skipped, and places that could not be read at all (their resources are not simulated). */
  readonly notes: readonly string[];
  readonly gaps: readonly string[];
}

/** A simulation output: a pure function of the report, yielding it in pieces. */
export type SimulationRenderer = (report: SimulationReport, style: Style) => Iterable<string>;

/** `simulate --format`: each output, imported only when asked for. */
export const SIMULATION_RENDERERS = {
  text: async (): Promise<SimulationRenderer> => (await import("./simulation-text.js")).simulationTextChunks,
  json: async (): Promise<SimulationRenderer> => (await import("./simulation-json.js")).simulationJsonChunks,
  markdown: async (): Promise<SimulationRenderer> => (await import("./simulation-markdown.js")).simulationMarkdownChunks,
  html: async (): Promise<SimulationRenderer> => (await import("./simulation-html.js")).simulationHtmlChunks,
} as const;

export type SimulationFormat = keyof typeof SIMULATION_RENDERERS;
export const SIMULATION_FORMATS = Object.keys(SIMULATION_RENDERERS) as readonly SimulationFormat[];

/** Seconds as people read them: `45s`, `1m35s`, `10m`, `2h`, `1h5m`. */
export function duration(seconds: number): string {
  if (seconds < 120) return `${round(seconds)}s`;
  if (seconds < 7200) {
    const m = Math.floor(seconds / 60);
    const s = round(seconds - m * 60);
    return s === 0 ? `${m}m` : `${m}m${s}s`;
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds - h * 3600) / 60);
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A low–high range of seconds: `20s–1m35s`, `0s`, `≥ 10m` when there is no upper bound. */
export function range(low: number | null, high: number | null): string {
  if (low === null && high === null) return "?";
  if (high === null) return `≥ ${duration(low ?? 0)}`;
  if (low === null || low === high) return duration(high);
  return `${duration(low)}–${duration(high)}`;
}

/**
 * An estimate in one cell: its range, `unknown`, or with no upper bound what that means: for an RTO a person must
 * act (`≥ 10m, a person must act`), for an RPO data is lost (`unbounded: data lost`).
 */
export function estimateText(e: Estimate, measure: "RTO" | "RPO" = "RTO"): string {
  if (e.bound === "unknown") return "unknown";
  const why = measure === "RPO" ? "data lost" : "a person must act";
  if (e.bound === "unbounded") return e.low !== null && e.low > 0 ? `${range(e.low, null)}, ${why}` : `unbounded: ${why}`;
  return range(e.low, e.high);
}

/** The measure a chain's label names. */
export function measureOf(label: string): "RTO" | "RPO" {
  return label.startsWith("RPO") ? "RPO" : "RTO";
}

/** The objective and its verdict in one cell: `≤ 2m pass`; empty when no objective was judged. */
export function objectiveText(objective: number | undefined, status: ObjectiveStatus | undefined): string {
  if (objective === undefined) return "";
  return `≤ ${duration(objective)} ${status ?? "unknown"}`;
}

/** The objective alone: `≤ 2m`. */
export function objectiveFigure(objective: number): string {
  return `≤ ${duration(objective)}`;
}

/** The instances AWS would promote: one name, the tied ones joined by `or`, or `—`. */
export function promotedText(s: Scenario): string {
  if (s.writer.after.length === 0) return "—";
  const names = s.writer.after.join(" or ");
  return s.writer.after.length > 1 ? `${names} (tie)` : names;
}

const KIND_ORDER = ["writer", "instance", "az", "region"];

/** Where a disruption's group goes: writer, instances, AZs, regions, then anything else; by name within a kind. */
function disruptionOrder(a: string, b: string): number {
  const rank = (d: string) => {
    const i = KIND_ORDER.indexOf(d.split(":")[0]!);
    return i < 0 ? KIND_ORDER.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Scenarios grouped by disruption (writer, instances, AZs, regions; by name within a kind), each group in the simulation's order. */
export function byDisruption(scenarios: readonly Scenario[]): Map<string, Scenario[]> {
  const groups = new Map<string, Scenario[]>();
  for (const s of scenarios) {
    let group = groups.get(s.disruption);
    if (!group) groups.set(s.disruption, (group = []));
    group.push(s);
  }
  return new Map([...groups].sort(([a], [b]) => disruptionOrder(a, b)));
}

/** Whether any objective of the scenario failed. */
export function failsObjective(s: Scenario): boolean {
  return s.status?.rto === "fail" || s.status?.rpo === "fail";
}

/** The summary's sentence: `36 scenarios: 20 affected, 3 need a person, 4 objectives failed.` */
export function summarySentence(summary: SimulationSummary, judged: boolean): string {
  const parts = [`${summary.affected} affected`, `${summary.manual} need${summary.manual === 1 ? "s" : ""} a person`];
  parts.push(judged ? `${summary.objectivesFailed} objective${summary.objectivesFailed === 1 ? "" : "s"} failed` : "no objective judged");
  return `${summary.scenarios} scenario${summary.scenarios === 1 ? "" : "s"}: ${parts.join(", ")}.`;
}

/** One assumption as a line: `client_dns_cache = 30s (default; JDK java.security)`. */
export function assumptionText(a: Assumption): string {
  return `${a.name} = ${duration(a.seconds)} (${a.from}; ${a.source})`;
}

/** What is left running: `2 instances left, 1 reader`, or what the data cannot tell. */
export function leftText(s: Pick<Scenario, "instancesLeft" | "readersLeft">): string {
  const count = (n: number | null, word: string) => (n === null ? `? ${word}s` : `${n} ${word}${n === 1 ? "" : "s"}`);
  return `${count(s.instancesLeft, "instance")} left, ${count(s.readersLeft, "reader")}`;
}

/** How the scenario's storage stands after the loss (Aurora only). */
export function storageText(storage: NonNullable<Scenario["storage"]>): string {
  const can = [storage.writable ? "writable" : "NOT writable", storage.readable ? "readable" : "NOT readable"];
  return `${storage.copiesLeft} of 6 storage copies left: ${can.join(", ")}`;
}
