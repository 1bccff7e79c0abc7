// Read-only by construction: a recorder on every client sees only reads during full scans, the guard refuses writes, and the shipped IAM policy allows every action seen.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createClientFactory, loadSdk } from "../../../src/sources/aws-live/clients.js";
import { readLiveAws, scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { ALLOWED_OPERATIONS, commandRecorder, isAllowedOperation } from "../../../src/sources/aws-live/read-only.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { computeFromAwsJsonDir } from "../../support/fake-aws/compute.js";
import { demoFleet, liveOptions, TEST_DEPS } from "./support.js";
import { known } from "../../../src/model/value.js";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:haspec/db-AbCdEf";

/** Every operation sent in scans that use every feature: own account and roles, --region all, a DB secret, an application tier. */
async function recordEverything(): Promise<Set<string>> {
  const fleet = demoFleet();
  // With an application tier, so that the calls only load balancers lead to are made too.
  fleet.accounts[fleet.defaultAccount]!.regions["us-east-1"]!.compute = computeFromAwsJsonDir("test/fixtures/app-tier/aws-json");
  fleet.secrets = { [SECRET_ARN]: JSON.stringify({ username: "auditor", password: "pw-not-used-here" }) };
  fake = await startFakeAws(fleet);
  const seen = new Set<string>();
  const recorder = commandRecorder((op) => seen.add(op));
  const deps = { ...TEST_DEPS, plugins: [recorder], readBinlog: async () => known(24) };
  await readLiveAws(liveOptions(fake.url, { regions: ["all"], dbSecretArn: SECRET_ARN }), deps);
  await readLiveAws(liveOptions(fake.url, { roleArns: ["arn:aws:iam::123456789012:role/haspec-audit"] }), deps);
  // What the server received agrees with what the recorder saw.
  expect(new Set(fake.log.map((r) => r.action))).toEqual(seen);
  return seen;
}

describe("read-only scan", () => {
  it("sends only Describe/List/Get reads (and AssumeRole), all of them on the allow-list", async () => {
    const seen = await recordEverything();
    expect([...seen].sort()).toEqual(Object.keys(ALLOWED_OPERATIONS).sort());
    for (const op of seen) expect(isAllowedOperation(op), op).toBe(true);
  });

  it("refuses to send a write, before it leaves the process", async () => {
    fake = await startFakeAws(demoFleet());
    const sdk = await loadSdk();
    const clients = createClientFactory(sdk, { env: {}, endpointUrl: fake.url, credentials: TEST_DEPS.credentials! });
    const rds = clients.rds("us-east-1", clients.baseCredentials());
    await expect(rds.send(new sdk.rds.ModifyDBClusterCommand({ DBClusterIdentifier: "orders-prod", DeletionProtection: false }))).rejects.toThrow(
      /read-only: refusing to send ModifyDBCluster/,
    );
    await expect(rds.send(new sdk.rds.FailoverDBClusterCommand({ DBClusterIdentifier: "orders-prod" }))).rejects.toThrow(/read-only/);
    clients.destroy();
    expect(fake.log).toEqual([]);
  });

  it("the shipped IAM policy allows exactly what the scan calls (AssumeRole is granted by the role's trust, not here)", async () => {
    const seen = await recordEverything();
    const policy = JSON.parse(readFileSync("examples/iam/haspec-readonly-policy.json", "utf8")) as {
      Statement: { Effect: string; Action: string[] }[];
    };
    const actions = new Set(policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action));
    const needed = [...seen].filter((op) => op !== "AssumeRole" && op !== "GetSecretValue").map((op) => ALLOWED_OPERATIONS[op]);
    for (const action of needed) expect(actions.has(action!), `${action} in the policy`).toBe(true);
    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:(Describe|List|Get)\w+$/);
    expect(actions.size).toBe(needed.length);
  });

  it("counts requests per operation in the bundle", async () => {
    fake = await startFakeAws(demoFleet());
    const bundle = await scanLiveAws(liveOptions(fake.url), TEST_DEPS);
    expect(bundle.calls).toMatchObject({ DescribeDBClusters: 2, ListHostedZones: 1 });
  });
});
