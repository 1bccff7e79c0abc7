// The JSON of `haspec simulate` (SPEC §6.2): the check report's head, the assumptions, one scenario per line, the summary.
import type { Estimate, Scenario, Term } from "../simulate/types.js";
import { headJson } from "./json.js";
import { jsonEscapeInvisible } from "./outside-text.js";
import type { SimulationReport } from "./simulation.js";

function termJson(t: Term): Record<string, unknown> {
  return { term: t.term, low: t.low, high: t.high, from: t.from, ref: t.ref, note: t.note };
}

function estimateJson(e: Estimate): Record<string, unknown> {
  return { low: e.low, high: e.high, bound: e.bound, reason: e.reason, terms: e.terms.map(termJson) };
}

/** One scenario with SPEC §6.2's keys in SPEC's order; keys whose value is undefined are left out. */
export function scenarioJson(s: Scenario): Record<string, unknown> {
  const { id, kind, engine, region, account, address } = s.resource;
  return {
    disruption: s.disruption,
    resource: { id, kind, engine, region, account, address },
    affected: s.affected,
    outcome: s.outcome,
    writer: { before: s.writer.before, after: s.writer.after },
    capacity: { before: s.capacity.before, after: s.capacity.after, smaller: s.capacity.smaller },
    instancesLeft: s.instancesLeft,
    readersLeft: s.readersLeft,
    azs: s.azs && { before: s.azs.before, after: s.azs.after },
    storage: s.storage && { copiesLeft: s.storage.copiesLeft, writable: s.storage.writable, readable: s.storage.readable },
    rto: estimateJson(s.rto),
    rpo: estimateJson(s.rpo),
    manual: s.manual,
    notes: s.notes,
    objectives: s.objectives && { rto: s.objectives.rto, rpo: s.objectives.rpo },
    status: s.status && { rto: s.status.rto, rpo: s.status.rpo },
  };
}

/**
 * The report in pieces: pretty-printed like the check report, one scenario per line inside
 * `scenarios` so simulations diff line by line. No raw control or bidi character reaches the
 * output (jsonEscapeInvisible): the same document to a parser.
 */
export function* simulationJsonChunks(report: SimulationReport): Generator<string> {
  const head = JSON.stringify({ ...headJson(report), assumptions: report.assumptions }, null, 2);
  yield jsonEscapeInvisible(`${head.slice(0, head.length - 2)},\n  "scenarios": [`);
  let first = true;
  for (const s of report.scenarios) {
    yield jsonEscapeInvisible(`${first ? "\n" : ",\n"}    ${JSON.stringify(scenarioJson(s))}`);
    first = false;
  }
  yield first ? "],\n" : "\n  ],\n";
  const tail = { summary: report.summary, notes: report.notes.length > 0 ? report.notes : undefined, gaps: report.gaps.length > 0 ? report.gaps : undefined };
  yield `${jsonEscapeInvisible(JSON.stringify(tail, null, 2).slice(2))}\n`;
}
