// haspec fix on Terraform inputs: changes expressed against the existing addresses, change rules reverted, nothing imported.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { addressOf } from "../../src/fix/blocks.js";
import { planFixes } from "../../src/fix/plan.js";
import { renderHcl } from "../../src/fix/render-hcl.js";
import type { Inventory } from "../../src/model/inventory.js";
import { readHcl } from "../../src/sources/hcl/index.js";
import { readTerraformPlan } from "../../src/sources/terraform-plan/index.js";
import { policy, target } from "../support/policy.js";

const NOW = new Date("2026-11-22T10:00:00Z");

function fix(inventory: Inventory, require: Record<string, unknown>) {
  const policies = [policy({ targets: [target({ require })] })];
  return planFixes(evaluate(policies, inventory, { now: NOW }), inventory, { policies, now: NOW });
}

describe("fixes for Terraform inputs", () => {
  it("reverts an in-place resize of the writer at its own address, and says only a new plan can judge it again", async () => {
    const inventory = await readTerraformPlan(["test/fixtures/plans/writer-resize-apply-immediately.json"]);
    const plan = fix(inventory, { "changes.no_writer_resize_in_place": true });
    const writer = plan.blocks.find((b) => addressOf(b) === "aws_rds_cluster_instance.orders_a")!;
    expect(writer.origin).toMatchObject({ kind: "terraform", address: "aws_rds_cluster_instance.orders_a" });
    expect(writer.values["instance_class"]).toBe("db.r6g.xlarge");
    expect(writer.values["apply_immediately"]).toBe(false);
    expect(plan.resources[0]!.checked).toEqual([expect.objectContaining({ rule: "changes.no_writer_resize_in_place", fixed: true, planNote: expect.stringMatching(/new plan/) })]);
    expect(renderHcl(plan.blocks, [])).not.toContain("import {");
  });

  it("leaves a replacement to the user, naming the attribute that forces it", async () => {
    const inventory = await readTerraformPlan(["test/fixtures/plans/cluster-replacement.json"]);
    const plan = fix(inventory, { "changes.no_replacement": true });
    expect(plan.blocks).toEqual([]);
    expect(plan.manual).toEqual([expect.objectContaining({ rule: "changes.no_replacement", text: expect.stringMatching(/^master_username: changing it forces replacement/) })]);
  });

  it("names the blocks of a .tf input after their addresses, so the HCL merges into the same configuration", async () => {
    const inventory = await readHcl(["test/fixtures/parity/tf"]);
    const plan = fix(inventory, { "backup.min_retention_days": 7, "dns.max_ttl": 60 });
    const addresses = plan.blocks.map(addressOf);
    expect(addresses).toEqual(expect.arrayContaining(["aws_rds_cluster.crm", "aws_route53_record.crm_db"]));
    expect(plan.blocks.every((b) => b.origin.kind !== "import")).toBe(true);
  });
});
