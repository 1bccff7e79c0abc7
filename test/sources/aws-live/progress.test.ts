// The progress display on stderr: regions/accounts done and calls made on a TTY, nothing with --quiet or without a TTY.
import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main, type Io } from "../../../src/cli/main.js";
import { scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { progressDisplay } from "../../../src/sources/aws-live/progress.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { demoFleet, liveOptions, POLICY, TEST_DEPS } from "./support.js";

/** A stream that keeps what is written; `isTTY` as a terminal's stderr has it. */
function stream(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const w = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(w, { isTTY, text: () => chunks.join("") });
}

/** What the terminal shows at the end: the last redraw of each line. */
function lastLine(text: string): string {
  const lines = text.split("\n").filter((l) => l !== "");
  // eslint-disable-next-line no-control-regex
  return (lines.at(-1) ?? "").split("\r").at(-1)!.replace(/\u001b\[2K/g, "");
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  vi.unstubAllEnvs();
});

describe("progressDisplay", () => {
  it("redraws in place with regions/accounts done and calls made, at most every 100 ms, and ends the line", () => {
    const out = stream(true);
    const calls = new Map<string, number>();
    let t = 1_000;
    const p = progressDisplay(out, () => calls, () => t);
    p.onEvent({ kind: "places", total: 3 });
    expect(lastLine(out.text())).toBe("haspec: 0/3 regions and accounts scanned, 0 calls");
    calls.set("DescribeDBClusters", 1);
    t += 10;
    p.tick(); // within 100 ms of the last draw: not redrawn
    expect(lastLine(out.text())).toBe("haspec: 0/3 regions and accounts scanned, 0 calls");
    t += 100;
    p.tick();
    expect(lastLine(out.text())).toBe("haspec: 0/3 regions and accounts scanned, 1 call");
    calls.set("DescribeDBInstances", 4);
    t += 150;
    p.onEvent({ kind: "place-done" });
    expect(lastLine(out.text())).toBe("haspec: 1/3 regions and accounts scanned, 5 calls");
    p.onEvent({ kind: "place-done" });
    p.onEvent({ kind: "place-done" }); // the last one is always drawn
    expect(lastLine(out.text())).toBe("haspec: 3/3 regions and accounts scanned, 5 calls");
    expect(out.text()).not.toMatch(/\n./); // one line, redrawn with \r
    p.finish();
    expect(out.text().endsWith("\n")).toBe(true);
    expect(out.text().split("\r").every((part) => part === "" || part.startsWith("\u001b[2K"))).toBe(true);
  });

  it("names the call it has waited for longest once it is slow, and redraws its waiting time every second", () => {
    const out = stream(true);
    let t = 1_000;
    let tick: (() => void) | undefined;
    const clock = {
      setInterval: ((fn: () => void) => ((tick = fn), 1)) as unknown as typeof setInterval,
      clearInterval: (() => (tick = undefined)) as typeof clearInterval,
    };
    const p = progressDisplay(out, () => new Map([["DescribeDBClusters", 2]]), () => t, clock);
    p.onEvent({ kind: "places", total: 2 });
    const clusters = p.started({ service: "rds", operation: "DescribeDBClusters", region: "us-east-1" });
    t += 500;
    const zones = p.started({ service: "route53", operation: "ListHostedZones", region: "" });
    t += 1_000;
    tick!();
    expect(lastLine(out.text())).toBe("haspec: 0/2 regions and accounts scanned, 2 calls"); // 1.5 s: not slow yet
    t += 10_500;
    tick!();
    expect(lastLine(out.text())).toBe("haspec: 0/2 regions and accounts scanned, 2 calls; waiting for rds DescribeDBClusters us-east-1 (12 s) and 1 more");
    clusters();
    t += 1_000;
    tick!();
    expect(lastLine(out.text())).toBe("haspec: 0/2 regions and accounts scanned, 2 calls; waiting for route53 ListHostedZones (12 s)");
    zones();
    expect(tick).toBeUndefined(); // no call out: the timer is stopped
    p.finish();
  });

  it("writes nothing when nothing was drawn", () => {
    const out = stream(true);
    progressDisplay(out, () => new Map()).finish();
    expect(out.text()).toBe("");
  });
});

describe("progress of a live scan", () => {
  it("shows every region and account done and the calls the scan made when given a TTY-like stream", async () => {
    fake = await startFakeAws(demoFleet());
    const err = stream(true);
    const bundle = await scanLiveAws(liveOptions(fake.url, { progress: err }), TEST_DEPS);
    const made = Object.values(bundle.calls ?? {}).reduce((a, b) => a + b, 0);
    expect(made).toBe(fake.log.length);
    // Two regions and Route 53 of the one account.
    expect(lastLine(err.text())).toBe(`haspec: 3/3 regions and accounts scanned, ${made} calls`);
    expect(err.text().endsWith("\n")).toBe(true);
  });

  it("says which call it is waiting for while a server stalls, before the call times out", async () => {
    fake = await startFakeAws(demoFleet(), { hostile: (r) => (r.action === "DescribeDBClusters" && r.region === "us-east-1" ? "stall-after-headers" : undefined) });
    const err = stream(true);
    const inventory = await scanLiveAws(liveOptions(fake.url, { regions: ["us-east-1"], progress: err }), { ...TEST_DEPS, responseTimeoutMs: 3_500 });
    expect(err.text()).toMatch(/; waiting for rds DescribeDBClusters us-east-1 \([23] s\)/);
    expect(inventory.errors).toContainEqual(expect.objectContaining({ call: "DescribeDBClusters", error: expect.stringMatching(/^ResponseTimeout/) }));
  }, 20_000);

  it("writes nothing without a progress stream", async () => {
    fake = await startFakeAws(demoFleet());
    const write = vi.spyOn(process.stderr, "write");
    try {
      await scanLiveAws(liveOptions(fake.url), TEST_DEPS);
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
    }
  });
});

describe("haspec check --source aws: progress on stderr", () => {
  async function check(extra: readonly string[], stderr: ReturnType<typeof stream>) {
    fake ??= await startFakeAws(demoFleet());
    // The default credential chain reads these from the process environment.
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAFAKEFAKEFAKE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "fake-secret-key");
    vi.stubEnv("AWS_SESSION_TOKEN", "");
    vi.stubEnv("AWS_PROFILE", "");
    vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
    const stdout = stream(false);
    const io: Io = { stdout, stderr, env: { ...process.env }, cwd: process.cwd(), now: () => new Date("2026-11-22T12:00:00Z") };
    const code = await main(["check", "--source", "aws", "--region", "us-east-1", "--endpoint-url", fake.url, "-p", POLICY, "--format", "json", ...extra], io);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it("draws the progress line when stderr is a TTY", async () => {
    const run = await check([], stream(true));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/haspec: 2\/2 regions and accounts scanned, \d+ calls\n/);
    expect(run.stdout).not.toContain("regions and accounts scanned");
  });

  it("is silent with --quiet, even on a TTY", async () => {
    const run = await check(["--quiet"], stream(true));
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain("regions and accounts scanned");
    expect(run.stderr).not.toContain("\r");
  });

  it("is silent when stderr is not a TTY", async () => {
    const run = await check([], stream(false));
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain("regions and accounts scanned");
    expect(run.stderr).not.toContain("\r");
  });
});
