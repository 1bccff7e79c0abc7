// A live scan of the demo fleet served over the AWS wire formats gives the AWS-JSON verdicts, through pagination, throttling and 5xx.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Pluggable } from "@smithy/types";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { readLiveAws, scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { DEMO, demoFleet, liveOptions, TEST_DEPS, verdicts, withoutCaptureTimeRules } from "./support.js";

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function baseline() {
  return withoutCaptureTimeRules(await verdicts(await readAwsJson([DEMO])));
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k)} vs ${b.get(k)}`);
}

describe("live scan over the fake AWS server", () => {
  it("gives the same verdicts as the AWS CLI JSON of the same fleet", async () => {
    fake = await startFakeAws(demoFleet());
    const inventory = await readLiveAws(liveOptions(fake.url), TEST_DEPS);
    expect(differences(withoutCaptureTimeRules(await verdicts(inventory)), await baseline())).toEqual([]);
    expect(inventory.capturedAt).toEqual({ known: true, value: "2026-11-22T03:00:00.000Z" });
    expect(inventory.sources).toEqual([{ kind: "aws", location: "aws 123456789012 eu-west-1,us-east-1" }]);
  });

  it("agrees with the AWS CLI JSON of a fleet with no RDS Proxy and no hosted zone, whose empty lists are known", async () => {
    const fleet = demoFleet();
    for (const account of Object.values(fleet.accounts)) {
      account.zones = [];
      for (const region of Object.values(account.regions)) {
        region.DBProxies = [];
        region.Targets = {};
      }
    }
    fake = await startFakeAws(fleet);
    const live = withoutCaptureTimeRules(await verdicts(await readLiveAws(liveOptions(fake.url), TEST_DEPS)));
    // The same fleet as the AWS CLI saves it: empty describe-db-proxies and list-hosted-zones outputs.
    const dir = mkdtempSync(join(tmpdir(), "haspec-no-proxy-"));
    for (const region of ["us-east-1", "eu-west-1"]) {
      mkdirSync(join(dir, region));
      for (const f of readdirSync(join(DEMO, region))) {
        if (!f.startsWith("describe-db-proxy")) copyFileSync(join(DEMO, region, f), join(dir, region, f));
      }
      writeFileSync(join(dir, region, "describe-db-proxies.json"), JSON.stringify({ DBProxies: [] }));
    }
    mkdirSync(join(dir, "route53"));
    writeFileSync(join(dir, "route53", "list-hosted-zones.json"), JSON.stringify({ HostedZones: [] }));
    const files = withoutCaptureTimeRules(await verdicts(await readAwsJson([dir])));
    expect(differences(live, files)).toEqual([]);
    const proxyAndDns = [...files].filter(([k]) => /\|(proxy|dns)\./.test(k));
    expect(proxyAndDns.length).toBeGreaterThan(0);
    expect(proxyAndDns.filter(([, status]) => status === "unknown")).toEqual([]);
  });

  it("judges PITR lag against the capture time (AWS CLI JSON cannot)", async () => {
    fake = await startFakeAws(demoFleet());
    const live = await verdicts(await readLiveAws(liveOptions(fake.url), TEST_DEPS));
    const pitr = [...live].filter(([k]) => k.endsWith("|backup.max_pitr_lag_minutes")).map(([, s]) => s);
    expect(pitr.length).toBeGreaterThan(0);
    expect(pitr.every((s) => s === "pass" || s === "fail" || s === "waived")).toBe(true);
  });

  it("makes the minimum number of requests: one per page, one parameters call per custom group in use", async () => {
    fake = await startFakeAws(demoFleet());
    const bundle = await scanLiveAws(liveOptions(fake.url), TEST_DEPS);
    const per = (action: string) => fake!.log.filter((r) => r.action === action).length;
    expect(per("DescribeDBClusters")).toBe(2);
    expect(per("DescribeDBInstances")).toBe(2);
    expect(per("DescribeEventSubscriptions")).toBe(2);
    expect(per("DescribeDBProxies")).toBe(2);
    expect(per("DescribeDBClusterParameters")).toBe(5); // default.* groups need none
    expect(fake.log.filter((r) => r.action === "DescribeDBClusterParameters").every((r) => r.params["Source"] === "user")).toBe(true);
    expect(per("ListHostedZones")).toBe(1);
    expect(per("ListResourceRecordSets")).toBe(1);
    expect(fake.log.every((r) => r.params["MaxRecords"] === undefined || r.params["MaxRecords"] === "100")).toBe(true);
    expect(Object.values(bundle.calls ?? {}).reduce((a, b) => a + b, 0)).toBe(fake.log.length);
  });

  it("starts reading alongside GetCallerIdentity (only the account id comes from it) and files everything under that account", async () => {
    fake = await startFakeAws(demoFleet(), { latencyMs: (r) => (r.action === "GetCallerIdentity" ? 60 : 0) });
    const sent: { action: string; at: number; done?: number }[] = [];
    const watch: Pluggable<any, any> = {
      applyToStack(stack) {
        stack.add(
          (next, context) => async (args) => {
            const entry: (typeof sent)[number] = { action: String(context.commandName).replace(/Command$/, ""), at: performance.now() };
            sent.push(entry);
            const out = await next(args);
            entry.done = performance.now();
            return out;
          },
          { step: "initialize", name: "watchCalls" },
        );
      },
    };
    const bundle = await scanLiveAws(liveOptions(fake.url), { ...TEST_DEPS, plugins: [watch] });
    const identity = sent.find((c) => c.action === "GetCallerIdentity")!;
    expect(sent.filter((c) => c.action === "DescribeDBClusters" && c.at < identity.done!).length).toBeGreaterThan(0);
    expect(bundle.accounts).toEqual(["123456789012"]);
    expect(Object.keys(bundle.data)).toEqual(["123456789012/eu-west-1", "123456789012/route53", "123456789012/us-east-1"]);
  });

  it("follows Marker and NextRecordName pagination with tiny pages, one request per page", async () => {
    const fleet = demoFleet();
    fake = await startFakeAws(fleet);
    const inventory = await readLiveAws(liveOptions(fake.url), { ...TEST_DEPS, pageSize: 1 });
    expect(fake.log.filter((r) => r.action === "DescribeDBClusters" && r.params["Marker"] !== undefined).length).toBeGreaterThan(3);
    for (const [region, data] of Object.entries(fleet.accounts["123456789012"]!.regions)) {
      for (const [action, items] of [
        ["DescribeDBClusters", data.DBClusters],
        ["DescribeDBInstances", data.DBInstances],
      ] as const) {
        const markers = fake.log.filter((r) => r.action === action && r.region === region).map((r) => r.params["Marker"]);
        expect(markers, `${action} ${region}`).toHaveLength(Math.max(1, items.length));
        expect(new Set(markers).size, `${action} ${region}: no page asked for twice`).toBe(markers.length);
      }
    }
    expect(fake.log.filter((r) => r.action === "ListResourceRecordSets" && r.params["name"] !== undefined).length).toBeGreaterThan(3);
    expect(differences(withoutCaptureTimeRules(await verdicts(inventory)), await baseline())).toEqual([]);
  });

  it("rides out 20% throttled and 5% failed responses with the same verdicts", async () => {
    fake = await startFakeAws(demoFleet(), { throttleRate: 0.2, serverErrorRate: 0.05 });
    const inventory = await readLiveAws(liveOptions(fake.url), { ...TEST_DEPS, pageSize: 2 });
    const faults = fake.log.filter((r) => r.fault !== undefined);
    expect(faults.some((r) => r.fault === "throttle")).toBe(true);
    expect(faults.some((r) => r.fault === "server-error")).toBe(true);
    expect(inventory.notes.filter((n) => n.startsWith("could not read"))).toEqual([
      expect.stringContaining("DescribeDBClusterParameters (payments-prod-aurora-mysql80) failed: DBParameterGroupNotFound"),
    ]);
    expect(differences(withoutCaptureTimeRules(await verdicts(inventory)), await baseline())).toEqual([]);
  }, 120_000);

  it("lists every enabled region of the home partition with --region all (EC2 DescribeRegions)", async () => {
    // As moto lists them: regions not opted in, and other partitions' regions, are listed too.
    const enabledRegions = [
      "eu-west-1",
      "us-east-1",
      "ap-south-1",
      { name: "af-south-1", optInStatus: "opted-in" as const },
      { name: "me-south-1", optInStatus: "not-opted-in" as const },
      "cn-north-1",
      "us-gov-west-1",
    ];
    fake = await startFakeAws(demoFleet(), { enabledRegions });
    const bundle = await scanLiveAws(liveOptions(fake.url, { regions: ["all"] }), TEST_DEPS);
    expect(bundle.regions).toEqual(["af-south-1", "ap-south-1", "eu-west-1", "us-east-1"]);
    expect(fake.log.filter((r) => ["me-south-1", "cn-north-1", "us-gov-west-1"].includes(r.region))).toEqual([]);
    expect(fake.log.filter((r) => r.action === "DescribeRegions")).toHaveLength(1);
    expect(bundle.errors).toHaveLength(1); // the parameters group the fleet does not hold
  });

  it("assumes one role per account and scans each", async () => {
    const fleet = demoFleet();
    fleet.accounts["210987654321"] = structuredClone(fleet.accounts["123456789012"]!);
    fake = await startFakeAws(fleet);
    const bundle = await scanLiveAws(
      liveOptions(fake.url, {
        regions: ["us-east-1"],
        roleArns: ["arn:aws:iam::123456789012:role/haspec", "arn:aws:iam::210987654321:role/haspec", "arn:aws:iam::999999999999:role/haspec"],
      }),
      TEST_DEPS,
    );
    expect(bundle.accounts).toEqual(["123456789012", "210987654321"]);
    expect(Object.keys(bundle.data)).toEqual(["123456789012/route53", "123456789012/us-east-1", "210987654321/route53", "210987654321/us-east-1"]);
    expect(bundle.errors.map((e) => `${e.scope} ${e.call}`)).toContain("999999999999 AssumeRole");
    expect(fake.log.filter((r) => r.action === "AssumeRole")).toHaveLength(3);
  });
});
