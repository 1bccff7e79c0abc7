// Shared pieces of the drill tests: the CLI in-process with captured output, the drill record's schema validator.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { main } from "../../src/cli/main.js";
import { REPO } from "../support/run-cli.js";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `haspec ARGS` in this process; the SDK's credential chain reads process.env, so `env` is also put there for the run. */
export async function haspecIn(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run(args, env);
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function run(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await main([...args], { stdout, stderr, env: { ...process.env, ...env }, cwd: REPO, now: () => new Date() });
  return { code, stdout: out, stderr: err };
}

const addFormats = addFormatsModule.default;

/** Validates a drill record against schema/haspec-drill-record-v1.schema.json; the errors, or [] when it is valid. */
export function drillRecordErrors(record: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(REPO, "schema/haspec-drill-record-v1.schema.json"), "utf8")));
  return validate(record) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
