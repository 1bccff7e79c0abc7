// The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml): they parse, and the haspec commands
// they run are valid invocations, run here against fixtures with the repository's haspec as `haspec` on the PATH.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO } from "../support/run-cli.js";

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
}
interface Action {
  readonly name: string;
  readonly inputs: Record<string, { required?: boolean; default?: string }>;
  readonly outputs: Record<string, { value: string }>;
  readonly runs: { using: string; steps: Step[] };
}
interface Hook {
  readonly id: string;
  readonly language: string;
  readonly entry: string;
  readonly args?: string[];
  readonly files: string;
  readonly pass_filenames?: boolean;
}

const action = parse(readFileSync(join(REPO, "action.yml"), "utf8")) as Action;
const hooks = parse(readFileSync(join(REPO, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

/** A directory with `haspec` on it: the repository's CLI (built by `npm test`), as the installed package provides it. */
let bin = "";
beforeAll(() => {
  bin = mkdtempSync(join(tmpdir(), "haspec-bin-"));
  writeFileSync(join(bin, "haspec"), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, "bin/haspec.js")}" "$@"\n`);
  chmodSync(join(bin, "haspec"), 0o755);
});

/** GitHub's `${{ … }}` in a step's env, for the few expressions the action uses. */
function expand(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_all, expr: string) => {
    if (expr === "github.action_path") return REPO;
    if (expr in inputs) return inputs[expr]!; // an earlier step's output, given by the test
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? "";
    throw new Error(`the test does not know the expression ${expr}`);
  });
}

function step(name: string): Step {
  const s = action.runs.steps.find((x) => x.name === name);
  if (!s) throw new Error(`action.yml has no step named ${name}`);
  return s;
}

/** Runs a step's script as the runner would (bash, its env expanded), in a fresh workspace. */
function runStep(s: Step, inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const workspace = mkdtempSync(join(tmpdir(), "haspec-action-"));
  const temp = join(workspace, "_temp");
  mkdirSync(temp);
  cpSync(join(REPO, "test/fixtures/plans"), join(workspace, "plans"), { recursive: true });
  const output = join(temp, "output");
  const summary = join(temp, "summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: NodeJS.ProcessEnv = { PATH: `${bin}:${process.env.PATH ?? ""}`, HOME: workspace, CI: "true", RUNNER_TEMP: temp, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, ...extraEnv };
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = expand(v, inputs);
  const r = spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", "-c", s.run!], { cwd: workspace, env, encoding: "utf8", timeout: 60_000 });
  const outputs = Object.fromEntries(
    readFileSync(output, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary: readFileSync(summary, "utf8"), workspace };
}

describe("action.yml", () => {
  it("is a composite action: setup-node, install, check with SARIF, upload-sarif; inputs policy, plan, fail-on-unknown", () => {
    expect(action.runs.using).toBe("composite");
    expect(action.inputs["plan"]?.required).toBe(true);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["policy", "plan", "fail-on-unknown"]));
    const uses = action.runs.steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(["actions/setup-node@v4", "github/codeql-action/upload-sarif@v3"]);
    expect(step("Upload SARIF").with).toMatchObject({ sarif_file: "${{ inputs.sarif-file }}" });
    expect(step("Judge the plan").run).toMatch(/haspec "\$\{args\[@\]\}"/);
    expect(step("Judge the plan").run).toMatch(/check --policy .* --format sarif --output "\$HASPEC_SARIF"/);
  });

  it("puts outside values into scripts only through env (no ${{ }} in a run script), and every script is valid bash", () => {
    for (const s of action.runs.steps.filter((x) => x.run !== undefined)) {
      expect(s.run, s.name).not.toContain("${{");
      expect(s.shell, s.name).toBe("bash");
      const syntax = spawnSync("bash", ["-n", "-c", s.run!], { encoding: "utf8" });
      expect(syntax.status, `${s.name}: ${syntax.stderr}`).toBe(0);
    }
  });

  it("judges a failing plan: SARIF written, exit code 1 as an output, and the last step fails", () => {
    const r = runStep(step("Judge the plan"), { plan: "plans/writer-resize-apply-immediately.json" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ "exit-code": "1", "sarif-written": "true" });
    expect(r.stdout).toMatch(/Policy: 3 to fix, 0 unknown/);
    expect(r.summary).toContain("**3 violations to fix**");
    const sarif = JSON.parse(readFileSync(join(r.workspace, "haspec.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toContain("changes.no_writer_resize_in_place");
    expect(runStep(step("Fail on haspec's verdict"), { "steps.check.outputs.exit-code": "1" }).code).toBe(1);
  });

  it("passes a compliant plan (exit 0), honours policy, changed-only and fail-on-unknown, and reports bad input as 2", () => {
    expect(runStep(step("Judge the plan"), { plan: "plans/new-aurora-cluster.json", "changed-only": "true" }).outputs).toEqual({ "exit-code": "0", "sarif-written": "true" });
    const own = runStep(step("Judge the plan"), { plan: "plans/new-aurora-cluster.json", policy: join(REPO, "policies/aurora-production.yaml"), "fail-on-unknown": "true" });
    // The production pack asks what a plan cannot tell (PITR lag, binlog retention over SQL): unknown fails with fail-on-unknown.
    expect(own.outputs["exit-code"]).toBe("1");
    expect(own.stdout).toMatch(/[1-9]\d* unknown/);
    const bad = runStep(step("Judge the plan"), { plan: "plans/no-such-plan.json" });
    expect(bad.outputs).toEqual({ "exit-code": "2" });
    expect(bad.stderr).toMatch(/no-such-plan\.json/);
  });
});

describe(".pre-commit-hooks.yaml", () => {
  const hook = hooks.find((h) => h.id === "haspec")!;

  it("declares a node hook that runs haspec check on the Terraform root when a .tf file changes", () => {
    expect(hook).toMatchObject({ language: "node", pass_filenames: false });
    const files = new RegExp(hook.files);
    expect(["main.tf", "envs/prod.tfvars", "cdk.tf.json"].filter((f) => files.test(f))).toHaveLength(3);
    expect(["README.md", "main.tf.bak", "package.json"].filter((f) => files.test(f))).toEqual([]);
    // The package pre-commit installs provides the entry's command.
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(hook.entry.split(" ")[0]);
  });

  it("its command judges a Terraform root with the policy: exit 1 on failures, 0 when compliant", () => {
    const repo = mkdtempSync(join(tmpdir(), "haspec-precommit-"));
    cpSync(join(REPO, "test/fixtures/parity/tf"), repo, { recursive: true });
    cpSync(join(REPO, "policies/aurora-production.yaml"), join(repo, "haspec.yaml"));
    const run = () => {
      const [command, ...entryArgs] = hook.entry.split(" ");
      const r = spawnSync(command!, [...entryArgs, ...(hook.args ?? [])], { cwd: repo, encoding: "utf8", env: { PATH: `${bin}:${process.env.PATH ?? ""}`, HOME: repo, CI: "true" } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const failing = run();
    expect(failing.stderr).toBe("");
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/resources? judged/);
    writeFileSync(join(repo, "haspec.yaml"), "version: 1\nname: relaxed\ntargets:\n  - name: all\n    match: { kinds: [aurora-cluster, multi-az-cluster, instance] }\n    require:\n      monitoring: { performance_insights: false }\n");
    expect(run().code).toBe(0);
    expect(existsSync(join(repo, "haspec.yaml"))).toBe(true);
  });
});
