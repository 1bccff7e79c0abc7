// `haspec fix`: judge the inputs like `check`, then write CDKTF and HCL that fix the failures, re-checked before writing.
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { evaluate } from "../engine/evaluate.js";
import { UserError } from "../errors.js";
import { readInputs, type LiveScanOptions, type SourceKind } from "../sources/index.js";
import { loadPolicy } from "../spec/load-policy.js";
import { parseNow, parseVars } from "./check.js";
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
  let policyFiles = options.policies;
  if (policyFiles.length === 0) {
    if (!existsSync(resolve(io.cwd, "haspec.yaml"))) throw new UserError("no policy given: pass --policy FILE (or -p), or create ./haspec.yaml with `haspec init`");
    policyFiles = ["haspec.yaml"];
  }
  const policies = await Promise.all(policyFiles.map((f) => loadPolicy(f)));
  const inventory = await readInputs(options.inputs, options.source, { cwd: io.cwd, varFiles: options.varFiles, vars: parseVars(options.vars), env: io.env, live: options.live });
  const evaluation = evaluate(policies, inventory, { now });
  const { writeFixProject } = await import("../fix/index.js");
  const outDir = resolve(io.cwd, options.out);
  const { plan, files } = await writeFixProject({ evaluation, inventory, policies, now, inputs: options.inputs, cwd: io.cwd }, { outDir, format: options.format });
  if (!options.quiet) {
    const shownDir = relative(io.cwd, outDir) || ".";
    const fixed = plan.resources.reduce((n, r) => n + r.checked.filter((c) => c.fixed).length, 0);
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
