// A real cdktf synth of an Aurora Global Database (two provider configurations, token references) reads back with its members and regions.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCdktf } from "../../../src/sources/cdktf/index.js";
import { REPO } from "../../support/run-cli.js";
import { tempFixDir } from "../../support/fix-project.js";

const MAIN = `
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider/index.js";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster/index.js";
import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster/index.js";

class OrdersGlobal extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "us", { region: "us-east-1" });
    const eu = new AwsProvider(this, "eu", { region: "eu-west-1", alias: "eu" });
    const primary = new RdsCluster(this, "primary", {
      clusterIdentifier: "orders-prod",
      engine: "aurora-mysql",
      engineVersion: "8.0.mysql_aurora.3.05.2",
      masterUsername: "admin",
      manageMasterUserPassword: true,
    });
    const global = new RdsGlobalCluster(this, "global", {
      globalClusterIdentifier: "orders-global",
      sourceDbClusterIdentifier: primary.arn,
      forceDestroy: true,
    });
    new RdsCluster(this, "dr", {
      provider: eu,
      clusterIdentifier: "orders-dr",
      engine: "aurora-mysql",
      engineVersion: "8.0.mysql_aurora.3.05.2",
      globalClusterIdentifier: global.id,
      lifecycle: { ignoreChanges: ["replication_source_identifier"] },
    });
  }
}

const app = new App({ skipValidation: true });
new OrdersGlobal(app, "orders-global");
app.synth();
`;

describe("cdktf synth of a global database", () => {
  it("reads orders-prod as the primary in us-east-1 and orders-dr as the secondary in eu-west-1", async () => {
    const dir = tempFixDir("global-synth");
    writeFileSync(join(dir, "main.ts"), MAIN);
    const synth = spawnSync(process.execPath, ["--import", "tsx", "main.ts"], { cwd: dir, encoding: "utf8", timeout: 180_000, env: { ...process.env, CI: "true" } });
    expect(synth.status, `${synth.stdout}${synth.stderr}`).toBe(0);
    const inv = await readCdktf([dir], { cwd: REPO });
    expect(inv.resources.map((r) => [r.id, r.region.known ? r.region.value : "?"])).toEqual([
      ["orders-dr", "eu-west-1"],
      ["orders-prod", "us-east-1"],
    ]);
    if (!inv.globalClusters.known) throw new Error(inv.globalClusters.reason);
    expect(inv.globalClusters.value.items.map((g) => [g.id, g.members.map((m) => [m.cluster, m.isWriter, m.region])])).toEqual([
      [
        "orders-global",
        [
          ["orders-prod", { known: true, value: true }, "us-east-1"],
          ["orders-dr", { known: true, value: false }, "eu-west-1"],
        ],
      ],
    ]);
  }, 200_000);
});
