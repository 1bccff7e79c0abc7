// `haspec report merge`: one report from the JSON reports of sharded runs (a CI matrix per account or region).
import { JSON_INPUT_CAP, readRegularFile } from "../sources/regular-file.js";
import { UserError } from "../errors.js";
import { mergeReports } from "../report/merge.js";
import { emitReports, outputRequests } from "./emit.js";
import type { Io } from "./io.js";
import { exitCodeFor } from "../run/exit-code.js";

export interface ReportMergeOptions {
  readonly files: readonly string[];
  readonly formats: readonly string[];
  readonly output?: string;
  readonly failOnUnknown: boolean;
  readonly quiet: boolean;
}

export async function runReportMerge(options: ReportMergeOptions, io: Io): Promise<number> {
  const requests = outputRequests(options.formats, options.output);
  const files = await Promise.all(
    options.files.map(async (path) => {
      try {
        return { path, text: (await readRegularFile(path, path, JSON_INPUT_CAP)).toString("utf8") };
      } catch (cause) {
        if (cause instanceof UserError) throw cause;
        throw new UserError(`cannot read report ${path}: ${(cause as Error).message}`, [], { cause });
      }
    }),
  );
  const merged = mergeReports(files);
  await emitReports(merged, requests, io, options.quiet);
  return exitCodeFor(merged.summary(), options.failOnUnknown, merged.gaps);
}
