// closestMatch: "did you mean" picks a near name and stays quiet when nothing is near.
import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "../../src/spec/suggest.js";

describe("closestMatch", () => {
  const keys = ["min_azs", "min_readers", "readers_outside_writer_az"];

  it("finds typos, transpositions, case and separator differences", () => {
    expect(closestMatch("min_az", keys)).toBe("min_azs");
    expect(closestMatch("min_aszs", keys)).toBe("min_azs");
    expect(closestMatch("minAzs", keys)).toBe("min_azs");
    expect(closestMatch("min-readers", keys)).toBe("min_readers");
    expect(closestMatch("readers_outside", keys)).toBe("readers_outside_writer_az");
  });

  it("says nothing when no name is close", () => {
    expect(closestMatch("backtrack", keys)).toBeUndefined();
    expect(closestMatch("", keys)).toBeUndefined();
    expect(closestMatch("x", [])).toBeUndefined();
  });

  it("edit distance counts an adjacent swap as one edit", () => {
    expect(editDistance("tier", "teir")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});
