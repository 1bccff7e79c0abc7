// Snapshot bundles: written from a live scan, read back offline with the same verdicts (capture time included); deterministic and validated.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { readLiveAws, scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { detectSource } from "../../../src/sources/index.js";
import { readSnapshot, serializeBundle, writeSnapshotFile } from "../../../src/sources/snapshot/index.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { demoFleet, liveOptions, TEST_DEPS, verdicts } from "../aws-live/support.js";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const dir = mkdtempSync(join(tmpdir(), "haspec-snapshot-"));

describe("snapshot bundle", () => {
  it("round trip: the snapshot gives the live scan's verdicts, PITR lag included", async () => {
    fake = await startFakeAws(demoFleet(), { deny: (r) => r.action === "DescribeEventSubscriptions" && r.region === "eu-west-1" });
    const live = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    const bundle = await scanLiveAws(liveOptions(fake.url), TEST_DEPS);
    const file = join(dir, "round-trip.json");
    writeFileSync(file, serializeBundle(bundle));
    expect(await detectSource(file)).toBe("snapshot");
    const offline = await readSnapshot([file], { cwd: "/" });
    expect(await verdicts(offline)).toEqual(await verdicts(live));
    expect(offline.capturedAt).toEqual(live.capturedAt);
    expect(offline.notes).toEqual(live.notes);
    expect(offline.sources).toEqual([{ kind: "snapshot", location: file }]);
  });

  it("is deterministic and starts with haspecSnapshot (detected in the first 4 KB)", async () => {
    fake = await startFakeAws(demoFleet(), { throttleRate: 0.1 });
    const a = serializeBundle(await scanLiveAws(liveOptions(fake.url), { ...TEST_DEPS, concurrency: 1 }));
    const b = serializeBundle(await scanLiveAws(liveOptions(fake.url), { ...TEST_DEPS, concurrency: 8 }));
    const strip = (s: string) => s.replace(/"calls": \{[^}]*\}/, "");
    expect(strip(a)).toEqual(strip(b));
    expect(a.startsWith('{\n  "haspecSnapshot": 1,\n  "tool": {\n    "name": "haspec"')).toBe(true);
    const doc = JSON.parse(a);
    expect(Object.keys(doc)).toEqual(["haspecSnapshot", "tool", "capturedAt", "accounts", "regions", "calls", "data", "errors"]);
    expect(Object.keys(doc.data)).toEqual(["123456789012/eu-west-1", "123456789012/route53", "123456789012/us-east-1"]);
    expect(doc.data["123456789012/us-east-1"].DBClusters[0].LatestRestorableTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Only CNAMEs are kept from Route 53.
    const records = Object.values(doc.data["123456789012/route53"].ResourceRecordSets as Record<string, { Type: string }[]>).flat();
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.Type === "CNAME")).toBe(true);
  });

  it("writeSnapshotFile writes the file and returns a one-line summary", async () => {
    fake = await startFakeAws(demoFleet());
    const out = join(dir, "written.json");
    // writeSnapshotFile uses the production dependencies: credentials come from the environment.
    process.env["AWS_ACCESS_KEY_ID"] ??= "AKIAFAKEFAKEFAKE";
    process.env["AWS_SECRET_ACCESS_KEY"] ??= "fake-secret-key";
    const summary = await writeSnapshotFile(liveOptions(fake.url), out);
    // 19 for the databases, 6 per region for the application tier, and in us-east-1 the demo's NLB's attributes and one DescribeTags for its two load balancers.
    expect(summary).toMatch(/^wrote .*written\.json: 1 account, 2 regions, \d+ clusters, \d+ instances, 33 API calls, captured 2026-11-22T03:00:00.000Z; 1 call failed/);
    expect(summary).not.toContain("\n");
    expect(JSON.parse(readFileSync(out, "utf8")).haspecSnapshot).toBe(1);
  });

  it("rejects what is not a snapshot it can read, naming the key", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ haspecSnapshot: 99, capturedAt: "2026-11-22T03:00:00Z", data: {}, errors: [] }));
    await expect(readSnapshot([file], { cwd: "/" })).rejects.toThrow(/format 1/);
    writeFileSync(file, JSON.stringify({ haspecSnapshot: 1, capturedAt: "yesterday", data: {}, errors: [] }));
    await expect(readSnapshot([file], { cwd: "/" })).rejects.toBeInstanceOf(UserError);
    writeFileSync(file, JSON.stringify({ haspecSnapshot: 1, capturedAt: "2026-11-22T03:00:00Z", data: { "1/us-east-1": { DBClusters: {} } }, errors: [] }));
    await expect(readSnapshot([file], { cwd: "/" })).rejects.toThrow(/DBClusters is not a list/);
  });

  it("merges snapshots of one capture, refuses different capture times", async () => {
    fake = await startFakeAws(demoFleet());
    const east = serializeBundle(await scanLiveAws(liveOptions(fake.url, { regions: ["us-east-1"] }), TEST_DEPS));
    const west = serializeBundle(await scanLiveAws(liveOptions(fake.url, { regions: ["eu-west-1"] }), TEST_DEPS));
    const both = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    writeFileSync(join(dir, "east.json"), east);
    writeFileSync(join(dir, "west.json"), west);
    const merged = await readSnapshot(["east.json", "west.json"], { cwd: dir });
    expect(await verdicts(merged)).toEqual(await verdicts(both));
    writeFileSync(join(dir, "later.json"), west.replace("2026-11-22T03:00:00.000Z", "2026-11-22T04:00:00.000Z"));
    await expect(readSnapshot(["east.json", "later.json"], { cwd: dir })).rejects.toThrow(/different times/);
  });
});
