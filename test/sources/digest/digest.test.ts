import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { REPO } from "../../support/run-cli.js";
import { digestInput, digestInputsInBackground, forgetDigestedBytes, takeDigestedBytes } from "../../../src/sources/digest.js";

describe("input digests", () => {
  it("a file's digest is the sha256 of its bytes", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    writeFileSync(join(dir, "a.json"), "abc");
    expect(digestInput("a.json", dir)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("a directory's digest changes when any file is changed, added or renamed, and ignores .terraform", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    mkdirSync(join(dir, "us-east-1"));
    writeFileSync(join(dir, "us-east-1", "describe-db-clusters.json"), '{"DBClusters":[]}');
    const first = digestInput(".", dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(digestInput(".", dir)).toBe(first);

    mkdirSync(join(dir, ".terraform"));
    writeFileSync(join(dir, ".terraform", "provider.bin"), "x");
    expect(digestInput(".", dir)).toBe(first);

    writeFileSync(join(dir, "us-east-1", "describe-db-clusters.json"), '{"DBClusters":[{}]}');
    const changed = digestInput(".", dir);
    expect(changed).not.toBe(first);
    renameSync(join(dir, "us-east-1"), join(dir, "eu-west-1"));
    expect(digestInput(".", dir)).not.toBe(changed);
  });

  it("is undefined for an input that cannot be read", () => {
    expect(digestInput("no/such/file", tmpdir())).toBeUndefined();
  });

  it("hands a small file's bytes to the source once, so a plan is read from disk once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-digest-"));
    writeFileSync(join(dir, "plan.json"), '{"format_version":"1.2"}');
    const digests = await digestInputsInBackground(["plan.json"], dir);
    // Hashed off the main thread (WebCrypto) to the same sha256 as the synchronous digest.
    expect(digests.get("plan.json")).toBe(digestInput("plan.json", dir));
    expect((await takeDigestedBytes(join(dir, "plan.json")))?.toString("utf8")).toBe('{"format_version":"1.2"}');
    expect(takeDigestedBytes(join(dir, "plan.json"))).toBeUndefined();
    await digestInputsInBackground(["plan.json"], dir);
    forgetDigestedBytes();
    expect(takeDigestedBytes(join(dir, "plan.json"))).toBeUndefined();
  });

  it("digests a file and a directory given together, each as when given alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-digest-"));
    mkdirSync(join(dir, "fleet"));
    writeFileSync(join(dir, "fleet", "describe-db-clusters.json"), '{"DBClusters":[]}');
    writeFileSync(join(dir, "plan.json"), '{"format_version":"1.2"}');
    const digests = await digestInputsInBackground(["plan.json", "fleet", "missing.json"], dir);
    forgetDigestedBytes();
    expect(digests.get("plan.json")).toBe(digestInput("plan.json", dir));
    expect(digests.get("fleet")).toBe(digestInput("fleet", dir));
    expect(digests.has("missing.json")).toBe(true);
    expect(digests.get("missing.json")).toBeUndefined();
  });

  it("hashes a large file on a worker thread, from the same bytes the source gets", async () => {
    // The worker script is started by URL beside the compiled module: this runs the built one (npm test builds first).
    const built = (await import(join(REPO, "dist/sources/digest.js"))) as typeof import("../../../src/sources/digest.js");
    const dir = mkdtempSync(join(tmpdir(), "haspec-digest-"));
    const text = `{"format_version":"1.2","note":"${"données é ✓ ".repeat(400_000)}"}`;
    writeFileSync(join(dir, "plan.json"), text);
    const expected = createHash("sha256").update(text).digest("hex");
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 << 20); // above the shared-memory threshold
    const digests = await built.digestInputsInBackground(["plan.json"], dir);
    expect(digests.get("plan.json")).toBe(expected);
    expect((await built.takeDigestedBytes(join(dir, "plan.json")))?.toString("utf8")).toBe(text);
    expect(built.takeDigestedBytes(join(dir, "plan.json"))).toBeUndefined();
    // An unreadable large input: no digest, no bytes, no crash.
    const gone = await built.digestInputsInBackground(["missing.json"], dir);
    expect(gone.get("missing.json")).toBeUndefined();
  });
});
