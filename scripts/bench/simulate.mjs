// Bench for `haspec simulate`: the 10,000-cluster fleet under the loss of every AZ of its regions, against `check` of the same fleet.
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { REGION_INFO } from "./aws-records.mjs";
import { fmtMb, fmtMs, fmtRatio, measureInterleaved, table, verdict } from "./measure.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** simulate of every AZ ≤ 2× check of the same fleet (issue 20). */
export const SIMULATE_VS_CHECK = 2;

/** `fleetDir` is an AWS-JSON fleet (bench.mjs generates .bench/fleet-10000); `policy` the bench policy. */
export async function benchSimulate({ fleetDir, policy, runs = 3, bin = join(ROOT, "bin/haspec.js") }) {
  if (!existsSync(fleetDir)) {
    process.stdout.write(`simulate: ${relative(ROOT, fleetDir)} is missing (run the bench with --sizes including 10000)\n`);
    return;
  }
  const azs = Object.values(REGION_INFO).flatMap((r) => r.azs);
  const fails = azs.flatMap((az) => ["--fail", `az:${az}`]);
  // Taking turns: the ratio compares runs made under the same load.
  const [check, simulate] = measureInterleaved(
    [
      { label: "check", args: [bin, "check", fleetDir, "-p", policy, "--format", "json", "--output", "/dev/null"], okCodes: [0, 1] },
      { label: "simulate", args: [bin, "simulate", fleetDir, "-p", policy, ...fails, "--format", "json", "--output", "/dev/null"], okCodes: [0, 1] },
    ],
    runs,
  );
  const ratio = !check.failed && !simulate.failed ? simulate.ms / check.ms : null;
  const rows = [
    ["check (same fleet)", check.failed ?? `${fmtMs(check.ms)}, ${fmtMb(check.rssKb)}`, ""],
    [
      `simulate, ${azs.length} AZs (${azs.join(", ")})`,
      simulate.failed ?? `${fmtMs(simulate.ms)}, ${fmtMb(simulate.rssKb)} = ${fmtRatio(ratio)} of check (target ≤ ${SIMULATE_VS_CHECK}×)`,
      verdict(ratio == null ? null : ratio <= SIMULATE_VS_CHECK),
    ],
  ];
  process.stdout.write(table([`simulate: ${relative(ROOT, fleetDir)}`, "measured", ""], rows) + "\n");
}
