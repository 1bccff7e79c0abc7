// The simulation engine of `haspec simulate` (SPEC §6): disruptions, assumptions, one resource's scenario, a fleet's scenarios.
export { parseDisruption, formatDisruption, objectiveKindOf } from "./disruption.js";
export { ASSUMPTIONS, assumptionDefinition, assumptionsTable, resolveAssumptions, type AssumptionSet, type EvidenceFigure } from "./assumptions.js";
export { simulateResource, SimulationRun } from "./scenario.js";
export { defaultDisruptions, objectiveDisruptions, simulateFleet, summarize } from "./fleet.js";
export { FIGURES, figuresTable, type Figure } from "./figures.js";
export type * from "./types.js";
export { applicationEvidence, clientEvidence } from "./app-evidence.js";
