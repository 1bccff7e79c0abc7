// Picks the source adapter for the inputs (by --source or by content) and reads them into one inventory.
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { UserError } from "../errors.js";
import type { Inventory } from "../model/inventory.js";

export const SOURCE_KINDS = ["aws-json", "aws", "plan", "state", "hcl", "cdktf", "snapshot"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Sources this version can read; the rest are named in the contract and arrive in later versions. */
const AVAILABLE: readonly SourceKind[] = ["aws-json"];

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

/** Guesses the source of one input from its name and first bytes. */
export async function detectSource(input: string): Promise<SourceKind> {
  const info = await stat(input).catch((cause: unknown) => {
    throw new UserError(`cannot read input ${input}: it does not exist or is not readable`, [
      { file: input, message: "no such file or directory", hint: "give a file or directory of AWS CLI JSON output" },
    ], { cause });
  });
  if (info.isDirectory()) return "aws-json";
  if (extname(input) === ".tf") return "hcl";
  const start = await head(input);
  if (/"format_version"\s*:/.test(start)) {
    return /"(planned_values|resource_changes)"\s*:/.test(start) || /"terraform_version"/.test(start) && !/"values"\s*:/.test(start)
      ? "plan"
      : "state";
  }
  if (input.endsWith("cdk.tf.json")) return "cdktf";
  return "aws-json";
}

function unavailable(kind: SourceKind, input?: string): UserError {
  return new UserError(
    `${input ? `${input} looks like ${kind} input, but ` : ""}the ${kind} source is not available in this version of haspec`,
    [],
  );
}

/** Reads every input with its source adapter; all inputs must be of one kind in this version. */
export async function readInputs(inputs: readonly string[], source?: SourceKind): Promise<Inventory> {
  if (source && !AVAILABLE.includes(source)) {
    throw new UserError(`--source ${source} is not available in this version of haspec (available: ${AVAILABLE.join(", ")})`);
  }
  if (inputs.length === 0) {
    throw new UserError("no INPUT given: name at least one file or directory of AWS CLI JSON (for example examples/demo-fleet)");
  }
  if (!source) {
    for (const input of inputs) {
      const kind = await detectSource(input);
      if (!AVAILABLE.includes(kind)) throw unavailable(kind, input);
    }
  }
  const { readAwsJson } = await import("./aws-json/index.js");
  return readAwsJson(inputs);
}
