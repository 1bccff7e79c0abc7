// `npm run new-rule` writes a rule that the index lists, that judges and states its remedy, with its test and fixture folder.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scaffoldRule, withIndexEntry } from "../../scripts/new-rule.js";
import type { Rule } from "../../src/rules/types.js";
import { context, resource } from "../support/build.js";

const repo = join(import.meta.dirname, "../..");
const copy = mkdtempSync(join(tmpdir(), "haspec-new-rule-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("npm run new-rule", () => {
  cpSync(join(repo, "src"), join(copy, "src"), { recursive: true });
  const first = scaffoldRule(copy, "backup.scaffolded_example");

  it("writes the rule, its test, its fixture folder and its index entry", () => {
    expect(first.written.sort()).toEqual([
      "src/rules/backup/scaffolded_example.ts",
      "src/rules/index.ts",
      "test/fixtures/rules/backup.scaffolded_example/describe-db-clusters.json",
      "test/fixtures/rules/backup.scaffolded_example/expected.json",
      "test/rules/backup/scaffolded_example.test.ts",
    ]);
    const index = readFileSync(join(copy, "src/rules/index.ts"), "utf8");
    expect(index).toContain('import { scaffoldedExample } from "./backup/scaffolded_example.js";');
    // Listed right after the last backup rule of the index it was added to.
    const original = readFileSync(join(repo, "src/rules/index.ts"), "utf8");
    const backups = [...original.matchAll(/import \{ (\w+) \} from "\.\/backup\//g)].map((m) => m[1]!);
    const lastBackup = original.split("\n").filter((l) => backups.includes(l.trim().replace(/,$/, ""))).at(-1)!.trim();
    expect(index).toContain(`  ${lastBackup}\n  scaffoldedExample,\n`);
  });

  it("is idempotent: a second run keeps what exists and adds no second index entry", () => {
    const again = scaffoldRule(copy, "backup.scaffolded_example");
    expect(again.written).toEqual([]);
    expect(again.kept).toHaveLength(4);
    const index = readFileSync(join(copy, "src/rules/index.ts"), "utf8");
    expect(index.split("scaffoldedExample,").length).toBe(2);
  });

  it("the index of the copy lists the new rule, which judges and states a remedy `haspec fix` can interpret", async () => {
    const { RULES } = (await import(join(copy, "src/rules/index.ts"))) as { RULES: readonly Rule<boolean>[] };
    const rule = RULES.find((r) => r.id === "backup.scaffolded_example");
    expect(rule).toBeDefined();
    expect(rule!.controls).toEqual([]);
    expect(rule!.messages).toEqual(expect.objectContaining({ notRequired: expect.any(String), holds: expect.any(String), fails: expect.any(String) }));
    expect(rule!.check(resource(), true, context())).toMatchObject({ status: "pass", messageId: "holds" });
    expect(rule!.check(resource(), false, context())).toMatchObject({ status: "pass", messageId: "notRequired" });
    const v = rule!.check(resource({ deletionProtection: false }), true, context());
    expect(v).toMatchObject({ status: "fail", messageId: "fails", data: { attribute: "TODO_attribute" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "set-attribute", resourceType: "aws_rds_cluster", to: true })]);
  });

  it("refuses a group that does not exist", () => {
    expect(() => scaffoldRule(copy, "nosuch.rule")).toThrow(/group one of/);
    expect(existsSync(join(copy, "src/rules/nosuch"))).toBe(false);
  });

  it("adds a rule of a new file at the end of its group's entries", () => {
    const index = ['import { a } from "./dns/a.js";', 'import { b } from "./proxy/b.js";', "", "export const RULES = [", "  a,", "  b,", "];", ""].join("\n");
    expect(withIndexEntry(index, "dns.c_d")).toBe(
      ['import { a } from "./dns/a.js";', 'import { cD } from "./dns/c_d.js";', 'import { b } from "./proxy/b.js";', "", "export const RULES = [", "  a,", "  cD,", "  b,", "];", ""].join("\n"),
    );
  });
});
