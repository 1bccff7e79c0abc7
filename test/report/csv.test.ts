import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, neutralise, renderCsv } from "../../src/report/csv.js";
import { evaluate } from "../../src/engine/evaluate.js";
import { inventory, resource } from "../support/build.js";
import { policy, target } from "../support/policy.js";
import { hostileEvaluation, mixedEvaluation, NOW } from "./report-fixtures.js";

/** An RFC 4180 reader, strict enough to catch a broken quote: every row must have the header's width. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), (i += 1);
      else (cell += c), (i += 1);
    } else if (c === '"' && cell === "") (quoted = true), (i += 1);
    else if (c === ",") row.push(cell), (cell = ""), (i += 1);
    else if (c === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), (i += 1);
    else if (c === '"') throw new Error(`stray quote at ${i}`);
    else (cell += c), (i += 1);
  }
  expect(quoted, "unterminated quote").toBe(false);
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  for (const r of rows) expect(r).toHaveLength(CSV_COLUMNS.length);
  return rows;
}

describe("CSV report", () => {
  it("has the header and one row per result", () => {
    const text = renderCsv(mixedEvaluation());
    const rows: string[][] = parse(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 15);
    const first = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(first).toMatchObject({
      policy: "test-policy",
      target: "prod",
      resource_id: "a",
      resource_kind: "aurora-cluster",
      region: "us-east-1",
      rule: "backup.min_retention_days",
      status: "fail",
      severity: "high",
      expected: "7",
      actual: "1",
      reason: "",
    });
    expect(JSON.parse(first.fix!)).toEqual([{ kind: "set-attribute", attribute: "backup_retention_period", from: 1, to: 7, resourceType: "aws_rds_cluster", bound: "floor" }]);
  });

  it("is the same for the same input", () => {
    expect(renderCsv(mixedEvaluation())).toBe(renderCsv(mixedEvaluation(new Date("2026-12-01T00:00:00Z"))));
  });

  it("neutralises formulas and keeps quotes, newlines and commas inside cells", () => {
    const rows: string[][] = parse(renderCsv(hostileEvaluation()));
    expect(rows).toHaveLength(2);
    const id = rows[1]![CSV_COLUMNS.indexOf("resource_id")]!;
    expect(id.startsWith("'=cmd")).toBe(true);
    expect(id).toContain('<script>alert("x")</script>');
    expect(id).toContain("\\nnext");
    for (const row of rows) for (const c of row) expect(c).not.toMatch(/^[=+\-@]/);
    expect(["=1", "+1", "-1", "@x", "\tx", "\rx", "ok", ""].map(neutralise)).toEqual(["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "ok", ""]);
  });

  it("neutralises a formula after leading whitespace or separators, and full-width formula signs", () => {
    const cases = [" =1+1", ";=1+1", ",@SUM(A1)", " ;\t-2", "\u00a0+1", "\u3000=1", "\uff1d1+1", "a=1", "1-2", "x@y"];
    expect(cases.map(neutralise)).toEqual(["' =1+1", "';=1+1", "',@SUM(A1)", "' ;\t-2", "'\u00a0+1", "'\u3000=1", "'\uff1d1+1", "a=1", "1-2", "x@y"]);
  });

  it("keeps a bare CR or a separator inside its cell: one row per result, the formula after it neutralised", () => {
    const ids = ["cr\r=1+1", "semi;=1+1", "comma,=1+1", " =lead", "quote\"=1"];
    const inv = inventory({ resources: ids.map((id) => resource({ id, retention: 1 })) });
    const text = renderCsv(evaluate([policy({ targets: [target({ require: { "backup.min_retention_days": 7 } })] })], inv, { now: NOW }));
    expect(text).not.toContain("\r");
    const rows = parse(text);
    expect(rows).toHaveLength(1 + ids.length);
    const column = rows.slice(1).map((r) => r[CSV_COLUMNS.indexOf("resource_id")]);
    expect(column).toEqual(["cr\\r=1+1", "semi;=1+1", "comma,=1+1", "' =lead", 'quote"=1']);
    expect(text).toContain('"semi;=1+1"');
    expect(text).toContain('"comma,=1+1"');
  });
});
