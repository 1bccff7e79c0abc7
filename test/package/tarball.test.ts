// The package people install: `npm pack` once, install the tarball globally in a clean prefix outside the repository
// (runtime dependencies only), then run the installed `haspec` there on a copy of the demo fleet: check, fix, explain, --version.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../support/run-cli.js";

const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
let root = "";
let prefix = "";
let installed = "";
let work = "";

function npm(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync("npm", args, { cwd, encoding: "utf8", timeout: 240_000, env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });
}

/** The installed `haspec`, run from the work directory with the environment of a user's shell (no NODE_PATH into the repository). */
function haspec(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { PATH: `${join(prefix, "bin")}:${process.env.PATH ?? ""}`, HOME: root, CI: "true", NO_COLOR: "1" };
  const r = spawnSync("haspec", args, { cwd: work, encoding: "utf8", env, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(REPO, "dist/bundle/main.js"))) throw new Error("dist/bundle is missing: run `npm run build` first (`npm test` does)");
  root = mkdtempSync(join(tmpdir(), "haspec-package-"));
  // Built already (npm test builds first): pack what is there, without running `prepare` again.
  const pack = npm(["pack", "--ignore-scripts", "--pack-destination", root, "--json"], REPO);
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const tarball = join(root, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  prefix = join(root, "prefix");
  const install = npm(["install", "--global", "--prefix", prefix, "--prefer-offline", tarball], root);
  if (install.status !== 0) throw new Error(`npm install -g of the tarball failed:\n${install.stderr}`);
  installed = join(prefix, "lib/node_modules/haspec");
  work = join(root, "work");
  cpSync(join(REPO, "examples/demo-fleet"), join(work, "demo-fleet"), { recursive: true });
}, 300_000);

afterAll(() => {
  if (root !== "") rmSync(root, { recursive: true, force: true });
});

describe("the npm package, installed globally from its tarball", () => {
  it("holds the CLI bundle, the policies and the schema, and nothing of the repository's sources or tests", () => {
    const files = readdirSync(installed, { recursive: true, encoding: "utf8" }).filter((f) => !f.startsWith("node_modules"));
    expect(files).toEqual(expect.arrayContaining(["bin/haspec.js", "dist/bundle/main.js", "policies/aurora-production.yaml", "policies/pull-request.yaml", "policies/schema/haspec-policy-v1.schema.json"]));
    expect(files.filter((f) => /^(src|test|conformance|scripts)\//.test(f))).toEqual([]);
    // Nothing in it points back into the repository it was built in.
    const bundle = readdirSync(join(installed, "dist/bundle")).map((f) => readFileSync(join(installed, "dist/bundle", f), "utf8"));
    expect(bundle.filter((text) => text.includes(REPO))).toEqual([]);
  });

  it("installed the runtime dependencies only", () => {
    const modules = join(prefix, "lib/node_modules/haspec/node_modules");
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(modules, dep)), dep).toBe(true);
    // The devDependencies that are not also needed by a runtime dependency are absent.
    for (const dev of ["typescript", "vitest", "esbuild", "tsx", "cdktf", "@cdktf/provider-aws", "fast-check", "playwright-core"]) {
      expect(existsSync(join(modules, dev)), dev).toBe(false);
    }
  });

  it("--version and explain run outside the repository", () => {
    expect(haspec("--version")).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const explain = haspec("explain", "dns.max_ttl");
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain("dns.max_ttl");
  });

  it("check judges the demo fleet with a packaged policy: exit 1 on failures, a SARIF report, exit 2 on bad input", () => {
    const policy = join(installed, "policies/aurora-production.yaml");
    const text = haspec("check", "--policy", policy, "demo-fleet", "--no-interactive");
    expect(text.stderr).toBe("");
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Policy: \d+ to fix, \d+ unknown, \d+ compliant/);
    const sarif = haspec("check", "--policy", policy, "demo-fleet", "--format", "sarif", "--output", "haspec.sarif");
    expect(sarif.code).toBe(1);
    const report = JSON.parse(readFileSync(join(work, "haspec.sarif"), "utf8")) as { version: string; runs: { results: unknown[] }[] };
    expect(report.version).toBe("2.1.0");
    expect(report.runs[0]!.results.length).toBeGreaterThan(0);
    const bad = haspec("check", "--policy", policy, "no-such-input");
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it("fix writes the HCL and the CDKTF project from the installed package", () => {
    const fix = haspec("fix", "--policy", join(installed, "policies/aurora-production.yaml"), "demo-fleet", "--out", "haspec-fix");
    expect(fix.stderr).toBe("");
    expect(fix.code).toBe(0);
    const hcl = readFileSync(join(work, "haspec-fix/hcl/main.tf"), "utf8");
    expect(hcl).toMatch(/resource "aws_rds_cluster(_instance)?" "/);
    const written = readdirSync(join(work, "haspec-fix"), { recursive: true, encoding: "utf8" }).map((f) => relative(".", f));
    expect(written).toEqual(expect.arrayContaining(["README.md", "hcl/main.tf", "cdktf/main.ts"]));
  });
});
