// Reads a module directory's .tf / .tf.json files (parsed once each, in parallel) into a ModuleConfig, and its local child modules.
import { readdir } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { type Problem, UserError } from "../../errors.js";
import { parseJsonText as parseJson } from "../json-file.js";
import { readRegularFile, TERRAFORM_FILE_CAP } from "../regular-file.js";
import { type ModuleConfig, addFileToConfig, emptyConfig } from "./config.js";
import { locateBlocks, locateJsonResource } from "./locate.js";
import { installedFor, isLocalSource, type InstalledModules } from "./installed-modules.js";
import { HclSyntaxError, parseHcl } from "./parse-file.js";

/** How deep local module calls are followed (root = 0). */
export const MAX_MODULE_DEPTH = 8;

/** A path as reports show it: relative to the working directory, with forward slashes. */
export function displayPath(cwd: string, file: string): string {
  const r = relative(cwd, file);
  return (r === "" ? basename(file) : r).split("\\").join("/");
}

function isOverride(name: string): boolean {
  return /^override\.tf(\.json)?$/.test(name) || /_override\.tf(\.json)?$/.test(name);
}

/** Parses a JSON file whose top level must be an object, or throws a UserError at the first bad character. */
export function parseJsonText(text: string, display: string, what: string): Record<string, unknown> {
  const v = parseJson(text, display, `fix the JSON there: haspec reads this file as ${what}`).doc;
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new UserError(`${display} is not ${what}: its top level is not an object`, [{ file: display, line: 1, column: 1, message: "expected a JSON object" }]);
  }
  return v as Record<string, unknown>;
}

interface ParsedFile {
  readonly file: string;
  readonly display: string;
  readonly text: string;
  readonly json: Record<string, unknown>;
}

/** Parses files in parallel (hcl2json is fastest when calls overlap); every syntax error of every file is collected. */
async function parseFiles(files: readonly string[], cwd: string): Promise<ParsedFile[]> {
  const problems: Problem[] = [];
  const results = await Promise.all(
    files.map(async (file): Promise<ParsedFile | undefined> => {
      const display = displayPath(cwd, file);
      // A regular file under the cap only: a FIFO named as the input would block, a huge file exhaust memory.
      const text = (
        await readRegularFile(file, display, TERRAFORM_FILE_CAP).catch((cause: unknown) => {
          if (cause instanceof UserError) throw cause;
          throw new UserError(`cannot read ${display}`, [{ file: display, message: "not readable" }], { cause });
        })
      ).toString("utf8");
      try {
        const json = file.endsWith(".json") ? parseJsonText(text, display, "Terraform JSON") : await parseHcl(text, display);
        return { file, display, text, json };
      } catch (error) {
        if (error instanceof HclSyntaxError) {
          problems.push(...error.problems);
          return undefined;
        }
        if (error instanceof UserError) {
          problems.push(...error.problems);
          return undefined;
        }
        throw error;
      }
    }),
  );
  if (problems.length > 0) {
    throw new UserError(`the Terraform configuration has ${problems.length === 1 ? "a syntax error" : `${problems.length} syntax errors`}; nothing was checked`, problems);
  }
  return results as ParsedFile[];
}

/** Shallow-merges override files into the blocks they override, as Terraform does. */
function applyOverride(config: ModuleConfig, json: Record<string, unknown>): void {
  const resources = json["resource"];
  if (typeof resources !== "object" || resources === null) return;
  for (const [type, byName] of Object.entries(resources as Record<string, unknown>)) {
    for (const [name, raw] of Object.entries((byName ?? {}) as Record<string, unknown>)) {
      const body = (Array.isArray(raw) ? raw[0] : raw) as Record<string, unknown> | undefined;
      const i = config.resources.findIndex((r) => r.type === type && r.name === name);
      if (i >= 0 && body) config.resources[i] = { ...config.resources[i]!, body: { ...config.resources[i]!.body, ...body } };
    }
  }
}

/**
 * Reads one module: every *.tf and *.tf.json in `dir` (or only `onlyFile`), override files last.
 */
