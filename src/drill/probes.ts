// The probes (SPEC §8): real connection loops, side by side, each asking the server it reaches whether it is the writer; timed on a monotonic clock.
import { performance } from "node:perf_hooks";
import type { AddressBook } from "./resolve.js";
import { askRole, askWriter, type RoleAnswer, type SqlConnection } from "./mysql-role.js";
import { askPgRole, askPgWriter, PG_ACCESS_DENIED, PG_DATABASE, type PgQueryable } from "./postgres-role.js";

export type ProbeKind = "simple" | "aware" | "proxy";
/** The wire protocol a probe speaks (engineFlavour of the cluster's engine). */
export type SqlFlavour = "mysql" | "postgresql";
export const PROBE_KINDS: readonly ProbeKind[] = ["simple", "aware", "proxy"];

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface ProbeSpec {
  readonly probe: ProbeKind;
  /** simple: the cluster endpoint; aware: the cluster endpoint it starts from; proxy: the proxy endpoint. */
  readonly endpoint: Endpoint;
  /** How long the probe keeps a resolved address (simple: --client-dns-cache; the others resolve every connect). */
  readonly dnsCacheSeconds: number;
  /** aware: the instance endpoints by instance id, to reach the writer the topology names. */
  readonly instances?: ReadonlyMap<string, Endpoint>;
}

export interface DbLogin {
  readonly user: string;
  readonly password: string;
}

/** One attempt's answer. */
export type Answer =
  | { readonly kind: "writer"; readonly serverId: string | null }
  | { readonly kind: "reader"; readonly serverId: string | null }
  | { readonly kind: "error"; readonly code: string; readonly message: string }
  | { readonly kind: "denied"; readonly message: string };

/** What a probe saw; times are performance.now() milliseconds. */
export interface ProbeState {
  readonly spec: ProbeSpec;
  /** The first writer answer (before the failover). */
  firstWriter?: { readonly at: number; readonly serverId: string | null };
  /** The start of the first attempt after `armedAt` that failed or reached a reader. */
  firstFailureAt?: number;
  /** The end of the first attempt after `armedAt` answered by a writer other than the one before (by any writer after a failure, when the servers do not say who they are). */
  recoveredAt?: number;
  recoveredOn?: string | null;
  errors: number;
  readOnlyAnswers: number;
  lastError?: string;
  /** Why the probe stopped before it recovered (lost credentials, the drill was stopped). */
  stopped?: string;
  /** Attempts so far. */
  attempts: number;
}

export interface ProbeTimings {
  /** From one attempt's start to the next (when the attempt took less). */
  readonly intervalMs: number;
  /** TCP connect plus handshake, and each query. */
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number;
}

export const DEFAULT_TIMINGS: ProbeTimings = { intervalMs: 250, connectTimeoutMs: 1_000, queryTimeoutMs: 1_000 };

const ACCESS_DENIED = new Set(["ER_ACCESS_DENIED_ERROR", "ER_ACCESS_DENIED_NO_PASSWORD_ERROR", "ER_DBACCESS_DENIED_ERROR"]);

/** Replaces every occurrence of the password in `s`. */
function redact(s: string, password: string): string {
  return password === "" ? s : s.split(password).join("[redacted]");
}

/** Sleeps `ms`, less when `signal` aborts or `kicked` is called. */
const sleep = (ms: number, signal: AbortSignal, onKick: (kick: () => void) => void) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      onKick(() => {});
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
    onKick(done);
  });

/** Runs `fn`; undefined when it has not settled within `ms` (a driver whose own timer never fires). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<"late">((r) => (timer = setTimeout(() => r("late"), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

interface Conn extends SqlConnection {
  destroy(): void;
  on(event: "error", listener: (err: unknown) => void): unknown;
}

/** One open connection, whatever the engine: the two questions a probe asks, and close. */
interface Session {
  role(): Promise<RoleAnswer>;
  writer(): Promise<string | null>;
  close(): void;
}

const timeoutError = (message: string, code: string) => Object.assign(new Error(message), { code });

async function openMysql(at: Endpoint, address: string, login: DbLogin, timings: ProbeTimings): Promise<Session> {
  const mysql = await import("mysql2/promise");
  const connecting = mysql.createConnection({
    host: address,
    port: at.port,
    user: login.user,
    password: login.password,
    connectTimeout: timings.connectTimeoutMs,
    multipleStatements: false,
  }) as unknown as Promise<Conn>;
  const conn = await within(connecting, timings.connectTimeoutMs + 500);
  if (conn === "late") {
    connecting.then((c) => c.destroy(), () => {});
    throw timeoutError(`no answer from ${at.host}:${at.port} within ${timings.connectTimeoutMs} ms`, "ETIMEDOUT");
  }
  conn.on("error", () => {});
  return { role: () => askRole(conn, timings.queryTimeoutMs), writer: () => askWriter(conn, timings.queryTimeoutMs), close: () => conn.destroy() };
}

interface PgClient extends PgQueryable {
  connect(): Promise<unknown>;
  end(): Promise<void>;
  on(event: "error", listener: (err: unknown) => void): unknown;
}

async function openPostgres(at: Endpoint, address: string, login: DbLogin, timings: ProbeTimings): Promise<Session> {
  const pg = (await import("pg")).default;
  const client = new pg.Client({
    host: address,
    port: at.port,
    user: login.user,
    password: login.password,
    database: PG_DATABASE,
    connectionTimeoutMillis: timings.connectTimeoutMs,
    query_timeout: timings.queryTimeoutMs,
    statement_timeout: timings.queryTimeoutMs,
    application_name: "haspec-drill",
  }) as unknown as PgClient;
  client.on("error", () => {});
  const close = () => void client.end().catch(() => {});
  const connected = await within(client.connect(), timings.connectTimeoutMs + 500).catch((error: unknown) => {
    close();
    throw error;
  });
  if (connected === "late") {
    close();
    throw timeoutError(`no answer from ${at.host}:${at.port} within ${timings.connectTimeoutMs} ms`, "ETIMEDOUT");
  }
  return { role: () => askPgRole(client), writer: () => askPgWriter(client), close };
}

