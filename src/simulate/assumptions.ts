// The figures the inputs cannot give (SPEC §6.3 `assumptions`): what each means, its default and the default's source, and how a run resolves them.
import { UserError } from "../errors.js";
import type { Resource } from "../model/resource.js";
import type { Value } from "../model/value.js";
import type { Assumption, AssumptionDefinition, AssumptionName } from "./types.js";

/** The one home of the assumptions: docs/assumptions.md is generated from this list (see assumptionsTable). */
export const ASSUMPTIONS: readonly AssumptionDefinition[] = [
  {
    name: "client_dns_cache",
    term: "client DNS cache",
    meaning:
      "How long a client keeps an address it resolved before it asks DNS again. After the endpoint's record moves to the new " +
      "writer, a client may keep connecting to the old address for this long.",
    shape: "up-to",
    default: {
      low: 0,
      seconds: 30,
      from: "default",
      source: "JDK java.security networkaddress.cache.ttl (no security manager)",
    },
    usedWhen: "clients resolve the endpoint themselves (no RDS Proxy in front), after a failover, recreate or restart",
  },
  {
    name: "dns_update",
    term: "endpoint DNS update",
    meaning: "How long the cluster endpoint's DNS record takes to point at the new writer once it is promoted.",
    shape: "takes",
    default: {
      low: 15,
      seconds: 30,
      from: "aws-doc",
      source:
        "AWS Advanced JDBC Wrapper: FailoverConfigurationGuide, 'Writer Cluster Endpoints After Failover' (usually 15–20 s); " +
        "Aurora User Guide: AuroraPostgreSQL.BestPractices.FastFailover ('typically takes less than 30 seconds')",
    },
    usedWhen: "clients resolve the endpoint themselves (no RDS Proxy in front), after a failover or recreate",
  },
  {
    name: "pool_max_lifetime",
    term: "stale pooled connections",
    meaning:
      "How long a pooled connection lives before the pool retires it. A connection opened to the old writer's address while DNS " +
      "still pointed there reaches the old writer, which comes back as a reader: it stays open, failing writes, until the pool retires it.",
    shape: "up-to",
    default: {
      low: 0,
      seconds: 1800,
      from: "default",
      source: "HikariCP maxLifetime default 1800000 ms (30 minutes), HikariCP README (FACTS-RESILIENCE §3.2)",
    },
    usedWhen:
      "a writer or instance failure fails over in an Aurora or Multi-AZ DB cluster: the old writer survives and answers again as a reader; " +
      "not after an AZ or region loss (the old address stops answering, so the pool's connections fail and are replaced)",
  },
];

const BY_NAME = new Map(ASSUMPTIONS.map((a) => [a.name, a]));

export function assumptionDefinition(name: AssumptionName): AssumptionDefinition {
  return BY_NAME.get(name)!;
}

export function isAssumptionName(name: string): name is AssumptionName {
  return BY_NAME.has(name as AssumptionName);
}

/** A figure the inputs give for one resource (issue 21: an application's own setting). `seconds` null: forever. */
export interface EvidenceFigure {
  readonly seconds: number | null;
  /** file:line of the setting, or the record. */
  readonly ref: string;
  readonly note?: string;
}

/**
 * The assumptions of one run. `value(name)` gives the figure (policy before default) and records it
 * as used; `used()` lists those the scenarios rested on, sorted by name.
 *
 * `evidence` is where issue 21 puts what the inputs say for a resource (the applications that connect
 * to it): when it answers, its figure goes ahead of the policy and the default; when it answers
 * unknown, the term (and so the estimate) is unknown, never the default.
 */
export interface AssumptionSet {
  value(name: AssumptionName): Assumption;
  used(): readonly Assumption[];
  /** undefined: the inputs say nothing for this resource, use value(name). */
  evidence?(resource: Resource, name: AssumptionName): Value<EvidenceFigure> | undefined;
}

/**
 * The run's assumptions: `given` are the policy's `assumptions` in seconds (from the file `policyFile`),
 * every other name takes its documented default.
 */
export function resolveAssumptions(
  given: Readonly<Partial<Record<AssumptionName, number>>> = {},
  policyFile?: string,
  evidence?: AssumptionSet["evidence"],
): AssumptionSet {
  const resolved = new Map<AssumptionName, Assumption>();
  for (const [name, seconds] of Object.entries(given)) {
    if (seconds === undefined) continue;
    if (!isAssumptionName(name)) {
      throw new UserError(`${policyFile ?? "the policy"}: assumptions.${name} is not an assumption haspec knows (expected one of ${ASSUMPTIONS.map((a) => a.name).join(", ")})`);
    }
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
      throw new UserError(`${policyFile ?? "the policy"}: assumptions.${name} must be a duration of 0 seconds or more, got ${JSON.stringify(seconds)}`);
    }
    resolved.set(name, { name, seconds, from: "policy", source: policyFile ?? "the policy" });
  }
  for (const d of ASSUMPTIONS) {
    if (!resolved.has(d.name)) resolved.set(d.name, { name: d.name, seconds: d.default.seconds, from: "default", source: d.default.source });
  }
  const used = new Set<AssumptionName>();
  return {
    value(name) {
      used.add(name);
      return resolved.get(name)!;
    },
    used() {
      return [...used].sort().map((n) => resolved.get(n)!);
    },
    ...(evidence ? { evidence } : {}),
  };
}

/** The Markdown table of ASSUMPTIONS that docs/assumptions.md holds between its markers (a test keeps them equal). */
export function assumptionsTable(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = ASSUMPTIONS.map((a) => {
    const d = a.default;
    const figure = d.low === d.seconds || a.shape === "up-to" ? `${d.seconds} s` : `${d.low}–${d.seconds} s`;
    return `| \`${a.name}\` | ${cell(a.term)} | ${cell(a.meaning)} | ${figure} (${d.from}) | ${cell(d.source)} | ${cell(a.usedWhen)} |`;
  });
  return [
    "| name | term | meaning | default | source of the default | used when |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
