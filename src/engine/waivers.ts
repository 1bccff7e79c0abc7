// Waivers: which apply to a (resource, rule) and which have expired (and so apply to nothing).
import picomatch from "picomatch";
import type { Waiver } from "../spec/policy.js";

/** The last instant a waiver applies: the end of its expiry day, UTC. */
function expiryInstant(expires: string): number {
  return Date.parse(`${expires}T23:59:59.999Z`);
}

export function isExpired(waiver: Waiver, now: Date): boolean {
  return expiryInstant(waiver.expires) < now.getTime();
}

/** Splits waivers into those in force and those expired at `now`. */
export function partitionWaivers(waivers: readonly Waiver[], now: Date): { active: Waiver[]; expired: Waiver[] } {
  const active: Waiver[] = [];
  const expired: Waiver[] = [];
  for (const w of waivers) (isExpired(w, now) ? expired : active).push(w);
  return { active, expired };
}

/** Compiled matcher over active waivers; the first waiver written in the file wins. */
export function waiverMatcher(active: readonly Waiver[]): (resourceId: string, ruleId: string) => Waiver | undefined {
  const compiled = active.map((w) => ({ w, matches: picomatch(w.resource, { dot: true }) }));
  return (resourceId, ruleId) =>
    compiled.find(({ w, matches }) => matches(resourceId) && (w.rules.includes("*") || w.rules.includes(ruleId)))?.w;
}
