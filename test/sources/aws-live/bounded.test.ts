// Bounded waits and memory: a server that stalls after its headers, trickles a byte a second, never answers or streams forever ends the scan within the limits, never green.
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { progressFeed } from "../../../src/tui/progress-feed.js";
import { limitsFromEnv, readLiveAws, scanLiveAws, type LiveScanDeps } from "../../../src/sources/aws-live/index.js";
import { startFakeAws, type FakeAws, type FakeAwsOptions } from "../../support/fake-aws/server.js";
import { CLI_ENV, demoFleet, haspec, liveOptions, POLICY, TEST_DEPS } from "./support.js";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Small limits so each hostile case takes about a second and a half. */
const LIMITS: Partial<LiveScanDeps> = { ...TEST_DEPS, connectTimeoutMs: 500, responseTimeoutMs: 1_500, maxResponseBytes: 256 << 10, maxAttempts: 3 };
/** The scan's end, with the limits above: one answer's deadline and some slack for a loaded machine. */
const BOUND_MS = 6_000;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T | undefined; error: unknown }> {
  const start = performance.now();
  try {
    const value = await run();
    return { ms: performance.now() - start, value, error: undefined };
  } catch (error) {
    return { ms: performance.now() - start, value: undefined, error };
  }
}

const problems = (error: unknown) => (error as UserError).problems.map((p) => p.message).join("\n");

const EVERY_CALL: Record<string, { options: FakeAwsOptions; reason: RegExp }> = {
  "stalls after its headers": { options: { hostile: () => "stall-after-headers" }, reason: /ResponseTimeout.*no complete answer within 1500 ms/ },
  "trickles one byte a second": { options: { hostile: () => "trickle" }, reason: /ResponseTimeout.*no complete answer within 1500 ms/ },
  "never answers": { options: { hang: () => true }, reason: /ResponseTimeout.*no complete answer within 1500 ms/ },
  "streams an endless body": { options: { hostile: () => "endless-body" }, reason: /ResponseTooLarge.*past the 256 KiB/ },
};

describe("a server that does not end its answers", () => {
  for (const [what, { options, reason }] of Object.entries(EVERY_CALL)) {
    it(`${what}: the scan ends within one answer's deadline, reads nothing (exit 2) and says why`, async () => {
      fake = await startFakeAws(demoFleet(), options);
      const { ms, error } = await timed(() => scanLiveAws(liveOptions(fake!.url), LIMITS));
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toMatch(/could not read any database/);
      expect(problems(error)).toMatch(reason);
      expect(ms).toBeLessThan(BOUND_MS);
      // Not retried: one request per call.
      expect(fake.log.filter((r) => r.action === "GetCallerIdentity")).toHaveLength(1);
    }, 20_000);
  }

  it("an endless body stops being read at the cap: the server could send little more than the cap and the socket buffers", async () => {
    fake = await startFakeAws(demoFleet(), { hostile: (r) => (r.action === "DescribeDBClusters" ? "endless-body" : undefined) });
    const { ms, value } = await timed(() => readLiveAws(liveOptions(fake!.url, { regions: ["us-east-1"] }), LIMITS));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value?.gaps).toEqual([expect.stringMatching(/^could not read 123456789012\/us-east-1: DescribeDBClusters failed: ResponseTooLarge/)]);
    const sent = fake.hostileBytesSent();
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.hostileBytesSent()).toBe(sent); // the connection is closed: nothing more goes out
    expect(sent).toBeLessThan(16 << 20);
  }, 20_000);

  it("--region all over 17 regions that all stall (a database scan): the places are read 8 at a time, so the scan ends after 3 answer deadlines", async () => {
    const regions = ["ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"];
    fake = await startFakeAws(demoFleet(), { enabledRegions: regions, hostile: (r) => (r.service === "rds" ? "stall-after-headers" : undefined) });
    const { ms, error } = await timed(() => scanLiveAws(liveOptions(fake!.url, { regions: ["all"], applicationTier: false }), { ...LIMITS, responseTimeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(UserError);
    expect(problems(error).match(/DescribeDBClusters failed: ResponseTimeout/g)).toHaveLength(17);
    expect(ms).toBeGreaterThan(3_000 - 100);
    expect(ms).toBeLessThan(3_000 + 3_000);
  }, 20_000);

  it("a body longer than the cap by its Content-Length fails without being read", async () => {
    fake = await startFakeAws(demoFleet(), {});
    const { value } = await timed(() => readLiveAws(liveOptions(fake!.url, { regions: ["us-east-1"] }), { ...LIMITS, maxResponseBytes: 100 }));
    expect(value).toBeUndefined(); // every answer of the demo fleet is longer than 100 bytes
  });

  it("one region that stalls is a gap with its reason; the other region is judged", async () => {
    fake = await startFakeAws(demoFleet(), { hostile: (r) => (r.service === "rds" && r.region === "eu-west-1" ? "trickle" : undefined) });
    const { ms, value } = await timed(() => readLiveAws(liveOptions(fake!.url), LIMITS));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value?.gaps).toContainEqual(expect.stringMatching(/^could not read 123456789012\/eu-west-1: DescribeDBClusters failed: ResponseTimeout/));
    expect(value?.resources.length).toBeGreaterThan(0);
    expect(value?.resources.every((r) => r.region.known && r.region.value === "us-east-1")).toBe(true);
  }, 20_000);
});

