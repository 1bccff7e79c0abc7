// The fix loop for AWS-JSON, snapshot and live inputs: `haspec fix`, then Terraform (HCL with import blocks, or the synthesized CDKTF) against moto.
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { haspec, REPO } from "./haspec.js";
import type { AppliedEstate } from "./estate.js";
import { runProcess } from "./process.js";
import { prepareRoot, type Terraform } from "./terraform.js";

export type FixInput = "aws-json" | "snapshot" | "live";

export interface EmittedFix {
  readonly dir: string;
  /** `resource|rule` pairs the README says pass when haspec re-checks the emitted configuration. */
  readonly claimedFixed: readonly string[];
  /** Terraform address → the attributes the fix sets for a rule (from the `# rule: …` comments in hcl/main.tf). */
  readonly remedyAttributes: ReadonlyMap<string, ReadonlySet<string>>;
  readonly readme: string;
}

export async function emitFix(estate: AppliedEstate, input: FixInput): Promise<EmittedFix> {
  const dir = mkdtempSync(join(tmpdir(), `haspec-e2e-fix-${estate.name}-${input}-`));
  const source =
    input === "aws-json"
      ? [estate.files.awsJson, "--source", "aws-json"]
      : input === "snapshot"
        ? [estate.files.snapshot, "--source", "snapshot"]
        : ["--source", "aws", "--region", "us-east-1", "--endpoint-url", estate.moto.url];
  const run = await haspec(["fix", ...source, "--policy", estate.policy, "--out", dir, "--quiet"], estate.moto.env);
  if (run.code !== 0) throw new Error(`haspec fix (${input}) exited ${run.code}:\n${run.stderr}\n${run.stdout}`);
  const readme = readFileSync(join(dir, "README.md"), "utf8");
  const claimedFixed = [...readme.matchAll(/^- (\S+) · (\S+): passes$/gm)].map((m) => `${m[1]}|${m[2]!.replace(/\\_/g, "_")}`);
  return { dir, claimedFixed, remedyAttributes: remedyAttributes(readFileSync(join(dir, "hcl/main.tf"), "utf8")), readme };
}

/** The attribute under each `# <group>.<rule>: …` comment, per resource block. */
export function remedyAttributes(hcl: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  let address: string | undefined;
  let commented = false;
  for (const line of hcl.split("\n")) {
    const block = /^resource "([^"]+)" "([^"]+)"/.exec(line);
    if (block) {
      address = `${block[1]}.${block[2]}`;
      continue;
    }
    if (/^\s+# [a-z_]+\.[a-z_]+: /.test(line)) {
      commented = true;
      continue;
    }
    if (/^\s+#/.test(line)) continue; // DOWNTIME and other notes between a rule's comment and its attribute
    const attribute = /^\s+([a-z_0-9]+)\s*=/.exec(line);
    if (attribute && commented && address) {
      if (!out.has(address)) out.set(address, new Set());
      out.get(address)!.add(attribute[1]!);
    }
    commented = false;
  }
  return out;
}

/**
 * Arguments that exist only in Terraform (no AWS setting behind them): an import leaves them null or at the
 * provider's import value, and the first plan writes the configuration's value into state without an API call.
 * The write-forwarding flags are read back null after an import of a cluster that has none; false is AWS's "off".
 */
const TERRAFORM_ONLY = new Set(["skip_final_snapshot", "final_snapshot_identifier", "apply_immediately", "force_destroy", "allow_major_version_upgrade", "timeouts"]);
const NULL_TO_FALSE = new Set(["enable_global_write_forwarding", "enable_local_write_forwarding"]);

/** What a plan would do beyond the remedies: deletes, replacements, and updates of attributes no remedy names. */
export function planProblems(plan: any, remedies: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const problems: string[] = [];
  for (const rc of plan.resource_changes ?? []) {
    const actions: string[] = rc.change.actions;
    if (actions.includes("delete")) problems.push(`${rc.address}: ${actions.join("+")} (destroy or replace)`);
    if (!actions.includes("update")) continue;
    const before = rc.change.before ?? {};
    const after = rc.change.after ?? {};
    const unknown = rc.change.after_unknown ?? {};
    const allowed = remedies.get(rc.address) ?? new Set<string>();
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (unknown[key] === true && !(key in after)) continue; // computed, known after apply
      if (JSON.stringify(before[key] ?? null) === JSON.stringify(after[key] ?? null)) continue;
      if (TERRAFORM_ONLY.has(key) || (NULL_TO_FALSE.has(key) && before[key] == null && after[key] === false)) continue;
      if (!allowed.has(key)) problems.push(`${rc.address}.${key}: ${JSON.stringify(before[key])} -> ${JSON.stringify(after[key])} is not a remedy`);
    }
  }
  return problems;
}

/** `hcl/` as a Terraform root against moto: init and validate done. */
export async function hclRoot(fix: EmittedFix, estate: AppliedEstate): Promise<Terraform> {
  const tf = await prepareRoot(join(fix.dir, "hcl"), estate.moto.url);
  await tf.validate();
  return tf;
}

/** Synthesizes `cdktf/` (the app cdktf.json names: main.ts through tsx, as `cdktf synth` runs it) and makes its cdk.tf.json a root. */
export async function cdktfRoot(fix: EmittedFix, estate: AppliedEstate): Promise<Terraform> {
  const project = join(fix.dir, "cdktf");
  if (!existsSync(join(project, "node_modules"))) symlinkSync(join(REPO, "node_modules"), join(project, "node_modules"), "dir");
  const synth = await runProcess(process.execPath, ["--import", "tsx", "main.ts"], { cwd: project, env: { ...process.env, CI: "true" } });
  const output = synth.stdout + synth.stderr;
  if (synth.code !== 0) throw new Error(`cdktf synth (tsx main.ts) exited ${synth.code}:\n${output}`);
  const stack = join(project, "cdktf.out/stacks/haspec-fix");
  if (!existsSync(join(stack, "cdk.tf.json"))) throw new Error(`cdktf synth wrote no cdk.tf.json:\n${output}`);
  const tf = await prepareRoot(stack, estate.moto.url);
  await tf.validate();
  return tf;
}
