// Reading every page through the SDK's paginators: items in the AWS CLI's JSON form, and pagination that makes no progress failing the read instead of looping.
import { describe, expect, it } from "vitest";
import type { Pluggable } from "@smithy/types";
import { RDSClient, paginateDescribeDBClusters } from "@aws-sdk/client-rds";
import { Route53Client, paginateListHostedZones } from "@aws-sdk/client-route-53";
import { itemsOfPages, nextRecordStart } from "../../../src/sources/aws-live/pages.js";

/** Answers every command with `answer(input)` without any request leaving the process; counts the commands. */
function cannedAnswers(answer: (input: Record<string, unknown>) => Record<string, unknown>) {
  const sent: Record<string, unknown>[] = [];
  const plugin: Pluggable<any, any> = {
    applyToStack(stack) {
      stack.add(
        () => async (args) => {
          const input = { ...(args.input as Record<string, unknown>) };
          sent.push(input);
          return { output: { $metadata: {}, ...answer(input) }, response: {} };
        },
        { step: "initialize", priority: "high" },
      );
    },
  };
  return { plugin, sent };
}

const clientConfig = { region: "us-east-1", credentials: { accessKeyId: "AKIAFAKE", secretAccessKey: "fake" } };

describe("itemsOfPages", () => {
  it("reads every page the SDK's paginator asks for, one request each, items in the AWS CLI's JSON form", async () => {
    const pages: Record<string, Record<string, unknown>> = {
      first: { DBClusters: [{ DBClusterIdentifier: "a", ClusterCreateTime: new Date("2026-01-02T03:04:05Z"), Engine: undefined }], Marker: "m1" },
      m1: { DBClusters: [{ DBClusterIdentifier: "b" }], Marker: "m2" },
      m2: { DBClusters: [{ DBClusterIdentifier: "c" }] },
    };
    const { plugin, sent } = cannedAnswers((input) => pages[(input["Marker"] as string | undefined) ?? "first"]!);
    const client = new RDSClient(clientConfig);
    client.middlewareStack.use(plugin);
    const items = await itemsOfPages(paginateDescribeDBClusters, { client, pageSize: 100 }, {}, { in: "Marker", out: "Marker" }, (p) => p.DBClusters);
    expect(items).toEqual([{ DBClusterIdentifier: "a", ClusterCreateTime: "2026-01-02T03:04:05.000Z" }, { DBClusterIdentifier: "b" }, { DBClusterIdentifier: "c" }]);
    expect(sent.map((i) => [i["Marker"], i["MaxRecords"]])).toEqual([
      [undefined, 100],
      ["m1", 100],
      ["m2", 100],
    ]);
  });

  it("fails the read when a page comes back with the Marker it was asked for (an endpoint echoing the Marker)", async () => {
    const { plugin, sent } = cannedAnswers((input) => ({ DBClusters: [], Marker: input["Marker"] ?? "m1" }));
    const client = new RDSClient(clientConfig);
    client.middlewareStack.use(plugin);
    await expect(itemsOfPages(paginateDescribeDBClusters, { client }, {}, { in: "Marker", out: "Marker" }, (p) => p.DBClusters)).rejects.toThrow(
      /page after Marker "m1" came back with the same Marker.*makes no progress/,
    );
    expect(sent).toHaveLength(2);
  });

  it("fails a hosted-zone read whose NextMarker repeats the Marker it was asked with", async () => {
    const { plugin } = cannedAnswers((input) => ({ HostedZones: [], IsTruncated: true, NextMarker: input["Marker"] ?? "z1" }));
    const client = new Route53Client(clientConfig);
    client.middlewareStack.use(plugin);
    await expect(itemsOfPages(paginateListHostedZones, { client }, {}, { in: "Marker", out: "NextMarker" }, (p) => p.HostedZones)).rejects.toThrow(
      /same NextMarker/,
    );
  });
});

describe("nextRecordStart", () => {
  it("fails a record-set read whose truncated page names no next record, or the record it started from", () => {
    expect(nextRecordStart({ NextRecordName: "b.example.com.", NextRecordType: "CNAME" }, { StartRecordName: "a.example.com.", StartRecordType: "CNAME" })).toEqual({
      StartRecordName: "b.example.com.",
      StartRecordType: "CNAME",
    });
    // Same name and type, another set identifier (weighted records): progress.
    expect(nextRecordStart({ NextRecordName: "a.", NextRecordType: "CNAME", NextRecordIdentifier: "2" }, { StartRecordName: "a.", StartRecordType: "CNAME", StartRecordIdentifier: "1" })).toEqual({
      StartRecordName: "a.",
      StartRecordType: "CNAME",
      StartRecordIdentifier: "2",
    });
    expect(() => nextRecordStart({}, {})).toThrow(/named no next record/);
    expect(() => nextRecordStart({ NextRecordName: "a.", NextRecordType: "CNAME" }, { StartRecordName: "a.", StartRecordType: "CNAME" })).toThrow(/record it started from/);
  });
});
