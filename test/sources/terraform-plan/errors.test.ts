// Inputs that are not a plan: a UserError with file:line:column, before anything is judged.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { readTerraformState } from "../../../src/sources/terraform-state/index.js";

function file(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "haspec-plan-"));
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function problem(promise: Promise<unknown>) {
  const e = await promise.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  return (e as UserError).problems[0];
}

describe("plan input errors", () => {
  it("points at the first invalid character", async () => {
    const p = file("plan.json", '{\n  "format_version": "1.2",\n  "planned_values": {,}\n}');
    expect(await problem(readTerraformPlan([p]))).toMatchObject({ file: p, line: 3, column: 22 });
  });

  it("refuses JSON from another tool", async () => {
    const p = file("clusters.json", '{ "DBClusters": [] }');
    expect(await problem(readTerraformPlan([p]))).toMatchObject({ file: p, line: 1, column: 1, message: expect.stringContaining("format_version") });
  });

  it("refuses a state given as a plan, and a plan given as state", async () => {
    const state = file("state.json", '{ "format_version": "1.0", "values": { "root_module": {} } }');
    expect(await problem(readTerraformPlan([state]))).toMatchObject({ file: state });
    const plan = file("plan.json", '{ "format_version": "1.2", "planned_values": { "root_module": {} }, "resource_changes": [] }');
    expect(await problem(readTerraformState([plan]))).toMatchObject({ file: plan });
  });

  it("refuses an unsupported format version at its key", async () => {
    const p = file("plan.json", '{\n  "format_version": "2.0",\n  "planned_values": {}\n}');
    expect(await problem(readTerraformPlan([p]))).toMatchObject({ line: 2, column: 3 });
  });

  it("refuses a missing file", async () => {
    expect(await problem(readTerraformPlan(["does/not/exist.json"]))).toMatchObject({ file: "does/not/exist.json" });
  });
});

describe("module trees of the wrong shape", () => {
  it("are refused at the key, not read as empty", async () => {
    const state = file("objects.state.json", JSON.stringify({ format_version: "1.0", terraform_version: "1.9.5", values: { root_module: { resources: { a: 1 } } } }));
    expect(await problem(readTerraformState([state]))).toMatchObject({ file: state, message: "resources is not a list", line: 1 });
    const plan = file(
      "entries.plan.json",
      JSON.stringify({ format_version: "1.2", terraform_version: "1.9.5", planned_values: { root_module: { resources: ["x"], child_modules: [] } }, resource_changes: [] }),
    );
    expect(await problem(readTerraformPlan([plan]))).toMatchObject({ file: plan, message: "planned_values: resources holds an entry that is not an object" });
  });
});

describe("tainted and deposed objects in state", () => {
  it("are noted: a tainted one is judged as it runs, a deposed one is left out", async () => {
    const instance = (extra: Record<string, unknown>) => ({
      address: "aws_rds_cluster_instance.a",
      mode: "managed",
      type: "aws_rds_cluster_instance",
      name: "a",
      values: { identifier: "orders-a", cluster_identifier: "orders", instance_class: "db.r6g.large", engine: "aurora-mysql" },
      ...extra,
    });
    const state = file(
      "tainted.state.json",
      JSON.stringify({
        format_version: "1.0",
        terraform_version: "1.9.5",
        values: {
          root_module: {
            resources: [
              { address: "aws_rds_cluster.orders", mode: "managed", type: "aws_rds_cluster", name: "orders", values: { cluster_identifier: "orders", engine: "aurora-mysql" } },
              instance({ tainted: true }),
              instance({ deposed_key: "00000001" }),
            ],
          },
        },
      }),
    );
    const inv = await readTerraformState([state]);
    expect(inv.notes).toEqual([
      "aws_rds_cluster_instance.a is tainted: the next apply destroys and recreates it",
      "aws_rds_cluster_instance.a has a deposed object (00000001), an old one the next apply destroys; it is not judged",
    ]);
    const cluster = inv.resources[0];
    expect(cluster?.instances.known && cluster.instances.value.map((i) => i.id)).toEqual(["orders-a"]);
  });
});
