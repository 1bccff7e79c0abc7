// Database credentials (env or Secrets Manager) reach only the SQL reader: never the report, the notes, the snapshot or the CLI's output.
import { afterEach, describe, expect, it } from "vitest";
import { evaluateStream } from "../../../src/engine/evaluate.js";
import { known, unknown } from "../../../src/model/value.js";
import { REPORTERS } from "../../../src/report/index.js";
import { PLAIN } from "../../../src/report/style.js";
import { inventoryFromBundle } from "../../../src/sources/snapshot/bundle.js";
import { scanLiveAws } from "../../../src/sources/aws-live/index.js";
import type { SqlTarget } from "../../../src/sources/aws-live/sql/binlog-retention.js";
import { serializeBundle } from "../../../src/sources/snapshot/index.js";
import { loadPolicy } from "../../../src/spec/load-policy.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { demoFleet, JUDGED_AT, liveOptions, POLICY, TEST_DEPS } from "./support.js";

const PASSWORD = "Sup3r-Secret-Pa55word!";
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:haspec/db-AbCdEf";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A SQL reader that answers 24 h for one cluster, fails (quoting the password, as a careless driver might) for another. */
function fakeSql(seen: SqlTarget[]) {
  return async (t: SqlTarget) => {
    seen.push(t);
    if (t.host.startsWith("orders-prod.")) return known(24);
    return unknown(`connection to ${t.host}:${t.port} refused`);
  };
}

async function rendered(bundleText: string): Promise<string> {
  const inventory = inventoryFromBundle(JSON.parse(bundleText), "snapshot", "snap.json");
  const policy = await loadPolicy(POLICY);
  let out = "";
  for (const format of ["json", "text"] as const) {
    const render = await REPORTERS[format]!();
    for (const chunk of render(evaluateStream([policy], inventory, { now: JUDGED_AT }), { style: PLAIN })) out += chunk;
  }
  return out;
}

describe("database credentials", () => {
  it("from HASPEC_DB_USER / HASPEC_DB_PASSWORD: binlog retention is read, the password is nowhere", async () => {
    fake = await startFakeAws(demoFleet());
    const seen: SqlTarget[] = [];
    const bundle = await scanLiveAws(
      liveOptions(fake.url, { env: { HASPEC_DB_USER: "auditor", HASPEC_DB_PASSWORD: PASSWORD } }),
      { ...TEST_DEPS, readBinlog: fakeSql(seen) },
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((t) => t.password === PASSWORD && t.user === "auditor")).toBe(true);
    const text = serializeBundle(bundle);
    expect(text).not.toContain(PASSWORD);
    expect(bundle.data["123456789012/us-east-1"]).toMatchObject({ BinlogRetentionHours: { "orders-prod": { value: 24 } } });
    const report = await rendered(text);
    expect(report).not.toContain(PASSWORD);
    expect(report).toContain("binlog.min_retention_hours");
  });

  it("from --db-secret-arn (Secrets Manager): used, never written", async () => {
    const fleet = demoFleet();
    fleet.secrets = { [SECRET_ARN]: JSON.stringify({ username: "auditor", password: PASSWORD }) };
    fake = await startFakeAws(fleet);
    const seen: SqlTarget[] = [];
    const bundle = await scanLiveAws(liveOptions(fake.url, { dbSecretArn: SECRET_ARN }), { ...TEST_DEPS, readBinlog: fakeSql(seen) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]!.password).toBe(PASSWORD);
    expect(serializeBundle(bundle)).not.toContain(PASSWORD);
    expect(await rendered(serializeBundle(bundle))).not.toContain(PASSWORD);
  });

  it("a secret that cannot be read leaves binlog retention unknown with the reason", async () => {
    fake = await startFakeAws(demoFleet(), { deny: (r) => r.service === "secretsmanager" });
    const bundle = await scanLiveAws(liveOptions(fake.url, { dbSecretArn: SECRET_ARN }), { ...TEST_DEPS, readBinlog: fakeSql([]) });
    const orders = (bundle.data["123456789012/us-east-1"] as { BinlogRetentionHours?: Record<string, unknown> }).BinlogRetentionHours?.["orders-prod"];
    expect(orders).toEqual({ unknown: expect.stringMatching(/GetSecretValue failed: AccessDeniedException/) });
  });

  it("a secret that is not JSON is unknown without quoting it", async () => {
    const fleet = demoFleet();
    fleet.secrets = { [SECRET_ARN]: `password=${PASSWORD}` };
    fake = await startFakeAws(fleet);
    const bundle = await scanLiveAws(liveOptions(fake.url, { dbSecretArn: SECRET_ARN }), { ...TEST_DEPS, readBinlog: fakeSql([]) });
    expect(serializeBundle(bundle)).not.toContain(PASSWORD);
    expect(serializeBundle(bundle)).toContain("is not JSON with username and password");
  });

  it("without credentials binlog retention stays undefined (the rule says: readable only over SQL)", async () => {
    fake = await startFakeAws(demoFleet());
    const seen: SqlTarget[] = [];
    const bundle = await scanLiveAws(liveOptions(fake.url), { ...TEST_DEPS, readBinlog: fakeSql(seen) });
    expect(seen).toEqual([]);
    expect(serializeBundle(bundle)).not.toContain("BinlogRetentionHours");
  });
});
