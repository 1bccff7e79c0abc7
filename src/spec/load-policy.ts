// Loads a policy file (YAML or JSON): parses it with positions, validates it against the generated schema, checks what a schema cannot, and returns a Policy or throws one UserError listing every problem.
import { createHash } from "node:crypto";
import { readFile as readFileFromDisk } from "node:fs/promises";
import { extname } from "node:path";
import type { ErrorObject } from "ajv";
import picomatch from "picomatch";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from "yaml";
import { UserError, type Problem } from "../errors.js";
import type { ResourceKind } from "../model/resource.js";
import { policySchema, validate as generatedValidate } from "./generated/policy-validator.js";
import type { Policy, PolicyPosition, Requirement, Severity, Target, TargetMatch, Waiver } from "./policy.js";
import { DATE_PATTERN } from "./policy-schema.js";
import { closestMatch } from "./suggest.js";

/** Reads a file's bytes; injected so tests need no disk. */
export type ReadPolicyFile = (path: string) => Promise<Buffer | string>;

type JsonSchema = Record<string, unknown>;
type Segment = string | number;

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** Precompiled by scripts/gen-schema.ts (ajv standalone), so startup never loads or compiles ajv. */
const validatePolicy = generatedValidate as unknown as CompiledValidator;
const POLICY_SCHEMA = policySchema as unknown as JsonSchema;
const DATE_RE = new RegExp(DATE_PATTERN);
const MAX_PROBLEMS = 200;

/**
 * Reads, parses and validates the policy at `file`. Throws a UserError naming the file when it
 * cannot be read, and one UserError carrying every problem when it is not a valid policy.
 */
export async function loadPolicy(file: string, readFile: ReadPolicyFile = readFileFromDisk): Promise<Policy> {
  let content: Buffer | string;
  try {
    content = await readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  let text: string;
  if (typeof content === "string") {
    text = content.replace(/^\uFEFF/, "");
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(content);
    } catch (err) {
      throw new UserError(
        `policy file ${file} is not UTF-8 text`,
        [{ file, message: "the file is not valid UTF-8", hint: "save the policy as UTF-8 YAML or JSON" }],
        { cause: err },
      );
    }
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return parsePolicy(file, text, sha256);
}

/** Parses and validates policy text; `file` is used for positions and messages only. */
export function parsePolicy(file: string, text: string, sha256: string): Policy {
  const style: Style = extname(file).toLowerCase() === ".json" ? "json" : "yaml";
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, stringKeys: true });
  const source = new SourceMap(file, doc, lines, style);

  const syntax = syntaxProblems(source);
  if (syntax.length > 0) throw invalid(file, syntax);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw invalid(file, aliasProblems(source, err), err);
  }

  const problems = [...(validatePolicy(data) ? [] : schemaProblems(source, data, validatePolicy.errors ?? [])), ...semanticProblems(source, data)];
  if (problems.length > 0) throw invalid(file, problems);
  return buildPolicy(source, data as RawPolicy, sha256);
}

// ---------------------------------------------------------------------------------------------
// Reading

function unreadable(file: string, err: unknown): UserError {
  const code = (err as { code?: unknown } | null)?.code;
  const [what, hint] =
    code === "ENOENT"
      ? ["does not exist", "check the path given to --policy (without --policy, ./haspec.yaml is used)"]
      : code === "EISDIR"
        ? ["is a directory", "pass the policy file itself, e.g. --policy policies/aurora-production.yaml"]
        : code === "EACCES" || code === "EPERM"
          ? ["cannot be read (permission denied)", "make the file readable by this user"]
          : [`cannot be read (${err instanceof Error ? err.message : String(err)})`, "check the path given to --policy"];
  return new UserError(`policy file ${file} ${what}`, [{ file, message: `the file ${what}`, hint }], { cause: err });
}

function invalid(file: string, problems: Problem[], cause?: unknown): UserError {
  const list = sortAndDedupe(problems);
  return new UserError(
    `policy file ${file} is invalid (${list.length} problem${list.length === 1 ? "" : "s"})`,
    list.slice(0, MAX_PROBLEMS),
    cause === undefined ? undefined : { cause },
  );
}

function sortAndDedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique: Problem[] = [];
  for (const p of problems) {
    const key = `${p.line ?? 0}:${p.column ?? 0}:${p.path ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  return unique.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

// ---------------------------------------------------------------------------------------------
// Positions: from a key path in the data to the YAML node that wrote it

type Style = "yaml" | "json";

class SourceMap {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    readonly lines: LineCounter,
    readonly style: Style,
  ) {}

  positionOf(offset: number): PolicyPosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where the value at `segments` is written (`at: "value"`), or its key (`at: "key"`). When the path
   * cannot be followed all the way, the deepest node reached; the document start when none is.
   */
  locate(segments: readonly Segment[], at: "key" | "value"): PolicyPosition {
    let node: unknown = this.doc.contents;
    let best: YamlNode | null = isNodeWithRange(node) ? node : null;
    let keyNode: YamlNode | null = null;
    for (const seg of segments) {
      if (isAlias(node)) node = node.resolve(this.doc) ?? null;
      keyNode = null;
      if (isMap(node)) {
        const pair = [...node.items].reverse().find((p) => keyText(p.key) === String(seg));
        if (!pair) break;
        keyNode = isNodeWithRange(pair.key) ? pair.key : null;
        node = pair.value;
        best = (isNodeWithRange(node) && !isEmptyScalar(node) ? node : keyNode) ?? best;
      } else if (isSeq(node) && typeof seg === "number") {
        const item: unknown = node.items[seg];
        if (item === undefined) break;
        node = item;
        if (isNodeWithRange(node)) best = node;
      } else {
        break;
      }
    }
    const target = at === "key" && keyNode ? keyNode : best;
    return target?.range ? this.positionOf(target.range[0]) : { line: 1, column: 1 };
  }

  /** A problem at the node of `segments`; `pathSegments` (default: the same) names it in the message. */
  problem(segments: readonly Segment[], at: "key" | "value", message: string, hint?: string, pathSegments = segments): Problem {
    const { line, column } = this.locate(segments, at);
    const path = formatPath(pathSegments);
    return { file: this.file, line, column, ...(path ? { path } : {}), message, ...(hint ? { hint } : {}) };
  }
}

function isNodeWithRange(x: unknown): x is YamlNode & { range: [number, number, number] } {
  return typeof x === "object" && x !== null && Array.isArray((x as { range?: unknown }).range);
}

function isEmptyScalar(node: YamlNode): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return "";
  return String(key);
}

/** `targets[0].require.multi_az.min_azs`; keys that are not plain names are quoted: `tags["app name"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** JSON pointer → segments, with array indexes as numbers (decided by walking the data). */
function pointerSegments(pointer: string, data: unknown): Segment[] {
  if (pointer === "") return [];
  const segments: Segment[] = [];
  let value: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value) && /^\d+$/.test(seg)) {
      segments.push(Number(seg));
      value = value[Number(seg)];
    } else {
      segments.push(seg);
      value = isRecord(value) && Object.hasOwn(value, seg) ? value[seg] : undefined;
    }
  }
  return segments;
}

