// `e`: the results on screen written as the JSON and Markdown reports, by the same renderers as --format.
import { writeFile as writeFileToDisk } from "node:fs/promises";
import { join } from "node:path";
import { reportInput, type Evaluation } from "../engine/result.js";
import { REPORTERS } from "../report/index.js";
import { PLAIN } from "../report/style.js";
import { narrowEvaluation, type ResultEntry } from "./model.js";

/** The files `e` writes in the working directory, by report format. */
const VIEW_FILES = { json: "haspec-view.json", markdown: "haspec-view.md" } as const;

export type WriteFile = (path: string, text: string) => Promise<void>;

/** Writes the report of these results (the evaluation's header, their own summary) in each format; returns the file names. */
export async function exportView(
  evaluation: Evaluation,
  entries: readonly ResultEntry[],
  dir: string,
  writeFile: WriteFile = (path, text) => writeFileToDisk(path, text, "utf8"),
): Promise<string[]> {
  const view = narrowEvaluation(evaluation, entries);
  const written: string[] = [];
  for (const [format, name] of Object.entries(VIEW_FILES)) {
    const render = await REPORTERS[format]!();
    await writeFile(join(dir, name), [...render(reportInput(view), { style: PLAIN })].join(""));
    written.push(name);
  }
  return written;
}
