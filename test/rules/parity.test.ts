// Keeps the rule set whole: every rule file on disk is in the index, and every rule has its test, fixtures, docs, schema entry and controls.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { rulesReference, withRulesTable } from "../../src/rules/docs.js";
import { RULES } from "../../src/rules/index.js";
import { placeholders, SHARED_MESSAGES } from "../../src/rules/messages.js";
import { RULE_GROUPS } from "../../src/rules/types.js";
import { SCHEMA_FILE } from "../../src/spec/policy-schema-artifacts.js";

const repo = join(import.meta.dirname, "../..");
/** changes.* are judged on Terraform plans, which the AWS-JSON source does not read: their fixtures are plans (test/fixtures/plans). */
const NO_AWS_JSON_FIXTURES = new Set([
  "changes.no_writer_resize_in_place",
  "changes.no_capacity_reduction",
  "changes.no_replacement",
  "changes.no_protection_downgrade",
  // clients.* judge applications (--app-config), not databases: their fixtures are applications under test/fixtures/apps.
  "clients.max_dns_cache",
  "clients.max_pool_lifetime",
  "clients.no_instance_endpoints",
  "clients.failover_aware",
  "clients.proxies_re_resolve",
]);

/** Helpers that live with their group's rules and are not rules themselves. */
const NOT_RULE_FILES = new Set(["objectives.judge"]);

/** Every rule file on disk, as `<group>.<key>`: `src/rules/<group>/<key>.ts` outside `lib/` (and the group helpers above). */
function ruleFilesOnDisk(): string[] {
  const root = join(repo, "src/rules");
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "lib")
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => f.endsWith(".ts"))
        .map((f) => `${d.name}.${f.slice(0, -3)}`)
        .filter((id) => !NOT_RULE_FILES.has(id)),
    )
    .sort();
}

function exportName(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

describe("rule set parity", () => {
  it("every rule file under src/rules/<group>/ is in the index", () => {
    const indexed = new Set(RULES.map((r) => r.id));
    const missing = ruleFilesOnDisk().filter((id) => !indexed.has(id));
    const what = missing.map((id) => {
      const [group, key] = id.split(".") as [string, string];
      return `src/rules/${group}/${key}.ts: add \`import { ${exportName(key)} } from "./${group}/${key}.js";\` to src/rules/index.ts and list ${exportName(key)} in RULES (npm run new-rule -- ${id} does both)`;
    });
    expect(what, "rule files the index does not list").toEqual([]);
  });

  it("every rule in the index lives in src/rules/<group>/<key>.ts under its own id", () => {
    const onDisk = new Set(ruleFilesOnDisk());
    const astray = RULES.filter((r) => !onDisk.has(r.id)).map((r) => `${r.id}: move it to src/rules/${r.id.replace(".", "/")}.ts`);
    expect(astray).toEqual([]);
  });

  it("ids are unique and spelled <group>.<key> with a known group", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id.startsWith(`${rule.group}.`), `${rule.id} must start with its group ${rule.group}`).toBe(true);
      expect(RULE_GROUPS).toContain(rule.group);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s has a test file, fixtures, a schema entry and a controls field", (id, rule) => {
    const [group, key] = id.split(".");
    expect(existsSync(join(repo, "test/rules", group!, `${key}.test.ts`)), `add test/rules/${group}/${key}.test.ts`).toBe(true);
    if (!NO_AWS_JSON_FIXTURES.has(id)) {
      expect(existsSync(join(repo, "test/fixtures/rules", id, "expected.json")), `add test/fixtures/rules/${id}/ with AWS CLI JSON and expected.json`).toBe(true);
    }
    const schema = JSON.parse(readFileSync(join(repo, SCHEMA_FILE), "utf8")) as unknown;
    expect(JSON.stringify(schema).includes(`"${key}":`), `${SCHEMA_FILE} has no entry for ${id}: run \`npm run gen\``).toBe(true);
    expect(Array.isArray(rule.controls), `${id}: add \`controls: [...]\` (an empty list when no control fits)`).toBe(true);
    expect(readFileSync(join(repo, "docs/rules.md"), "utf8")).toContain(`## \`${id}\``);
  });

  it("describes itself fully", () => {
    for (const rule of RULES) {
      expect(rule.title.length, `${rule.id} needs a title`).toBeGreaterThan(10);
      expect(rule.why.length, `${rule.id} needs a why`).toBeGreaterThan(40);
      expect(rule.fixHint.length, `${rule.id} needs a fix hint`).toBeGreaterThan(10);
      expect(rule.appliesTo.length).toBeGreaterThan(0);
      expect(rule.optionSchema).toHaveProperty("type");
    }
  });

  it("docs/rules.md is generated from the rules (run `npm run gen` after changing a rule)", () => {
    expect(readFileSync(join(repo, "docs/rules.md"), "utf8")).toBe(rulesReference(RULES));
  });

  it("README.md's rule table is current (run `npm run gen` after changing a rule)", () => {
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    expect(readme).toBe(withRulesTable(readme, RULES));
  });
});

