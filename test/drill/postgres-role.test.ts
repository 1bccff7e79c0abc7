// Unit tests of the PostgreSQL writer checks as Aurora PostgreSQL answers them (the lab test runs them against real PostgreSQL servers).
import { describe, expect, it } from "vitest";
import { askPgRole, askPgWriter, PG_ROLE_SQL, PG_TOPOLOGY_SQL, type PgQueryable } from "../../src/drill/postgres-role.js";

function answering(answers: Record<string, Record<string, unknown>[] | Error>): PgQueryable & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query(sql) {
      asked.push(sql);
      const a = answers[sql];
      if (a === undefined || a instanceof Error) throw a ?? new Error(`unexpected ${sql}`);
      return { rows: a };
    },
  };
}

describe("PostgreSQL writer checks", () => {
  it("the SQL is Aurora PostgreSQL's: pg_is_in_recovery(), aurora_db_instance_identifier(), aurora_replica_status()", () => {
    expect(PG_ROLE_SQL).toBe("SELECT pg_is_in_recovery() AS in_recovery, aurora_db_instance_identifier() AS server_id");
    expect(PG_TOPOLOGY_SQL).toMatch(/^SELECT server_id, session_id FROM aurora_replica_status\(\) WHERE session_id = 'MASTER_SESSION_ID'/);
  });

  it("not in recovery is the writer; in recovery a reader; an answer that is not a boolean is never the writer", async () => {
    expect(await askPgRole(answering({ [PG_ROLE_SQL]: [{ in_recovery: false, server_id: "orders-1" }] }))).toEqual({ writer: true, serverId: "orders-1" });
    expect(await askPgRole(answering({ [PG_ROLE_SQL]: [{ in_recovery: true, server_id: "orders-2" }] }))).toEqual({ writer: false, serverId: "orders-2" });
    expect(await askPgRole(answering({ [PG_ROLE_SQL]: [{ in_recovery: null, server_id: "" }] }))).toEqual({ writer: false, serverId: null });
    expect(await askPgRole(answering({ [PG_ROLE_SQL]: [] }))).toEqual({ writer: false, serverId: null });
  });

  it("a server without aurora_db_instance_identifier() fails the attempt (no fallback guesses the instance)", async () => {
    await expect(askPgRole(answering({ [PG_ROLE_SQL]: Object.assign(new Error("function aurora_db_instance_identifier() does not exist"), { code: "42883" }) }))).rejects.toThrow(/does not exist/);
  });

  it("the topology's writer is the first MASTER_SESSION_ID row; null when none", async () => {
    const rows = [{ server_id: "orders-2", session_id: "MASTER_SESSION_ID" }];
    expect(await askPgWriter(answering({ [PG_TOPOLOGY_SQL]: rows }))).toBe("orders-2");
    expect(await askPgWriter(answering({ [PG_TOPOLOGY_SQL]: [] }))).toBeNull();
  });
});
