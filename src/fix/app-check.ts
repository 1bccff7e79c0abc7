// Re-checks the fix of an application: its files with the patch applied, read again in a scratch copy and judged by the same policies.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { evaluate } from "../engine/evaluate.js";
import type { Result } from "../engine/result.js";
import type { Application } from "../model/application.js";
import type { Inventory } from "../model/inventory.js";
import type { Policy } from "../spec/policy.js";
import { planAppFixes, type AppFix } from "./app-config.js";

/** An application's fix with what the re-check found: the rules that pass on the patched files, and those that still fail. */
export interface CheckedAppFix extends AppFix {
  readonly passing: readonly string[];
  readonly stillFailing: readonly { readonly rule: string; readonly message: string }[];
}

/**
 * Plans the applications' fixes and re-checks each: the application's directory is copied (under the same relative
 * path, so file names in the verdicts match), the patched files written over the copy, read again and judged with
 * the same databases and policies. A rule counts as fixed only when it passes there.
 */
export async function checkedAppFixes(
  results: readonly Result[],
  inventory: Inventory,
  policies: readonly Policy[],
  now: Date,
  cwd: string,
): Promise<CheckedAppFix[]> {
  const fixes = planAppFixes(results, cwd);
  if (fixes.length === 0) return [];
  const { readApplication } = await import("../sources/app-config/index.js");
  const checked: CheckedAppFix[] = [];
  for (const fix of fixes) {
    const app = (inventory.applications ?? []).find((a) => a.id === fix.app);
    if (app === undefined || fix.changed.size === 0) {
      checked.push({ ...fix, passing: [], stillFailing: [] });
      continue;
    }
    const scratch = mkdtempSync(join(tmpdir(), "haspec-app-fix-"));
    try {
      // Every path maps inside the scratch directory: one outside the working directory goes under `abs/`, never back out.
      const inside = (p: string) => {
        const absolute = resolve(cwd, p);
        const rel = relative(cwd, absolute);
        return rel.startsWith("..") || isAbsolute(rel) ? join(scratch, "abs", absolute) : join(scratch, "cwd", rel);
      };
      const source = resolve(cwd, app.path);
      const copy = inside(app.path);
      mkdirSync(copy, { recursive: true });
      cpSync(source, copy, { recursive: true, filter: (p) => !/[\\/](node_modules|\.git)$/.test(p) });
      for (const [file, text] of fix.changed) writeFileSync(inside(file), text);
      const again: Application = { ...(await readApplication(relative(join(scratch, "cwd"), copy), { cwd: join(scratch, "cwd") })), id: app.id, path: app.path };
      const after = evaluate(policies, { ...inventory, applications: (inventory.applications ?? []).map((a) => (a === app ? again : a)) }, { now });
      const mine = after.results.filter((r) => r.resource.kind === "application" && r.resource.id === app.id);
      const attempted = new Set(results.filter((r) => r.status === "fail" && r.resource.id === app.id && r.resource.kind === "application").map((r) => r.rule));
      checked.push({
        ...fix,
        fixed: fix.fixed.filter((rule) => mine.some((r) => r.rule === rule && r.status === "pass")),
        passing: [...attempted].filter((rule) => mine.filter((r) => r.rule === rule).every((r) => r.status === "pass")),
        // What the patch meant to change and still fails; rules left wholly to the manual steps are listed there.
        stillFailing: mine.filter((r) => fix.edited.includes(r.rule) && r.status !== "pass").map((r) => ({ rule: r.rule, message: r.message })),
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return checked;
}
