// Bundles the compiled CLI (dist/) into dist/bundle/ with esbuild: haspec's own modules in a few files instead of ~140, so a run loads faster.
//
// A plain bundle: packages stay ordinary imports from node_modules, and code splitting keeps every
// `await import()` lazy (yargs, the UI, the live scan, the fixer load only when used).
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "dist/bundle");

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: { main: join(ROOT, "dist/cli/main.js") },
  outdir: OUT,
  bundle: true,
  splitting: true,
  packages: "external",
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  legalComments: "none",
});
