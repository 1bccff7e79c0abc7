// The zero-downtime scale-up procedure for real: a plan that resizes the writer in place, haspec fix, then each stage of
// scale-up/<cluster>/ applied by Terraform to moto with the README's own AWS CLI commands between them; the writer's
// class and role are read back after every stage.
import { execFile } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESTATES } from "./harness/estate.js";
import { haspec } from "./harness/haspec.js";
import { startMoto, type Moto } from "./harness/moto.js";
import { prepareRoot, writeMotoOverride, type Terraform } from "./harness/terraform.js";

const run = promisify(execFile);
const ESTATE = join(ESTATES, "scale-up");
const PROCEDURE = "scale-up/orders_prod";

/** The `aws …` lines of each stage's shell blocks in the procedure's README, with the `# must print X` before each. */
function stageCommands(readme: string): Map<string, { line: string; mustPrint?: string }[]> {
  const out = new Map<string, { line: string; mustPrint?: string }[]>();
  let stage = "";
  let must: string | undefined;
  for (const line of readme.split("\n")) {
    const heading = /^## Stage \d+: (\S+)/.exec(line);
    if (heading) {
      stage = heading[1]!.replace(/\\/g, "");
      out.set(stage, []);
      continue;
    }
    const comment = /^# must print (\S+?)(;|$)/.exec(line);
    if (comment) must = comment[1];
    else if (line.startsWith("aws ") && stage !== "") {
      out.get(stage)!.push({ line, ...(must === undefined ? {} : { mustPrint: must }) });
      must = undefined;
    } else if (!line.startsWith("#")) must = undefined;
  }
  return out;
}

/** Every change of the plan that is not an in-place update or no-op, and every instance attribute changed beyond `allowed`. */
function problems(plan: any, allowed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const actions: string[] = rc.change.actions;
    if (actions.includes("delete") || (actions.includes("create") && rc.type !== "aws_rds_cluster_instance")) out.push(`${rc.address}: ${actions.join("+")}`);
    if (rc.type !== "aws_rds_cluster_instance" || !actions.includes("update")) continue;
    for (const key of Object.keys(rc.change.after ?? {})) {
      const before = JSON.stringify(rc.change.before?.[key] ?? null);
      const after = JSON.stringify(rc.change.after[key] ?? null);
      if (before !== after && !allowed.has(key) && !rc.change.after_unknown?.[key]) out.push(`${rc.address}.${key}: ${before} -> ${after}`);
    }
  }
  return out;
}

