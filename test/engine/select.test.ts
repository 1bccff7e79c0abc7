import { describe, expect, it } from "vitest";
import { selects } from "../../src/engine/select.js";
import { resource, UNKNOWN } from "../support/build.js";

describe("selects", () => {
  it("an empty match selects everything", () => {
    expect(selects({}, resource()).selected).toBe(true);
  });
  it("requires every tag to be present, values as globs", () => {
    const r = resource({ tags: { env: "prod", team: "payments" } });
    expect(selects({ tags: { env: "prod", team: "pay*" } }, r).selected).toBe(true);
    expect(selects({ tags: { env: "prod", owner: "*" } }, r).selected).toBe(false);
  });
  it("cannot tell when the region is unknown and the target filters on regions", () => {
    expect(selects({ regions: ["us-east-1"] }, resource({ region: UNKNOWN })).selected).toBe("unknown");
  });
  it("a known mismatch wins over an unknown field", () => {
    expect(selects({ regions: ["us-east-1"], kinds: ["instance"] }, resource({ region: UNKNOWN })).selected).toBe(false);
  });
});
