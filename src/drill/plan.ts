// A drill before it runs: the cluster as the control plane describes it, the prediction of SPEC §6 for `writer`, the probes, the one API call, and the refusals.
import { UserError } from "../errors.js";
import type { Resource } from "../model/resource.js";
import { openRun, type RunContext } from "../run/session.js";
import type { LiveScanOptions } from "../sources/options.js";
import type { Scenario } from "../simulate/types.js";
import { drillAws, type DrillAws } from "./aws.js";
import { DEFAULT_TIMINGS, PROBE_KINDS, type Endpoint, type ProbeKind, type ProbeSpec, type ProbeTimings } from "./probes.js";
import { refusals, type ProtectPattern } from "./refusals.js";
import { readTarget, type DrillTarget } from "./target.js";

export interface DrillOptions {
  readonly cluster: string;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly targetInstance?: string;
  /** `--probe`; empty: simple and aware, and proxy when the cluster has an RDS Proxy. */
  readonly probes: readonly ProbeKind[];
  /** `--client-dns-cache` seconds for the simple probe; undefined: 0 (resolve on every connect). */
  readonly clientDnsCache?: number;
  readonly dnsServer?: string;
  readonly dbSecretArn?: string;
  readonly policies: readonly string[];
  readonly protect: readonly ProtectPattern[];
  readonly allowProtected: boolean;
  readonly timings?: ProbeTimings;
}

export interface PlannedProbe extends ProbeSpec {
  readonly describe: string;
}

export interface DrillPlan {
  readonly target: DrillTarget;
  readonly writerBefore: string | null;
  readonly predicted: { readonly writerAfter: readonly string[]; readonly rto: { readonly low: number | null; readonly high: number | null; readonly bound: string } };
  /** The estimate's chain, one line per term. */
  readonly terms: readonly string[];
  readonly objective: { readonly rto: number | null; readonly from: "policy" | "prediction" | null };
  readonly probes: readonly PlannedProbe[];
  /** Probes asked for that cannot run here (no RDS Proxy). */
  readonly skippedProbes: readonly string[];
  readonly call: { readonly operation: "FailoverDBCluster"; readonly params: Readonly<Record<string, string>> };
  readonly intervalMs: number;
  readonly connectTimeoutMs: number;
  readonly notes: readonly string[];
}

/** The region to drill in: --region, else AWS_REGION / AWS_DEFAULT_REGION. */
function regionOf(options: DrillOptions, env: NodeJS.ProcessEnv): string {
  const region = options.region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"];
  if (region === undefined || region.trim() === "") throw new UserError("haspec drill needs a region: pass --region REGION or set AWS_REGION");
  return region.trim();
}

/** The scan's environment without the database credentials: the prediction needs no SQL. */
function withoutDbCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { HASPEC_DB_USER: _u, HASPEC_DB_PASSWORD: _p, ...rest } = env;
  return rest;
}

/** The prediction for the resource's writer, with the client DNS cache the simple probe uses when given. */
async function predict(run: Awaited<ReturnType<typeof openRun>>, resource: Resource, clientDnsCache: number | undefined): Promise<Scenario> {
  const { clientEvidence, parseDisruption, resolveAssumptions, simulateResource } = await import("../simulate/index.js");
  const giver = run.policies.find((p) => (p.assumptions ?? []).length > 0);
  const given: Record<string, number> = Object.fromEntries((giver?.assumptions ?? []).map((a) => [a.name, a.seconds]));
  if (clientDnsCache !== undefined) given["client_dns_cache"] = clientDnsCache;
  const assumptions = resolveAssumptions(given, giver?.file ?? (clientDnsCache !== undefined ? "--client-dns-cache" : undefined), clientEvidence(run.facts));
  return simulateResource(resource, parseDisruption("writer"), run.facts, assumptions);
}

/**
 * Reads the cluster (a read-only scan of its region for the prediction, and the drill's own reads of
 * the cluster), and decides what the drill would do. Throws UserError (exit 2, nothing sent) when
 * the drill must be refused. The caller destroys `aws`.
 */
