// Runs the built haspec CLI (bin/haspec.js) as a user would and turns its JSON report into verdicts keyed by resource and rule.
import { join } from "node:path";
import { runProcess, type ProcessRun } from "./process.js";

export const REPO = join(import.meta.dirname, "../../..");

export type HaspecRun = ProcessRun;

export async function haspec(args: readonly string[], env: Record<string, string> = {}, cwd = REPO): Promise<HaspecRun> {
  const run = await runProcess(process.execPath, [join(REPO, "bin/haspec.js"), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1", CI: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
  });
  return { ...run, args };
}

export interface Verdict {
  readonly status: string;
  readonly message: string;
}

/** `haspec check … --format json` → "resource-id|rule" → status and message (exit 0 or 1; anything else throws with the output). */
export async function checkVerdicts(args: readonly string[], env: Record<string, string> = {}): Promise<Map<string, Verdict>> {
  const run = await haspec(["check", ...args, "--format", "json", "--no-interactive"], env);
  if (run.code !== 0 && run.code !== 1) throw new Error(`haspec ${run.args.join(" ")} exited ${run.code}:\n${run.stderr}\n${run.stdout.slice(0, 4000)}`);
  const report = JSON.parse(run.stdout) as { results: { resource: { id: string }; rule: string; status: string; message: string }[] };
  const out = new Map<string, Verdict>();
  for (const r of report.results) out.set(`${r.resource.id}|${r.rule}`, { status: r.status, message: r.message });
  return out;
}
