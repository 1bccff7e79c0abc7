// The lab's database instances, MariaDB (Aurora MySQL's stand-in) or PostgreSQL (Aurora PostgreSQL's): what the lab's failover does to them, and the answers the probes ask for.
import { startMariaDb, type MariaDb } from "../../test/support/mariadb.js";
import { startPostgres, type Postgres } from "../../test/support/postgres.js";

/** The probes' database user; it may only read the lab's `haspec` schema (and ask what anyone may). */
export const PROBE_USER = "haspec_probe";
export const PROBE_PASSWORD = "lab-probe-Pa55";
/** The topology's session_id of a reader (any other value than the writer's). */
const READER_SESSION = "a1b2c3d4-0000-4000-8000-haspeclab000";

export type LabEngine = "mysql" | "postgresql";

export interface LabInstances {
  /** The writer stops taking writes and its probe connections end (Aurora restarts the old writer). */
  demote(id: string): Promise<void>;
  /** The instance takes writes. */
  promote(id: string): Promise<void>;
  /** Every instance's topology names `writer`. */
  topology(writer: string): Promise<void>;
  setProbePassword(password: string): Promise<void>;
  /** Runs SQL as the server's superuser on an instance. */
  admin(id: string, sql: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts one server per instance (`hostOf`), `writer` taking writes; retries a start once (a busy machine). */
async function startEach<T extends { stop(): Promise<void> }>(hostOf: Record<string, string>, start: (id: string, host: string) => Promise<T>): Promise<Record<string, T>> {
  const servers: Record<string, T> = {};
  const results = await Promise.allSettled(
    Object.entries(hostOf).map(async ([id, host]) => {
      servers[id] = await start(id, host).catch((error: unknown) => {
        process.stderr.write(`lab: ${id} did not start (${String(error).slice(0, 400)}); trying again\n`);
        return start(id, host);
      });
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed !== undefined) {
    for (const s of Object.values(servers)) await s.stop().catch(() => {});
    throw failed.reason;
  }
  return servers;
}

/**
 * MariaDB: `--report-host=<instance id>` answers `@@report_host`, `SET GLOBAL read_only` demotes at run
 * time, and `haspec.replica_host_status` has the columns of Aurora's information_schema table.
 */
export async function startMariaDbInstances(hostOf: Record<string, string>, port: number, writer: string): Promise<LabInstances> {
  const servers = await startEach<MariaDb>(hostOf, (id, host) => startMariaDb({ host, port, serverArgs: [`--report-host=${id}`] }));
  const ids = Object.keys(hostOf);
  const instances: LabInstances = {
    async demote(id) {
      await servers[id]!.admin("SET GLOBAL read_only = ON");
      const rows = (await servers[id]!.admin(`SELECT id FROM information_schema.processlist WHERE user = '${PROBE_USER}'`)) as { id: number }[];
      for (const r of rows) await servers[id]!.admin(`KILL CONNECTION ${Number(r.id)}`).catch(() => {});
    },
    async promote(id) {
      await servers[id]!.admin("SET GLOBAL read_only = OFF");
    },
    async topology(w) {
      for (const id of ids) {
        await servers[id]!.admin("DELETE FROM haspec.replica_host_status");
        for (const member of ids) {
          await servers[id]!.admin("INSERT INTO haspec.replica_host_status (server_id, session_id) VALUES (?, ?)", [member, member === w ? "MASTER_SESSION_ID" : READER_SESSION]);
        }
      }
    },
    async setProbePassword(password) {
      for (const id of ids) await servers[id]!.admin(`ALTER USER '${PROBE_USER}'@'%' IDENTIFIED BY '${password.replace(/'/g, "''")}'`);
    },
    admin: (id, sql) => servers[id]!.admin(sql),
    async stop() {
      for (const s of Object.values(servers)) await s.stop().catch(() => {});
    },
  };
  try {
    for (const id of ids) {
      const db = servers[id]!;
      await db.admin(`CREATE USER '${PROBE_USER}'@'%' IDENTIFIED BY '${PROBE_PASSWORD}'`);
      await db.admin("CREATE DATABASE haspec");
      // Aurora MySQL's information_schema.replica_host_status, the columns the probe reads.
      await db.admin(
        "CREATE TABLE haspec.replica_host_status (server_id VARCHAR(64) PRIMARY KEY, session_id VARCHAR(64) NOT NULL, last_update_timestamp TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))",
      );
      await db.admin(`GRANT SELECT ON haspec.* TO '${PROBE_USER}'@'%'`);
      await db.admin(`SET GLOBAL read_only = ${id === writer ? "OFF" : "ON"}`);
    }
    await instances.topology(writer);
  } catch (error) {
    await instances.stop();
    throw error;
  }
  return instances;
}

/**
 * PostgreSQL: a primary cannot become a standby at run time and its `pg_is_in_recovery()` is always
 * false, and it has no `aurora_*` functions. So each server has a schema `haspec` with functions of
 * Aurora's names — `pg_is_in_recovery()`, `aurora_db_instance_identifier()`, `aurora_replica_status()` —
 * reading two small tables, and the database's search_path puts `haspec` before an explicit
 * `pg_catalog`, so the probe's unqualified SQL reaches them (PostgreSQL looks pg_catalog up first only
 * when the path does not name it). Demotion updates the table and turns `default_transaction_read_only`
 * on (ALTER SYSTEM, pg_reload_conf()) so writes really fail, and ends the probe's sessions.
 */
export async function startPostgresInstances(hostOf: Record<string, string>, port: number, writer: string): Promise<LabInstances> {
  const servers = await startEach<Postgres>(hostOf, (_id, host) => startPostgres({ host, port }));
  const ids = Object.keys(hostOf);
  const setReadOnly = async (id: string, readOnly: boolean) => {
    const db = servers[id]!;
    await db.admin("UPDATE haspec.lab_instance SET in_recovery = $1", [readOnly]);
    await db.admin(readOnly ? "ALTER SYSTEM SET default_transaction_read_only = on" : "ALTER SYSTEM RESET default_transaction_read_only");
    await db.admin("SELECT pg_reload_conf()");
  };
  const instances: LabInstances = {
    async demote(id) {
      await setReadOnly(id, true);
      await servers[id]!.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [PROBE_USER]);
    },
    promote: (id) => setReadOnly(id, false),
    async topology(w) {
      for (const id of ids) {
        await servers[id]!.admin("DELETE FROM haspec.replica_status");
        for (const member of ids) {
          await servers[id]!.admin("INSERT INTO haspec.replica_status (server_id, session_id) VALUES ($1, $2)", [member, member === w ? "MASTER_SESSION_ID" : READER_SESSION]);
        }
      }
    },
    async setProbePassword(password) {
      for (const id of ids) await servers[id]!.admin(`ALTER ROLE ${PROBE_USER} PASSWORD '${password.replace(/'/g, "''")}'`);
    },
    admin: (id, sql) => servers[id]!.admin(sql),
    async stop() {
      for (const s of Object.values(servers)) await s.stop().catch(() => {});
    },
  };
  try {
    for (const id of ids) {
      const db = servers[id]!;
      await db.admin(`CREATE ROLE ${PROBE_USER} LOGIN PASSWORD '${PROBE_PASSWORD}'`);
      await db.admin("CREATE SCHEMA haspec");
      await db.admin("CREATE TABLE haspec.lab_instance (server_id text NOT NULL, in_recovery boolean NOT NULL)");
      await db.admin("INSERT INTO haspec.lab_instance VALUES ($1, true)", [id]);
      // aurora_replica_status()'s columns the probe reads.
      await db.admin("CREATE TABLE haspec.replica_status (server_id text PRIMARY KEY, session_id text NOT NULL, last_update_timestamp timestamptz NOT NULL DEFAULT clock_timestamp())");
      await db.admin("CREATE FUNCTION haspec.pg_is_in_recovery() RETURNS boolean LANGUAGE sql STABLE AS 'SELECT in_recovery FROM haspec.lab_instance'");
      await db.admin("CREATE FUNCTION haspec.aurora_db_instance_identifier() RETURNS text LANGUAGE sql STABLE AS 'SELECT server_id FROM haspec.lab_instance'");
      await db.admin(
        "CREATE FUNCTION haspec.aurora_replica_status() RETURNS TABLE (server_id text, session_id text, last_update_timestamp timestamptz) LANGUAGE sql STABLE AS 'SELECT server_id, session_id, last_update_timestamp FROM haspec.replica_status'",
      );
      await db.admin(`GRANT USAGE ON SCHEMA haspec TO ${PROBE_USER}`);
      await db.admin(`GRANT SELECT ON ALL TABLES IN SCHEMA haspec TO ${PROBE_USER}`);
      await db.admin("ALTER DATABASE postgres SET search_path = haspec, pg_catalog, public");
      await setReadOnly(id, id !== writer);
    }
    await instances.topology(writer);
  } catch (error) {
    await instances.stop();
    throw error;
  }
  return instances;
}
