// Bench for `haspec fix`: emitting fixes for a 1,000-cluster fleet, then tsc and cdktf synth of the emitted project.
import { existsSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fmtMb, fmtMs, fmtRatio, measure, table } from "./measure.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `fleetDir` is an AWS-JSON fleet (bench.mjs generates .bench/fleet-1000); `policy` the bench policy. */
export async function benchFix({ fleetDir, policy, runs = 3 }) {
  if (!existsSync(fleetDir)) {
    process.stdout.write(`fix: ${relative(ROOT, fleetDir)} is missing (run the bench with --sizes including 1000)\n`);
    return;
  }
  const bin = join(ROOT, "bin/haspec.js");
  const out = join(ROOT, ".bench", "fix-out");
  rmSync(out, { recursive: true, force: true });
  const check = measure("check", [bin, "check", fleetDir, "-p", policy, "--format", "json", "--output", "/dev/null"], runs, [0, 1]);
  const fix = measure("fix", [bin, "fix", fleetDir, "-p", policy, "--out", out, "-q"], runs, [0]);
  const readme = existsSync(join(out, "README.md")) ? readFileSync(join(out, "README.md"), "utf8") : "";
  const changed = /- (\d+) resources? changed; (\d+) failing rule results? pass/.exec(readme);
  const project = join(out, "cdktf");
  let tsc = { failed: "no project written" };
  let synth = { failed: "no project written" };
  if (existsSync(join(project, "main.ts"))) {
    if (!existsSync(join(project, "node_modules"))) symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
    tsc = measure("tsc", [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(project, "tsconfig.json")], 1, [0]);
    // Inside the project, so cdktf.out lands there, as `npx tsx main.ts` would.
    synth = measure("synth", ["--import", "tsx", "main.ts"], 1, [0], project);
  }
  const rows = [
    ["check (same fleet)", check.failed ?? `${fmtMs(check.ms)}, ${fmtMb(check.rssKb)}`],
    [
      "fix (plan, re-check, write CDKTF + HCL)",
      fix.failed ?? `${fmtMs(fix.ms)}, ${fmtMb(fix.rssKb)} = ${fmtRatio(fix.ms / check.ms)} of check${changed ? `; ${changed[1]} resources changed, ${changed[2]} results fixed` : ""}`,
    ],
    ["tsc --noEmit of the emitted project", tsc.failed ?? `${fmtMs(tsc.ms)}, ${fmtMb(tsc.rssKb)}`],
    ["cdktf synth (tsx main.ts)", synth.failed ?? `${fmtMs(synth.ms)}, ${fmtMb(synth.rssKb)}`],
  ];
  process.stdout.write(table(["fix: 1,000-cluster fleet", "measured"], rows) + "\n");
}
