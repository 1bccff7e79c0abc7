// Decides whether a target's `match` selects a resource: yes, no, or cannot tell (unknown data).
import picomatch from "picomatch";
import type { Resource } from "../model/resource.js";
import type { TargetMatch } from "../spec/policy.js";

export type Selection = { readonly selected: true } | { readonly selected: false } | { readonly selected: "unknown"; readonly reason: string };

const SELECTED: Selection = { selected: true };
const NOT_SELECTED: Selection = { selected: false };

const globCache = new Map<string, (s: string) => boolean>();
function glob(pattern: string): (s: string) => boolean {
  let m = globCache.get(pattern);
  if (!m) {
    m = picomatch(pattern, { dot: true });
    globCache.set(pattern, m);
  }
  return m;
}

/** Every given field must match; an empty match selects everything. */
export function selects(match: TargetMatch, resource: Resource): Selection {
  if (match.kinds && !match.kinds.includes(resource.kind)) return NOT_SELECTED;
  if (match.engines && !match.engines.includes(resource.engine)) return NOT_SELECTED;
  if (match.identifiers && !match.identifiers.some((p) => glob(p)(resource.id))) return NOT_SELECTED;
  const pending: string[] = [];
  if (match.regions) {
    if (!resource.region.known) pending.push(`its region is unknown (${resource.region.reason})`);
    else if (!match.regions.includes(resource.region.value)) return NOT_SELECTED;
  }
  const wantedTags = match.tags ? Object.entries(match.tags) : [];
  if (wantedTags.length > 0) {
    if (!resource.tags.known) pending.push(`its tags are unknown (${resource.tags.reason})`);
    else {
      const tags = resource.tags.value;
      for (const [key, pattern] of wantedTags) {
        const value = tags[key];
        if (value === undefined || !glob(pattern)(value)) return NOT_SELECTED;
      }
    }
  }
  if (pending.length > 0) return { selected: "unknown", reason: `cannot tell whether the target applies: ${pending.join("; ")}` };
  return SELECTED;
}
