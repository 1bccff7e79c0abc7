// Maps Terraform inputs (plan, state, .tf or cdk.tf.json, reduced to TfInput) to an Inventory: the modelled resources, with their planned changes.
import type { Inventory } from "../../model/inventory.js";
import { known, unknown, type Value } from "../../model/value.js";
import { buildResources, type BuildOptions } from "./build-resources.js";
import { attachChanges } from "./changes.js";
import type { TfInput } from "./types.js";

/** Builds the inventory; plans get a `change` on every cluster and standalone instance. */
export function buildTerraformInventory(input: TfInput, givenOptions: BuildOptions = {}): Inventory {
  const options = givenOptions.providerRegions === undefined && input.providerRegions !== undefined ? { ...givenOptions, providerRegions: input.providerRegions } : givenOptions;
  const built = buildResources(input.resources, input.kind, options);
  const notes = [...input.notes, ...built.notes];
  const gaps = [...(input.gaps ?? []), ...built.gaps];
  const resources = input.changes ? attachChanges(input, built.resources, options, notes) : built.resources;
  const wildcard = <T>(v: Value<T[]>) => (v.known ? known({ items: v.value, scopes: [{}] }) : v);
  return {
    resources,
    ...(built.compute ? { compute: built.compute } : {}),
    eventSubscriptions: wildcard(built.eventSubscriptions),
    proxies: wildcard(built.proxies),
    proxyTargets: wildcard(built.proxyTargets),
    dnsRecords: built.dnsRecords,
    globalClusters: wildcard(built.globalClusters),
    capturedAt: unknown(`a Terraform ${input.kind === "plan" ? "plan" : input.kind === "state" ? "state" : "configuration"} carries no capture time of the database's live values`),
    notes,
    ...(gaps.length === 0 ? {} : { gaps }),
    sources: input.sources,
  };
}
