// The one JSON file reader every source uses: byte order marks, positions of syntax errors, hints.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { parseJsonText, readJsonFile } from "../../src/sources/json-file.js";
import { readSnapshot } from "../../src/sources/snapshot/index.js";

/** The UserError `f` throws. */
function thrown(f: () => unknown): UserError {
  let error: unknown;
  expect(() => {
    try {
      f();
    } catch (e) {
      error = e;
      throw e;
    }
  }).toThrow(UserError);
  return error as UserError;
}

describe("parseJsonText", () => {
  it("ignores a byte order mark", () => {
    expect(parseJsonText('\ufeff{"a":"é"}', "a.json", "hint")).toEqual({ display: "a.json", text: '{"a":"é"}', doc: { a: "é" } });
  });

  it("points at the first bad character, with the hint the reader gives for that text", () => {
    const e = thrown(() => parseJsonText('{\n  "a": [1,]\n}', "a.json", (text) => `hint for ${text.length} characters`));
    expect(e.message).toBe('a.json:2:11: not valid JSON: unexpected "]" (hint for 15 characters)');
    expect(e.problems[0]).toMatchObject({ file: "a.json", line: 2, column: 11, hint: "hint for 15 characters" });
  });

  it("says when the text ends too early", () => {
    expect(thrown(() => parseJsonText('{"a":', "a.json", "hint")).problems[0]).toMatchObject({ line: 1, column: 6, message: "not valid JSON: the file ends too early" });
  });
});

describe("readers through it", () => {
  it("a file that cannot be read names the file", () => {
    expect(thrown(() => readJsonFile("/nonexistent/x.json", "x.json", "hint")).problems[0]).toMatchObject({ file: "x.json", message: expect.stringMatching(/^cannot be read/) });
  });

  it("a snapshot that is not JSON is refused at its line and column", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "haspec-json-")), "snap.json");
    writeFileSync(file, '{\n  "haspecSnapshot": 1,,\n}');
    const e = await readSnapshot([file], { cwd: "/" }).then(() => undefined, (x: unknown) => x as UserError);
    expect(e?.problems[0]).toMatchObject({ file, line: 2, column: 23 });
  });
});
