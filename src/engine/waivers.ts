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

/**
 * The expired waivers that would have applied in this run: those matching a (resource, rule)
 * judged. A waiver for a resource outside the inputs (another shard or region, a database since
 * deleted) is not this run's business and would otherwise be printed on every run. `list` is
 * filled as `judged` is called, in the policy file's order, each waiver once.
 */
export function expiredInRun(expired: readonly Waiver[]): { readonly list: readonly Waiver[]; judged(resourceId: string, ruleId: string): void } {
  const pending = expired.map((w, index) => ({ w, index, matches: picomatch(w.resource, { dot: true }) }));
  const found: { w: Waiver; index: number }[] = [];
  const list: Waiver[] = [];
  return {
    list,
    judged(resourceId, ruleId) {
      if (pending.length === 0) return;
      for (let i = pending.length - 1; i >= 0; i--) {
        const p = pending[i]!;
        if ((p.w.rules.includes("*") || p.w.rules.includes(ruleId)) && p.matches(resourceId)) {
          pending.splice(i, 1);
          found.push(p);
        }
      }
      if (found.length === list.length) return;
      found.sort((a, b) => a.index - b.index);
      list.splice(0, list.length, ...found.map((f) => f.w));
    },
  };
}
