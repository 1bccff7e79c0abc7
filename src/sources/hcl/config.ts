// One Terraform module's declarations (variables, locals, resources, module calls, outputs) gathered from its files.
import type { SourceLocation } from "../../model/resource.js";
import { UserError } from "../../errors.js";
import { type TypeConstraint, parseTypeConstraint } from "./type-constraint.js";

export interface VariableDecl {
  readonly name: string;
  readonly hasDefault: boolean;
  /** The default as the JSON form gives it (literal; Terraform allows no expressions there). */
  readonly default: unknown;
  readonly type: TypeConstraint;
  /** `nullable = false`: a null value given to it means its default. */
  readonly nonNullable?: boolean;
}

/** A `resource` block, its body still in the JSON form (strings are unevaluated templates). */
export interface ResourceDecl {
  readonly type: string;
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

export interface ModuleCallDecl {
  readonly name: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly location: SourceLocation;
}

/** A `provider` block: its local name (`aws`), alias (undefined for the default configuration) and body. */
export interface ProviderDecl {
  readonly name: string;
  readonly alias: string | undefined;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface ModuleConfig {
  /** Absolute directory of the module. */
  readonly dir: string;
  readonly variables: Map<string, VariableDecl>;
  readonly locals: Map<string, unknown>;
  readonly resources: ResourceDecl[];
  readonly moduleCalls: ModuleCallDecl[];
  readonly outputs: Map<string, unknown>;
  /** Provider configurations by key: `aws` for the default one, `aws.west` for `alias = "west"`. */
  readonly providers: Map<string, ProviderDecl>;
}

export function emptyConfig(dir: string): ModuleConfig {
  return { dir, variables: new Map(), locals: new Map(), resources: [], moduleCalls: [], outputs: new Map(), providers: new Map() };
}

function blocks(raw: unknown): Record<string, unknown>[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((b): b is Record<string, unknown> => typeof b === "object" && b !== null && !Array.isArray(b));
}

/** `a string`, `null`, `a list holding string, number`… for messages about a wrong shape. */
function describe(raw: unknown): string {
  if (raw === null) return "null";
  if (Array.isArray(raw)) return raw.length === 0 ? "an empty list" : `a list holding ${raw.map((x) => (x === null ? "null" : Array.isArray(x) ? "a list" : typeof x)).join(", ")}`;
  return `a ${typeof raw}`;
}

function entries(raw: unknown): [string, unknown][] {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw) ? Object.entries(raw as Record<string, unknown>).filter(([k]) => k !== "//") : [];
}

/** Where a block sits; `locate` gives the line of its header (or undefined). */
export type Locate = (kind: "resource" | "module", labels: readonly string[]) => SourceLocation;

/**
 * Adds the declarations of one file's JSON form (hcl2json output or Terraform JSON syntax, which
 * share a shape) to `config`. Duplicates are errors, as in Terraform.
 */
export function addFileToConfig(config: ModuleConfig, json: Record<string, unknown>, file: string, locate: Locate): void {
  const duplicate = (what: string, at: SourceLocation): never => {
    throw new UserError(`${what} is declared twice in ${config.dir}: Terraform refuses such a configuration`, [
      { file: at.file ?? file, line: at.line, column: at.column, message: `duplicate ${what}`, hint: "remove or rename one of the declarations" },
    ]);
  };
  for (const [name, raw] of entries(json["variable"])) {
    const body = blocks(raw)[0] ?? {};
    if (config.variables.has(name)) duplicate(`variable "${name}"`, { source: "hcl", file });
    config.variables.set(name, {
      name,
      hasDefault: Object.prototype.hasOwnProperty.call(body, "default"),
      default: body["default"],
      type: parseTypeConstraint(body["type"]),
      ...(body["nullable"] === false || body["nullable"] === "false" ? { nonNullable: true } : {}),
    });
  }
  for (const body of blocks(json["locals"])) {
    for (const [name, value] of entries(body)) {
      if (config.locals.has(name)) duplicate(`local value "${name}"`, { source: "hcl", file });
      config.locals.set(name, value);
    }
  }
  // Terraform's JSON syntax (.tf.json, cdk.tf.json) can hold shapes HCL cannot: refused, not skipped.
  const malformed = (what: string, at: SourceLocation): never => {
    const where = { file: at.file ?? file, line: at.line ?? 1, column: at.column ?? 1 };
    throw new UserError(`${where.file}:${where.line}:${where.column}: ${what}`, [
      { ...where, message: what, hint: "Terraform's JSON syntax nests resource blocks as \"resource\": {TYPE: {NAME: {…}}}" },
    ]);
  };
  /** The labelled entries of an object, or of an array of objects (JSON syntax allows both); anything else is refused. */
  const labelled = (raw: unknown, what: string): [string, unknown][] => {
    if (raw === undefined) return [];
    const objects = Array.isArray(raw) ? raw : [raw];
    if (objects.some((o) => typeof o !== "object" || o === null || Array.isArray(o))) malformed(`${what} is ${describe(raw)}, expected an object`, { source: "hcl", file });
    return objects.flatMap((o) => entries(o));
  };
  for (const [type, byName] of labelled(json["resource"], '"resource"')) {
    for (const [name, raw] of labelled(byName, `"resource"."${type}"`)) {
      const location = locate("resource", [type, name]);
      if (config.resources.some((r) => r.type === type && r.name === name)) duplicate(`resource ${type}.${name}`, location);
      const body = blocks(raw)[0] ?? malformed(`resource ${type}.${name} is ${describe(raw)}, expected a block (an object)`, location);
      config.resources.push({ type, name, body, location });
    }
  }
  for (const [name, raw] of labelled(json["module"], '"module"')) {
    const location = locate("module", [name]);
    if (config.moduleCalls.some((m) => m.name === name)) duplicate(`module "${name}"`, location);
    const body = blocks(raw)[0] ?? malformed(`module "${name}" is ${describe(raw)}, expected a block (an object)`, location);
    config.moduleCalls.push({ name, body, location });
  }
  for (const [name, raw] of entries(json["provider"])) {
    // `provider "aws" { … }` blocks may repeat with different aliases: hcl2json gives a list of bodies.
    for (const body of blocks(raw)) {
      const aliasRaw = body["alias"];
      const alias = typeof aliasRaw === "string" && aliasRaw !== "" ? aliasRaw : undefined;
      config.providers.set(alias === undefined ? name : `${name}.${alias}`, { name, alias, body });
    }
  }
  for (const [name, raw] of entries(json["output"])) {
    config.outputs.set(name, (blocks(raw)[0] ?? {})["value"]);
  }
}
