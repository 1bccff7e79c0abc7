import { create } from "xmlbuilder2";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { renderJunit } from "../../src/report/junit.js";
import { inventory } from "../support/build.js";
import { policy } from "../support/policy.js";
import { hostileEvaluation, mixedEvaluation, NOW } from "./report-fixtures.js";

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Parsed with xmlbuilder2's parser into its object form (`@attr`, `#text`). */
function parse(xml: string): any {
  return create(xml).end({ format: "object" });
}

describe("JUnit report", () => {
  it("parses back with a suite per target, a case per (resource, rule) and the counts", () => {
    const doc = parse(renderJunit(mixedEvaluation()));
    expect(doc.testsuites).toMatchObject({ "@tests": "15", "@failures": "2", "@skipped": "3", "@errors": "0" });
    const suites = asArray(doc.testsuites.testsuite);
    expect(suites).toHaveLength(1);
    expect(suites[0]).toMatchObject({ "@name": "test-policy/prod", "@tests": "15", "@failures": "2", "@skipped": "3" });
    const cases = asArray<any>(suites[0].testcase);
    expect(cases).toHaveLength(15);
    const failed = cases.filter((c) => c.failure);
    expect(failed.map((c) => [c["@classname"], c["@name"], c.failure["@type"]])).toEqual([
      ["arn:aws:rds:us-east-1:123456789012:cluster:a", "backup.min_retention_days", "high"],
      ["arn:aws:rds:us-east-1:123456789012:db:e", "multi_az.min_azs", "high"],
    ]);
    // xmlbuilder2's object form keeps text entity-encoded.
    expect(failed[0].failure["#"]).toMatch(/\nFix: backup_retention_period = 1 -&gt; 7 \(aws_rds_cluster\)$/);
    const skipped = cases.filter((c) => c.skipped).map((c) => c.skipped["@message"]);
    expect(skipped[0]).toMatch(/^cannot be judged: .*BackupRetentionPeriod/);
    expect(skipped[1]).toBe("waived: migration until Q1 (expires 2030-01-01, approved by cto@example.com)");
    expect(skipped[2]).toMatch(/^not applicable: /);
  });

  it("writes a suite per target of each policy", () => {
    const ev = mixedEvaluation();
    const twoTargets = { ...ev, results: ev.results.map((r, i) => (i % 2 ? { ...r, target: "staging" } : r)) };
    const suites = asArray<any>(parse(renderJunit(twoTargets)).testsuites.testsuite);
    expect(suites.map((s) => [s["@name"], s["@tests"]])).toEqual([
      ["test-policy/prod", "8"],
      ["test-policy/staging", "7"],
    ]);
  });

  it("escapes hostile identifiers so they stay data", () => {
    const xml = renderJunit(hostileEvaluation());
    expect(xml).not.toContain("<script>");
    expect(xml).not.toMatch(/[^\]]\]\]>/);
    const dom = create(xml);
    const suite = dom.root().first().node as unknown as Element;
    expect(suite.getAttribute("name")).toBe(`<policy & "x">/t<&>`);
    const testcase = suite.getElementsByTagName("testcase")[0]!;
    expect(testcase.getAttribute("classname")).toContain(`<script>alert("x")</script> & ]]> | \`tick\`\\nnext`);
    expect(testcase.getElementsByTagName("failure")[0]!.getAttribute("type")).toBe("high");
  });

  it("shows characters XML cannot carry as escapes rather than dropping them", () => {
    const ev = mixedEvaluation();
    const bad = { ...ev, results: ev.results.map((r) => ({ ...r, message: `bell\u0007 nul\u0000 esc\u001b[2K non\uffff ${r.message}` })) };
    const xml = renderJunit(bad);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\uffff]/);
    expect(xml).toContain("bell\\x07 nul\\x00 esc\\e[2K non\\uffff ");
  });

  it("writes an empty suite list for a run with no results", () => {
    const doc = parse(renderJunit(evaluate([policy()], inventory(), { now: NOW })));
    expect(doc.testsuites["@tests"]).toBe("0");
  });
});
