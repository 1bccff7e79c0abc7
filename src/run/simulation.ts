// A run's failure simulation (SPEC §6.2): the scenarios of the disruptions asked for, judged against the policies' objectives.
import { computeResources } from "../model/compute.js";
import type { Resource } from "../model/resource.js";
import type { SimulationReport } from "../report/simulation.js";
import type { Assumption, Disruption, Scenario } from "../simulate/types.js";
import type { Run } from "./session.js";

/**
 * The resources under the disruptions (none: each one's writer, its writer's AZ and its region),
 * each scenario judged against the objectives the policies set for its resource (as `check` judges
 * objectives.rto/rpo), and the assumptions the figures used: the first policy's that gives some,
 * over the documented defaults.
 */
async function simulate(
  run: Run,
  resources: readonly Resource[],
  disruptions: readonly Disruption[],
): Promise<{ scenarios: Scenario[]; assumptions: readonly Assumption[]; notes: string[] }> {
  const [{ clientEvidence, resolveAssumptions, simulateFleet }, { objectivesFor, scenarioStatus }] = await Promise.all([
    import("../simulate/index.js"),
    import("../rules/objectives/judge.js"),
  ]);
  const givers = run.policies.filter((p) => (p.assumptions ?? []).length > 0);
  const giver = givers[0];
  const assumptions = resolveAssumptions(Object.fromEntries((giver?.assumptions ?? []).map((a) => [a.name, a.seconds])), giver?.file, clientEvidence(run.facts));
  const notes =
    givers.length > 1 ? [`the assumptions of ${giver!.file} are used; those of ${givers.slice(1).map((p) => p.file).join(", ")} are not (simulate one policy at a time to use them)`] : [];
  const simulated = simulateFleet(resources, run.facts, assumptions, disruptions, run.now).scenarios;
  if (run.policies.length === 0) return { scenarios: simulated, assumptions: assumptions.used(), notes };
  const byAddress = new Map<string, Resource>();
  for (const r of resources) if (!byAddress.has(r.address)) byAddress.set(r.address, r);
  const objectives = new Map<Resource, ReturnType<typeof objectivesFor>>();
  const scenarios = simulated.map((s): Scenario => {
    const resource = byAddress.get(s.resource.address);
    // objectives.rto/rpo apply to databases (as in check): the application tier's scenarios are reported, not judged.
    if (resource === undefined || resource.compute) return s;
    let set = objectives.get(resource);
    if (set === undefined) objectives.set(resource, (set = objectivesFor(run.policies, resource)));
    const judged = scenarioStatus(s, set);
    return Object.keys(judged.objectives).length === 0 ? s : { ...s, objectives: judged.objectives, status: judged.status };
  });
  return { scenarios, assumptions: assumptions.used(), notes };
}

/** The simulation of the whole run, as `haspec simulate` reports it. */
export async function simulateRun(run: Run, disruptions: readonly Disruption[]): Promise<SimulationReport> {
  const { summarize } = await import("../simulate/index.js");
  const { scenarios, assumptions, notes } = await simulate(run, simulatedResources(run), disruptions);
  const inventory = run.inventory;
  return {
    generatedAt: run.now.toISOString(),
    ...(inventory.capturedAt.known ? { capturedAt: inventory.capturedAt.value } : {}),
    policies: run.policies.map((p) => ({ name: p.name, file: p.file, sha256: p.sha256 })),
    sources: inventory.sources,
    assumptions,
    scenarios,
    summary: summarize(scenarios),
    notes: [...inventory.notes, ...notes],
    gaps: inventory.gaps ?? [],
  };
}

/** The databases, then the application tier (SPEC §9): what `simulate` reports on. */
function simulatedResources(run: Run): Resource[] {
  return [...run.inventory.resources, ...computeResources(run.inventory.compute)];
}

/** One resource's default scenarios (the UI's `r`); none when the run has no resource at that address. */
export async function simulateResourceAt(run: Run, address: string): Promise<Scenario[]> {
  const resource = simulatedResources(run).find((r) => r.address === address);
  return resource === undefined ? [] : (await simulate(run, [resource], [])).scenarios;
}
