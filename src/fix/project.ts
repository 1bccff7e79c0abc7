// Writes a fix to disk: DIR/cdktf (a CDKTF project), DIR/hcl/main.tf, DIR/sql/*.sql and DIR/README.md.
import { constants } from "node:fs";
import { lstat, mkdir, open, readdir, readFile, readlink, rm, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { UserError } from "../errors.js";
import { VERSION } from "../version.js";
import type { CheckedAppFix } from "./app-check.js";
import type { FixPlan } from "./plan.js";
import { renderCdktf } from "./render-cdktf.js";
import { renderHcl } from "./render-hcl.js";
import { fixReadme } from "./readme.js";
import { tfPatch } from "./tf-patch.js";
import { commentText } from "./escape.js";

export type FixFormat = "cdktf" | "hcl" | "both";

/** Versions the emitted project pins: the ones haspec's own tests synthesize with. */
const CDKTF_PACKAGES = { cdktf: "^0.21.0", constructs: "^10.4.2", "@cdktf/provider-aws": "^21.22.1" } as const;

/** A file name made of an identifier from outside: letters, digits, `.`, `_` and `-` only. */
function safeFileName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_") || "_";
}

export interface WriteOptions {
  readonly outDir: string;
  readonly format: FixFormat;
  /** Lines for the generated files' header comments (tool, policy, inputs). */
  readonly header: readonly string[];
  readonly policyNames: readonly string[];
  readonly inputs: readonly string[];
  /** Where relative input paths (the `.tf` files a patch changes) resolve from. */
  readonly cwd: string;
  /** Staged procedures (scale-up.ts): their files by path, and each one's folder and title for the README. */
  readonly procedures?: { readonly files: Readonly<Record<string, string>>; readonly list: readonly { readonly dir: string; readonly resource: string; readonly title: string }[] };
  /** Applications' fixes (app-config.ts): a patch each, re-checked. */
  readonly apps?: readonly CheckedAppFix[];
}

function cdktfProjectFiles(main: string): Record<string, string> {
  const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
  return {
    "main.ts": main,
    "cdktf.json": json({ language: "typescript", app: "npx tsx main.ts", terraformProviders: [], terraformModules: [], sendCrashReports: "false", context: {} }),
    "package.json": json({
      name: "haspec-fix",
      private: true,
      type: "module",
      scripts: { synth: "tsx main.ts", typecheck: "tsc --noEmit" },
      dependencies: { ...CDKTF_PACKAGES },
      devDependencies: { tsx: "^4.20.0", typescript: "~5.9.2" },
    }),
    "tsconfig.json": json({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, noEmit: true, types: [] },
      include: ["main.ts"],
    }),
  };
}

/** Marks a directory haspec fix wrote, with the files it wrote there (removed before the next run writes). */
const MARKER = ".haspec-fix.json";

/** What to do instead, for every refusal below. */
const NOTHING_WRITTEN = "(nothing was written)";

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The first path from the root down to `path` (inclusive) that is a symbolic link to nothing, with its target. */
async function danglingLink(path: string): Promise<{ link: string; target: string } | undefined> {
  const parts = resolve(path).split(sep);
  for (let i = 2; i <= parts.length; i++) {
    const at = parts.slice(0, i).join(sep) || sep;
    const info = await lstat(at).catch(() => undefined);
    if (info === undefined) return undefined;
    if (!info.isSymbolicLink()) continue;
    if ((await stat(at).catch(() => undefined)) === undefined) return { link: at, target: await readlink(at).catch(() => "?") };
  }
  return undefined;
}