describe("pagination that does not end", () => {
  it("an endpoint that always names a new next page: the call stops after the page limit and its place is a gap", async () => {
    fake = await startFakeAws(demoFleet(), { hostile: (r) => (r.action === "DescribeDBClusters" ? "endless-pages" : undefined) });
    const { ms, value } = await timed(() => readLiveAws(liveOptions(fake!.url, { regions: ["us-east-1"] }), { ...LIMITS, maxPages: 20 }));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value?.gaps).toEqual([expect.stringMatching(/DescribeDBClusters failed: .*named a next page after 20 pages: its pagination does not end/)]);
    expect(fake.log.filter((r) => r.action === "DescribeDBClusters")).toHaveLength(20);
  }, 20_000);
});

describe("stopping a scan", () => {
  it("the interactive UI quit while loading (its progress stream closed): the calls in flight end at once and the scan says it was stopped", async () => {
    fake = await startFakeAws(demoFleet(), { hostile: (r) => (r.service === "rds" ? "stall-after-headers" : undefined) });
    const feed = progressFeed();
    setTimeout(() => feed.cancel(), 300);
    const { ms, error } = await timed(() => scanLiveAws(liveOptions(fake!.url, { progress: feed.stream }), { ...LIMITS, responseTimeoutMs: 15_000 }));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/the live scan was stopped before it finished.*nothing was checked/);
    expect(ms).toBeLessThan(3_000);
  }, 20_000);
});

describe("the limits", () => {
  it("by default a server that never answers is given up on after 20 s, well under the 2 minutes promised", async () => {
    fake = await startFakeAws(demoFleet(), { hang: () => true });
    const { ms, error } = await timed(() => scanLiveAws(liveOptions(fake!.url, { regions: ["us-east-1"] }), { credentials: TEST_DEPS.credentials! }));
    expect(problems(error)).toMatch(/ResponseTimeout.*no complete answer within 20 s/);
    expect(ms).toBeGreaterThan(19_000);
    expect(ms).toBeLessThan(30_000);
  }, 60_000);

  it("are read from HASPEC_AWS_* variables; a value that is not a positive whole number is a usage error", () => {
    expect(limitsFromEnv({})).toEqual({});
    expect(
      limitsFromEnv({ HASPEC_AWS_CONNECT_TIMEOUT_MS: "700", HASPEC_AWS_RESPONSE_TIMEOUT_MS: "9000", HASPEC_AWS_MAX_RESPONSE_BYTES: "1048576", HASPEC_AWS_MAX_ATTEMPTS: "2" }),
    ).toEqual({ connectTimeoutMs: 700, responseTimeoutMs: 9_000, maxResponseBytes: 1 << 20, maxAttempts: 2 });
    for (const bad of ["0", "-1", "1.5", "10s", "1e9"]) {
      expect(() => limitsFromEnv({ HASPEC_AWS_RESPONSE_TIMEOUT_MS: bad })).toThrow(/HASPEC_AWS_RESPONSE_TIMEOUT_MS must be a positive whole number/);
    }
  });
});

describe("haspec CLI against a server that stalls (after npm run build)", () => {
  it("check --source aws ends within the response timeout set in the environment, exit 2, the reason on stderr", async () => {
    fake = await startFakeAws(demoFleet(), { hostile: () => "stall-after-headers" });
    const start = performance.now();
    const run = await haspec(["check", "--source", "aws", "--region", "us-east-1", "--endpoint-url", fake.url, "-p", POLICY, "--fail-on-unknown"], {
      ...CLI_ENV,
      HASPEC_AWS_RESPONSE_TIMEOUT_MS: "1500",
    });
    expect(performance.now() - start).toBeLessThan(BOUND_MS + 3_000); // plus the CLI's start
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/could not read any database/);
    expect(run.stderr).toMatch(/GetCallerIdentity failed: ResponseTimeout/);
  }, 30_000);
});
