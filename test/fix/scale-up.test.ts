// The zero-downtime scale-up procedure: a plan that resizes the writer in place gets the safe sequence instead —
// resize a reader (tier 0), fail over to it, resize the old writer — as one root, one variable file per stage, and commands.
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { writeFixProject } from "../../src/fix/index.js";
import { procedureDir, renderStagedProcedure, shellWord, type StagedFix } from "../../src/fix/scale-up.js";
import type { Inventory } from "../../src/model/inventory.js";
import { scaleUpProcedure } from "../../src/rules/changes/no_writer_resize_in_place.js";
import type { StagedProcedure } from "../../src/rules/remedy.js";
import { readTerraformPlan } from "../../src/sources/terraform-plan/index.js";
import { instance, resource } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const NOW = new Date("2026-12-01T00:00:00Z");
const PLAN = "test/fixtures/plans/writer-resize-apply-immediately.json";

async function judged(inventory: Inventory) {
  const policies = [policy({ targets: [target({ require: { "changes.no_writer_resize_in_place": true } })] })];
  return { evaluation: evaluate(policies, inventory, { now: NOW }), policies };
}

function procedureOf(evaluation: Awaited<ReturnType<typeof judged>>["evaluation"]): StagedProcedure {
  const failing = evaluation.results.find((r) => r.rule === "changes.no_writer_resize_in_place" && r.status === "fail")!;
  return failing.remedies!.find((r): r is StagedProcedure => r.kind === "staged-procedure")!;
}

/** `name = value` lines of a .tfvars file as a map. */
function vars(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes(" = ") && !l.startsWith("#"))
      .map((l) => l.split(" = ").map((x) => x.trim()) as [string, string]),
  );
}

