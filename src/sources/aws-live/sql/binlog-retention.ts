// Reads 'binlog retention hours' over SQL (CALL mysql.rds_show_configuration, read-only); every failure is unknown with a reason, never the password.
import type { SslOptions } from "mysql2";
import { known, unknown, type Unknown, type Value } from "../../../model/value.js";

/** Environment variable that holds the database user for the SQL check. */
export const DB_USER_ENV = "HASPEC_DB_USER";
/** Environment variable that holds the database password for the SQL check. Never printed or logged. */
export const DB_PASSWORD_ENV = "HASPEC_DB_PASSWORD";

/** The setting's name, as `mysql.rds_show_configuration` lists it. */
export const BINLOG_RETENTION_SETTING = "binlog retention hours";
/** The only statement this module ever sends. */
export const SHOW_CONFIGURATION_SQL = "CALL mysql.rds_show_configuration";

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

export interface DbCredentials {
  readonly user: string;
  readonly password: string;
}

export interface SqlTarget extends DbCredentials {
  /** The cluster (writer) endpoint or instance endpoint. */
  readonly host: string;
  readonly port: number;
  /** Optional default schema; not needed for the CALL. */
  readonly database?: string;
  /** TCP connect plus MySQL handshake; default 5 s. */
  readonly connectTimeoutMs?: number;
  /** The CALL itself; default 10 s. */
  readonly queryTimeoutMs?: number;
  /** Passed to mysql2 as is (e.g. `{ ca, rejectUnauthorized: true }` with the RDS CA bundle). */
  readonly ssl?: string | SslOptions;
}

/**
 * Database credentials from `HASPEC_DB_USER` and `HASPEC_DB_PASSWORD`; undefined unless both are set
 * and non-empty. The result holds the password: pass it only to {@link readBinlogRetentionHours}.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): DbCredentials | undefined {
  const user = env[DB_USER_ENV];
  const password = env[DB_PASSWORD_ENV];
  if (user === undefined || user === "" || password === undefined || password === "") return undefined;
  return { user, password };
}

/** The unknown reading to use when no credentials were given. */
export function noCredentials(): Unknown {
  return unknown(
    `no database credentials: set ${DB_USER_ENV} and ${DB_PASSWORD_ENV} (or --db-secret-arn) so haspec can run ${SHOW_CONFIGURATION_SQL}`,
  );
}

/** Minimal view of the mysql2/promise connection this module uses. */
interface Conn {
  query(options: { sql: string; timeout?: number }): Promise<[unknown, unknown]>;
  end(): Promise<void>;
  destroy(): void;
  on(event: "error", listener: (err: unknown) => void): unknown;
}

/**
 * Reads `binlog retention hours` from `mysql.rds_show_configuration` on `target`.
 * known(null) = NULL (the AWS default); known(n) = n hours; unknown(reason) on any failure.
 * Never throws; never puts the password in the reason.
 */
export async function readBinlogRetentionHours(target: SqlTarget): Promise<Value<number | null>> {
  const where = endpointOf(target);
  const connectTimeoutMs = target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const queryTimeoutMs = target.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const scrub = (s: string) => redact(s, target.password);

  let conn: Conn | undefined;
  let phase: "connect" | "query" = "connect";
  try {
    const mysql = await import("mysql2/promise");
    // A hard deadline over the whole connect, in case the driver's own timer never fires.
    const connecting = mysql.createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      ...(target.database === undefined ? {} : { database: target.database }),
      ...(target.ssl === undefined ? {} : { ssl: target.ssl }),
      connectTimeout: connectTimeoutMs,
      multipleStatements: false,
      supportBigNumbers: true,
      bigNumberStrings: true,
    }) as unknown as Promise<Conn>;
    conn = await withDeadline(connecting, connectTimeoutMs + 1_000, (late) => {
      late.on("error", () => {});
      late.destroy();
    });
    if (conn === undefined) return unknown(unreachable(where, `no answer within ${connectTimeoutMs} ms`));
    // Errors after connecting are reported through the pending query; keep the emitter from throwing.
    conn.on("error", () => {});
    phase = "query";
    const queried = conn.query({ sql: SHOW_CONFIGURATION_SQL, timeout: queryTimeoutMs });
    const result = await withDeadline(queried, queryTimeoutMs + 1_000, () => {});
    if (result === undefined) {
      conn.destroy();
      conn = undefined;
      return unknown(`${SHOW_CONFIGURATION_SQL} on ${where} did not answer within ${queryTimeoutMs} ms`);
    }
    return fromResult(result[0], where, scrub);
  } catch (err) {
    // After a failed query the connection's state is unclear (a timed-out CALL may still run): drop it.
    conn?.destroy();
    conn = undefined;
    return unknown(scrub(reasonFor(err, where, phase, connectTimeoutMs, queryTimeoutMs)));
  } finally {
    if (conn !== undefined) await close(conn);
  }
}

/** Finds the setting's row among the CALL's result sets and parses its value. */
function fromResult(results: unknown, where: string, scrub: (s: string) => string): Value<number | null> {
  const rows = rowsOf(results);
  const row = rows.find((r) => typeof field(r, "name") === "string" && (field(r, "name") as string).trim().toLowerCase() === BINLOG_RETENTION_SETTING);
  if (row === undefined) {
    return unknown(
      `${SHOW_CONFIGURATION_SQL} on ${where} returned no '${BINLOG_RETENTION_SETTING}' row ` +
        `(${rows.length} row${rows.length === 1 ? "" : "s"}): not an RDS/Aurora MySQL endpoint, or an engine version without the setting?`,
    );
  }
  return parseValue(field(row, "value"), where, scrub);
}

