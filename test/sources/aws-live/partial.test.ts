// Partial failure is a result: AccessDenied, a region that times out or resets, and an unreachable endpoint leave exactly the affected rules unknown, never pass.
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { readLiveAws } from "../../../src/sources/aws-live/index.js";
import { startFakeAws, type FakeAws, type FakeRequest } from "../../support/fake-aws/server.js";
import { demoFleet, liveOptions, TEST_DEPS, verdicts } from "./support.js";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function scanWith(deny: ((r: FakeRequest) => boolean) | undefined, extra: Parameters<typeof startFakeAws>[1] = {}, deps = {}) {
  fake = await startFakeAws(demoFleet(), { ...(deny === undefined ? {} : { deny }), ...extra });
  const inventory = await readLiveAws(liveOptions(fake.url), { ...TEST_DEPS, ...deps });
  await fake.close();
  fake = undefined;
  return inventory;
}

async function clean() {
  return verdicts(await scanWith(undefined));
}

/** Keys whose status changed; each must now be unknown (a failure may hide a pass or a fail, never make one). */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, s] of after) {
    if (before.get(k) === s) continue;
    expect(`${k} ${s}`).toBe(`${k} unknown`);
    out.push(k);
  }
  return out.sort();
}

const regionOf = (key: string, regionById: Map<string, string>) => regionById.get(key.split("|")[1]!);

describe("partial failure", () => {
  it("AccessDenied on DescribeEventSubscriptions: events.subscribed unknown for exactly that region's resources", async () => {
    const before = await clean();
    const inventory = await scanWith((r) => r.action === "DescribeEventSubscriptions" && r.region === "eu-west-1");
    const after = await verdicts(inventory);
    const regionById = new Map(inventory.resources.map((r) => [r.id, r.region.known ? r.region.value : "?"]));
    const moved = changed(before, after);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((k) => k.endsWith("|events.subscribed") && regionOf(k, regionById) === "eu-west-1")).toBe(true);
    // every eu-west-1 events result that was judged is now unknown; us-east-1 is still judged
    for (const [k, s] of after) {
      if (!k.endsWith("|events.subscribed")) continue;
      if (regionOf(k, regionById) === "eu-west-1") expect(["unknown", "not_applicable", "waived"]).toContain(s);
      else expect(s).toBe(before.get(k));
    }
    expect(inventory.notes).toContainEqual(expect.stringMatching(/^could not read 123456789012\/eu-west-1: DescribeEventSubscriptions failed: AccessDenied \(HTTP 403\)/));
  });

  it("AccessDenied on DescribeEventSubscriptions everywhere: the reason names the call and the error", async () => {
    const inventory = await scanWith((r) => r.action === "DescribeEventSubscriptions");
    expect(inventory.eventSubscriptions.known).toBe(false);
    if (!inventory.eventSubscriptions.known) expect(inventory.eventSubscriptions.reason).toMatch(/DescribeEventSubscriptions failed: AccessDenied/);
    const after = await verdicts(inventory);
    const events = [...after].filter(([k]) => k.endsWith("|events.subscribed"));
    expect(events.every(([, s]) => s === "unknown" || s === "not_applicable" || s === "waived")).toBe(true);
  });

  it("AccessDenied on one parameter group: binlog.formats unknown only for its cluster", async () => {
    const before = await clean();
    const after = await verdicts(await scanWith((r) => r.action === "DescribeDBClusterParameters" && r.params["DBClusterParameterGroupName"] === "orders-prod-aurora-mysql80"));
    expect(changed(before, after)).toEqual(expect.arrayContaining([expect.stringMatching(/\|orders-prod\|binlog\.formats$/)]));
    expect(changed(before, after).every((k) => k.includes("|orders-prod|"))).toBe(true);
  });

  it("AccessDenied on DescribeDBProxyTargets: proxy.required unknown in that region, not pass", async () => {
    const before = await clean();
    const after = await verdicts(await scanWith((r) => r.action === "DescribeDBProxyTargets"));
    const moved = changed(before, after);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((k) => k.endsWith("|proxy.required"))).toBe(true);
  });

  it("AccessDenied on Route 53: every DNS rule unknown, and the recovery times that hang on a CNAME's TTL", async () => {
    const before = await clean();
    const inventory = await scanWith((r) => r.service === "route53");
    const moved = changed(before, await verdicts(inventory));
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((k) => /\|dns\.|\|objectives\.rto$/.test(k))).toBe(true);
    expect(inventory.dnsRecords.known).toBe(false);
  });

  it("a region that times out is reported, the other judged as before", async () => {
    const before = await clean();
    const inventory = await scanWith(undefined, { hang: (r) => r.region === "eu-west-1" && r.service === "rds" }, { responseTimeoutMs: 300, maxAttempts: 2 });
    const after = await verdicts(inventory);
    expect(inventory.resources.every((r) => r.region.known && r.region.value === "us-east-1")).toBe(true);
    for (const [k, s] of after) expect(s).toBe(before.get(k));
    expect(inventory.notes).toContainEqual(expect.stringMatching(/^could not read 123456789012\/eu-west-1: DescribeDBClusters failed: ResponseTimeout.*not checked at all/));
  });

  it("a region whose connections reset is reported, no crash", async () => {
    const inventory = await scanWith(undefined, { reset: (r) => r.region === "eu-west-1" && r.service === "rds" }, { maxAttempts: 2 });
    expect(inventory.resources.length).toBeGreaterThan(0);
    expect(inventory.notes.filter((n) => n.includes("eu-west-1: Describe")).length).toBe(5); // clusters, instances, events, proxies, global clusters
  });

  it("an unreachable endpoint reads nothing: a UserError (exit 2) naming the failed calls", async () => {
    const options = liveOptions("http://127.0.0.1:9", { regions: ["us-east-1"] });
    const error = await readLiveAws(options, { ...TEST_DEPS, maxAttempts: 1, connectTimeoutMs: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/could not read any database/);
    expect((error as UserError).problems.map((p) => p.message).join("\n")).toMatch(/GetCallerIdentity failed/);
  });

  it("a caller identity that cannot be read drops what the same credentials read alongside it: exit 2 naming only GetCallerIdentity", async () => {
    fake = await startFakeAws(demoFleet(), { deny: (r) => r.action === "GetCallerIdentity", latencyMs: (r) => (r.action === "GetCallerIdentity" ? 40 : 0) });
    const error = await readLiveAws(liveOptions(fake.url), TEST_DEPS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems.map((p) => p.message)).toEqual([expect.stringMatching(/GetCallerIdentity failed: AccessDenied/)]);
    // The reads went out alongside the identity call (and succeeded), yet nothing of them is reported.
    expect(fake.log.some((r) => r.action === "DescribeDBClusters" && r.status === 200)).toBe(true);
  });

  it("no region at all is a usage error", async () => {
    const options = { ...liveOptions("http://127.0.0.1:9"), regions: [], env: { AWS_CONFIG_FILE: "/nonexistent", AWS_REGION: "" } };
    await expect(readLiveAws(options, { ...TEST_DEPS, maxAttempts: 1 })).rejects.toThrow(/no region to scan/);
  });
});
