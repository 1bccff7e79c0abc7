// The CDKTF source: reads synthesized stacks (cdktf.out/stacks/*/cdk.tf.json) into TfInput, then the inventory.
import { readdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { UserError } from "../../errors.js";
import { JSON_INPUT_CAP, readRegularFile } from "../regular-file.js";
import type { Inventory } from "../../model/inventory.js";
import type { SourceLocation } from "../../model/resource.js";
import { addFileToConfig, emptyConfig } from "../hcl/config.js";
import { locateJsonResource } from "../hcl/locate.js";
import { mergeInventories } from "../merge.js";
import { type EvalContext, ModuleEval } from "../hcl/module-eval.js";
import { readInstalledModules } from "../hcl/installed-modules.js";
import { displayPath, loadModules, parseJsonText } from "../hcl/read-module.js";
import { buildTerraformInventory } from "../terraform/build-inventory.js";
import type { TfInput, TfResource } from "../terraform/types.js";

export interface CdktfOptions {
  readonly cwd?: string;
}

const STACK_FILE = "cdk.tf.json";

async function isDir(p: string): Promise<boolean> {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}

/** The stack files of a `stacks/` directory: every `stacks/<name>/cdk.tf.json`, by stack name. */
async function stackFiles(stacksDir: string): Promise<string[]> {
  const names = (await readdir(stacksDir)).sort();
  const files: string[] = [];
  for (const n of names) {
    const f = join(stacksDir, n, STACK_FILE);
    if ((await stat(f).catch(() => undefined))?.isFile()) files.push(f);
  }
  return files;
}

/**
 * The cdk.tf.json files an input names: the file itself, a stack directory holding one, a
 * `cdktf.out` directory, a `stacks` directory, or a project directory holding `cdktf.out`.
 */
export async function findStackFiles(input: string, cwd: string): Promise<string[]> {
  const abs = resolve(cwd, input);
  const info = await stat(abs).catch((cause: unknown) => {
    throw new UserError(`cannot read input ${input}: it does not exist or is not readable`, [{ file: input, message: "no such file or directory" }], { cause });
  });
  if (!info.isDirectory()) return [abs];
  const names = await readdir(abs);
  if (names.includes(STACK_FILE)) return [join(abs, STACK_FILE)];
  let files: string[] = [];
  if (names.includes("cdktf.out") && (await isDir(join(abs, "cdktf.out", "stacks")))) files = await stackFiles(join(abs, "cdktf.out", "stacks"));
  else if (names.includes("stacks") && (await isDir(join(abs, "stacks")))) files = await stackFiles(join(abs, "stacks"));
  if (files.length === 0) {
    throw new UserError(`${input} holds no CDKTF synth output`, [
      { file: displayPath(cwd, abs), message: `no ${STACK_FILE}, cdktf.out/stacks/*/${STACK_FILE} or stacks/*/${STACK_FILE} found`, hint: "run cdktf synth first, or give the cdk.tf.json file" },
    ]);
  }
  return files;
}

/** The construct path CDKTF records in a resource's `//` metadata (`stack/db/cluster`). */
function constructPath(body: unknown): string | undefined {
  const meta = (body as { "//"?: { metadata?: { path?: unknown } } } | undefined)?.["//"]?.metadata?.path;
  return typeof meta === "string" ? meta : undefined;
}

/**
 * Reads one synthesized stack. Resource locations are `file#construct/path` with the line of the
 * resource's key in the JSON, so a finding names both the file and the construct that made it.
 */
export async function readCdktfStack(file: string, cwd: string): Promise<TfInput> {
  const display = displayPath(cwd, file);
  const text = (
    await readRegularFile(file, display, JSON_INPUT_CAP).catch((cause: unknown) => {
      if (cause instanceof UserError) throw cause;
      throw new UserError(`cannot read ${display}`, [{ file: display, message: "not readable" }], { cause });
    })
  ).toString("utf8");
  const json = parseJsonText(text, display, "CDKTF synth output (cdk.tf.json)");
  const dir = dirname(file);
  const config = emptyConfig(dir);
  const resources = (json["resource"] ?? {}) as Record<string, Record<string, unknown>>;
  addFileToConfig(config, json, display, (kind, labels): SourceLocation => {
    const body = kind === "resource" ? resources[labels[0]!]?.[labels[1]!] : undefined;
    const path = constructPath(Array.isArray(body) ? body[0] : body);
    const line = kind === "resource" ? locateJsonResource(text, labels[0]!, labels[1]!) : undefined;
    return { source: "cdktf", file: path ? `${display}#${path}` : display, ...(line !== undefined ? { line, column: 1 } : {}) };
  });
  const notes: string[] = [];
  // A stack directory `cdktf deploy` (terraform init) ran in holds the registry and git modules it installed.
  const { modules, installed } = await loadModules(config, cwd, await readInstalledModules(dir));
  const gaps: string[] = [];
  const ctx: EvalContext = { kind: "cdktf", cwd, rootDir: dir, modules, installed, notes, gaps, byPrefix: new Map(), regions: new Map<string, string>() };
  const root = new ModuleEval(ctx, config, "", new Map(), "it has no default; a CDKTF variable's value is given only when the stack is deployed");
  const out: TfResource[] = [];
  root.collect(out);
  return {
    kind: "cdktf",
    resources: out,
    notes: [...new Set(notes)],
    ...(gaps.length === 0 ? {} : { gaps: [...new Set(gaps)] }),
    sources: [{ kind: "cdktf", location: display }],
    providerRegions: ctx.regions,
  };
}

/** Reads every stack the inputs name, each to TfInput (stacks are separate Terraform roots). */
export async function readCdktfInputs(paths: readonly string[], options: CdktfOptions = {}): Promise<TfInput[]> {
  const cwd = options.cwd ?? process.cwd();
  const out: TfInput[] = [];
  for (const p of paths) {
    for (const f of await findStackFiles(p, cwd)) out.push(await readCdktfStack(f, cwd));
  }
  return out;
}

/** The `cdktf` source: the inventory of every stack given. */
export async function readCdktf(paths: readonly string[], options: CdktfOptions = {}): Promise<Inventory> {
  const inputs = await readCdktfInputs(paths, options);
  return mergeInventories(inputs.map((i) => buildTerraformInventory(i)));
}
