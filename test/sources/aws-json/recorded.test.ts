// Shapes that recorded AWS responses (placebo files, as other checkers keep them) show and hand-written CLI output does not:
// clusters recorded without an ARN, the boto3 documentation's placeholder values, a standby AZ left out. fixtures/recorded/*.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { FIXTURES, instancesOf, resourceById } from "./support.js";

const RECORDED = path.join(FIXTURES, "recorded");
const read = (...dirs: string[]) => readAwsJson(dirs.map((d) => path.join(RECORDED, d)));

describe("recorded responses", () => {
  it("without an ARN: the region comes from an AZ name, the account is unknown, the address is the identifier", async () => {
    const inv = await read("no-arn");
    expect(resourceById(inv, "ledger")).toMatchObject({
      kind: "aurora-cluster",
      address: "ledger",
      region: { known: true, value: "eu-west-1" },
      account: { known: false },
      latestRestorableTime: { known: true, value: "2019-03-04T05:06:07.890Z" },
    });
    expect(instancesOf(resourceById(inv, "ledger")).map((i) => [i.id, i.isWriter.known && i.isWriter.value])).toEqual([
      ["ledger-a", true],
      ["ledger-b", false],
    ]);
  });

  it("keeps a cluster with no members; members with no DBInstances beside them have unknown AZs, never the cluster's AvailabilityZones", async () => {
    const inv = await read("no-arn");
    expect(resourceById(inv, "spare").instances).toEqual({ known: true, value: [] });
    for (const i of instancesOf(resourceById(inv, "ledger"))) expect(i.availabilityZone).toEqual({ known: false, reason: "no describe-db-instances output among the inputs" });
  });

  it("notes a recording of an API it does not read, in a directory", async () => {
    const inv = await read("no-arn");
    expect(inv.notes).toEqual([expect.stringMatching(/rds\.DescribeDBRecommendations_1\.json: not AWS CLI output/)]);
  });

  it("keeps same-named clusters of different accounts apart, one recorded without an ARN", async () => {
    const inv = await read("no-arn", "other-account");
    expect(inv.resources.filter((r) => r.id === "ledger").map((r) => r.address)).toEqual(["ledger", "arn:aws:rds:eu-west-1:444455556666:cluster:ledger"]);
  });

  it("reads the boto3 example response: a Multi-AZ DB cluster whose ARN is the placeholder \"string\" falls back to its identifier", async () => {
    const inv = await read("boto3-placeholders");
    expect(resourceById(inv, "restored-pg")).toMatchObject({
      kind: "multi-az-cluster",
      address: "restored-pg",
      account: { known: false },
      region: { known: true, value: "us-east-2" },
    });
  });

  it("a standalone instance recorded MultiAZ with no SecondaryAvailabilityZone: the standby AZ is unknown; single-AZ has none", async () => {
    const inv = await read("standby-not-recorded");
    expect(inv.resources.map((r) => [r.id, r.kind, r.region.known && r.region.value])).toEqual([
      ["orders-multi", "instance", "us-west-2"],
      ["orders-single", "instance", "us-west-2"],
    ]);
    expect(instancesOf(resourceById(inv, "orders-multi"))[0]?.secondaryAvailabilityZone).toMatchObject({ known: false });
    expect(instancesOf(resourceById(inv, "orders-single"))[0]?.secondaryAvailabilityZone).toEqual({ known: true, value: null });
  });
});
