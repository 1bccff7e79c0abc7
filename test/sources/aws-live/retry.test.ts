// The adaptive retry mode as the scan configures it: one rate limiter per client, with a floor under its sending rate.
import { describe, expect, it } from "vitest";
import { ADAPTIVE_MIN_RATE, createClientFactory, loadSdk } from "../../../src/sources/aws-live/clients.js";
import { TEST_DEPS } from "./support.js";

describe("retries of the live scan's clients", () => {
  it("use the SDK's adaptive mode, a rate limiter per account/region client, floored at ADAPTIVE_MIN_RATE", async () => {
    const clients = createClientFactory(await loadSdk(), { env: {}, endpointUrl: "http://127.0.0.1:9", credentials: TEST_DEPS.credentials!, maxAttempts: 6 });
    try {
      const creds = clients.baseCredentials();
      const a = (await clients.rds("eu-west-1", creds).config.retryStrategy()) as unknown as { mode: string; rateLimiter: { minFillRate: number }; maxAttemptsProvider(): Promise<number> };
      const b = (await clients.rds("us-east-1", creds).config.retryStrategy()) as unknown as typeof a;
      expect(a.mode).toBe("adaptive");
      expect(a.rateLimiter.minFillRate).toBe(ADAPTIVE_MIN_RATE);
      expect(ADAPTIVE_MIN_RATE).toBeGreaterThan(0.5); // above the SDK default, which one early throttle drops a client to
      expect(await a.maxAttemptsProvider()).toBe(6);
      expect(b.rateLimiter).not.toBe(a.rateLimiter);
      expect(clients.rds("eu-west-1", creds)).toBe(clients.rds("eu-west-1", creds)); // one client per (region, credentials)
    } finally {
      clients.destroy();
    }
  });
});
