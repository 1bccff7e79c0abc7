// Joins the inventories of several inputs read in one run (plans, states, Terraform roots, CDKTF stacks) into one.
import type { ComputeTier } from "../model/compute.js";
import type { Inventory, Scoped } from "../model/inventory.js";
import { known, type Value } from "../model/value.js";

type Scope = Scoped<unknown>["scopes"][number];

/** Each account/region pair once, in first-seen order. */
function distinctScopes(scopes: readonly Scope[]): Scope[] {
  const byKey = new Map<string, Scope>();
  for (const s of scopes) {
    const key = `${s.account ?? "\u0000"}/${s.region ?? "\u0000"}`;
    if (!byKey.has(key)) byKey.set(key, s);
  }
  return [...byKey.values()];
}

function mergeScoped<T>(values: readonly Value<Scoped<T>>[]): Value<Scoped<T>> {
  const items: T[] = [];
  const scopes: Scope[] = [];
  for (const v of values) {
    if (!v.known) return v;
    items.push(...v.value.items);
    scopes.push(...v.value.scopes);
  }
  return known({ items, scopes: distinctScopes(scopes) });
}

function mergeList<T>(values: readonly Value<readonly T[]>[]): Value<readonly T[]> {
  const items: T[] = [];
  for (const v of values) {
    if (!v.known) return v;
    items.push(...v.value);
  }
  return known(items);
}

/**
 * One inventory holding every part's resources, account-wide data, notes, gaps and sources, in the
 * parts' order. Account-wide data any part does not know stays unknown (the first part's reason);
 * the capture time is the first part's. A gap in any part is a gap of the whole, so a run over
 * several inputs is never cleaner than its worst input.
 */
export function mergeInventories(parts: readonly Inventory[]): Inventory {
  if (parts.length === 1) return parts[0]!;
  const gaps = parts.flatMap((p) => p.gaps ?? []);
  const compute = mergeCompute(parts.map((p) => p.compute));
  return {
    resources: parts.flatMap((p) => p.resources),
    ...(compute ? { compute } : {}),
    eventSubscriptions: mergeScoped(parts.map((p) => p.eventSubscriptions)),
    proxies: mergeScoped(parts.map((p) => p.proxies)),
    proxyTargets: mergeScoped(parts.map((p) => p.proxyTargets)),
    dnsRecords: mergeList(parts.map((p) => p.dnsRecords)),
    globalClusters: mergeScoped(parts.map((p) => p.globalClusters)),
    capturedAt: parts[0]!.capturedAt,
    notes: parts.flatMap((p) => p.notes),
    ...(gaps.length === 0 ? {} : { gaps }),
    sources: parts.flatMap((p) => p.sources),
  };
}

/** The application tiers of the parts side by side; undefined when no part has one. (Each part joined its own alarms to its own instances.) */
function mergeCompute(tiers: readonly (ComputeTier | undefined)[]): ComputeTier | undefined {
  const given = tiers.filter((t): t is ComputeTier => t !== undefined);
  if (given.length === 0) return undefined;
  return {
    groups: given.flatMap((t) => t.groups),
    loadBalancers: given.flatMap((t) => t.loadBalancers),
    instances: given.flatMap((t) => t.instances),
  };
}
