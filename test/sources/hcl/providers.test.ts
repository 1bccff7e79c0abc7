// .tf details issue 4 left open: provider regions (aliases, modules), .tf.json-only roots, members of undeclared clusters.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readHcl } from "../../../src/sources/hcl/index.js";
import { detectSource } from "../../../src/sources/index.js";

const FIX = "test/fixtures/hcl";

describe("provider regions in .tf", () => {
  it("gives each resource its provider configuration's region", async () => {
    const inv = await readHcl([`${FIX}/provider-regions`]);
    const region = Object.fromEntries(inv.resources.map((r) => [r.address, r.region.known ? r.region.value : `unknown: ${r.region.reason}`]));
    expect(region).toEqual({
      "aws_rds_cluster.main": "eu-west-1", // provider "aws" { region = var.region }
      "aws_rds_cluster.dr": "eu-central-1", // provider = aws.dr
      "module.inherits.aws_rds_cluster.this": "eu-west-1", // inherits the default configuration
      "module.passed.aws_rds_cluster.this": "eu-central-1", // providers = { aws = aws.dr }
    });
  });

  it("leaves the region unknown when no provider block names one", async () => {
    const inv = await readHcl([`${FIX}/count-no-azs`]);
    for (const r of inv.resources) expect(r.region.known).toBe(false);
  });

  it("notes a member whose cluster_identifier refers to an undeclared cluster, without doubting the other clusters", async () => {
    const inv = await readHcl([`${FIX}/provider-regions`]);
    expect(inv.notes.join("\n")).toMatch(/aws_rds_cluster_instance\.orphan joins aws_rds_cluster\.gone, which is not among the inputs/);
    const main = inv.resources.find((r) => r.id === "main");
    expect(main?.instances).toEqual({ known: true, value: [] });
  });
});

describe(".tf.json files", () => {
  it("reads a root written only in JSON syntax, with the line of each resource", async () => {
    expect(await detectSource(`${FIX}/tf-json-only`)).toBe("hcl");
    // A single Terraform JSON file is configuration too, not AWS CLI output.
    expect(await detectSource(`${FIX}/tf-json-only/main.tf.json`)).toBe("hcl");
    const inv = await readHcl([`${FIX}/tf-json-only`]);
    const c = inv.resources.find((r) => r.id === "json-main");
    expect(c?.region).toEqual({ known: true, value: "ap-southeast-2" });
    expect(c?.location).toMatchObject({ source: "hcl", file: `${FIX}/tf-json-only/main.tf.json`, line: 6 });
    expect(c?.instances.known && c.instances.value.map((i) => i.id)).toEqual(["json-main-a"]);
  });

  it("keeps a directory with cdk.tf.json a CDKTF input", async () => {
    // The synth output laid out in a directory of this test's own (cdktf.out is build output that git ignores).
    const out = path.join(mkdtempSync(path.join(tmpdir(), "haspec-cdktf-")), "cdktf.out");
    cpSync("test/fixtures/cdktf/project/synth-output", out, { recursive: true });
    expect(await detectSource(path.join(out, "stacks/prod"))).toBe("cdktf");
  });
});
