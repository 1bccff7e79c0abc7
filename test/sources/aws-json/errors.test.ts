// User mistakes in inputs are UserErrors with a position and a hint, never stack traces.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { FIXTURES } from "./support.js";

async function failure(inputs: string[], cwd = FIXTURES): Promise<UserError> {
  try {
    await readAwsJson(inputs, { cwd });
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError");
}

async function tempDir(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "haspec-aws-json-"));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

describe("readAwsJson errors", () => {
  it("points at file:line:column of invalid JSON", async () => {
    const file = path.join("errors", "trailing_comma.json");
    const e = await failure([file]);
    expect(e.message).toContain(`${file}:4:3: not valid JSON`);
    expect(e.problems).toEqual([
      { file, line: 4, column: 3, message: 'not valid JSON: unexpected "]"', hint: expect.stringContaining("--output json") },
    ]);
    expect(e.cause).toBeInstanceOf(SyntaxError);
  });

  it("fails on invalid JSON found in a directory too", async () => {
    const e = await failure(["errors"]);
    expect(e.problems[0]).toMatchObject({ file: path.join("errors", "trailing_comma.json"), line: 4, column: 3 });
  });

  it("reports a file cut short at its end", async () => {
    const dir = await tempDir({ "cut.json": '{\n  "DBInstances": [\n    {"DBInstanceIdentifier": "a"' });
    const e = await failure(["cut.json"], dir);
    expect(e.problems[0]).toMatchObject({ file: "cut.json", line: 3, column: 33, message: "not valid JSON: the file ends too early" });
  });

  it("reports binary content as invalid JSON at its first byte", async () => {
    const dir = await tempDir({ "blob.json": new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x7b]) });
    const e = await failure(["blob.json"], dir);
    expect(e.problems[0]).toMatchObject({ file: "blob.json", line: 1, column: 1 });
  });

  it("rejects a named file that is not AWS CLI output, listing the keys it expected", async () => {
    const file = path.join("errors", "not_aws.json");
    const e = await failure([file]);
    expect(e.message).toContain(`${file}:1:1: is not AWS CLI output (expected one of the top-level keys DBClusters, DBInstances, Parameters`);
    expect(e.message).toContain("nor a Terraform plan or state, cdk.tf.json or a haspec snapshot");
    expect(e.problems[0]).toMatchObject({ file, line: 1, column: 1, hint: expect.any(String) });
  });

  it("tells the text terraform plan prints from JSON", async () => {
    const dir = await tempDir({ "plan.txt.json": "Terraform used the selected providers to generate the following execution\nplan.\n" });
    const e = await failure(["plan.txt.json"], dir);
    expect(e.message).toContain("plan.txt.json:1:1: not valid JSON");
    expect(e.problems[0]?.hint).toContain("terraform show -json plan.out");
  });

  it("rejects a file whose known key is not a list, named or inside a directory: skipped, it would judge nothing and pass", async () => {
    const dir = await tempDir({ "odd.json": '{"DBClusters": 5}', "describe-db-instances.json": '{"DBInstances": []}' });
    const e = await failure(["odd.json"], dir);
    expect(e.message).toContain("DBClusters is the number 5, not a list");
    const inDir = await failure(["."], dir);
    expect(inDir.problems[0]).toMatchObject({ file: "odd.json", line: 1, column: 2, message: expect.stringMatching(/^DBClusters is the number 5, not a list: expected the list aws rds describe-db-clusters prints/) });
  });

  it("refuses a directory where nothing is AWS CLI output: judging nothing would pass", async () => {
    const dir = await tempDir({ "other.json": '{"Clusters": 5}', "package.json": '{"name": "x"}' });
    const e = await failure(["."], dir);
    expect(e.message).toBe("no AWS CLI output among the inputs: none of the 2 JSON files is AWS CLI output (other.json, package.json)");
  });

  it("refuses a Terraform plan, a state or a snapshot among AWS CLI JSON, instead of skipping it unjudged", async () => {
    const plan = JSON.stringify({ format_version: "1.2", terraform_version: "1.9.5", planned_values: { root_module: {} }, resource_changes: [] });
    const dir = await tempDir({ "describe-db-instances.json": '{"DBInstances": []}', "nested/plan.json": plan });
    const e = await failure(["."], dir);
    expect(e.message).toContain(`${path.join("nested", "plan.json")} is a Terraform plan, not AWS CLI output`);
    const state = await tempDir({ "describe-db-instances.json": '{"DBInstances": []}', "sub/state.json": '{"format_version": "1.0", "terraform_version": "1.9.5", "values": {}}' });
    expect((await failure(["."], state)).message).toContain("is Terraform state, not AWS CLI output");
  });

  it("rejects a path that does not exist", async () => {
    const e = await failure(["no-such-dir/describe-db-clusters.json"]);
    expect(e.message).toBe("no-such-dir/describe-db-clusters.json: no such file or directory");
    expect(e.problems[0]).toMatchObject({ file: "no-such-dir/describe-db-clusters.json", message: "no such file or directory" });
  });

  it("ignores a byte-order mark", async () => {
    const dir = await tempDir({ "bom.json": '\ufeff{"DBClusters": []}' });
    const inv = await readAwsJson(["bom.json"], { cwd: dir });
    expect(inv.resources).toEqual([]);
  });
});

describe("readAwsJson on an empty directory", () => {
  it("refuses it: there is nothing to judge", async () => {
    const dir = await tempDir({ "readme.txt": "not json" });
    const e = await failure(["."], dir);
    expect(e.message).toBe("no AWS CLI output among the inputs: no .json files in .");
  });
});
