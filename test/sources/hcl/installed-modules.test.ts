// Registry and git modules read from the copy `terraform init` installed (modules.json), with a real `terraform get` of the community rds-aurora module.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { communityModuleRepo, terraformGet, useCommunityModuleRepo } from "../../../e2e/terraform/harness/module-repo.js";
import { evaluate } from "../../../src/engine/evaluate.js";
import { readHcl, readHclRoot } from "../../../src/sources/hcl/index.js";
import { canonicalSource, satisfies } from "../../../src/sources/hcl/installed-modules.js";
import { loadPolicy } from "../../../src/spec/load-policy.js";

const NOW = new Date("2026-11-22T10:00:00Z");
const ESTATES = join(import.meta.dirname, "../../../e2e/terraform/estates");
const cwd = process.cwd();
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-installed-"));
  dirs.push(dir);
  return dir;
}

/** The estate whose root calls the community module by a git source, copied; `get` runs a real `terraform get`. */
function installedRoot(options: { get: boolean }): string {
  const dir = scratch();
  cpSync(join(ESTATES, "patch-community-installed"), dir, { recursive: true });
  useCommunityModuleRepo(dir);
  if (options.get) terraformGet(dir);
  return dir;
}

async function verdictsOf(dir: string): Promise<Record<string, string>> {
  const inventory = await readHcl([relative(cwd, dir)], { cwd });
  const evaluation = evaluate([await loadPolicy(join(dir, "policy.yaml"))], inventory, { now: NOW });
  return Object.fromEntries(evaluation.results.map((r) => [`${r.resource.id}|${r.rule}`, r.status]));
}

describe("a git-sourced module after terraform init", () => {
  it("is read from .terraform/modules/<key>: the same verdicts as the vendored copy, locations in the installed files, a note saying so", async () => {
    const dir = installedRoot({ get: true });
    const manifest = JSON.parse(readFileSync(join(dir, ".terraform/modules/modules.json"), "utf8")) as { Modules: { Key: string; Source: string; Dir: string }[] };
    expect(manifest.Modules).toContainEqual({ Key: "aurora", Source: `git::${communityModuleRepo()}?ref=v9.16.1`, Dir: ".terraform/modules/aurora" });
    const input = await readHclRoot(relative(cwd, dir), { cwd });
    expect(input.gaps).toBeUndefined();
    const cluster = input.resources.find((r) => r.address === "module.aurora.aws_rds_cluster.this[0]");
    expect(cluster?.location?.file).toBe(`${relative(cwd, dir)}/.terraform/modules/aurora/main.tf`);
    expect(cluster?.location?.line).toBeGreaterThan(1);
    expect(input.resources.map((r) => r.address)).toEqual(expect.arrayContaining(['module.aurora.aws_rds_cluster_instance.this["one"]', 'module.aurora.aws_rds_cluster_instance.this["two"]']));
    expect(input.notes.join("\n")).toContain('module.aurora (source "git::file://');
    expect(input.notes.join("\n")).toContain("is read from the copy terraform init installed in .terraform/modules/aurora");
    const installed = await verdictsOf(dir);
    expect(Object.keys(installed).length).toBe(11);
    expect(installed).toEqual(await verdictsOf(join(ESTATES, "patch-community-vendored")));
  });

  it("before terraform init it is not read: a gap that asks for terraform init or a plan, no database judged", async () => {
    const dir = installedRoot({ get: false });
    const input = await readHclRoot(relative(cwd, dir), { cwd });
    expect(input.resources.filter((r) => r.address.startsWith("module.aurora."))).toEqual([]);
    expect(input.gaps).toEqual([expect.stringMatching(/^module\.aurora \(source "git::file:.*"\) is not read: there is no \.terraform\/modules\/modules\.json \(run terraform init in the root first\); .*check a plan/)]);
  });

  it("TF_DATA_DIR moves the manifest, as it moves Terraform's", async () => {
    const dir = installedRoot({ get: false });
    terraformGet(dir, { TF_DATA_DIR: "tfdata" });
    expect((await readHclRoot(relative(cwd, dir), { cwd })).gaps?.length).toBe(1);
    const input = await readHclRoot(relative(cwd, dir), { cwd, env: { TF_DATA_DIR: "tfdata" } });
    expect(input.gaps).toBeUndefined();
    expect(input.resources.find((r) => r.address === "module.aurora.aws_rds_cluster.this[0]")?.location?.file).toMatch(/\/tfdata\/modules\/aurora\/main\.tf$/);
  });
});

