// What the interactive UI's `f` key and result screen call: `haspec fix` for one resource or all, loaded on first use.
import { relative, resolve } from "node:path";
import type { Evaluation } from "../engine/result.js";
import type { Inventory } from "../model/inventory.js";
import type { Policy } from "../spec/policy.js";
import type { FixActions } from "../tui/types.js";

export interface Judged {
  readonly evaluation: Evaluation;
  readonly inventory: Inventory;
  readonly policies: readonly Policy[];
  readonly now: Date;
}

export function fixActions(judged: Promise<Judged>, inputs: readonly string[], cwd: string): FixActions {
  const context = async () => ({ ...(await judged), inputs, cwd });
  return {
    async snippets(resourceAddress) {
      const { snippetsFor } = await import("../fix/index.js");
      return snippetsFor(await context(), resourceAddress);
    },
    async write(resourceAddresses, outDir) {
      const { fixedCount, writeFixProject } = await import("../fix/index.js");
      const dir = resolve(cwd, outDir);
      const only = resourceAddresses === "all" ? undefined : new Set(resourceAddresses);
      const { plan, files } = await writeFixProject(await context(), { outDir: dir, format: "both", ...(only ? { only } : {}) });
      const fixed = fixedCount(plan);
      const shown = relative(cwd, dir) || ".";
      return `wrote ${files.length} files to ${shown}/: ${fixed} fixed in code, ${plan.manual.length} manual step${plan.manual.length === 1 ? "" : "s"} (see ${shown}/README.md)`;
    },
  };
}
