// Tests readBinlogRetentionHours against a real MariaDB server with an RDS-like mysql.rds_show_configuration, and end to end with the rule.
import { createServer, type Server, type Socket } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Value } from "../../../../src/model/value.js";
import { minRetentionHours } from "../../../../src/rules/binlog/min_retention_hours.js";
import {
  credentialsFromEnv,
  noCredentials,
  parseValue,
  readBinlogRetentionHours,
  redact,
  type SqlTarget,
} from "../../../../src/sources/aws-live/sql/binlog-retention.js";
import { context, resource } from "../../../support/build.js";
import { startMariaDb, type MariaDb } from "../../../support/mariadb.js";

const USER = "haspec";
const PASSWORD = "Pw-7f1c-haspec-s3cret!";
const NOGRANT_USER = "haspec_nogrant";

let db: MariaDb;
let generalLog: string;
/** Every reading and every error any call returned or threw, for the password grep at the end. */
const seen: unknown[] = [];
/** Everything written to the console or stdout/stderr while the reader ran. */
const written: string[] = [];

async function read(over: Partial<SqlTarget> = {}): Promise<Value<number | null>> {
  try {
    const v = await readBinlogRetentionHours({ host: db.host, port: db.port, user: USER, password: PASSWORD, ...over });
    seen.push(v);
    return v;
  } catch (err) {
    seen.push(err, String(err), (err as Error)?.stack);
    throw err;
  }
}

async function setRetention(value: string | null): Promise<void> {
  await db.admin("DELETE FROM mysql.rds_configuration WHERE name = 'binlog retention hours'");
  await db.admin(
    "INSERT INTO mysql.rds_configuration (name, value, description) VALUES ('binlog retention hours', ?, " +
      "'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.')",
    [value],
  );
}

async function createProcedure(): Promise<void> {
  await db.admin("DROP PROCEDURE IF EXISTS mysql.rds_show_configuration");
  await db.admin(
    "CREATE PROCEDURE mysql.rds_show_configuration() READS SQL DATA " +
      "SELECT name, value, description FROM mysql.rds_configuration ORDER BY name",
  );
}

beforeAll(async () => {
  db = await startMariaDb();
  // Start-up time, for the CI log and the report.
  process.stderr.write(`[mariadb] datadir init ${db.initMs} ms, server ready in ${db.startMs} ms on 127.0.0.1:${db.port}\n`);
  // What RDS has: a configuration table and a procedure that lists it (name, value, description).
  await db.admin(
    "CREATE TABLE mysql.rds_configuration (name VARCHAR(100) NOT NULL PRIMARY KEY, value VARCHAR(100) NULL, description VARCHAR(300) NOT NULL)",
  );
  await db.admin(
    "INSERT INTO mysql.rds_configuration VALUES " +
      "('binlog retention hours', NULL, 'binlog retention hours specifies the duration in hours before binary logs are automatically deleted.'), " +
      "('source delay', '0', 'source delay specifies how many seconds the replica should delay replication from the source.'), " +
      "('target delay', '0', 'target delay specifies how many seconds the replica should delay replication from the source.')",
  );
  await createProcedure();
  await db.admin(`CREATE USER '${USER}'@'%' IDENTIFIED BY '${PASSWORD}'`);
  await db.admin(`GRANT EXECUTE ON mysql.* TO '${USER}'@'%'`);
  await db.admin(`CREATE USER '${NOGRANT_USER}'@'%' IDENTIFIED BY '${PASSWORD}'`);
  generalLog = `${db.socketPath}.general.log`;
  await db.admin(`SET GLOBAL general_log_file = '${generalLog}'`);
  await db.admin("SET GLOBAL general_log = ON");

  for (const m of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void written.push(args.map(String).join(" ")));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const orig = stream.write.bind(stream) as (...a: unknown[]) => boolean;
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      written.push(String(chunk));
      return orig(chunk, ...rest);
    }) as typeof stream.write);
  }
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await db?.stop();
}, 30_000);

