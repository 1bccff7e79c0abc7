// Joins the inventories of several Terraform roots (directories, CDKTF stacks) checked in one run.
import type { Inventory, Scoped } from "../../model/inventory.js";
import { known, type Value } from "../../model/value.js";

function mergeScoped<T>(values: readonly Value<Scoped<T>>[]): Value<Scoped<T>> {
  const firstUnknown = values.find((v) => !v.known);
  if (firstUnknown) return firstUnknown;
  const items: T[] = [];
  const scopes: Scoped<T>["scopes"][number][] = [];
  for (const v of values) {
    if (!v.known) continue;
    items.push(...v.value.items);
    scopes.push(...v.value.scopes);
  }
  return known({ items, scopes });
}

function mergeList<T>(values: readonly Value<readonly T[]>[]): Value<readonly T[]> {
  const firstUnknown = values.find((v) => !v.known);
  if (firstUnknown) return firstUnknown;
  return known(values.flatMap((v) => (v.known ? v.value : [])));
}

/** One inventory holding every root's resources and account-wide data; unknown data stays unknown. */
export function mergeInventories(inventories: readonly Inventory[]): Inventory {
  if (inventories.length === 1) return inventories[0]!;
  return {
    resources: inventories.flatMap((i) => i.resources),
    eventSubscriptions: mergeScoped(inventories.map((i) => i.eventSubscriptions)),
    proxies: mergeScoped(inventories.map((i) => i.proxies)),
    proxyTargets: mergeScoped(inventories.map((i) => i.proxyTargets)),
    dnsRecords: mergeList(inventories.map((i) => i.dnsRecords)),
    capturedAt: inventories[0]!.capturedAt,
    notes: inventories.flatMap((i) => i.notes),
    sources: inventories.flatMap((i) => i.sources),
  };
}
