// Three-valued place matching: does an account-wide item (or a data scope) concern this resource's account and region?
import type { Scoped } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import type { Value } from "../model/value.js";

/** "maybe" when the answer hinges on a value the data does not hold. */
export type Match = "yes" | "no" | "maybe";

/** An absent `given` is a wildcard; a known `actual` decides; an unknown one leaves it open. */
export function sameWhenGiven(given: string | undefined, actual: Value<string>): Match {
  if (given === undefined) return "yes";
  if (!actual.known) return "maybe";
  return given === actual.value ? "yes" : "no";
}

/** Three-valued AND. */
export function both(a: Match, b: Match): Match {
  if (a === "no" || b === "no") return "no";
  if (a === "maybe" || b === "maybe") return "maybe";
  return "yes";
}

/** Whether an item tagged with an optional account/region is in the resource's account and region. */
export function samePlace(item: { readonly account?: string; readonly region?: string }, resource: Resource): Match {
  return both(sameWhenGiven(item.account, resource.account), sameWhenGiven(item.region, resource.region));
}

/**
 * Whether the data was read for the resource's account and region: some scope entry covers it
 * when the entry's account and region are absent or equal to the resource's.
 */
export function scopeCovers(scoped: Scoped<unknown>, resource: Resource): Match {
  let best: Match = "no";
  for (const s of scoped.scopes) {
    const m = samePlace(s, resource);
    if (m === "yes") return "yes";
    if (m === "maybe") best = "maybe";
  }
  return best;
}

/** "123456789012/us-east-1", with "?" for what the data does not say. */
export function placeLabel(resource: Resource): string {
  const account = resource.account.known ? resource.account.value : "?";
  const region = resource.region.known ? resource.region.value : "?";
  return `account ${account}, region ${region}`;
}
