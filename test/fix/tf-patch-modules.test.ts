// tf.patch for `.tf` inputs (issue 19 item 2): module inputs, third-party modules never edited, parameter groups edited in place, no duplicate names.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { terraformGet, useCommunityModuleRepo } from "../../e2e/terraform/harness/module-repo.js";
import { evaluate } from "../../src/engine/evaluate.js";
import { unpatchedKey } from "../../src/fix/blocks.js";
import { planFixes } from "../../src/fix/plan.js";
import { tfPatch } from "../../src/fix/tf-patch.js";
import { readHcl } from "../../src/sources/hcl/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";

const NOW = new Date("2026-11-22T10:00:00Z");
const ESTATES = join(import.meta.dirname, "../../e2e/terraform/estates");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of an estate in a scratch directory (the cwd of the patch), rearranged by `prepare`. */
function copyEstate(name: string, prepare?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), `haspec-tfpatch-${name}-`));
  dirs.push(dir);
  cpSync(join(ESTATES, name), dir, { recursive: true });
  prepare?.(dir);
  return dir;
}

async function patchOf(dir: string) {
  const cwd = process.cwd();
  const inventory = await readHcl([relative(cwd, dir)]);
  const policies = [await loadPolicy(join(dir, "policy.yaml"))];
  const evaluation = evaluate(policies, inventory, { now: NOW });
  const plan = planFixes(evaluation, inventory, { policies, now: NOW });
  const patch = await tfPatch(plan.blocks, cwd, [relative(cwd, dir)]);
  // Paths in the patch are relative to the working directory: shown here relative to the estate.
  const prefix = `${relative(cwd, dir)}/`;
  return { plan, patch: { ...patch, diff: patch.diff.split(prefix).join(""), skipped: patch.skipped.map((x) => x.split(prefix).join("")) } };
}

/** The added lines of the patch for one file. */
function added(diff: string, file: string): string[] {
  const part = diff.split(/^--- /m).find((p) => p.includes(`+++ b/${file}\n`)) ?? "";
  return part
    .split("\n")
    .filter((l) => l.startsWith("+") && !l.startsWith("+++"))
    .map((l) => l.slice(1).trim());
}