/** A registry-style install written by hand: `outer` (registry, version 1.2.0) calls `inner` (registry, 0.3.1) which makes the cluster. */
function registryRoot(call: string): string {
  const dir = scratch();
  const outer = join(dir, ".terraform/modules/outer");
  const inner = join(dir, ".terraform/modules/outer.inner");
  mkdirSync(outer, { recursive: true });
  mkdirSync(inner, { recursive: true });
  writeFileSync(join(dir, "main.tf"), `module "outer" {\n${call}\n  retention = 9\n}\n`);
  writeFileSync(join(outer, "main.tf"), `variable "retention" {}\nmodule "inner" {\n  source  = "example/inner/aws"\n  version = "~> 0.3"\n  days    = var.retention\n}\n`);
  writeFileSync(join(inner, "main.tf"), `variable "days" {}\nresource "aws_rds_cluster" "this" {\n  cluster_identifier      = "nested"\n  engine                  = "aurora-postgresql"\n  backup_retention_period = var.days\n}\n`);
  writeFileSync(
    join(dir, ".terraform/modules/modules.json"),
    JSON.stringify({
      Modules: [
        { Key: "", Source: "", Dir: "." },
        { Key: "outer", Source: "registry.terraform.io/example/outer/aws", Version: "1.2.0", Dir: ".terraform/modules/outer" },
        { Key: "outer.inner", Source: "registry.terraform.io/example/inner/aws", Version: "0.3.1", Dir: ".terraform/modules/outer.inner" },
      ],
    }),
  );
  return dir;
}

describe("registry modules by modules.json key", () => {
  it("nested registry modules are found by their call path (outer.inner); the installed versions meet the constraints", async () => {
    const input = await readHclRoot(relative(cwd, registryRoot('  source  = "example/outer/aws"\n  version = ">= 1.0, < 2.0"')), { cwd });
    expect(input.gaps).toBeUndefined();
    const cluster = input.resources.find((r) => r.address === "module.outer.module.inner.aws_rds_cluster.this");
    expect(cluster?.values["backup_retention_period"]).toBe(9);
    expect(cluster?.location?.file).toMatch(/\.terraform\/modules\/outer\.inner\/main\.tf$/);
  });

  it("a version the constraint no longer accepts, or a source changed since init, is not read (Terraform refuses both until terraform init)", async () => {
    const stale = await readHclRoot(relative(cwd, registryRoot('  source  = "example/outer/aws"\n  version = "~> 2.0"')), { cwd });
    expect(stale.gaps).toEqual([expect.stringContaining('the installed version 1.2.0 does not meet the constraint "~> 2.0", so Terraform would refuse it (run terraform init)')]);
    expect(stale.resources).toEqual([]);
    const moved = await readHclRoot(relative(cwd, registryRoot('  source  = "example/other/aws"')), { cwd });
    expect(moved.gaps).toEqual([expect.stringContaining('records it as installed from "registry.terraform.io/example/outer/aws", not "example/other/aws" (run terraform init)')]);
  });

  it("a call's source and the address modules.json records compare as Terraform normalizes them", () => {
    const same = (written: string, recorded: string) => expect(canonicalSource(written)).toBe(canonicalSource(recorded));
    same("terraform-aws-modules/rds-aurora/aws", "registry.terraform.io/terraform-aws-modules/rds-aurora/aws");
    same("terraform-aws-modules/rds-aurora/aws//modules/x", "registry.terraform.io/terraform-aws-modules/rds-aurora/aws//modules/x");
    same("github.com/terraform-aws-modules/terraform-aws-rds-aurora?ref=v9.16.1", "git::https://github.com/terraform-aws-modules/terraform-aws-rds-aurora.git?ref=v9.16.1");
    // Older releases write the subdirectory after the query, newer ones before it.
    same("github.com/org/mods//aurora?ref=v1", "git::https://github.com/org/mods.git?ref=v1//aurora");
    same("github.com/org/mods/aurora?ref=v1", "git::https://github.com/org/mods.git//aurora?ref=v1");
    same("bitbucket.org/org/mods", "git::https://bitbucket.org/org/mods.git");
    same("git@github.com:org/mods.git?ref=v1", "git::ssh://git@github.com/org/mods.git?ref=v1");
    same("git::https://example.com/m.git?ref=v1&depth=1", "git::https://example.com/m.git?depth=1&ref=v1");
    expect(canonicalSource("github.com/org/a")).not.toBe(canonicalSource("github.com/org/b"));
    expect(canonicalSource("git::https://example.com/m.git?ref=v1")).not.toBe(canonicalSource("git::https://example.com/m.git?ref=v2"));
  });

  it("Terraform's version constraints", () => {
    expect(satisfies("9.16.1", "~> 9.16")).toBe(true);
    expect(satisfies("9.16.1", "~> 9.16.0")).toBe(true);
    expect(satisfies("9.17.0", "~> 9.16.0")).toBe(false);
    expect(satisfies("10.0.0", "~> 9.16")).toBe(false);
    expect(satisfies("9.16.1", ">= 9.0, < 10.0")).toBe(true);
    expect(satisfies("9.16.1", "9.16.1")).toBe(true);
    expect(satisfies("9.16.1", "= 9.16.0")).toBe(false);
    expect(satisfies("9.16.1", "!= 9.16.1")).toBe(false);
    expect(satisfies("9.16.1", "~> 9")).toBe(true);
    expect(satisfies("10.0.0-beta1", ">= 9.0")).toBe(false);
    expect(satisfies("10.0.0-beta1", "10.0.0-beta1")).toBe(true);
    expect(satisfies("9.16.1", "about nine")).toBeUndefined();
  });
});
