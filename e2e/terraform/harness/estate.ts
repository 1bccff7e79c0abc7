// One estate end to end: applied to moto by Terraform, then read back every way haspec reads, each read judged against expected.yaml.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { dumpWithAwsCli } from "./aws-cli.js";
import { checkVerdicts, haspec, type Verdict } from "./haspec.js";
import { startMoto, type Moto } from "./moto.js";
import { prepareRoot, type Terraform } from "./terraform.js";

export const ESTATES = join(import.meta.dirname, "../estates");

/** The ways haspec reads an estate: its `.tf`, Terraform's state and plan JSON, AWS CLI files, a live scan, a snapshot. */
export const INPUT_KINDS = ["hcl", "state", "plan", "aws-json", "live", "snapshot"] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** expected.yaml: `resource|rule: status`, or `{ status, <input kind>: status, why }` where a source cannot know. */
export type Expected = Map<string, { status: string; byKind: Partial<Record<InputKind, string>> }>;

export function readExpected(estate: string): Expected {
  const doc = parse(readFileSync(join(ESTATES, estate, "expected.yaml"), "utf8")) as { verdicts: Record<string, unknown> };
  const out: Expected = new Map();
  for (const [key, value] of Object.entries(doc.verdicts)) {
    if (typeof value === "string") out.set(key, { status: value, byKind: {} });
    else {
      const { status, why: _why, ...byKind } = value as Record<string, string>;
      out.set(key, { status: status!, byKind: byKind as Partial<Record<InputKind, string>> });
    }
  }
  return out;
}

/** The verdicts that differ from what is expected for this input kind (missing and unexpected ones included). */
export function disagreements(expected: Expected, kind: InputKind, actual: Map<string, Verdict>): string[] {
  const out: string[] = [];
  for (const [key, e] of expected) {
    const want = e.byKind[kind] ?? e.status;
    const got = actual.get(key);
    if (got?.status !== want) out.push(`${key}: expected ${want}, got ${got ? `${got.status} (${got.message})` : "no verdict"}`);
  }
  for (const [key, got] of actual) if (!expected.has(key)) out.push(`${key}: not expected, got ${got.status} (${got.message})`);
  return out;
}

export interface AppliedEstate {
  readonly name: string;
  readonly dir: string;
  readonly policy: string;
  readonly moto: Moto;
  readonly tf: Terraform;
  /** Where each read-back input was saved (plan.json, state.json, aws-json/, snapshot.json). */
  readonly files: { state: string; plan: string; awsJson: string; snapshot: string };
  close(): Promise<void>;
}

/** Starts moto, applies the estate, saves state, a plan of a small change, an AWS CLI dump and a snapshot. */
export async function applyEstate(name: string): Promise<AppliedEstate> {
  const dir = join(ESTATES, name);
  const moto = await startMoto();
  try {
    const tf = await prepareRoot(dir, moto.url, { withProvider: true });
    await tf.apply();
    const out = mkdtempSync(join(tmpdir(), `haspec-e2e-${name}-`));
    const state = join(out, "state.json");
    writeFileSync(state, JSON.stringify(await tf.stateJson()));
    // A plan of a change that leaves every verdict as it was (the estate's plan-change.override, else nothing to change).
    if (existsSync(join(dir, "plan-change.override"))) copyFileSync(join(dir, "plan-change.override"), join(tf.dir, "zz_plan_change_override.tf"));
    const plan = join(out, "plan.json");
    writeFileSync(plan, JSON.stringify(await tf.planJson()));
    const awsJson = await dumpWithAwsCli(moto.env, join(out, "aws-json"));
    const snapshot = join(out, "snapshot.json");
    const snap = await haspec(["snapshot", "--out", snapshot, "--quiet", "--region", "us-east-1", "--endpoint-url", moto.url], moto.env);
    if (snap.code !== 0) throw new Error(`haspec snapshot exited ${snap.code}:\n${snap.stderr}`);
    return { name, dir, policy: join(dir, "policy.yaml"), moto, tf, files: { state, plan, awsJson, snapshot }, close: () => moto.close() };
  } catch (error) {
    await moto.close();
    throw error;
  }
}

/** haspec's verdicts on one input kind of an applied estate. */
export function readBack(estate: AppliedEstate, kind: InputKind): Promise<Map<string, Verdict>> {
  const policy = ["--policy", estate.policy];
  const live = ["--region", "us-east-1", "--endpoint-url", estate.moto.url];
  switch (kind) {
    case "hcl":
      return checkVerdicts([estate.dir, "--source", "hcl", ...policy]);
    case "state":
      return checkVerdicts([estate.files.state, "--source", "state", ...policy]);
    case "plan":
      return checkVerdicts([estate.files.plan, "--source", "plan", ...policy]);
    case "aws-json":
      return checkVerdicts([estate.files.awsJson, "--source", "aws-json", ...policy]);
    case "live":
      return checkVerdicts(["--source", "aws", ...live, ...policy], estate.moto.env);
    case "snapshot":
      return checkVerdicts([estate.files.snapshot, "--source", "snapshot", ...policy]);
  }
}
