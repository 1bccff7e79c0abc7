import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/run-cli.js";

const DEMO = ["check", "--policy", "policies/aurora-production.yaml", "examples/demo-fleet", "--now", "2026-11-22T10:00:00Z"];
const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);

describe("haspec check", () => {
  it("judges the demo fleet: text report, summary line, exit 1 for violations", () => {
    const run = runCli(DEMO);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Policy: \d+ to fix, \d+ unknown, \d+ compliant/m);
    expect(run.stdout).toMatch(/~ backup_retention_period\s+= 1 -> 7/);
    expect(run.stdout).toContain("Legend:");
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it("writes the SPEC-v1 JSON report, byte-identical across runs", () => {
    const a = runCli([...DEMO, "--format", "json"]);
    const b = runCli([...DEMO, "--format", "json"]);
    expect(a.code).toBe(1);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(report.tool).toEqual({ name: "haspec", version: JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version });
    expect(report.generatedAt).toBe("2026-11-22T10:00:00.000Z");
    expect(report.policy).toMatchObject({ name: expect.any(String), file: "policies/aurora-production.yaml", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.sources).toEqual([{ kind: "aws-json", location: "examples/demo-fleet", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const counted = { pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 } as Record<string, number>;
    for (const r of report.results) {
      counted[r.status] = (counted[r.status] ?? 0) + 1;
      expect(Object.keys(r.resource)).toEqual(expect.arrayContaining(["id", "kind", "engine", "region", "account", "address"]));
      expect(["pass", "fail", "unknown", "waived", "not_applicable"]).toContain(r.status);
      if (r.status === "unknown" || r.status === "waived") expect(r.reason).toEqual(expect.any(String));
    }
    expect(report.summary).toMatchObject(counted);
    expect(report.summary.fail).toBeGreaterThan(0);
    expect(report.summary.waived).toBeGreaterThan(0);
    expect(report.expiredWaivers.length).toBeGreaterThan(0);
  });

  it("--output writes the report to a file and prints the summary line", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    const run = runCli([...DEMO, "--format", "json", "--output", join(dir, "r.json")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Policy: /);
    expect(JSON.parse(readFileSync(join(dir, "r.json"), "utf8")).summary.fail).toBeGreaterThan(0);
  });

  it("--quiet prints nothing and keeps the exit code", () => {
    const run = runCli([...DEMO, "--quiet"]);
    expect(run).toMatchObject({ code: 1, stdout: "" });
  });

  it("exit 0 without fails; --fail-on-unknown turns unknowns into exit 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    const pol = join(dir, "p.yaml");
    writeFileSync(pol, "version: 1\nname: t\ntargets:\n  - name: all\n    require:\n      binlog:\n        min_retention_hours: 24\n");
    const args = ["check", "--policy", pol, "test/fixtures/rules/backup.min_retention_days"];
    const plain = runCli(args);
    expect(plain.code, plain.stderr).toBe(0);
    expect(runCli([...args, "--fail-on-unknown"]).code).toBe(1);
  });

  it("colours only when asked, and NO_COLOR wins", () => {
    expect(runCli(DEMO, { env: { FORCE_COLOR: "1" } }).stdout).toMatch(/\u001b\[31m/);
    expect(runCli(DEMO, { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toMatch(/\u001b\[/);
  });

  it("an invalid policy: every problem as file:line:column, exit 2, nothing checked, no stack trace", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    const pol = join(dir, "bad.yaml");
    writeFileSync(pol, "version: 1\nname: bad\ntargets:\n  - name: t\n    require:\n      multi_az:\n        min_azss: 2\n      backup:\n        min_retention_days: two\n");
    const run = runCli(["check", "--policy", pol, "examples/demo-fleet"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${pol}:7:9`);
    expect(run.stderr).toMatch(/min_azs/);
    expect(run.stderr).toContain(`${pol}:9:29`);
    noStackTrace(run.stderr);
  });

  it("a missing policy, a missing input and a bad flag are exit 2 with a clear message", () => {
    for (const args of [
      ["check", "--policy", "nope.yaml", "examples/demo-fleet"],
      ["check", "--policy", "policies/aurora-production.yaml", "no/such/dir"],
      ["check", "--policy", "policies/aurora-production.yaml", "examples/demo-fleet", "--frobnicate"],
      ["check", "--policy", "policies/aurora-production.yaml", "examples/demo-fleet", "--format", "yaml"],
      ["frobnicate"],
    ]) {
      const run = runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/\S/);
      noStackTrace(run.stderr);
    }
  });

  it("uses ./haspec.yaml when --policy is omitted", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    writeFileSync(join(dir, "haspec.yaml"), "version: 1\nname: local\ntargets:\n  - name: all\n    require:\n      multi_az:\n        min_readers: 0\n");
    const run = runCli(["check", join(REPO, "test/fixtures/rules/backup.min_retention_days"), "--format", "json"], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).policy.name).toBe("local");
  });
});

describe("haspec explain / init / --version", () => {
  it("--version prints the package version", () => {
    const run = runCli(["--version"]);
    expect(run.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version);
  });

  it("explain prints a rule's docs; a typo gets a suggestion and exit 2", () => {
    const ok = runCli(["explain", "failover.max_tier"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("failover.max_tier");
    const bad = runCli(["explain", "failover.max_teir"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("failover.max_tier");
  });

  it("init writes a starter policy that checks cleanly and refuses to overwrite", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    expect(runCli(["init"], { cwd: dir }).code).toBe(0);
    const check = runCli(["check", join(REPO, "examples/demo-fleet"), "--quiet"], { cwd: dir });
    expect([0, 1]).toContain(check.code);
    expect(check.stderr).toBe("");
    expect(runCli(["init"], { cwd: dir }).code).toBe(2);
  });
});

describe("haspec check with several policies", () => {
  it("reports each policy's results under its own name", () => {
    const run = runCli([
      "check",
      "-p",
      "policies/aurora-production.yaml",
      "--policy",
      "policies/aurora-baseline.yaml",
      "examples/demo-fleet",
      "--format",
      "json",
      "--now",
      "2026-11-22T10:00:00Z",
    ]);
    expect(run.code, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.policies.map((p: { name: string }) => p.name)).toEqual(["aurora-production", "aurora-baseline"]);
    const names = new Set(report.results.map((r: { policy: string }) => r.policy));
    expect(names).toEqual(new Set(["aurora-production", "aurora-baseline"]));
  });
});
