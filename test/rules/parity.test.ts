// Keeps the rule set whole: every rule has its file, tests, fixtures, docs and a consistent id.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rulesReference, withRulesTable } from "../../src/rules/docs.js";
import { RULES } from "../../src/rules/index.js";
import { RULE_GROUPS } from "../../src/rules/types.js";

const repo = join(import.meta.dirname, "../..");
/** changes.* are judged on Terraform plans, which this version does not read: no AWS-JSON fixtures can exercise them. */
const NO_AWS_JSON_FIXTURES = new Set(["changes.no_writer_resize_in_place", "changes.no_capacity_reduction", "changes.no_replacement", "changes.no_protection_downgrade"]);

describe("rule set parity", () => {
  it("ids are unique and spelled <group>.<key> with a known group", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.id.startsWith(`${rule.group}.`), `${rule.id} must start with its group ${rule.group}`).toBe(true);
      expect(RULE_GROUPS).toContain(rule.group);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s has a source file, a test file and fixtures", (id) => {
    const [group, key] = id.split(".");
    expect(existsSync(join(repo, "src/rules", group!, `${key}.ts`)), `add src/rules/${group}/${key}.ts`).toBe(true);
    expect(existsSync(join(repo, "test/rules", group!, `${key}.test.ts`)), `add test/rules/${group}/${key}.test.ts`).toBe(true);
    if (!NO_AWS_JSON_FIXTURES.has(id)) {
      expect(existsSync(join(repo, "test/fixtures/rules", id, "expected.json")), `add test/fixtures/rules/${id}/ with AWS CLI JSON and expected.json`).toBe(true);
    }
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

  it("docs/rules.md is generated from the rules (run `npm run gen:docs` after changing a rule)", () => {
    expect(readFileSync(join(repo, "docs/rules.md"), "utf8")).toBe(rulesReference(RULES));
  });

  it("README.md's rule table is current (run `npm run gen:docs` after changing a rule)", () => {
    const readme = readFileSync(join(repo, "README.md"), "utf8");
    expect(readme).toBe(withRulesTable(readme, RULES));
  });
});
