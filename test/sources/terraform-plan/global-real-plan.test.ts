// A real `terraform plan` of an Aurora Global Database (AWS provider from the filesystem mirror, no AWS call) reads back with its primary and secondary.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs, type SourceOptions } from "../../../src/sources/index.js";

const MIRROR = "/opt/tf-plugins";

function terraform(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): { code: number | null; out: string } {
  const run = spawnSync("terraform", args, { cwd, env, encoding: "utf8", timeout: 180_000 });
  if (run.error !== undefined) throw new Error(`terraform could not be run (${run.error.message}): install Terraform 1.x on the PATH`);
  return { code: run.status, out: `${run.stdout}${run.stderr}` };
}

describe("terraform plan of a global database", () => {
  it("names orders-prod the primary in us-east-1 and orders-dr the secondary in eu-west-1", async () => {
    expect(existsSync(MIRROR), `the AWS provider mirror ${MIRROR} is missing`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "haspec-global-plan-"));
    cpSync("test/fixtures/terraform-global/main.tf", join(dir, "main.tf"));
    const cli = join(dir, "cli.tfrc");
    writeFileSync(cli, `provider_installation {\n  filesystem_mirror {\n    path = "${MIRROR}"\n  }\n}\n`);
    const env = { ...process.env, TF_CLI_CONFIG_FILE: cli, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
    for (const args of [["init", "-input=false", "-no-color"], ["plan", "-input=false", "-no-color", "-refresh=false", "-out", "plan.out"]]) {
      const run = terraform(args, dir, env);
      expect(run.code, run.out).toBe(0);
    }
    const show = spawnSync("terraform", ["show", "-json", "plan.out"], { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(show.status, show.stderr).toBe(0);
    writeFileSync(join(dir, "plan.json"), show.stdout);

    const inv = await readInputs([join(dir, "plan.json")], "plan", { cwd: dir, varFiles: [], vars: {}, env: {} } as unknown as SourceOptions);
    expect(inv.resources.map((r) => [r.id, r.region])).toEqual([
      ["orders-dr", { known: true, value: "eu-west-1" }],
      ["orders-prod", { known: true, value: "us-east-1" }],
    ]);
    if (!inv.globalClusters.known) throw new Error(inv.globalClusters.reason);
    expect(inv.globalClusters.value.items.map((g) => [g.id, g.address, g.members.map((m) => [m.cluster, m.isWriter, m.region])])).toEqual([
      [
        "orders-global",
        "aws_rds_global_cluster.orders",
        [
          ["orders-prod", { known: true, value: true }, "us-east-1"],
          ["orders-dr", { known: true, value: false }, "eu-west-1"],
        ],
      ],
    ]);
  }, 240_000);
});
