// A run: the policies and inputs one command judges, read once; `check`, `fix` (and later `simulate`) each open one.
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { evaluate, evaluateStream } from "../engine/evaluate.js";
import { familyOf } from "../engine/select.js";
import { findRule } from "../rules/index.js";
import { buildFacts, type Facts } from "../facts/index.js";
import type { Evaluation, ReportInput, Summary } from "../engine/result.js";
import { UserError } from "../errors.js";
import type { Application } from "../model/application.js";
import { emptyInventory, type Inventory } from "../model/inventory.js";
import { rulesOfFramework, type Framework } from "../rules/controls.js";
import type { LiveDnsOptions } from "../sources/live-dns/index.js";
import { readInputs, type LiveScanOptions, type SourceKind, type SourceOptions } from "../sources/index.js";
import { loadPolicy, readPolicyIn } from "../spec/load-policy.js";
import type { Policy } from "../spec/policy.js";
import { digestInputs, withDigests } from "./evidence.js";
import { exitCodeFor } from "./exit-code.js";

/** What to judge and how: the command line's flags, parsed. */
export interface RunOptions {
  /** Files or directories; empty with `source: "aws"` (the live account). */
  readonly inputs: readonly string[];
  /** Policy files; empty means the haspec.yaml of the working directory or its nearest parent in the repository (findPolicyFile). */
  readonly policies: readonly string[];
  /** No policy given and no haspec.yaml found is fine: the run has no policy (`simulate` without objectives). */
  readonly policyOptional?: boolean;
  /** The input kind; detected from the content when absent. */
  readonly source?: SourceKind;
  /** `.tf` inputs: `-var-file` files, in order. */
  readonly varFiles?: readonly string[];
  /** `.tf` inputs: `-var NAME=VALUE` assignments. */
  readonly vars?: readonly string[];
  readonly live: LiveScanOptions;
  /** Judge as of this ISO time instead of the clock's (waiver expiry, generatedAt). */
  readonly now?: string;
  /** Judge only the rules mapped to this control framework. */
  readonly framework?: Framework;
  /** Terraform plans: judge only the resources the plan changes. */
  readonly changedOnly?: boolean;
  /** Unknown results (and places that could not be read) make the exit code 1. */
  readonly failOnUnknown?: boolean;
  /** `--app-config PATH`: one application per path (SPEC §7.1); with no INPUT the run judges the applications alone. */
  readonly appConfigs?: readonly string[];
  /** `--resolve` (`--dns-server`): ask the DNS for the judged endpoints and the applications' hosts (src/sources/live-dns). */
  readonly liveDns?: LiveDnsOptions;
}

/** The outside world a run reads: the working directory, the environment (for `.tf` variables), the clock. */
export interface RunContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly now: () => Date;
}

