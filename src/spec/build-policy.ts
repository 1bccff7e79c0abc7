// Turns validated policy data into a Policy: targets with their requirements and positions, waivers, the file and its hash.
import type { ResourceKind } from "../model/resource.js";
import { parseDuration } from "./duration.js";
import type { Policy, PolicyAssumption, Requirement, Severity, Target, TargetMatch, Waiver } from "./policy.js";
import type { SourceMap } from "./policy-document.js";

interface RawTarget {
  name: string;
  severity?: Severity;
  match?: {
    kinds?: ResourceKind[];
    engines?: string[];
    identifiers?: string[];
    tags?: Record<string, string>;
    regions?: string[];
  };
  require?: Record<string, Record<string, unknown>>;
}

interface RawWaiver {
  resource: string;
  rules: string[];
  reason: string;
  expires: string;
  approved_by?: string;
}

/** Policy data as the schema guarantees it. */
export interface RawPolicy {
  version: 1;
  name: string;
  description?: string;
  targets: RawTarget[];
  waivers?: RawWaiver[];
  /** Durations by assumption name (`90s`, `5m`, … or whole seconds). */
  assumptions?: Record<string, string | number>;
}

/** The Policy of validated data, each target, requirement and waiver with the position that wrote it. */
export function buildPolicy(source: SourceMap, raw: RawPolicy, sha256: string): Policy {
  const targets: Target[] = raw.targets.map((t, i) => {
    const requirements: Requirement[] = [];
    for (const [group, keys] of Object.entries(t.require ?? {})) {
      for (const [key, option] of Object.entries(keys)) {
        requirements.push({
          ruleId: `${group}.${key}`,
          option,
          position: source.locate(["targets", i, "require", group, key], "key"),
        });
      }
    }
    return {
      name: t.name,
      severity: t.severity ?? "high",
      match: normalizeMatch(t.match),
      requirements,
      position: source.locate(["targets", i], "value"),
    };
  });
  const waivers: Waiver[] = (raw.waivers ?? []).map((w, i) => ({
    resource: w.resource,
    rules: [...w.rules],
    reason: w.reason,
    expires: w.expires,
    ...(w.approved_by !== undefined ? { approvedBy: w.approved_by } : {}),
    position: source.locate(["waivers", i], "value"),
  }));
  const assumptions: PolicyAssumption[] | undefined = raw.assumptions
    ? Object.entries(raw.assumptions).map(([name, duration]) => ({
        name,
        // The schema admits only durations (DURATION_PATTERN, safe integers), so this parses.
        seconds: parseDuration(duration)!,
        position: source.locate(["assumptions", name], "value"),
      }))
    : undefined;
  return {
    version: 1,
    name: raw.name,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    targets,
    waivers,
    ...(assumptions ? { assumptions } : {}),
    file: source.file,
    sha256,
  };
}

/** Only the fields given, copied; an absent or empty match selects everything. */
function normalizeMatch(match: RawTarget["match"]): TargetMatch {
  if (!match) return {};
  return {
    ...(match.kinds ? { kinds: [...match.kinds] } : {}),
    ...(match.engines ? { engines: [...match.engines] } : {}),
    ...(match.identifiers ? { identifiers: [...match.identifiers] } : {}),
    ...(match.tags ? { tags: { ...match.tags } } : {}),
    ...(match.regions ? { regions: [...match.regions] } : {}),
  };
}