/** One connection to `at`: connect, then `ask`; the connection is always closed. */
async function withConnection<T>(flavour: SqlFlavour, at: Endpoint, address: string, login: DbLogin, timings: ProbeTimings, ask: (s: Session) => Promise<T>): Promise<T> {
  const session = await (flavour === "postgresql" ? openPostgres : openMysql)(at, address, login, timings);
  try {
    const answer = await within(ask(session), timings.queryTimeoutMs * 2 + 500);
    if (answer === "late") throw timeoutError(`${at.host}:${at.port} did not answer within ${timings.queryTimeoutMs} ms`, "PROTOCOL_SEQUENCE_TIMEOUT");
    return answer;
  } finally {
    session.close();
  }
}

function failure(error: unknown, password: string): Answer {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "ERROR";
  const message = redact(typeof e.message === "string" ? e.message : String(error), password);
  return ACCESS_DENIED.has(code) || PG_ACCESS_DENIED.has(code) ? { kind: "denied", message: `${code}: ${message}` } : { kind: "error", code, message };
}

/** A probe: `attempt()` asks once; the state says what was seen. */
export class Probe {
  readonly state: ProbeState;
  /** aware: the writer's instance endpoint the topology named, until it fails. */
  private pinned: Endpoint | undefined;
  /** Ends the loop's current pause. */
  private wake: () => void = () => {};
  /** Set by kick(): the next attempt starts without a pause, even when the kick came during an attempt. */
  private kicked = false;

  constructor(
    spec: ProbeSpec,
    private readonly login: DbLogin,
    private readonly addresses: AddressBook,
    private readonly timings: ProbeTimings,
    private readonly flavour: SqlFlavour = "mysql",
  ) {
    this.state = { spec, errors: 0, readOnlyAnswers: 0, attempts: 0 };
  }

  /** Asks again now instead of after the pause (the failover call was just sent). */
  kick(): void {
    this.kicked = true;
    this.wake();
  }

  /** One attempt: resolve, connect, ask; aware probes read the topology on a reader and move to the writer it names. */
  async attempt(): Promise<Answer> {
    const spec = this.state.spec;
    const at = this.pinned ?? spec.endpoint;
    this.state.attempts++;
    try {
      const address = await this.addresses.lookup(at.host);
      return await withConnection(this.flavour, at, address, this.login, this.timings, async (session) => {
        const role = await session.role();
        if (role.writer) return { kind: "writer", serverId: role.serverId };
        if (spec.probe === "aware") {
          const writer = await session.writer();
          const next = writer === null ? undefined : spec.instances?.get(writer);
          this.pinned = next !== undefined && writer !== role.serverId ? next : undefined;
        }
        return { kind: "reader", serverId: role.serverId };
      });
    } catch (error) {
      // The writer the topology named does not answer: back to the cluster endpoint.
      this.pinned = undefined;
      return failure(error, this.login.password);
    }
  }

  /**
   * Asks until `done` says so or `signal` aborts: every attempt that starts at or after `armedAt()`
   * counts (errors, read-only answers, the first failure, the recovery on a writer other than
   * `writerBefore()`).
   */
  async loop(signal: AbortSignal, armedAt: () => number | undefined, writerBefore: () => string | null | undefined): Promise<void> {
    const s = this.state;
    while (!signal.aborted && s.recoveredAt === undefined && s.stopped === undefined) {
      const start = performance.now();
      const pinnedBefore = this.pinned;
      const answer = await this.attempt();
      const end = performance.now();
      const armed = armedAt();
      const counts = armed !== undefined && start >= armed;
      if (answer.kind === "writer") {
        s.firstWriter ??= { at: end, serverId: answer.serverId };
        // A server that does not say which instance it is (no @@aurora_server_id, no report_host)
        // counts as the new writer only after a failure: before that it is the old one still writing.
        const before = writerBefore();
        const newWriter = answer.serverId !== null && before !== null && before !== undefined ? answer.serverId !== before : s.firstFailureAt !== undefined;
        if (counts && newWriter) {
          s.recoveredAt = end;
          s.recoveredOn = answer.serverId;
        }
      } else if (answer.kind === "denied") {
        s.lastError = answer.message;
        s.stopped = `the database refused the probe's credentials (${answer.message}): it lost its credentials`;
        if (counts) s.firstFailureAt ??= start;
      } else {
        if (answer.kind === "reader") {
          s.lastError = `${answer.serverId ?? "the server"} answered read-only`;
          if (counts) s.readOnlyAnswers++;
        } else {
          s.lastError = `${answer.code}: ${answer.message}`;
          if (counts) s.errors++;
        }
        if (counts) s.firstFailureAt ??= start;
      }
      // A cluster-aware probe that just learnt where the writer is goes there at once; so does a
      // probe kicked during its attempt (the failover call was just sent or accepted).
      const moved = this.pinned !== undefined && this.pinned !== pinnedBefore;
      const now = moved || this.kicked;
      this.kicked = false;
      if (!now) await sleep(Math.max(0, this.timings.intervalMs - (performance.now() - start)), signal, (wake) => (this.wake = wake));
      this.kicked = false;
    }
  }
}
