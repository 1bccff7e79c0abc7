// A run's failure simulation (SPEC §6.2): the scenarios of the disruptions asked for, judged against the policies' objectives.
import type { SimulationReport } from "../report/simulation.js";
import type { Disruption } from "../simulate/types.js";
import type { Run } from "./session.js";

/**
 * Simulates the run's resources under the disruptions (none: each resource's writer, its writer's AZ
 * and its region).
 */
export async function simulateRun(run: Run, disruptions: readonly Disruption[]): Promise<SimulationReport> {
  const { resolveAssumptions, simulateFleet } = await import("../simulate/index.js");
  const assumptions = resolveAssumptions();
  const { scenarios, summary } = simulateFleet(run.inventory.resources, run.facts, assumptions, disruptions);
  const inventory = run.inventory;
  return {
    generatedAt: run.now.toISOString(),
    ...(inventory.capturedAt.known ? { capturedAt: inventory.capturedAt.value } : {}),
    policies: run.policies.map((p) => ({ name: p.name, file: p.file, sha256: p.sha256 })),
    sources: inventory.sources,
    assumptions: assumptions.used(),
    scenarios,
    summary,
    notes: inventory.notes,
    gaps: inventory.gaps ?? [],
  };
}
