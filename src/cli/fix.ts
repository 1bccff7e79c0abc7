// `haspec fix`: judge the inputs like `check`, then write CDKTF and HCL that fix the failures, re-checked before writing.
import { relative, resolve } from "node:path";
import { evaluate } from "../engine/evaluate.js";
import { readInputs, type LiveScanOptions, type SourceKind } from "../sources/index.js";
import { loadPolicy } from "../spec/load-policy.js";
import { parseNow, policyFilesOf, sourceOptions } from "./check.js";
import { EXIT, type Io } from "./main.js";

export interface FixOptions {
  readonly inputs: readonly string[];
  readonly policies: readonly string[];
  readonly source?: SourceKind;
  readonly out: string;
  readonly format: "cdktf" | "hcl" | "both";
  readonly now?: string;
  readonly quiet: boolean;
  readonly varFiles: readonly string[];
  readonly vars: readonly string[];
  readonly live: LiveScanOptions;
}

export async function runFix(options: FixOptions, io: Io): Promise<number> {
  const now = parseNow(options.now, io);
  const policies = await Promise.all(policyFilesOf(options.policies, io).map((f) => loadPolicy(f)));
  const inventory = await readInputs(options.inputs, options.source, sourceOptions(options, io, options.live));
  const evaluation = evaluate(policies, inventory, { now });
  const { fixedCount, writeFixProject } = await import("../fix/index.js");
  const outDir = resolve(io.cwd, options.out);
  const { plan, files } = await writeFixProject({ evaluation, inventory, policies, now, inputs: options.inputs, cwd: io.cwd }, { outDir, format: options.format });
  if (!options.quiet) {
    const shownDir = relative(io.cwd, outDir) || ".";
    const fixed = fixedCount(plan);
    const failing = evaluation.summary.fail;
    io.stdout.write(
      [
        `haspec fix: ${failing} failing result${failing === 1 ? "" : "s"}; ${fixed} fixed in code (re-checked), ${plan.manual.length} manual step${plan.manual.length === 1 ? "" : "s"}, ${plan.sql.length} SQL statement${plan.sql.length === 1 ? "" : "s"}.`,
        ...files.map((f) => `  wrote ${shownDir}/${f}`),
        `Read ${shownDir}/README.md before applying: it lists the order, the changes that restart a database and the manual steps.`,
        "",
      ].join("\n"),
    );
  }
  return EXIT.ok;
}
