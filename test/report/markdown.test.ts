import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { cell, code, MARKDOWN_LIMITS, renderMarkdown } from "../../src/report/markdown.js";
import { inventory, resource } from "../support/build.js";
import { policy, target } from "../support/policy.js";
import { hostileEvaluation, mixedEvaluation, NOW } from "./report-fixtures.js";

/** The rows of the table under a heading, split on unescaped pipes. */
function table(md: string, heading: string): string[][] {
  const after = md.slice(md.indexOf(`### ${heading}`));
  const lines = after.split("\n").filter((l) => l.startsWith("|"));
  const end = after.split("\n").findIndex((l, i) => i > 2 && !l.startsWith("|"));
  return after
    .split("\n")
    .slice(0, end)
    .filter((l) => lines.includes(l))
    .slice(2)
    .map((l) => l.slice(2, -2).split(/(?<!\\)\|/).map((c) => c.trim()));
}

describe("Markdown summary", () => {
  it("shows the policy, totals, worst resources, failures with fixes, unknowns and expired waivers", () => {
    const md = renderMarkdown(mixedEvaluation());
    expect(md).toMatch(/^## haspec: test-policy\n/);
    expect(md).toContain("**2 violations to fix** across 5 resources.");
    expect(md).toContain("| 2 | 1 | 1 | 10 | 1 | 5 |");
    expect(table(md, "Worst resources").map((r) => r[0])).toEqual([
      "arn:aws:rds:us-east-1:123456789012:cluster:a",
      "arn:aws:rds:us-east-1:123456789012:db:e",
    ]);
    const failures = table(md, "Failures");
    expect(failures).toHaveLength(2);
    expect(failures[0]).toEqual([
      "arn:aws:rds:us-east-1:123456789012:cluster:a",
      "prod",
      "backup.min\\_retention\\_days",
      "high",
      "1 → 7",
      "backup\\_retention\\_period = 1 -&gt; 7 (aws\\_rds\\_cluster)",
    ]);
    expect(md).toContain("### Cannot be judged (1)");
    expect(md).toMatch(/- 1× the backup retention period/);
    expect(md).toContain("### Expired waivers (no longer applied)");
    expect(md).toContain("| d | \\* | 2020-01-01 | old exception |  |");
  });

  it("is deterministic", () => {
    expect(renderMarkdown(mixedEvaluation())).toBe(renderMarkdown(mixedEvaluation(new Date("2026-12-01T00:00:00Z"))));
  });

  it("escapes pipes, backticks, markup, newlines and control characters in cells and code spans", () => {
    expect(cell("a|b`c`\nd <b>&")).toBe("a\\|b\\`c\\`\\\\nd &lt;b&gt;&amp;");
    expect(cell("\u001b[2K\u202e")).toBe("\\\\e\\[2K\\\\u202e");
    expect(code("a|b`c``d\r")).toBe("```a\\|b`c``d\\r```");
    expect(code("`x")).toBe("`` `x ``");
    const md = renderMarkdown(hostileEvaluation());
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("<b>");
    for (const line of md.split("\n").filter((l) => l.startsWith("|"))) {
      const cells = line.slice(2, -2).split(/(?<!\\)\|/);
      expect(cells.length, line).toBeLessThanOrEqual(7);
    }
    expect(table(md, "Failures")).toHaveLength(1);
  });

  it("stays small for a large fleet: capped rows with a count of the rest", () => {
    const resources = Array.from({ length: 400 }, (_, i) => resource({ id: `db-${String(i).padStart(3, "0")}-${"x".repeat(200)}`, retention: 1, deletionProtection: false }));
    const targets = [target({ require: { "backup.min_retention_days": 7, "backup.deletion_protection": true } })];
    const md = renderMarkdown(evaluate([policy({ targets })], inventory({ resources }), { now: NOW }));
    expect(table(md, "Failures")).toHaveLength(MARKDOWN_LIMITS.failureRows);
    expect(table(md, "Worst resources")).toHaveLength(MARKDOWN_LIMITS.worstResources);
    expect(md).toContain(`… and ${800 - MARKDOWN_LIMITS.failureRows} more`);
    expect(Buffer.byteLength(md)).toBeLessThan(100 * 1024);
  });
});
