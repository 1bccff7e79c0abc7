// Test helper: starts a throwaway MariaDB server on 127.0.0.1 (temp datadir, free port; the lab picks another loopback address and port) and stops and removes it afterwards.
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { delimiter, join } from "node:path";

/** What a test needs from the running server. */
export interface MariaDb {
  /** 127.0.0.1 unless another loopback address was asked for. */
  readonly host: string;
  readonly port: number;
  /** Unix socket of the server; root connects here without a password. */
  readonly socketPath: string;
  /** Milliseconds from spawn to the first accepted connection (excludes datadir initialisation). */
  readonly startMs: number;
  /** Milliseconds the datadir initialisation took. */
  readonly initMs: number;
  /** Runs `sql` (one statement) as root over the socket and returns the rows. */
  admin(sql: string, values?: unknown[]): Promise<unknown>;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  "MariaDB server not found: the SQL tests need a real MariaDB server. Install the Debian package " +
  "'mariadb-server' (apt-get install -y --no-install-recommends mariadb-server); " +
  "looked for mariadbd/mysqld and mariadb-install-db/mysql_install_db on PATH, /usr/sbin and /usr/bin.";

function findBinary(names: readonly string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), "/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];
  for (const name of names) {
    for (const dir of dirs) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no error log)";
  }
}

/**
 * Initialises a temp datadir and starts MariaDB on 127.0.0.1 with a free port.
 * Throws with the apt package to install when no server binary exists (the test then fails, never skips).
 */
export async function startMariaDb(
  options: { readyTimeoutMs?: number; host?: string; port?: number; serverArgs?: readonly string[] } = {},
): Promise<MariaDb> {
  const host = options.host ?? "127.0.0.1";
  const server = findBinary(["mariadbd", "mysqld"]);
  const installDb = findBinary(["mariadb-install-db", "mysql_install_db"]);
  if (server === undefined || installDb === undefined) throw new Error(INSTALL_HINT);

  const dir = mkdtempSync(join(tmpdir(), "haspec-mdb-"));
  const datadir = join(dir, "data");
  const socketPath = join(dir, "mysqld.sock");
  const errorLog = join(dir, "error.log");
  const asRoot = process.getuid?.() === 0;
  const userArgs = asRoot ? ["--user=root"] : [`--user=${userInfo().username}`];
  // Small, fast, throwaway: no durability, tiny buffers, no binary log, loopback only.
  const serverTuning = [
    "--innodb-buffer-pool-size=16M",
    "--innodb-log-file-size=8M",
    "--innodb-flush-log-at-trx-commit=0",
    "--innodb-doublewrite=0",
    "--skip-log-bin",
    "--skip-name-resolve",
    "--skip-performance-schema",
    "--max-connections=50",
  ];

  let child: ChildProcess | undefined;
  let stopped = false;
  const killOnExit = () => child?.kill("SIGKILL");
  const cleanup = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child!.once("exit", () => r()));
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const t0 = Date.now();
    const init = await run(
      installDb,
      [
        "--no-defaults",
        `--datadir=${datadir}`,
        ...userArgs,
        "--auth-root-authentication-method=normal",
        "--skip-test-db",
        "--skip-name-resolve",
        "--innodb-log-file-size=8M",
      ],
      60_000,
    );
    if (init.code !== 0) throw new Error(`${installDb} failed (exit ${init.code}):\n${init.output.slice(-2000)}`);
    const initMs = Date.now() - t0;

    const mysql = await import("mysql2/promise");
    process.on("exit", killOnExit);
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const t1 = Date.now();
      const proc = spawn(
        server,
        [
          "--no-defaults",
          `--datadir=${datadir}`,
          `--socket=${socketPath}`,
          `--port=${port}`,
          `--bind-address=${host}`,
          `--pid-file=${join(dir, "mysqld.pid")}`,
          `--log-error=${errorLog}`,
          ...userArgs,
          ...serverTuning,
          ...(options.serverArgs ?? []),
        ],
        { stdio: "ignore" },
      );
      child = proc;
      let exited = false;
      proc.once("exit", () => (exited = true));
      const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
      let ready = false;
      while (!exited && Date.now() < deadline) {
        try {
          const c = await mysql.createConnection({ host, port, user: "root", connectTimeout: 1_000 });
          await c.end();
          ready = true;
          break;
        } catch {
          await sleep(50);
        }
      }
      if (ready) {
        const startMs = Date.now() - t1;
        return {
          host,
          port,
          socketPath,
          startMs,
          initMs,
          async admin(sql, values) {
            const c = await mysql.createConnection({ socketPath, user: "root" });
            try {
              const [rows] = await c.query(sql, values);
              return rows;
            } finally {
              await c.end();
            }
          },
          stop: cleanup,
        };
      }
      const log = tail(errorLog);
      if (exited && /address already in use/i.test(log) && attempt < 3 && options.port === undefined) continue; // the free port was taken meanwhile
      throw new Error(`MariaDB (${server}) did not accept connections${exited ? " (it exited)" : " in time"}; error log:\n${log}`);
    }
  } catch (err) {
    await cleanup();
    throw err;
  }
}
