// What a PostgreSQL probe asks a server: is it the writer, which instance is it, and (cluster-aware) which instance writes.
//
// Aurora PostgreSQL answers `pg_is_in_recovery()` (true on a reader) and `aurora_db_instance_identifier()`
// (the instance identifier), and lists the cluster in `aurora_replica_status()`: server_id, session_id
// ('MASTER_SESSION_ID' on the writer's row, a UUID on a reader's), last_update_timestamp (NULL on the
// row of the instance asked, from Aurora PostgreSQL 13.9) — Aurora User Guide, aurora_replica_status,
// aurora_db_instance_identifier. The SQL is unqualified, so a server that is not Aurora can answer it
// with functions of the same names earlier in its search_path: that is what the lab does (scripts/lab,
// schema `haspec`), and the same probe runs unchanged against Aurora and the lab.
import type { RoleAnswer } from "./mysql-role.js";

export const PG_ROLE_SQL = "SELECT pg_is_in_recovery() AS in_recovery, aurora_db_instance_identifier() AS server_id";
// During a failover two rows may claim the writer's session for a moment: the newest update wins (as with MySQL).
export const PG_TOPOLOGY_SQL =
  "SELECT server_id, session_id FROM aurora_replica_status() WHERE session_id = 'MASTER_SESSION_ID' ORDER BY last_update_timestamp DESC NULLS LAST";
/** The database every PostgreSQL server has; the probes only ask functions, no table of the user's. */
export const PG_DATABASE = "postgres";
/** SQLSTATEs of a refused login: invalid_password, invalid_authorization_specification. */
export const PG_ACCESS_DENIED = new Set(["28P01", "28000"]);

/** The part of a node-postgres client the probe uses. */
export interface PgQueryable {
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s === "" ? null : s;
}

/** Is the server the writer, and which is it; throws what the driver throws. */
export async function askPgRole(client: PgQueryable): Promise<RoleAnswer> {
  const { rows } = await client.query(PG_ROLE_SQL);
  const row = rows[0];
  // Unknown is never "writer": only an explicit false means the server takes writes.
  return { writer: row?.["in_recovery"] === false, serverId: text(row?.["server_id"]) };
}

/** The instance aurora_replica_status() names as writer; null when no row does. */
export async function askPgWriter(client: PgQueryable): Promise<string | null> {
  const { rows } = await client.query(PG_TOPOLOGY_SQL);
  for (const r of rows) if (text(r["session_id"]) === "MASTER_SESSION_ID") return text(r["server_id"]);
  return null;
}
