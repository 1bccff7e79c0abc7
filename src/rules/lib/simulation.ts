// The rules' one door to the simulation engine (src/simulate): assumptions and per-resource scenarios.
// STAND-IN until src/simulate/index.ts lands: same signatures; every estimate is `unknown` (never a pass).
import type { Facts } from "../../facts/index.js";
import type { Resource } from "../../model/resource.js";
import type { Assumption, Disruption, Estimate, Scenario } from "../../simulate/types.js";

export type AssumptionName = "client_dns_cache" | "dns_update" | "pool_max_lifetime";

/** The shape sim-core gives each assumption in src/simulate/types.ts. */
export interface AssumptionDefinition {
  readonly name: AssumptionName;
  readonly term: string;
  readonly meaning: string;
  readonly shape: "up-to" | "takes";
  readonly default: { readonly low: number; readonly seconds: number; readonly from: "aws-doc" | "default"; readonly source: string };
  readonly usedWhen: string;
}

export interface AssumptionSet {
  value(name: AssumptionName): Assumption;
  used(): readonly Assumption[];
}

export const ASSUMPTIONS: readonly AssumptionDefinition[] = [
  {
    name: "client_dns_cache",
    term: "client DNS cache",
    meaning: "How long a client keeps an address it resolved before it asks DNS again",
    shape: "up-to",
    default: { low: 0, seconds: 30, from: "default", source: "JDK java.security networkaddress.cache.ttl (no security manager): 30 seconds" },
    usedWhen: "clients resolve the endpoint themselves",
  },
  {
    name: "dns_update",
    term: "endpoint DNS update",
    meaning: "How long the cluster endpoint's DNS record takes to point at the new writer once it is promoted",
    shape: "takes",
    default: { low: 15, seconds: 30, from: "aws-doc", source: "AWS Advanced JDBC Wrapper FailoverConfigurationGuide (usually 15-20 s); Aurora User Guide (less than 30 s)" },
    usedWhen: "clients resolve the endpoint themselves, after a failover or recreate",
  },
  {
    name: "pool_max_lifetime",
    term: "stale pooled connections",
    meaning: "How long a pooled connection lives before the pool retires it",
    shape: "up-to",
    default: { low: 0, seconds: 1800, from: "default", source: "HikariCP maxLifetime default 1800000 ms (30 minutes)" },
    usedWhen: "a failover where the old writer answers again as a reader",
  },
];

export function resolveAssumptions(given: Readonly<Partial<Record<AssumptionName, number>>> = {}, policyFile?: string): AssumptionSet {
  const values = ASSUMPTIONS.map((d): Assumption => {
    const seconds = given[d.name];
    return seconds === undefined
      ? { name: d.name, seconds: d.default.seconds, from: "default", source: d.default.source }
      : { name: d.name, seconds, from: "policy", source: policyFile ?? "the policy" };
  });
  return {
    value: (name) => values.find((a) => a.name === name)!,
    used: () => values,
  };
}

const NOT_BUILT: Estimate = { low: null, high: null, bound: "unknown", terms: [], reason: "the simulation engine (src/simulate) is not in this build" };

export function simulateResource(resource: Resource, disruption: Disruption, _facts: Facts, _assumptions: AssumptionSet): Scenario {
  const name = disruption.kind === "writer" ? "writer" : `${disruption.kind}:${disruption.kind === "instance" ? disruption.id : disruption.name}`;
  return {
    disruption: name,
    resource: {
      id: resource.id,
      kind: resource.kind,
      engine: resource.engine,
      region: resource.region.known ? resource.region.value : null,
      account: resource.account.known ? resource.account.value : null,
      address: resource.address,
    },
    affected: true,
    outcome: "manual",
    writer: { before: null, after: [] },
    capacity: { before: null, after: [] },
    instancesLeft: 0,
    readersLeft: 0,
    rto: NOT_BUILT,
    rpo: NOT_BUILT,
    manual: [],
  };
}
