// Runs the built `bin/haspec.js` in a child process, as a user would, and captures its output.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const REPO = join(import.meta.dirname, "../..");

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const env = { ...process.env, NO_COLOR: "", FORCE_COLOR: "", CI: "true", ...options.env };
  const child = spawnSync(process.execPath, [join(REPO, "bin/haspec.js"), ...args], {
    cwd: options.cwd ?? REPO,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}
