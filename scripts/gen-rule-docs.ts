// Writes docs/rules.md and README.md's rule table from the rule definitions (the parity test checks both are current).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { rulesReference, withRulesTable } from "../src/rules/docs.js";
import { RULES } from "../src/rules/index.js";

const repo = join(import.meta.dirname, "..");
writeFileSync(join(repo, "docs/rules.md"), rulesReference(RULES));
const readme = join(repo, "README.md");
writeFileSync(readme, withRulesTable(readFileSync(readme, "utf8"), RULES));
console.log(`wrote docs/rules.md and the rule table of README.md (${RULES.length} rules)`);
