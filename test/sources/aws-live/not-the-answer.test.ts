// An endpoint that answers HTTP 200 with something that is not the API's answer (empty, HTML, another XML root, cut-off XML): a failed read, never an empty fleet.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { readLiveAws, scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { startFakeAws, type FakeAws, type FakeRequest, type HostileMode } from "../../support/fake-aws/server.js";
import { CLI_ENV, demoFleet, haspec, liveOptions, POLICY, TEST_DEPS } from "./support.js";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(hostile: (r: FakeRequest) => HostileMode | undefined): Promise<FakeAws> {
  fake = await startFakeAws(demoFleet(), { hostile });
  return fake;
}

const NOT_THE_ANSWER: readonly HostileMode[] = ["empty-200", "html-200", "wrong-root-200", "truncated-200"];

describe("an answer that is not the API's", () => {
  for (const mode of NOT_THE_ANSWER) {
    it(`${mode} to every call: nothing could be read (exit 2), never 0 resources`, async () => {
      const { url } = await serve(() => mode);
      const scan = scanLiveAws(liveOptions(url), TEST_DEPS);
      await expect(scan).rejects.toBeInstanceOf(UserError);
      const error = (await scan.catch((e: unknown) => e)) as UserError;
      expect(error.message).toMatch(/could not read any database/);
      expect(error.problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/GetCallerIdentity failed: .*\(HTTP 200\)/));
    });
  }

  it("empty 200s from RDS only (the caller is known): every place fails to list its clusters, so a database scan read nothing; with the application tier read, each place is a gap", async () => {
    const { url } = await serve((r) => (r.service === "rds" ? "empty-200" : undefined));
    const withTier = await readLiveAws(liveOptions(url), TEST_DEPS);
    expect(withTier.gaps).toContainEqual(expect.stringMatching(/^could not read 123456789012\/eu-west-1: DescribeDBClusters failed: .*\(HTTP 200\)/));
    expect(withTier.gaps).toContainEqual(expect.stringMatching(/^could not read 123456789012\/us-east-1: DescribeDBClusters failed: .*\(HTTP 200\)/));
    expect(withTier.resources.every((r) => r.compute !== undefined)).toBe(true);
    const error = (await scanLiveAws(liveOptions(url, { applicationTier: false }), TEST_DEPS).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/^could not read 123456789012\/eu-west-1: DescribeDBClusters failed: \w+ \(HTTP 200\): .*DBClusters/),
    );
  });

  it("an empty 200 to DescribeDBClusters in one region: that region is a gap (Not read), the other is judged", async () => {
    const { url } = await serve((r) => (r.action === "DescribeDBClusters" && r.region === "eu-west-1" ? "empty-200" : undefined));
    const inventory = await readLiveAws(liveOptions(url), TEST_DEPS);
    expect(inventory.gaps).toEqual([expect.stringMatching(/^could not read 123456789012\/eu-west-1: DescribeDBClusters failed: .*\(HTTP 200\)/)]);
    const regions = new Set(inventory.resources.map((r) => (r.region.known ? r.region.value : "?")));
    expect([...regions]).toEqual(["us-east-1"]);
  });

  it("an empty 200 to the Route 53 calls: DNS is unknown, not an account without records", async () => {
    const { url } = await serve((r) => (r.service === "route53" ? "empty-200" : undefined));
    const inventory = await readLiveAws(liveOptions(url), TEST_DEPS);
    expect(inventory.dnsRecords.known).toBe(false);
    if (!inventory.dnsRecords.known) expect(inventory.dnsRecords.reason).toMatch(/ListHostedZones failed/);
  });

  it("an empty 200 to the other RDS lists: each is unknown with its call named", async () => {
    const { url } = await serve((r) => (["DescribeEventSubscriptions", "DescribeDBProxies"].includes(r.action) ? "empty-200" : undefined));
    const inventory = await readLiveAws(liveOptions(url), TEST_DEPS);
    expect(inventory.eventSubscriptions.known).toBe(false);
    expect(inventory.proxies.known).toBe(false);
  });

  it("an empty 200 to AssumeRole: the role's account is not read (exit 2), never an account without databases", async () => {
    const { url } = await serve((r) => (r.action === "AssumeRole" ? "empty-200" : undefined));
    const error = await scanLiveAws(liveOptions(url, { roleArns: ["arn:aws:iam::123456789012:role/haspec-audit"] }), TEST_DEPS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/AssumeRole \(arn:aws:iam::123456789012:role\/haspec-audit\) failed/));
  });

  it("--region all against empty 200s: no region is listed, nothing was read", async () => {
    const { url } = await serve((r) => (r.service === "ec2" || r.service === "rds" ? "empty-200" : undefined));
    const error = await scanLiveAws(liveOptions(url, { regions: ["all"] }), TEST_DEPS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map((p) => p.message)).toContainEqual(expect.stringMatching(/DescribeRegions failed: .*\(HTTP 200\)/));
  });
});

describe("haspec CLI against an endpoint of empty 200s (after npm run build)", () => {
  it("check --source aws exits 2 and says nothing could be read, also with --fail-on-unknown and --region all", async () => {
    const { url } = await serve(() => "empty-200");
    for (const extra of [[], ["--fail-on-unknown"], ["--region", "all"]]) {
      const run = await haspec(["check", "--source", "aws", "--region", "us-east-1", "--endpoint-url", url, "-p", POLICY, ...extra], CLI_ENV);
      expect(run.code, `${extra.join(" ")}\n${run.stdout}${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/could not read any database/);
      expect(run.stdout).not.toMatch(/0 resources judged/);
    }
  }, 60_000);

  it("one region answered empty: the report lists it under Not read and --fail-on-unknown exits 1", async () => {
    const { url } = await serve((r) => (r.action === "DescribeDBClusters" && r.region === "eu-west-1" ? "empty-200" : undefined));
    const args = ["check", "--source", "aws", "--region", "us-east-1", "--region", "eu-west-1", "--endpoint-url", url, "-p", POLICY, "--fail-on-unknown", "--format", "json"];
    const run = await haspec(args, CLI_ENV);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout) as { gaps?: string[] };
    expect(report.gaps ?? []).toContainEqual(expect.stringMatching(/^could not read 123456789012\/eu-west-1: DescribeDBClusters failed/));
  }, 60_000);

  it("snapshot against empty 200s writes nothing and exits 2", async () => {
    const { url } = await serve(() => "empty-200");
    const out = join(mkdtempSync(join(tmpdir(), "haspec-empty-200-")), "fleet.json");
    const run = await haspec(["snapshot", "--out", out, "--region", "us-east-1", "--endpoint-url", url], CLI_ENV);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/could not read any database/);
  }, 60_000);

  it("a snapshot taken while one region answered empty keeps the gap: checking it with --fail-on-unknown exits 1", async () => {
    const { url } = await serve((r) => (r.action === "DescribeDBClusters" && r.region === "eu-west-1" ? "empty-200" : undefined));
    const out = join(mkdtempSync(join(tmpdir(), "haspec-empty-200-")), "fleet.json");
    const snap = await haspec(["snapshot", "--out", out, "--region", "us-east-1", "--region", "eu-west-1", "--endpoint-url", url], CLI_ENV);
    expect(snap.code, snap.stderr).toBe(0);
    const check = await haspec(["check", "-p", POLICY, out, "--fail-on-unknown", "--format", "json"], {});
    expect(check.code, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout) as { gaps?: string[] };
    expect(report.gaps ?? []).toContainEqual(expect.stringMatching(/eu-west-1: DescribeDBClusters failed/));
  }, 60_000);
});
