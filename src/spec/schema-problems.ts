// The generated schema's validation errors turned into problems: positioned, worded for the policy's author, with a hint where one helps.
import type { ErrorObject } from "ajv";
import type { Problem } from "../errors.js";
import { describeExpected, describeFound } from "./describe-value.js";
import { validate as generatedValidate } from "./generated/policy-validator.js";
import { isRecord, pointerSegments, valueAt, type Segment, type SourceMap } from "./policy-document.js";
import { policyVocabulary, schemaAtPath, type JsonSchema } from "./policy-vocabulary.js";
import { closestMatch } from "./suggest.js";

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Precompiled by `npm run gen` (ajv standalone), so startup never loads or compiles ajv. */
export const validatePolicy = generatedValidate as unknown as CompiledValidator;

/** The schema holding the keyword that failed (the error's `schemaPath` minus its last part). */
function schemaOfError(e: ErrorObject): JsonSchema | undefined {
  const s = schemaAtPath(e.schemaPath.slice(0, e.schemaPath.lastIndexOf("/")));
  return isRecord(s) ? s : undefined;
}

/**
 * ajv reports every failed alternative of an anyOf/oneOf. When one alternative fits the value's
 * shape (its errors are all deeper), keep only that alternative's errors; otherwise keep only the
 * anyOf/oneOf error itself, to be reported as "expected A or B".
 */
function pruneAlternatives(errors: readonly ErrorObject[]): ErrorObject[] {
  const removed = new Set<ErrorObject>();
  const combos = errors
    .filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf")
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const combo of combos) {
    if (removed.has(combo)) continue;
    const prefix = `${combo.schemaPath}/`;
    const inside = errors.filter((e) => e !== combo && !removed.has(e) && e.schemaPath.startsWith(prefix));
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inside) {
      const branch = e.schemaPath.slice(prefix.length).split("/")[0] ?? "";
      byBranch.set(branch, [...(byBranch.get(branch) ?? []), e]);
    }
    const fitting = [...byBranch.values()].find((list) => list.every((e) => e.instancePath !== combo.instancePath));
    const passing = (combo.params as { passingSchemas?: unknown }).passingSchemas;
    if (fitting && !passing) {
      removed.add(combo);
      for (const e of inside) if (!fitting.includes(e)) removed.add(e);
    } else {
      for (const e of inside) removed.add(e);
    }
  }
  const kept = errors.filter((e) => !removed.has(e));
  // `if` and `propertyNames` only say "a sub-schema failed"; the sub-schema's own errors say what.
  return kept.filter(
    (e) =>
      !(e.keyword === "if" || e.keyword === "propertyNames") ||
      !kept.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== e.keyword),
  );
}
/** One problem for each error the schema validation found, alternatives pruned. */
export function schemaProblems(source: SourceMap, data: unknown, errors: readonly ErrorObject[]): Problem[] {
  return pruneAlternatives(errors).map((e) => errorToProblem(source, data, e));
}

