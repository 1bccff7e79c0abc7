// Cluster parameter groups: set values from describe-db-cluster-parameters, matched by the file's group name.
import type { ParameterGroupRef } from "../../model/resource.js";
import { known, unknown, type Value } from "../../model/value.js";
import { isRecord } from "./fields.js";

const NO_PARAMETERS: ReadonlyMap<string, string> = new Map();

/** Adds the `ParameterName → ParameterValue` pairs of `items` to `into`; the first value read wins. */
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

/**
 * The reference to group `name`, with its parameters when a file for it was read. The output does
 * not name its region, so a file applies to every cluster using a group of that name. A default group
 * never sets anything, so without a file its parameters are known to be the engine defaults.
 */
export function parameterGroupRef(name: string, read: ReadonlyMap<string, string> | undefined): ParameterGroupRef {
  const isDefault = name.startsWith("default.");
  let parameters: Value<ReadonlyMap<string, string>>;
  if (read !== undefined) parameters = known(read);
  else if (isDefault) parameters = known(NO_PARAMETERS);
  else parameters = unknown(`the parameters of cluster parameter group ${name} are not among the inputs; save them with: ${parametersCommand(name)}`);
  return { name, isDefault, parameters };
}