describe("readBinlogRetentionHours against MariaDB", () => {
  beforeEach(async () => {
    await createProcedure();
    await setRetention(null);
  });

  it("reads a number of hours", async () => {
    await setRetention("24");
    expect(await read()).toEqual({ known: true, value: 24 });
  });

  it("reads NULL (the AWS default) as known(null)", async () => {
    expect(await read()).toEqual({ known: true, value: null });
  });

  it("reads the largest Aurora value", async () => {
    await setRetention("2160");
    expect(await read()).toEqual({ known: true, value: 2160 });
  });

  it("is unknown, quoting the value, when it is not a number", async () => {
    await setRetention("one day");
    const v = await read();
    expect(v.known).toBe(false);
    if (!v.known) expect(v.reason).toContain('"one day"');
  });

  it("never echoes the password even when the value contains it", async () => {
    await setRetention(PASSWORD);
    const v = await read();
    expect(v.known).toBe(false);
    if (!v.known) {
      expect(v.reason).not.toContain(PASSWORD);
      expect(v.reason).toContain("[redacted]");
    }
  });

  it("is unknown when the row is missing", async () => {
    await db.admin("DELETE FROM mysql.rds_configuration WHERE name = 'binlog retention hours'");
    const v = await read();
    expect(v).toMatchObject({ known: false, reason: expect.stringContaining("no 'binlog retention hours' row") });
  });

  it("is unknown when the procedure does not exist", async () => {
    await db.admin("DROP PROCEDURE mysql.rds_show_configuration");
    const v = await read();
    expect(v).toMatchObject({
      known: false,
      reason: expect.stringContaining("mysql.rds_show_configuration does not exist on 127.0.0.1:"),
    });
    if (!v.known) expect(v.reason).toContain("not an RDS/Aurora MySQL endpoint?");
  });

  it("is unknown, without the password, when the password is wrong", async () => {
    const wrong = `${PASSWORD}-wrong`;
    const v = await read({ password: wrong });
    expect(v).toMatchObject({ known: false, reason: expect.stringContaining("refused the credentials") });
    if (!v.known) {
      expect(v.reason).toContain(`127.0.0.1:${db.port}`);
      expect(v.reason).not.toContain(wrong);
      expect(v.reason).not.toContain(PASSWORD);
    }
  });

  it("is unknown for an unknown user", async () => {
    const v = await read({ user: "nobody_here" });
    expect(v).toMatchObject({ known: false, reason: expect.stringContaining("refused the credentials") });
  });

  it("is unknown when the user may not execute the procedure", async () => {
    const v = await read({ user: NOGRANT_USER });
    expect(v).toMatchObject({ known: false, reason: expect.stringContaining("may not run mysql.rds_show_configuration") });
  });

  it("is unknown when the CALL does not answer in time", async () => {
    await db.admin("DROP PROCEDURE mysql.rds_show_configuration");
    await db.admin(
      "CREATE PROCEDURE mysql.rds_show_configuration() READS SQL DATA " +
        "SELECT name, value, description FROM mysql.rds_configuration WHERE SLEEP(5) = 0",
    );
    const t0 = Date.now();
    const v = await read({ queryTimeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(v).toMatchObject({ known: false, reason: expect.stringContaining("did not answer within 300 ms") });
  });

  it("is unknown when the server does not offer TLS but TLS is required", async () => {
    const v = await read({ ssl: { rejectUnauthorized: true } });
    expect(v.known).toBe(false);
    if (!v.known) expect(v.reason).toMatch(/TLS/);
  });

  it("sends nothing but CALL mysql.rds_show_configuration (read-only)", async () => {
    await setRetention("48");
    expect(await read()).toEqual({ known: true, value: 48 });
    const log = readFileSync(generalLog, "utf8");
    const haspecThreads = new Set<string>();
    const statements: string[] = [];
    for (const line of log.split("\n")) {
      const m = /(\d+)\s+(Connect|Query|Init DB|Execute|Prepare)\t(.*)$/.exec(line);
      if (!m) continue;
      const [, thread, command, text] = m as unknown as [string, string, string, string];
      if (command === "Connect" && text.startsWith(`${USER}@`)) haspecThreads.add(thread);
      else if (command !== "Connect" && haspecThreads.has(thread)) statements.push(`${command} ${text.trim()}`);
    }
    expect(haspecThreads.size).toBeGreaterThan(0);
    expect(new Set(statements)).toEqual(new Set(["Query CALL mysql.rds_show_configuration"]));
  });
});

describe("readBinlogRetentionHours without a reachable server", () => {
  let silent: Server | undefined;
  const sockets: Socket[] = [];

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => (silent ? silent.close(() => r()) : r()));
  });

  it("is unknown, fast, on a refused port", async () => {
    const probe = createServer();
    const port = await new Promise<number>((r) => probe.listen(0, "127.0.0.1", () => r((probe.address() as { port: number }).port)));
    await new Promise<void>((r) => probe.close(() => r()));
    const t0 = Date.now();
    const v = await read({ port });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(v).toMatchObject({ known: false, reason: expect.stringContaining(`cannot reach 127.0.0.1:${port}: connection refused`) });
    if (!v.known) expect(v.reason).toContain("security group");
  });

  it("is unknown within the connect timeout when the server never answers the handshake", async () => {
    silent = createServer((s) => void sockets.push(s));
    const port = await new Promise<number>((r) => silent!.listen(0, "127.0.0.1", () => r((silent!.address() as { port: number }).port)));
    const t0 = Date.now();
    const v = await read({ port, connectTimeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(2_500);
    expect(v).toMatchObject({ known: false, reason: expect.stringContaining(`cannot reach 127.0.0.1:${port}: no answer within 300 ms`) });
  });

  it("is unknown when the name does not resolve", async () => {
    const v = await read({ host: "haspec-no-such-host.invalid", port: 3306, connectTimeoutMs: 2_000 });
    expect(v.known).toBe(false);
    if (!v.known) expect(v.reason).toContain("haspec-no-such-host.invalid:3306");
  });
});

describe("binlog.min_retention_hours end to end over SQL", () => {
  beforeAll(async () => {
    await createProcedure();
  });

  async function verdict(value: string | null, minimum: number, over: Partial<SqlTarget> = {}) {
    await setRetention(value);
    const hours = await read(over);
    const r = Object.assign({}, resource({ id: "orders-prod" }), { binlogRetentionHours: hours });
    return minRetentionHours.check(r, minimum, context());
  }

  it("passes 24 hours against a 24-hour minimum", async () => {
    expect(await verdict("24", 24)).toMatchObject({ status: "pass", actual: 24 });
  });

  it("fails 24 hours against a 48-hour minimum", async () => {
    expect(await verdict("24", 48)).toMatchObject({ status: "fail", actual: 24, expected: 48 });
  });

  it("fails NULL", async () => {
    expect(await verdict(null, 24)).toMatchObject({ status: "fail", actual: null });
  });

  it("is unknown (never pass) when the credentials are refused", async () => {
    const v = await verdict("72", 24, { password: "not-it" });
    expect(v.status).toBe("unknown");
    expect(v.reason).toContain("refused the credentials");
  });

  it("is unknown (never pass) without credentials", () => {
    const r = Object.assign({}, resource(), { binlogRetentionHours: noCredentials() });
    const v = minRetentionHours.check(r, 24, context());
    expect(v.status).toBe("unknown");
    expect(v.reason).toContain("HASPEC_DB_USER");
  });
});

describe("helpers", () => {
  it("credentialsFromEnv needs both variables", () => {
    expect(credentialsFromEnv({ HASPEC_DB_USER: "u", HASPEC_DB_PASSWORD: "p" })).toEqual({ user: "u", password: "p" });
    expect(credentialsFromEnv({ HASPEC_DB_USER: "u" })).toBeUndefined();
    expect(credentialsFromEnv({ HASPEC_DB_PASSWORD: "p" })).toBeUndefined();
    expect(credentialsFromEnv({ HASPEC_DB_USER: "", HASPEC_DB_PASSWORD: "p" })).toBeUndefined();
    expect(credentialsFromEnv({})).toBeUndefined();
  });

  it("parseValue takes NULL, whole numbers, and nothing else", () => {
    expect(parseValue(null, "h:1")).toEqual({ known: true, value: null });
    expect(parseValue("NULL", "h:1")).toEqual({ known: true, value: null });
    expect(parseValue(" 168 ", "h:1")).toEqual({ known: true, value: 168 });
    expect(parseValue(Buffer.from("72"), "h:1")).toEqual({ known: true, value: 72 });
    expect(parseValue(36, "h:1")).toEqual({ known: true, value: 36 });
    for (const bad of ["-1", "1.5", "", "24h", 1.5, {}]) expect(parseValue(bad, "h:1").known).toBe(false);
  });

  it("redact removes every occurrence", () => {
    expect(redact("a pw b pw", "pw")).toBe("a [redacted] b [redacted]");
    expect(redact("nothing", "")).toBe("nothing");
  });
});

// Runs last in this file: nothing returned, thrown or written contained a password.
describe("secrets", () => {
  it("no reading, error or output contains a password", () => {
    expect(seen.length).toBeGreaterThan(15);
    const everything = JSON.stringify(seen, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)) + written.join("\n");
    for (const secret of [PASSWORD, `${PASSWORD}-wrong`, "not-it"]) expect(everything).not.toContain(secret);
  });
});
