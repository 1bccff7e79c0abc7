// Real-world shapes that once gave wrong verdicts: optional fields AWS omits, names in other cases, split zones.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { regionFromRdsHost } from "../../../src/sources/aws-json/arn.js";
import { resourceById } from "./support.js";

/** Writes `files` (relative path → JSON) into a fresh directory and reads it. */
async function readFiles(files: Record<string, unknown>): Promise<Inventory> {
  const dir = mkdtempSync(path.join(tmpdir(), "haspec-adv-"));
  for (const [rel, body] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(body));
  }
  return readAwsJson([dir]);
}

const ACCOUNT = "123456789012";

function auroraCluster(id: string, region: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    DBClusterIdentifier: id,
    DBClusterArn: `arn:aws:rds:${region}:${ACCOUNT}:cluster:${id}`,
    Engine: "aurora-mysql",
    EngineVersion: "8.0.mysql_aurora.3.05.2",
    DBClusterParameterGroup: "default.aurora-mysql8.0",
    DBClusterMembers: [],
    ...extra,
  };
}

describe("proxy targets without a TargetArn", () => {
  it("take the region named by their endpoint, else the region of the proxy their file names", async () => {
    const inv = await readFiles({
      "describe-db-clusters.json": { DBClusters: [auroraCluster("orders", "us-east-1"), auroraCluster("orders", "us-west-2")] },
      "describe-db-proxies.json": {
        DBProxies: [{ DBProxyName: "p1", DBProxyArn: `arn:aws:rds:us-east-1:${ACCOUNT}:db-proxy:prx-1`, Status: "available" }],
      },
      "describe-db-proxy-targets.p1.json": {
        Targets: [
          { TrackedClusterId: "orders", RdsResourceId: "orders", Type: "TRACKED_CLUSTER", Port: 3306 },
          {
            Endpoint: "orders-1.abc.us-east-1.rds.amazonaws.com",
            TrackedClusterId: "orders",
            RdsResourceId: "orders-1",
            Type: "RDS_INSTANCE",
          },
        ],
      },
    });
    expect(inv.proxyTargets).toMatchObject({
      known: true,
      value: {
        items: [
          { proxyName: "p1", clusterId: "orders", region: "us-east-1", account: ACCOUNT },
          { proxyName: "p1", clusterId: "orders", instanceId: "orders-1", region: "us-east-1", account: ACCOUNT },
        ],
      },
    });
    expect(resourceById(inv, "orders", "us-west-2")).toBeDefined();
  });

  it("reads the region of RDS endpoint host names", () => {
    expect(regionFromRdsHost("orders.cluster-abc.us-east-1.rds.amazonaws.com")).toBe("us-east-1");
    expect(regionFromRdsHost("ORDERS.CLUSTER-ABC.CN-NORTH-1.RDS.AMAZONAWS.COM.CN.")).toBe("cn-north-1");
    expect(regionFromRdsHost("db.example.com")).toBeUndefined();
  });
});

