// The client figures the applications give (SPEC §7.3): for a resource, the worst DNS cache and pool lifetime of the applications connecting to it.
import { effectiveDnsCache, placeLabel, type AppConnection } from "../facts/applications.js";
import type { Facts } from "../facts/index.js";
import type { Application } from "../model/application.js";
import type { Resource } from "../model/resource.js";
import { known, unknown, type Value } from "../model/value.js";
import type { AssumptionSet, EvidenceFigure } from "./assumptions.js";
import type { AssumptionName } from "./types.js";

/** Clients that resolve the database's own endpoints: through RDS Proxy they do not wait for DNS or pools. */
function resolvesEndpoint(c: AppConnection): boolean {
  return c.role === "cluster" || c.role === "reader" || c.role === "custom" || c.role === "instance";
}

/** One application's figure for `name`: undefined when its files say nothing about it (no pool). */
function figureOf(app: Application, name: AssumptionName): Value<EvidenceFigure> | undefined {
  if (name === "client_dns_cache") {
    const cache = effectiveDnsCache(app);
    if (!cache.known) return unknown(`${app.id}: ${cache.reason}`);
    const { seconds, at, because } = cache.value;
    return known({ seconds: seconds === Infinity ? null : seconds, ref: `${app.id} ${at ? placeLabel(at) : app.path}`, note: `${app.id}: ${because}` });
  }
  if (name === "pool_max_lifetime") {
    const pools = app.pools.filter((p) => p.live);
    if (pools.length === 0) return undefined;
    const open = pools.find((p) => p.maxLifetimeSeconds === null);
    if (open) return unknown(`${app.id}: the ${open.library} pool's lifetime at ${placeLabel(open.at)} is not a literal value${open.why ? ` (${open.why})` : ""}`);
    const worst = [...pools].sort((a, b) => b.maxLifetimeSeconds! - a.maxLifetimeSeconds!)[0]!;
    const lifetime = worst.maxLifetimeSeconds!;
    return known({
      seconds: lifetime === Infinity ? null : lifetime,
      ref: `${app.id} ${placeLabel(worst.at)}`,
      note: `${app.id}: ${worst.library} ${lifetime === Infinity ? "never retires a connection" : `retires connections after ${lifetime} s`}${worst.defaultFrom ? ` (not set: ${worst.defaultFrom})` : ""}`,
    });
  }
  return undefined;
}

/** Larger is worse; null (forever) is the worst. */
function worse(a: EvidenceFigure, b: EvidenceFigure): EvidenceFigure {
  if (a.seconds === null) return a;
  if (b.seconds === null) return b;
  return b.seconds > a.seconds ? b : a;
}

/**
 * The `evidence` of an AssumptionSet: for a resource that applications connect to (resolving its endpoints), the
 * worst of their figures, named with the application and file:line; unknown when one of them cannot be told;
 * undefined when no application connects to it (the policy's assumption or the default applies).
 */
export function applicationEvidence(facts: Facts): NonNullable<AssumptionSet["evidence"]> {
  return (resource: Resource, name: AssumptionName) => {
    const apps = [...new Set(facts.connectionsTo(resource).filter(resolvesEndpoint).map((c) => c.app))];
    let worst: EvidenceFigure | undefined;
    const others: string[] = [];
    for (const app of apps) {
      const figure = figureOf(app, name);
      if (figure === undefined) continue;
      if (!figure.known) return figure;
      if (worst !== undefined) others.push(worst.ref);
      worst = worst === undefined ? figure.value : worse(worst, figure.value);
    }
    if (worst === undefined) return undefined;
    return known(apps.length > 1 ? { ...worst, note: `${worst.note} (the worst of ${apps.map((a) => a.id).join(", ")})` } : worst);
  };
}

/** The applications' evidence when the run read any (`--app-config`), else none. */
export function clientEvidence(facts: Facts): AssumptionSet["evidence"] {
  return (facts.inventory.applications ?? []).length > 0 ? applicationEvidence(facts) : undefined;
}
