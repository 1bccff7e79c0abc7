// Issue 18 item 8: only regular files are read, each under a size cap, and a refusal is a plain exit-2 message, never a hang or a stack trace.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { readInputText } from "../../src/sources/json-file.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { JSON_INPUT_CAP, POLICY_CAP, readRegularFile, readRegularFileSync } from "../../src/sources/regular-file.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import { digestInput } from "../../src/run/evidence.js";
import { REPO } from "../support/run-cli.js";

const POLICY = join(REPO, "policies/aurora-production.yaml");
const FLEET = join(REPO, "examples/demo-fleet");
let dir: string;

/** A FIFO at `path` (Node has no mkfifo). */
function mkfifo(path: string): void {
  const made = spawnSync("mkfifo", [path]);
  if (made.status !== 0) throw new Error(`mkfifo ${path} failed: ${made.stderr}`);
}

/** The built CLI, killed after 20 s: a hang is a failure, not a stuck test run. */
function haspec(args: readonly string[]) {
  const child = spawnSync(process.execPath, [join(REPO, "bin/haspec.js"), ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1", CI: "true" },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { code: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

/** A refusal as SPEC §5 wants it: exit 2, one plain message, no stack trace. */
function expectRefused(run: ReturnType<typeof haspec>, message: RegExp): void {
  expect(run.signal).toBeNull();
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/internal error|^\s+at /m);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "haspec-unbounded-"));
  mkfifo(join(dir, "fifo.json"));
  mkfifo(join(dir, "fifo.yaml"));
  // Sparse: the size is there at once, the disk holds nothing.
  writeFileSync(join(dir, "huge-policy.yaml"), "");
  truncateSync(join(dir, "huge-policy.yaml"), 200 * 2 ** 20);
  writeFileSync(join(dir, "huge-input.json"), "");
  truncateSync(join(dir, "huge-input.json"), 600 * 2 ** 20);
  // A fleet directory with a FIFO and a link to /dev/zero among its files.
  cpSync(FLEET, join(dir, "fleet"), { recursive: true });
  mkfifo(join(dir, "fleet/describe-db-proxies.json"));
  mkfifo(join(dir, "fleet/us-east-1/describe-db-snapshots.json"));
  symlinkSync("/dev/zero", join(dir, "fleet/zero.json"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a policy that is not a regular file, or too large", () => {
  it("-p /dev/zero and -p FIFO are exit 2 naming what the file is (they hung, growing without bound)", () => {
    expectRefused(haspec(["check", "-p", "/dev/zero", FLEET, "--no-interactive"]), /policy file \/dev\/zero is a character device, not a regular file/);
    expectRefused(haspec(["check", "-p", "fifo.yaml", FLEET, "--no-interactive"]), /policy file fifo\.yaml is a FIFO \(named pipe\)/);
  });

  it("a 200 MB policy is exit 2 saying to split it (V8 crashed with a native stack trace, exit 134)", () => {
    expectRefused(haspec(["check", "-p", "huge-policy.yaml", FLEET, "--no-interactive"]), /huge-policy\.yaml is 200\.0 MiB; haspec reads a policy file of at most 1\.0 MiB: split it/);
  });

  it("the cap is checked on the bytes read too, whatever reads them", async () => {
    const error = await loadPolicy("p.yaml", async () => Buffer.alloc(POLICY_CAP.maxBytes + 1, 0x20)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems[0]).toMatchObject({ file: "policy file p.yaml", hint: POLICY_CAP.tooLargeHint });
  });
});

describe("inputs that are not regular files, or too large", () => {
  it("a FIFO or device named as the input is exit 2, whichever source reads it", () => {
    expectRefused(haspec(["check", "-p", POLICY, "/dev/zero", "--no-interactive"]), /\/dev\/zero is a character device, not a regular file/);
    expectRefused(haspec(["check", "-p", POLICY, "fifo.json", "--no-interactive"]), /fifo\.json is a FIFO \(named pipe\), not a regular file/);
    for (const source of ["aws-json", "plan", "state", "cdktf", "snapshot", "hcl"]) {
      expectRefused(haspec(["check", "-p", POLICY, "fifo.json", "--source", source, "--no-interactive"]), /fifo\.json is a FIFO/);
    }
  });

  it("found in a directory, a FIFO or a link to /dev/zero is skipped with a note; the rest is judged (the run hung)", () => {
    const run = haspec(["check", "-p", POLICY, "fleet", "--no-interactive", "--format", "json"]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { notes: string[]; summary: { resources: number } };
    expect(report.summary.resources).toBe(10);
    expect(report.notes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^skipped fleet\/describe-db-proxies\.json: it is a FIFO \(named pipe\), not a regular file/),
        expect.stringMatching(/^skipped fleet\/zero\.json: it is a character device, not a regular file/),
        expect.stringMatching(/^skipped fleet\/us-east-1\/describe-db-snapshots\.json: it is a FIFO \(named pipe\), not a regular file/),
      ]),
    );
  });

  it("a 600 MB JSON file is exit 2 saying how to split it (it failed with “Cannot create a string longer than…”)", () => {
    expectRefused(haspec(["check", "-p", POLICY, "huge-input.json", "--no-interactive"]), /huge-input\.json is 600\.0 MiB; haspec reads a JSON input file of at most 500\.0 MiB: split it: save AWS CLI output per region/);
  });

  it("the JSON cap admits a file under V8's longest string, and the bench's 158 MB describe-db-instances", () => {
    expect(JSON_INPUT_CAP.maxBytes).toBeLessThan(0x1fffffe8);
    expect(JSON_INPUT_CAP.maxBytes).toBeGreaterThan(300 * 2 ** 20);
  });

  it("the readers, in process: refusals are UserErrors, and a hash of the evidence skips what is not a regular file", async () => {
    expect(() => readInputText("/dev/zero", "zero.json")).toThrow(UserError);
    expect(() => readInputText(join(dir, "fifo.json"), "fifo.json")).toThrow(/FIFO/);
    await expect(readAwsJson(["fleet"], { cwd: dir })).resolves.toMatchObject({ notes: expect.arrayContaining([expect.stringMatching(/zero\.json: it is a character device/)]) });
    await expect(digestInput("/dev/zero", dir)).resolves.toBeUndefined();
    await expect(digestInput("fifo.json", dir)).resolves.toBeUndefined();
  });
});

