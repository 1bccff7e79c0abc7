// End to end through the built CLI: `check --source aws` and `snapshot` against the fake server, with fake credentials and a DB password in the environment.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { computeFromAwsJsonDir } from "../../support/fake-aws/compute.js";
import { demoFleet, haspec, POLICY } from "./support.js";

const PASSWORD = "Cli-Db-Pa55word-Never-Printed";

let fake: FakeAws;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  // The demo fleet with the application tier of the AWS CLI JSON fixture in us-east-1.
  const fleet = demoFleet();
  fleet.accounts[fleet.defaultAccount]!.regions["us-east-1"]!.compute = computeFromAwsJsonDir("test/fixtures/app-tier/aws-json");
  fake = await startFakeAws(fleet);
  env = {
    AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKE",
    AWS_SECRET_ACCESS_KEY: "fake-secret-key",
    AWS_SESSION_TOKEN: "",
    AWS_PROFILE: "",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    HASPEC_DB_USER: "auditor",
    HASPEC_DB_PASSWORD: PASSWORD,
  };
});
afterAll(async () => fake.close());

describe("haspec CLI, live source (after npm run build)", () => {
  it("check --source aws --endpoint-url: JSON report of the fleet, exit 1 for its failures, no secret anywhere", async () => {
    const run = await haspec(
      ["check", "--source", "aws", "--region", "us-east-1", "--endpoint-url", fake.url, "-p", POLICY, "--format", "json"],
      env,
    );
    expect(run.stderr).not.toContain(PASSWORD);
    expect(run.stdout).not.toContain(PASSWORD);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.sources).toEqual([{ kind: "aws", location: "aws 123456789012 us-east-1" }]);
    const ids = new Set(report.results.map((r: { resource: { id: string } }) => r.resource.id));
    expect(ids.has("orders-prod")).toBe(true);
    expect(ids.has("checkout-prod")).toBe(false); // eu-west-1 was not asked for
    const binlog = report.results.find((r: { rule: string; resource: { id: string } }) => r.rule === "binlog.min_retention_hours" && r.resource.id === "orders-prod");
    expect(binlog.status).toBe("unknown"); // the fake endpoints have no MySQL behind them
  }, 60_000);

  it("fix --source aws: the live resources are adopted with import blocks, and no secret reaches the files", async () => {
    const out = mkdtempSync(join(tmpdir(), "haspec-live-fix-"));
    const run = await haspec(["fix", "--source", "aws", "--region", "us-east-1", "--endpoint-url", fake.url, "-p", POLICY, "--out", out], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^haspec fix: \d+ failing results; [1-9]\d* fixed in code/);
    const hcl = readFileSync(join(out, "hcl/main.tf"), "utf8");
    expect(hcl).toMatch(/import \{\n  to = aws_rds_cluster\.\w+\n  id = "[^"]+"\n\}/);
    expect(hcl).toContain('allowed_account_ids = ["123456789012"]');
    for (const f of ["hcl/main.tf", "cdktf/main.ts", "README.md"]) {
      const text = readFileSync(join(out, f), "utf8");
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain("fake-secret-key");
    }
  }, 60_000);

  it("snapshot --out, then check SNAPSHOT offline", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "haspec-cli-snap-")), "fleet.json");
    const snap = await haspec(["snapshot", "--out", out, "--region", "us-east-1", "--region", "eu-west-1", "--endpoint-url", fake.url], env);
    expect(snap.stderr).toBe("");
    expect(snap.code).toBe(0);
    expect(snap.stdout).toMatch(/^wrote .*fleet\.json: 1 account, 2 regions/);
    const text = readFileSync(out, "utf8");
    expect(text).not.toContain(PASSWORD);
    const check = await haspec(["check", "-p", POLICY, out, "--format", "json"], {});
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).sources[0].kind).toBe("snapshot");
  }, 60_000);

  it("loads the EC2 and Secrets Manager clients only for --region all and --db-secret-arn", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-cli-modules-"));
    const preload = join(dir, "list-modules.cjs");
    // Writes the CommonJS modules the process loaded (the SDK clients are CommonJS) when it exits.
    writeFileSync(preload, `process.on("exit", () => require("node:fs").writeFileSync(process.env.MODULES_OUT, JSON.stringify(Object.keys(require.cache))));\n`);
    const loaded = async (args: string[]) => {
      const list = join(dir, `modules-${args.length}.json`);
      const run = await haspec(["check", "--source", "aws", "--endpoint-url", fake.url, "-p", POLICY, ...args], { ...env, NODE_OPTIONS: `--require ${preload}`, MODULES_OUT: list });
      expect(run.code, run.stderr).toBe(1);
      const modules = JSON.parse(readFileSync(list, "utf8")) as string[];
      return (name: string) => modules.some((m) => m.includes(`/@aws-sdk/${name}/`));
    };
    const plain = await loaded(["--region", "us-east-1"]);
    expect(plain("client-rds")).toBe(true);
    expect(plain("client-ec2")).toBe(false);
    expect(plain("client-secrets-manager")).toBe(false);
    // A database policy judges no application tier: its clients (and their IAM permissions) are not needed.
    expect(plain("client-auto-scaling")).toBe(false);
    expect(plain("client-elastic-load-balancing-v2")).toBe(false);
    const everyRegion = await loaded(["--region", "all", "--region", "us-east-1"]);
    expect(everyRegion("client-ec2")).toBe(true);
  }, 60_000);

  it("check --source aws with the web-tier pack reads and judges the application tier; a snapshot keeps it", async () => {
    const statuses = (stdout: string) =>
      Object.fromEntries((JSON.parse(stdout) as { results: { rule: string; status: string; resource: { id: string } }[] }).results.map((r) => [`${r.resource.id} ${r.rule}`, r.status]));
    const run = await haspec(["check", "--source", "aws", "--region", "us-east-1", "--endpoint-url", fake.url, "-p", "policies/web-tier.yaml", "--format", "json"], env);
    expect(run.code, run.stderr).toBe(1);
    const live = statuses(run.stdout);
    expect(live).toMatchObject({ "web compute.min_azs": "pass", "batch compute.elb_health_check": "fail", "legacy-clb load_balancer.cross_zone": "fail", "i-0legacy compute.auto_recovery": "pass" });
    const out = join(mkdtempSync(join(tmpdir(), "haspec-cli-snap-")), "tier.json");
    const snap = await haspec(["snapshot", "--out", out, "--region", "us-east-1", "--endpoint-url", fake.url], env);
    expect(snap.code, snap.stderr).toBe(0);
    const offline = await haspec(["check", "-p", "policies/web-tier.yaml", out, "--format", "json"], {});
    expect(statuses(offline.stdout)).toEqual(live);
  }, 60_000);

  it("an unreachable endpoint exits 2 with the failed call named", async () => {
    const run = await haspec(["check", "--source", "aws", "--region", "us-east-1", "--endpoint-url", "http://127.0.0.1:9", "-p", POLICY], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/could not read any database/);
    expect(run.stderr).toMatch(/GetCallerIdentity failed/);
  }, 60_000);
});
