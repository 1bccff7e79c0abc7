// A realistic account directory: classification, kinds, members, parameters, events, proxies and DNS.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Inventory } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { FIXTURES, instancesOf, resourceById } from "./support.js";

let inv: Inventory;
beforeAll(async () => {
  inv = await readAwsJson(["fleet"], { cwd: FIXTURES });
});

describe("readAwsJson on a directory of CLI outputs", () => {
  it("reads the checked kinds and nothing else, sorted by account, region and id", () => {
    expect(inv.resources.map((r) => [r.kind, r.id])).toEqual([
      ["multi-az-cluster", "billing-maz"],
      ["aurora-cluster", "empty-pg"],
      ["instance", "legacy-mysql"],
      ["aurora-cluster", "orders-prod"],
      ["instance", "reports-pg"],
    ]);
    expect(inv.sources).toEqual([{ kind: "aws-json", location: "fleet" }]);
    expect(inv.capturedAt).toEqual({ known: false, reason: "AWS CLI output carries no capture time" });
  });

  it("reads an Aurora cluster's own fields, region and account from its ARN", () => {
    const r = resourceById(inv, "orders-prod");
    expect(r).toMatchObject({
      engine: "aurora-mysql",
      engineVersion: { known: true, value: "8.0.mysql_aurora.3.05.2" },
      region: { known: true, value: "us-east-1" },
      account: { known: true, value: "123456789012" },
      address: "arn:aws:rds:us-east-1:123456789012:cluster:orders-prod",
      location: { source: "aws-json", file: path.join("fleet", "describe-db-clusters.json") },
      tags: { known: true, value: { env: "prod", team: "orders" } },
      backupRetentionDays: { known: true, value: 7 },
      deletionProtection: { known: true, value: true },
      copyTagsToSnapshot: { known: true, value: true },
      backtrackWindowSeconds: { known: true, value: 86400 },
      latestRestorableTime: { known: true, value: "2026-11-22T09:58:00.123Z" },
      preferredBackupWindow: { known: true, value: "03:00-03:30" },
      preferredMaintenanceWindow: { known: true, value: "sun:05:00-sun:05:30" },
      autoMinorVersionUpgrade: { known: true, value: true },
      endpoints: {
        cluster: { known: true, value: "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com" },
        reader: { known: true, value: "orders-prod.cluster-ro-abc123.us-east-1.rds.amazonaws.com" },
        custom: { known: true, value: ["orders-analytics.cluster-custom-abc123.us-east-1.rds.amazonaws.com"] },
      },
    });
  });

  it("joins members with their DBInstances: AZs come from the instances, not the cluster's AvailabilityZones", () => {
    const [writer, reader] = instancesOf(resourceById(inv, "orders-prod"));
    expect(writer).toMatchObject({
      id: "orders-prod-1",
      isWriter: { known: true, value: true },
      availabilityZone: { known: true, value: "us-east-1a" },
      secondaryAvailabilityZone: { known: true, value: null },
      promotionTier: { known: true, value: 1 },
      instanceClass: { known: true, value: "db.r6g.large" },
      endpoint: { known: true, value: "orders-prod-1.abc123.us-east-1.rds.amazonaws.com" },
      performanceInsightsEnabled: { known: true, value: true },
      monitoringInterval: { known: true, value: 60 },
      autoMinorVersionUpgrade: { known: true, value: true },
      preferredMaintenanceWindow: { known: true, value: "sun:05:00-sun:05:30" },
      clusterParameterGroupStatus: { known: true, value: "in-sync" },
    });
    expect(reader).toMatchObject({
      id: "orders-prod-2",
      isWriter: { known: true, value: false },
      availabilityZone: { known: true, value: "us-east-1b" },
      // the member entry has no PromotionTier: DBInstance.PromotionTier is used
      promotionTier: { known: true, value: 2 },
      instanceClass: { known: true, value: "db.r6g.xlarge" },
      performanceInsightsEnabled: { known: true, value: false },
      clusterParameterGroupStatus: { known: true, value: "pending-reboot" },
    });
  });

  it("reads the cluster parameter group from the file named after it", () => {
    const pg = resourceById(inv, "orders-prod").clusterParameterGroup;
    expect(pg.known && pg.value?.name).toBe("orders-mysql8");
    expect(pg.known && pg.value?.isDefault).toBe(false);
    const params = pg.known && pg.value !== null && pg.value.parameters.known ? pg.value.parameters.value : undefined;
    // entries without a ParameterValue are not set; the unnamed rds.DescribeDBClusterParameters file is not used
    expect(params && Object.fromEntries(params)).toEqual({ binlog_format: "ROW", binlog_row_image: "full" });
  });

  it("says which command to run when a custom group's parameters were not given", () => {
    const pg = resourceById(inv, "empty-pg").clusterParameterGroup;
    expect(pg).toMatchObject({ known: true, value: { name: "custom-pg15", isDefault: false, parameters: { known: false } } });
    const reason = pg.known && pg.value !== null && !pg.value.parameters.known ? pg.value.parameters.reason : "";
    expect(reason).toContain(
      "aws rds describe-db-cluster-parameters --db-cluster-parameter-group-name custom-pg15 > describe-db-cluster-parameters.custom-pg15.json",
    );
  });

  it("knows that a default group sets nothing", () => {
    const pg = resourceById(inv, "billing-maz").clusterParameterGroup;
    expect(pg).toMatchObject({ known: true, value: { name: "default.postgres16", isDefault: true, parameters: { known: true } } });
    expect(pg.known && pg.value?.parameters.known && pg.value.parameters.value.size).toBe(0);
  });

  it("reads a Multi-AZ DB cluster (postgres with DBClusterInstanceClass) with its three members", () => {
    const r = resourceById(inv, "billing-maz");
    expect(r.kind).toBe("multi-az-cluster");
    expect(instancesOf(r).map((i) => [i.id, i.availabilityZone])).toEqual([
      ["billing-maz-instance-1", { known: true, value: "us-east-1a" }],
      ["billing-maz-instance-2", { known: true, value: "us-east-1b" }],
      ["billing-maz-instance-3", { known: true, value: "us-east-1c" }],
    ]);
    expect(r.backtrackWindowSeconds).toEqual({ known: true, value: 0 });
    expect(r.autoMinorVersionUpgrade).toEqual({ known: true, value: null });
    expect(r.endpoints.custom).toEqual({ known: true, value: [] });
  });

  it("keeps a cluster with no members, with zero instances", () => {
    const r = resourceById(inv, "empty-pg");
    expect(r.instances).toEqual({ known: true, value: [] });
    expect(r.latestRestorableTime).toMatchObject({ known: false, reason: expect.stringContaining("LatestRestorableTime") });
    expect(r.tags).toMatchObject({ known: false, reason: expect.stringContaining("TagList") });
    expect(r.endpoints.cluster).toEqual({ known: true, value: null });
  });

  it("makes a standalone Multi-AZ DB instance a resource with itself as writer and its standby AZ", () => {
    const r = resourceById(inv, "legacy-mysql");
    expect(r).toMatchObject({
      kind: "instance",
      engine: "mysql",
      address: "arn:aws:rds:us-east-1:123456789012:db:legacy-mysql",
      backupRetentionDays: { known: true, value: 7 },
      clusterParameterGroup: { known: true, value: null },
      endpoints: { cluster: { known: true, value: null }, reader: { known: true, value: null }, custom: { known: true, value: [] } },
      tags: { known: true, value: { env: "prod" } },
    });
    expect(instancesOf(r)).toMatchObject([
      {
        id: "legacy-mysql",
        isWriter: { known: true, value: true },
        availabilityZone: { known: true, value: "us-east-1a" },
        secondaryAvailabilityZone: { known: true, value: "us-east-1c" },
      },
    ]);
    expect(instancesOf(resourceById(inv, "reports-pg"))[0]?.secondaryAvailabilityZone).toEqual({ known: true, value: null });
  });

  it("never makes cluster members standalone resources", () => {
    const ids = inv.resources.map((r) => r.id);
    expect(ids).not.toContain("orders-prod-1");
    expect(ids).not.toContain("orphan-1");
    expect(ids).not.toContain("graph-prod-1");
  });

  it("notes what it skipped: Neptune, an instance of a cluster not given, non-AWS and unnamed parameter files", () => {
    expect(inv.notes).toEqual(
      expect.arrayContaining([
        expect.stringContaining("skipped cluster graph-prod (engine neptune)"),
        expect.stringContaining("orphan-1: it belongs to cluster gone-cluster, which is not among the inputs"),
        expect.stringMatching(/tool-settings\.json: not AWS CLI output/),
        expect.stringMatching(/rds\.DescribeDBClusterParameters_1\.json: .*describe-db-cluster-parameters\.GROUP\.json/),
      ]),
    );
    // the Neptune cluster's note covers its member instance
    expect(inv.notes.filter((n) => n.includes("graph-prod-1"))).toEqual([]);
    expect(inv.notes).toHaveLength(4);
  });

  it("reads event subscriptions with lower-case categories and their scope", () => {
    expect(inv.eventSubscriptions).toEqual({
      known: true,
      value: {
        items: [
          {
            name: "cluster-failover",
            enabled: true,
            status: "active",
            sourceType: "db-cluster",
            sourceIds: ["orders-prod"],
            categories: ["failover", "failure"],
            region: "us-east-1",
            account: "123456789012",
            address: "arn:aws:rds:us-east-1:123456789012:es:cluster-failover",
          },
          {
            name: "everything",
            enabled: false,
            status: "active",
            sourceType: null,
            sourceIds: [],
            categories: [],
            region: "us-east-1",
            account: "123456789012",
            address: "arn:aws:rds:us-east-1:123456789012:es:everything",
          },
        ],
        scopes: [{ account: "123456789012", region: "us-east-1" }],
      },
    });
  });

  it("reads proxies and proxy targets, the proxy named by the targets file", () => {
    expect(inv.proxies).toEqual({
      known: true,
      value: {
        items: [{ name: "orders-proxy", status: "available", region: "us-east-1", account: "123456789012" }],
        scopes: [{ account: "123456789012", region: "us-east-1" }],
      },
    });
    expect(inv.proxyTargets).toEqual({
      known: true,
      value: {
        items: [
          { proxyName: "orders-proxy", clusterId: "orders-prod", region: "us-east-1", account: "123456789012" },
          { proxyName: "orders-proxy", clusterId: "orders-prod", instanceId: "orders-prod-1", region: "us-east-1", account: "123456789012" },
        ],
        scopes: [{ account: "123456789012", region: "us-east-1" }],
      },
    });
  });

  it("reads DNS records with the zone from the file name; alias records have no TTL", () => {
    expect(inv.dnsRecords.known).toBe(true);
    const records = inv.dnsRecords.known ? inv.dnsRecords.value : [];
    expect(records.map(({ location: _location, ...r }) => r)).toEqual([
      {
        name: "example.internal.",
        type: "SOA",
        ttl: 900,
        values: ["ns-1.awsdns-00.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"],
        zone: "example.internal",
      },
      {
        name: "orders-db.example.internal.",
        type: "CNAME",
        ttl: 60,
        values: ["orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com"],
        zone: "example.internal",
      },
      { name: "www.example.internal.", type: "A", values: [], zone: "example.internal" },
    ]);
    expect(records[1]?.location).toEqual({ source: "aws-json", file: path.join("fleet", "list-resource-record-sets.example.internal.json") });
  });

  it("gives the same inventory whatever the order of the inputs' files", async () => {
    const files = [
      "describe-db-instances.json",
      "describe-db-clusters.json",
      "describe-db-cluster-parameters.orders-mysql8.json",
    ].map((f) => path.join("fleet", f));
    const a = await readAwsJson(files, { cwd: FIXTURES });
    const b = await readAwsJson([...files].reverse(), { cwd: FIXTURES });
    const strip = (i: Inventory) => JSON.stringify(i.resources, (_k, v: unknown) => (v instanceof Map ? [...v] : v));
    expect(strip(a)).toEqual(strip(b));
  });
});

