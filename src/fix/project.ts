// Writes a fix to disk: DIR/cdktf (a CDKTF project), DIR/hcl/main.tf, DIR/sql/*.sql and DIR/README.md.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { VERSION } from "../version.js";
import { sqlFileName } from "./fixers.js";
import type { FixPlan } from "./plan.js";
import { renderCdktf } from "./render-cdktf.js";
import { renderHcl } from "./render-hcl.js";
import { fixReadme } from "./readme.js";
import { tfPatch } from "./tf-patch.js";

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

/** Writes the fix; returns the files written, relative to `outDir`. */
export async function writeFix(plan: FixPlan, options: WriteOptions): Promise<string[]> {
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
    const name = `sql/${sqlFileName(step.resource)}`;
    const head = `-- ${step.rule} on ${JSON.stringify(step.resource).replace(/[\r\n\u2028\u2029]/g, " ")}: run on the writer (cluster endpoint) as the master user\n`;
    files[name] = (files[name] ?? head) + `${step.statement}\n`;
  }
  files["README.md"] = fixReadme(plan, { ...options, files: Object.keys(files), version: VERSION, patchSkipped: patch.skipped });
  for (const [name, text] of Object.entries(files)) {
    const path = join(options.outDir, name);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, text);
  }
  return Object.keys(files).sort();
}
