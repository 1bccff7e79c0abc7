// `haspec fix` as a user runs it: what it writes for each --format, its errors, and the patch of .tf inputs.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempFixDir } from "../support/fix-project.js";
import { REPO, runCli } from "../support/run-cli.js";

const dirs: string[] = [];
function fresh(prefix: string): string {
  const d = tempFixDir(prefix);
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const DEMO = ["-p", "policies/aurora-production.yaml", "examples/demo-fleet", "--now", "2026-11-22T10:00:00Z"];

describe("haspec fix", () => {
  it("writes the CDKTF project, the HCL and a README, and says what it did", () => {
    const out = fresh("cli-both");
    const run = runCli(["fix", ...DEMO, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^haspec fix: 42 failing results; \d+ fixed in code \(re-checked\), \d+ manual steps/);
    for (const f of ["README.md", "hcl/main.tf", "cdktf/main.ts", "cdktf/package.json", "cdktf/cdktf.json", "cdktf/tsconfig.json"]) expect(existsSync(join(out, f)), f).toBe(true);
    const pkg = JSON.parse(readFileSync(join(out, "cdktf/package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["@cdktf/provider-aws", "cdktf", "constructs"]);
    const readme = readFileSync(join(out, "README.md"), "utf8");
    expect(readme).toContain("## Apply in this order");
    expect(readme).toMatch(/payments-prod · proxy\.required: register payments-prod/);
  });

  it("--format hcl writes no CDKTF project, --format cdktf no HCL", () => {
    const hcl = fresh("cli-hcl");
    expect(runCli(["fix", ...DEMO, "--out", hcl, "--format", "hcl", "-q"]).code).toBe(0);
    expect(existsSync(join(hcl, "hcl/main.tf"))).toBe(true);
    expect(existsSync(join(hcl, "cdktf"))).toBe(false);
    const cdktf = fresh("cli-cdktf");
    const run = runCli(["fix", ...DEMO, "--out", cdktf, "--format", "cdktf", "-q"]);
    expect(run.stdout).toBe("");
    expect(existsSync(join(cdktf, "cdktf/main.ts"))).toBe(true);
    expect(existsSync(join(cdktf, "hcl"))).toBe(false);
  });

  it("without --out, or with a bad policy, exits 2 with the reason and writes nothing", () => {
    const noOut = runCli(["fix", ...DEMO]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/out/);
    const out = fresh("cli-bad");
    const bad = runCli(["fix", "-p", "test/fixtures/policies/does-not-exist.yaml", "examples/demo-fleet", "--out", join(out, "x")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, "x"))).toBe(false);
  });

  it("never writes into a directory it did not write: --out . in a repository is refused, nothing touched", () => {
    const work = fresh("cli-guard");
    cpSync(join(REPO, "policies/aurora-production.yaml"), join(work, "policy.yaml"));
    const before = readFileSync(join(work, "policy.yaml"), "utf8");
    const run = runCli(["fix", "-p", "policy.yaml", join(REPO, "examples/demo-fleet"), "--out", "."], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not empty and was not written by haspec fix/);
    expect(existsSync(join(work, "README.md"))).toBe(false);
    expect(readFileSync(join(work, "policy.yaml"), "utf8")).toBe(before);
  });

  it("rewrites its own directory, removing what the previous run wrote and keeping what the user added", () => {
    const out = fresh("cli-rerun");
    expect(runCli(["fix", ...DEMO, "--out", out, "-q"]).code).toBe(0);
    writeFileSync(join(out, "cdktf", "notes.txt"), "mine");
    // A policy that fails nothing: the second run writes only the README.
    const quiet = runCli(["fix", "-p", "test/fixtures/policies/nothing-fails.yaml", "examples/demo-fleet", "--out", out, "-q"]);
    expect(quiet.stderr).toBe("");
    expect(existsSync(join(out, "hcl/main.tf"))).toBe(false);
    expect(existsSync(join(out, "cdktf/main.ts"))).toBe(false);
    expect(readFileSync(join(out, "cdktf", "notes.txt"), "utf8")).toBe("mine");
    expect(existsSync(join(out, "README.md"))).toBe(true);
  });

  it("for .tf input, writes a patch of the declaring files that git applies cleanly", () => {
    const work = fresh("cli-tf");
    cpSync(join(REPO, "test/fixtures/parity/tf"), join(work, "infra"), { recursive: true });
    cpSync(join(REPO, "policies/aurora-production.yaml"), join(work, "policy.yaml"));
    const run = runCli(["fix", "-p", "policy.yaml", "infra", "--out", "fix", "-q"], { cwd: work });
    expect(run.stderr).toBe("");
    const patch = readFileSync(join(work, "fix/tf.patch"), "utf8");
    expect(patch).toContain("--- a/infra/crm.tf");
    expect(patch).toMatch(/\+\s+backup_retention_period = 7 # haspec: backup\.min_retention_days/);
    const git = (args: string[]) => spawnSync("git", args, { cwd: work, encoding: "utf8" });
    git(["init", "-q"]);
    const apply = git(["apply", "fix/tf.patch"]);
    expect(apply.stderr).toBe("");
    expect(readFileSync(join(work, "infra/crm.tf"), "utf8")).toContain("backup_retention_period = 7");
    expect(existsSync(join(work, "infra/haspec-fix.tf"))).toBe(true);
    // The patched module re-checks: every failure the fix made in code passes; only the manual ones remain.
    const after = runCli(["check", "-p", "policy.yaml", "infra", "--format", "json"], { cwd: work });
    const results = (JSON.parse(after.stdout) as { results: { resource: { id: string }; rule: string; status: string }[] }).results;
    expect(results.find((r) => r.resource.id === "crm-prod" && r.rule === "backup.min_retention_days")?.status).toBe("pass");
    expect(results.find((r) => r.resource.id === "crm-prod" && r.rule === "events.subscribed")?.status).toBe("pass");
    const manual = readFileSync(join(work, "fix/README.md"), "utf8");
    for (const r of results.filter((x) => x.status === "fail")) expect(manual, `${r.resource.id} ${r.rule}`).toContain(`${r.resource.id} · ${r.rule.replace(/_/g, "\\_")}`);
  });
});
