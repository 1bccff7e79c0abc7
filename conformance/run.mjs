#!/usr/bin/env node
// `npm run conformance [-- PATH]`: runs the conformance suite over the corpus at PATH (else $HASPEC_CORPUS, else ../shared/corpus
// beside the repository). A missing corpus is an error, never an empty pass.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

const repo = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const given = args[0] !== undefined && !args[0].startsWith("-") ? args.shift() : undefined;
const corpus = path.resolve(given ?? process.env.HASPEC_CORPUS ?? path.join(repo, "../shared/corpus"));
const SUBDIRS = ["checkov", "trivy", "plan-json", "aws-recorded"];

const fail = (message) => {
  process.stderr.write(`conformance: ${message}\n`);
  process.stderr.write("usage: npm run conformance [-- PATH]   (PATH defaults to $HASPEC_CORPUS, else ../shared/corpus beside the repository)\n");
  process.exit(2);
};
if (!existsSync(corpus) || !statSync(corpus).isDirectory()) fail(`corpus not found at ${corpus}: the suite needs the conformance corpus (${SUBDIRS.map((d) => `${d}/`).join(", ")})`);
const missing = SUBDIRS.filter((d) => !existsSync(path.join(corpus, d)));
if (missing.length > 0) fail(`corpus at ${corpus} has no ${missing.map((d) => `${d}/`).join(", ")}`);

process.stdout.write(`Conformance corpus: ${corpus}\n`);
const vitest = path.join(repo, "node_modules/vitest/vitest.mjs");
const run = spawnSync(process.execPath, [vitest, "run", "--config", path.join(repo, "conformance/vitest.config.ts"), ...args], {
  cwd: repo,
  stdio: "inherit",
  env: { ...process.env, HASPEC_CORPUS: corpus, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
});
if (run.error) fail(`could not start vitest: ${run.error.message}`);
process.exit(run.status ?? 1);
