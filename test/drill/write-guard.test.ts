// Only `haspec drill --yes` can send a write: the drill's clients each refuse what is not on their own list, and no other module sends FailoverDBCluster.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { drillAws, DRILL_READS, DRILL_WRITE } from "../../src/drill/aws.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws/server.js";
import { REPO } from "../support/run-cli.js";
import { labFleet, LAB_CLUSTER, LAB_REGION } from "../../scripts/lab/fleet.js";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const credentials = async () => ({ accessKeyId: "AKIAFAKEFAKEFAKE", secretAccessKey: "fake-secret-key" });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("the drill's write path", () => {
  it("the read client refuses FailoverDBCluster, the write client refuses everything else; nothing reaches the server", async () => {
    fake = await startFakeAws(labFleet());
    const aws = await drillAws({ region: LAB_REGION, endpointUrl: fake.url, credentials });
    const { FailoverDBClusterCommand, ModifyDBClusterCommand, DeleteDBClusterCommand, DescribeDBClustersCommand } = aws.rds;
    await expect(aws.reads.send(new FailoverDBClusterCommand({ DBClusterIdentifier: LAB_CLUSTER }))).rejects.toThrow(/refusing to send FailoverDBCluster through the read client/);
    await expect(aws.reads.send(new ModifyDBClusterCommand({ DBClusterIdentifier: LAB_CLUSTER }))).rejects.toThrow(/refusing to send ModifyDBCluster/);
    await expect(aws.write.send(new DeleteDBClusterCommand({ DBClusterIdentifier: LAB_CLUSTER }))).rejects.toThrow(/refusing to send DeleteDBCluster through the failover client/);
    await expect(aws.write.send(new DescribeDBClustersCommand({}))).rejects.toThrow(/refusing to send DescribeDBClusters through the failover client/);
    aws.destroy();
    expect(fake.log).toEqual([]);
  });

  it("FailoverDBCluster is sent from src/drill/run.ts only", () => {
    const senders = filesUnder(join(REPO, "src"))
      .filter((f) => /FailoverDBClusterCommand|FailoverGlobalClusterCommand|RebootDBInstanceCommand/.test(readFileSync(f, "utf8")))
      .map((f) => relative(REPO, f));
    expect(senders).toEqual(["src/drill/run.ts"]);
  });

  it("the shipped drill IAM policy grants the drill's reads, the read-only scan's reads and FailoverDBCluster on one cluster", () => {
    const policy = JSON.parse(readFileSync(join(REPO, "examples/iam/haspec-drill-policy.json"), "utf8")) as { Statement: { Effect: string; Action: string[]; Resource: string }[] };
    const allowed = new Set(policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action));
    for (const action of [...Object.values(DRILL_READS), ...Object.values(DRILL_WRITE)]) expect(allowed, action).toContain(action);
    const write = policy.Statement.find((s) => s.Action.includes("rds:FailoverDBCluster"))!;
    expect(write.Action).toEqual(["rds:FailoverDBCluster"]);
    expect(write.Resource).toMatch(/^arn:aws:rds:[^:]+:[^:]+:cluster:[^*]+$/);
    expect(policy.Statement.flatMap((s) => s.Action).filter((a) => !/^[a-z0-9]+:(Describe|List|Get)/.test(a))).toEqual(["rds:FailoverDBCluster"]);
  });
});
