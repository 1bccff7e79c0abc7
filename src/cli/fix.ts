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
  const { plan, files, apps } = await writeFixProject(fixContext({ run, evaluation }), { outDir, format: options.format });
  const broken = plan.regressions.length;
  if (broken > 0) {
    // Loud even with -q, and exit 1: a fix that breaks a passing rule must not pass a script or a bot unnoticed.
    io.stderr.write(
      [
        `haspec fix: WARNING: the emitted configuration makes ${broken} rule${broken === 1 ? "" : "s"} that pass${broken === 1 ? "es" : ""} today fail: ${plan.regressions.map((r) => `${printable(r.resource)} · ${r.rule}`).join(", ")}.`,
        ...plan.regressions.map((r) => `  ${printable(r.resource)} · ${r.rule}: after the fix ${printable(r.after)}`),
        `  The fix is written for review only: do not apply it as it is (see "Regressions" in ${printable(relative(io.cwd, outDir) || ".")}/README.md).`,
        "",
      ].join("\n"),
    );
  }
  if (!options.quiet) {
    const shownDir = printable(relative(io.cwd, outDir) || ".");
    const fixed = fixedCount(plan) + apps.reduce((n, a) => n + a.fixed.length, 0);
    const appManual = apps.reduce((n, a) => n + a.manual.length, 0);
    const failing = evaluation.summary.fail;
    io.stdout.write(
      [
        `haspec fix: ${failing} failing result${failing === 1 ? "" : "s"}; ${fixed} fixed in code (re-checked), ${plan.manual.length + appManual} manual step${plan.manual.length + appManual === 1 ? "" : "s"}, ${plan.sql.length} SQL statement${plan.sql.length === 1 ? "" : "s"}` +
          (broken > 0 ? `; ${broken} rule${broken === 1 ? "" : "s"} that pass${broken === 1 ? "es" : ""} today fail${broken === 1 ? "s" : ""} on it.` : "."),
        ...files.map((f) => `  wrote ${shownDir}/${printable(f)}`),
        `Read ${shownDir}/README.md before applying: it lists the order, the changes that restart a database and the manual steps.`,
        "",
      ].join("\n"),
    );
  }
  return broken > 0 ? EXIT.violations : EXIT.ok;
}
