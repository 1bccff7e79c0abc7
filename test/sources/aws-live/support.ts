// Shared pieces of the live-scan tests: the demo fleet over the fake server, scan options, and verdict tables to compare.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import type { LiveScanOptions } from "../../../src/sources/index.js";
import type { LiveScanDeps } from "../../../src/sources/aws-live/index.js";
import { loadPolicy } from "../../../src/spec/load-policy.js";
import { fleetFromAwsJsonDir, type FakeFleet } from "../../support/fake-aws/fleet.js";
import { REPO } from "../../support/run-cli.js";

export const DEMO = "examples/demo-fleet";
export const POLICY = "policies/aurora-production.yaml";
export const CAPTURED = new Date("2026-11-22T03:00:00Z");
export const JUDGED_AT = new Date("2026-11-22T12:00:00Z");
/** Rules that need the capture time or SQL: AWS CLI JSON has neither, a live scan has the first. */
export const NEEDS_CAPTURE_TIME = new Set(["backup.max_pitr_lag_minutes"]);

export function demoFleet(): FakeFleet {
  return fleetFromAwsJsonDir(DEMO);
}

/** Options of a scan against `url` from a clean environment (no AWS_* of the developer's machine). */
export function liveOptions(url: string, extra: Partial<LiveScanOptions> = {}): LiveScanOptions {
  return { regions: ["us-east-1", "eu-west-1"], roleArns: [], endpointUrl: url, env: {}, now: () => CAPTURED, ...extra };
}

/** Static fake credentials and quick failure settings for tests. */
export const TEST_DEPS: Partial<LiveScanDeps> = {
  credentials: async () => ({ accessKeyId: "AKIAFAKEFAKEFAKE", secretAccessKey: "fake-secret-key" }),
  responseTimeoutMs: 5_000,
};

/** `target|resource|rule` → status, for every result of the production policy. */
export async function verdicts(inventory: Inventory): Promise<Map<string, string>> {
  const policy = await loadPolicy(POLICY);
  const ev = evaluate([policy], inventory, { now: JUDGED_AT });
  return new Map(ev.results.map((r) => [`${r.target}|${r.resource.id}|${r.rule}`, r.status]));
}

/** The results themselves, keyed like `verdicts`. */
export async function results(inventory: Inventory) {
  const policy = await loadPolicy(POLICY);
  const ev = evaluate([policy], inventory, { now: JUDGED_AT });
  return new Map(ev.results.map((r) => [`${r.target}|${r.resource.id}|${r.rule}`, r]));
}

/** Drops the rules judged only with a capture time. */
export function withoutCaptureTimeRules(v: Map<string, string>): Map<string, string> {
  return new Map([...v].filter(([k]) => !NEEDS_CAPTURE_TIME.has(k.split("|")[2]!)));
}

/** The built CLI in a child process, asynchronously (runCli blocks, and the fake server lives in this process and must keep answering). */
export function haspec(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO, "bin/haspec.js"), ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: "", CI: "true", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Static fake credentials in the environment of a CLI run, and nothing of the developer's AWS setup. */
export const CLI_ENV: NodeJS.ProcessEnv = {
  AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKE",
  AWS_SECRET_ACCESS_KEY: "fake-secret-key",
  AWS_SESSION_TOKEN: "",
  AWS_PROFILE: "",
  AWS_REGION: "",
  AWS_DEFAULT_REGION: "",
  AWS_CONFIG_FILE: "/nonexistent",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
};
