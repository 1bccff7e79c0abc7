// `haspec check`: opens a run, then renders its evaluation in the requested formats or the interactive UI.
import { chooseStyle } from "../report/style.js";
import { summaryLine } from "../report/text.js";
import type { ReportInput } from "../engine/result.js";
import { openRun, type Run, type RunOptions } from "../run/session.js";
import { emitReports, outputRequests, type OutputRequest } from "./emit.js";
import { chooseInterface } from "./interactive.js";
import type { Io } from "./io.js";

export interface CheckOptions extends RunOptions {
  /** `--format` values: `json`, or `sarif=out.sarif` to write that format to a file (repeatable). */
  readonly formats: readonly string[];
  readonly output?: string;
  readonly interactive?: boolean;
  readonly quiet: boolean;
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
  const run = await openRun(options, io);
  const requests = outputRequests(options.formats, options.output);
  const evaluation = await withSimulation(run, run.evaluateStream(), requests);
  await emitReports(evaluation, requests, io, options.quiet);
  return run.exitCode(evaluation.summary());
}

/** The rules whose verdicts rest on the failure simulation (SPEC §6.3). */
const SIMULATED_RULES = new Set(["objectives.rto", "objectives.rpo"]);

/**
 * The evaluation with the run's failure simulation when the audit HTML report is asked for and the
 * policies judge recovery objectives: the report then shows the scenarios behind those verdicts.
 */
async function withSimulation(run: Run, evaluation: ReportInput, requests: readonly OutputRequest[]): Promise<ReportInput> {
  if (!requests.some((r) => r.format === "html")) return evaluation;
  // The drill records given as inputs: the audit report shows each cluster's newest.
  if ((run.inventory.drills ?? []).length > 0) evaluation = { ...evaluation, drills: run.inventory.drills! };
  if (!run.policies.some((p) => p.targets.some((t) => t.requirements.some((r) => SIMULATED_RULES.has(r.ruleId))))) return evaluation;
  const { simulateRun } = await import("../run/simulation.js");
  const { assumptions, scenarios } = await simulateRun(run, []);
  // The scenarios whose objectives were judged; all of them if the judge set none.
  const judged = scenarios.filter((s) => s.objectives !== undefined);
  return { ...evaluation, simulation: { assumptions, scenarios: judged.length > 0 ? judged : scenarios } };
}

/**
 * The interactive UI: it opens at once (showing a live scan's progress) while the inputs are read
 * and judged in full, and returns the exit code the text report would have given.
 */
async function checkInteractively(options: CheckOptions, io: Io): Promise<number> {
  const { progressFeed } = await import("../tui/progress-feed.js");
  const progress = options.live.progress === undefined ? undefined : progressFeed();
  const live = progress === undefined ? options.live : { ...options.live, progress: progress.stream };
  const judged = openRun({ ...options, live }, io).then((run) => ({ run, evaluation: run.evaluate() }));
  const loading = judged.then(({ run, evaluation }) => ({
    evaluation,
    resources: run.inventory.resources,
    scenarios: async (address: string) => (await import("../run/simulation.js")).simulateResourceAt(run, address),
  }));
  // The UI reports a loading failure when it ends; until it has subscribed, don't let Node call the rejection unhandled.
  loading.catch(() => undefined);
  judged.catch(() => undefined);
  const { runTui } = await import("../tui/index.js");
  const { fixActions } = await import("./fix-actions.js");
  await runTui({
    data: loading,
    progress,
    fixes: fixActions(judged),
    stdout: io.stdout as NodeJS.WriteStream,
    stdin: io.stdin!,
    stderr: io.stderr as NodeJS.WriteStream,
    env: io.env,
    cwd: io.cwd,
  });
  const { run, evaluation } = await judged;
  // The terminal is back as it was before the UI: leave the verdict on it.
  io.stdout.write(`${summaryLine(evaluation.summary, chooseStyle(true, io.env))}\n`);
  return run.exitCode(evaluation.summary);
}
