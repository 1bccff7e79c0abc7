// Unit tests for engine version parsing and ordering.
import { describe, expect, it } from "vitest";
import { compareEngineVersions, ownVersionPart, parseEngineVersion, type EngineVersion } from "../../src/facts/engine-version.js";

function p(v: string): EngineVersion {
  const parsed = parseEngineVersion(v);
  if (!parsed.known) throw new Error(parsed.reason);
  return parsed.value;
}
const cmp = (a: string, b: string) => Math.sign(compareEngineVersions(p(a), p(b)));

describe("engine versions", () => {
  it("takes Aurora MySQL's own version part", () => {
    expect(ownVersionPart("8.0.mysql_aurora.3.04.0")).toBe("3.04.0");
    expect(ownVersionPart("5.7.mysql_aurora.2.11.2")).toBe("2.11.2");
    expect(ownVersionPart("15.4")).toBe("15.4");
  });

  it("compares dotted numbers numerically, padding missing parts with 0", () => {
    expect(cmp("3.04.0", "3.4")).toBe(0);
    expect(cmp("15.10", "15.9")).toBe(1);
    expect(cmp("8.0.35", "8.0.4")).toBe(1);
    expect(cmp("2.11.2", "3.04.0")).toBe(-1);
  });

  it("orders a suffix after the bare numbers, then alphabetically", () => {
    expect(cmp("5.6.10a", "5.6.10")).toBe(1);
    expect(cmp("5.6.10a", "5.6.10b")).toBe(-1);
    expect(cmp("5.6.10a", "5.6.11")).toBe(-1);
  });

  it("cannot read a version without leading numbers", () => {
    expect(parseEngineVersion("latest").known).toBe(false);
  });
});
