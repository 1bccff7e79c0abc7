// No module under src/sources/ imports itself back through others (static imports, types included; lazy import() of an adapter is not a cycle at load).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../src/sources");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The files under src/sources/ each file imports or re-exports from. */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const deps: string[] = [];
    for (const m of readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms)) {
      const target = resolve(dirname(file), m[1]!).replace(/\.js$/, "");
      const found = [`${target}.ts`, `${target}.tsx`, join(target, "index.ts")].find((c) => known.has(c));
      if (found !== undefined) deps.push(found);
    }
    graph.set(file, deps);
  }
  return graph;
}

/** One cycle through each file that is on one, as paths relative to src/sources. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "active");
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === "active") found.push([...stack.slice(stack.indexOf(dep)), dep].map((f) => relative(ROOT, f)));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe("src/sources imports", () => {
  it("have no cycles (move what two modules share into a third)", () => {
    expect(cycles(importGraph(sourceFiles(ROOT)))).toEqual([]);
  });
});