describe("changes.no_writer_resize_in_place remedies the writer's resize with the staged procedure", () => {
  it("plans it on a real plan fixture: reader orders-prod-b (another AZ) to tier 0 and the new class, fail over, then the old writer", async () => {
    const { evaluation } = await judged(await readTerraformPlan([PLAN]));
    const p = procedureOf(evaluation);
    expect(p).toMatchObject({ kind: "staged-procedure", procedure: "scale-up", title: expect.stringMatching(/orders-prod-a of orders-prod from db\.r6g\.xlarge to db\.r6g\.2xlarge/) });
    expect(p.addReader).toBeUndefined();
    expect(p.stages.map((s) => s.name)).toEqual(["1-resize-reader", "2-failover", "3-resize-old-writer"]);
    const sets = (i: number) => p.stages[i]!.set.map((s) => [s.instance, s.attribute, s.to]);
    expect(sets(0)).toEqual([
      ["orders-prod-b", "instance_class", "db.r6g.2xlarge"],
      ["orders-prod-b", "promotion_tier", 0],
      ["orders-prod-b", "apply_immediately", true],
      ["orders-prod-a", "instance_class", "db.r6g.xlarge"],
      ["orders-prod-a", "promotion_tier", 15],
    ]);
    expect(sets(1)).toEqual([]);
    expect(p.stages[1]!.commands[0]!.argv).toEqual(["aws", "rds", "failover-db-cluster", "--db-cluster-identifier", "orders-prod", "--target-db-instance-identifier", "orders-prod-b"]);
    expect(sets(2)).toEqual([
      ["orders-prod-a", "instance_class", "db.r6g.2xlarge"],
      ["orders-prod-a", "promotion_tier", 0],
      ["orders-prod-a", "apply_immediately", true],
    ]);
    // The warning states the promotion order and the tiers the stages leave.
    expect(p.warning).toMatch(/lowest promotion tier \(0 first, 15 last\); within a tier the largest instance/);
    expect(p.warning).toMatch(/orders-prod-b \(the writer\) and orders-prod-a are both in tier 0 with db\.r6g\.2xlarge/);
    expect(p.warning).toMatch(/tier decides before size/);
  });

  it("adds a reader when the cluster has none, and says so", () => {
    const r = resource({ instances: [{ id: "solo-1", writer: true, tier: 1, class: "db.r6g.large" }] });
    const writer = instance({ id: "solo-1", writer: true, tier: 1, class: "db.r6g.large" });
    const p = scaleUpProcedure(r, writer, [], "db.r6g.large", "db.r6g.xlarge");
    expect(p.addReader).toEqual({ id: "solo-1-scale-up", instanceClass: "db.r6g.xlarge", promotionTier: 0 });
    expect(p.stages[0]!.what).toMatch(/has no reader to resize: add the reader solo-1-scale-up with db\.r6g\.xlarge in tier 0/);
    expect(p.stages[1]!.commands[0]!.argv).toContain("solo-1-scale-up");
    const files = renderStagedProcedure({ resource: r, rule: "changes.no_writer_resize_in_place", procedure: p, dir: "scale-up/orders_prod" }, []);
    expect(files["scale-up/orders_prod/main.tf"]).toMatch(/resource "aws_rds_cluster_instance" "solo_1_scale_up" \{[^}]*identifier\s+= "solo-1-scale-up"[^}]*instance_class\s+= "db.r6g.xlarge"[^}]*promotion_tier\s+= 0/s);
    expect(files["scale-up/orders_prod/README.md"]).toMatch(/has no reader to resize\*\*: stage 1 adds `solo-1-scale-up`/);
  });

  it("moves other tier-0 readers to tier 1, so no reader of the old class comes first", () => {
    const instances = [
      { id: "w", writer: true, az: "us-east-1a", tier: 0, class: "db.r6g.large" },
      { id: "same-az", az: "us-east-1a", tier: 0, class: "db.r6g.large" },
      { id: "other-az", az: "us-east-1b", tier: 2, class: "db.r6g.large" },
    ];
    const r = resource({ instances });
    const [w, sameAz, otherAz] = instances.map((i) => instance(i));
    const p = scaleUpProcedure(r, w!, [sameAz!, otherAz!], "db.r6g.large", "db.r6g.4xlarge");
    // The reader outside the writer's AZ is the target even though its tier is higher.
    expect(p.stages[1]!.commands[0]!.argv.at(-1)).toBe("other-az");
    expect(p.stages[0]!.set.filter((s) => s.instance === "same-az").map((s) => [s.attribute, s.to])).toEqual([["promotion_tier", 1]]);
  });

  it("escapes hostile identifiers: a safe folder name, HCL strings, shell words and Markdown", () => {
    const evil = 'x"; rm -rf ~ #\n${path.root}';
    const r = resource({ id: evil, instances: [{ id: `${evil}-w`, writer: true }, { id: `${evil}-r`, az: "us-east-1b" }] });
    const [w, rd] = (r.instances.known ? r.instances.value : []).map((i) => i);
    const p = scaleUpProcedure(r, w!, [rd!], "db.r6g.large", "db.r6g.xlarge");
    const dir = procedureDir(p, r.id);
    expect(dir).toMatch(/^scale-up\/[a-z0-9_]+$/);
    const files = renderStagedProcedure({ resource: r, rule: "changes.no_writer_resize_in_place", procedure: p, dir }, []);
    const main = files[`${dir}/main.tf`]!;
    expect(main).toContain(`identifier         = "x\\"; rm -rf ~ #\\n$\${path.root}-w"`);
    const readme = files[`${dir}/README.md`]!;
    // One line per command: the newline in the identifier is bash's \n inside $'…', not a line break.
    expect(readme).toContain(`--target-db-instance-identifier $'x"; rm -rf ~ #\\n\${path.root}-r'\n`);
    expect(shellWord("a'b\u202ec")).toBe("$'a\\'b\\u202ec'");
    for (const text of Object.values(files)) expect(text).not.toMatch(/[\u202a-\u202e]/);
  });

  it("quotes outside identifiers in the commands for the shell", () => {
    expect(shellWord("orders-prod-b")).toBe("orders-prod-b");
    expect(shellWord("a b'; rm -rf /")).toBe(`'a b'\\''; rm -rf /'`);
    expect(shellWord("DBClusters[0].DBClusterMembers[?IsClusterWriter].DBInstanceIdentifier")).toBe("'DBClusters[0].DBClusterMembers[?IsClusterWriter].DBInstanceIdentifier'");
  });
});

