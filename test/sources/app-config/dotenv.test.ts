// The .env reader and the environment look-up the code readers share: database URLs and hosts with their lines, never their passwords.
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../../src/sources/app-config/database-url.js";
import { readDotenvFiles, resolveEnv } from "../../../src/sources/app-config/dotenv.js";

const ENV = [
  "# production settings",
  "export DATABASE_URL=postgres://app:p%40ss@orders.cluster-abc123xyz.us-east-1.rds.amazonaws.com:5432/orders?sslmode=require&password=leak",
  "REDIS_URL=redis://cache.example.com:6379",
  'DB_HOST="billing.cluster-abc123xyz.us-east-1.rds.amazonaws.com"  # quoted, with a comment',
  "REPORTS_DATABASE_URL=jdbc:aws-wrapper:mysql://reports-1.abc123xyz.us-east-1.rds.amazonaws.com,reports-2.abc123xyz.us-east-1.rds.amazonaws.com:3306/r",
  "SEARCH_HOST=search.internal.example.com",
  "LEGACY_HOST=legacy.abc123xyz.us-east-1.rds.amazonaws.com",
  "DATABASE_URL_TEMPLATE=postgres://${USER}@${DB_HOST}/app",
].join("\n");

describe(".env files", () => {
  it("database URLs (any key) and database hosts (by key, or any *_HOST naming an RDS endpoint), each at its line, credentials removed", () => {
    const { databases } = readDotenvFiles([{ path: "app/.env.production", text: ENV }]);
    expect(databases.map((d) => [d.url, d.host, d.at.line])).toEqual([
      ["postgres://orders.cluster-abc123xyz.us-east-1.rds.amazonaws.com:5432/orders?sslmode=require&password=***", "orders.cluster-abc123xyz.us-east-1.rds.amazonaws.com", 2],
      ["billing.cluster-abc123xyz.us-east-1.rds.amazonaws.com", "billing.cluster-abc123xyz.us-east-1.rds.amazonaws.com", 4],
      ["jdbc:aws-wrapper:mysql://reports-1.abc123xyz.us-east-1.rds.amazonaws.com,reports-2.abc123xyz.us-east-1.rds.amazonaws.com:3306/r", "reports-1.abc123xyz.us-east-1.rds.amazonaws.com", 5],
      ["jdbc:aws-wrapper:mysql://reports-1.abc123xyz.us-east-1.rds.amazonaws.com,reports-2.abc123xyz.us-east-1.rds.amazonaws.com:3306/r", "reports-2.abc123xyz.us-east-1.rds.amazonaws.com", 5],
      ["legacy.abc123xyz.us-east-1.rds.amazonaws.com", "legacy.abc123xyz.us-east-1.rds.amazonaws.com", 7],
      ["postgres://${DB_HOST}/app", null, 8],
    ]);
    expect(databases.map((d) => [d.driver, d.failoverAware])).toEqual([
      ["url", false],
      ["url", false],
      ["aws-jdbc-wrapper", true],
      ["aws-jdbc-wrapper", true],
      ["url", false],
      ["url", false],
    ]);
    expect(databases.every((d) => d.live)).toBe(true);
    expect(JSON.stringify(databases)).not.toMatch(/p%40ss|leak|app:/);
  });

  it("a JDBC wrapper URL is failover-aware unless wrapperPlugins leaves failover out; the MariaDB aurora mode is", () => {
    const { databases } = readDotenvFiles([
      {
        path: ".env",
        text: "A_URL=jdbc:aws-wrapper:postgresql://a.cluster-x.us-east-1.rds.amazonaws.com/db?wrapperPlugins=iam,efm2\nB_URL=jdbc:aws-wrapper:postgresql://b.cluster-x.us-east-1.rds.amazonaws.com/db?wrapperPlugins=failover2\nC_URL=jdbc:mysql:aurora://c.cluster-x.us-east-1.rds.amazonaws.com/db",
      },
    ]);
    expect(databases.map((d) => [d.host, d.driver, d.failoverAware])).toEqual([
      ["a.cluster-x.us-east-1.rds.amazonaws.com", "aws-jdbc-wrapper", false],
      ["b.cluster-x.us-east-1.rds.amazonaws.com", "aws-jdbc-wrapper", true],
      ["c.cluster-x.us-east-1.rds.amazonaws.com", "mariadb-aurora", true],
    ]);
  });

  it("templates (.env.example, .env.sample) are not read: their values are placeholders", () => {
    expect(readDotenvFiles([{ path: ".env.example", text: "DATABASE_URL=postgres://user:pass@localhost/db" }]).databases).toEqual([]);
    expect(readDotenvFiles([{ path: "config/.env.sample", text: "DB_HOST=example" }]).databases).toEqual([]);
  });

  it("resolveEnv: one value across .env and compose files resolves; none or several are set at deploy time", () => {
    const compose = { path: "docker-compose.yml", text: "services:\n  web:\n    environment:\n      - DB_HOST=a.example.com\n      - OTHER=${FROM_SHELL}\n" };
    expect(resolveEnv([compose], "DB_HOST")).toEqual({ value: "a.example.com", from: { file: "docker-compose.yml", line: 4 } });
    expect(resolveEnv([compose, { path: ".env", text: "DB_HOST=a.example.com\n" }], "DB_HOST")).toMatchObject({ value: "a.example.com" });
    expect(resolveEnv([compose, { path: ".env", text: "DB_HOST=b.example.com\n" }], "DB_HOST")).toEqual({
      why: "DB_HOST is set at deploy time (the application's files give it 2 different values: docker-compose.yml:4, .env:1)",
    });
    expect(resolveEnv([compose], "OTHER")).toEqual({ why: "OTHER is set at deploy time (no .env or compose file of the application gives it)" });
    expect(resolveEnv([{ path: "compose.yaml", text: "services: [unclosed" }], "DB_HOST")).toMatchObject({ why: expect.any(String) });
  });
});

