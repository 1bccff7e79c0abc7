// The command line and the run session import each other in one direction only: no module reaches itself again.
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, importsOf, sourceFiles } from "../support/import-graph.js";
import { REPO } from "../support/run-cli.js";

const FOLDERS = ["src/cli", "src/run"].map((f) => join(REPO, f));

describe("imports of src/cli and src/run", () => {
  it("form no cycle", () => {
    const files = FOLDERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(10);
    expect(cycles(files, { lazy: true }).map((c) => c.map((f) => relative(REPO, f)).join(" -> "))).toEqual([]);
  });

  it("the run session does not depend on the command line", () => {
    const run = sourceFiles(join(REPO, "src/run"));
    const cli = new Set(sourceFiles(join(REPO, "src/cli")));
    expect(run.flatMap((f) => importsOf(f, cli, { lazy: true })).map((f) => relative(REPO, f))).toEqual([]);
  });
});
