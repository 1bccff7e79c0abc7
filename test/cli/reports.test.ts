// The CLI's report outputs: several formats in one run, --framework, and `report merge` of sharded runs.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { controlsOf } from "../../src/rules/controls.js";
import { runCli } from "../support/run-cli.js";

const POLICY = ["-p", "policies/aurora-production.yaml", "--now", "2026-11-22T10:00:00Z"];

describe("report formats from the CLI", () => {
  it("writes several formats in one run: FORMAT=FILE to files, one format to stdout", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    const run = runCli([
      "check",
      ...POLICY,
      "examples/demo-fleet",
      "--format",
      "json",
      "--format",
      `sarif=${join(dir, "r.sarif")}`,
      "--format",
      `junit=${join(dir, "r.xml")}`,
      "--format",
      `markdown=${join(dir, "r.md")}`,
      "--format",
      `csv=${join(dir, "r.csv")}`,
      "--format",
      `html=${join(dir, "r.html")}`,
    ]);
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.summary.fail).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(dir, "r.sarif"), "utf8")).version).toBe("2.1.0");
    for (const f of ["r.xml", "r.md", "r.csv", "r.html"]) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, "r.csv"), "utf8").trim().split("\n").length).toBe(json.results.length + 1);
  });

  it("refuses two formats on stdout and unknown formats", () => {
    expect(runCli(["check", ...POLICY, "examples/demo-fleet", "--format", "json", "--format", "text"]).code).toBe(2);
    expect(runCli(["check", ...POLICY, "examples/demo-fleet", "--format", "pdf"]).code).toBe(2);
  });

  it("--framework keeps only the rules mapped to that framework", () => {
    const run = runCli(["check", ...POLICY, "examples/demo-fleet", "--format", "json", "--framework", "fsbp"]);
    const rules = new Set((JSON.parse(run.stdout).results as { rule: string }[]).map((r) => r.rule));
    expect(rules.size).toBeGreaterThan(0);
    for (const rule of rules) expect(controlsOf(rule).some((c) => c.framework === "fsbp"), rule).toBe(true);
  });
});

describe("haspec report merge", () => {
  it("merges the JSON reports of sharded runs into one report", () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-"));
    const shard = (region: string) => {
      const out = join(dir, `${region}.json`);
      const run = runCli(["check", ...POLICY, `examples/demo-fleet/${region}`, "examples/demo-fleet/route53", "--format", "json", "--output", out]);
      expect(run.stderr).toBe("");
      return { out, report: JSON.parse(readFileSync(out, "utf8")) };
    };
    const a = shard("us-east-1");
    const b = shard("eu-west-1");
    const merged = runCli(["report", "merge", a.out, b.out, "--format", "json"]);
    expect(merged.code, merged.stderr).toBe(1);
    const report = JSON.parse(merged.stdout);
    expect(report.results.length).toBe(a.report.results.length + b.report.results.length);
    expect(report.summary.fail).toBe(a.report.summary.fail + b.report.summary.fail);
    expect(report.summary.resources).toBe(a.report.summary.resources + b.report.summary.resources);
  });

  it("rejects a file that is not a haspec report, with exit 2", () => {
    const run = runCli(["report", "merge", "package.json", "policies/schema/haspec-policy-v1.schema.json", "--format", "json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/package\.json/);
  });
});