/** An opened run: what is judged, and the ways to judge it. */
export interface Run {
  /** The policies, each narrowed to the rules of `framework` when one was given. */
  readonly policies: readonly Policy[];
  /** What the inputs hold (only what a plan changes, with `changedOnly`); each file input's source carries its sha256. */
  readonly inventory: Inventory;
  /** What the inventory implies (topology, failover order, DNS ownership, ...), built once and shared by every consumer of the run. */
  readonly facts: Facts;
  /** The time the run judges at. */
  readonly now: Date;
  /** The inputs as given, and the directory they are relative to (fixes write next to them). */
  readonly inputs: readonly string[];
  readonly cwd: string;
  /** Judges everything at once. */
  evaluate(): Evaluation;
  /** Judges as the results are read: a report of a large fleet never holds them all. */
  evaluateStream(): ReportInput;
  /** SPEC-v1 §5's exit code for this run's verdict. */
  exitCode(summary: Summary): number;
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

/** `--now` as a date, or the clock's time when not given. */
export function judgingTime(now: string | undefined, clock: () => Date): Date {
  if (now === undefined) return clock();
  const parsed = new Date(now);
  if (Number.isNaN(parsed.getTime())) {
    throw new UserError(`--now ${JSON.stringify(now)} is not a date: give an ISO time such as 2026-11-22T10:00:00Z`);
  }
  return parsed;
}

/** The policy file used when no --policy is given. */
const DEFAULT_POLICY = "haspec.yaml";

/**
 * Where `haspec.yaml` is when no --policy is given: in `cwd` or the nearest parent that has one, up
 * to the repository root (the directory holding `.git`, a directory or a worktree's file) or, outside
 * a repository, the filesystem root; undefined when there is none. As linters find their config.
 */
export function findPolicyFile(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, DEFAULT_POLICY);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (existsSync(join(dir, ".git")) || parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The policy files to load, as reports show them: those given, else the haspec.yaml findPolicyFile
 * finds (relative to `cwd`); when there is none, a usage error, or no policy at all when `optional`.
 */
export function policyFilesOf(given: readonly string[], cwd: string, optional = false): readonly string[] {
  if (given.length > 0) return given;
  const found = findPolicyFile(cwd);
  if (found === undefined && optional) return [];
  if (found === undefined) {
    throw new UserError(
      `no policy given: pass --policy FILE (or -p), or create ${DEFAULT_POLICY} with \`haspec init\` (it is looked for in the working directory and its parents up to the repository root)`,
    );
  }
  return [relative(cwd, found)];
}

/**
 * A live scan reads the application tier only when some policy target judges it (by its kinds, or its rules' when it
 * names none): a database policy then needs no EC2 or ELB permission. Without a policy (simulate) it reads everything.
 */
function withApplicationTier(live: LiveScanOptions, policies: readonly Policy[]): LiveScanOptions {
  if (live.applicationTier !== undefined || policies.length === 0) return live;
  const tier = (kind: Parameters<typeof familyOf>[0]) => !["database", "application"].includes(familyOf(kind));
  const judged = policies.some((p) =>
    p.targets.some((t) => (t.match.kinds ? t.match.kinds.some(tier) : t.requirements.some((r) => findRule(r.ruleId)?.appliesTo.some(tier) ?? false))),
  );
  return { ...live, applicationTier: judged };
}

/** What every source may need besides the inputs: the working directory, .tf variables, the live scan. */
function sourceOptions(options: RunOptions, context: RunContext): SourceOptions {
  return { cwd: context.cwd, varFiles: options.varFiles ?? [], vars: parseVars(options.vars ?? []), env: context.env, live: options.live };
}

/** `--changed-only`: keep the resources a plan creates, updates, replaces or whose members it touches. */
function onlyChanged(inventory: Inventory): Inventory {
  if (!inventory.sources.some((s) => s.kind === "plan")) {
    throw new UserError("--changed-only needs a Terraform plan as input (terraform show -json plan.out)");
  }
  const touched = (actions: readonly string[]) => actions.some((a) => a !== "no-op" && a !== "read");
  return {
    ...inventory,
    resources: inventory.resources.filter(
      (r) => r.change !== undefined && (touched(r.change.actions) || r.change.instances.some((i) => touched(i.actions))),
    ),
  };
}

/** The database hosts the applications name, for `--resolve` (SPEC §7.4: the names applications use). */
function applicationHosts(applications: readonly Application[]): { host: string; why: string }[] {
  return applications.flatMap((a) => a.databases.filter((d) => d.live && d.host !== null).map((d) => ({ host: d.host!, why: `host of ${a.id} (${d.at.file}:${d.at.line})` })));
}

/** The inventory with the applications of `--app-config` beside its databases, each listed as a source. */
function withApplications(inventory: Inventory, applications: readonly Application[]): Inventory {
  if (applications.length === 0) return inventory;
  return {
    ...inventory,
    applications: [...(inventory.applications ?? []), ...applications],
    sources: [...inventory.sources, ...applications.map((a) => ({ kind: "app-config", location: a.path }))],
    notes: [...inventory.notes, ...applications.flatMap((a) => a.notes.map((n) => `${a.id}: ${n}`))],
  };
}

/** The policy with every target's requirements narrowed to the rules mapped to the framework. */
function onlyFramework(policy: Policy, framework: Framework): Policy {
  const rules = new Set(rulesOfFramework(framework));
  return {
    ...policy,
    targets: policy.targets.map((t) => ({ ...t, requirements: t.requirements.filter((r) => rules.has(r.ruleId)) })),
  };
}

/**
 * Loads the policies and reads the inputs (hashing file inputs for the report's evidence as they
 * are read). Throws UserError for anything the user must fix: a bad --now or --var, a missing or
 * invalid policy, an unreadable input, --changed-only without a plan.
 */
export async function openRun(options: RunOptions, context: RunContext): Promise<Run> {
  const now = judgingTime(options.now, context.now);
  // A bad --dns-server is a usage error before anything is read.
  if (options.liveDns?.server !== undefined) (await import("../sources/live-dns/server.js")).parseDnsServer(options.liveDns.server);
  const policyFiles = policyFilesOf(options.policies, context.cwd, options.policyOptional);
  // Policies first: a run with a bad policy and a bad input reports the policy.
  const policies = await Promise.all(policyFiles.map((f) => loadPolicy(f, readPolicyIn(context.cwd))));
  // A live scan's evidence is its snapshot; file inputs are hashed while the sources read them.
  const hashed = options.source === "aws" ? [] : options.inputs;
  const appConfigs = options.appConfigs ?? [];
  const databases =
    appConfigs.length > 0 && options.inputs.length === 0 && options.source !== "aws"
      ? Promise.resolve(emptyInventory("no database input was given (only --app-config)"))
      : readInputs(options.inputs, options.source, sourceOptions({ ...options, live: withApplicationTier(options.live, policies) }, context));
  const [inventory, digests, applications] = await Promise.all([
    databases,
    digestInputs(hashed, context.cwd),
    Promise.all(appConfigs.map(async (path) => (await import("../sources/app-config/index.js")).readApplication(path, { cwd: context.cwd }))),
  ]);
  const framework = options.framework;
  const judged = framework === undefined ? policies : policies.map((p) => onlyFramework(p, framework));
  const read = withApplications(withDigests(inventory, digests), applications);
  const changed = options.changedOnly ? onlyChanged(read) : read;
  const judgedInventory =
    options.liveDns === undefined
      ? changed
      : await (await import("../sources/live-dns/index.js")).resolveLive(changed, { ...options.liveDns, hosts: [...(options.liveDns.hosts ?? []), ...applicationHosts(applications)] });
  const facts = buildFacts(judgedInventory);
  const run: Run = {
    policies: judged,
    inventory: judgedInventory,
    facts,
    now,
    inputs: options.inputs,
    cwd: context.cwd,
    evaluate: () => evaluate(run.policies, run.inventory, { now, facts }),
    evaluateStream: () => evaluateStream(run.policies, run.inventory, { now, facts }),
    exitCode: (summary) => exitCodeFor(summary, options.failOnUnknown ?? false, run.inventory.gaps ?? []),
  };
  return run;
}
