// Shared pieces of the live-scan tests: the demo fleet over the fake server, scan options, and verdict tables to compare.
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import type { LiveScanOptions } from "../../../src/sources/index.js";
import type { LiveScanDeps } from "../../../src/sources/aws-live/index.js";
import { loadPolicy } from "../../../src/spec/load-policy.js";
import { fleetFromAwsJsonDir, type FakeFleet } from "../../support/fake-aws/fleet.js";

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
  requestTimeoutMs: 5_000,
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
