// The Node reader: pg Pool (maxLifetimeSeconds), mysql2 createPool, the AWS NodeJS wrapper's plugins, process.env hosts, dead code.
import { describe, expect, it } from "vitest";
import { readNodeSources } from "../../../src/sources/app-config/node/index.js";
import { fixtureApp } from "./support.js";

describe("pg", () => {
  it("new Pool({ host: process.env.DB_HOST }) resolves the host from .env; no maxLifetimeSeconds = no limit, cited (real penalty-play db.js)", async () => {
    const app = await fixtureApp("node-pg");
    expect(app.databases.filter((d) => d.driver === "pg")[0]).toEqual({
      url: "$DB_HOST",
      host: "scores.cluster-abc123xyz.us-east-1.rds.amazonaws.com",
      driver: "pg",
      failoverAware: false,
      at: { file: "node-pg/server/db.js", line: 5 },
      live: true,
    });
    expect(app.pools[0]).toEqual({ library: "pg", maxLifetimeSeconds: Infinity, at: { file: "node-pg/server/db.js", line: 4 }, defaultFrom: expect.stringContaining("maxLifetimeSeconds defaults to 0"), live: true });
    expect(app.runtimes).toEqual([{ kind: "node", version: "20", at: { file: "node-pg/package.json", line: 6 } }]);
  });

  it("`import pg from 'pg'; const { Pool } = pg` is pg; a connectionString from an unset variable is null with why; maxLifetimeSeconds at its line", async () => {
    const app = await fixtureApp("node-pg");
    expect(app.databases.find((d) => d.at.file.endsWith("reporting.ts") && d.live)).toEqual({
      url: "$REPORTING_URL",
      host: null,
      driver: "pg",
      failoverAware: false,
      at: { file: "node-pg/server/reporting.ts", line: 6 },
      live: true,
      why: "REPORTING_URL is set at deploy time (no .env or compose file of the application gives it)",
    });
    expect(app.pools.find((p) => p.at.file.endsWith("reporting.ts") && p.live)).toEqual({ library: "pg", maxLifetimeSeconds: 300, at: { file: "node-pg/server/reporting.ts", line: 7 }, live: true });
  });

  it("a pool made in a function nobody calls is dead code (the decoy)", async () => {
    const app = await fixtureApp("node-pg");
    expect(app.pools.find((p) => !p.live)).toEqual({ library: "pg", maxLifetimeSeconds: 60, at: { file: "node-pg/server/reporting.ts", line: 12 }, live: false, why: "function makeArchivePool is never called" });
    expect(app.databases.find((d) => !d.live)).toMatchObject({ host: "archive.cluster-abc123xyz.us-east-1.rds.amazonaws.com", live: false });
  });

  it("only what the imports say is pg: a local class named Pool is not judged; pg without host reads PGHOST", () => {
    expect(readNodeSources([{ path: "a.js", text: 'class Pool {}\nconst p = new Pool({ host: "x.example.com" }); // pg' }]).databases).toEqual([]);
    const found = readNodeSources([{ path: "a.js", text: 'const pg = require("pg");\nconst p = new pg.Pool({ maxLifetimeSeconds: 0 });' }]);
    expect(found.databases).toMatchObject([{ url: "$PGHOST", host: null, why: expect.stringContaining("PGHOST is set at deploy time") }]);
    expect(found.pools).toMatchObject([{ maxLifetimeSeconds: Infinity, at: { line: 2 }, why: expect.stringContaining("0: no maximum lifetime") }]);
  });
});

describe("mysql2 and the AWS NodeJS wrapper", () => {
  it("createPool(uri) names its host without credentials; createPool has no lifetime limit (Infinity, cited); a host from an unset variable is null", async () => {
    const app = await fixtureApp("node-mysql-wrapper");
    const mysql = app.databases.filter((d) => d.driver === "mysql2");
    expect(mysql.map((d) => [d.url, d.host, d.at.line])).toEqual([
      ["mysql://shop.cluster-abc123xyz.us-east-1.rds.amazonaws.com:3306/shop", "shop.cluster-abc123xyz.us-east-1.rds.amazonaws.com", 5],
      ["$SESSIONS_HOST", null, 6],
    ]);
    expect(app.pools).toEqual([
      { library: "mysql2", maxLifetimeSeconds: Infinity, at: { file: "node-mysql-wrapper/src/index.mjs", line: 5 }, defaultFrom: expect.stringContaining("pool_config.js"), live: true },
      { library: "mysql2", maxLifetimeSeconds: Infinity, at: { file: "node-mysql-wrapper/src/index.mjs", line: 6 }, defaultFrom: expect.stringContaining("pool_config.js"), live: true },
    ]);
    expect(JSON.stringify(app)).not.toContain("shop:pw");
  });

  it("AwsPGClient/AwsMySQLClient are failover-aware with failover in plugins or by the documented default, not with plugins 'iam'", async () => {
    const app = await fixtureApp("node-mysql-wrapper");
    expect(app.databases.filter((d) => d.driver === "aws-nodejs-wrapper").map((d) => [d.host, d.failoverAware, d.at.line])).toEqual([
      ["orders.cluster-abc123xyz.us-east-1.rds.amazonaws.com", true, 9],
      ["audit.cluster-abc123xyz.us-east-1.rds.amazonaws.com", false, 14],
      ["billing.cluster-abc123xyz.us-east-1.rds.amazonaws.com", true, 15],
    ]);
  });
});

describe("options the reader cannot see", () => {
  it("options built elsewhere, or spread from another object, leave host and lifetime unknown rather than defaulted", () => {
    const imported = readNodeSources([{ path: "db.js", text: 'import { Pool } from "pg";\nimport { options } from "./config.js";\nexport const pool = new Pool(options);' }]);
    expect(imported.databases).toMatchObject([{ host: null, why: expect.stringContaining("computed in code (options)") }]);
    expect(imported.pools).toMatchObject([{ maxLifetimeSeconds: null }]);
    const spread = readNodeSources([{ path: "db.js", text: 'import { Pool } from "pg";\nconst base = make();\nexport const pool = new Pool({ ...base, max: 5 });' }]);
    expect(spread.databases).toMatchObject([{ host: null, why: expect.stringContaining("spread") }]);
    expect(spread.pools).toMatchObject([{ maxLifetimeSeconds: null, why: expect.stringContaining("spread") }]);
  });
});

describe("TypeScript spellings", () => {
  it("`{…} as PoolConfig`, `satisfies` and `process.env.X!` are read through", () => {
    const found = readNodeSources([
      {
        path: "db.ts",
        text: 'import { Pool, type PoolConfig } from "pg";\nexport const a = new Pool({ host: process.env.DB_HOST!, maxLifetimeSeconds: 120 } as PoolConfig);\nexport const b = new Pool({ host: "b.example.com" } satisfies PoolConfig);',
      },
      { path: ".env", text: "DB_HOST=a.example.com" },
    ]);
    expect(found.databases.map((d) => d.host)).toEqual(["a.example.com", "b.example.com"]);
    expect(found.pools.map((p) => p.maxLifetimeSeconds)).toEqual([120, Infinity]);
  });
});
