// The CDKTF source: stack discovery, ${…} references, construct paths in locations, variables, invalid JSON.
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import { UserError } from "../../../src/errors.js";
import { findStackFiles, readCdktf, readCdktfInputs } from "../../../src/sources/cdktf/index.js";
import { TfReference } from "../../../src/sources/terraform/types.js";
import { policy, target } from "../../support/policy.js";

const cwd = path.resolve(import.meta.dirname, "../../..");
const project = "test/fixtures/cdktf/project";
const stack = `${project}/cdktf.out/stacks/prod/cdk.tf.json`;

// cdktf.out is build output and git ignores it: the fixture is kept as synth-output/ and laid out here.
beforeAll(() => {
  const out = path.join(cwd, project, "cdktf.out");
  rmSync(out, { recursive: true, force: true });
  cpSync(path.join(cwd, project, "synth-output"), out, { recursive: true });
});

describe("finding stacks", () => {
  it.each([project, `${project}/cdktf.out`, `${project}/cdktf.out/stacks/prod`, stack])("%s", async (input) => {
    expect(await findStackFiles(input, cwd)).toEqual([path.join(cwd, stack)]);
  });
  it("a directory without synth output is the user's to fix", async () => {
    await expect(findStackFiles("test/fixtures/hcl/count-no-azs", cwd)).rejects.toBeInstanceOf(UserError);
  });
});

describe("reading a stack", () => {
  it("resolves variables and locals, expands for_each, keeps references, locates constructs", async () => {
    const [input] = await readCdktfInputs([project], { cwd });
    expect(input!.kind).toBe("cdktf");
    expect(input!.resources.map((r) => r.address)).toEqual([
      "aws_rds_cluster.db_cluster_8A3C2F1B",
      "aws_rds_cluster_instance.db_writer_5D1E77A0",
      'aws_rds_cluster_instance.db_readers_0F9A1C22["us-east-1b"]',
      'aws_rds_cluster_instance.db_readers_0F9A1C22["us-east-1c"]',
      "aws_route53_record.dns_writer_3B2A9D11",
    ]);
    const cluster = input!.resources[0]!;
    expect(cluster.values).toMatchObject({ cluster_identifier: "payments-prod", backup_retention_period: 7, tags: { env: "prod" } });
    expect(cluster.values).not.toHaveProperty("//");
    expect(cluster.location).toEqual({ source: "cdktf", file: `${stack}#prod/db/cluster`, line: 22, column: 1 });
    const reader = input!.resources[3]!;
    expect(reader.values).toMatchObject({ identifier: "payments-prod-us-east-1c", availability_zone: "us-east-1c" });
    expect(reader.values["cluster_identifier"]).toEqual(new TfReference("aws_rds_cluster.db_cluster_8A3C2F1B", "id"));
    expect(input!.resources[4]!.values["records"]).toEqual([new TfReference("aws_rds_cluster.db_cluster_8A3C2F1B", "endpoint")]);
  });

  it("judges the stack like the same fleet written in HCL", async () => {
    const inventory = await readCdktf([project], { cwd });
    const evaluation = evaluate(
      [policy({ targets: [target({ require: { "multi_az.min_azs": 3, "backup.min_retention_days": 7, "backup.deletion_protection": true, "dns.max_ttl": 10, "failover.max_tier": 1 } })] })],
      inventory,
      { now: new Date("2026-11-22T10:00:00Z") },
    );
    const status = Object.fromEntries(evaluation.results.map((r) => [r.rule, r.status]));
    expect(status).toEqual({
      "multi_az.min_azs": "pass",
      "backup.min_retention_days": "pass",
      "backup.deletion_protection": "pass",
      "dns.max_ttl": "fail",
      "failover.max_tier": "pass",
    });
    expect(evaluation.results[0]!.resource.location).toMatchObject({ file: `${stack}#prod/db/cluster` });
  });

  it("invalid JSON is a UserError at line:column", async () => {
    const error = await readCdktf(["test/fixtures/cdktf/invalid"], { cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems[0]).toMatchObject({ file: "test/fixtures/cdktf/invalid/cdk.tf.json", line: 4, column: 40 });
  });
});
