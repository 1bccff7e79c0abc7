// Writes docs/rules.md from the rule definitions (the parity test checks it is current).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { rulesReference } from "../src/rules/docs.js";
import { RULES } from "../src/rules/index.js";

const target = join(import.meta.dirname, "../docs/rules.md");
writeFileSync(target, rulesReference(RULES));
console.log(`wrote ${target} (${RULES.length} rules)`);
