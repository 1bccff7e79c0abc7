// Regenerates everything derived from the rules: docs/rules.md, README.md's rule table, the policy schema and its validator.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { rulesReference, withRulesTable } from "../src/rules/docs.js";
import { RULES } from "../src/rules/index.js";
import { renderSchemaArtifacts, SCHEMA_FILE, VALIDATOR_MODULE } from "../src/spec/policy-schema-artifacts.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { schemaJson, validatorModule } = renderSchemaArtifacts(RULES);
const readme = await readFile(join(root, "README.md"), "utf8");
const files: [string, string][] = [
  ["docs/rules.md", rulesReference(RULES)],
  ["README.md", withRulesTable(readme, RULES)],
  [SCHEMA_FILE, schemaJson],
  [VALIDATOR_MODULE, validatorModule],
];
for (const [file, text] of files) {
  const path = join(root, file);
  const before = await readFile(path, "utf8").catch(() => undefined);
  if (before === text) continue;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  console.log(`wrote ${file}`);
}
console.log(`generated from ${RULES.length} rules`);
