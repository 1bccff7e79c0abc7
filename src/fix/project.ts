// Writes a fix to disk: DIR/cdktf (a CDKTF project), DIR/hcl/main.tf, DIR/sql/*.sql and DIR/README.md.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "../errors.js";
import { VERSION } from "../version.js";
import type { FixPlan } from "./plan.js";
import { renderCdktf } from "./render-cdktf.js";
import { renderHcl } from "./render-hcl.js";
import { fixReadme } from "./readme.js";
import { tfPatch } from "./tf-patch.js";
import { commentText } from "./escape.js";

export type FixFormat = "cdktf" | "hcl" | "both";

/** Versions the emitted project pins: the ones haspec's own tests synthesize with. */
const CDKTF_PACKAGES = { cdktf: "^0.21.0", constructs: "^10.4.2", "@cdktf/provider-aws": "^21.22.1" } as const;

export interface WriteOptions {
  readonly outDir: string;
  readonly format: FixFormat;
  /** Lines for the generated files' header comments (tool, policy, inputs). */
  readonly header: readonly string[];
  readonly policyNames: readonly string[];
  readonly inputs: readonly string[];
  /** Where relative input paths (the `.tf` files a patch changes) resolve from. */
  readonly cwd: string;
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

/**
 * Makes `outDir` ready: new, empty, or a directory an earlier `haspec fix` wrote (whose files are
 * removed, so nothing stale stays; what the user added there, such as node_modules, is kept). Any
 * other directory is refused: `--out .` must never overwrite a repository's README.md.
 */
async function prepareOutDir(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw new UserError(`cannot use ${outDir} for the fix: ${error.message}`, [], { cause: error });
  });
  if (entries.length === 0) return;
  if (!entries.includes(MARKER)) {
    throw new UserError(`${outDir} is not empty and was not written by haspec fix: give --out a new or empty directory (nothing was written)`);
  }
  let previous: { files?: unknown };
  try {
    previous = JSON.parse(await readFile(join(outDir, MARKER), "utf8")) as { files?: unknown };
  } catch (cause) {
    throw new UserError(`${join(outDir, MARKER)} is not readable JSON: remove it, or give --out a new directory (nothing was written)`, [], { cause });
  }
  const files = Array.isArray(previous.files) ? previous.files.filter((f): f is string => typeof f === "string" && !f.includes("..")) : [];
  await Promise.all(files.map((f) => rm(join(outDir, f), { force: true })));
}

/** Writes the fix; returns the files written, relative to `outDir`. */
export async function writeFix(plan: FixPlan, options: WriteOptions): Promise<string[]> {
  await prepareOutDir(options.outDir);
  const files: Record<string, string> = {};
  if (plan.blocks.length > 0) {
    if (options.format !== "hcl") {
      for (const [name, text] of Object.entries(cdktfProjectFiles(renderCdktf(plan.blocks, options.header)))) files[`cdktf/${name}`] = text;
    }
    if (options.format !== "cdktf") files["hcl/main.tf"] = renderHcl(plan.blocks, options.header);
  }
  const patch = await tfPatch(plan.blocks, options.cwd);
  if (patch.diff !== "") files["tf.patch"] = patch.diff;
  for (const step of plan.sql) {
    const name = `sql/${step.file}`;
    const head = `-- ${commentText(`${step.rule} on ${JSON.stringify(step.resource)}`)}: run on the writer (cluster endpoint) as the master user\n`;
    files[name] = (files[name] ?? head) + `${step.statement}\n`;
  }
  files["README.md"] = fixReadme(plan, { ...options, files: Object.keys(files), version: VERSION, patchSkipped: patch.skipped });
  for (const [name, text] of Object.entries(files)) {
    const path = join(options.outDir, name);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, text);
  }
  const written = Object.keys(files).sort();
  await writeFile(join(options.outDir, MARKER), `${JSON.stringify({ tool: "haspec", version: VERSION, files: written }, null, 2)}\n`);
  return written;
}