describe("database URLs", () => {
  it("schemes with drivers, IPv6 hosts, and URLs that are not databases", () => {
    expect(parseDatabaseUrl("mysql+pymysql://u:p@[2001:db8::1]:3306/x")).toEqual({ url: "mysql+pymysql://[2001:db8::1]:3306/x", hosts: ["2001:db8::1"] });
    expect(parseDatabaseUrl("postgresql+asyncpg://db.example.com/x")?.hosts).toEqual(["db.example.com"]);
    expect(parseDatabaseUrl("https://example.com")).toBeNull();
    expect(parseDatabaseUrl("sqlite:///db.sqlite3")).toBeNull();
  });
});

describe("compose env_file", () => {
  it("a file compose names in env_file is read as a .env file, whatever its name (real task-queue layout: .dev_env)", () => {
    const files = [
      { path: "app/docker-compose.yml", text: "services:\n  backend:\n    env_file:\n      - .dev_env\n  db:\n    env_file: ./config/db.env.txt\n" },
      { path: "app/.dev_env", text: "# Database:\nPOSTGRES_HOST=tq-database.cluster-abc123xyz.eu-west-1.rds.amazonaws.com\n" },
      { path: "app/config/db.env.txt", text: "REPLICA_DB_HOST=replica.example.com\n" },
    ];
    expect(readDotenvFiles(files).databases.map((d) => [d.host, d.at.file, d.at.line])).toEqual([
      ["tq-database.cluster-abc123xyz.eu-west-1.rds.amazonaws.com", "app/.dev_env", 2],
      ["replica.example.com", "app/config/db.env.txt", 1],
    ]);
    expect(resolveEnv(files, "POSTGRES_HOST")).toMatchObject({ value: "tq-database.cluster-abc123xyz.eu-west-1.rds.amazonaws.com" });
  });
});
