// Cluster parameter groups: set values from describe-db-cluster-parameters, matched by the file's group name.
import type { ParameterGroupRef } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { isRecord } from "./fields.js";

const NO_PARAMETERS: ReadonlyMap<string, string> = new Map();

/** Adds the `ParameterName → ParameterValue` pairs of `items` (one file) to `into`; the first value read wins. */
export function addParameters(into: Map<string, string>, items: readonly unknown[]): void {
  for (const p of items) {
    if (!isRecord(p)) continue;
    const name = p["ParameterName"];
    const value = p["ParameterValue"];
    if (typeof name === "string" && typeof value === "string" && !into.has(name)) into.set(name, value);
  }
}

export function parametersCommand(group: string): string {
  return `aws rds describe-db-cluster-parameters --db-cluster-parameter-group-name ${group} > describe-db-cluster-parameters.${group}.json`;
}

function sameParameters(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * The reference to group `name`, with its parameters when a file for it was read (`readings`: one
 * map per file). The output does not name its region or account, so a file applies to every cluster
 * using a group of that name; when several files of one name disagree (the same group name in two
 * regions or accounts, set differently) nothing says which applies, and the parameters are unknown;
 * so are they when a file is one page of a longer output ("one page").
 * A default group never sets anything, so without a file its parameters are known to be the engine defaults.
 */
export function parameterGroupRef(name: string, readings: readonly (ReadonlyMap<string, string> | "one page")[] | undefined): ParameterGroupRef {
  const isDefault = name.toLowerCase().startsWith("default.");
  let parameters: Value<ReadonlyMap<string, string>>;
  if (readings !== undefined && readings.some((r) => r === "one page")) {
    // A parameter missing from one page may sit on the next: absent would wrongly read as the default.
    parameters = unknown(
      `the describe-db-cluster-parameters output for ${name} is one page of several (it has a Marker); ` +
        `save the complete output: ${parametersCommand(name)}`,
    );
  } else if (readings !== undefined && readings.length > 0) {
    const maps = readings as readonly ReadonlyMap<string, string>[];
    const first = maps[0]!;
    parameters = maps.every((r) => sameParameters(first, r))
      ? known(first)
      : unknown(
          `${readings.length} describe-db-cluster-parameters files for the group ${name} disagree (the same group name in several ` +
            `regions or accounts?), and the output does not say which one this cluster uses; keep one file per group name in each input`,
        );
  } else if (isDefault) parameters = known(NO_PARAMETERS);
  else parameters = unknown(`the parameters of cluster parameter group ${name} are not among the inputs; save them with: ${parametersCommand(name)}`);
  return { name, isDefault, parameters };
}
