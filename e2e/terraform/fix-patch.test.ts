// `.tf` inputs → tf.patch, proven by Terraform: apply the estate to moto, `haspec fix`, `git apply`, validate, plan without
// destroy/replace (only the remedies' attributes change), apply, and the live re-check passes every rule the README claims.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disagreements, ESTATES, readExpected } from "./harness/estate.js";
import { checkVerdicts, haspec, type Verdict } from "./harness/haspec.js";
import { useCommunityModuleRepo } from "./harness/module-repo.js";
import { startMoto, type Moto } from "./harness/moto.js";
import { prepareRoot, type Terraform } from "./harness/terraform.js";

/** Attributes a remedy may change on a resource that exists; anything else changing in the plan is a bug of the fix. */
const REMEDY_ATTRIBUTES = new Set([
  "backup_retention_period",
  "deletion_protection",
  "copy_tags_to_snapshot",
  "monitoring_interval",
  "monitoring_role_arn",
  "performance_insights_enabled",
  "promotion_tier",
  "instance_class",
  "parameter",
  "ttl",
  "records",
]);
/** Types a fix may create. */
const CREATABLE = new Set(["aws_rds_cluster_instance", "aws_iam_role", "aws_iam_role_policy_attachment", "aws_sns_topic", "aws_db_event_subscription", "aws_rds_cluster_parameter_group"]);

