// Merges the inventories of several Terraform files (one plan or state each) into one.
import type { Inventory, Scoped } from "../../model/inventory.js";
import { known, type Value } from "../../model/value.js";

function mergeScoped<T>(values: readonly Value<Scoped<T>>[]): Value<Scoped<T>> {
  const items: T[] = [];
  for (const v of values) {
    if (!v.known) return v;
    items.push(...v.value.items);
  }
  return known({ items, scopes: [{}] });
}

/** One inventory from several; any unknown account-wide list stays unknown. */
export function mergeInventories(parts: readonly Inventory[]): Inventory {
  if (parts.length === 1) return parts[0]!;
  const dns: Value<Inventory["dnsRecords"] extends Value<infer T> ? T : never> = (() => {
    const records = [];
    for (const p of parts) {
      if (!p.dnsRecords.known) return p.dnsRecords;
      records.push(...p.dnsRecords.value);
    }
    return known(records);
  })();
  return {
    resources: parts.flatMap((p) => p.resources),
    eventSubscriptions: mergeScoped(parts.map((p) => p.eventSubscriptions)),
    proxies: mergeScoped(parts.map((p) => p.proxies)),
    proxyTargets: mergeScoped(parts.map((p) => p.proxyTargets)),
    dnsRecords: dns,
    capturedAt: parts[0]!.capturedAt,
    notes: parts.flatMap((p) => p.notes),
    ...(parts.some((p) => (p.gaps ?? []).length > 0) ? { gaps: parts.flatMap((p) => p.gaps ?? []) } : {}),
    sources: parts.flatMap((p) => p.sources),
  };
}