describe("readAwsJson with some outputs missing", () => {
  it("marks member fields unknown when no describe-db-instances output was given", async () => {
    const only = await readAwsJson([path.join("fleet", "describe-db-clusters.json")], { cwd: FIXTURES });
    const [writer] = instancesOf(resourceById(only, "orders-prod"));
    const none = { known: false, reason: "no describe-db-instances output among the inputs" };
    expect(writer).toMatchObject({
      id: "orders-prod-1",
      isWriter: { known: true, value: true },
      promotionTier: { known: true, value: 1 },
      clusterParameterGroupStatus: { known: true, value: "in-sync" },
      availabilityZone: none,
      instanceClass: none,
      endpoint: none,
      performanceInsightsEnabled: none,
      monitoringInterval: none,
      autoMinorVersionUpgrade: none,
      preferredMaintenanceWindow: none,
      secondaryAvailabilityZone: none,
    });
    // the member entry of orders-prod-2 has no PromotionTier, and there is no DBInstance to fall back on
    expect(instancesOf(resourceById(only, "orders-prod"))[1]?.promotionTier).toEqual(none);
    expect(only.eventSubscriptions).toEqual({ known: false, reason: "no describe-event-subscriptions output among the inputs" });
    expect(only.proxies.known).toBe(false);
    expect(only.proxyTargets.known).toBe(false);
    expect(only.dnsRecords.known).toBe(false);
  });

  it("marks a member unknown when the describe-db-instances output does not have it", async () => {
    const dir = path.join(FIXTURES, "pages");
    const inv2 = await readAwsJson([path.join(dir, "us-east-1")]);
    const beta = resourceById(inv2, "beta");
    expect(instancesOf(beta)[0]?.availabilityZone).toEqual({ known: false, reason: "instance beta-1 is not in the describe-db-instances output" });
  });
});
