// No module under src/sources/ imports itself back through others (static imports, types included; lazy import() of an adapter is not a cycle at load).
import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, sourceFiles } from "../support/import-graph.js";

const ROOT = resolve(import.meta.dirname, "../../src/sources");

describe("src/sources imports", () => {
  it("have no cycles (move what two modules share into a third)", () => {
    expect(cycles(sourceFiles(ROOT), { lazy: false }).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([]);
  });
});
