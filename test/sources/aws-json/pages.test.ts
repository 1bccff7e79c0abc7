// Several pages and regions of the same output merge, duplicates once, members matched within their region.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { FIXTURES, instancesOf, resourceById } from "./support.js";

describe("readAwsJson merging pages and regions", () => {
  it("merges pages, keeps a cluster listed on two pages once, and tells same-named clusters of two regions apart", async () => {
    const inv = await readAwsJson(["pages"], { cwd: FIXTURES });
    expect(inv.resources.map((r) => [r.id, r.region.known ? r.region.value : "?"])).toEqual([
      ["alpha", "eu-west-1"],
      ["alpha", "us-east-1"],
      ["beta", "us-east-1"],
      ["gamma", "us-east-1"],
    ]);
  });

  it("joins each region's alpha-1 to the alpha of the same region", async () => {
    const inv = await readAwsJson(["pages"], { cwd: FIXTURES });
    expect(instancesOf(resourceById(inv, "alpha", "eu-west-1"))[0]?.availabilityZone).toEqual({ known: true, value: "eu-west-1b" });
    expect(instancesOf(resourceById(inv, "alpha", "us-east-1"))[0]?.availabilityZone).toEqual({ known: true, value: "us-east-1c" });
    expect(inv.notes).toEqual([]);
  });

  it("scopes account-wide data by the files read: an empty list covers the place of the resources beside it", async () => {
    const inv = await readAwsJson(["pages"], { cwd: FIXTURES });
    expect(inv.eventSubscriptions).toEqual({
      known: true,
      value: {
        items: [expect.objectContaining({ name: "ops", sourceType: "db-cluster" })],
        scopes: [
          { account: "123456789012", region: "us-east-1" },
          { account: "123456789012", region: "eu-west-1" },
        ],
      },
    });
    const usOnly = await readAwsJson([path.join("pages", "us-east-1")], { cwd: FIXTURES });
    expect(usOnly.eventSubscriptions).toMatchObject({ known: true, value: { scopes: [{ account: "123456789012", region: "us-east-1" }] } });
  });

  it("reads a file given twice (directly and through its directory) once", async () => {
    const inv = await readAwsJson([path.join("pages", "us-east-1", "describe-db-clusters.page1.json"), "pages"], { cwd: FIXTURES });
    expect(inv.resources).toHaveLength(4);
  });
});