describe("the other files haspec reads: variables files, CDKTF stacks, reports to merge", () => {
  it("--var-file FIFO, a cdk.tf.json that is a FIFO, and report merge of /dev/zero are exit 2, never a hang", () => {
    cpSync(join(REPO, "test/fixtures/hcl/tfvars-order"), join(dir, "tf-root"), { recursive: true });
    mkfifo(join(dir, "vars.tfvars"));
    expectRefused(haspec(["check", "-p", POLICY, "tf-root", "--source", "hcl", "--var-file", "vars.tfvars", "--no-interactive"]), /vars\.tfvars is a FIFO \(named pipe\), not a regular file/);
    mkfifo(join(dir, "cdk.tf.json"));
    expectRefused(haspec(["check", "-p", POLICY, "cdk.tf.json", "--source", "cdktf", "--no-interactive"]), /cdk\.tf\.json is a FIFO \(named pipe\)/);
    expectRefused(haspec(["report", "merge", "/dev/zero"]), /\/dev\/zero is a character device, not a regular file/);
  });
});

describe("readRegularFile", () => {
  const small = { maxBytes: 10, what: "a test file", tooLargeHint: "make it smaller" };

  it("reads a file up to the cap, sync and async, and refuses one byte more with the hint", async () => {
    writeFileSync(join(dir, "ten"), "0123456789");
    writeFileSync(join(dir, "eleven"), "0123456789A");
    expect(readRegularFileSync(join(dir, "ten"), "ten", small).toString()).toBe("0123456789");
    expect((await readRegularFile(join(dir, "ten"), "ten", small)).toString()).toBe("0123456789");
    expect(() => readRegularFileSync(join(dir, "eleven"), "eleven", small)).toThrow("eleven is 11 bytes; haspec reads a test file of at most 10 bytes: make it smaller");
    await expect(readRegularFile(join(dir, "eleven"), "eleven", small)).rejects.toThrow(/make it smaller/);
  });

  it("a file whose size fstat cannot tell (it reads as empty) is still cut at the cap", () => {
    // /proc files report size 0 and hold more: the reader reads until end of file, never past the cap.
    expect(() => readRegularFileSync("/proc/self/maps", "maps", { ...small, maxBytes: 16 })).toThrow(/larger than 16 bytes/);
  });

  it("leaves a missing file's own error to the caller to word", () => {
    expect(() => readRegularFileSync(join(dir, "missing"), "missing", small)).toThrow(expect.objectContaining({ code: "ENOENT" }));
  });
});
