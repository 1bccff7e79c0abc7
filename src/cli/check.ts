// `haspec check`: load policies, read inputs, evaluate, render, and turn the summary into an exit code.
import { existsSync } from "node:fs";
import { closeSync, openSync, writeSync } from "node:fs";
import { resolve } from "node:path";
import { evaluateStream } from "../engine/evaluate.js";
import type { Summary } from "../engine/result.js";
import { UserError } from "../errors.js";
import { REPORTERS } from "../report/index.js";
import { chooseStyle, PLAIN } from "../report/style.js";
import { summaryLine } from "../report/text.js";
import type { Inventory } from "../model/inventory.js";
import { readInputs, type LiveScanOptions, type SourceKind } from "../sources/index.js";
import { loadPolicy } from "../spec/load-policy.js";
import { EXIT, type Io } from "./main.js";

export interface CheckOptions {
  readonly inputs: readonly string[];
  readonly policies: readonly string[];
  readonly source?: SourceKind;
  readonly format: string;
  readonly output?: string;
  readonly failOnUnknown: boolean;
  readonly interactive?: boolean;
  readonly quiet: boolean;
  readonly now?: string;
  readonly changedOnly: boolean;
  readonly varFiles: readonly string[];
  readonly vars: readonly string[];
  readonly live: LiveScanOptions;
}

/** `-var NAME=VALUE` assignments as a map; a malformed one is a usage error. */
function parseVars(vars: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of vars) {
    const eq = v.indexOf("=");
    if (eq <= 0) throw new UserError(`--var ${JSON.stringify(v)} is not NAME=VALUE`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

/** `--changed-only`: keep the resources a plan creates, updates, replaces or whose members it touches. */
function changedOnly(inventory: Inventory): Inventory {
  const touched = (actions: readonly string[]) => actions.some((a) => a !== "no-op" && a !== "read");
  return {
    ...inventory,
    resources: inventory.resources.filter(
      (r) => r.change !== undefined && (touched(r.change.actions) || r.change.instances.some((i) => touched(i.actions))),
    ),
  };
}

function parseNow(now: string | undefined, io: Io): Date {
  if (now === undefined) return io.now();
  const parsed = new Date(now);
  if (Number.isNaN(parsed.getTime())) {
    throw new UserError(`--now ${JSON.stringify(now)} is not a date: give an ISO time such as 2026-11-22T10:00:00Z`);
  }
  return parsed;
}

/** Joins small chunks into writes of about 1 MB. */
function writeBuffered(chunks: Iterable<string>, write: (text: string) => void): void {
  let pending: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= 1 << 20) {
      write(pending.join(""));
      pending = [];
      size = 0;
    }
  }
  if (pending.length > 0) write(pending.join(""));
}

function writeReportFile(path: string, chunks: Iterable<string>): void {
  let fd: number;
  try {
    fd = openSync(path, "w");
  } catch (cause) {
    throw new UserError(`cannot write the report to ${path}: ${(cause as Error).message}`, [], { cause });
  }
  try {
    writeBuffered(chunks, (text) => writeSync(fd, text));
  } finally {
    closeSync(fd);
  }
}

/**
 * SPEC-v1 §5: 1 when anything fails (or, with --fail-on-unknown, is unknown or could not be read
 * at all), else 0.
 */
export function exitCodeFor(summary: Summary, failOnUnknown: boolean, gaps = 0): number {
  if (summary.fail > 0) return EXIT.violations;
  if (failOnUnknown && (summary.unknown > 0 || gaps > 0)) return EXIT.violations;
  return EXIT.ok;
}

export async function runCheck(options: CheckOptions, io: Io): Promise<number> {
  if (options.interactive === true) {
    throw new UserError("the interactive UI is not available in this version of haspec; drop --interactive for the text report");
  }
  const now = parseNow(options.now, io);
  let policyFiles = options.policies;
  if (policyFiles.length === 0) {
    if (!existsSync(resolve(io.cwd, "haspec.yaml"))) {
      throw new UserError("no policy given: pass --policy FILE (or -p), or create ./haspec.yaml with `haspec init`");
    }
    policyFiles = ["haspec.yaml"];
  }
  const policies = await Promise.all(policyFiles.map((f) => loadPolicy(f)));
  let inventory = await readInputs(options.inputs, options.source, {
    cwd: io.cwd,
    varFiles: options.varFiles,
    vars: parseVars(options.vars),
    live: options.live,
  });
  if (options.changedOnly) {
    if (!inventory.sources.some((s) => s.kind === "plan")) {
      throw new UserError("--changed-only needs a Terraform plan as input (terraform show -json plan.out)");
    }
    inventory = changedOnly(inventory);
  }
  const evaluation = evaluateStream(policies, inventory, { now });

  const render = REPORTERS[options.format];
  if (!render) throw new UserError(`--format ${options.format} is not known (choose one of ${Object.keys(REPORTERS).join(", ")})`);
  const toTerminal = options.output === undefined;
  const style = toTerminal ? chooseStyle(Boolean(io.stdout.isTTY), io.env) : PLAIN;
  const chunks = render(evaluation, { style });
  if (options.output !== undefined) {
    writeReportFile(options.output, chunks);
    if (!options.quiet) io.stdout.write(`${summaryLine(evaluation.summary(), chooseStyle(Boolean(io.stdout.isTTY), io.env))}\n`);
  } else if (!options.quiet) {
    writeBuffered(chunks, (text) => io.stdout.write(text));
  } else {
    for (const _ of evaluation.results); // judge everything for the exit code
  }
  return exitCodeFor(evaluation.summary(), options.failOnUnknown, evaluation.gaps.length);
}
