// haspec fix over every recorded AWS fleet in the conformance corpus: one tsc over all the emitted projects, one synth process, re-checks.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../src/engine/evaluate.js";
import { writeFixProject, type FixPlan } from "../src/fix/index.js";
import { readAwsJson } from "../src/sources/aws-json/index.js";
import type { Policy } from "../src/spec/policy.js";
import { expectFixedRulesPass, fixedPairs, recheckCdktf, recheckHcl, statuses, tempFixDir } from "../test/support/fix-project.js";
import { policy, target } from "../test/support/policy.js";
import { corpusDir, corpusFolders, REPO } from "./corpus.js";

const CORPUS = corpusDir("aws-recorded");
const NOW = new Date("2026-11-22T10:00:00Z");
/** Every rule that a configuration can carry a fix for, so the corpus exercises as many fixers as it can. */
const REQUIRE = {
  "multi_az.min_azs": 2,
  "multi_az.min_readers": 1,
  "multi_az.readers_outside_writer_az": 1,
  "failover.max_tier": 1,
  "failover.target_class": "same-or-larger",
  "failover.target_other_az": true,
  "backup.min_retention_days": 7,
  "backup.deletion_protection": true,
  "backup.copy_tags_to_snapshot": true,
  "backup.window_clear_of_maintenance": true,
  "backup.min_backtrack_hours": 24,
  "binlog.formats": ["ROW"],
  "events.subscribed": ["failover"],
  "monitoring.performance_insights": true,
  "monitoring.max_monitoring_interval": 60,
  "maintenance.auto_minor_version_upgrade": true,
  "maintenance.min_engine_version": { "aurora-mysql": "3.04.0", "aurora-postgresql": "15.4", mysql: "8.0.36", postgres: "16.1" },
};
const folders = corpusFolders("aws-recorded", 17);
const policies: Policy[] = [policy({ targets: [target({ name: "everything", require: REQUIRE })] })];
const plans = new Map<string, FixPlan>();
const failing = new Map<string, string[]>();
let root: string;

beforeAll(async () => {
  root = tempFixDir("corpus");
  for (const name of folders) {
    const inventory = await readAwsJson([join(CORPUS, name)]);
    const evaluation = evaluate(policies, inventory, { now: NOW });
    failing.set(name, [...new Set(evaluation.results.filter((r) => r.status === "fail").map((r) => `${r.resource.id} ${r.rule}`))]);
    const { plan } = await writeFixProject({ evaluation, inventory, policies, now: NOW, inputs: [name] }, { outDir: join(root, name), format: "both" });
    plans.set(name, plan);
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const withCode = () => folders.filter((n) => existsSync(join(root, n, "cdktf", "main.ts")));

describe("haspec fix on the recorded corpus (aws-recorded)", () => {
  it("accounts for every failing result in every folder, and fixes most of them in code", () => {
    let fixed = 0;
    let total = 0;
    for (const name of folders) {
      const plan = plans.get(name)!;
      const manual = new Set(plan.manual.map((m) => `${m.resource} ${m.rule}`));
      const done = new Set(fixedPairs(plan));
      for (const f of failing.get(name)!) expect(done.has(f) || manual.has(f), `${name}: ${f}`).toBe(true);
      fixed += done.size;
      total += failing.get(name)!.length;
    }
    expect(withCode().length).toBeGreaterThan(10);
    expect(fixed).toBeGreaterThan(total / 2);
  });

  it("type-checks every emitted CDKTF project in one tsc run", () => {
    writeFileSync(
      join(root, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, noEmit: true, types: [] }, include: withCode().map((n) => `${n}/cdktf/main.ts`) }),
    );
    const tsc = spawnSync(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.json")], { encoding: "utf8", timeout: 180_000 });
    expect(`${tsc.stdout}${tsc.stderr}`).toBe("");
    expect(tsc.status).toBe(0);
  }, 180_000);

  it("synthesizes every project, and each synthesized stack and HCL re-check passes every fixed rule", async () => {
    // One process synthesizes them all: each main.ts writes cdktf.out under the directory it runs in.
    const runner = join(root, "synth-all.mjs");
    writeFileSync(
      runner,
      `import { pathToFileURL } from "node:url";\nfor (const dir of ${JSON.stringify(withCode().map((n) => join(root, n, "cdktf")))}) {\n  process.chdir(dir);\n  await import(pathToFileURL(dir + "/main.ts").href);\n}\n`,
    );
    const synth = spawnSync(process.execPath, ["--import", "tsx", runner], { cwd: REPO, encoding: "utf8", timeout: 180_000 });
    expect(synth.status, `${synth.stdout}${synth.stderr}`).toBe(0);
    for (const name of withCode()) {
      const plan = plans.get(name)!;
      const cdktf = statuses((await recheckCdktf(join(root, name), policies, NOW)).evaluation);
      const hcl = statuses((await recheckHcl(join(root, name), policies, NOW)).evaluation);
      expectFixedRulesPass(plan, cdktf);
      expectFixedRulesPass(plan, hcl);
    }
  }, 180_000);
});
