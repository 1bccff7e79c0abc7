// Small helpers: ARNs, AZ names, file-name naming, JSON error positions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseArn, regionFromAz } from "../../../src/sources/aws-json/arn.js";
import { classify, nameFromFileName } from "../../../src/sources/aws-json/classify.js";
import { jsonErrorOffset, lineColumn } from "../../../src/sources/json-position.js";

describe("parseArn and regionFromAz", () => {
  it("reads region and account", () => {
    expect(parseArn("arn:aws:rds:eu-west-1:123456789012:cluster:orders")).toEqual({ service: "rds", region: "eu-west-1", account: "123456789012" });
    expect(parseArn("arn:aws-us-gov:rds:us-gov-west-1:1:db:x")?.region).toBe("us-gov-west-1");
    expect(parseArn("string")).toBeUndefined();
    expect(parseArn("arn:aws:rds")).toBeUndefined();
  });

  it.each([
    ["us-east-1a", "us-east-1"],
    ["ap-southeast-2c", "ap-southeast-2"],
    ["us-gov-west-1b", "us-gov-west-1"],
    ["us-west-2-lax-1a", "us-west-2"],
    ["use1-az1", undefined],
    ["", undefined],
  ])("%s is in region %s", (az, region) => {
    expect(regionFromAz(az)).toBe(region);
  });
});

describe("classify", () => {
  it("takes the group, proxy and zone names from file names", () => {
    expect(nameFromFileName("Parameters", "describe-db-cluster-parameters.default.aurora-mysql8.0.json")).toBe("default.aurora-mysql8.0");
    expect(nameFromFileName("Targets", "describe-db-proxy-targets.orders.json")).toBe("orders");
    expect(nameFromFileName("ResourceRecordSets", "list-resource-record-sets.json")).toBeUndefined();
    expect(nameFromFileName("Parameters", "params.json")).toBeUndefined();
  });

  it("unwraps placebo recordings and finds every known key", () => {
    const c = classify({ status_code: 200, data: { DBClusters: [], DBInstances: [1] } }, "x.json", "x.json");
    expect(c).toEqual({ ok: true, notes: [], sections: [{ kind: "DBClusters", items: [] }, { kind: "DBInstances", items: [1] }] });
  });

  it("says why something is not AWS output", () => {
    expect(classify([1, 2], "x.json", "x.json")).toEqual({ ok: false, reason: "the file holds a list, not an object" });
    expect(classify({ Foo: [] }, "x.json", "x.json")).toEqual({ ok: false, reason: "it has none of them" });
  });
});

describe("jsonErrorOffset", () => {
  it("finds nothing wrong in valid JSON", () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom("", " ", "\n\t "), (text, ws) => {
        expect(jsonErrorOffset(ws + text + ws)).toBeUndefined();
      }),
    );
  });

  it("agrees with JSON.parse on what is valid", () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (text, at, insert) => {
        const i = at % (text.length + 1);
        const mutated = text.slice(0, i) + insert + text.slice(i + 1);
        let valid = true;
        try {
          JSON.parse(mutated);
        } catch {
          valid = false;
        }
        const offset = jsonErrorOffset(mutated);
        expect(offset === undefined).toBe(valid);
        if (offset !== undefined) expect(offset).toBeLessThanOrEqual(mutated.length);
      }),
      { numRuns: 500 },
    );
  });

  it("survives deep nesting", () => {
    expect(jsonErrorOffset("[".repeat(200_000))).toBe(200_000);
  });

  it("turns offsets into 1-based lines and columns", () => {
    expect(lineColumn("ab\ncd\n", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("", 0)).toEqual({ line: 1, column: 1 });
  });
});
