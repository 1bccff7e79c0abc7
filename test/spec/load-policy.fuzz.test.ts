// Property tests: whatever the file holds, loadPolicy returns a Policy or throws a UserError with located problems.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/index.js";
import { RULE_GROUPS } from "../../src/rules/types.js";
import { UserError } from "../../src/errors.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import type { Policy } from "../../src/spec/policy.js";

const example = parse(await readFile(fileURLToPath(new URL("./fixtures/spec-example.yaml", import.meta.url)), "utf8")) as unknown;

/** Loads `text` as `file`; a Policy, or the UserError (anything else fails the property). */
async function outcome(text: string, file: string): Promise<Policy | UserError> {
  try {
    return await loadPolicy(file, async () => text);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    const lines = text.split(/\r\n|\r|\n/).length;
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) {
      expect(p.file).toBe(file);
      expect(p.message.length).toBeGreaterThan(0);
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line!).toBeLessThanOrEqual(lines + 1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
    return err;
  }
}

/** Both serialisations of `value`, each loaded. */
async function bothWays(value: unknown): Promise<Array<Policy | UserError>> {
  const json = JSON.stringify(value) ?? "null";
  return [await outcome(stringify(value), "fuzz.yaml"), await outcome(json, "fuzz.json")];
}

const keyish = fc.oneof(
  fc.constantFrom("version", "name", "targets", "waivers", "severity", "match", "require", "kinds", "tags", "rules", "expires", ...RULE_GROUPS),
  fc.string({ maxLength: 8 }),
);

/** Objects shaped roughly like a policy, with anything in the leaves. */
const policyShaped = fc.record(
  {
    version: fc.oneof(fc.constant(1), fc.jsonValue({ maxDepth: 1 })),
    name: fc.oneof(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
    targets: fc.array(
      fc.record(
        {
          name: fc.oneof(fc.constantFrom("a", "b"), fc.jsonValue({ maxDepth: 1 })),
          severity: fc.oneof(fc.constantFrom("low", "high", "urgent"), fc.jsonValue({ maxDepth: 1 })),
          match: fc.dictionary(keyish, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
          require: fc.dictionary(keyish, fc.dictionary(keyish, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), { maxKeys: 4 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
    waivers: fc.array(fc.dictionary(keyish, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path (as key/index lists) to a value inside `v`. */
function paths(v: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const here = [prefix];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...prefix, i]))];
  if (v !== null && typeof v === "object") return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...prefix, k]))];
  return here;
}

type Mutation = { kind: "delete" } | { kind: "rename"; suffix: string } | { kind: "replace"; value: Json };

function mutate(root: Json, path: Array<string | number>, m: Mutation): Json {
  if (path.length === 0) return m.kind === "replace" ? m.value : root;
  const copy = structuredClone(root) as Json;
  let parent: Json = copy;
  for (const seg of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[seg] as Json;
  const last = path[path.length - 1]!;
  const container = parent as Record<string | number, Json>;
  if (m.kind === "replace") container[last] = m.value;
  else if (Array.isArray(parent) && typeof last === "number") {
    if (m.kind === "delete") parent.splice(last, 1);
  } else if (m.kind === "delete") delete container[last];
  else {
    container[`${String(last).slice(0, -1)}${m.suffix}`] = container[last]!;
    delete container[last];
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: "delete" } as const),
  fc.string({ maxLength: 2 }).map((suffix) => ({ kind: "rename", suffix }) as const),
  fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: "replace", value: value as Json }) as const),
);

/** Valid policies built from the rules' own examples. */
const validPolicy = fc
  .record({
    targets: fc.uniqueArray(
      fc.record({
        name: fc.string({ minLength: 1, maxLength: 12 }),
        severity: fc.option(fc.constantFrom("low", "medium", "high", "critical"), { nil: undefined }),
        rules: fc.subarray([...RULES]),
        identifiers: fc.array(fc.constantFrom("*-prod", "orders-?", "db-[0-9]*", "{a,b}-*"), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 4, selector: (t) => t.name },
    ),
    waiverRules: fc.subarray(["*", ...RULES.map((r) => r.id)], { minLength: 1 }),
    day: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
  })
  .map(({ targets, waiverRules, day }) => ({
    version: 1,
    name: "generated",
    targets: targets.map((t) => {
      const require: Record<string, Record<string, unknown>> = {};
      for (const rule of t.rules) {
        const [group, key] = rule.id.split(".") as [string, string];
        (require[group] ??= {})[key] = rule.example;
      }
      return {
        name: t.name,
        ...(t.severity ? { severity: t.severity } : {}),
        match: t.identifiers.length > 0 ? { identifiers: t.identifiers } : {},
        require,
      };
    }),
    waivers: [{ resource: "legacy-*", rules: waiverRules, reason: "r", expires: day.toISOString().slice(0, 10) }],
  }));

describe("loadPolicy never fails other than with a UserError", () => {
  it("on random text", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 })), async (text) => {
        await outcome(text, "fuzz.yaml");
        await outcome(text, "fuzz.json");
      }),
      { numRuns: 300 },
    );
  });

  it("on YAML and JSON documents of arbitrary JSON values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        await bothWays(value);
      }),
      { numRuns: 200 },
    );
  });

  it("on policy-shaped documents with arbitrary leaves", async () => {
    await fc.assert(
      fc.asyncProperty(policyShaped, async (value) => {
        await bothWays(value);
      }),
      { numRuns: 300 },
    );
  });

  it("on mutations of the SPEC example (deleted, renamed and retyped keys)", async () => {
    const all = paths(example as Json);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: all.length - 1 }), mutation, async (i, m) => {
        const mutated = mutate(example as Json, all[i]!, m);
        const results = await bothWays(mutated);
        // The same data is valid, or not, whichever way it is written.
        expect(results[1] instanceof UserError).toBe(results[0] instanceof UserError);
      }),
      { numRuns: 400 },
    );
  });

  it("loads every valid generated policy, with its rules in order", async () => {
    await fc.assert(
      fc.asyncProperty(validPolicy, async (value) => {
        for (const result of await bothWays(value)) {
          expect(result, result instanceof UserError ? JSON.stringify(result.problems) : "").not.toBeInstanceOf(UserError);
          const policy = result as Policy;
          expect(policy.targets.map((t) => t.requirements.map((r) => r.ruleId))).toEqual(
            value.targets.map((t) => Object.entries(t.require).flatMap(([g, keys]) => Object.keys(keys).map((k) => `${g}.${k}`))),
          );
          expect(policy.targets.every((t) => RULE_GROUPS.length > 0 && ["low", "medium", "high", "critical"].includes(t.severity))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
