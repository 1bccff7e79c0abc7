// Writes the policy JSON Schema and its precompiled validator from RULES (run: npx tsx scripts/gen-schema.ts).
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RULES } from "../src/rules/index.js";
import { renderSchemaArtifacts, SCHEMA_FILE, VALIDATOR_MODULE } from "../src/spec/policy-schema-artifacts.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { schemaJson, validatorModule } = renderSchemaArtifacts(RULES);
for (const [file, text] of [
  [SCHEMA_FILE, schemaJson],
  [VALIDATOR_MODULE, validatorModule],
] as const) {
  const path = resolve(root, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  console.log(`wrote ${file}`);
}