export async function readModuleConfig(dir: string, cwd: string, onlyFile?: string): Promise<ModuleConfig> {
  let names: string[];
  if (onlyFile) names = [basename(onlyFile)];
  else {
    const entries = await readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
      throw new UserError(`cannot read directory ${displayPath(cwd, dir)}`, [{ file: displayPath(cwd, dir), message: "not readable" }], { cause });
    });
    names = entries.filter((e) => e.isFile() && (e.name.endsWith(".tf") || e.name.endsWith(".tf.json"))).map((e) => e.name);
  }
  names.sort();
  const files = names.map((n) => join(dir, n));
  const parsed = await parseFiles(files, cwd);
  const config = emptyConfig(dir);
  const overrides: ParsedFile[] = [];
  for (const p of parsed) {
    if (isOverride(basename(p.file))) {
      overrides.push(p);
      continue;
    }
    const lines = p.file.endsWith(".json") ? undefined : locateBlocks(p.text);
    const isJson = p.file.endsWith(".json");
    addFileToConfig(config, p.json, p.display, (kind, labels) => {
      // .tf.json: the line of the resource's key in the JSON (module calls keep the file only).
      const line = isJson
        ? kind === "resource"
          ? locateJsonResource(p.text, labels[0]!, labels[1]!)
          : undefined
        : lines?.get(kind === "module" ? `module\0${labels[0]}` : `resource\0${labels[0]}\0${labels[1]}`);
      return line === undefined ? { source: "hcl", file: p.display } : { source: "hcl", file: p.display, line, column: 1 };
    });
  }
  for (const o of overrides) applyOverride(config, o.json);
  return config;
}

/** What loading a root's module tree gives: modules by absolute directory, and the installed copy (or why none) of each non-local call by key. */
export interface LoadedModules {
  readonly modules: Map<string, ModuleConfig | string>;
  /** Non-local module calls by call path (`aurora`, `aurora.child`): the installed copy's directory, or why it is not read. */
  readonly installed: Map<string, { readonly dir: string } | string>;
}

/**
 * Loads the modules that `root` calls, and theirs, up to MAX_MODULE_DEPTH: local sources from their
 * directory, registry and git sources from the copy `terraform init` installed (`installed`, from
 * modules.json). A module that cannot be loaded is recorded with the reason (a string) so its calls
 * give unknown, not a crash; a syntax error in a module is the user's to fix, as with `terraform validate`.
 */
export async function loadModules(root: ModuleConfig, cwd: string, installed: InstalledModules): Promise<LoadedModules> {
  const modules = new Map<string, ModuleConfig | string>();
  const remote = new Map<string, { readonly dir: string } | string>();
  const load = async (dir: string): Promise<ModuleConfig | string> => {
    const known = modules.get(dir);
    if (known !== undefined) return known;
    const names = await readdir(dir).catch(() => undefined);
    const child = !names || !names.some((n) => n.endsWith(".tf") || n.endsWith(".tf.json")) ? `${displayPath(cwd, dir)} holds no .tf files` : await readModuleConfig(dir, cwd);
    modules.set(dir, child);
    return child;
  };
  const visit = async (config: ModuleConfig, depth: number, stack: readonly string[], path: readonly string[]): Promise<void> => {
    for (const call of config.moduleCalls) {
      const source = call.body["source"];
      if (typeof source !== "string") continue;
      const key = [...path, call.name].join(".");
      let dir: string;
      if (isLocalSource(source)) dir = resolve(config.dir, source);
      else {
        const found = installedFor(installed, key, source, call.body["version"]);
        if (typeof found === "string") {
          remote.set(key, found);
          continue;
        }
        dir = found.dir;
        remote.set(key, { dir });
      }
      if (stack.includes(dir)) {
        modules.set(dir, `${displayPath(cwd, dir)} calls itself`);
        continue;
      }
      if (depth + 1 > MAX_MODULE_DEPTH) {
        if (!modules.has(dir)) modules.set(dir, `modules nested deeper than ${MAX_MODULE_DEPTH} levels are not followed`);
        continue;
      }
      const child = await load(dir);
      if (typeof child !== "string") await visit(child, depth + 1, [...stack, dir], [...path, call.name]);
    }
  };
  await visit(root, 0, [root.dir], []);
  return { modules, installed: remote };
}