/** NULL → known(null); a whole number of hours → known(n); anything else → unknown quoting the value. */
export function parseValue(raw: unknown, where: string, scrub: (s: string) => string = (s) => s): Value<number | null> {
  const value = Buffer.isBuffer(raw) ? raw.toString("utf8") : raw;
  if (value === null || value === undefined) return known(null);
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return known(value);
  if (typeof value === "bigint" && value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER)) return known(Number(value));
  if (typeof value === "string") {
    const s = value.trim();
    if (s.toLowerCase() === "null") return known(null);
    if (/^\d{1,15}$/.test(s)) return known(Number(s));
  }
  const shown = typeof value === "string" ? value : String(value);
  const quoted = JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}…` : shown);
  return unknown(scrub(`'${BINLOG_RETENTION_SETTING}' on ${where} is ${quoted}, which is neither a whole number of hours nor NULL`));
}

/** Every row object in a CALL result: an array of result sets (arrays of rows) plus status packets. */
function rowsOf(results: unknown): object[] {
  if (!Array.isArray(results)) return [];
  const out: object[] = [];
  for (const item of results) {
    if (Array.isArray(item)) out.push(...item.filter((r): r is object => typeof r === "object" && r !== null && !Array.isArray(r)));
    else if (typeof item === "object" && item !== null && "name" in item) out.push(item);
  }
  return out;
}

/** A column by name, case-insensitively (RDS returns `name`, `value`, `description`). */
function field(row: object, name: string): unknown {
  for (const [k, v] of Object.entries(row)) if (k.toLowerCase() === name) return v;
  return undefined;
}

function endpointOf(t: SqlTarget): string {
  return t.host.includes(":") ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

function unreachable(where: string, what: string): string {
  return `cannot reach ${where}: ${what}; check the security group and that haspec runs inside the VPC (or can route to it)`;
}

/** A reason a user can act on, from a driver or network error. */
function reasonFor(err: unknown, where: string, phase: "connect" | "query", connectMs: number, queryMs: number): string {
  const e = (typeof err === "object" && err !== null ? err : {}) as { code?: unknown; errno?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : String(err);
  switch (code) {
    case "ECONNREFUSED":
      return unreachable(where, "connection refused");
    case "ETIMEDOUT":
      return unreachable(where, `no answer within ${connectMs} ms`);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "EHOSTDOWN":
      return unreachable(where, "no route to the host");
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve ${where}: the name does not resolve here; RDS endpoints resolve to private addresses only inside the VPC, so check that haspec runs there and the endpoint is spelled right`;
    case "ECONNRESET":
    case "PROTOCOL_CONNECTION_LOST":
      return phase === "connect"
        ? unreachable(where, "the connection was closed during the handshake (is it a MySQL port? does it require TLS?)")
        : `${where} closed the connection during ${SHOW_CONFIGURATION_SQL}`;
    case "PROTOCOL_SEQUENCE_TIMEOUT":
      return `${SHOW_CONFIGURATION_SQL} on ${where} did not answer within ${queryMs} ms`;
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
      return `${where} refused the credentials: check ${DB_USER_ENV}/${DB_PASSWORD_ENV} or the --db-secret-arn secret (user, password, and that the user may connect from this host)`;
    case "ER_SP_DOES_NOT_EXIST":
      return `mysql.rds_show_configuration does not exist on ${where}: not an RDS/Aurora MySQL endpoint?`;
    case "ER_PROCACCESS_DENIED_ERROR":
      return `the database user may not run mysql.rds_show_configuration on ${where}: grant EXECUTE on it or use the master user`;
    case "ER_DBACCESS_DENIED_ERROR":
      return `${where} refused the user access to the database named for the connection: leave the database unset or grant access`;
    case "ER_BAD_DB_ERROR":
      return `the database named for the connection does not exist on ${where}`;
    case "HANDSHAKE_NO_SSL_SUPPORT":
      return `TLS to ${where} failed: the server does not offer TLS (RDS and Aurora do; is this the right endpoint?)`;
    case "HANDSHAKE_SSL_ERROR":
      return `TLS to ${where} failed (${code}): check the ssl settings and the RDS CA bundle`;
  }
  if (/certificate|ssl|tls/i.test(message)) return `TLS to ${where} failed: ${message}`;
  const what = phase === "connect" ? `connecting to ${where}` : `${SHOW_CONFIGURATION_SQL} on ${where}`;
  return `${what} failed${code ? ` (${code})` : ""}: ${message}`;
}

/** Replaces every occurrence of the password in `s`. */
export function redact(s: string, password: string): string {
  return password === "" ? s : s.split(password).join("[redacted]");
}

/** Resolves to the promise's value, or undefined after `ms` (then `onLate` gets the value if it arrives). */
async function withDeadline<T>(p: Promise<T>, ms: number, onLate: (value: T) => void): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve(undefined);
    }, ms);
  });
  p.then(
    (v) => {
      if (timedOut) onLate(v);
    },
    () => {},
  );
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes politely, and forcibly if the server does not answer within a second. */
async function close(conn: Conn): Promise<void> {
  const ended = await withDeadline(conn.end().then(() => true, () => false), 1_000, () => {});
  if (ended !== true) conn.destroy();
}
