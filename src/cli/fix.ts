// `haspec fix`: opens a run like `check`, then writes CDKTF and HCL that fix the failures, re-checked before writing.
import { relative, resolve } from "node:path";
import type { FixFormat } from "../fix/index.js";
import { EXIT } from "../run/exit-code.js";
import { openRun, type RunOptions } from "../run/session.js";
import { fixContext } from "./fix-actions.js";
import type { Io } from "./io.js";
import { printable } from "../report/outside-text.js";

export interface FixOptions extends RunOptions {
  readonly out: string;
  readonly format: FixFormat;
  readonly quiet: boolean;
}

export async function runFix(options: FixOptions, io: Io): Promise<number> {
  const run = await openRun(options, io);
  const evaluation = run.evaluate();
  const { fixedCount, writeFixProject } = await import("../fix/index.js");
  const outDir = resolve(io.cwd, options.out);
  const { plan, files } = await writeFixProject(fixContext({ run, evaluation }), { outDir, format: options.format });
  if (!options.quiet) {
    const shownDir = printable(relative(io.cwd, outDir) || ".");
    const fixed = fixedCount(plan);
    const failing = evaluation.summary.fail;
    io.stdout.write(
      [
        `haspec fix: ${failing} failing result${failing === 1 ? "" : "s"}; ${fixed} fixed in code (re-checked), ${plan.manual.length} manual step${plan.manual.length === 1 ? "" : "s"}, ${plan.sql.length} SQL statement${plan.sql.length === 1 ? "" : "s"}.`,
        ...files.map((f) => `  wrote ${shownDir}/${printable(f)}`),
        `Read ${shownDir}/README.md before applying: it lists the order, the changes that restart a database and the manual steps.`,
        "",
      ].join("\n"),
    );
  }
  return EXIT.ok;
}
