// The `.tf` source: reads Terraform configuration directories (or single .tf files) into TfInput, then the inventory.
import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UserError } from "../../errors.js";
import type { Inventory } from "../../model/inventory.js";
import { buildTerraformInventory } from "../terraform/build-inventory.js";
import type { TfInput, TfResource } from "../terraform/types.js";
import { mergeInventories } from "../merge.js";
import { type EvalContext, ModuleEval } from "./module-eval.js";
import { readInstalledModules } from "./installed-modules.js";
import { displayPath, loadModules, readModuleConfig } from "./read-module.js";
import { rootVariableValues } from "./root-variables.js";

export type { ModuleCallDecl, ModuleConfig, ResourceDecl } from "./config.js";
/** Where `terraform init` installed registry and git modules, for the `.tf` patch of `haspec fix` (never edits them). */
export { installedFor, isLocalSource, readInstalledModules } from "./installed-modules.js";

/** One module directory's declarations as written (module calls, variables, resource bodies), for the `.tf` patch of `haspec fix`. */
export function readModuleDeclarations(dir: string, cwd: string): ReturnType<typeof readModuleConfig> {
  return readModuleConfig(dir, cwd);
}

export interface HclOptions {
  readonly cwd?: string;
  /** `--var-file` files, in order, after terraform.tfvars and *.auto.tfvars. */
  readonly varFiles?: readonly string[];
  /** `--var name=value` assignments (win over every file). */
  readonly vars?: Readonly<Record<string, string>>;
  /** The environment: `TF_VAR_name` sets a root variable, below every file and flag (Terraform's order). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Reads one root module: a directory (every .tf / .tf.json in it) or a single .tf file (that file
 * alone, with its directory's automatic tfvars). Local child modules are followed.
 */
export async function readHclRoot(input: string, options: HclOptions = {}): Promise<TfInput> {
  const cwd = options.cwd ?? process.cwd();
  const abs = resolve(cwd, input);
  const info = await stat(abs).catch((cause: unknown) => {
    throw new UserError(`cannot read input ${input}: it does not exist or is not readable`, [{ file: input, message: "no such file or directory" }], { cause });
  });
  const dir = info.isDirectory() ? abs : dirname(abs);
  const config = await readModuleConfig(dir, cwd, info.isDirectory() ? undefined : abs);
  const notes: string[] = [];
  if (config.resources.length === 0 && config.moduleCalls.length === 0 && info.isDirectory()) {
    notes.push(`${displayPath(cwd, abs)} declares no resources or modules`);
  }
  const [{ modules, installed }, inputs] = await Promise.all([
    readInstalledModules(dir, options.env ?? {}).then((found) => loadModules(config, cwd, found)),
    rootVariableValues(config, { cwd, varFiles: options.varFiles ?? [], vars: options.vars ?? {}, env: options.env ?? {} }, notes),
  ]);
  const gaps: string[] = [];
  const ctx: EvalContext = { kind: "hcl", cwd, rootDir: dir, modules, installed, notes, gaps, byPrefix: new Map(), regions: new Map<string, string>() };
  const root = new ModuleEval(
    ctx,
    config,
    "",
    inputs,
    "it has no default and is not set in TF_VAR_*, terraform.tfvars, *.auto.tfvars, --var-file or --var",
  );
  const resources: TfResource[] = [];
  root.collect(resources);
  return {
    kind: "hcl",
    resources,
    notes: [...new Set(notes)],
    ...(gaps.length === 0 ? {} : { gaps: [...new Set(gaps)] }),
    sources: [{ kind: "hcl", location: displayPath(cwd, abs) }],
    providerRegions: ctx.regions,
  };
}

/** Reads every input as its own root module (their addresses may repeat), each to TfInput. */
export async function readHclInputs(paths: readonly string[], options: HclOptions = {}): Promise<TfInput[]> {
  const out: TfInput[] = [];
  for (const p of paths) out.push(await readHclRoot(p, options));
  return out;
}

/** The `hcl` source: the inventory of every root module given. */
export async function readHcl(paths: readonly string[], options: HclOptions = {}): Promise<Inventory> {
  const inputs = await readHclInputs(paths, options);
  return mergeInventories(inputs.map((i) => buildTerraformInventory(i)));
}
