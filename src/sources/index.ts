// Picks the source adapter for the inputs (by --source or by content) and reads them into one inventory.
import { constants } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { UserError } from "../errors.js";
import type { Inventory } from "../model/inventory.js";
import type { SourceOptions } from "./options.js";
import { fileTypeOf, JSON_INPUT_CAP, notRegularError, readRegularFile } from "./regular-file.js";

export type { LiveScanOptions, SourceOptions } from "./options.js";

export const SOURCE_KINDS = ["aws-json", "aws", "plan", "state", "hcl", "cdktf", "snapshot"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The first bytes of a regular file (never waits: a FIFO is opened without blocking, then refused). */
async function head(file: string, bytes = 4096): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw notRegularError(file, fileTypeOf(s), { what: "an input" });
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** Top-level keys only a plan has (`terraform show -json plan.out`); state JSON has `values` instead. */
const PLAN_KEYS = /"(planned_values|resource_changes|prior_state|resource_drift|output_changes)"\s*:/;

/** The key after `format_version` and `terraform_version`, where Terraform writes `variables`/`planned_values` (plan) or `values` (state). */
const THIRD_TERRAFORM_KEY = /^\s*\{\s*"format_version"\s*:\s*"[^"]*"\s*,\s*"terraform_version"\s*:\s*"[^"]*"\s*,\s*"([A-Za-z_]+)"\s*:/;

/**
 * What a JSON document is, judged from its first bytes (keys near the top of each format). A
 * Terraform document is a plan or a state by the key Terraform writes third; when the first bytes
 * cannot say (keys in another order), "terraform?" asks the caller to look at the whole text.
 */
function jsonKind(start: string, name: string): SourceKind | "terraform?" {
  if (/"haspecSnapshot"\s*:/.test(start)) return "snapshot";
  const third = THIRD_TERRAFORM_KEY.exec(start)?.[1];
  if (third !== undefined) return third === "values" || third === "checks" ? "state" : "plan";
  if (/"format_version"\s*:/.test(start)) return PLAN_KEYS.test(start) ? "plan" : "terraform?";
  if (name.endsWith("cdk.tf.json") || /"\/\/"\s*:\s*\{\s*"metadata"/.test(start)) return "cdktf";
  return "aws-json";
}

/** The kind of one JSON file: its first bytes, and its whole text when they cannot tell a plan from a state. */
async function jsonFileKind(file: string): Promise<SourceKind> {
  const kind = jsonKind(await head(file), basename(file));
  if (kind !== "terraform?") return kind;
  return PLAN_KEYS.test((await readRegularFile(file, file, JSON_INPUT_CAP)).toString("utf8")) ? "plan" : "state";
}

/**
 * A directory of plan, state or snapshot JSON is read as such (all of one kind); AWS CLI JSON
 * otherwise. Mixed with other JSON it is refused: read as AWS CLI JSON, its plans would be skipped
 * and nothing judged.
 */
async function directoryJsonKind(dir: string, names: readonly string[]): Promise<SourceKind> {
  // Only regular files: a FIFO would block the peek at its first bytes (the reader notes what it skips).
  const regular = await Promise.all(names.map(async (n) => (await stat(join(dir, n)).catch(() => undefined))?.isFile() === true));
  const jsonFiles = names.filter((n, i) => regular[i] && n.toLowerCase().endsWith(".json")).sort();
  const kinds = new Map<string, SourceKind>();
  for (const n of jsonFiles) {
    const kind = await jsonFileKind(join(dir, n)).catch(() => "aws-json" as const);
    kinds.set(n, kind === "cdktf" ? "aws-json" : kind);
  }
  const terraform = [...kinds].filter(([, k]) => k === "plan" || k === "state" || k === "snapshot");
  if (terraform.length === 0) return "aws-json";
  const distinct = new Set([...kinds.values()]);
  const [file, kind] = terraform[0]!;
  if (distinct.size === 1 && kind !== "snapshot") return kind;
  if (distinct.size === 1) {
    throw new UserError(`${dir} holds haspec snapshots: a snapshot is read from its file`, [
      { file: join(dir, file), message: "a directory of snapshots", hint: `name one snapshot file as the INPUT, e.g. haspec check ${join(dir, file)}` },
    ]);
  }
  const others = [...kinds].filter(([, k]) => k !== kind).map(([n]) => n);
  throw new UserError(`${dir} mixes a ${kind === "snapshot" ? "haspec snapshot" : `Terraform ${kind}`} (${file}) with other JSON (${others.slice(0, 3).join(", ")}${others.length > 3 ? ", …" : ""})`, [
    {
      file: join(dir, file),
      message: `a ${kind} among other kinds of JSON`,
      hint: `name the ${kind} file itself as the INPUT (or give --source ${kind === "snapshot" ? "snapshot" : kind}), and keep AWS CLI JSON in its own directory`,
    },
  ]);
}

/** Guesses the source of one input from its name, first bytes, or (for a directory) what it holds. */
export async function detectSource(input: string): Promise<SourceKind> {
  const info = await stat(input).catch((cause: unknown) => {
    throw new UserError(`cannot read input ${input}: it does not exist or is not readable`, [
      { file: input, message: "no such file or directory", hint: "give a file or directory to check" },
    ], { cause });
  });
  if (!info.isDirectory() && !info.isFile()) throw notRegularError(input, fileTypeOf(info), { what: "an input" });
  if (info.isDirectory()) {
    const names = await readdir(input);
    if (names.some((n) => n.endsWith(".tf") || (n.endsWith(".tf.json") && n !== "cdk.tf.json" && !names.includes("cdktf.out") && !names.includes("cdk.tf.json")))) return "hcl";
    if (names.includes("cdktf.out") || names.includes("stacks") || names.includes("cdk.tf.json")) return "cdktf";
    return directoryJsonKind(input, names);
  }
  if (extname(input) === ".tf") return "hcl";
  const kind = await jsonFileKind(input);
  // Terraform's JSON syntax (`main.tf.json`) is configuration, unless CDKTF wrote it.
  return kind === "aws-json" && basename(input).endsWith(".tf.json") ? "hcl" : kind;
}

/** Whether a file input is a drill record (its first bytes); directories and unreadable paths are not. */
async function isDrillRecordFile(path: string): Promise<boolean> {
  if (!path.toLowerCase().endsWith(".json")) return false;
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() !== true) return false;
  const { DRILL_RECORD_START } = await import("./drill-records.js");
  return DRILL_RECORD_START.test(await head(path, 256).catch(() => ""));
}

/**
 * Reads every input with its source adapter; the inputs of one run are all of one kind, except drill
 * records (`haspec drill --output`), which come with any kind as evidence for objectives.drilled_within.
 */
export async function readInputs(inputs: readonly string[], source: SourceKind | undefined, options: SourceOptions): Promise<Inventory> {
  const drillFlags = await Promise.all(inputs.map((i) => isDrillRecordFile(resolve(options.cwd, i))));
  const drillInputs = inputs.filter((_, i) => drillFlags[i]);
  if (drillInputs.length === 0) return readDatabaseInputs(inputs, source, options);
  const rest = inputs.filter((_, i) => !drillFlags[i]);
  if (rest.length === 0 && source !== "aws") {
    throw new UserError("only drill records were given: they are evidence about databases, so give the databases too (AWS CLI JSON, a Terraform input, a snapshot, or --source aws)");
  }
  const { readDrillRecord } = await import("./drill-records.js");
  const [inventory, drills] = await Promise.all([
    readDatabaseInputs(rest, source, options),
    Promise.all(drillInputs.map((f) => readDrillRecord(f, resolve(options.cwd, f)))),
  ]);
  return { ...inventory, drills: [...(inventory.drills ?? []), ...drills], sources: [...inventory.sources, ...drillInputs.map((f) => ({ kind: "drill", location: f }))] };
}

async function readDatabaseInputs(inputs: readonly string[], source: SourceKind | undefined, options: SourceOptions): Promise<Inventory> {
  let kind = source;
  if (kind === "aws") {
    if (inputs.length > 0) throw new UserError("--source aws reads the live account: give no INPUT with it");
  } else if (inputs.length === 0) {
    throw new UserError(
      "no INPUT given: name at least one file or directory (AWS CLI JSON, a Terraform plan or state, .tf files, cdk.tf.json, a snapshot), or use --source aws",
    );
  }
  for (const input of inputs) {
    // Whatever reads it: a FIFO, device or socket named as an input would block or never end.
    const info = await stat(resolve(options.cwd, input)).catch(() => undefined);
    if (info !== undefined && !info.isDirectory() && !info.isFile()) throw notRegularError(input, fileTypeOf(info), { what: "an input" });
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
