// The scenarios screen (`r`): what happens to one resource when its writer, its AZ or its region fails, and the chain behind each RTO and RPO.
import type { ResourceRef } from "../engine/result.js";
import { estimateText, leftText, measureOf, objectiveText, promotedText, range, storageText } from "../report/simulation.js";
import type { Estimate, ObjectiveStatus, Outcome, Scenario } from "../simulate/types.js";
import { BLANK, line, seg, type Line, type Segment } from "./lines.js";
import { fitEnd } from "./terminal-text.js";
import type { Role } from "./theme.js";

/** Where the resource's scenarios stand: not simulable in this session, being simulated, ready, or failed. */
export type ScenarioState =
  | { readonly kind: "unavailable" }
  | { readonly kind: "loading" }
  | { readonly kind: "ready"; readonly scenarios: readonly Scenario[] }
  | { readonly kind: "failed"; readonly message: string };

/** The pinned first line. */
export function scenariosTitle(ref: ResourceRef): Line {
  return line(seg("‹ ", "dim"), seg(ref.id, "heading"), seg("  failure scenarios: who takes over, how long, how much data", "dim"));
}

const statusRole = (status: ObjectiveStatus | undefined): Role | undefined =>
  status === "fail" ? "fail" : status === "unknown" ? "unknown" : status === "pass" ? "pass" : undefined;

const outcomeRole = (outcome: Outcome): Role | undefined => (outcome === "lost" ? "fail" : outcome === "manual" || outcome === "recreate" || outcome === "unknown" ? "unknown" : undefined);

function figure(label: string, e: Estimate, objective: number | undefined, status: ObjectiveStatus | undefined): Segment[] {
  const verdict = objectiveText(objective, status);
  return [
    seg(`${label} `, "dim"),
    seg(estimateText(e, measureOf(label)), e.bound === "unknown" ? "unknown" : undefined),
    ...(verdict !== "" ? [seg(` (${verdict})`, statusRole(status))] : []),
  ];
}

function chainLines(label: string, e: Estimate): Line[] {
  const lines: Line[] = [line(seg(`    ${label} `, "dim"), seg(e.bound === "unknown" ? `unknown: ${e.reason ?? "a term cannot be known"}` : estimateText(e, measureOf(label)), e.bound === "unknown" ? "unknown" : undefined))];
  const nameWidth = Math.max(0, ...e.terms.map((t) => t.term.length));
  for (const t of e.terms) {
    lines.push(line(seg("      + "), seg(fitEnd(t.term, nameWidth)), seg(`  ${fitEnd(range(t.low, t.high), 9)}  `), seg(fitEnd(t.from, 9), "accent"), seg(t.ref, "dim")));
  }
  return lines;
}

function scenarioLines(s: Scenario): Line[] {
  const head = line(
    seg(fitEnd(s.disruption, 18), "heading"),
    seg(fitEnd(s.affected ? s.outcome : "not affected", 13), s.affected ? outcomeRole(s.outcome) : "dim"),
  );
  if (!s.affected) return [head];
  const lines: Line[] = [
    s.azs
      ? head
      : { segments: [...head.segments, seg(`→ ${promotedText(s)}`), ...(s.capacity.smaller ? [seg(" (smaller class)", "unknown")] : [])] },
    line(seg("    "), ...figure("RTO", s.rto, s.objectives?.rto, s.status?.rto), seg("   "), ...figure("RPO", s.rpo, s.objectives?.rpo, s.status?.rpo)),
    s.azs
      ? // The application tier (SPEC §9): capacity and AZs, no writer.
        line(seg(`    ${s.capacity.before ?? "?"} → ${s.capacity.after.join(" or ") || "—"} · AZs ${s.azs.before.join(", ") || "—"} → ${s.azs.after.join(", ") || "none"}`, "dim"))
      : line(
          seg(`    class ${s.capacity.before ?? "?"} → ${s.capacity.after.join(" or ") || "—"} · ${leftText(s)}`, "dim"),
          ...(s.storage ? [seg(` · ${storageText(s.storage)}`, s.storage.writable ? "dim" : "fail")] : []),
        ),
    ...chainLines("RTO", s.rto),
    ...chainLines("RPO", s.rpo),
  ];
  for (const step of s.manual) lines.push(line(seg("    manual ", "unknown"), seg(step)));
  for (const note of s.notes ?? []) lines.push(line(seg("    note   ", "dim"), seg(note, "dim")));
  return lines;
}

/** The screen's document, scrolled by the keys; every text from outside is made printable when the lines are drawn. */
export function scenarioDocument(state: ScenarioState): Line[] {
  switch (state.kind) {
    case "unavailable":
      return [line(seg("  This session cannot simulate: run `haspec simulate` on the same inputs.", "dim"))];
    case "loading":
      return [line(seg("  simulating…", "dim"))];
    case "failed":
      return [line(seg("  simulation failed: ", "error"), seg(state.message))];
    case "ready":
      if (state.scenarios.length === 0) return [line(seg("  No scenario: the simulation does not cover this resource.", "dim"))];
      return state.scenarios.flatMap((s, i) => [...(i > 0 ? [BLANK] : []), ...scenarioLines(s)]);
  }
}
