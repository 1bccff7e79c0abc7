// Aurora Global Database membership from describe-global-clusters (raw and placebo-recorded) and from DBCluster.GlobalClusterIdentifier.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import type { GlobalCluster, Inventory, Scoped } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { FIXTURES } from "./support.js";

const ACCOUNT = "123456789012";
const arn = (region: string, id: string) => `arn:aws:rds:${region}:${ACCOUNT}:cluster:${id}`;

function globals(inv: Inventory): Scoped<GlobalCluster> {
  if (!inv.globalClusters.known) throw new Error(`global clusters unknown: ${inv.globalClusters.reason}`);
  return inv.globalClusters.value;
}

/** A directory of AWS CLI outputs: file name → document. */
function dir(files: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), "haspec-global-"));
  for (const [name, doc] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), typeof doc === "string" ? doc : JSON.stringify(doc, null, 4));
  }
  return root;
}

function cluster(region: string, id: string, extra: Record<string, unknown> = {}) {
  return { DBClusterIdentifier: id, DBClusterArn: arn(region, id), Engine: "aurora-mysql", EngineVersion: "8.0.mysql_aurora.3.05.2", DBClusterMembers: [], ...extra };
}

describe("describe-global-clusters", () => {
  it("reads the demo fleet's global database: the primary in us-east-1, the secondary in eu-west-1, covering the whole account", async () => {
    const g = globals(await readAwsJson(["examples/demo-fleet"]));
    expect(g.items).toEqual([
      {
        id: "orders-global",
        address: `arn:aws:rds::${ACCOUNT}:global-cluster:orders-global`,
        location: { source: "aws-json", file: "examples/demo-fleet/us-east-1/describe-global-clusters.json" },
        members: [
          { cluster: arn("us-east-1", "orders-prod"), isWriter: { known: true, value: true }, region: "us-east-1" },
          { cluster: arn("eu-west-1", "orders-dr"), isWriter: { known: true, value: false }, region: "eu-west-1" },
        ],
      },
    ]);
    // Unfiltered, DescribeGlobalClusters lists every global database of the account wherever it is called.
    expect(g.scopes).toEqual([{ account: ACCOUNT }]);
  });

  it("reads a placebo recording (boto3's response wrapped in status_code/data) and skips a Neptune global database with a note", async () => {
    const inv = await readAwsJson([path.join(FIXTURES, "global", "placebo")]);
    const g = globals(inv);
    expect(g.items.map((x) => [x.id, x.members.map((m) => [m.cluster, m.isWriter.known && m.isWriter.value, m.region])])).toEqual([
      [
        "global-database",
        [
          [arn("us-east-1", "primary-cluster"), true, "us-east-1"],
          [arn("us-east-2", "secondary-cluster"), false, "us-east-2"],
        ],
      ],
      ["empty-global", []],
    ]);
    expect(inv.notes).toContainEqual("skipped global cluster graph-global (engine neptune): Neptune is not RDS or Aurora");
  });

  it("an empty list is data: no global database in the places read beside it", async () => {
    const root = dir({
      "eu-west-1/describe-db-clusters.json": { DBClusters: [cluster("eu-west-1", "solo")] },
      "eu-west-1/describe-global-clusters.json": { GlobalClusters: [] },
    });
    expect(globals(await readAwsJson([root]))).toEqual({ items: [], scopes: [{ account: ACCOUNT, region: "eu-west-1" }] });
  });

  it("without describe-global-clusters output, membership is unknown, with the reason", async () => {
    const root = dir({ "describe-db-clusters.json": { DBClusters: [cluster("eu-west-1", "solo")] } });
    expect((await readAwsJson([root])).globalClusters).toEqual({ known: false, reason: "no describe-global-clusters output among the inputs" });
  });

  it("a member without IsWriter keeps the membership and leaves the writer unknown", async () => {
    const root = dir({
      "describe-global-clusters.json": {
        GlobalClusters: [{ GlobalClusterIdentifier: "g", GlobalClusterMembers: [{ DBClusterArn: arn("us-east-1", "a") }] }],
      },
    });
    const [g] = globals(await readAwsJson([root])).items;
    expect(g?.members[0]?.isWriter).toEqual({ known: false, reason: `IsWriter of member ${arn("us-east-1", "a")} of global cluster g is not in the describe-global-clusters output` });
  });

  it("a member without DBClusterArn makes its entry unreadable: noted, and an error when no entry is readable", async () => {
    const bad = { GlobalClusterIdentifier: "broken", GlobalClusterMembers: [{ IsWriter: true }] };
    const good = { GlobalClusterIdentifier: "ok", GlobalClusterMembers: [] };
    const inv = await readAwsJson([dir({ "describe-global-clusters.json": { GlobalClusters: [bad, good] } })]);
    expect(globals(inv).items.map((g) => g.id)).toEqual(["ok"]);
    expect(inv.notes.some((n) => n.includes("skipped global cluster broken") && n.includes("a member has no DBClusterArn"))).toBe(true);
    const only = dir({ "describe-global-clusters.json": { GlobalClusters: [bad] } });
    await expect(readAwsJson([only])).rejects.toThrow(UserError);
    await expect(readAwsJson([only])).rejects.toThrow(/describe-global-clusters\.json:2:\d+: none of the 1 entries of GlobalClusters can be read/);
  });

  it('"GlobalClusters": null is broken output, an error with its position', async () => {
    const root = dir({ "describe-global-clusters.json": '{\n    "GlobalClusters": null\n}\n' });
    await expect(readAwsJson([root])).rejects.toThrow(/describe-global-clusters\.json:2:5: GlobalClusters is null, not a list: expected the list aws rds describe-global-clusters prints/);
  });
});

