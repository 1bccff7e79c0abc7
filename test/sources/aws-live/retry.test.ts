// The SDK's adaptive retry mode on every scan client: one rate limiter per client, engaged by the throttling the test server answers with.
import { afterEach, describe, expect, it } from "vitest";
import { createClientFactory, loadSdk } from "../../../src/sources/aws-live/clients.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { demoFleet, TEST_DEPS } from "./support.js";

/** What the test reads of the SDK's adaptive retry strategy. */
interface AdaptiveStrategy {
  readonly mode: string;
  readonly rateLimiter: { readonly enabled: boolean };
  maxAttemptsProvider(): Promise<number>;
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("retries of the live scan's clients", () => {
  it("use the SDK's adaptive mode with the scan's attempts, and a rate limiter per account/region client", async () => {
    const clients = createClientFactory(await loadSdk(), { env: {}, endpointUrl: "http://127.0.0.1:9", credentials: TEST_DEPS.credentials!, maxAttempts: 6 });
    try {
      const creds = clients.baseCredentials();
      const a = (await clients.rds("eu-west-1", creds).config.retryStrategy()) as unknown as AdaptiveStrategy;
      const b = (await clients.rds("us-east-1", creds).config.retryStrategy()) as unknown as AdaptiveStrategy;
      const r53 = (await clients.route53(creds).config.retryStrategy()) as unknown as AdaptiveStrategy;
      expect([a.mode, b.mode, r53.mode]).toEqual(["adaptive", "adaptive", "adaptive"]);
      expect(await a.maxAttemptsProvider()).toBe(6);
      expect(b.rateLimiter).not.toBe(a.rateLimiter);
      expect(clients.rds("eu-west-1", creds)).toBe(clients.rds("eu-west-1", creds)); // one client per (region, credentials)
    } finally {
      clients.destroy();
    }
  });

  it("slow down after the server's throttling answers and retry until every page is read", async () => {
    fake = await startFakeAws(demoFleet(), { throttleRate: 0.5 });
    const sdk = await loadSdk();
    const clients = createClientFactory(sdk, { env: {}, endpointUrl: fake.url, credentials: TEST_DEPS.credentials!, maxAttempts: 10 });
    try {
      const rds = clients.rds("us-east-1", clients.baseCredentials());
      const ids: string[] = [];
      for await (const page of sdk.rds.paginateDescribeDBClusters({ client: rds, pageSize: 1 }, {})) {
        for (const c of page.DBClusters ?? []) ids.push(c.DBClusterIdentifier!);
      }
      expect(ids.sort()).toEqual(demoFleet().accounts["123456789012"]!.regions["us-east-1"]!.DBClusters.map((c) => String(c["DBClusterIdentifier"])).sort());
      const calls = fake.log.filter((r) => r.action === "DescribeDBClusters");
      expect(calls.filter((r) => r.fault === "throttle").length).toBeGreaterThan(0);
      expect(calls.filter((r) => r.fault === undefined)).toHaveLength(ids.length); // each page answered once
      const strategy = (await rds.config.retryStrategy()) as unknown as AdaptiveStrategy;
      expect(strategy.rateLimiter.enabled).toBe(true); // the token bucket is on once a throttle was seen
    } finally {
      clients.destroy();
    }
  }, 60_000);
});
