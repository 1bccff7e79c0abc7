// The rules' one door to the simulation engine (src/simulate): the assumptions catalog, a run's assumptions and per-resource scenarios.
export { ASSUMPTIONS, assumptionsTable, FIGURES, resolveAssumptions, simulateResource } from "../../simulate/index.js";
export type { AssumptionDefinition, AssumptionName, AssumptionSet } from "../../simulate/index.js";