describe("tf.patch of a root calling its own rds-aurora-style module", () => {
  it("sets the module's inputs in the call and adds the reader as an instances entry; nothing inside the module, no haspec-fix.tf", async () => {
    const dir = copyEstate("patch-module-local");
    const { patch } = await patchOf(dir);
    expect(patch.diff).not.toMatch(/^\+\+\+ b\/modules\//m);
    expect(patch.diff).not.toMatch(/haspec-fix\.tf/);
    const main = added(patch.diff, "main.tf");
    expect(main).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^backup_retention_period = 7 #/),
        expect.stringMatching(/^deletion_protection = true #/),
        expect.stringMatching(/^copy_tags_to_snapshot = true #/),
        // try(coalesce(each.value.X, var.Y), null) never reaches var.Y for an entry without X: set per instance.
        expect.stringMatching(/^performance_insights_enabled = true # haspec: monitoring\.performance_insights/),
        expect.stringMatching(/^monitoring_interval = 60 # haspec: monitoring\.max_monitoring_interval/),
        expect.stringMatching(/^b-reader = \{ #/),
        'instance_class = "db.r6g.xlarge"',
        "promotion_tier = 0",
        'availability_zone = "us-east-1b"',
      ]),
    );
    // The module makes its own monitoring role: the patch declares none, and sets no role ARN.
    expect(patch.diff).not.toMatch(/aws_iam_role|monitoring_role_arn/);
    expect([...patch.unpatched]).toEqual([]);
  });

  it("an attribute the module does not set: its own module is edited in its block; a vendored copy is not, and the step says why", async () => {
    const dropCopyTags = (dir: string, moduleDir: string) => {
      const file = join(dir, moduleDir, "main.tf");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^\s*copy_tags_to_snapshot\s*=\s*var\.copy_tags_to_snapshot\n/m, ""));
    };
    const own = copyEstate("patch-module-local", (d) => dropCopyTags(d, "modules/aurora"));
    const ownPatch = (await patchOf(own)).patch;
    expect(added(ownPatch.diff, "modules/aurora/main.tf")).toEqual([expect.stringMatching(/^copy_tags_to_snapshot = true # haspec: backup\.copy_tags_to_snapshot/)]);

    const vendored = copyEstate("patch-module-local", (d) => {
      renameSync(join(d, "modules"), join(d, "vendor"));
      const main = join(d, "main.tf");
      writeFileSync(main, readFileSync(main, "utf8").replace("./modules/aurora", "./vendor/aurora"));
      dropCopyTags(d, "vendor/aurora");
    });
    const { patch, plan } = await patchOf(vendored);
    expect(patch.diff).not.toMatch(/^\+\+\+ b\/vendor\//m);
    // Inputs are still set in the user's own root.
    expect(added(patch.diff, "main.tf")).toEqual(expect.arrayContaining([expect.stringMatching(/^backup_retention_period = 7 #/)]));
    expect(patch.skipped).toEqual([expect.stringMatching(/copy_tags_to_snapshot = true: .*has no input for it; the module is not yours to edit \(vendor\/aurora sits under vendor\//)]);
    const cluster = plan.resources[0]!.resource.address;
    expect([...patch.unpatched]).toEqual([unpatchedKey(cluster, "backup.copy_tags_to_snapshot")]);
  });

  it("a module under .terraform/modules or holding .git is not the user's own", async () => {
    const { whyNotOwn } = await import("../../src/fix/tf-modules.js");
    const root = copyEstate("patch-module-local");
    expect(await whyNotOwn(join(root, "modules/aurora"), root, "modules/aurora", "./modules/aurora")).toBeUndefined();
    expect(await whyNotOwn(join(root, ".terraform/modules/aurora"), root, "x", "./.terraform/modules/aurora")).toMatch(/under \.terraform\//);
    expect(await whyNotOwn(join(root, "../elsewhere"), root, "x", "../elsewhere")).toMatch(/outside the root/);
    cpSync(join(root, "modules/aurora"), join(root, "modules/upstream"), { recursive: true });
    writeFileSync(join(root, "modules/upstream/.git"), "gitdir: ../../.git/modules/upstream\n");
    expect(await whyNotOwn(join(root, "modules/upstream"), root, "modules/upstream", "./modules/upstream")).toMatch(/checkout of its own/);
  });
});

describe("tf.patch of a root calling the community rds-aurora module by a git source, installed by a real terraform get", () => {
  const installed = (prepare?: (dir: string) => void) =>
    copyEstate("patch-community-installed", (d) => {
      useCommunityModuleRepo(d);
      terraformGet(d);
      prepare?.(d);
    });

  it("sets the module's inputs in the user's call; nothing under .terraform/modules", async () => {
    const { patch } = await patchOf(installed());
    expect(patch.diff).not.toMatch(/\.terraform/);
    expect(added(patch.diff, "main.tf")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^backup_retention_period = 7 #/),
        expect.stringMatching(/^deletion_protection = true #/),
        expect.stringMatching(/^copy_tags_to_snapshot = true #/),
        expect.stringMatching(/^performance_insights_enabled = true #/),
        expect.stringMatching(/^monitoring_interval = 60 #/),
        expect.stringMatching(/^b-reader = \{ #/),
        'availability_zone = "us-east-1b"',
        "promotion_tier = 0",
      ]),
    );
    expect(patch.skipped).toEqual([]);
  });

  it("an attribute the installed module has no input for is a manual step naming the installed copy, never an edit of it", async () => {
    const dir = installed((d) => {
      const file = join(d, ".terraform/modules/aurora/main.tf");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^\s*copy_tags_to_snapshot\s*=\s*var\.copy_tags_to_snapshot\n/m, ""));
    });
    const { patch } = await patchOf(dir);
    expect(patch.diff).not.toMatch(/\.terraform/);
    expect(patch.skipped).toEqual(
      expect.arrayContaining([expect.stringMatching(/copy_tags_to_snapshot = true: .*has no input for it; the module is not yours to edit \(\.terraform\/modules\/aurora is the copy of "git::file:.*" that terraform init installed/)]),
    );
  });
});

describe("tf.patch of plain root resources", () => {
  it("edits the existing parameter group (a parameter block), never declares it twice; TTL 5 of limits 30 and 5; retention 14 of 7 and 14", async () => {
    const dir = copyEstate("patch-root-resources");
    const { patch } = await patchOf(dir);
    expect(patch.diff).not.toMatch(/resource "aws_rds_cluster_parameter_group"/);
    const main = added(patch.diff, "main.tf");
    expect(main).toEqual(expect.arrayContaining([expect.stringMatching(/^parameter \{ # haspec: binlog\.formats/), 'name = "binlog_format"', 'value = "ROW"', expect.stringMatching(/^ttl = 5 #/), expect.stringMatching(/^backup_retention_period = 14 #/)]));
    // The writer is not shrunk and the tier-15 reader is not resized: a new tier-0 reader of the writer's class takes the failover.
    expect(main.some((l) => l.startsWith("instance_class"))).toBe(false);
    expect(added(patch.diff, "haspec-fix.tf")).toEqual(expect.arrayContaining(['instance_class               = "db.r6g.2xlarge"', "promotion_tier               = 0"]));
  });

  it("a new block never takes a name the configuration declares: the role becomes _2, and every reference follows", async () => {
    const dir = copyEstate("patch-root-resources", (d) =>
      writeFileSync(join(d, "iam.tf"), 'resource "aws_iam_role" "haspec_rds_monitoring" {\n  name               = "someone-elses"\n  assume_role_policy = "{}"\n}\n'),
    );
    const { patch } = await patchOf(dir);
    const fixFile = added(patch.diff, "haspec-fix.tf");
    expect(fixFile).toContain('resource "aws_iam_role" "haspec_rds_monitoring_2" {');
    expect(fixFile).not.toContain('resource "aws_iam_role" "haspec_rds_monitoring" {');
    expect(added(patch.diff, "main.tf").filter((l) => l.startsWith("monitoring_role_arn"))).toEqual([
      expect.stringMatching(/^monitoring_role_arn = aws_iam_role\.haspec_rds_monitoring_2\.arn/),
      expect.stringMatching(/^monitoring_role_arn = aws_iam_role\.haspec_rds_monitoring_2\.arn/),
    ]);
  });
});

describe("account-wide resources the configuration already has", () => {
  it("reuses a monitoring role RDS can assume and the topic an event subscription publishes to, instead of creating them", async () => {
    const dir = copyEstate("patch-root-resources", (d) =>
      writeFileSync(
        join(d, "shared.tf"),
        [
          'resource "aws_iam_role" "monitoring" {',
          '  name               = "team-rds-monitoring"',
          '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "monitoring.rds.amazonaws.com" } }] })',
          "}",
          'resource "aws_sns_topic" "alerts" {',
          '  name = "team-db-alerts"',
          "}",
          'resource "aws_db_event_subscription" "other" {',
          '  name      = "other-db"',
          "  sns_topic = aws_sns_topic.alerts.arn",
          '  source_type = "db-instance"',
          "}",
          "",
        ].join("\n"),
      ),
    );
    const { patch } = await patchOf(dir);
    const fixFile = added(patch.diff, "haspec-fix.tf");
    expect(fixFile.some((l) => /resource "aws_(iam_role|iam_role_policy_attachment|sns_topic)"/.test(l))).toBe(false);
    expect(fixFile).toContain("sns_topic        = aws_sns_topic.alerts.arn");
    expect(added(patch.diff, "main.tf").filter((l) => l.startsWith("monitoring_role_arn"))).toEqual([
      expect.stringMatching(/^monitoring_role_arn = aws_iam_role\.monitoring\.arn/),
      expect.stringMatching(/^monitoring_role_arn = aws_iam_role\.monitoring\.arn/),
    ]);
  });
});

describe("tf.patch of a root calling the community rds-aurora module (v9.16.1, vendored under vendor/)", () => {
  it("sets only the module's inputs: retention, deletion protection, copy tags, monitoring and Performance Insights module-wide, a new instances entry", async () => {
    const dir = copyEstate("patch-community-vendored");
    const { patch } = await patchOf(dir);
    expect(patch.diff).not.toMatch(/^\+\+\+ b\/vendor\//m);
    expect(patch.diff).not.toMatch(/haspec-fix\.tf|aws_iam_role/);
    expect(added(patch.diff, "main.tf")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^backup_retention_period = 7 #/),
        expect.stringMatching(/^deletion_protection = true #/),
        expect.stringMatching(/^copy_tags_to_snapshot = true #/),
        // The module creates its monitoring role only from var.monitoring_interval: the module-wide input, not per instance.
        expect.stringMatching(/^monitoring_interval = 60 # haspec: monitoring\.max_monitoring_interval/),
        expect.stringMatching(/^performance_insights_enabled = true # haspec: monitoring\.performance_insights/),
        expect.stringMatching(/^b-reader = \{ #/),
        'instance_class = "db.r6g.xlarge"',
      ]),
    );
    expect(patch.skipped).toEqual([]);
  });
});

describe("hcl/main.tf for a .tf input", () => {
  it("a parameter group whose name is known only after apply stays a reference, never its address as a string", async () => {
    const dir = copyEstate("patch-root-resources", (d) => {
      const main = join(d, "main.tf");
      writeFileSync(main, readFileSync(main, "utf8").replace('name   = "billing-aurora-mysql80"', 'name_prefix = "billing-"'));
    });
    const { plan } = await patchOf(dir);
    const { renderHcl } = await import("../../src/fix/render-hcl.js");
    const hcl = renderHcl(plan.blocks, []);
    expect(hcl).not.toMatch(/"aws_rds_cluster_parameter_group\.billing"/);
    expect(hcl).toMatch(/db_cluster_parameter_group_name\s+= aws_rds_cluster_parameter_group\.billing\.(id|name)\n/);
  });
});

describe("tf.patch of root resources made with count", () => {
  it("an attribute every instance gets the same value is changed once in the block that makes them all", async () => {
    const dir = copyEstate("aurora-mysql-count");
    const { patch } = await patchOf(dir);
    const main = added(patch.diff, "main.tf");
    expect(main.filter((l) => l.startsWith("monitoring_interval"))).toEqual([expect.stringMatching(/^monitoring_interval = 60 # haspec: monitoring\.max_monitoring_interval/)]);
    expect(main.filter((l) => l.startsWith("monitoring_role_arn"))).toEqual([expect.stringMatching(/^monitoring_role_arn = aws_iam_role\.haspec_rds_monitoring\.arn/)]);
    expect(patch.skipped.filter((x) => /monitoring/.test(x))).toEqual([]);
  });
});

describe("module-wide or per-instance", () => {
  it("an entry that sets the field itself keeps the change per instance: a module-wide input would not reach it", async () => {
    const dir = copyEstate("patch-community-vendored", (d) => {
      const main = join(d, "main.tf");
      writeFileSync(main, readFileSync(main, "utf8").replace('      promotion_tier    = 0\n', '      promotion_tier    = 0\n      monitoring_interval = 0\n'));
    });
    const { patch } = await patchOf(dir);
    const main = added(patch.diff, "main.tf");
    // One line per entry (one and two), not one module-wide input.
    expect(main.filter((l) => l.startsWith("monitoring_interval = 60 #"))).toHaveLength(2);
    expect(patch.diff).toMatch(/^-\s+monitoring_interval = 0$/m);
  });
});