describe("DNS records of zones the file names do not tell apart", () => {
  it("keeps records of the same name that differ (split-horizon zones), and reads a repeated record once", async () => {
    const host = "orders.cluster-abc.us-east-1.rds.amazonaws.com";
    const record = (ttl: number) => ({ Name: "orders.example.com.", Type: "CNAME", TTL: ttl, ResourceRecords: [{ Value: host }] });
    const inv = await readFiles({
      "r53/private.json": { ResourceRecordSets: [record(600)] },
      "r53/public.json": { ResourceRecordSets: [record(5)] },
      "r53/public-again.json": { ResourceRecordSets: [record(5)] },
    });
    const records = inv.dnsRecords.known ? inv.dnsRecords.value : [];
    expect(records.map((r) => r.ttl).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([5, 600]);
  });
});

describe("cluster parameter files", () => {
  const binlog = (value: string) => ({ Parameters: [{ ParameterName: "binlog_format", ParameterValue: value, Source: "user" }] });
  const clusters = (region: string, group: string) => ({ DBClusters: [auroraCluster("orders", region, { DBClusterParameterGroup: group })] });
  const paramsOf = (inv: Inventory, region: string) => {
    const pg = resourceById(inv, "orders", region).clusterParameterGroup;
    if (!pg.known || pg.value === null) throw new Error("no group");
    return pg.value.parameters;
  };

  it("match the group name whatever its case (AWS stores group names in lower case)", async () => {
    const inv = await readFiles({
      "describe-db-clusters.json": clusters("us-east-1", "orders-pg"),
      "describe-db-cluster-parameters.Orders-PG.json": binlog("ROW"),
    });
    expect(paramsOf(inv, "us-east-1")).toEqual({ known: true, value: new Map([["binlog_format", "ROW"]]) });
  });

  it("of one group name in per-region directories apply to the clusters beside them", async () => {
    const inv = await readFiles({
      "us-east-1/describe-db-clusters.json": clusters("us-east-1", "orders-pg"),
      "us-east-1/describe-db-cluster-parameters.orders-pg.json": binlog("ROW"),
      "eu-west-1/describe-db-clusters.json": clusters("eu-west-1", "orders-pg"),
      "eu-west-1/describe-db-cluster-parameters.orders-pg.json": binlog("OFF"),
    });
    expect(paramsOf(inv, "us-east-1")).toEqual({ known: true, value: new Map([["binlog_format", "ROW"]]) });
    expect(paramsOf(inv, "eu-west-1")).toEqual({ known: true, value: new Map([["binlog_format", "OFF"]]) });
  });

  it("that disagree, none beside the cluster, leave the parameters unknown instead of picking one", async () => {
    const inv = await readFiles({
      "describe-db-clusters.json": { DBClusters: [auroraCluster("orders", "eu-west-1", { DBClusterParameterGroup: "orders-pg" })] },
      "a/describe-db-cluster-parameters.orders-pg.json": binlog("ROW"),
      "b/describe-db-cluster-parameters.orders-pg.json": binlog("OFF"),
    });
    expect(paramsOf(inv, "eu-west-1").known).toBe(false);
  });
});

describe("outputs that are one page of several", () => {
  const host = "orders.cluster-abc.us-east-1.rds.amazonaws.com";
  const cname = (name: string, ttl: number) => ({ Name: name, Type: "CNAME", TTL: ttl, ResourceRecords: [{ Value: host }] });

  it("leave the DNS records unknown when a truncated page's next page is missing", async () => {
    const inv = await readFiles({
      "list-resource-record-sets.Z1.json": {
        ResourceRecordSets: [cname("a.example.com.", 5)],
        IsTruncated: true,
        NextRecordName: "z.example.com.",
        NextRecordType: "CNAME",
        MaxItems: "1",
      },
    });
    expect(inv.dnsRecords.known).toBe(false);
  });

  it("merge when the next page is there (placebo recordings, names in any case)", async () => {
    const inv = await readFiles({
      "route53.ListResourceRecordSets_1.json": {
        status_code: 200,
        data: { ResourceRecordSets: [cname("a.example.com.", 5)], IsTruncated: true, NextRecordName: "z.example.com.", NextRecordType: "CNAME" },
      },
      "route53.ListResourceRecordSets_2.json": { status_code: 200, data: { ResourceRecordSets: [cname("Z.Example.com.", 300)], IsTruncated: false } },
    });
    expect(inv.dnsRecords.known ? inv.dnsRecords.value.map((r) => r.ttl) : null).toEqual([5, 300]);
  });

  it("leave a cluster parameter group unknown when its file has a Marker: binlog_format may be on the next page", async () => {
    const inv = await readFiles({
      "describe-db-clusters.json": { DBClusters: [auroraCluster("orders", "us-east-1", { DBClusterParameterGroup: "orders-pg" })] },
      "describe-db-cluster-parameters.orders-pg.json": {
        Parameters: [{ ParameterName: "autocommit", ParameterValue: "1", Source: "user" }],
        Marker: "bWFya2Vy",
      },
    });
    const pg = resourceById(inv, "orders").clusterParameterGroup;
    expect(pg.known && pg.value !== null ? pg.value.parameters.known : null).toBe(false);
  });
});

describe("classification", () => {
  it("makes a Multi-AZ DB cluster of any mysql/postgres DBCluster, with or without DBClusterInstanceClass", async () => {
    const inv = await readFiles({
      "describe-db-clusters.json": {
        DBClusters: [
          { DBClusterIdentifier: "maz", DBClusterArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:maz`, Engine: "postgres", DBClusterMembers: [] },
          { DBClusterIdentifier: "up", DBClusterArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:up`, Engine: "Aurora-MySQL", DBClusterMembers: [] },
          { DBClusterIdentifier: "graph", DBClusterArn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:graph`, Engine: "NEPTUNE", DBClusterMembers: [] },
        ],
      },
    });
    expect(inv.resources.map((r) => [r.id, r.kind])).toEqual([
      ["maz", "multi-az-cluster"],
      ["up", "aurora-cluster"],
    ]);
  });
});

describe("empty lists of account-wide data", () => {
  const emptySubs = { EventSubscriptionsList: [] };
  it("cover the place of the resources read from the same directory, not other regions", async () => {
    const inv = await readFiles({
      "us-east-1/describe-db-clusters.json": { DBClusters: [auroraCluster("a", "us-east-1")] },
      "us-east-1/describe-event-subscriptions.json": emptySubs,
      "us-east-1/describe-db-proxies.json": { DBProxies: [] },
      "eu-west-1/describe-db-clusters.json": { DBClusters: [auroraCluster("b", "eu-west-1")] },
    });
    expect(inv.eventSubscriptions).toEqual({ known: true, value: { items: [], scopes: [{ account: ACCOUNT, region: "us-east-1" }] } });
    expect(inv.proxies).toEqual({ known: true, value: { items: [], scopes: [{ account: ACCOUNT, region: "us-east-1" }] } });
  });

  it("cover every place when no resource was read beside them", async () => {
    const inv = await readFiles({
      "rds/describe-db-clusters.json": { DBClusters: [auroraCluster("a", "us-east-1")] },
      "events/describe-event-subscriptions.json": emptySubs,
    });
    expect(inv.eventSubscriptions).toEqual({ known: true, value: { items: [], scopes: [{}] } });
  });
});

describe("list-hosted-zones output", () => {
  const host = "orders.cluster-abc.us-east-1.rds.amazonaws.com";
  const cname = (name: string, ttl: number) => ({ Name: name, Type: "CNAME", TTL: ttl, ResourceRecords: [{ Value: host }] });
  const zone = (id: string) => ({ Id: `/hostedzone/${id}`, Name: `${id.toLowerCase()}.example.com.`, Config: { PrivateZone: false }, ResourceRecordSetCount: 3 });

  it("with no zones makes the DNS records known: there are none (as a live scan finds)", async () => {
    const inv = await readFiles({ "route53/list-hosted-zones.json": { HostedZones: [] } });
    expect(inv.dnsRecords).toEqual({ known: true, value: [] });
  });

  it("makes the records known when every zone it lists has its records among the inputs", async () => {
    const inv = await readFiles({
      "route53/list-hosted-zones.json": { HostedZones: [zone("Z1"), zone("Z2")] },
      "route53/list-resource-record-sets.Z1.json": { ResourceRecordSets: [cname("a.example.com.", 5)] },
      "route53/list-resource-record-sets.z2.json": { ResourceRecordSets: [cname("b.example.com.", 300)] },
    });
    expect(inv.dnsRecords.known ? inv.dnsRecords.value.map((r) => r.ttl).sort((a, b) => (a ?? 0) - (b ?? 0)) : null).toEqual([5, 300]);
  });

  it("leaves the records unknown, naming the zone, when a listed zone's records are missing", async () => {
    const inv = await readFiles({
      "route53/list-hosted-zones.json": { HostedZones: [zone("Z1"), zone("Z2")] },
      "route53/list-resource-record-sets.Z1.json": { ResourceRecordSets: [cname("a.example.com.", 5)] },
    });
    expect(inv.dnsRecords.known).toBe(false);
    expect(inv.dnsRecords.known ? "" : inv.dnsRecords.reason).toMatch(/hosted zone Z2 .*list-resource-record-sets --hosted-zone-id/);
  });

  it("leaves the records unknown when the list is one page of several or names a zone without an Id", async () => {
    const truncated = await readFiles({
      "list-hosted-zones.json": { HostedZones: [zone("Z1")], IsTruncated: true, NextMarker: "Z2", MaxItems: "1" },
      "list-resource-record-sets.Z1.json": { ResourceRecordSets: [cname("a.example.com.", 5)] },
    });
    expect(truncated.dnsRecords.known ? "" : truncated.dnsRecords.reason).toMatch(/one page of several/);
    const noId = await readFiles({ "list-hosted-zones.json": { HostedZones: [{ Name: "example.com." }] } });
    expect(noId.dnsRecords.known ? "" : noId.dnsRecords.reason).toMatch(/without an Id/);
  });
});

describe("describe-db-proxies output without any describe-db-proxy-targets output", () => {
  it("makes the targets known (none) where it shows no proxy, and leaves them unknown where a proxy's targets were not saved", async () => {
    const proxy = (region: string) => ({
      DBProxyName: `p-${region}`,
      DBProxyArn: `arn:aws:rds:${region}:${ACCOUNT}:db-proxy:prx-1`,
      EngineFamily: "MYSQL",
      Status: "available",
    });
    const inv = await readFiles({
      "us-east-1/describe-db-clusters.json": { DBClusters: [auroraCluster("orders", "us-east-1")] },
      "us-east-1/describe-db-proxies.json": { DBProxies: [] },
      "eu-west-1/describe-db-clusters.json": { DBClusters: [auroraCluster("billing", "eu-west-1")] },
      "eu-west-1/describe-db-proxies.json": { DBProxies: [proxy("eu-west-1")] },
    });
    expect(inv.proxyTargets).toEqual({ known: true, value: { items: [], scopes: [{ account: ACCOUNT, region: "us-east-1" }] } });
  });
});
