// `npm test` runs from a fresh clone with nothing beside it, and skips nothing: no test under test/ reads files outside the
// repository (the corpus of other checkers' fixtures is the conformance suite's, conformance/), and no test is skipped, only
// or left to do: a test that cannot run fails, saying what is missing.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(import.meta.dirname, "..");
const SELF = path.relative(REPO, import.meta.filename);

function sources(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(?:ts|tsx|mts|js|mjs)$/.test(f) && !f.split(path.sep).includes("fixtures"))
    .map((f) => path.join(dir, f))
    .filter((f) => f !== SELF)
    .sort();
}

/** `file:line: text` of every line of `files` that matches `pattern`. */
function hits(files: readonly string[], pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(path.join(REPO, file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

const TESTS = sources("test");
const CONFORMANCE = sources("conformance");
// describe.skip, it.skipIf, test.runIf, it.todo, describe.only, ctx.skip(), and the same on .each/.concurrent chains.
const NOT_RUN = /\b(?:describe|suite|it|test|bench)(?:\.\w+)*\.(?:skip|skipIf|runIf|todo|only)\b|\b(?:ctx|context|t)\.skip\s*\(/;

describe("the test suites", () => {
  it("find their files", () => {
    expect(TESTS.length).toBeGreaterThan(50);
    expect(CONFORMANCE.length).toBeGreaterThan(3);
  });

  it("npm test reads nothing outside the repository", () => {
    expect(hits(TESTS, /shared\/corpus|\.\.\/shared\b|["'`]\/work\/|HASPEC_CORPUS/)).toEqual([]);
  });

  it("skip nothing: no skip, skipIf, runIf, todo or only in test/ or conformance/", () => {
    expect(hits([...TESTS, ...CONFORMANCE], NOT_RUN)).toEqual([]);
  });

  it("the pattern catches the ways a test is left out", () => {
    for (const line of ["describe.skipIf(!have)(", "it.skipIf(x).each(list)(", "it.skip(", "test.todo(", "describe.only(", "it.concurrent.skip(", "ctx.skip()", "describe.runIf(ok)("])
      expect(line).toMatch(NOT_RUN);
    for (const line of ["cases.filter((c) => c.skipped)", "const skipped = 0;", "it.each(FOLDERS)("]) expect(line).not.toMatch(NOT_RUN);
  });
});
