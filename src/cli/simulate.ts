// `haspec simulate`: reads the inputs like check, simulates the disruptions asked for, and writes the simulation in one format.
import { EXIT } from "../run/exit-code.js";
import { openRun, type RunOptions } from "../run/session.js";
import { simulateRun } from "../run/simulation.js";
import { SIMULATION_RENDERERS, type SimulationFormat } from "../report/simulation.js";
import { chooseStyle, PLAIN } from "../report/style.js";
import { writeBuffered, writeReportFile } from "./emit.js";
import type { Io } from "./io.js";

export interface SimulateOptions extends RunOptions {
  /** `--fail` values: `writer`, `instance:ID`, `az:NAME`, `region:NAME`; none: each resource's writer, AZ and region. */
  readonly fail: readonly string[];
  readonly format: SimulationFormat;
  readonly output?: string;
  readonly quiet: boolean;
}

/** Exit 1 when some judged objective fails, 2 for what the user must fix (thrown as UserError), else 0 (SPEC §6.2). */
export async function runSimulate(options: SimulateOptions, io: Io): Promise<number> {
  const { parseDisruption } = await import("../simulate/index.js");
  // A bad --fail is a usage error before anything is read.
  const disruptions = options.fail.map(parseDisruption);
  const run = await openRun({ ...options, policyOptional: true }, io);
  const report = await simulateRun(run, disruptions);
  const render = await SIMULATION_RENDERERS[options.format]();
  if (options.output !== undefined) {
    writeReportFile(options.output, render(report, PLAIN));
  } else if (!options.quiet) {
    writeBuffered(render(report, chooseStyle(Boolean(io.stdout.isTTY), io.env)), (text) => io.stdout.write(text));
  }
  return report.summary.objectivesFailed > 0 ? EXIT.violations : EXIT.ok;
}
