// Test helper: starts a throwaway PostgreSQL server on a loopback address (temp datadir, its own socket directory) and stops and removes it afterwards.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { accessSync, appendFileSync, chownSync, constants, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface Postgres {
  readonly host: string;
  readonly port: number;
  /** Runs `sql` (one statement) as the superuser `postgres` over the Unix socket, read-write whatever default_transaction_read_only says; the rows. */
  admin(sql: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  "PostgreSQL server not found: the PostgreSQL lab needs initdb and postgres (Debian package 'postgresql'; its binaries live in /usr/lib/postgresql/<version>/bin)";

function findBinary(name: string): string | undefined {
  const versions = (() => {
    try {
      return readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a));
    } catch {
      return [];
    }
  })();
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), "/usr/local/bin", ...versions.map((v) => `/usr/lib/postgresql/${v}/bin`)];
  for (const dir of dirs) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PostgreSQL refuses to run as root: as root, the server runs as the system user `postgres`. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** Initialises a datadir (password logins over TCP, trust on the socket) and starts PostgreSQL on host:port. */
export async function startPostgres(options: { host?: string; port?: number; readyTimeoutMs?: number } = {}): Promise<Postgres> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 5432;
  const initdb = findBinary("initdb");
  const server = findBinary("postgres");
  if (initdb === undefined || server === undefined) throw new Error(INSTALL_HINT);
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), "haspec-pg-"));
  if (user !== undefined) chownSync(dir, user.uid, user.gid);
  const datadir = join(dir, "data");
  const log = join(dir, "server.log");
  let child: ChildProcess | undefined;
  let stopped = false;
  const killOnExit = () => child?.kill("SIGKILL");
  const cleanup = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child!.once("exit", () => r()));
      child.kill("SIGINT"); // fast shutdown
      if (!(await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]))) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const p = spawn(initdb, ["-D", datadir, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"], {
        stdio: ["ignore", "ignore", "pipe"],
        ...(user ?? {}),
      });
      let err = "";
      p.stderr!.on("data", (d: Buffer) => (err += d.toString()));
      p.once("error", reject);
      p.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (exit ${code}): ${err.slice(-1500)}`))));
    });
    // Any loopback source address (a client of 127.0.0.2 may come from 127.0.0.1 or 127.0.0.2).
    appendFileSync(join(datadir, "pg_hba.conf"), "host all all 127.0.0.0/8 scram-sha-256\n");
    process.on("exit", killOnExit);
    const out = openSync(log, "a");
    if (user !== undefined) chownSync(log, user.uid, user.gid);
    // Small, fast, throwaway: no durability.
    child = spawn(
      server,
      ["-D", datadir, "-c", `listen_addresses=${host}`, "-p", String(port), "-k", dir, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "shared_buffers=16MB", "-c", "max_connections=60"],
      { stdio: ["ignore", out, out], ...(user ?? {}) },
    );
    let exited = false;
    child.once("exit", () => (exited = true));
    const pg = (await import("pg")).default;
    const admin = async (sql: string, values?: unknown[]) => {
      const c = new pg.Client({ host: dir, port, user: "postgres", database: "postgres", options: "-c default_transaction_read_only=off" });
      await c.connect();
      try {
        return (await c.query(sql, values)).rows as Record<string, unknown>[];
      } finally {
        await c.end();
      }
    };
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    while (!exited && Date.now() < deadline) {
      try {
        await admin("SELECT 1");
        return { host, port, admin, stop: cleanup };
      } catch {
        await sleep(50);
      }
    }
    throw new Error(`PostgreSQL did not accept connections${exited ? " (it exited)" : " in time"}; log:\n${tail(log)}`);
  } catch (error) {
    await cleanup();
    throw error;
  }
}
