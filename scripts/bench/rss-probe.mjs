// Loaded with `node --import`: on exit, writes this process's peak RSS (kB) to the file named by HASPEC_BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

const target = process.env.HASPEC_BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    try {
      writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // The benchmark reports a missing figure; never change the measured program's exit.
    }
  });
}
