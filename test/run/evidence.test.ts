// The evidence of a run: each input's sha256, a file's of its bytes, a directory's of its files' digests.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { digestInput, digestInputs } from "../../src/run/evidence.js";

const sha256 = (data: string) => createHash("sha256").update(data).digest("hex");

describe("input digests", () => {
  it("a file's digest is the sha256 of its bytes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    writeFileSync(join(dir, "a.json"), "abc");
    expect(await digestInput("a.json", dir)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("a large file is hashed whole, across many stream chunks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    const text = `{"format_version":"1.2","note":"${"données é ✓ ".repeat(400_000)}"}`;
    writeFileSync(join(dir, "plan.json"), text);
    expect(Buffer.byteLength(text)).toBeGreaterThan(4 << 20);
    expect(await digestInput("plan.json", dir)).toBe(sha256(text));
  });

  it("a directory's digest is that of its sorted `path<TAB>sha256` lines, so any change, addition or rename changes it; .terraform is ignored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    mkdirSync(join(dir, "us-east-1"));
    writeFileSync(join(dir, "us-east-1", "describe-db-clusters.json"), '{"DBClusters":[]}');
    writeFileSync(join(dir, "b.json"), "b");
    const first = await digestInput(".", dir);
    // The same value as every earlier haspec release wrote into its reports.
    expect(first).toBe(sha256(`b.json\t${sha256("b")}\nus-east-1/describe-db-clusters.json\t${sha256('{"DBClusters":[]}')}\n`));
    expect(await digestInput(".", dir)).toBe(first);

    mkdirSync(join(dir, ".terraform"));
    writeFileSync(join(dir, ".terraform", "provider.bin"), "x");
    expect(await digestInput(".", dir)).toBe(first);

    writeFileSync(join(dir, "us-east-1", "describe-db-clusters.json"), '{"DBClusters":[{}]}');
    const changed = await digestInput(".", dir);
    expect(changed).not.toBe(first);
    renameSync(join(dir, "us-east-1"), join(dir, "eu-west-1"));
    expect(await digestInput(".", dir)).not.toBe(changed);
  });

  it("is undefined for an input that cannot be read", async () => {
    expect(await digestInput("no/such/file", tmpdir())).toBeUndefined();
  });

  it("digests a file and a directory given together, each as when given alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-digest-"));
    mkdirSync(join(dir, "fleet"));
    writeFileSync(join(dir, "fleet", "describe-db-clusters.json"), '{"DBClusters":[]}');
    writeFileSync(join(dir, "plan.json"), '{"format_version":"1.2"}');
    const digests = await digestInputs(["plan.json", "fleet", "missing.json"], dir);
    expect(digests.get("plan.json")).toBe(await digestInput("plan.json", dir));
    expect(digests.get("fleet")).toBe(await digestInput("fleet", dir));
    expect(digests.has("missing.json")).toBe(true);
    expect(digests.get("missing.json")).toBeUndefined();
  });
});
