// Terminal text: hostile characters escaped, cutting with an ellipsis, wrapping.
import { describe, expect, it } from "vitest";
import { cellLength, fitEnd, fitStart, truncate, valueText, wrapText } from "../../src/tui/terminal-text.js";

describe("sizing", () => {
  it("cuts with an ellipsis at exactly the width", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abcd", 4)).toBe("abcd");
    expect(truncate("abc", 0)).toBe("");
    expect(cellLength(truncate("ééééé", 3))).toBe(3);
    expect(fitEnd("ab", 4)).toBe("ab  ");
    expect(fitEnd("abcdef", 4)).toBe("abc…");
    expect(fitStart("7", 3)).toBe("  7");
  });

  it("wraps prose at spaces, cuts words longer than a line and keeps the text's line breaks", () => {
    expect(wrapText("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(wrapText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrapText("first\nsecond", 20)).toEqual(["first", "second"]);
    for (const l of wrapText("x".repeat(50) + " y \u001b[2J z", 7)) expect(cellLength(l)).toBeLessThanOrEqual(7);
    expect(wrapText("a \u001b[2J", 20).join("")).not.toContain("\u001b");
  });

  it("shows values as JSON so a string and a number differ", () => {
    expect(valueText("15")).toBe('"15"');
    expect(valueText(15)).toBe("15");
    expect(valueText(undefined)).toBe("(none)");
    expect(valueText({ a: "x\u001b" })).toBe('{"a":"x\\u001b"}');
  });
});
