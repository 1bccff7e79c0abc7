// The simulation engine of `haspec simulate` (SPEC §6): disruptions, assumptions, one resource's scenario, a fleet's scenarios.
export { parseDisruption, formatDisruption } from "./disruption.js";
export { ASSUMPTIONS, assumptionDefinition, assumptionsTable, resolveAssumptions, type AssumptionSet, type EvidenceFigure } from "./assumptions.js";
export { simulateResource } from "./scenario.js";
export { defaultDisruptions, simulateFleet, summarize } from "./fleet.js";
export { FIGURES, figuresTable, type Figure } from "./figures.js";
export type * from "./types.js";