describe("the scale-up procedure against moto", () => {
  let moto: Moto;
  let tf: Terraform;
  let fixDir: string;
  let commands: Map<string, { line: string; mustPrint?: string }[]>;

  const aws = async (args: readonly string[]) =>
    (await run("aws", [...args, "--endpoint-url", moto.url, "--region", "us-east-1", "--output", "json"], { env: { PATH: process.env["PATH"]!, HOME: process.env["HOME"]!, ...moto.env } })).stdout;
  const instanceClass = async (id: string) => JSON.parse(await aws(["rds", "describe-db-instances", "--db-instance-identifier", id])).DBInstances[0].DBInstanceClass as string;
  const writer = async () =>
    (JSON.parse(await aws(["rds", "describe-db-clusters", "--db-cluster-identifier", "orders-prod"])).DBClusters[0].DBClusterMembers as { DBInstanceIdentifier: string; IsClusterWriter: boolean }[]).find((m) => m.IsClusterWriter)
      ?.DBInstanceIdentifier;

  /** Runs the README's commands of a stage as a user would (pointed at moto), checking each `must print`. */
  const runCommands = async (stage: string) => {
    for (const c of commands.get(stage) ?? []) {
      const { stdout } = await run("bash", ["-c", `${c.line} --endpoint-url "$MOTO" --region us-east-1`], { env: { PATH: process.env["PATH"]!, HOME: process.env["HOME"]!, ...moto.env, MOTO: moto.url } });
      if (c.mustPrint !== undefined) expect([c.line, stdout.trim()]).toEqual([c.line, c.mustPrint]);
    }
  };
  const stagePlan = async (stage: string) => tf.planJson([`-var-file=stages/${stage}.tfvars`]);

  beforeAll(async () => {
    moto = await startMoto();
    tf = await prepareRoot(ESTATE, moto.url, { withProvider: true });
    await tf.apply();
    // The plan haspec judges: the writer resized in place with apply_immediately.
    copyFileSync(join(ESTATE, "resize.override"), join(tf.dir, "zz_resize_override.tf"));
    const planFile = join(mkdtempSync(join(tmpdir(), "haspec-e2e-scale-up-")), "plan.json");
    writeFileSync(planFile, JSON.stringify(await tf.planJson()));
    fixDir = mkdtempSync(join(tmpdir(), "haspec-e2e-scale-up-fix-"));
    const fix = await haspec(["fix", planFile, "--source", "plan", "--policy", join(ESTATE, "policy.yaml"), "--out", fixDir, "--format", "hcl", "--quiet"]);
    if (fix.code !== 0) throw new Error(`haspec fix exited ${fix.code}:\n${fix.stderr}`);
    commands = stageCommands(readFileSync(join(fixDir, PROCEDURE, "README.md"), "utf8"));
    // The procedure's root takes the estate's place in the same working directory (same state): its configuration
    // declares the same addresses, with the staged attributes read from variables.
    for (const f of readdirSync(tf.dir)) if (f.endsWith(".tf")) rmSync(join(tf.dir, f));
    cpSync(join(fixDir, PROCEDURE), tf.dir, { recursive: true });
    writeMotoOverride(tf.dir, moto.url);
    await tf.init();
    await tf.validate();
  }, 300_000);
  afterAll(() => moto?.close());

  it("haspec fix wrote the procedure: three stages, and the failover command among them", () => {
    expect(readdirSync(join(fixDir, PROCEDURE, "stages")).sort()).toEqual(["1-resize-reader.tfvars", "2-failover.tfvars", "3-resize-old-writer.tfvars"]);
    expect(commands.get("2-failover")!.map((c) => c.line)).toContain("aws rds failover-db-cluster --db-cluster-identifier orders-prod --target-db-instance-identifier orders-prod-b");
  });

  it("stage 1 resizes the reader only (in place), and the writer keeps its class", async () => {
    expect(problems(await stagePlan("1-resize-reader"), new Set(["instance_class", "promotion_tier", "apply_immediately"])), tf.transcript()).toEqual([]);
    await tf.run(["apply", "-no-color", "-input=false", "-auto-approve", "tfplan"]);
    await runCommands("1-resize-reader");
    expect([await instanceClass("orders-prod-b"), await instanceClass("orders-prod-a"), await writer()]).toEqual(["db.r6g.xlarge", "db.r6g.large", "orders-prod-a"]);
  });

  it("stage 2 fails over to the resized reader; Terraform then plans no instance change", async () => {
    await runCommands("2-failover");
    expect(await writer()).toBe("orders-prod-b");
    const plan = await stagePlan("2-failover");
    const instanceChanges = (plan.resource_changes ?? []).filter((rc: any) => rc.type === "aws_rds_cluster_instance" && !rc.change.actions.every((a: string) => a === "no-op"));
    expect(instanceChanges.map((rc: any) => rc.address), tf.transcript()).toEqual([]);
  });

  it("stage 3 resizes the old writer, now a reader; the writer stays on the resized instance", async () => {
    expect(problems(await stagePlan("3-resize-old-writer"), new Set(["instance_class", "promotion_tier", "apply_immediately"])), tf.transcript()).toEqual([]);
    await tf.run(["apply", "-no-color", "-input=false", "-auto-approve", "tfplan"]);
    await runCommands("3-resize-old-writer");
    expect([await instanceClass("orders-prod-a"), await instanceClass("orders-prod-b"), await writer()]).toEqual(["db.r6g.xlarge", "db.r6g.xlarge", "orders-prod-b"]);
    const tiers = JSON.parse(await aws(["rds", "describe-db-clusters", "--db-cluster-identifier", "orders-prod"])).DBClusters[0].DBClusterMembers.map((m: any) => [m.DBInstanceIdentifier, m.PromotionTier]);
    expect(Object.fromEntries(tiers)).toEqual({ "orders-prod-a": 0, "orders-prod-b": 0 });
  });
});