describe("what rules own stays with them", () => {
  const files = (dir: string): string[] =>
    readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
      .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
      .map((d) => join(d.parentPath, d.name));

  it("src/fix names no rule and does not look rules up", () => {
    const id = new RegExp(`["'\`](${RULE_GROUPS.join("|")})\\.[a-z_]+["'\`]`);
    for (const file of files("src/fix")) {
      const text = readFileSync(file, "utf8");
      expect(id.exec(text)?.[0], `${file} names a rule id: state what it needs in the rule's remedy instead`).toBeUndefined();
      expect(text, file).not.toMatch(/findRule|rules\/index\.js/);
    }
  });

  it("src/fix reaches into no source adapter's internals: only the Terraform builder's public entry, for the re-check", () => {
    for (const file of files("src/fix")) {
      const imports = [...readFileSync(file, "utf8").matchAll(/from "(\.\.\/sources\/[^"]+)"/g)].map((m) => m[1]);
      // The re-check reads the generated blocks through the Terraform model builder: the same reading `haspec check` does;
      // the `.tf` patch reads module declarations (calls, inputs, resource bodies) through the hcl source's public entry.
      const allowed = ["../sources/terraform/index.js", "../sources/hcl/index.js"];
      expect(imports.filter((i) => !allowed.includes(i!)), file).toEqual([]);
    }
  });

  it("src/report and src/tui take rule metadata from the evaluation, not the registry", () => {
    for (const file of [...files("src/report"), ...files("src/tui")]) {
      expect(readFileSync(file, "utf8"), file).not.toMatch(/rules\/index\.js|rules\/controls\.js|findRule/);
    }
  });
});

/**
 * The message ids a source file names where a verdict is made: the first argument of `pass(…)`/`fail(…)` and the value
 * of anything called `messageId`, string literals in conditionals included. The types already stop `check` from naming an
 * undeclared id; this scan also finds the declared templates nothing names any more.
 */
function messageIdsNamedIn(file: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const ids = new Set<string>();
  const literals = (node: ts.Node | undefined): void => {
    if (node === undefined) return;
    if (ts.isStringLiteral(node)) ids.add(node.text);
    else if (ts.isConditionalExpression(node)) [node.whenTrue, node.whenFalse].forEach(literals);
    else if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) literals(node.expression);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ["pass", "fail"].includes(node.expression.text)) literals(node.arguments[0]);
    if ((ts.isVariableDeclaration(node) || ts.isPropertyAssignment(node)) && node.name.getText(source) === "messageId") literals(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return ids;
}

/** The rule file and the src/rules/lib helpers it imports (they make verdicts with the templates the rule declares). */
function ruleSourceFiles(id: string): string[] {
  const file = join(repo, "src/rules", `${id.replace(".", "/")}.ts`);
  const libs = [...readFileSync(file, "utf8").matchAll(/from "\.\.\/lib\/([\w-]+)\.js"/g)].map((m) => join(repo, "src/rules/lib", `${m[1]}.ts`));
  return [file, ...libs];
}

describe("rule messages", () => {
  it.each(RULES.map((r) => [r.id, r] as const))("%s declares every message its check names and names every message it declares", (id, rule) => {
    const named = new Set(ruleSourceFiles(id).flatMap((f) => [...messageIdsNamedIn(f)]));
    const declared = Object.keys(rule.messages);
    expect(declared.length, `${id}: declare its messages as templates in \`messages: { … }\``).toBeGreaterThan(0);
    expect(
      declared.filter((m) => !named.has(m)),
      `${id}: templates nothing in the rule (or the src/rules/lib helpers it imports) names: remove them, or pass their id to pass()/fail()`,
    ).toEqual([]);
    const local = [...messageIdsNamedIn(ruleSourceFiles(id)[0]!)].filter((m) => /^[a-z][A-Za-z0-9]*$/.test(m));
    expect(
      local.filter((m) => !declared.includes(m) && !Object.hasOwn(SHARED_MESSAGES, m)),
      `${id}: message ids its check names but \`messages\` does not declare`,
    ).toEqual([]);
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s writes templates with {{name}} placeholders only, and does not shadow a shared one", (id, rule) => {
    for (const [messageId, template] of Object.entries(rule.messages)) {
      expect(Object.hasOwn(SHARED_MESSAGES, messageId), `${id}: ${messageId} is a shared template (src/rules/messages.ts); name yours differently`).toBe(false);
      expect(template, `${id}.${messageId}: a template, not an interpolated string`).not.toMatch(/\$\{/);
      expect(template.replace(/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g, ""), `${id}.${messageId}: only {{name}} placeholders`).not.toMatch(/\{\{|\}\}/);
      expect(placeholders(template).every((p) => p.length > 0)).toBe(true);
    }
  });
});
