// `haspec fix --out` and symbolic links: a dangling link is a plain exit-2 error, and a link inside an earlier fix's directory is never written or deleted through.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { UserError } from "../../src/errors.js";
import { writeFixProject } from "../../src/fix/index.js";
import type { Resource } from "../../src/model/resource.js";
import { inventory, resource } from "../support/build.js";
import { policy, target } from "../support/policy.js";
import { runCli } from "../support/run-cli.js";

const NOW = new Date("2026-11-22T10:00:00Z");
const roots: string[] = [];
afterAll(() => {
  for (const d of roots) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), "haspec-links-"));
  roots.push(d);
  return d;
}

/** A one-cluster fix (retention 1 -> 7): writes README.md, hcl/main.tf and the CDKTF project. */
function write(outDir: string) {
  const cluster: Resource = { ...resource({ id: "c", retention: 1 }), location: { source: "aws-json", file: "fleet.json" }, importAttributes: {} };
  const inv = inventory({ resources: [cluster] });
  const policies = [policy({ targets: [target({ require: { "backup.min_retention_days": 7 } })] })];
  const evaluation = evaluate(policies, inv, { now: NOW });
  return writeFixProject({ evaluation, inventory: inv, policies, now: NOW, inputs: ["fleet.json"] }, { outDir, format: "both" });
}

async function refusal(outDir: string): Promise<UserError> {
  const error = await write(outDir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("haspec fix --out and symbolic links", () => {
  it("--out naming a dangling link: a user error that names the link and its target, nothing created", async () => {
    const root = scratch();
    const out = join(root, "out");
    symlinkSync(join(root, "missing", "deeper"), out);
    const error = await refusal(out);
    expect(error.message).toContain(out);
    expect(error.message).toMatch(/symbolic link/);
    expect(error.message).toContain(join(root, "missing", "deeper"));
    expect(existsSync(join(root, "missing"))).toBe(false);
  });

  it("--out under a dangling link: a user error, not a crash", async () => {
    const root = scratch();
    symlinkSync(join(root, "missing"), join(root, "parent"));
    const error = await refusal(join(root, "parent", "out"));
    expect(error.message).toContain(join(root, "parent"));
    expect(existsSync(join(root, "missing"))).toBe(false);
  });

  it("an hcl/ of an earlier fix replaced by a link is refused: nothing written or deleted through it, nothing else touched", async () => {
    const root = scratch();
    const out = join(root, "fix");
    await write(out);
    const victim = join(root, "elsewhere");
    mkdirSync(victim);
    writeFileSync(join(victim, "main.tf"), "# the user's own file\n");
    rmSync(join(out, "hcl"), { recursive: true });
    symlinkSync(victim, join(out, "hcl"));
    const readmeBefore = readFileSync(join(out, "README.md"), "utf8");
    const error = await refusal(out);
    expect(error.message).toContain(join(out, "hcl"));
    expect(error.message).toMatch(/symbolic link/);
    expect(error.message).toMatch(/remove the link|new directory/);
    expect(readFileSync(join(victim, "main.tf"), "utf8")).toBe("# the user's own file\n");
    expect(readdirSync(victim)).toEqual(["main.tf"]);
    // Refused before anything was removed: the earlier fix is still whole.
    expect(readFileSync(join(out, "README.md"), "utf8")).toBe(readmeBefore);
    expect(existsSync(join(out, "cdktf", "main.ts"))).toBe(true);
    expect(lstatSync(join(out, "hcl")).isSymbolicLink()).toBe(true);
  });

  it("a file of an earlier fix replaced by a link (README.md, the marker) is refused the same way", async () => {
    for (const name of ["README.md", "cdktf/main.ts"]) {
      const root = scratch();
      const out = join(root, "fix");
      await write(out);
      const victim = join(root, "victim.txt");
      writeFileSync(victim, "keep me\n");
      rmSync(join(out, name));
      symlinkSync(victim, join(out, name));
      const error = await refusal(out);
      expect(error.message, name).toContain(join(out, name));
      expect(readFileSync(victim, "utf8")).toBe("keep me\n");
    }
  });

  it("a link the user keeps in the directory that haspec does not write (node_modules) stays allowed", async () => {
    const root = scratch();
    const out = join(root, "fix");
    await write(out);
    mkdirSync(join(root, "modules"));
    symlinkSync(join(root, "modules"), join(out, "cdktf", "node_modules"));
    const { files } = await write(out);
    expect(files).toContain("hcl/main.tf");
    expect(lstatSync(join(out, "cdktf", "node_modules")).isSymbolicLink()).toBe(true);
  });

  it("on the command line: exit 2, one clear line, no stack trace", () => {
    const root = scratch();
    const out = join(root, "out");
    symlinkSync(join(root, "missing", "deeper"), out);
    const run = runCli(["fix", "-p", "policies/aurora-production.yaml", "examples/demo-fleet", "--out", out, "-q"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Error: .*symbolic link/);
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    const linked = join(root, "fix");
    expect(runCli(["fix", "-p", "policies/aurora-production.yaml", "examples/demo-fleet", "--out", linked, "-q"]).code).toBe(0);
    mkdirSync(join(root, "victim"));
    rmSync(join(linked, "hcl"), { recursive: true });
    symlinkSync(join(root, "victim"), join(linked, "hcl"));
    const again = runCli(["fix", "-p", "policies/aurora-production.yaml", "examples/demo-fleet", "--out", linked, "-q"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(join(linked, "hcl"));
    expect(again.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(join(root, "victim"))).toEqual([]);
  });
});
