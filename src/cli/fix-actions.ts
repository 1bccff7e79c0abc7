// What the interactive UI's `f` key and result screen call: `haspec fix` for one resource or all, loaded on first use.
import { relative, resolve } from "node:path";
import type { Evaluation } from "../engine/result.js";
import type { FixContext } from "../fix/index.js";
import type { Run } from "../run/session.js";
import type { FixActions } from "../tui/types.js";
import { printable } from "../report/outside-text.js";

/** A run and its evaluation: what the fixer works from. */
export interface Judged {
  readonly run: Run;
  readonly evaluation: Evaluation;
}

/** What the fixer needs of a judged run. */
export function fixContext({ run, evaluation }: Judged): FixContext {
  return { evaluation, inventory: run.inventory, policies: run.policies, now: run.now, inputs: run.inputs, cwd: run.cwd };
}

export function fixActions(judged: Promise<Judged>): FixActions {
  const context = async () => fixContext(await judged);
  return {
    async snippets(resourceAddress) {
      const { snippetsFor } = await import("../fix/index.js");
      return snippetsFor(await context(), resourceAddress);
    },
    async write(resourceAddresses, outDir) {
      const { fixedCount, writeFixProject } = await import("../fix/index.js");
      const { cwd } = (await judged).run;
      const dir = resolve(cwd, outDir);
      const only = resourceAddresses === "all" ? undefined : new Set(resourceAddresses);
      const { plan, files } = await writeFixProject(await context(), { outDir: dir, format: "both", ...(only ? { only } : {}) });
      const fixed = fixedCount(plan);
      const shown = printable(relative(cwd, dir) || ".");
      const broken = plan.regressions.length;
      const warning = broken > 0 ? `WARNING: it breaks ${broken} rule${broken === 1 ? "" : "s"} that pass${broken === 1 ? "es" : ""} today (${plan.regressions.map((r) => `${printable(r.resource)} ${r.rule}`).join(", ")}): do not apply it as it is; ` : "";
      return `${warning}wrote ${files.length} files to ${shown}/: ${fixed} fixed in code, ${plan.manual.length} manual step${plan.manual.length === 1 ? "" : "s"} (see ${shown}/README.md)`;
    },
  };
}
