// The live scan reads Aurora Global Databases (DescribeGlobalClusters in every region) from the fake AWS server and from moto, and a snapshot keeps them.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CreateDBClusterCommand, CreateGlobalClusterCommand, RDSClient } from "@aws-sdk/client-rds";
import type { GlobalCluster, Inventory } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { readLiveAws, scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { readSnapshot, serializeBundle } from "../../../src/sources/snapshot/index.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { DEMO, demoFleet, liveOptions, TEST_DEPS } from "./support.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

const ACCOUNT = "123456789012";
const PRIMARY = `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:orders-prod`;
const SECONDARY = `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:orders-dr`;

/** Global clusters without where they were read from, for comparing sources. */
function membership(inv: Inventory): { id: string; members: GlobalCluster["members"] }[] | string {
  if (!inv.globalClusters.known) return inv.globalClusters.reason;
  return inv.globalClusters.value.items.map((g) => ({ id: g.id, members: g.members }));
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("DescribeGlobalClusters over the fake AWS server", () => {
  it("gives the membership the AWS CLI JSON of the same fleet gives, complete for the account", async () => {
    fake = await startFakeAws(demoFleet());
    const live = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    expect(membership(live)).toEqual(membership(await readAwsJson([DEMO])));
    expect(membership(live)).toEqual([
      {
        id: "orders-global",
        members: [
          { cluster: PRIMARY, isWriter: { known: true, value: true }, region: "us-east-1" },
          { cluster: SECONDARY, isWriter: { known: true, value: false }, region: "eu-west-1" },
        ],
      },
    ]);
    expect(live.globalClusters.known && live.globalClusters.value.scopes).toEqual(
      expect.arrayContaining([{ account: ACCOUNT }, { account: ACCOUNT, region: "us-east-1" }, { account: ACCOUNT, region: "eu-west-1" }]),
    );
    // Asked once per region, one page each.
    expect(fake.log.filter((r) => r.action === "DescribeGlobalClusters").map((r) => r.region).sort()).toEqual(["eu-west-1", "us-east-1"]);
  });

  it("follows Marker pagination", async () => {
    const fleet = demoFleet();
    const account = fleet.accounts[ACCOUNT]!;
    const extra = ["a", "b", "c"].map((id) => ({ GlobalClusterIdentifier: `spare-${id}`, GlobalClusterArn: `arn:aws:rds::${ACCOUNT}:global-cluster:spare-${id}`, Engine: "aurora-mysql", GlobalClusterMembers: [] }));
    account.globalClusters = [...(account.globalClusters ?? []), ...extra];
    fake = await startFakeAws(fleet);
    const live = await readLiveAws(liveOptions(fake.url), { ...TEST_DEPS, pageSize: 1 });
    const ids = live.globalClusters.known ? live.globalClusters.value.items.map((g) => g.id) : [];
    expect(ids).toEqual(["orders-global", "spare-a", "spare-b", "spare-c"]);
    expect(fake.log.filter((r) => r.action === "DescribeGlobalClusters" && r.region === "us-east-1")).toHaveLength(4);
  });

  it("denied in one region: another region's answer still covers the account", async () => {
    fake = await startFakeAws(demoFleet(), { deny: (r) => r.action === "DescribeGlobalClusters" && r.region === "eu-west-1" });
    const live = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    expect(membership(live)).toEqual(membership(await readAwsJson([DEMO])));
    expect(live.notes.some((n) => n.includes("DescribeGlobalClusters failed") && n.includes("Aurora Global Database membership is unknown unless another region's answer lists it"))).toBe(true);
  });

  it("denied everywhere: only what the clusters name themselves, complete nowhere, the primary unknown", async () => {
    fake = await startFakeAws(demoFleet(), { deny: (r) => r.action === "DescribeGlobalClusters" });
    const live = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    if (!live.globalClusters.known) throw new Error(live.globalClusters.reason);
    expect(live.globalClusters.value.scopes).toEqual([]);
    const [g] = live.globalClusters.value.items;
    expect(g?.id).toBe("orders-global");
    expect(g?.members.map((m) => [m.cluster, m.isWriter.known])).toEqual([
      [SECONDARY, false],
      [PRIMARY, false],
    ]);
  });

  it("denied everywhere on a fleet whose clusters name no global database: unknown, saying which call failed", async () => {
    const fleet = demoFleet();
    for (const region of Object.values(fleet.accounts[ACCOUNT]!.regions)) for (const c of region.DBClusters) delete c["GlobalClusterIdentifier"];
    fake = await startFakeAws(fleet, { deny: (r) => r.action === "DescribeGlobalClusters" });
    const live = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    expect(live.globalClusters).toEqual({ known: false, reason: expect.stringMatching(/^123456789012\/eu-west-1: DescribeGlobalClusters failed: AccessDenied.*; 123456789012\/us-east-1: DescribeGlobalClusters failed/) });
  });

  it("a snapshot keeps them; one written before haspec read them says to take it again", async () => {
    fake = await startFakeAws(demoFleet());
    const bundle = await scanLiveAws(liveOptions(fake.url), TEST_DEPS);
    const dir = mkdtempSync(join(tmpdir(), "haspec-global-snapshot-"));
    const file = join(dir, "snapshot.json");
    writeFileSync(file, serializeBundle(bundle));
    const live = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    const offline = await readSnapshot([file], { cwd: "/" });
    expect(membership(offline)).toEqual(membership(live));
    expect(offline.globalClusters.known && offline.globalClusters.value.scopes).toEqual(live.globalClusters.known && live.globalClusters.value.scopes);

    const old = JSON.parse(serializeBundle(bundle)) as { data: Record<string, Record<string, unknown>> };
    for (const d of Object.values(old.data)) {
      delete d["GlobalClusters"];
      for (const c of (d["DBClusters"] ?? []) as Record<string, unknown>[]) delete c["GlobalClusterIdentifier"];
    }
    const oldFile = join(dir, "old.json");
    writeFileSync(oldFile, JSON.stringify(old));
    expect((await readSnapshot([oldFile], { cwd: "/" })).globalClusters).toEqual({
      known: false,
      reason: "the scan holds no DescribeGlobalClusters answer (a snapshot from an older haspec: take it again)",
    });
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe("DescribeGlobalClusters against moto", () => {
  let moto: ChildProcess | undefined;
  let url = "";

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
    const rds = (region: string) => new RDSClient({ region, endpoint: url, credentials });
    // A global database created empty, then its primary, then a secondary in another region (moto marks the first cluster added as the writer).
    await rds("us-east-1").send(new CreateGlobalClusterCommand({ GlobalClusterIdentifier: "orders-global", Engine: "aurora-mysql" }));
    await rds("us-east-1").send(
      new CreateDBClusterCommand({ DBClusterIdentifier: "orders-prod", Engine: "aurora-mysql", MasterUsername: "admin", MasterUserPassword: "not-a-secret-1", GlobalClusterIdentifier: "orders-global" }),
    );
    await rds("eu-west-1").send(new CreateDBClusterCommand({ DBClusterIdentifier: "orders-dr", Engine: "aurora-mysql", GlobalClusterIdentifier: "orders-global" }));
  }, 60_000);

  afterAll(() => {
    moto?.kill();
  });

  it("reads the primary and the secondary, each in its region", async () => {
    const live = await readLiveAws(liveOptions(url), TEST_DEPS);
    expect(live.resources.map((r) => r.id).sort()).toEqual(["orders-dr", "orders-prod"]);
    if (!live.globalClusters.known) throw new Error(live.globalClusters.reason);
    const [g, ...more] = live.globalClusters.value.items;
    expect(more).toEqual([]);
    expect(g?.id).toBe("orders-global");
    expect(g?.members.map((m) => [m.cluster.replace(/:\d{12}:/, ":ACCOUNT:"), m.isWriter, m.region])).toEqual([
      ["arn:aws:rds:us-east-1:ACCOUNT:cluster:orders-prod", { known: true, value: true }, "us-east-1"],
      ["arn:aws:rds:eu-west-1:ACCOUNT:cluster:orders-dr", { known: true, value: false }, "eu-west-1"],
    ]);
  });
});
