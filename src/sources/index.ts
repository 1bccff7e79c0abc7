// Picks the source adapter for the inputs (by --source or by content) and reads them into one inventory.
import { open, readdir, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { UserError } from "../errors.js";
import type { Inventory } from "../model/inventory.js";

export const SOURCE_KINDS = ["aws-json", "aws", "plan", "state", "hcl", "cdktf", "snapshot"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Options of the live AWS scan (`--source aws`, `haspec snapshot`). */
export interface LiveScanOptions {
  /** Region names, or ["all"] for every enabled region; empty = the profile's default region. */
  readonly regions: readonly string[];
  readonly profile?: string;
  /** Roles to assume, one account each; empty = the caller's own account only. */
  readonly roleArns: readonly string[];
  /** Overrides every service endpoint (LocalStack, moto); AWS_ENDPOINT_URL* variables also work. */
  readonly endpointUrl?: string;
  /** Secrets Manager secret with {username, password} for the read-only SQL check of binlog retention. */
  readonly dbSecretArn?: string;
  /** Where progress goes; nothing is written when undefined. */
  readonly progress?: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  /** The clock, for the capture time. */
  readonly now: () => Date;
}

export interface SourceOptions {
  readonly cwd: string;
  /** `.tf` inputs: `-var-file` files, in order (later wins), besides the automatic *.auto.tfvars / terraform.tfvars. */
  readonly varFiles: readonly string[];
  /** `.tf` inputs: `-var name=value` assignments (win over files). */
  readonly vars: Readonly<Record<string, string>>;
  /** `.tf` inputs: the environment, for `TF_VAR_name` values (the lowest precedence, as in Terraform). */
  readonly env?: NodeJS.ProcessEnv;
  readonly live: LiveScanOptions;
}

async function head(file: string, bytes = 4096): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** What a JSON document is, judged from its first bytes (keys near the top of each format). */
function jsonKind(start: string, name: string): SourceKind {
  if (/"haspecSnapshot"\s*:/.test(start)) return "snapshot";
  if (/"format_version"\s*:/.test(start)) {
    return /"(planned_values|resource_changes|prior_state)"\s*:/.test(start) ? "plan" : "state";
  }
  if (name.endsWith("cdk.tf.json") || /"\/\/"\s*:\s*\{\s*"metadata"/.test(start)) return "cdktf";
  return "aws-json";
}

/** Guesses the source of one input from its name, first bytes, or (for a directory) what it holds. */
export async function detectSource(input: string): Promise<SourceKind> {
  const info = await stat(input).catch((cause: unknown) => {
    throw new UserError(`cannot read input ${input}: it does not exist or is not readable`, [
      { file: input, message: "no such file or directory", hint: "give a file or directory to check" },
    ], { cause });
  });
  if (info.isDirectory()) {
    const names = await readdir(input);
    if (names.some((n) => n.endsWith(".tf") || (n.endsWith(".tf.json") && n !== "cdk.tf.json" && !names.includes("cdktf.out") && !names.includes("cdk.tf.json")))) return "hcl";
    if (names.includes("cdktf.out") || names.includes("stacks") || names.includes("cdk.tf.json")) return "cdktf";
    return "aws-json";
  }
  if (extname(input) === ".tf") return "hcl";
  const kind = jsonKind(await head(input), basename(input));
  // Terraform's JSON syntax (`main.tf.json`) is configuration, unless CDKTF wrote it.
  return kind === "aws-json" && basename(input).endsWith(".tf.json") ? "hcl" : kind;
}

/** Reads every input with its source adapter; the inputs of one run are all of one kind. */
export async function readInputs(inputs: readonly string[], source: SourceKind | undefined, options: SourceOptions): Promise<Inventory> {
  let kind = source;
  if (kind === "aws") {
    if (inputs.length > 0) throw new UserError("--source aws reads the live account: give no INPUT with it");
  } else if (inputs.length === 0) {
    throw new UserError(
      "no INPUT given: name at least one file or directory (AWS CLI JSON, a Terraform plan or state, .tf files, cdk.tf.json, a snapshot), or use --source aws",
    );
  }
  if (kind === undefined) {
    const kinds = new Set<SourceKind>();
    for (const input of inputs) kinds.add(await detectSource(input));
    if (kinds.size > 1) {
      throw new UserError(`the inputs are of different kinds (${[...kinds].join(", ")}): check one kind per run, or name it with --source`);
    }
    kind = [...kinds][0]!;
  }
  const paths = inputs;
  switch (kind) {
    case "aws-json":
      return (await import("./aws-json/index.js")).readAwsJson(paths, { cwd: options.cwd });
    case "plan":
      return (await import("./terraform-plan/index.js")).readTerraformPlan(paths, { cwd: options.cwd });
    case "state":
      return (await import("./terraform-state/index.js")).readTerraformState(paths, { cwd: options.cwd });
    case "hcl":
      return (await import("./hcl/index.js")).readHcl(paths, { cwd: options.cwd, varFiles: options.varFiles, vars: options.vars, ...(options.env ? { env: options.env } : {}) });
    case "cdktf":
      return (await import("./cdktf/index.js")).readCdktf(paths, { cwd: options.cwd });
    case "snapshot":
      return (await import("./snapshot/index.js")).readSnapshot(paths, { cwd: options.cwd });
    case "aws":
      return (await import("./aws-live/index.js")).readLiveAws(options.live);
  }
}
