// Decides whether a target's `match` selects a resource: yes, no, or cannot tell (unknown data).
import picomatch from "picomatch";
import type { ComputeKind, Resource, ResourceKind } from "../model/resource.js";
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

/**
 * Databases, applications, or one of the application tier's kinds: a target without `kinds` selects the families its
 * rules judge (so a load_balancer.* target never selects an Auto Scaling group, nor a database target a load balancer).
 */
export type Family = "database" | "application" | ComputeKind;

const DATABASES: ReadonlySet<Family> = new Set(["database"]);
const COMPUTE_KINDS: ReadonlySet<ResourceKind> = new Set<ComputeKind>(["autoscaling-group", "load-balancer", "ec2-instance"]);

export function familyOf(kind: ResourceKind): Family {
  if (kind === "application") return "application";
  return COMPUTE_KINDS.has(kind) ? (kind as ComputeKind) : "database";
}

/**
 * Every given field must match; an empty match selects everything its rules judge: a target without `kinds` selects
 * databases when one of its rules judges databases, applications when one judges applications (so a policy written for
 * databases never reports on the applications of `--app-config`, nor a clients.* target on every database).
 */
export function selects(match: TargetMatch, resource: Resource, families: ReadonlySet<Family> = DATABASES): Selection {
  if (match.kinds ? !match.kinds.includes(resource.kind) : !families.has(familyOf(resource.kind))) return NOT_SELECTED;
  // An application has no engine, region or tags: a target that asks for one does not select it.
  if (resource.kind === "application" && (match.engines || match.regions || match.tags)) return NOT_SELECTED;
  // The application tier has regions and tags but no engine.
  if (resource.compute !== undefined && match.engines) return NOT_SELECTED;
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
