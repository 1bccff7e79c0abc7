// Helpers for the simulation tests: an inventory with global clusters, the facts, and one call per scenario.
import { buildFacts, type Facts } from "../../src/facts/index.js";
import type { GlobalCluster, Inventory } from "../../src/model/inventory.js";
import type { Resource } from "../../src/model/resource.js";
import { known, unknown } from "../../src/model/value.js";
import { parseDisruption, resolveAssumptions, simulateResource, type AssumptionSet, type Scenario, type Term } from "../../src/simulate/index.js";
import { inventory, type InventoryInput } from "../support/build.js";

export interface SimInventoryInput extends InventoryInput {
  /** undefined: not read (unknown); an array: read for every place. */
  globalClusters?: GlobalCluster[];
}

export function simInventory(i: SimInventoryInput = {}): Inventory {
  const { globalClusters, ...rest } = i;
  const inv = inventory(rest);
  return { ...inv, globalClusters: globalClusters === undefined ? unknown("Aurora Global Database membership was not read in the test input") : known({ items: globalClusters, scopes: [{}] }) };
}

export function factsOf(i: SimInventoryInput): Facts {
  return buildFacts(simInventory(i));
}

/** Simulates `disruption` (as the command line writes it) on the first resource of the inventory. */
export function simulate(disruption: string, i: SimInventoryInput, assumptions: AssumptionSet = resolveAssumptions()): Scenario {
  const r = i.resources![0]!;
  return simulateResource(r, parseDisruption(disruption), factsOf(i), assumptions);
}

export function termNamed(s: { terms: readonly Term[] }, name: string): Term | undefined {
  return s.terms.find((t) => t.term === name);
}

export function termNames(s: { terms: readonly Term[] }): string[] {
  return s.terms.map((t) => t.term);
}

export const NOT_READ = unknown("not in the test input");

export type { Resource };
