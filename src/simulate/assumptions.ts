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
  {
    name: "instance_launch",
    term: "replacement instances launch",
    meaning:
      "How long an Auto Scaling group takes to launch a replacement instance and bring it InService (boot, user data, lifecycle " +
      "hooks), from the moment it sees an instance is gone. The group's own health check grace period, when the data gives it, is added as a term of its own.",
    shape: "takes",
    default: {
      low: 300,
      seconds: 300,
      from: "default",
      source:
        "haspec's figure, not AWS's: AWS publishes no launch time. 300 s is the health check grace period the console gives a new group " +
        "(EC2 Auto Scaling User Guide: health-check-grace-period), the time AWS suggests a new instance may need before it serves; " +
        "set it from your group's activity history (aws autoscaling describe-scaling-activities)",
    },
    usedWhen: "an Auto Scaling group loses instances (an AZ, a member) and launches replacements",
  },
  {
    name: "instance_recovery",
    term: "instance recovery on new hardware",
    meaning:
      "How long EC2 takes to recover a lone instance whose host failed (simplified automatic recovery or a recover alarm): detection, " +
      "then a reboot on new hardware with the same instance ID, private addresses, Elastic IPs and EBS volumes.",
    shape: "takes",
    default: {
      low: 600,
      seconds: 600,
      from: "default",
      source:
        "haspec's figure, not AWS's: the EC2 User Guide (ec2-instance-recover) publishes no recovery time; 10 minutes is a field figure " +
        "(a recover alarm needs 2 one-minute periods of StatusCheckFailed_System, then the instance reboots on new hardware); " +
        "set it from your own recovery events (AWS Health, instance-reboot-recovery)",
    },
    usedWhen: "a lone EC2 instance's host fails and its recovery applies (compute.auto_recovery would pass)",
  },
  {
    name: "target_health_check",
    term: "load balancer health checks take the lost instances out",
    meaning:
      "How long a load balancer keeps sending requests to instances that are gone before its health checks mark them unhealthy: " +
      "the target group's health check interval times its unhealthy threshold.",
    shape: "takes",
    default: {
      low: 60,
      seconds: 60,
      from: "aws-doc",
      source:
        "Elastic Load Balancing API Reference: CreateTargetGroup (HealthCheckIntervalSeconds default 30 s and UnhealthyThresholdCount " +
        "default 2 for HTTP, HTTPS, TCP, TLS, UDP target groups)",
    },
    usedWhen:
      "an Auto Scaling group registered with a load balancer loses some of its instances and keeps others, and its target groups' " +
      "health checks are not among the inputs (aws elbv2 describe-target-groups gives them; a Classic load balancer's are not read)",
  },
  {
    name: "lb_dns_failover",
    term: "load balancer DNS drops the lost AZ's node",
    meaning:
      "How long clients resolving a load balancer's name may still get the address of its node in a lost AZ. ELB takes a node out of " +
      "its DNS name when its AZ has no healthy target; the records carry a 60 s TTL.",
    shape: "up-to",
    default: {
      low: 0,
      seconds: 60,
      from: "default",
      source:
        "haspec's figure: the 60 s TTL of ELB's DNS records (ELB User Guide: load-balancer-delete, 'wait at least 60 seconds' for an alias " +
        "record; AWS re:Post, 'refresh the DNS resolver cache every 60 seconds or less'); AWS publishes no figure for how soon ELB takes " +
        "the node out, so it is not counted",
    },
    usedWhen: "a load balancer enabled in several AZs loses one of them",
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