describe("haspec fix writes the procedure into the fix directory", () => {
  it("one root with the staged attributes as variables, one variable file per stage, a README with the commands", async () => {
    const inventory = await readTerraformPlan([PLAN]);
    const { evaluation, policies } = await judged(inventory);
    const out = mkdtempSync(join(tmpdir(), "haspec-scale-up-"));
    const { files, plan } = await writeFixProject({ evaluation, inventory, policies, now: NOW, inputs: [PLAN] }, { outDir: out, format: "hcl" });
    const dir = "scale-up/orders_prod";
    expect(files).toEqual(expect.arrayContaining([`${dir}/main.tf`, `${dir}/variables.tf`, `${dir}/README.md`, `${dir}/stages/1-resize-reader.tfvars`, `${dir}/stages/2-failover.tfvars`, `${dir}/stages/3-resize-old-writer.tfvars`]));
    expect(readdirSync(join(out, dir, "stages"))).toHaveLength(3);
    const read = (f: string) => readFileSync(join(out, dir, f), "utf8");
    const main = read("main.tf");
    expect(main).toMatch(/resource "aws_rds_cluster_instance" "orders_a" \{[^}]*instance_class\s+= var\.orders_a_instance_class/s);
    expect(main).toMatch(/resource "aws_rds_cluster_instance" "orders_b" \{[^}]*promotion_tier\s+= var\.orders_b_promotion_tier/s);
    expect(main).not.toContain("import {");
    expect(read("variables.tf")).toMatch(/variable "orders_a_promotion_tier" \{\n {2}description = .*\n {2}type {8}= number\n\}/);
    const [one, two, three] = ["1-resize-reader", "2-failover", "3-resize-old-writer"].map((s) => vars(read(`stages/${s}.tfvars`)));
    expect(one).toEqual({
      orders_b_instance_class: '"db.r6g.2xlarge"',
      orders_b_promotion_tier: "0",
      orders_b_apply_immediately: "true",
      orders_a_instance_class: '"db.r6g.xlarge"',
      orders_a_promotion_tier: "15",
      orders_a_apply_immediately: "null",
    });
    expect(two).toEqual(one);
    expect(three).toEqual({ ...one, orders_a_instance_class: '"db.r6g.2xlarge"', orders_a_promotion_tier: "0", orders_a_apply_immediately: "true" });
    const readme = read("README.md");
    expect(readme).toContain("terraform apply -var-file=stages/1-resize-reader.tfvars");
    expect(readme).toContain("aws rds failover-db-cluster --db-cluster-identifier orders-prod --target-db-instance-identifier orders-prod-b");
    expect(readme).toContain("terraform plan -detailed-exitcode -var-file=stages/2-failover.tfvars");
    expect(readme).toMatch(/## Promotion tiers: where the writer role goes next/);
    // The fix's own README lists the procedure, and the manual step points at it.
    expect(readFileSync(join(out, "README.md"), "utf8")).toMatch(/## Staged procedures[\s\S]*`scale-up\/orders_prod\/` \(orders-prod\)/);
    expect(plan.manual).toEqual([expect.objectContaining({ rule: "changes.no_writer_resize_in_place", text: expect.stringMatching(/follow scale-up\/orders_prod\/README\.md/) })]);
  });

  it("leaves the stages as text when the instances cannot be declared", () => {
    const r = resource({ instances: [{ id: "w", writer: true, class: "db.r6g.large" }, { id: "r", class: "db.r6g.large" }] });
    const unknownMembers = { ...r, instances: { known: false as const, reason: "the member list was not read" } };
    const p = scaleUpProcedure(r, instance({ id: "w", writer: true }), [instance({ id: "r" })], "db.r6g.large", "db.r6g.xlarge");
    const fix: StagedFix = { resource: unknownMembers, rule: "changes.no_writer_resize_in_place", procedure: p, dir: "scale-up/orders_prod" };
    const files = renderStagedProcedure(fix, []);
    expect(Object.keys(files)).toEqual(["scale-up/orders_prod/README.md"]);
    expect(files["scale-up/orders_prod/README.md"]).toMatch(/cannot write the Terraform for these stages \(orders-prod's instances cannot be declared: its member list is unknown/);
    expect(files["scale-up/orders_prod/README.md"]).toContain("- `r.instance_class` = `\"db.r6g.xlarge\"`");
  });
});