/** `- id · rule: passes` lines of the README's re-check that the patch carries whole. */
function claimedFixed(readme: string): string[] {
  const section = readme.split("## Re-check of the emitted configuration")[1]?.split("\n## ")[0] ?? "";
  return section
    .split("\n")
    .map((l) => l.replace(/\\_/g, "_"))
    .filter((l) => /: passes$/.test(l))
    .map((l) => /^- (.+?) · (.+?): passes$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}|${m[2]}`);
}

/** Attributes that differ between before and after (unknown-after values count as changed). */
function changedAttributes(change: { before: Record<string, unknown> | null; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> }): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) || change.after_unknown?.[k] === true).filter((k) => k !== "tags_all");
}

interface LoopOutcome {
  readonly failingBefore: string[];
  readonly failingAfter: string[];
  readonly claimed: string[];
  readonly patch: string;
  readonly readme: string;
  readonly plan: { resource_changes?: { address: string; type: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> } }[] };
  readonly tf: Terraform;
  /** Attributes by address that a plan before the patch already changes (moto's drift): not the fix's doing. */
  readonly drift: Map<string, Set<string>>;
  /** `haspec check` of the `.tf` root as applied, before the fix (when asked for; empty otherwise). */
  readonly hclBefore: Map<string, Verdict>;
  /** A digest of every file under .terraform/modules (git internals aside), after init and after the patched apply. */
  readonly installed: { readonly before: string; readonly after: string };
}

/** A digest of the modules terraform init installed: paths and contents, `.git` left out. */
function installedDigest(dir: string): string {
  const hash = createHash("sha256");
  const root = join(dir, ".terraform", "modules");
  if (!existsSync(root)) return "none";
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || path.split("/").includes(".git")) continue;
    hash.update(path.slice(root.length)).update("\0").update(readFileSync(path)).update("\0");
  }
  return hash.digest("hex");
}

// moto knows AWS managed policies (AmazonRDSEnhancedMonitoringRole, which the monitoring role attaches) only when asked.
process.env["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true";

const motos: Moto[] = [];
afterAll(async () => {
  for (const m of motos) await m.close();
});

/** The whole loop over one estate directory (copied first; `prepare` may rearrange the copy). */
async function runLoop(estate: string, prepare?: (dir: string) => void, options: { checkHcl?: boolean } = {}): Promise<LoopOutcome> {
  const source = mkdtempSync(join(tmpdir(), `haspec-e2e-src-${estate}-`));
  cpSync(join(ESTATES, estate), source, { recursive: true });
  prepare?.(source);
  const moto = await startMoto();
  motos.push(moto);
  const tf = await prepareRoot(source, moto.url);
  await tf.apply();
  const policy = ["--policy", join(tf.dir, "policy.yaml")];
  const live = ["--source", "aws", "--region", "us-east-1", "--endpoint-url", moto.url, ...policy];
  const failing = (m: Map<string, { status: string }>) => [...m].filter(([, v]) => v.status === "fail").map(([k]) => k).sort();
  const failingBefore = failing(await checkVerdicts(live, moto.env));
  const hclBefore = options.checkHcl ? await checkVerdicts([tf.dir, "--source", "hcl", ...policy]) : new Map<string, Verdict>();
  const installedBefore = installedDigest(tf.dir);
  const drift = new Map<string, Set<string>>();
  for (const c of ((await tf.planJson()) as LoopOutcome["plan"]).resource_changes ?? []) drift.set(c.address, new Set(changedAttributes(c.change)));
  const out = mkdtempSync(join(tmpdir(), `haspec-e2e-fix-${estate}-`));
  const fix = await haspec(["fix", ".", "--source", "hcl", ...policy, "--out", join(out, "fix"), "--format", "hcl"], {}, tf.dir);
  if (fix.code !== 0 && fix.code !== 1) throw new Error(`haspec fix exited ${fix.code}:\n${fix.stderr}\n${fix.stdout}`);
  const patch = readFileSync(join(out, "fix", "tf.patch"), "utf8");
  const readme = readFileSync(join(out, "fix", "README.md"), "utf8");
  const applied = spawnSync("git", ["apply", "--verbose", join(out, "fix", "tf.patch")], { cwd: tf.dir, encoding: "utf8" });
  if (applied.status !== 0) throw new Error(`git apply failed:\n${applied.stderr}\n${patch}`);
  await tf.init();
  await tf.validate();
  const plan = (await tf.planJson()) as LoopOutcome["plan"];
  await tf.apply();
  const failingAfter = failing(await checkVerdicts(live, moto.env));
  return { failingBefore, failingAfter, claimed: claimedFixed(readme), patch, readme, plan, tf, drift, hclBefore, installed: { before: installedBefore, after: installedDigest(tf.dir) } };
}

function expectSafePlan({ plan, drift }: Pick<LoopOutcome, "plan" | "drift">): void {
  const changes = (plan.resource_changes ?? []).filter((c) => !(c.change.actions.length === 1 && c.change.actions[0] === "no-op") && !c.change.actions.includes("read"));
  const bad: string[] = [];
  for (const c of changes) {
    const actions = c.change.actions.join(",");
    if (actions === "create") {
      if (!CREATABLE.has(c.type)) bad.push(`${c.address}: creates a ${c.type}`);
    } else if (actions === "update") {
      const other = changedAttributes(c.change).filter((a) => !REMEDY_ATTRIBUTES.has(a) && !drift.get(c.address)?.has(a));
      if (other.length > 0) bad.push(`${c.address}: changes ${other.join(", ")}`);
    } else bad.push(`${c.address}: ${actions}`);
  }
  expect(bad).toEqual([]);
}

// Each loop has its own moto and Terraform root, and mostly waits on the provider: they run side by side.
describe.concurrent("tf.patch in the loop", () => {
  it("plain root resources: the parameter group is edited in place, TTL 5 of two limits, a new tier-0 reader of the writer's class; every claim passes live", async () => {
    const o = await runLoop("patch-root-resources");
    console.log(`patch-root-resources: ${o.failingBefore.length} failing before, ${o.failingAfter.length} after: ${o.failingAfter.join(", ")}`);
    expect(o.patch).not.toMatch(/resource "aws_rds_cluster_parameter_group"/);
    expect(o.patch).toMatch(/\+\s+ttl = 5 /);
    expectSafePlan(o);
    expect(o.claimed.length).toBeGreaterThan(0);
    expect(o.claimed.filter((c) => o.failingAfter.includes(c))).toEqual([]);
    // The writer never shrinks, the tier-15 reader is not resized.
    const resized = (o.plan.resource_changes ?? []).filter((c) => c.change.actions.join() === "update" && changedAttributes(c.change).includes("instance_class"));
    expect(resized.map((c) => c.address)).toEqual([]);
  }, 900_000);

  it("the user's own rds-aurora-style module: inputs set in the call, a new instances entry, nothing inside the module; every claim passes live", async () => {
    const o = await runLoop("patch-module-local");
    console.log(`patch-module-local: ${o.failingBefore.length} failing before, ${o.failingAfter.length} after: ${o.failingAfter.join(", ")}`);
    expect(o.patch).not.toMatch(/^\+\+\+ b\/modules\//m);
    expect(o.patch).not.toMatch(/haspec-fix\.tf/);
    expectSafePlan(o);
    expect(o.claimed.length).toBeGreaterThan(0);
    expect(o.claimed.filter((c) => o.failingAfter.includes(c))).toEqual([]);
  }, 900_000);

  it("the community rds-aurora module (v9.16.1) vendored under vendor/: only its inputs are set; every claim passes live", async () => {
    const o = await runLoop("patch-community-vendored");
    console.log(`patch-community-vendored: ${o.failingBefore.length} failing before, ${o.failingAfter.length} after: ${o.failingAfter.join(", ")}`);
    expect(o.patch).not.toMatch(/^\+\+\+ b\/vendor\//m);
    expectSafePlan(o);
    expect(o.claimed.length).toBeGreaterThan(0);
    expect(o.claimed.filter((c) => o.failingAfter.includes(c))).toEqual([]);
  }, 900_000);

  it("the community rds-aurora module by a git source, installed by terraform init: read from .terraform/modules, only its inputs set there; every claim passes live", async () => {
    const o = await runLoop("patch-community-installed", useCommunityModuleRepo, { checkHcl: true });
    console.log(`patch-community-installed: ${o.failingBefore.length} failing before, ${o.failingAfter.length} after: ${o.failingAfter.join(", ")}; claimed ${o.claimed.length}: ${o.claimed.join(", ")}`);
    expect(disagreements(readExpected("patch-community-installed"), "hcl", o.hclBefore)).toEqual([]);
    expect(o.patch).not.toMatch(/\.terraform/);
    expect(o.installed.before).not.toBe("none");
    expect(o.installed.after).toBe(o.installed.before);
    expectSafePlan(o);
    expect(o.claimed.length).toBeGreaterThan(0);
    expect(o.claimed.filter((c) => o.failingAfter.includes(c))).toEqual([]);
  }, 900_000);

  it("root resources made with count (tf-loop's aurora-mysql-count): a value every instance gets is set once in their block; every claim passes live", async () => {
    const o = await runLoop("aurora-mysql-count");
    console.log(`aurora-mysql-count: ${o.failingBefore.length} failing before, ${o.failingAfter.length} after: ${o.failingAfter.join(", ")}`);
    expectSafePlan(o);
    expect(o.claimed.length).toBeGreaterThan(0);
    expect(o.claimed.filter((c) => o.failingAfter.includes(c))).toEqual([]);
  }, 900_000);

  it("the same module vendored as third-party (vendor/): no file under vendor/ is patched; inputs are still set; every claim passes live", async () => {
    const o = await runLoop("patch-module-local", (dir) => {
      renameSync(join(dir, "modules"), join(dir, "vendor"));
      const main = join(dir, "main.tf");
      writeFileSync(main, readFileSync(main, "utf8").replace('source = "./modules/aurora"', 'source = "./vendor/aurora"'));
    });
    console.log(`patch-module-vendored: ${o.failingBefore.length} failing before, ${o.failingAfter.length} after: ${o.failingAfter.join(", ")}`);
    expect(o.patch).not.toMatch(/^\+\+\+ b\/vendor\//m);
    expectSafePlan(o);
    expect(o.claimed.filter((c) => o.failingAfter.includes(c))).toEqual([]);
    expect(existsSync(join(o.tf.dir, "vendor", "aurora", "haspec-fix.tf"))).toBe(false);
  }, 900_000);
});
