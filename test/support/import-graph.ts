// The import graph of source files, and the cycles in it, for the tests that keep folders free of import cycles.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** The .ts/.tsx files under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/**
 * The files among `known` that `file` imports or re-exports from (type-only imports included);
 * with `lazy`, `await import()` counts too.
 */
export function importsOf(file: string, known: ReadonlySet<string>, options: { readonly lazy: boolean }): string[] {
  const text = readFileSync(file, "utf8");
  const pattern = options.lazy ? /(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)["'](\.[^"']+)["']/gm : /^\s*(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/gms;
  return [...text.matchAll(pattern)].flatMap((m) => {
    const target = resolve(dirname(file), m[1]!).replace(/\.js$/, "");
    const found = [`${target}.ts`, `${target}.tsx`, join(target, "index.ts")].find((c) => known.has(c));
    return found === undefined ? [] : [found];
  });
}

/** One cycle through each file that is on one, as the chain of files that closes it. */
export function cycles(files: readonly string[], options: { readonly lazy: boolean }): string[][] {
  const known = new Set(files);
  const found: string[][] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, "active");
    stack.push(file);
    for (const dep of importsOf(file, known, options)) {
      if (state.get(dep) === "active") found.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found;
}