export async function prepareDrill(options: DrillOptions, context: RunContext, liveExtras: Partial<LiveScanOptions> = {}): Promise<{ plan: DrillPlan; aws: DrillAws }> {
  const region = regionOf(options, context.env);
  const live: LiveScanOptions = {
    regions: [region],
    roleArns: [],
    env: withoutDbCredentials(context.env),
    now: context.now,
    // A drill fails over one database: it reads no application tier (nor needs the IAM permissions to).
    applicationTier: false,
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
    ...liveExtras,
  };
  const run = await openRun({ inputs: [], policies: options.policies, policyOptional: true, source: "aws", live }, context);
  const resource = run.inventory.resources.find((r) => r.kind !== "application" && r.id.toLowerCase() === options.cluster.toLowerCase());
  const proxyTargets = resource === undefined ? undefined : run.facts.proxyTargetsOf(resource);
  const proxyName = proxyTargets?.known ? proxyTargets.value.find((t) => t.target.proxyName !== undefined)?.target.proxyName : undefined;

  const { limitsFromEnv } = await import("../sources/aws-live/index.js");
  const limits = limitsFromEnv(context.env);
  const aws = await drillAws({
    region,
    ...(limits.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: limits.connectTimeoutMs }),
    ...(limits.responseTimeoutMs === undefined ? {} : { responseTimeoutMs: limits.responseTimeoutMs }),
    ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  });
  try {
    const target = await readTarget(aws, options.cluster, region, proxyName);
    const refused = refusals(target, {
      protect: options.protect,
      allowProtected: options.allowProtected,
      ...(options.targetInstance === undefined ? {} : { targetInstance: options.targetInstance }),
    });
    if (refused.length > 0) {
      throw new UserError(`haspec drill refuses ${target.id}; nothing was sent:`, refused.map((message) => ({ file: target.id, message })));
    }
    const notes: string[] = [];
    let predicted: DrillPlan["predicted"] = { writerAfter: [], rto: { low: null, high: null, bound: "unknown" } };
    let terms: string[] = [];
    let objective: DrillPlan["objective"] = { rto: null, from: null };
    if (resource === undefined) {
      notes.push(`the scan of ${region} did not read ${target.id}: no prediction`);
    } else {
      const scenario = await predict(run, resource, options.clientDnsCache);
      const writerAfter = options.targetInstance !== undefined ? [options.targetInstance] : scenario.writer.after;
      predicted = { writerAfter, rto: { low: scenario.rto.low, high: scenario.rto.high, bound: scenario.rto.bound } };
      terms = scenario.rto.terms.map((t) => `${t.term}: ${t.low}–${t.high ?? "∞"} s (${t.from}: ${t.ref})`);
      if (scenario.rto.reason !== undefined) terms.push(`unknown: ${scenario.rto.reason}`);
      const { objectivesFor } = await import("../rules/objectives/judge.js");
      const fromPolicy = objectivesFor(run.policies, resource).rto?.writer;
      objective =
        fromPolicy !== undefined ? { rto: fromPolicy, from: "policy" } : scenario.rto.high !== null ? { rto: scenario.rto.high, from: "prediction" } : { rto: null, from: null };
    }
    const { probes, skipped } = plannedProbes(target, options);
    const timings = options.timings ?? DEFAULT_TIMINGS;
    return {
      aws,
      plan: {
        target,
        writerBefore: target.instances.find((i) => i.isWriter)?.id ?? null,
        predicted,
        terms,
        objective,
        probes,
        skippedProbes: skipped,
        call: {
          operation: "FailoverDBCluster",
          params: { DBClusterIdentifier: target.id, ...(options.targetInstance === undefined ? {} : { TargetDBInstanceIdentifier: options.targetInstance }) },
        },
        intervalMs: timings.intervalMs,
        connectTimeoutMs: timings.connectTimeoutMs,
        notes,
      },
    };
  } catch (error) {
    aws.destroy();
    throw error;
  }
}

function plannedProbes(target: DrillTarget, options: DrillOptions): { probes: PlannedProbe[]; skipped: string[] } {
  const port = target.port!;
  const cluster: Endpoint = { host: target.endpoint!, port };
  const asked = options.probes.length > 0 ? [...new Set(options.probes)] : PROBE_KINDS.filter((p) => p !== "proxy" || target.proxy !== null);
  const instances = new Map<string, Endpoint>();
  for (const i of target.instances) if (i.host !== null) instances.set(i.id, { host: i.host, port: i.port ?? port });
  const cache = options.clientDnsCache ?? 0;
  const probes: PlannedProbe[] = [];
  const skipped: string[] = [];
  for (const kind of asked) {
    if (kind === "simple") {
      probes.push({ probe: kind, endpoint: cluster, dnsCacheSeconds: cache, describe: `${cluster.host}:${port}, resolved on every connect, kept ${cache} s (--client-dns-cache)` });
    } else if (kind === "aware") {
      probes.push({
        probe: kind,
        endpoint: cluster,
        dnsCacheSeconds: 0,
        instances,
        describe: `${cluster.host}:${port}; on a reader, reads the topology and connects to the writer's instance endpoint (${[...instances.keys()].join(", ")})`,
      });
    } else if (target.proxy === null) {
      skipped.push(`proxy probe skipped: no RDS Proxy targets ${target.id}`);
    } else {
      // RDS Proxy listens on the engine's port; the lab and Aurora's default use the cluster's.
      probes.push({ probe: kind, endpoint: { host: target.proxy.host, port }, dnsCacheSeconds: 0, describe: `${target.proxy.host}:${port} (RDS Proxy ${target.proxy.name})` });
    }
  }
  if (probes.length === 0) throw new UserError(`haspec drill: no probe can run on ${target.id} (${skipped.join("; ")}): a drill that cannot measure is refused`);
  return { probes, skipped };
}
