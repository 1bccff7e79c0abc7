// Scaffolds a rule: `npm run new-rule -- group.key` writes the rule, its test, a fixture folder, and prints the index line.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_GROUPS } from "../src/rules/types.js";

const id = process.argv[2] ?? "";
const [group, key] = id.split(".");
if (!group || !key || !(RULE_GROUPS as readonly string[]).includes(group) || !/^[a-z][a-z0-9_]*$/.test(key)) {
  console.error(`usage: npm run new-rule -- <group>.<key>   (group one of ${RULE_GROUPS.join(", ")})`);
  process.exit(2);
}
const exportName = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const repo = join(import.meta.dirname, "..");
const files: Record<string, string> = {
  [`src/rules/${group}/${key}.ts`]: `// ${id}: TODO one line saying what holds when this rule passes.
import { fail, pass } from "../lib/verdict.js";
import { defineRule } from "../types.js";

export const ${exportName} = defineRule<boolean>({
  id: "${id}",
  group: "${group}",
  title: "TODO the desired condition",
  why: "TODO what goes wrong for availability when it does not hold",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: { api: [], terraform: [] },
  fixHint: "TODO the Terraform attribute and value that make it pass",
  optionSchema: { type: "boolean" },
  example: true,
  check(resource, option) {
    return option ? fail(\`TODO \${resource.id}\`) : pass("switched off in the policy");
  },
});
`,
  [`test/rules/${group}/${key}.test.ts`]: `import { describe, expect, it } from "vitest";
import { ${exportName} } from "../../../src/rules/${group}/${key}.js";
import { context, resource } from "../../support/build.js";

describe("${id}", () => {
  it("TODO passes when …", () => {
    expect(${exportName}.check(resource(), true, context()).status).toBe("pass");
  });
});
`,
  [`test/fixtures/rules/${id}/expected.json`]: `{ "option": true, "expected": {} }\n`,
};
for (const [path, text] of Object.entries(files)) {
  const full = join(repo, path);
  if (existsSync(full)) {
    console.error(`${path} exists; not overwritten`);
    continue;
  }
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, text);
  console.log(`wrote ${path}`);
}
console.log(`\nNow add to src/rules/index.ts:\n  import { ${exportName} } from "./${group}/${key}.js";\nand list ${exportName} in RULES; then npm run gen:docs and npx tsx scripts/gen-schema.ts.`);
