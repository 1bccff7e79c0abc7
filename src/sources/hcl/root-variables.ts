// The root module's variable values: TF_VAR_* from the environment, terraform.tfvars, *.auto.tfvars (lexical order), --var-file files, then --var.
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UserError } from "../../errors.js";
import { TERRAFORM_FILE_CAP, readRegularFile } from "../regular-file.js";
import type { ModuleConfig } from "./config.js";
import { evaluateNode } from "./evaluate.js";
import { ExpressionSyntaxError, parseExpression } from "./expression.js";
import { literalValue } from "./module-eval.js";
import { HclSyntaxError, parseHcl } from "./parse-file.js";
import { displayPath, parseJsonText } from "./read-module.js";
import { convertToType, isComplexType } from "./type-constraint.js";
import { TfUnknown } from "../terraform/types.js";
import { EvalFailure, type V } from "./values.js";

export interface RootVariableOptions {
  readonly cwd: string;
  /** `--var-file` paths (relative to cwd), applied in order after the automatic files. */
  readonly varFiles: readonly string[];
  /** `--var name=value` assignments, applied last. */
  readonly vars: Readonly<Record<string, string>>;
  /** `TF_VAR_name` values, applied first (any file or flag wins over them). */
  readonly env?: NodeJS.ProcessEnv;
}

async function readVarFile(file: string, cwd: string): Promise<Record<string, unknown>> {
  const display = displayPath(cwd, file);
  const text = (
    await readRegularFile(file, display, TERRAFORM_FILE_CAP).catch((cause: unknown) => {
      if (cause instanceof UserError) throw cause;
      throw new UserError(`cannot read the variables file ${display}`, [{ file: display, message: "no such file or not readable", hint: "check the --var-file path" }], { cause });
    })
  ).toString("utf8");
  if (file.endsWith(".json")) return parseJsonText(text, display, "a variables file");
  try {
    return await parseHcl(text, display);
  } catch (error) {
    if (error instanceof HclSyntaxError) throw new UserError(`${display} has a syntax error; nothing was checked`, error.problems);
    throw error;
  }
}

/** A `--var` value: a plain string, or for list/map/object types an HCL literal as Terraform reads it. */
function cliValue(name: string, raw: string, config: ModuleConfig, from = "--var"): V {
  const decl = config.variables.get(name);
  if (!decl || !isComplexType(decl.type)) return raw;
  try {
    const node = parseExpression(raw);
    const value = evaluateNode(node, raw, {
      root: () => new TfUnknown(`${from} ${name} must be a literal value`),
      deref: (ref) => new TfUnknown(`${from} ${name} refers to ${ref.address}`),
    });
    // Terraform takes no variables or references in a value given on the command line or the environment.
    if (value instanceof TfUnknown) throw new ExpressionSyntaxError(value.reason, 0);
    return value;
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    const example = from === "--var" ? `--var '${name}=["a","b"]'` : `${from}='["a","b"]'`;
    const given = from === "--var" ? `--var ${name}=${raw}` : `${from}=${raw}`;
    throw new UserError(`${given} is not a valid value for its type`, [{ file: from, message: error.message, hint: `write it in HCL syntax, e.g. ${example}` }]);
  }
}

/**
 * Collects the root module's variable values in Terraform's order of precedence (later wins):
 * TF_VAR_* environment variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical order, the --var-file
 * files in order, then --var. Values for undeclared variables are noted and dropped.
 */
export async function rootVariableValues(config: ModuleConfig, options: RootVariableOptions, notes: string[]): Promise<Map<string, V>> {
  const names = await readdir(config.dir).catch(() => [] as string[]);
  const automatic = [
    ...names.filter((n) => n === "terraform.tfvars"),
    ...names.filter((n) => n === "terraform.tfvars.json"),
    ...names.filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")).sort(),
  ].map((n) => join(config.dir, n));
  const files = [...automatic, ...options.varFiles.map((f) => resolve(options.cwd, f))];
  const parsed = await Promise.all(files.map((f) => readVarFile(f, options.cwd)));
  const values = new Map<string, V>();
  const undeclared = new Set<string>();
  // Like Terraform, TF_VAR_ values for variables the configuration does not declare are ignored silently.
  for (const [key, raw] of Object.entries(options.env ?? {})) {
    const name = key.startsWith("TF_VAR_") ? key.slice("TF_VAR_".length) : undefined;
    if (name !== undefined && raw !== undefined && config.variables.has(name)) values.set(name, cliValue(name, raw, config, `TF_VAR_${name}`));
  }
  parsed.forEach((json) => {
    for (const [name, raw] of Object.entries(json)) {
      if (name === "//") continue;
      if (!config.variables.has(name)) undeclared.add(name);
      else values.set(name, literalValue(raw));
    }
  });
  for (const [name, raw] of Object.entries(options.vars)) {
    if (!config.variables.has(name)) undeclared.add(name);
    else values.set(name, cliValue(name, raw, config));
  }
  // Terraform refuses a literal that does not fit the variable's type; so does haspec (an expression is left to evaluation).
  for (const [name, value] of values) {
    if (containsExpression(value)) continue;
    const decl = config.variables.get(name)!;
    const converted = convertToType(value, decl.type, `var.${name}`);
    if (converted instanceof EvalFailure) {
      throw new UserError(`the value given for var.${name} does not fit its type: ${converted.reason}`, [
        { file: "variables", message: converted.reason, hint: `give var.${name} a value of the type it declares (TF_VAR_${name}, a .tfvars file or --var ${name}=…)` },
      ]);
    }
  }
  if (undeclared.size > 0) {
    notes.push(`values were given for variables the configuration does not declare (ignored): ${[...undeclared].sort().join(", ")}`);
  }
  return values;
}

/** Whether a value read from a variables file still holds an unevaluated expression (`"${3 + 4}"`) or an unknown. */
function containsExpression(v: V): boolean {
  if (v instanceof TfUnknown) return true;
  if (typeof v === "string") return v.includes("${");
  if (Array.isArray(v)) return (v as readonly V[]).some(containsExpression);
  if (v !== null && typeof v === "object") return Object.values(v as Record<string, V>).some(containsExpression);
  return false;
}
