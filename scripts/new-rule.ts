// Scaffolds a rule: `npm run new-rule -- group.key` writes the rule, its test, its fixture folder and its index entry.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RULE_GROUPS } from "../src/rules/types.js";

/** What the scaffold writes, relative to the repository root, for one rule id. */
export function ruleFiles(id: string): Record<string, string> {
  const [group, key] = id.split(".") as [string, string];
  const name = exportName(key);
  return {
    [`src/rules/${group}/${key}.ts`]: `// ${id}: TODO one line saying what holds when this rule passes.
import { setAttribute } from "../remedy.js";
import { fail, judgeKnown, pass } from "../lib/verdict.js";
import { defineRule } from "../types.js";

export const ${name} = defineRule<boolean>()({
  id: "${id}",
  group: "${group}",
  title: "TODO the desired condition, e.g. Deletion protection is on",
  why: "TODO what goes wrong for availability when it does not hold, in plain words, and where the default stands.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: { api: ["TODO DBCluster.Field"], terraform: ["TODO aws_rds_cluster.attribute"] },
  fixHint: "TODO the Terraform attribute and value that make it pass.",
  // The compliance controls it evidences (import them from ../control-catalog.js); [] when none fits.
  controls: [],
  optionSchema: { type: "boolean" },
  example: true,
  // The messages, as templates: check() names one by id and fills its {{placeholders}} with data.
  // Message order: the value, the consequence, the fix.
  messages: {
    notRequired: "the policy sets ${id} = false: no requirement",
    holds: "TODO the value, when it holds, e.g. {{resource}} has it on",
    fails: "TODO the value: the consequence; set {{attribute}} = true",
  },
  check(resource, required) {
    if (!required) return pass("notRequired", undefined, { expected: false });
    // TODO the model field this rule reads (a Value: known, or unknown with its reason).
    return judgeKnown(resource.deletionProtection, (on) => {
      const details = { expected: true, actual: on, evidence: [{ field: "TODO DBCluster.Field", value: on }] };
      if (on) return pass("holds", { resource: resource.id }, details);
      return fail("fails", { attribute: "TODO_attribute" }, {
        ...details,
        diff: { attribute: "TODO_attribute", from: "false", to: "true" },
        // What \`haspec fix\` writes: see src/rules/remedy.ts for the other kinds (topology, parameters, DNS, SQL, manual).
        remedies: [
          setAttribute({
            attribute: "TODO_attribute",
            from: on,
            to: true,
            resourceType: resource.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster",
          }),
        ],
      });
    }, "TODO what the value is");
  },
});
`,
    [`test/rules/${group}/${key}.test.ts`]: `import { describe, expect, it } from "vitest";
import { ${name} } from "../../../src/rules/${group}/${key}.js";
import { context, resource } from "../../support/build.js";

describe("${id}", () => {
  it("TODO passes when …", () => {
    expect(${name}.check(resource(), true, context()).status).toBe("pass");
  });

  it("TODO fails when …, with its remedy", () => {
    const v = ${name}.check(resource({ deletionProtection: false }), true, context());
    // Assert the message id and its data, not the wording.
    expect(v).toMatchObject({ status: "fail", messageId: "fails", data: { attribute: "TODO_attribute" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "set-attribute", to: true })]);
  });
});
`,
    // A fixture folder read by the AWS-JSON source: AWS CLI output, and the verdict expected per resource.
    [`test/fixtures/rules/${id}/describe-db-clusters.json`]: `${JSON.stringify(
      {
        DBClusters: [
          {
            DBClusterIdentifier: "todo-failing",
            DBClusterArn: "arn:aws:rds:us-east-1:123456789012:cluster:todo-failing",
            Engine: "aurora-mysql",
            EngineVersion: "8.0.mysql_aurora.3.05.2",
            DeletionProtection: false,
            DBClusterMembers: [],
          },
        ],
      },
      null,
      2,
    )}\n`,
    [`test/fixtures/rules/${id}/expected.json`]: `${JSON.stringify({ option: true, expected: { "todo-failing": "fail" } }, null, 2)}\n`,
  };
}

function exportName(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The index with the rule imported and listed at the end of its group (or of RULES). */
export function withIndexEntry(index: string, id: string): string {
  const [group, key] = id.split(".") as [string, string];
  const name = exportName(key);
  const importLine = `import { ${name} } from "./${group}/${key}.js";`;
  if (index.includes(importLine)) return index;
  const lines = index.split("\n");
  const imports = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith("import "));
  const sameGroup = imports.filter(([l]) => l.includes(`"./${group}/`));
  const after = (sameGroup.at(-1) ?? imports.filter(([l]) => l.includes('"./')).at(-1) ?? imports.at(-1)!)[1];
  lines.splice(after + 1, 0, importLine);
  const start = lines.findIndex((l) => l.startsWith("export const RULES"));
  const end = lines.findIndex((l, i) => i > start && l.startsWith("];"));
  if (start < 0 || end < 0) throw new Error("src/rules/index.ts has no `export const RULES … = [ … ];` list to add to");
  const groupNames = new Set(sameGroup.map(([l]) => /import \{ (\w+) \}/.exec(l)?.[1]));
  let at = end;
  for (let i = start + 1; i < end; i++) if (groupNames.has(lines[i]!.trim().replace(/,$/, ""))) at = i + 1;
  lines.splice(at, 0, `  ${name},`);
  return lines.join("\n");
}

/** Writes the scaffold under `root`; returns the paths written and the ones left alone because they exist. */
export function scaffoldRule(root: string, id: string): { written: string[]; kept: string[] } {
  const [group, key] = id.split(".");
  if (!group || !key || !(RULE_GROUPS as readonly string[]).includes(group) || !/^[a-z][a-z0-9_]*$/.test(key)) {
    throw new Error(`usage: npm run new-rule -- <group>.<key>   (group one of ${RULE_GROUPS.join(", ")}; key in snake_case)`);
  }
  const written: string[] = [];
  const kept: string[] = [];
  for (const [path, text] of Object.entries(ruleFiles(id))) {
    const full = join(root, path);
    if (existsSync(full)) {
      kept.push(path);
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    written.push(path);
  }
  const indexPath = join(root, "src/rules/index.ts");
  const index = readFileSync(indexPath, "utf8");
  const updated = withIndexEntry(index, id);
  if (updated !== index) {
    writeFileSync(indexPath, updated);
    written.push("src/rules/index.ts");
  }
  return { written, kept };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const id = process.argv[2] ?? "";
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  try {
    const { written, kept } = scaffoldRule(root, id);
    for (const p of written) console.log(`wrote ${p}`);
    for (const p of kept) console.log(`${p} exists; not overwritten`);
    console.log(`\nNext: fill in the TODOs and the fixture (AWS CLI JSON, expected.json), then \`npm run gen\` (docs and schema) and \`npx vitest run test/rules\`.`);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
