// A run's failure simulation (SPEC §6.2): the scenarios of the disruptions asked for, judged against the policies' objectives.
import type { Resource } from "../model/resource.js";
import type { SimulationReport } from "../report/simulation.js";
import type { Assumption, Disruption, Scenario } from "../simulate/types.js";
import type { Run } from "./session.js";

/** The resources under the disruptions (none: each one's writer, its writer's AZ and its region), and the assumptions the figures used. */
async function simulate(run: Run, resources: readonly Resource[], disruptions: readonly Disruption[]): Promise<{ scenarios: Scenario[]; assumptions: readonly Assumption[] }> {
  const { resolveAssumptions, simulateFleet } = await import("../simulate/index.js");
  const assumptions = resolveAssumptions();
  const { scenarios } = simulateFleet(resources, run.facts, assumptions, disruptions);
  return { scenarios, assumptions: assumptions.used() };
}

/** The simulation of the whole run, as `haspec simulate` reports it. */
export async function simulateRun(run: Run, disruptions: readonly Disruption[]): Promise<SimulationReport> {
  const { summarize } = await import("../simulate/index.js");
  const { scenarios, assumptions } = await simulate(run, run.inventory.resources, disruptions);
  const inventory = run.inventory;
  return {
    generatedAt: run.now.toISOString(),
    ...(inventory.capturedAt.known ? { capturedAt: inventory.capturedAt.value } : {}),
    policies: run.policies.map((p) => ({ name: p.name, file: p.file, sha256: p.sha256 })),
    sources: inventory.sources,
    assumptions,
    scenarios,
    summary: summarize(scenarios),
    notes: inventory.notes,
    gaps: inventory.gaps ?? [],
  };
}

/** One resource's default scenarios (the UI's `r`); none when the run has no resource at that address. */
export async function simulateResourceAt(run: Run, address: string): Promise<Scenario[]> {
  const resource = run.inventory.resources.find((r) => r.address === address);
  return resource === undefined ? [] : (await simulate(run, [resource], [])).scenarios;
}
