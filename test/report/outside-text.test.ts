// The one function every human-readable output passes outside values through, and the lossless escaping of JSON outputs.
import { describe, expect, it } from "vitest";
import { jsonEscapeInvisible, printable } from "../../src/report/outside-text.js";

/** Every character a terminal, log viewer or editor acts on instead of showing. */
export const RAW_UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/u;

describe("printable", () => {
  it("shows control and invisible characters as escapes, so an identifier cannot move the cursor or break a line", () => {
    expect(printable("orders\nprod")).toBe("orders\\nprod");
    expect(printable("\u001b[31mred\u001b[0m")).toBe("\\e[31mred\\e[0m");
    expect(printable("a\rb\tc\u0007d\u007f\u0000")).toBe("a\\rb\\tc\\x07d\\x7f\\x00");
    expect(printable("evil\u202eexe.txt")).toBe("evil\\u202eexe.txt");
    expect(printable("\u2066iso\u2069 \u061c")).toBe("\\u2066iso\\u2069 \\u061c");
    expect(printable("zero\u200bwidth\u2028line\ufeff")).toBe("zero\\u200bwidth\\u2028line\\ufeff");
    expect(printable("\u009b31m\u0085")).toBe("\\x9b31m\\x85");
    expect(printable("tag\u{e0041}\u{e007f}")).toBe("tag\\u{e0041}\\u{e007f}");
    expect(printable("lone\ud800")).toBe("lone\\ud800");
    expect(printable("\u001b]52;c;Y3VybA==\u0007")).toBe("\\e]52;c;Y3VybA==\\x07");
  });

  it("keeps ordinary text, including non-ASCII letters and emoji, and is idempotent", () => {
    expect(printable("aurora-prod · eu-west-1 … ✓ Zürich 日本 😀")).toBe("aurora-prod · eu-west-1 … ✓ Zürich 日本 😀");
    const once = printable("x\n\u001b\u202e\u{e0041}\ud800");
    expect(once).not.toMatch(RAW_UNSAFE);
    expect(printable(once)).toBe(once);
  });
});

describe("jsonEscapeInvisible", () => {
  it("writes invisible characters inside JSON strings as \\u escapes: the same value to a parser, nothing raw in the text", () => {
    const value = { id: "a\u001b[2K\u202e\u0085\u2028\u{e0041}\ud800b", n: [1, "\u200b"] };
    const text = jsonEscapeInvisible(JSON.stringify(value, null, 2));
    expect(text.replace(/\n/g, "")).not.toMatch(RAW_UNSAFE);
    expect(JSON.parse(text)).toEqual(value);
    expect(text).toContain("\\u202e");
  });
});
