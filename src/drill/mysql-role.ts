// What a MySQL-family probe asks a server: is it the writer, which instance is it, and (cluster-aware) which instance writes.
//
// Aurora MySQL answers `@@innodb_read_only` and `@@aurora_server_id` (the instance identifier) and lists
// the cluster in `information_schema.replica_host_status`, the writer's row with session_id
// 'MASTER_SESSION_ID' (what the AWS fault-tolerance lab's scripts ask). A server that does not know
// `@@aurora_server_id` (MySQL/MariaDB that is not Aurora, such as the lab's) is asked `@@read_only`
// and `@@report_host` instead, and a server without `information_schema.replica_host_status` is read
// from a table of the same shape (server_id, session_id, last_update_timestamp),
// `haspec.replica_host_status`: that is what the lab provides
// (scripts/lab), so the same probe runs unchanged against Aurora and the lab.

export const AURORA_ROLE_SQL = "SELECT @@innodb_read_only AS read_only, @@aurora_server_id AS server_id";
export const PLAIN_ROLE_SQL = "SELECT @@read_only AS read_only, @@report_host AS server_id";
// During a failover two rows may claim the writer's session for a moment: the newest update wins (as the AWS wrappers do).
const TOPOLOGY_COLUMNS = "SELECT server_id, session_id FROM";
const WRITER_FIRST = "WHERE session_id = 'MASTER_SESSION_ID' ORDER BY last_update_timestamp DESC";
export const AURORA_TOPOLOGY_SQL = `${TOPOLOGY_COLUMNS} information_schema.replica_host_status ${WRITER_FIRST}`;
export const PLAIN_TOPOLOGY_SQL = `${TOPOLOGY_COLUMNS} haspec.replica_host_status ${WRITER_FIRST}`;
/** replica_host_status.session_id of the writer's row. */
export const WRITER_SESSION_ID = "MASTER_SESSION_ID";

/** MySQL error numbers the fallbacks react to. */
const ER_UNKNOWN_SYSTEM_VARIABLE = 1193;
const ER_UNKNOWN_TABLE = 1109;
const ER_NO_SUCH_TABLE = 1146;
const ER_BAD_DB_ERROR = 1049;

/** The part of a mysql2 promise connection the probe uses. */
export interface SqlConnection {
  query(options: { sql: string; timeout?: number }): Promise<[unknown, unknown]>;
}

export interface RoleAnswer {
  readonly writer: boolean;
  /** The instance that answered; null when the server does not say. */
  readonly serverId: string | null;
}

const errnoOf = (e: unknown) => (e as { errno?: unknown }).errno;

function firstRow(rows: unknown): Record<string, unknown> | undefined {
  return Array.isArray(rows) && typeof rows[0] === "object" && rows[0] !== null ? (rows[0] as Record<string, unknown>) : undefined;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = Buffer.isBuffer(v) ? v.toString("utf8") : String(v);
  return s === "" ? null : s;
}

/** Is the server the writer, and which is it; throws what the driver throws. */
export async function askRole(conn: SqlConnection, timeoutMs: number): Promise<RoleAnswer> {
  let rows: unknown;
  try {
    [rows] = await conn.query({ sql: AURORA_ROLE_SQL, timeout: timeoutMs });
  } catch (error) {
    if (errnoOf(error) !== ER_UNKNOWN_SYSTEM_VARIABLE) throw error;
    [rows] = await conn.query({ sql: PLAIN_ROLE_SQL, timeout: timeoutMs });
  }
  const row = firstRow(rows);
  const ro = Number(text(row?.["read_only"]) ?? "1");
  return { writer: ro === 0, serverId: text(row?.["server_id"]) };
}

/** The instance the cluster's topology names as writer; null when no row does. */
export async function askWriter(conn: SqlConnection, timeoutMs: number): Promise<string | null> {
  let rows: unknown;
  try {
    [rows] = await conn.query({ sql: AURORA_TOPOLOGY_SQL, timeout: timeoutMs });
  } catch (error) {
    const errno = errnoOf(error);
    if (errno !== ER_UNKNOWN_TABLE && errno !== ER_NO_SUCH_TABLE && errno !== ER_BAD_DB_ERROR) throw error;
    [rows] = await conn.query({ sql: PLAIN_TOPOLOGY_SQL, timeout: timeoutMs });
  }
  if (!Array.isArray(rows)) return null;
  for (const r of rows as Record<string, unknown>[]) {
    if (text(r["session_id"] ?? r["SESSION_ID"]) === WRITER_SESSION_ID) return text(r["server_id"] ?? r["SERVER_ID"]);
  }
  return null;
}
