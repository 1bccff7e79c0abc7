// Writes one evaluation in every requested format: `--format F` (stdout or --output) or `--format F=FILE` (repeatable).
import { closeSync, openSync, writeSync } from "node:fs";
import { reportInput, type ReportInput } from "../engine/result.js";
import { UserError } from "../errors.js";
import { REPORTERS } from "../report/index.js";
import { chooseStyle, PLAIN } from "../report/style.js";
import { summaryLine } from "../report/text.js";
import type { Io } from "./io.js";

/** One requested output: a format, and a file or (undefined) stdout. */
export interface OutputRequest {
  readonly format: string;
  readonly file?: string;
}

/** `--format` values (`json`, `sarif=out.sarif`) and `--output` into output requests; unknown formats are usage errors. */
export function outputRequests(formats: readonly string[], output: string | undefined): OutputRequest[] {
  const requests = (formats.length > 0 ? formats : ["text"]).map((value): OutputRequest => {
    const eq = value.indexOf("=");
    return eq < 0 ? { format: value } : { format: value.slice(0, eq), file: value.slice(eq + 1) };
  });
  for (const r of requests) {
    if (!REPORTERS[r.format]) {
      throw new UserError(`--format ${r.format} is not known (choose one of ${Object.keys(REPORTERS).join(", ")}; FORMAT=FILE writes it to FILE)`);
    }
    if (r.file === "") throw new UserError(`--format ${r.format}= needs a file name after the =`);
  }
  const toStdout = requests.filter((r) => r.file === undefined);
  if (output !== undefined) {
    if (toStdout.length !== 1) throw new UserError("--output goes with exactly one --format without =FILE; write the others as --format FORMAT=FILE");
    return requests.map((r) => (r.file === undefined ? { format: r.format, file: output } : r));
  }
  if (toStdout.length > 1) throw new UserError("only one format can go to stdout: write the others as --format FORMAT=FILE");
  return requests;
}

/** Joins small chunks into writes of about 1 MB. */
export function writeBuffered(chunks: Iterable<string>, write: (text: string) => void): void {
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

/** Writes the chunks to a file; a file that cannot be opened is a usage error naming it. */
export function writeReportFile(path: string, chunks: Iterable<string>): void {
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
 * Renders the evaluation in every requested format. One output streams straight from the engine;
 * several need the results kept, since the engine's stream can be read only once.
 */
export async function emitReports(evaluation: ReportInput, requests: readonly OutputRequest[], io: Io, quiet: boolean): Promise<void> {
  const input: ReportInput =
    requests.length > 1 ? reportInput({ ...evaluation, results: [...evaluation.results], summary: evaluation.summary() }) : evaluation;
  const terminalStyle = chooseStyle(Boolean(io.stdout.isTTY), io.env);
  let wroteStdout = false;
  for (const r of requests) {
    const render = await REPORTERS[r.format]!();
    if (r.file !== undefined) {
      writeReportFile(r.file, render(input, { style: PLAIN }));
    } else if (!quiet) {
      writeBuffered(render(input, { style: terminalStyle }), (text) => io.stdout.write(text));
      wroteStdout = true;
    }
  }
  if (requests.length === 1 && quiet && requests[0]!.file === undefined) {
    for (const _ of input.results); // judge everything for the exit code
  }
  if (!wroteStdout && !quiet) io.stdout.write(`${summaryLine(input.summary(), terminalStyle)}\n`);
}
