// Real AWS responses recorded by Cloud Custodian's tests (placebo files) in the conformance corpus: every folder reads cleanly.
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAwsJson } from "../src/sources/aws-json/index.js";
import { instancesOf, resourceById } from "../test/sources/aws-json/support.js";
import { corpusDir, corpusFolders } from "./corpus.js";

const RECORDED = corpusDir("aws-recorded");
const FOLDERS = corpusFolders("aws-recorded", 17);

describe("conformance: recorded AWS responses", () => {
  it("has the recorded folders", () => {
    expect(FOLDERS.length).toBeGreaterThanOrEqual(17);
  });

  it.each(FOLDERS)("reads %s without error, notes only skipped files", async (folder) => {
    const inv = await readAwsJson([path.join(RECORDED, folder)]);
    for (const note of inv.notes) {
      // the only things skipped in the corpus: recommendations output and parameter files not named by group
      expect(note).toMatch(/DescribeDBRecommendations_1\.json: not AWS CLI output|DescribeDBClusterParameters_\d\.json: cluster parameters are matched/);
    }
    for (const r of inv.resources) {
      expect(["aurora-cluster", "multi-az-cluster", "instance"]).toContain(r.kind);
      expect(r.location?.file).toContain(folder);
      if (r.kind !== "instance") {
        // no DBInstances are recorded beside clusters: AZs are unknown, never taken from DBCluster.AvailabilityZones
        for (const i of instancesOf(r)) expect(i.availabilityZone).toEqual({ known: false, reason: "no describe-db-instances output among the inputs" });
      }
    }
  });

  it("reads the whole corpus at once: same-named clusters of different accounts stay apart", async () => {
    const inv = await readAwsJson([RECORDED]);
    expect(inv.resources.filter((r) => r.id === "bbb").map((r) => r.address)).toEqual([
      "bbb",
      "arn:aws:rds:us-west-2:141654562785:cluster:cluster-ABCDEF",
    ]);
    expect(inv.eventSubscriptions).toMatchObject({
      known: true,
      value: { items: [{ name: "c7n-test-pratyush", sourceType: "db-instance", enabled: true }], scopes: [{ account: "644160558196", region: "us-east-1" }] },
    });
  });

  it("keeps clusters with no members as resources with zero instances", async () => {
    const inv = await readAwsJson([path.join(RECORDED, "test_rdscluster_simple")]);
    expect(resourceById(inv, "aaa").instances).toEqual({ known: true, value: [] });
    expect(instancesOf(resourceById(inv, "bbb")).map((i) => [i.id, i.isWriter.known && i.isWriter.value])).toEqual([
      ["bbb-poolmember-1", true],
      ["bbb-rds-poolmember-2", false],
    ]);
    // without an ARN, the region comes from an AZ name and the account is unknown
    expect(resourceById(inv, "bbb")).toMatchObject({ region: { known: true, value: "us-east-1" }, account: { known: false }, address: "bbb" });
    expect(resourceById(inv, "bbb").latestRestorableTime).toEqual({ known: true, value: "2016-07-27T00:59:07.080Z" });
  });

  it("reads the serverless v2 recording: Aurora MySQL and PostgreSQL, tags, default groups", async () => {
    const inv = await readAwsJson([path.join(RECORDED, "test_modify_rds_cluster_serverless_v2")]);
    expect(inv.resources.map((r) => [r.id, r.engine, r.kind])).toEqual([
      ["database-1", "aurora-mysql", "aurora-cluster"],
      ["database-2", "aurora-postgresql", "aurora-cluster"],
    ]);
    expect(resourceById(inv, "database-2").instances).toEqual({ known: true, value: [] });
    expect(resourceById(inv, "database-1").clusterParameterGroup).toMatchObject({
      known: true,
      value: { name: "default.aurora-mysql8.0", isDefault: true, parameters: { known: true } },
    });
  });

  it("reads a recorded backtrack window and the boto3 documentation placeholder cluster", async () => {
    const stop = await readAwsJson([path.join(RECORDED, "test_rdscluster_stop")]);
    expect(resourceById(stop, "mytest").backtrackWindowSeconds).toEqual({ known: true, value: 28800 });
    const placeholder = await readAwsJson([path.join(RECORDED, "test_rdscluster_snapshot_count_filter")]);
    // DBClusterArn is the placeholder "string": the address falls back to the identifier
    expect(resourceById(placeholder, "abc-restore")).toMatchObject({ kind: "multi-az-cluster", address: "abc-restore", account: { known: false } });
  });

  it("reads recorded standalone instances, Multi-AZ or not", async () => {
    const inv = await readAwsJson([path.join(RECORDED, "test_rds_parameter_group")]);
    expect(inv.resources.map((r) => [r.id, r.kind, r.region.known && r.region.value])).toEqual([
      ["mysql-compliance", "instance", "us-west-2"],
      ["mysql-non-compliance", "instance", "us-west-2"],
      ["mysql-non-compliance02", "instance", "us-west-2"],
    ]);
    // MultiAZ true without a SecondaryAvailabilityZone in the recording: the standby AZ is unknown
    expect(instancesOf(resourceById(inv, "mysql-non-compliance02"))[0]?.secondaryAvailabilityZone).toMatchObject({ known: false });
    expect(instancesOf(resourceById(inv, "mysql-compliance"))[0]?.secondaryAvailabilityZone).toEqual({ known: true, value: null });
  });

  it("skips a Neptune cluster (the recorded shape with Engine neptune) with a note naming it", async () => {
    // The corpus holds no Neptune recording, so one is made from a recorded Aurora cluster.
    const dir = await mkdtemp(path.join(os.tmpdir(), "haspec-neptune-"));
    await cp(path.join(RECORDED, "test_rdscluster_stop"), dir, { recursive: true });
    const file = path.join(dir, "rds.DescribeDBClusters_1.json");
    const doc = JSON.parse(await readFile(file, "utf8")) as { data: { DBClusters: { Engine: string; DBClusterIdentifier: string }[] } };
    for (const c of doc.data.DBClusters) {
      c.Engine = "neptune";
      c.DBClusterIdentifier = "graph";
    }
    await writeFile(file, JSON.stringify(doc));
    const inv = await readAwsJson([file]);
    expect(inv.resources).toEqual([]);
    expect(inv.notes).toEqual(["skipped cluster graph (engine neptune): Neptune is not RDS or Aurora"]);
  });
});
