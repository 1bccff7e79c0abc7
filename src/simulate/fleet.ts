// A fleet under disruptions: each resource's default disruptions (SPEC §6.2), or the given ones (zones and regions fleet-wide), and the summary.
import { UserError } from "../errors.js";
import type { Facts } from "../facts/index.js";
import type { Resource } from "../model/resource.js";
import type { AssumptionSet } from "./assumptions.js";
import { computeOwns, computePlan } from "./compute.js";
import { formatDisruption } from "./disruption.js";
import { SimulationRun, undetermined } from "./scenario.js";
import type { Disruption, Scenario, SimulationSummary } from "./types.js";

/** The default disruptions of one resource, and those the data cannot name (with why). */
export function defaultPlan(resource: Resource, facts: Facts): { disruptions: Disruption[]; skipped: { disruption: string; reason: string }[] } {
  if (resource.compute) return computePlan(resource);
  const disruptions: Disruption[] = [{ kind: "writer" }];
  const skipped: { disruption: string; reason: string }[] = [];
  const writers = facts.of(resource).writerCandidates;
  if (!writers.known) {
    // A secondary cluster of a global database has no writer, so no writer's AZ: nothing is unknown.
    const m = facts.globalMembershipOf(resource);
    if (!(m.known && m.value !== null && !m.value.primary)) {
      skipped.push({ disruption: "az:?", reason: `the AZ of ${resource.id}'s writer is unknown: ${writers.reason}` });
    }
  } else if (writers.value.length !== 1) {
    skipped.push({
      disruption: "az:?",
      reason:
        writers.value.length === 0
          ? `${resource.id} has no writer in the data, so there is no writer's AZ to lose`
          : `which instance of ${resource.id} writes is unknown (any of ${writers.value.map((i) => i.id).join(", ")}), so its AZ is too`,
    });
  } else {
    const az = writers.value[0]!.availabilityZone;
    if (az.known) disruptions.push({ kind: "az", name: az.value.toLowerCase() });
    else skipped.push({ disruption: "az:?", reason: `the AZ of ${resource.id}'s writer ${writers.value[0]!.id} is unknown: ${az.reason}` });
  }
  if (resource.region.known) disruptions.push({ kind: "region", name: resource.region.value.toLowerCase() });
  else skipped.push({ disruption: "region:?", reason: `${resource.id}'s region is unknown: ${resource.region.reason}` });
  return { disruptions, skipped };
}

/**
 * What `objectives.rto`/`objectives.rpo` judge (SPEC §6.3): `writer`, `az:` for every AZ the resource
 * runs in (the writer's and its readers' or standby's), `region:` its region; what the data cannot
 * name is in `skipped` with why (the objective is then unknown, never a pass).
 */
export function objectiveDisruptions(resource: Resource, facts: Facts): { disruptions: Disruption[]; skipped: { disruption: string; reason: string }[] } {
  const disruptions: Disruption[] = [{ kind: "writer" }];
  const skipped: { disruption: string; reason: string }[] = [];
  const topologies = facts.of(resource).topologies;
  if (!topologies.known) skipped.push({ disruption: "az:?", reason: `the AZs of ${resource.id}'s instances are unknown: ${topologies.reason}` });
  else {
    const azs = new Set<string>();
    const unknownReasons: string[] = [];
    for (const t of topologies.value) {
      for (const az of t.azs.azs) azs.add(az.toLowerCase());
      unknownReasons.push(...t.azs.unknownReasons);
    }
    for (const az of [...azs].sort()) disruptions.push({ kind: "az", name: az });
    if (unknownReasons.length > 0) skipped.push({ disruption: "az:?", reason: `the AZ of some instances of ${resource.id} is unknown: ${[...new Set(unknownReasons)].join("; ")}` });
  }
  if (resource.region.known) disruptions.push({ kind: "region", name: resource.region.value.toLowerCase() });
  else skipped.push({ disruption: "region:?", reason: `${resource.id}'s region is unknown: ${resource.region.reason}` });
  return { disruptions, skipped };
}

/** SPEC §6.2 without --fail: `writer`, `az:<the writer's AZ>`, `region:<its region>`; what the data cannot name is left out (simulateFleet reports it). */
export function defaultDisruptions(resource: Resource, facts: Facts): Disruption[] {
  return defaultPlan(resource, facts).disruptions;
}

/**
 * Counts over the scenarios: `manual` counts outcomes `manual` and `lost` (a person must act);
 * `objectivesFailed` counts scenarios with an objective status `fail` (set by whoever judges objectives).
 */
export function summarize(scenarios: readonly Scenario[]): SimulationSummary {
  let affected = 0;
  let manual = 0;
  let objectivesFailed = 0;
  for (const s of scenarios) {
    if (s.affected) affected++;
    if (s.outcome === "manual" || s.outcome === "lost") manual++;
    if (s.status?.rto === "fail" || s.status?.rpo === "fail") objectivesFailed++;
  }
  return { scenarios: scenarios.length, affected, manual, objectivesFailed };
}

function owns(resource: Resource, instanceId: string): boolean {
  if (resource.compute) return computeOwns(resource, instanceId);
  const id = instanceId.toLowerCase();
  return resource.instances.known && resource.instances.value.some((i) => i.id.toLowerCase() === id);
}

/**
 * Simulates the fleet. Without `disruptions`: each resource under its own default disruptions, in
 * the resources' order. With them, in their order: `az:` and `region:` hit the whole fleet (resources
 * elsewhere are reported with `affected: false`), `writer` every resource, `instance:ID` the
 * resource that has that instance (a UserError when none has it).
 */
export function simulateFleet(
  resources: readonly Resource[],
  facts: Facts,
  assumptions: AssumptionSet,
  disruptions?: readonly Disruption[],
  now?: Date,
): { scenarios: Scenario[]; summary: SimulationSummary } {
  const scenarios: Scenario[] = [];
  const run = new SimulationRun(facts, assumptions, now);
  if (disruptions === undefined || disruptions.length === 0) {
    for (const r of resources) {
      const plan = defaultPlan(r, facts);
      for (const d of plan.disruptions) scenarios.push(run.simulate(r, d));
      for (const s of plan.skipped) scenarios.push(undetermined(run, r, s.disruption, s.reason));
    }
  } else {
    for (const d of disruptions) {
      if (d.kind === "instance") {
        const owners = resources.filter((r) => owns(r, d.id));
        if (owners.length === 0) {
          const unread = resources.filter((r) => !r.instances.known).map((r) => r.id);
          throw new UserError(
            `--fail ${formatDisruption(d)}: nothing in the inputs has an instance named ${d.id}` +
              (unread.length > 0 ? ` (the instances of ${unread.slice(0, 5).join(", ")}${unread.length > 5 ? ` and ${unread.length - 5} more` : ""} are unknown)` : ""),
          );
        }
        for (const r of owners) scenarios.push(run.simulate(r, d));
      } else {
        for (const r of resources) scenarios.push(run.simulate(r, d));
      }
    }
  }
  return { scenarios, summary: summarize(scenarios) };
}
