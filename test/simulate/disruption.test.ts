// Disruptions as the command line writes them: parsed, printed back, and refused with a clear message when malformed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { formatDisruption, parseDisruption } from "../../src/simulate/index.js";

describe("parseDisruption", () => {
  it("reads the four forms", () => {
    expect(parseDisruption("writer")).toEqual({ kind: "writer" });
    expect(parseDisruption("instance:orders-prod-2")).toEqual({ kind: "instance", id: "orders-prod-2" });
    expect(parseDisruption("az:US-EAST-1A")).toEqual({ kind: "az", name: "us-east-1a" });
    expect(parseDisruption("az:us-west-2-lax-1a")).toEqual({ kind: "az", name: "us-west-2-lax-1a" });
    expect(parseDisruption(" region:eu-west-1 ")).toEqual({ kind: "region", name: "eu-west-1" });
  });

  it.each([
    ["", /expected writer, instance:ID, az:NAME or region:NAME/],
    ["reader", /expected writer, instance:ID, az:NAME or region:NAME/],
    ["az:", /needs an Availability Zone name/],
    ["instance:", /needs a DB instance identifier/],
    ["az:use1-az1", /not an Availability Zone name .*zone IDs/],
    ["region:us-east-1a", /not a region name/],
    ["region:eu west", /without spaces/],
  ])("refuses %j", (text, message) => {
    expect(() => parseDisruption(text)).toThrow(UserError);
    expect(() => parseDisruption(text)).toThrow(message);
  });

  it("reads back what formatDisruption writes", () => {
    const disruption = fc.oneof(
      fc.constant({ kind: "writer" as const }),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).map((id) => ({ kind: "instance" as const, id })),
      fc.tuple(fc.constantFrom("us-east-1", "eu-west-2", "ap-southeast-2", "us-gov-west-1"), fc.constantFrom("a", "b", "c")).map(([r, l]) => ({ kind: "az" as const, name: r + l })),
      fc.constantFrom("us-east-1", "eu-central-1").map((name) => ({ kind: "region" as const, name })),
    );
    fc.assert(fc.property(disruption, (d) => {
      expect(parseDisruption(formatDisruption(d))).toEqual(d);
    }));
  });
});
