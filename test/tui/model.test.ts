// The UI's data: results grouped and tallied per resource, sorted worst first, filtered, narrowed for export.
import { describe, expect, it } from "vitest";
import { describeFilters, isFiltered, nextSeverity, NO_FILTERS, type Filters } from "../../src/tui/filters.js";
import { indexResults, narrowEvaluation, resourceRow, resourceRows, summarize } from "../../src/tui/model.js";
import { demoData, mixedData } from "./fixtures.js";

const ids = (rows: ReturnType<typeof resourceRows>) => rows.map((r) => r.ref.id);
const only = (f: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...f });

describe("resource rows", () => {
  it("tally each resource and sort worst first: fail, unknown, waived, then passing", () => {
    const data = mixedData();
    const rows = resourceRows(indexResults(data.evaluation.results), NO_FILTERS);
    expect(ids(rows)).toEqual(["failing-db", "unknown-db", "waived-db", "clean-db"]);
    expect(rows.map((r) => r.state)).toEqual(["fail", "unknown", "waived", "pass"]);
    expect(rows[0]!.shown).toMatchObject({ fail: 1, unknown: 0, waived: 0, pass: 1 });
    expect(rows[0]!.worst).toBe("high");
    expect(rows[3]!.worst).toBeUndefined();
  });

  it("the demo fleet: more failures and worse severity come first, counts match the summary", async () => {
    const { evaluation } = await demoData();
    const rows = resourceRows(indexResults(evaluation.results), NO_FILTERS);
    expect(rows).toHaveLength(evaluation.summary.resources);
    expect(rows[0]!.ref.id).toBe("crm-legacy");
    expect(rows.reduce((n, r) => n + r.shown.fail, 0)).toBe(evaluation.summary.fail);
    expect(rows.reduce((n, r) => n + r.shown.unknown, 0)).toBe(evaluation.summary.unknown);
    const states = rows.map((r) => r.state);
    expect(states.lastIndexOf("fail")).toBeLessThan(states.indexOf("unknown"));
    // Each resource's results start with its failures.
    for (const r of rows) {
      const statuses = r.results.map((e) => e.result.status);
      expect(statuses).toEqual([...statuses].sort((a, b) => ["fail", "unknown", "waived", "pass"].indexOf(a) - ["fail", "unknown", "waived", "pass"].indexOf(b)));
      expect(statuses).not.toContain("not_applicable");
    }
  });
});

describe("filters", () => {
  it("text matches the resource (all its results) or a result's rule, message or attribute", () => {
    const index = indexResults(mixedData().evaluation.results);
    expect(ids(resourceRows(index, only({ text: "FAILING" })))).toEqual(["failing-db"]);
    const byRule = resourceRows(index, only({ text: "min_azs" }));
    expect(byRule).toHaveLength(4);
    for (const r of byRule) expect(r.results.map((e) => e.result.rule)).toEqual(["multi_az.min_azs"]);
    expect(resourceRows(index, only({ text: "no such thing" }))).toEqual([]);
  });

  it("severity keeps targets at least that severe; s cycles all → critical → high → medium → all", () => {
    const index = indexResults(mixedData().evaluation.results);
    expect(resourceRows(index, only({ minSeverity: "critical" }))).toEqual([]);
    expect(resourceRows(index, only({ minSeverity: "high" }))).toHaveLength(4);
    const cycle = [nextSeverity(undefined)];
    while (cycle.at(-1) !== undefined) cycle.push(nextSeverity(cycle.at(-1)));
    expect(cycle).toEqual(["critical", "high", "medium", undefined]);
  });

  it("hiding unknowns never turns a resource with unknowns into a pass", () => {
    const index = indexResults(mixedData().evaluation.results);
    const rows = resourceRows(index, only({ showUnknown: false }));
    const unknownDb = rows.find((r) => r.ref.id === "unknown-db")!;
    expect(unknownDb.state).toBe("hidden");
    expect(unknownDb.results.map((e) => e.result.status)).not.toContain("unknown");
    expect(rows.find((r) => r.ref.id === "clean-db")!.state).toBe("pass");
  });

  it("hiding waived results drops them from the rows and the export set", () => {
    const data = mixedData();
    const group = indexResults(data.evaluation.results).byAddress.get(data.resources.find((r) => r.id === "waived-db")!.address)!;
    const row = resourceRow(group, only({ showWaived: false }));
    expect(row.state).toBe("hidden");
    expect(row.matching.map((e) => e.result.status)).not.toContain("waived");
  });

  it("describes the active filters", () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(describeFilters(only({ text: " crm ", minSeverity: "high", showUnknown: false, showWaived: false }))).toEqual([
      "/crm",
      "severity ≥ high",
      "unknowns hidden",
      "waived hidden",
    ]);
  });
});

describe("narrowing for export", () => {
  it("keeps the evaluation's header, the given results in evaluation order, and their own summary", () => {
    const { evaluation } = mixedData();
    const index = indexResults(evaluation.results);
    const rows = resourceRows(index, only({ text: "failing" }));
    const narrowed = narrowEvaluation(evaluation, [...rows[0]!.matching].reverse());
    expect(narrowed.policies).toBe(evaluation.policies);
    expect(narrowed.results.map((r) => evaluation.results.indexOf(r))).toEqual([...narrowed.results.map((r) => evaluation.results.indexOf(r))].sort((a, b) => a - b));
    expect(narrowed.summary).toEqual(summarize(narrowed.results));
    expect(narrowed.summary).toMatchObject({ resources: 1, fail: 1, pass: 1 });
  });
});
