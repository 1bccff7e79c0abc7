// Unit tests for three-valued account/region matching of account-wide data.
import { describe, expect, it } from "vitest";
import { samePlace, scopeCovers } from "../../src/facts/place.js";
import { resource, UNKNOWN } from "../support/build.js";

describe("scope matching", () => {
  it("treats absent account and region as wildcards", () => {
    expect(scopeCovers({ items: [], scopes: [{}] }, resource())).toBe("yes");
    expect(scopeCovers({ items: [], scopes: [{ region: "us-east-1" }] }, resource())).toBe("yes");
  });

  it("does not cover another region or account", () => {
    expect(scopeCovers({ items: [], scopes: [{ region: "eu-west-1" }] }, resource())).toBe("no");
    expect(scopeCovers({ items: [], scopes: [{ account: "999999999999", region: "us-east-1" }] }, resource())).toBe("no");
    expect(scopeCovers({ items: [], scopes: [] }, resource())).toBe("no");
  });

  it("cannot tell when the resource's own region is unknown", () => {
    expect(samePlace({ region: "us-east-1" }, resource({ region: UNKNOWN }))).toBe("maybe");
    expect(samePlace({}, resource({ region: UNKNOWN }))).toBe("yes");
  });
});
