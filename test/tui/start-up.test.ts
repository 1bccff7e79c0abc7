// The text path stays fast: nothing it loads statically imports ink, react or the UI.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO } from "../support/run-cli.js";

/** The specifiers a module imports statically once compiled (type-only imports are gone by then). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.ReactJSX }, fileName: file }).outputText;
  return [...js.matchAll(/^\s*(?:import|export)\s+(?:[^;]*?\s+from\s+)?["']([^"']+)["']/gm)].map((m) => m[1]!);
}

/** `./x.js` to the .ts or .tsx source it is compiled from. */
function sourceOf(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier).replace(/\.js$/, "");
  return [`${base}.ts`, `${base}.tsx`].find(existsSync);
}

/** Every module statically reachable from the entries, and every package specifier they import. */
function staticGraph(entries: readonly string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (!specifier.startsWith(".")) {
        packages.add(specifier);
        continue;
      }
      const target = sourceOf(file, specifier);
      if (target) queue.push(target);
    }
  }
  return { files, packages };
}

describe("start-up", () => {
  it("the text path (main, check, the text report) never loads ink, react or the UI modules", () => {
    const { files, packages } = staticGraph(["src/cli/main.ts", "src/cli/check.ts", "src/report/text.ts", "src/cli/emit.ts"].map((f) => join(REPO, f)));
    expect(files.size).toBeGreaterThan(5);
    expect([...packages].filter((p) => /^(ink|react)(\/|$)/.test(p))).toEqual([]);
    expect([...files].map((f) => relative(REPO, f)).filter((f) => f.startsWith("src/tui/"))).toEqual([]);
  });

  it("check.ts opens the UI through a dynamic import", () => {
    expect(readFileSync(join(REPO, "src/cli/check.ts"), "utf8")).toMatch(/await import\("\.\.\/tui\/index\.js"\)/);
  });
});

/** Static imports of a bundled chunk (esbuild writes them as `import … from "x"` or `import "x"` lines). */
function bundleImports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/^import\s+(?:[^"';]*?\s+from\s+)?["']([^"']+)["'];?$/gm)].map((m) => m[1]!);
}

function bundleGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of bundleImports(file)) {
      if (specifier.startsWith(".")) queue.push(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("the bundled CLI (dist/bundle, what bin/haspec.js runs)", () => {
  const BUNDLE = join(REPO, "dist/bundle");

  it("loads nothing but Node built-ins and its own chunks before a command runs", () => {
    const { files, packages } = bundleGraph(join(BUNDLE, "main.js"));
    expect(files.size).toBeGreaterThan(1);
    expect([...packages].filter((p) => !p.startsWith("node:"))).toEqual([]);
  });

  it("the check command's chunk never loads ink, react or the AWS SDK statically", () => {
    const check = readdirSync(BUNDLE).find((f) => /^check-[\w-]+\.js$/.test(f));
    expect(check).toBeDefined();
    const { packages } = bundleGraph(join(BUNDLE, check!));
    expect([...packages].filter((p) => /^(ink|react|@aws-sdk\/|@smithy\/)/.test(p))).toEqual([]);
  });
});
