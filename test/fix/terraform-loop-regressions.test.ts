// What real Terraform found wrong with haspec fix on AWS CLI output (saved from moto by the e2e suite, npm run test:terraform), pinned without Terraform.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempFixDir } from "../support/fix-project.js";
import { runCli } from "../support/run-cli.js";

const FIXTURE = "test/fixtures/fix/moto-aurora-mysql";
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("haspec fix on the AWS CLI output of an estate Terraform applied to moto", () => {
  const out = tempFixDir("terraform-loop");
  dirs.push(out);
  const run = runCli(["fix", FIXTURE, "--policy", join(FIXTURE, "policy.yaml"), "--out", out, "--quiet"]);
  const hcl = () => readFileSync(join(out, "hcl/main.tf"), "utf8");
  const cdktf = () => readFileSync(join(out, "cdktf/main.ts"), "utf8");

  it("writes a fix", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("accepts the hashicorp/aws versions teams run, 5.x and 6.x, in HCL and in CDKTF (whose bindings pin 6.25.0)", () => {
    expect(hcl()).toContain('version = ">= 5.0, < 7.0"');
    expect(cdktf()).toContain('this.addOverride("terraform.required_providers.aws.version", ">= 5.0, < 7.0");');
  });

  it("does not copy the KmsKeyId an unencrypted cluster reports (moto's placeholder failed terraform validate)", () => {
    const clusters = readFileSync(join(FIXTURE, "us-east-1/describe-db-clusters.json"), "utf8");
    expect(clusters).toContain('"KmsKeyId": "default_kms_key_id"');
    expect(hcl()).not.toContain("kms_key_id");
  });

  it("keeps each instance's own tags (an import without them planned the tags away)", () => {
    const instance = /resource "aws_rds_cluster_instance" "orders_prod_0" \{[\s\S]*?\n\}/.exec(hcl())?.[0] ?? "";
    expect(instance).toMatch(/tags = \{\s*"env" = "prod"\s*\}/);
  });

  it("names the account-wide monitoring role with a prefix, so a second fix never collides with the first", () => {
    expect(hcl()).toMatch(/resource "aws_iam_role" "haspec_rds_monitoring" \{\s*name_prefix\s+= "haspec-rds-monitoring-"/);
    expect(hcl()).not.toMatch(/^\s*name\s+= "haspec-rds/m);
  });
});