/** A file-system failure on `path` as the user's error: what went wrong, and a dangling link on the way named as the reason. */
async function cannotUse(outDir: string, path: string, error: unknown): Promise<UserError> {
  const dangling = await danglingLink(path);
  if (dangling !== undefined) {
    return new UserError(
      `cannot write the fix to ${outDir}: ${dangling.link} is a symbolic link to ${dangling.target}, which does not exist; create ${dangling.target} first, or give --out a path without the link ${NOTHING_WRITTEN}`,
      [],
      { cause: error },
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new UserError(`cannot write the fix to ${outDir}: ${reason}; give --out a directory you can write ${NOTHING_WRITTEN}`, [], { cause: error });
}

/**
 * Refuses when a path haspec fix writes or removes inside `outDir` (a file, or a directory on the way to
 * one) is a symbolic link: following it would write or delete outside the fix directory. `outDir` itself
 * is the user's choice and may be a link to a directory.
 */
async function refuseLinks(outDir: string, paths: Iterable<string>): Promise<void> {
  const seen = new Set<string>();
  for (const relative of paths) {
    const parts = relative.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const sub = parts.slice(0, i).join("/");
      if (seen.has(sub)) continue;
      seen.add(sub);
      const at = join(outDir, sub);
      const info = await lstat(at).catch((error: unknown) => {
        if (codeOf(error) === "ENOENT") return undefined;
        throw error;
      });
      if (info === undefined) break;
      if (info.isSymbolicLink()) {
        const target = await readlink(at).catch(() => "?");
        throw new UserError(
          `${at} is a symbolic link (to ${target}); haspec fix writes only real files and directories inside --out and never follows a link there: remove the link (rm ${at}) or give --out a new directory ${NOTHING_WRITTEN}`,
        );
      }
      if (i < parts.length && !info.isDirectory()) {
        throw new UserError(`${at} is not a directory, but haspec fix writes ${join(outDir, relative)}: remove it or give --out a new directory ${NOTHING_WRITTEN}`);
      }
    }
  }
}

/**
 * Makes `outDir` ready for `files`: new, empty, or a directory an earlier `haspec fix` wrote (whose files
 * are removed, so nothing stale stays; what the user added there, such as node_modules, is kept). Any
 * other directory is refused: `--out .` must never overwrite a repository's README.md. Nothing is
 * removed until every path to write or remove is known to be no link.
 */
async function prepareOutDir(outDir: string, files: readonly string[]): Promise<void> {
  const entries = await readdir(outDir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" && (await danglingLink(outDir)) === undefined) return [] as string[];
    throw await cannotUse(outDir, outDir, error);
  });
  if (entries.length === 0) return refuseLinks(outDir, [...files, MARKER]);
  if (!entries.includes(MARKER)) {
    throw new UserError(`${outDir} is not empty and was not written by haspec fix: give --out a new or empty directory ${NOTHING_WRITTEN}`);
  }
  await refuseLinks(outDir, [MARKER]);
  let previous: { files?: unknown };
  try {
    previous = JSON.parse(await readFile(join(outDir, MARKER), "utf8")) as { files?: unknown };
  } catch (cause) {
    throw new UserError(`${join(outDir, MARKER)} is not readable JSON: remove it, or give --out a new directory ${NOTHING_WRITTEN}`, [], { cause });
  }
  const old = Array.isArray(previous.files) ? previous.files.filter((f): f is string => typeof f === "string" && !f.split(/[\\/]/).includes("..")) : [];
  await refuseLinks(outDir, [...old, ...files]);
  await Promise.all(old.map((f) => rm(join(outDir, f), { force: true })));
}

/** Writes `text` to `path`, refusing to follow a link put there since the check (O_NOFOLLOW). */
async function writeNoFollow(path: string, text: string): Promise<void> {
  const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

/** Writes the fix; returns the files written, relative to `outDir`. */
export async function writeFix(plan: FixPlan, options: WriteOptions): Promise<string[]> {
  const files: Record<string, string> = {};
  if (plan.blocks.length > 0) {
    if (options.format !== "hcl") {
      for (const [name, text] of Object.entries(cdktfProjectFiles(renderCdktf(plan.blocks, options.header)))) files[`cdktf/${name}`] = text;
    }
    if (options.format !== "cdktf") files["hcl/main.tf"] = renderHcl(plan.blocks, options.header);
  }
  const patch = await tfPatch(plan.blocks, options.cwd, options.inputs);
  if (patch.diff !== "") files["tf.patch"] = patch.diff;
  for (const step of plan.sql) {
    const name = `sql/${step.file}`;
    const head = `-- ${commentText(`${step.rule} on ${JSON.stringify(step.resource)}`)}: run on the writer (cluster endpoint) as the master user\n`;
    files[name] = (files[name] ?? head) + `${step.statement}\n`;
  }
  Object.assign(files, options.procedures?.files ?? {});
  for (const app of options.apps ?? []) if (app.patch !== "") files[`apps/${safeFileName(app.app)}.patch`] = app.patch;
  files["README.md"] = fixReadme(plan, { ...options, files: Object.keys(files), version: VERSION, patchSkipped: patch.skipped, patchUnpatched: patch.unpatched, procedures: options.procedures?.list ?? [], apps: options.apps ?? [] });
  const written = Object.keys(files).sort();
  files[MARKER] = `${JSON.stringify({ tool: "haspec", version: VERSION, files: written }, null, 2)}\n`;
  const { outDir } = options;
  await prepareOutDir(outDir, written);
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDir, name);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeNoFollow(path, text);
    } catch (error) {
      if (codeOf(error) === "ELOOP") {
        throw new UserError(`${path} became a symbolic link while haspec fix was writing: remove the link and run again; the files before it were written`, [], { cause: error });
      }
      throw await cannotUse(outDir, path, error);
    }
  }
  return written;
}
