// `haspec snapshot --out FILE`: a live scan saved as raw API shapes with capture time, for offline checks later.
import type { LiveScanOptions } from "../sources/index.js";
import { EXIT } from "../run/exit-code.js";
import type { Io } from "./io.js";
import { printable } from "../report/outside-text.js";

export async function runSnapshot(options: { out: string; live: LiveScanOptions }, io: Io): Promise<number> {
  const { writeSnapshotFile } = await import("../sources/snapshot/index.js");
  const summary = await writeSnapshotFile(options.live, options.out);
  io.stdout.write(`${printable(summary)}\n`);
  return EXIT.ok;
}