function valueAt(data: unknown, segments: readonly Segment[]): unknown {
  let value = data;
  for (const seg of segments) {
    if (Array.isArray(value) && typeof seg === "number") value = value[seg];
    else if (isRecord(value) && Object.hasOwn(value, String(seg))) value = value[String(seg)];
    else return undefined;
  }
  return value;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------------------------------------
// YAML syntax

function syntaxProblems(source: SourceMap): Problem[] {
  const language = source.style === "json" ? "JSON" : "YAML";
  const problems: Problem[] = [];
  for (const e of source.doc.errors) {
    const at = source.positionOf(e.pos[0]);
    if (e.code === "DUPLICATE_KEY") {
      problems.push(duplicateKeyProblem(source, e.pos[0]) ?? { file: source.file, ...at, message: "duplicate key" });
      continue;
    }
    problems.push({
      file: source.file,
      ...at,
      message: `${language} syntax error: ${e.message}`,
      ...(e.code === "MULTIPLE_DOCS"
        ? { hint: "a policy is one document; remove the extra `---` or split it into several policy files" }
        : e.code === "BAD_INDENT" || e.code === "MISSING_CHAR"
          ? { hint: "check the indentation and the closing brackets or quotes" }
          : {}),
    });
  }
  for (const w of source.doc.warnings) {
    problems.push({
      file: source.file,
      ...source.positionOf(w.pos[0]),
      message: `${language} problem: ${w.message}`,
      ...(w.code === "TAG_RESOLVE_FAILED" ? { hint: "remove the tag; a policy uses plain values" } : {}),
    });
  }
  return problems;
}

/** A duplicate key: its path, and where the first one is. */
function duplicateKeyProblem(source: SourceMap, offset: number): Problem | undefined {
  let found: Problem | undefined;
  visit(source.doc, {
    Map(_key, map, ancestry) {
      const seen = new Map<string, YamlNode>();
      for (const pair of map.items) {
        const name = keyText(pair.key);
        const keyNode = isNodeWithRange(pair.key) ? pair.key : undefined;
        const first = seen.get(name);
        if (first && keyNode && keyNode.range[0] <= offset && offset <= keyNode.range[1]) {
          const segments = [...pathOfAncestry(ancestry, map), name];
          const firstLine = first.range ? source.positionOf(first.range[0]).line : undefined;
          found = {
            file: source.file,
            ...source.positionOf(keyNode.range[0]),
            path: formatPath(segments),
            message: `duplicate key "${name}"`,
            hint: `a key may appear only once in a mapping${firstLine ? `; the first "${name}" is on line ${firstLine}` : ""}`,
          };
          return visit.BREAK;
        }
        if (keyNode && !first) seen.set(name, keyNode);
      }
      return undefined;
    },
  });
  return found;
}

/** Key path of `node` from the `ancestry` yaml's visitor passes (document, maps, pairs, seqs). */
function pathOfAncestry(ancestry: readonly unknown[], node: unknown): Segment[] {
  const chain = [...ancestry, node];
  const segments: Segment[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) segments.push(parent.items.indexOf(child as never));
    else if (isMap(parent)) {
      const pair = child as { key?: unknown };
      segments.push(keyText(pair.key));
    }
  }
  return segments;
}