function errorToProblem(source: SourceMap, data: unknown, e: ErrorObject): Problem {
  const segments = pointerSegments(e.instancePath, data);
  const value = valueAt(data, segments);
  const schema = schemaOfError(e);
  const params = e.params as Record<string, unknown>;
  const style = source.style;

  if (e.keyword === "additionalProperties") {
    const key = String(params["additionalProperty"]);
    const allowed = Object.keys(isRecord(schema?.["properties"]) ? schema["properties"] : {});
    const { message, hint } = unknownKey(segments, key, allowed);
    return source.problem([...segments, key], "key", message, hint);
  }
  if (e.keyword === "required") {
    const key = String(params["missingProperty"]);
    const props = schema?.["properties"];
    const keySchema = isRecord(props) && isRecord(props[key]) ? props[key] : undefined;
    const what = keySchema ? ` (${describeExpected(keySchema, style)})` : "";
    // Positioned on the object that lacks the key; the path names the missing key.
    return source.problem(segments, "value", `missing required key "${key}"${what}`, `add ${key}: …`, [...segments, key]);
  }
  if (e.propertyName !== undefined) {
    const message = `key "${e.propertyName}" is not allowed here: expected ${describeExpected(schema, style)}`;
    return source.problem([...segments, e.propertyName], "key", message);
  }
  if (e.keyword === "uniqueItems") {
    const i = Number(params["i"]);
    const j = Number(params["j"]);
    const later = Math.max(i, j);
    const item = Array.isArray(value) ? value[later] : undefined;
    return source.problem(
      [...segments, later],
      "value",
      `duplicate item ${describeFound(item, style)} (items ${Math.min(i, j)} and ${later} are the same)`,
      "list each value once",
    );
  }
  if (e.keyword === "oneOf" && params["passingSchemas"]) {
    return source.problem(segments, "value", `${describeFound(value, style)} matches more than one of: ${describeExpected(schema, style)}`);
  }
  if (VALUE_KEYWORDS.has(e.keyword)) {
    const expected = describeExpected(schema, style);
    const enumValues = Array.isArray(schema?.["enum"]) ? schema["enum"].filter((v): v is string => typeof v === "string") : [];
    const close = typeof value === "string" && enumValues.length > 0 ? closestMatch(value, enumValues) : undefined;
    return source.problem(segments, "value", `expected ${expected}, got ${describeFound(value, style)}`, close ? `did you mean "${close}"?` : undefined);
  }
  return source.problem(segments, "value", `${e.message ?? "is not valid"} (got ${describeFound(value, style)})`);
}

const VALUE_KEYWORDS = new Set([
  "type",
  "const",
  "enum",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "anyOf",
  "oneOf",
  "not",
]);

/** Message and hint for a key the schema does not allow at this level. */
function unknownKey(segments: readonly Segment[], key: string, allowed: readonly string[]): { message: string; hint?: string } {
  const { groups } = policyVocabulary();
  const parent = segments[segments.length - 1];
  const grandparent = segments[segments.length - 2];
  const close = closestMatch(key, allowed);
  const didYouMean = close ? `did you mean "${close}"?` : undefined;
  const groupsOf = (k: string): string[] => [...groups].filter(([, keys]) => keys.includes(k)).map(([g]) => g);

  if (parent === "assumptions" && segments.length === 1) {
    return { message: `unknown assumption "${key}"`, hint: didYouMean ?? `the assumptions are ${allowed.join(", ")}` };
  }
  if (parent === "require" && segments[0] === "targets") {
    const home = groupsOf(key)[0];
    const hint = home
      ? `"${key}" is a rule of the ${home} group: write it under require.${home}`
      : (didYouMean ?? `rule groups are ${allowed.join(", ")}`);
    return { message: `unknown rule group "${key}"`, hint };
  }
  if (grandparent === "require" && segments[0] === "targets" && typeof parent === "string") {
    const home = groupsOf(key)[0];
    let hint = didYouMean;
    if (!hint && home) hint = `"${key}" belongs to the ${home} group (rule ${home}.${key})`;
    if (!hint) {
      const everywhere = [...groups].flatMap(([g, keys]) => keys.map((k) => `${g}.${k}`));
      const elsewhere = closestMatch(key, everywhere.map((id) => id.slice(id.indexOf(".") + 1)));
      const id = elsewhere ? everywhere.find((x) => x.endsWith(`.${elsewhere}`)) : undefined;
      hint = id ? `did you mean ${id}? it belongs to the ${id.split(".")[0]} group` : allowed.length > 0 ? `the ${parent} group has ${allowed.join(", ")}` : undefined;
    }
    return { message: `unknown rule "${parent}.${key}"`, ...(hint ? { hint } : {}) };
  }
  const hint = didYouMean ?? (allowed.length > 0 ? `allowed keys here: ${allowed.join(", ")}` : undefined);
  return { message: `unknown key "${key}"`, ...(hint ? { hint } : {}) };
}
