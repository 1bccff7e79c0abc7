// The command line and the run session import each other in one direction only: no module reaches itself again.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/run-cli.js";

const FOLDERS = ["src/cli", "src/run"].map((f) => join(REPO, f));

/** Relative modules a source file imports in any way: static, type-only or `await import()`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)["'](\.[^"']+)["']/gm)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s).replace(/\.js$/, ".ts"));
}

/** Each import cycle among `files`, as the chain of files that closes it. */
function cycles(files: readonly string[]): string[][] {
  const inside = new Set(files);
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]) => {
    if (path.includes(file)) {
      found.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    if (done.has(file)) return;
    for (const next of importsOf(file).filter((f) => inside.has(f))) visit(next, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return found;
}

describe("imports of src/cli and src/run", () => {
  it("form no cycle", () => {
    const files = FOLDERS.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => join(dir, f)));
    expect(files.length).toBeGreaterThan(10);
    expect(cycles(files).map((c) => c.map((f) => relative(REPO, f)).join(" -> "))).toEqual([]);
  });

  it("the run session does not depend on the command line", () => {
    const run = readdirSync(join(REPO, "src/run")).map((f) => join(REPO, "src/run", f));
    expect(run.flatMap(importsOf).filter((f) => f.includes("/src/cli/")).map((f) => relative(REPO, f))).toEqual([]);
  });
});
