// `haspec drill --yes`: probes reach the writer, FailoverDBCluster is sent once, probes run until every one reached the new writer (or --duration), then the events and the record.
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { UserError } from "../errors.js";
import { credentialsFromEnv, DB_PASSWORD_ENV, DB_USER_ENV } from "../sources/aws-live/sql/binlog-retention.js";
import { VERSION } from "../version.js";
import type { DrillAws } from "./aws.js";
import type { DrillPlan } from "./plan.js";
import { DEFAULT_TIMINGS, Probe, type DbLogin, type ProbeTimings } from "./probes.js";
import { drillStatus, eventIdOf, type DrillEvent, type DrillRecord, type ProbeRecord } from "./record.js";
import { addressBook } from "./resolve.js";
import { engineFlavour } from "./target.js";

export interface RunDrillOptions {
  readonly durationSeconds: number;
  readonly dnsServer?: string;
  readonly dbSecretArn?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
  /** Aborted on Ctrl-C: the drill stops and still writes its record. */
  readonly signal: AbortSignal;
  readonly timings?: ProbeTimings;
  /** Longest wait for every probe to reach the writer before the call (default: 30 s or --duration, the smaller). */
  readonly readyTimeoutMs?: number;
}

/** The database login: --db-secret-arn (Secrets Manager {username, password}), else HASPEC_DB_USER / HASPEC_DB_PASSWORD. Never printed. */
export async function databaseLogin(aws: DrillAws, arn: string | undefined, env: NodeJS.ProcessEnv): Promise<DbLogin> {
  if (arn === undefined) {
    const creds = credentialsFromEnv(env);
    if (creds === undefined) throw new UserError(`haspec drill --yes needs database credentials for its probes: set ${DB_USER_ENV} and ${DB_PASSWORD_ENV}, or pass --db-secret-arn; nothing was sent`);
    return creds;
  }
  let secret: string | undefined;
  try {
    const { client, GetSecretValueCommand } = await aws.secrets();
    secret = (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  } catch (error) {
    throw new UserError(`haspec drill: the database secret could not be read (GetSecretValue failed: ${(error as Error).name ?? "error"}); nothing was sent`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret ?? "");
  } catch {
    throw new UserError("haspec drill: the database secret is not JSON with username and password; nothing was sent");
  }
  const p = parsed as { username?: unknown; password?: unknown };
  if (typeof p.username !== "string" || typeof p.password !== "string" || p.username === "" || p.password === "") {
    throw new UserError("haspec drill: the database secret has no username and password; nothing was sent");
  }
  return { user: p.username, password: p.password };
}

/** Waits until `ready()` or `ms` passed or `signal` aborted; true when ready. */
async function waitFor(ready: () => boolean, ms: number, signal: AbortSignal): Promise<boolean> {
  const until = performance.now() + ms;
  while (!ready()) {
    if (signal.aborted || performance.now() >= until) return false;
    await delay(50);
  }
  return true;
}

/** Runs the drill of `plan`; the record is returned whatever happens after the probes started (a refusal before the call throws UserError). */
export async function runDrill(plan: DrillPlan, aws: DrillAws, options: RunDrillOptions): Promise<DrillRecord> {
  const flavour = engineFlavour(plan.target.engine);
  if (flavour === null) throw new UserError(`haspec drill: no probe speaks ${plan.target.engine}; nothing was sent`);
  const login = await databaseLogin(aws, options.dbSecretArn, options.env);
  const timings = options.timings ?? DEFAULT_TIMINGS;
  const startedAt = options.now();
  const t0 = performance.now();
  const wall = (t: number | undefined) => (t === undefined ? null : new Date(startedAt.getTime() + (t - t0)).toISOString());
  const notes: string[] = [...plan.notes];

  const probes = await Promise.all(
    plan.probes.map(
      async (spec) =>
        new Probe(
          spec,
          login,
          await addressBook({ ...(options.dnsServer === undefined ? {} : { dnsServer: options.dnsServer }), cacheSeconds: spec.dnsCacheSeconds, timeoutMs: timings.connectTimeoutMs, now: () => performance.now() }),
          timings,
          flavour,
        ),
    ),
  );
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal.addEventListener("abort", onAbort, { once: true });
  let armedAt: number | undefined;
  let writerBefore: string | null | undefined = plan.writerBefore;
  const loops = probes.map((p) => p.loop(stop.signal, () => armedAt, () => writerBefore));
  let interrupted: string | undefined;
  let requestedAt: number | undefined;
  let failoverError: string | undefined;
  try {
    // Every probe must reach the writer first: a drill that cannot measure is refused.
    const readyMs = options.readyTimeoutMs ?? Math.min(30_000, options.durationSeconds * 1000);
    const ready = await waitFor(() => probes.every((p) => p.state.firstWriter !== undefined || p.state.stopped !== undefined), readyMs, options.signal);
    if (options.signal.aborted) {
      interrupted = "stopped (SIGINT) before FailoverDBCluster was sent: nothing was changed";
    } else {
      const unready = probes.filter((p) => p.state.firstWriter === undefined);
      if (!ready || unready.length > 0) {
        stop.abort();
        await Promise.all(loops);
        throw new UserError(
          `haspec drill: not every probe reached the writer of ${plan.target.id} within ${Math.round(readyMs / 1000)} s, so the drill could not measure; nothing was sent:`,
          unready.map((p) => ({ file: p.state.spec.probe, message: `${p.state.spec.endpoint.host}:${p.state.spec.endpoint.port}: ${p.state.stopped ?? p.state.lastError ?? "no answer"}` })),
        );
      }
      const answered = [...new Set(probes.map((p) => p.state.firstWriter?.serverId).filter((s): s is string => s !== null && s !== undefined))];
      if (answered.length > 1 || (answered.length === 1 && plan.writerBefore !== null && answered[0] !== plan.writerBefore)) {
        stop.abort();
        await Promise.all(loops);
        throw new UserError(
          `haspec drill: the probes reached ${answered.join(", ")} but the control plane names ${plan.writerBefore ?? "no writer"} as ${plan.target.id}'s writer; the drill could not tell the new writer from the old, so nothing was sent`,
        );
      }
      writerBefore = answered[0] ?? plan.writerBefore;
      if (writerBefore === null) notes.push("the servers do not say which instance they are: a probe recovers on its first writer answer after the call");

      // The one write call.
      armedAt = performance.now();
      requestedAt = armedAt;
      // Each probe asks right after the call instead of finishing its pause: the first failure is seen when it happens.
      for (const p of probes) p.kick();
      try {
        await aws.write.send(new aws.rds.FailoverDBClusterCommand({ ...plan.call.params } as { DBClusterIdentifier: string; TargetDBInstanceIdentifier?: string }));
        // Accepted: the failover is under way; ask again now.
        for (const p of probes) p.kick();
      } catch (error) {
        const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        failoverError = `${e.name ?? "Error"}: ${e.message ?? String(error)}`;
        // No answer from the API (a timeout, a reset): the call may have reached it.
        if (e.$metadata?.httpStatusCode === undefined) {
          notes.push(`FailoverDBCluster got no answer (${e.name ?? "error"}): AWS may have started the failover anyway; check ${plan.target.id}'s events and writer`);
        }
      }
      if (failoverError === undefined) {
        const allDone = () => probes.every((p) => p.state.recoveredAt !== undefined || p.state.stopped !== undefined);
        const finished = await waitFor(allDone, options.durationSeconds * 1000, options.signal);
        if (options.signal.aborted) interrupted = "stopped (SIGINT) after FailoverDBCluster was sent: the failover goes on without haspec measuring it";
        else if (!finished) notes.push(`--duration ${options.durationSeconds} s ended before every probe reached the new writer`);
      }
    }
  } finally {
    stop.abort();
    await Promise.all(loops);
    options.signal.removeEventListener("abort", onAbort);
  }

  // From 2 s before the call (clock skew): events of an earlier failover stay out.
  const events = requestedAt === undefined ? [] : await readEvents(aws, plan.target.id, new Date(new Date(wall(requestedAt)!).getTime() - 2_000), failoverError === undefined && interrupted === undefined, (note) => notes.push(note));
  const probeRecords: ProbeRecord[] = probes.map((p) => {
    const s = p.state;
    const recovered = s.recoveredAt !== undefined;
    const downtime = !recovered ? null : s.firstFailureAt === undefined ? 0 : Math.round((s.recoveredAt! - s.firstFailureAt) / 10) / 100;
    const stopped =
      s.stopped ??
      (recovered
        ? undefined
        : failoverError !== undefined
          ? "FailoverDBCluster failed: nothing to measure"
          : interrupted !== undefined
            ? "the drill was stopped"
            : requestedAt === undefined
              ? undefined
              : `no writer other than ${writerBefore ?? "the old one"} answered within --duration (last: ${s.lastError ?? "writer"})`);
    return {
      probe: s.spec.probe,
      endpoint: `${s.spec.endpoint.host}:${s.spec.endpoint.port}`,
      dnsCacheSeconds: s.spec.dnsCacheSeconds,
      writeDowntimeSeconds: downtime,
      firstFailureAt: wall(s.firstFailureAt),
      recoveredAt: wall(s.recoveredAt),
      errors: s.errors,
      readOnlyAnswers: s.readOnlyAnswers,
      ...(stopped === undefined ? {} : { stopped }),
    };
  });
  const writerAfter = probes.map((p) => p.state.recoveredOn).find((s) => s !== undefined && s !== null) ?? null;
  const base = {
    kind: "haspec-drill" as const,
    tool: { name: "haspec", version: VERSION },
    cluster: { id: plan.target.id, region: plan.target.region, account: plan.target.account, address: plan.target.address },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + (performance.now() - t0)).toISOString(),
    predicted: plan.predicted,
    measured: { writerBefore: writerBefore ?? null, writerAfter, probes: probeRecords },
    events,
    objective: plan.objective,
    failover: {
      requestedAt: wall(requestedAt),
      target: plan.call.params["TargetDBInstanceIdentifier"] ?? null,
      ...(failoverError === undefined ? {} : { error: failoverError }),
    },
    ...(interrupted === undefined ? {} : { interrupted }),
    notes: plan.objective.rto === null ? [...notes, "no objective to judge against (no objectives.rto.writer in --policy and no predicted high): the drill cannot pass"] : notes,
  };
  return { ...base, status: drillStatus(base) };
}

/** The cluster's events since `since` (DescribeEvents); waits a few seconds for the completion (0071) or failure (0069) event when `waitForEnd`. */
async function readEvents(aws: DrillAws, clusterId: string, since: Date, waitForEnd: boolean, onFailure: (note: string) => void): Promise<DrillEvent[]> {
  let events: DrillEvent[] = [];
  for (let attempt = 0; attempt < (waitForEnd ? 6 : 1); attempt++) {
    if (attempt > 0) await delay(1_000);
    try {
      const out = await aws.reads.send(new aws.rds.DescribeEventsCommand({ SourceIdentifier: clusterId, SourceType: "db-cluster", StartTime: since }));
      events = (out.Events ?? []).map((e) => ({ id: eventIdOf(e.Message ?? ""), at: (e.Date ?? new Date(0)).toISOString(), message: e.Message ?? "" }));
    } catch (error) {
      onFailure(`DescribeEvents failed (${(error as Error).name ?? "error"}): the record has no events`);
      return events;
    }
    if (events.some((e) => e.id === "RDS-EVENT-0071" || e.id === "RDS-EVENT-0069")) break;
  }
  return events;
}
