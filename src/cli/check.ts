// `haspec check`: load policies, read inputs, evaluate, render, and turn the summary into an exit code.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { evaluate, evaluateStream } from "../engine/evaluate.js";
import type { Summary } from "../engine/result.js";
import { UserError } from "../errors.js";
import { rulesOfFramework, type Framework } from "../rules/controls.js";
import type { Policy } from "../spec/policy.js";
import { emitReports, outputRequests } from "./emit.js";
import { chooseInterface } from "./interactive.js";
import type { Inventory } from "../model/inventory.js";
import { chooseStyle } from "../report/style.js";
import { summaryLine } from "../report/text.js";
import { digestInputsInBackground, forgetDigestedBytes } from "../sources/digest.js";
import { readInputs, type LiveScanOptions, type SourceKind, type SourceOptions } from "../sources/index.js";
import { loadPolicy } from "../spec/load-policy.js";
import { EXIT, type Io } from "./main.js";

export interface CheckOptions {
  readonly inputs: readonly string[];
  readonly policies: readonly string[];
  readonly source?: SourceKind;
  /** `--format` values: `json`, or `sarif=out.sarif` to write that format to a file (repeatable). */
  readonly formats: readonly string[];
  /** `--framework`: judge only the rules mapped to this control framework. */
  readonly framework?: string;
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

export function parseNow(now: string | undefined, io: Io): Date {
  if (now === undefined) return io.now();
  const parsed = new Date(now);
  if (Number.isNaN(parsed.getTime())) {
    throw new UserError(`--now ${JSON.stringify(now)} is not a date: give an ISO time such as 2026-11-22T10:00:00Z`);
  }
  return parsed;
}

/** The policy with every target's requirements narrowed to the rules mapped to the framework. */
function onlyFramework(policy: Policy, framework: string): Policy {
  const rules = new Set(rulesOfFramework(framework as Framework));
  return {
    ...policy,
    targets: policy.targets.map((t) => ({ ...t, requirements: t.requirements.filter((r) => rules.has(r.ruleId)) })),
  };
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

/** The policies (narrowed to --framework) and the inventory the check judges, and the time it judges at. */
interface CheckInputs {
  readonly policies: readonly Policy[];
  readonly inventory: Inventory;
  readonly now: Date;
}

/** The policy files to load: those given, else ./haspec.yaml when it exists (a usage error otherwise). */
export function policyFilesOf(given: readonly string[], io: Io): readonly string[] {
  if (given.length > 0) return given;
  if (!existsSync(resolve(io.cwd, "haspec.yaml"))) {
    throw new UserError("no policy given: pass --policy FILE (or -p), or create ./haspec.yaml with `haspec init`");
  }
  return ["haspec.yaml"];
}

/** What every source may need besides the inputs: the working directory, .tf variables, the live scan. */
export function sourceOptions(options: { readonly varFiles: readonly string[]; readonly vars: readonly string[] }, io: Io, live: LiveScanOptions): SourceOptions {
  return { cwd: io.cwd, varFiles: options.varFiles, vars: parseVars(options.vars), env: io.env, live };
}

async function readCheckInputs(options: CheckOptions, io: Io, live: LiveScanOptions): Promise<CheckInputs> {
  const now = parseNow(options.now, io);
  const policyFiles = policyFilesOf(options.policies, io);
  // Hashing the inputs runs on a worker thread while the main thread reads and judges them.
  const digesting = options.source === "aws" || options.inputs.length === 0 ? Promise.resolve(new Map<string, string | undefined>()) : digestInputsInBackground(options.inputs, io.cwd);
  const policies = await Promise.all(policyFiles.map((f) => loadPolicy(f)));
  let inventory = await readInputs(options.inputs, options.source, sourceOptions(options, io, live));
  // Evidence: which bytes the verdicts came from (file inputs; a live scan's evidence is its snapshot).
  const digests = await digesting;
  forgetDigestedBytes();
  inventory = {
    ...inventory,
    sources: inventory.sources.map((s) => {
      const digest = digests.get(s.location);
      return digest === undefined ? s : { ...s, sha256: digest };
    }),
  };
  if (options.changedOnly) {
    if (!inventory.sources.some((s) => s.kind === "plan")) {
      throw new UserError("--changed-only needs a Terraform plan as input (terraform show -json plan.out)");
    }
    inventory = changedOnly(inventory);
  }
  const judged = options.framework === undefined ? policies : policies.map((p) => onlyFramework(p, options.framework!));
  return { policies: judged, inventory, now };
}

export async function runCheck(options: CheckOptions, io: Io): Promise<number> {
  const stdoutIsTTY = Boolean(io.stdout.isTTY);
  const mode = chooseInterface({
    interactive: options.interactive,
    stdoutIsTTY,
    // Only a terminal on stdout makes stdin worth asking about (asking creates the stream).
    stdinIsTTY: stdoutIsTTY && Boolean(io.stdin?.isTTY),
    env: io.env,
    formats: options.formats,
    output: options.output,
    quiet: options.quiet,
  });
  if (mode === "ui") return checkInteractively(options, io);
  const { policies, inventory, now } = await readCheckInputs(options, io, options.live);
  const requests = outputRequests(options.formats, options.output);
  const evaluation = evaluateStream(policies, inventory, { now });
  await emitReports(evaluation, requests, io, options.quiet);
  return exitCodeFor(evaluation.summary(), options.failOnUnknown, evaluation.gaps.length);
}

/**
 * The interactive UI: it opens at once (showing a live scan's progress) while the inputs are read
 * and judged in full, and returns the exit code the text report would have given.
 */
async function checkInteractively(options: CheckOptions, io: Io): Promise<number> {
  const { progressFeed } = await import("../tui/progress-feed.js");
  const progress = options.live.progress === undefined ? undefined : progressFeed();
  const live = progress === undefined ? options.live : { ...options.live, progress: progress.stream };
  const judged = readCheckInputs(options, io, live).then(({ policies, inventory, now }) => ({ evaluation: evaluate(policies, inventory, { now }), inventory, policies, now }));
  const loading = judged.then(({ evaluation, inventory }) => ({ evaluation, resources: inventory.resources }));
  // The UI reports a loading failure when it ends; until it has subscribed, don't let Node call the rejection unhandled.
  loading.catch(() => undefined);
  judged.catch(() => undefined);
  const { runTui } = await import("../tui/index.js");
  const { fixActions } = await import("./fix-actions.js");
  await runTui({
    data: loading,
    progress,
    fixes: fixActions(judged, options.inputs, io.cwd),
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin!,
    stderr: io.stderr as NodeJS.WriteStream,
    env: io.env,
    cwd: io.cwd,
  });
  const { evaluation } = await loading;
  // The terminal is back as it was before the UI: leave the verdict on it.
  io.stdout.write(`${summaryLine(evaluation.summary, chooseStyle(true, io.env))}\n`);
  return exitCodeFor(evaluation.summary, options.failOnUnknown, evaluation.gaps.length);
}
