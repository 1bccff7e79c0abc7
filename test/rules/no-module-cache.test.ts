// Keeps per-inventory state out of src/rules/ and src/fix/: what rules share about an inventory lives in the facts (src/facts/), built by the engine; what a fix looks up lives in its plan.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const RULES_DIR = join(import.meta.dirname, "../../src/rules");
const FIX_DIR = join(import.meta.dirname, "../../src/fix");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Module-scope declarations that can hold state between calls: mutable bindings, maps filled at run time, memoisers. */
const STATEFUL = /^(export\s+)?(let|var)\s|^(export\s+)?const\s+\w+[^=]*=\s*(new\s+(WeakMap|WeakSet|WeakRef|Map)\b|memoize)/;
/** The rule registry's lookup table: built once from the constant rule list, never from an inventory. */
const ALLOWED = new Set(["index.ts:const BY_ID = new Map(RULES.map((r) => [r.id, r]));"]);

describe("src/rules/ holds no module-level cache", () => {
  it.each(tsFiles(RULES_DIR).map((f) => [relative(RULES_DIR, f), f] as const))("%s", (name, file) => {
    const offending = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => STATEFUL.test(line) && !ALLOWED.has(`${name}:${line.trim()}`));
    expect(
      offending,
      `${name} keeps state at module level; put what rules share about an inventory in src/facts/ and read it through ctx.facts`,
    ).toEqual([]);
  });
});

describe("src/fix/ holds no module-level cache", () => {
  it.each(tsFiles(FIX_DIR).map((f) => [relative(FIX_DIR, f), f] as const))("%s", (name, file) => {
    const offending = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => STATEFUL.test(line));
    expect(offending, `${name} keeps state at module level; build what a fix looks up once per plan (see InventoryIndex in fixers.ts)`).toEqual([]);
  });
});