describe("DBCluster.GlobalClusterIdentifier", () => {
  it("alone, it makes the membership a fact complete nowhere, with the writer unknown", async () => {
    const root = dir({
      "describe-db-clusters.json": { DBClusters: [cluster("eu-west-1", "dr", { GlobalClusterIdentifier: "orders-global", GlobalWriteForwardingStatus: "disabled" }), cluster("eu-west-1", "solo")] },
    });
    const g = globals(await readAwsJson([root]));
    expect(g.scopes).toEqual([]);
    expect(g.items).toHaveLength(1);
    expect(g.items[0]).toMatchObject({ id: "orders-global", members: [{ cluster: arn("eu-west-1", "dr"), region: "eu-west-1", isWriter: { known: false } }] });
    expect(g.items[0]?.members[0]?.isWriter).toMatchObject({ reason: expect.stringContaining("add the output of aws rds describe-global-clusters") });
  });

  it("beside describe-global-clusters, a claim it already lists adds nothing; one it does not list joins with the writer unknown", async () => {
    const root = dir({
      "us-east-1/describe-db-clusters.json": { DBClusters: [cluster("us-east-1", "p", { GlobalClusterIdentifier: "g" })] },
      "eu-west-1/describe-db-clusters.json": { DBClusters: [cluster("eu-west-1", "late", { GlobalClusterIdentifier: "g" })] },
      "us-east-1/describe-global-clusters.json": {
        GlobalClusters: [{ GlobalClusterIdentifier: "g", GlobalClusterArn: `arn:aws:rds::${ACCOUNT}:global-cluster:g`, GlobalClusterMembers: [{ DBClusterArn: arn("us-east-1", "p"), IsWriter: true }] }],
      },
    });
    const [g] = globals(await readAwsJson([root])).items;
    expect(g?.members.map((m) => [m.cluster, m.isWriter.known ? m.isWriter.value : "unknown"])).toEqual([
      [arn("us-east-1", "p"), true],
      [arn("eu-west-1", "late"), "unknown"],
    ]);
  });
});
