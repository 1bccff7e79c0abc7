import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { UserError } from "../../src/errors.js";
import { htmlChunks } from "../../src/report/html.js";
import { jsonChunks, renderJson } from "../../src/report/json.js";
import { mergeReports } from "../../src/report/merge.js";
import { textChunks } from "../../src/report/text.js";
import { inventory, resource } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const now = new Date("2026-11-22T10:00:00Z");
const require = { "backup.min_retention_days": 7, "multi_az.min_azs": 2, "backup.deletion_protection": true };
const waivers = [
  { resource: "eu-ledger", rules: ["backup.deletion_protection"], reason: "migration", expires: "2030-01-01", approvedBy: "cto" },
  { resource: "us-*", rules: ["*"], reason: "lapsed", expires: "2025-01-01" },
];
const thePolicy = policy({ name: "aurora-production", waivers, targets: [target({ require })] });

const us = [resource({ id: "us-orders", retention: 1 }), resource({ id: "us-billing" })];
const eu = [
  resource({ id: "eu-ledger", region: "eu-west-1", deletionProtection: false }),
  resource({ id: "eu-catalog", region: "eu-west-1", retention: 2 }),
];

function report(resources: ReturnType<typeof resource>[], notes: string[] = [], p = thePolicy): string {
  const ev = evaluate([p], inventory({ resources }), { now });
  return renderJson({ ...ev, notes });
}

const join = (chunks: Iterable<string>): string => [...chunks].join("");

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error("expected a UserError");
}

describe("report merge", () => {
  it("gives the same totals and results as one run over everything", () => {
    const merged = mergeReports([
      { path: "us.json", text: report(us, ["skipped x"]) },
      { path: "eu.json", text: report(eu, ["skipped x", "skipped y"]) },
    ]);
    const whole = JSON.parse(report([...us, ...eu], ["skipped x", "skipped y"]));
    const out = JSON.parse(join(jsonChunks(merged)));
    expect(out.summary).toEqual(whole.summary);
    expect(out.summary.resources).toBe(4);
    expect(out.results).toEqual(whole.results);
    expect(out.notes).toEqual(["skipped x", "skipped y"]);
    expect(out.expiredWaivers).toEqual(whole.expiredWaivers);
    expect(out.expiredWaivers).toHaveLength(1);
    expect(out.policy).toEqual(whole.policy);
    expect(out.sources).toEqual(whole.sources);
  });

  it("counts a resource present in two shards once", () => {
    const merged = mergeReports([
      { path: "a.json", text: report(us) },
      { path: "b.json", text: report(us.slice(0, 1)) },
    ]);
    [...merged.results];
    expect(merged.summary().resources).toBe(2);
  });

  it("keeps one of identical results when the same shard is given twice", () => {
    const once = JSON.parse(join(jsonChunks(mergeReports([{ path: "us.json", text: report(us) }]))));
    const twice = JSON.parse(join(jsonChunks(mergeReports([{ path: "us.json", text: report(us) }, { path: "us-again.json", text: report(us) }]))));
    expect(twice.results).toEqual(once.results);
    expect(twice.summary).toEqual(once.summary);
  });

  it("keeps one result per (policy, target, resource, rule) when shards overlap, and counts each once", () => {
    const merged = mergeReports([
      { path: "a.json", text: report(us) },
      { path: "b.json", text: report([...us.slice(0, 1), ...eu]) },
    ]);
    const out = JSON.parse(join(jsonChunks(merged)));
    const whole = JSON.parse(report([...us, ...eu]));
    expect(out.summary).toEqual(whole.summary);
    expect(out.results).toHaveLength(whole.results.length);
  });

  it("refuses two shards that judged the same resource and rule differently, naming both", () => {
    const fixed = [resource({ id: "us-orders", retention: 7 })];
    const e = userError(() =>
      mergeReports([
        { path: "monday.json", text: report(us) },
        { path: "tuesday.json", text: report(fixed) },
      ]),
    );
    expect(e.message).toContain("monday.json");
    expect(e.message).toContain("tuesday.json");
    expect(e.message).toContain("us-orders");
    expect(e.message).toContain("backup.min_retention_days");
  });

  it("renders the merged report as text and HTML", () => {
    const files = [
      { path: "us.json", text: report(us) },
      { path: "eu.json", text: report(eu) },
    ];
    const text = join(textChunks(mergeReports(files)));
    expect(text).toContain("us-orders");
    expect(text).toContain("eu-catalog");
    const html = join(htmlChunks(mergeReports(files)));
    expect(html).toContain("<h3>eu-ledger ");
    expect(html).toContain("eu-west-1");
    expect(html).toContain("migration");
    expect(html).toContain("EXPIRED 2025-01-01");
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("rejects reports of different policy versions, naming both files", () => {
    const other = { ...thePolicy, sha256: "f".repeat(64) };
    const e = userError(() =>
      mergeReports([
        { path: "a.json", text: report(us) },
        { path: "b.json", text: report(eu, [], other) },
      ]),
    );
    expect(e.message).toContain("mixed policy versions");
    expect(e.message).toContain(`a.json has aurora-production@${"0".repeat(64)}`);
    expect(e.message).toContain(`b.json has aurora-production@${"f".repeat(64)}`);
  });

  it("rejects reports of different haspec major versions", () => {
    const b = JSON.parse(report(eu));
    b.tool.version = "9.0.0";
    const e = userError(() => mergeReports([{ path: "a.json", text: report(us) }, { path: "b.json", text: JSON.stringify(b) }]));
    expect(e.message).toMatch(/major versions.*b\.json.*9\.0\.0/);
  });

  it("rejects invalid JSON with file:line:column", () => {
    const e = userError(() => mergeReports([{ path: "a.json", text: report(us) }, { path: "cut.json", text: '{\n  "tool": {\n    "name": "haspec",,\n' }]));
    expect(e.message).toMatch(/^cut\.json:3:22: invalid JSON/);
    expect(e.problems[0]).toMatchObject({ file: "cut.json", line: 3, column: 22 });
  });

  it("rejects JSON that is not a haspec report, and an empty list", () => {
    expect(userError(() => mergeReports([{ path: "x.json", text: '{"DBClusters": []}' }])).message).toMatch(/^x\.json is not a haspec JSON report/);
    expect(userError(() => mergeReports([{ path: "y.json", text: "[]" }])).message).toMatch(/^y\.json is not a haspec JSON report/);
    expect(userError(() => mergeReports([])).message).toContain("at least one");
  });
});