function aliasProblems(source: SourceMap, err: unknown): Problem[] {
  const problems: Problem[] = [];
  visit(source.doc, {
    Alias(_key, alias) {
      if (alias.resolve(source.doc) === undefined && alias.range) {
        problems.push({
          file: source.file,
          ...source.positionOf(alias.range[0]),
          message: `YAML alias *${alias.source} refers to no anchor`,
          hint: `define &${alias.source} before using *${alias.source}`,
        });
      }
    },
  });
  if (problems.length === 0) {
    problems.push({
      file: source.file,
      line: 1,
      column: 1,
      message: `the document cannot be read: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Schema errors → problems

/** The schema object a JSON-pointer-ish `schemaPath` (`#/properties/…`) points at. */
function schemaAtPath(schemaPath: string): unknown {
  let node: unknown = POLICY_SCHEMA;
  const parts = schemaPath.replace(/^#\/?/, "");
  if (parts === "") return node;
  for (const raw of parts.split("/")) {
    const seg = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isRecord(node) && Object.hasOwn(node, seg)) node = node[seg];
    else return undefined;
  }
  return node;
}

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

function schemaProblems(source: SourceMap, data: unknown, errors: readonly ErrorObject[]): Problem[] {
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

/** The allowed keys of each level, from the schema; rule keys per group. */
interface Vocabulary {
  readonly groups: ReadonlyMap<string, readonly string[]>;
  readonly ruleIds: ReadonlySet<string>;
}

let vocabulary: Vocabulary | undefined;

function policyVocabulary(): Vocabulary {
  if (vocabulary) return vocabulary;
  const groupsSchema = schemaAtPath("#/properties/targets/items/properties/require/properties");
  const groups = new Map<string, string[]>();
  if (isRecord(groupsSchema)) {
    for (const [group, g] of Object.entries(groupsSchema)) {
      const keys = isRecord(g) && isRecord(g["properties"]) ? Object.keys(g["properties"]) : [];
      groups.set(group, keys);
    }
  }
  const ruleIds = new Set([...groups].flatMap(([group, keys]) => keys.map((k) => `${group}.${k}`)));
  vocabulary = { groups, ruleIds };
  return vocabulary;
}

/** Message and hint for a key the schema does not allow at this level. */
function unknownKey(segments: readonly Segment[], key: string, allowed: readonly string[]): { message: string; hint?: string } {
  const { groups } = policyVocabulary();
  const parent = segments[segments.length - 1];
  const grandparent = segments[segments.length - 2];
  const close = closestMatch(key, allowed);
  const didYouMean = close ? `did you mean "${close}"?` : undefined;
  const groupsOf = (k: string): string[] => [...groups].filter(([, keys]) => keys.includes(k)).map(([g]) => g);

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

/** "an integer between 1 and 6", "one of low, medium, high, critical", "a date YYYY-MM-DD"… */
export function describeExpected(schema: JsonSchema | undefined, style: Style = "yaml"): string {
  if (!schema) return "a valid value";
  if ("const" in schema) return formatValue(schema["const"]);
  const alternatives = schema["anyOf"] ?? schema["oneOf"];
  if (Array.isArray(alternatives)) {
    return alternatives.map((s) => describeExpected(isRecord(s) ? s : undefined, style)).join(" or ");
  }
  if (Array.isArray(schema["enum"])) {
    const values = schema["enum"].map(formatValue);
    return values.length === 1 ? values[0]! : `one of ${values.join(", ")}`;
  }
  const types = Array.isArray(schema["type"]) ? (schema["type"] as unknown[]) : schema["type"] !== undefined ? [schema["type"]] : [];
  if (types.length === 0) {
    if (isRecord(schema["properties"]) || schema["additionalProperties"] !== undefined) return noun("object", style);
    if (schema["not"] !== undefined) return "a different value";
    return "a valid value";
  }
  return types.map((t) => describeType(String(t), schema, style)).join(" or ");
}

function describeType(type: string, schema: JsonSchema, style: Style): string {
  switch (type) {
    case "integer":
    case "number":
      return `${type === "integer" ? "an integer" : "a number"}${describeRange(schema)}`;
    case "string": {
      if (schema["pattern"] === DATE_PATTERN) return "a date YYYY-MM-DD";
      if (typeof schema["pattern"] === "string") return `a string matching /${schema["pattern"]}/`;
      if (typeof schema["format"] === "string") return `a ${schema["format"]} string`;
      const min = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
      const max = typeof schema["maxLength"] === "number" ? ` of at most ${schema["maxLength"]} characters` : "";
      return `${min >= 1 ? "a non-empty string" : "a string"}${max}`;
    }
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    case "array": {
      const items = isRecord(schema["items"]) ? schema["items"] : undefined;
      const min = typeof schema["minItems"] === "number" ? schema["minItems"] : 0;
      const max = typeof schema["maxItems"] === "number" ? schema["maxItems"] : undefined;
      const size = min > 1 ? ` with at least ${min} items` : "";
      const upto = max !== undefined ? ` with at most ${max} items` : "";
      return `${min === 1 ? `a non-empty ${noun("array", style).replace(/^an? /, "")}` : noun("array", style)}${items ? ` of ${itemsNoun(items, style)}` : ""}${size}${upto}`;
    }
    case "object":
      return noun("object", style);
    default:
      return `a ${type}`;
  }
}

function describeRange(schema: JsonSchema): string {
  const min = typeof schema["minimum"] === "number" ? schema["minimum"] : undefined;
  const max = typeof schema["maximum"] === "number" ? schema["maximum"] : undefined;
  const xmin = typeof schema["exclusiveMinimum"] === "number" ? schema["exclusiveMinimum"] : undefined;
  const xmax = typeof schema["exclusiveMaximum"] === "number" ? schema["exclusiveMaximum"] : undefined;
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(`between ${min} and ${max}`);
  else {
    if (min !== undefined) parts.push(`>= ${min}`);
    if (max !== undefined) parts.push(`<= ${max}`);
  }
  if (xmin !== undefined) parts.push(`> ${xmin}`);
  if (xmax !== undefined) parts.push(`< ${xmax}`);
  if (typeof schema["multipleOf"] === "number") parts.push(`a multiple of ${schema["multipleOf"]}`);
  return parts.length > 0 ? ` ${parts.join(" and ")}` : "";
}

function itemsNoun(items: JsonSchema, style: Style): string {
  if (Array.isArray(items["enum"])) return `values from ${items["enum"].map(formatValue).join(", ")}`;
  switch (items["type"]) {
    case "string":
      return items["pattern"] === DATE_PATTERN ? "dates" : "strings";
    case "integer":
      return `integers${describeRange(items)}`;
    case "number":
      return `numbers${describeRange(items)}`;
    case "boolean":
      return "true/false values";
    case "object":
      return style === "json" ? "objects" : "mappings";
    case "array":
      return style === "json" ? "arrays" : "lists";
    default:
      return "values";
  }
}

function noun(kind: "object" | "array", style: Style): string {
  if (kind === "object") return style === "json" ? "an object" : "a mapping (key: value)";
  return style === "json" ? "an array" : "a list";
}

function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** What the user wrote, briefly: `"two"`, `2.5`, `an empty value`, `a list of 3 items`. */
export function describeFound(value: unknown, style: Style = "yaml"): string {
  if (value === undefined) return "nothing";
  if (value === null) return style === "json" ? "null" : "an empty value";
  if (typeof value === "string") {
    if (value === "") return "an empty string";
    const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return shown;
  }
  if (typeof value === "number") {
    if (Number.isNaN(value)) return style === "json" ? "NaN" : ".nan";
    if (!Number.isFinite(value)) return style === "json" ? String(value) : value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const list = noun("array", style).replace(/^an? /, "");
    return value.length === 0 ? `an empty ${list}` : `a ${list} of ${value.length} item${value.length === 1 ? "" : "s"}`;
  }
  if (isRecord(value)) {
    const map = style === "json" ? "object" : "mapping";
    return Object.keys(value).length === 0 ? `an empty ${map}` : `a ${map}`;
  }
  return typeof value;
}

// ---------------------------------------------------------------------------------------------
// Checks a schema cannot express

function semanticProblems(source: SourceMap, data: unknown): Problem[] {
  if (!isRecord(data)) return [];
  const problems: Problem[] = [];
  const { ruleIds, groups } = policyVocabulary();

  const targets = Array.isArray(data["targets"]) ? data["targets"] : [];
  const firstByName = new Map<string, number>();
  targets.forEach((target: unknown, i) => {
    if (!isRecord(target)) return;
    const name = target["name"];
    if (typeof name === "string") {
      const first = firstByName.get(name);
      if (first === undefined) firstByName.set(name, i);
      else {
        const firstLine = source.locate(["targets", first, "name"], "value").line;
        problems.push(
          source.problem(["targets", i, "name"], "value", `duplicate target name "${name}"`, `target names must be unique; targets[${first}] on line ${firstLine} is also "${name}"`),
        );
      }
    }
    const match = target["match"];
    if (isRecord(match)) {
      if (Array.isArray(match["identifiers"])) {
        match["identifiers"].forEach((glob: unknown, j) => {
          const p = globProblem(source, ["targets", i, "match", "identifiers", j], glob);
          if (p) problems.push(p);
        });
      }
      if (isRecord(match["tags"])) {
        for (const [tag, glob] of Object.entries(match["tags"])) {
          const p = globProblem(source, ["targets", i, "match", "tags", tag], glob);
          if (p) problems.push(p);
        }
      }
    }
  });

  const waivers = Array.isArray(data["waivers"]) ? data["waivers"] : [];
  waivers.forEach((waiver: unknown, i) => {
    if (!isRecord(waiver)) return;
    const resourceProblem = globProblem(source, ["waivers", i, "resource"], waiver["resource"]);
    if (resourceProblem) problems.push(resourceProblem);
    if (Array.isArray(waiver["rules"])) {
      waiver["rules"].forEach((id: unknown, j) => {
        if (typeof id !== "string" || id === "" || id === "*" || ruleIds.has(id)) return;
        const close = closestMatch(id, ruleIds);
        const hint = groups.has(id)
          ? `"${id}" is a group; list its rules (e.g. "${id}.${groups.get(id)?.[0] ?? "…"}") or use "*"`
          : close
            ? `did you mean "${close}"?`
            : 'rule ids are "<group>.<key>" as written under require, e.g. "multi_az.min_azs"; "*" waives every rule';
        problems.push(source.problem(["waivers", i, "rules", j], "value", `unknown rule id "${id}"`, hint));
      });
    }
    const expires = waiver["expires"];
    if (typeof expires === "string" && DATE_RE.test(expires) && !isCalendarDate(expires)) {
      problems.push(
        source.problem(["waivers", i, "expires"], "value", `expected a calendar date YYYY-MM-DD, got "${expires}"`, "that day does not exist; check the month and day"),
      );
    }
  });
  return problems;
}

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && m >= 1 && m <= 12;
}

function globProblem(source: SourceMap, segments: Segment[], glob: unknown): Problem | undefined {
  if (typeof glob !== "string" || glob === "") return undefined;
  try {
    picomatch.makeRe(glob, { strictBrackets: true, debug: true });
    return undefined;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return source.problem(segments, "value", `invalid glob ${describeFound(glob)}: ${why}`, "escape a literal bracket or brace with a backslash");
  }
}

// ---------------------------------------------------------------------------------------------
// The Policy

interface RawTarget {
  name: string;
  severity?: Severity;
  match?: {
    kinds?: ResourceKind[];
    engines?: string[];
    identifiers?: string[];
    tags?: Record<string, string>;
    regions?: string[];
  };
  require?: Record<string, Record<string, unknown>>;
}

interface RawWaiver {
  resource: string;
  rules: string[];
  reason: string;
  expires: string;
  approved_by?: string;
}

interface RawPolicy {
  version: 1;
  name: string;
  description?: string;
  targets: RawTarget[];
  waivers?: RawWaiver[];
}

function buildPolicy(source: SourceMap, raw: RawPolicy, sha256: string): Policy {
  const targets: Target[] = raw.targets.map((t, i) => {
    const requirements: Requirement[] = [];
    for (const [group, keys] of Object.entries(t.require ?? {})) {
      for (const [key, option] of Object.entries(keys)) {
        requirements.push({
          ruleId: `${group}.${key}`,
          option,
          position: source.locate(["targets", i, "require", group, key], "key"),
        });
      }
    }
    return {
      name: t.name,
      severity: t.severity ?? "high",
      match: normalizeMatch(t.match),
      requirements,
      position: source.locate(["targets", i], "value"),
    };
  });
  const waivers: Waiver[] = (raw.waivers ?? []).map((w, i) => ({
    resource: w.resource,
    rules: [...w.rules],
    reason: w.reason,
    expires: w.expires,
    ...(w.approved_by !== undefined ? { approvedBy: w.approved_by } : {}),
    position: source.locate(["waivers", i], "value"),
  }));
  return {
    version: 1,
    name: raw.name,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    targets,
    waivers,
    file: source.file,
    sha256,
  };
}

/** Only the fields given, copied; an absent or empty match selects everything. */
function normalizeMatch(match: RawTarget["match"]): TargetMatch {
  if (!match) return {};
  return {
    ...(match.kinds ? { kinds: [...match.kinds] } : {}),
    ...(match.engines ? { engines: [...match.engines] } : {}),
    ...(match.identifiers ? { identifiers: [...match.identifiers] } : {}),
    ...(match.tags ? { tags: { ...match.tags } } : {}),
    ...(match.regions ? { regions: [...match.regions] } : {}),
  };
}
