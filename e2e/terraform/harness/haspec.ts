// Runs the built haspec CLI (bin/haspec.js) as a user would and turns its JSON report into verdicts keyed by resource and rule.
import { spawn } from "node:child_process";
import { join } from "node:path";

export const REPO = join(import.meta.dirname, "../../..");

export interface HaspecRun {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export async function haspec(args: readonly string[], env: Record<string, string> = {}, cwd = REPO): Promise<HaspecRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, "bin/haspec.js"), ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1", CI: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ args, code, stdout, stderr }));
  });
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
