// Unit tests of the drill's small pieces: the writer checks as Aurora answers them, event ids from messages, the verdict, the protected tags, the DNS server flag.
import { describe, expect, it } from "vitest";
import { askRole, askWriter, AURORA_ROLE_SQL, AURORA_TOPOLOGY_SQL, PLAIN_ROLE_SQL, type SqlConnection } from "../../src/drill/mysql-role.js";
import { Probe, type Answer } from "../../src/drill/probes.js";
import { drillStatus, eventIdOf } from "../../src/drill/record.js";
import { parseProtect, protectedTags } from "../../src/drill/refusals.js";
import { dnsServerOf } from "../../src/drill/resolve.js";

/** A connection that answers each statement from a table (an Error is thrown as the server's error). */
function answering(answers: Record<string, unknown>): SqlConnection & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query({ sql }) {
      asked.push(sql);
      const a = answers[sql];
      if (a instanceof Error || a === undefined) throw a ?? Object.assign(new Error(`unexpected ${sql}`), { errno: 1064 });
      return [a, []];
    },
  };
}

describe("writer checks", () => {
  it("Aurora MySQL: @@innodb_read_only and @@aurora_server_id, no fallback", async () => {
    const conn = answering({ [AURORA_ROLE_SQL]: [{ read_only: 0, server_id: "orders-prod-1" }] });
    expect(await askRole(conn, 1000)).toEqual({ writer: true, serverId: "orders-prod-1" });
    expect(conn.asked).toEqual([AURORA_ROLE_SQL]);
    const reader = answering({ [AURORA_ROLE_SQL]: [{ read_only: 1, server_id: "orders-prod-2" }] });
    expect(await askRole(reader, 1000)).toEqual({ writer: false, serverId: "orders-prod-2" });
  });

  it("a server without @@aurora_server_id (errno 1193) is asked @@read_only and @@report_host", async () => {
    const conn = answering({
      [AURORA_ROLE_SQL]: Object.assign(new Error("Unknown system variable 'aurora_server_id'"), { errno: 1193 }),
      [PLAIN_ROLE_SQL]: [{ read_only: "1", server_id: Buffer.from("lab-2") }],
    });
    expect(await askRole(conn, 1000)).toEqual({ writer: false, serverId: "lab-2" });
  });

  it("other errors are the probe's failures, not a fallback", async () => {
    const conn = answering({ [AURORA_ROLE_SQL]: Object.assign(new Error("Lost connection"), { errno: 2013 }) });
    await expect(askRole(conn, 1000)).rejects.toThrow(/Lost connection/);
  });

  it("the topology's writer: the newest MASTER_SESSION_ID row; null when none", async () => {
    expect(await askWriter(answering({ [AURORA_TOPOLOGY_SQL]: [{ server_id: "orders-prod-2", session_id: "MASTER_SESSION_ID" }] }), 1000)).toBe("orders-prod-2");
    expect(await askWriter(answering({ [AURORA_TOPOLOGY_SQL]: [{ SERVER_ID: "x", SESSION_ID: "abc" }] }), 1000)).toBeNull();
  });
});

describe("the record's pieces", () => {
  it("tells the failover events from their messages (0069 is a failure)", () => {
    expect(eventIdOf("Started cross AZ failover to DB instance: a")).toBe("RDS-EVENT-0073");
    expect(eventIdOf("Started same AZ failover to DB instance: a")).toBe("RDS-EVENT-0072");
    expect(eventIdOf("Completed failover to DB instance: a")).toBe("RDS-EVENT-0071");
    expect(eventIdOf("Cluster failover failed, check the health of your cluster instances and try again.")).toBe("RDS-EVENT-0069");
    expect(eventIdOf("DB instance restarted")).toBeNull();
  });

  it("passes only with a sent call, no interruption, and every probe recovered within the objective", () => {
    const probe = (s: number | null) => ({ writeDowntimeSeconds: s }) as never;
    const base = { failover: { requestedAt: "2026-01-01T00:00:00Z", target: null }, objective: { rto: 10, from: "policy" as const }, measured: { writerBefore: "a", writerAfter: "b", probes: [probe(3), probe(9.9)] } };
    expect(drillStatus(base)).toBe("pass");
    expect(drillStatus({ ...base, measured: { ...base.measured, probes: [probe(3), probe(10.5)] } })).toBe("fail");
    expect(drillStatus({ ...base, measured: { ...base.measured, probes: [probe(null)] } })).toBe("fail");
    expect(drillStatus({ ...base, measured: { ...base.measured, probes: [] } })).toBe("fail");
    expect(drillStatus({ ...base, objective: { rto: null, from: null } })).toBe("fail");
    expect(drillStatus({ ...base, interrupted: "SIGINT" })).toBe("fail");
    expect(drillStatus({ ...base, failover: { ...base.failover, error: "AccessDenied" } })).toBe("fail");
  });
});

describe("flags", () => {
  it("--protect KEY=GLOB matches tag values case-insensitively", () => {
    expect(protectedTags({ env: "Production" }, [parseProtect("env=prod*")])).toEqual(["env=Production"]);
    expect(protectedTags({ env: "staging" }, [parseProtect("env=prod*")])).toEqual([]);
    expect(() => parseProtect("env")).toThrow(/KEY=GLOB/);
  });

  it("--dns-server takes an IP with an optional port", () => {
    expect(dnsServerOf("127.0.0.1:5353")).toBe("127.0.0.1:5353");
    expect(dnsServerOf("::1")).toBe("::1");
    expect(() => dnsServerOf("dns.example.com")).toThrow(/not an IP address/);
  });
});

describe("a probe's loop (answers scripted)", () => {
  const spec = { probe: "simple" as const, endpoint: { host: "db", port: 3306 }, dnsCacheSeconds: 0 };
  const scripted = (answers: Answer[]) =>
    new (class extends Probe {
      override async attempt(): Promise<Answer> {
        return answers.shift() ?? { kind: "error", code: "ETIMEDOUT", message: "no more answers" };
      }
    })(spec, { user: "u", password: "p" }, { lookup: async (h) => h }, { intervalMs: 1, connectTimeoutMs: 10, queryTimeoutMs: 10 });

  it("servers that say who they are: recovered on the first writer other than the one before", async () => {
    const p = scripted([{ kind: "writer", serverId: "a" }, { kind: "reader", serverId: "a" }, { kind: "writer", serverId: "b" }]);
    await p.loop(new AbortController().signal, () => 0, () => "a");
    expect(p.state).toMatchObject({ readOnlyAnswers: 1, recoveredOn: "b" });
    expect(p.state.firstFailureAt).toBeDefined();
  });

  it("servers that do not: a writer answer before any failure is the old writer, not a recovery", async () => {
    const p = scripted([{ kind: "writer", serverId: null }, { kind: "error", code: "ECONNREFUSED", message: "refused" }, { kind: "writer", serverId: null }]);
    await p.loop(new AbortController().signal, () => 0, () => null);
    expect(p.state).toMatchObject({ errors: 1, recoveredOn: null });
    expect(p.state.recoveredAt! >= p.state.firstFailureAt!).toBe(true);
  });

  it("lost credentials stop the probe", async () => {
    const p = scripted([{ kind: "denied", message: "ER_ACCESS_DENIED_ERROR: Access denied" }]);
    await p.loop(new AbortController().signal, () => 0, () => "a");
    expect(p.state.stopped).toMatch(/lost its credentials/);
    expect(p.state.recoveredAt).toBeUndefined();
  });
});
