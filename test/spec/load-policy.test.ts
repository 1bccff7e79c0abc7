// loadPolicy: valid policies load with positions; every class of mistake is one UserError with located problems.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { UserError, type Problem } from "../../src/errors.js";
import { loadPolicy } from "../../src/spec/load-policy.js";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** Loads `text` as if it were the file `file`. */
function load(text: string, file = "policies/test.yaml") {
  return loadPolicy(file, async () => text);
}

/** The problems of an invalid policy (fails the test when it loads). */
async function problemsOf(text: string, file = "policies/test.yaml"): Promise<readonly Problem[]> {
  const err = await load(text, file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  const problems = (err as UserError).problems;
  expect((err as UserError).message).toContain(file);
  expect((err as UserError).message).toContain(`${problems.length} problem`);
  return problems;
}

/** The one problem at `path` (fails unless exactly one). */
function at(problems: readonly Problem[], path: string | undefined): Problem {
  const found = problems.filter((p) => p.path === path);
  expect(found, `problems at ${path}: ${JSON.stringify(problems, null, 1)}`).toHaveLength(1);
  return found[0]!;
}

const VALID = `version: 1
name: p
targets:
  - name: prod
    require:
      multi_az:
        min_azs: 2
`;

/** VALID with `line` replacing the `min_azs` line (line 7). */
const withRule = (lines: string) => VALID.replace("      multi_az:\n        min_azs: 2\n", lines);

describe("valid policies", () => {
  it("loads the SPEC §1 example (YAML) with every rule in document order", async () => {
    const file = `${fixtures}spec-example.yaml`;
    const policy = await loadPolicy(file);
    const bytes = await readFile(file);
    expect(policy).toMatchObject({
      version: 1,
      name: "aurora-production",
      description: "HA intent for production databases",
      file,
      sha256: createHash("sha256").update(bytes).digest("hex"),
    });
    const [target] = policy.targets;
    expect(target).toMatchObject({
      name: "prod-aurora",
      severity: "high",
      match: {
        kinds: ["aurora-cluster"],
        engines: ["aurora-mysql"],
        identifiers: ["*-prod"],
        tags: { env: "prod" },
        regions: ["us-east-1"],
      },
      position: { line: 6, column: 5 },
    });
    expect(target!.requirements).toHaveLength(26);
    expect(target!.requirements[0]).toEqual({ ruleId: "multi_az.min_azs", option: 2, position: { line: 16, column: 9 } });
    expect(target!.requirements.find((r) => r.ruleId === "maintenance.min_engine_version")?.option).toEqual({
      "aurora-mysql": "3.04.0",
    });
    expect(target!.requirements.at(-1)?.ruleId).toBe("changes.no_protection_downgrade");
    expect(policy.waivers).toEqual([
      {
        resource: "legacy-crm",
        rules: ["failover.max_tier"],
        reason: "CRM is retired in Q1",
        expires: "2027-03-31",
        approvedBy: "platform-team",
        position: { line: 53, column: 5 },
      },
    ]);
  });

  it("loads the same policy written as JSON to the same result, with JSON positions", async () => {
    const yaml = await loadPolicy(`${fixtures}spec-example.yaml`);
    const json = await loadPolicy(`${fixtures}spec-example.json`);
    const strip = (p: typeof yaml) => ({
      ...p,
      file: "",
      sha256: "",
      targets: p.targets.map((t) => ({ ...t, position: undefined, requirements: t.requirements.map((r) => ({ ...r, position: undefined })) })),
      waivers: p.waivers.map((w) => ({ ...w, position: undefined })),
    });
    expect(strip(json)).toEqual(strip(yaml));
    expect(json.targets[0]!.requirements[0]!.position).toEqual({ line: 28, column: 11 });
  });

  it("defaults severity to high, match to everything, and waivers to none", async () => {
    const policy = await load(VALID);
    expect(policy.targets[0]).toMatchObject({ severity: "high", match: {}, position: { line: 4, column: 5 } });
    expect(policy.waivers).toEqual([]);
    expect(policy.description).toBeUndefined();
  });

  it("accepts a string read as well as bytes, and a UTF-8 BOM", async () => {
    const policy = await loadPolicy("p.yaml", async () => Buffer.from(`\uFEFF${VALID}`, "utf8"));
    expect(policy.name).toBe("p");
  });

  it('accepts waivers with "*" and a top-level $schema key (for editors)', async () => {
    const text = `${VALID}waivers:\n  - resource: "legacy-*"\n    rules: ["*"]\n    reason: r\n    expires: 2028-02-29\n`;
    const policy = await load(`$schema: ../schema/haspec-policy-v1.schema.json\n${text}`);
    expect(policy.waivers[0]).toMatchObject({ rules: ["*"], expires: "2028-02-29" });
  });
});

describe("schema problems", () => {
  it("wrong type: where the value is, what was expected, what was found", async () => {
    const problems = await problemsOf(withRule("      multi_az:\n        min_azs: two\n"));
    const p = at(problems, "targets[0].require.multi_az.min_azs");
    expect(p).toMatchObject({ file: "policies/test.yaml", line: 7, column: 18 });
    expect(p.message).toMatch(/integer/);
    expect(p.message).toMatch(/1 and 6/);
    expect(p.message).toContain('"two"');
  });

  it("out of range", async () => {
    const problems = await problemsOf(withRule("      backup:\n        min_retention_days: 90\n"));
    const p = at(problems, "targets[0].require.backup.min_retention_days");
    expect(p).toMatchObject({ line: 7, column: 29 });
    expect(p.message).toMatch(/35/);
    expect(p.message).toMatch(/90/);
  });

  it("a wrong enum value gets a did-you-mean", async () => {
    const problems = await problemsOf(VALID.replace("  - name: prod\n", "  - name: prod\n    severity: hihg\n"));
    const p = at(problems, "targets[0].severity");
    expect(p).toMatchObject({ line: 5, column: 15 });
    expect(p.hint).toMatch(/"high"/);
  });

  it("unknown rule key: located on the key, with a did-you-mean from the group's rules", async () => {
    const problems = await problemsOf(withRule("      multi_az:\n        min_az: 2\n"));
    const p = at(problems, "targets[0].require.multi_az.min_az");
    expect(p).toMatchObject({ line: 7, column: 9 });
    expect(p.hint).toMatch(/min_azs/);
  });

  it("a rule written under the wrong group names its group", async () => {
    const problems = await problemsOf(withRule("      multi_az:\n        max_tier: 1\n"));
    expect(at(problems, "targets[0].require.multi_az.max_tier").hint).toMatch(/failover/);
  });

  it("unknown group, misspelt or a rule written without its group", async () => {
    const problems = await problemsOf(withRule("      multiaz:\n        min_azs: 2\n      min_readers: 1\n"));
    expect(at(problems, "targets[0].require.multiaz")).toMatchObject({ line: 6, column: 7 });
    expect(at(problems, "targets[0].require.multiaz").hint).toMatch(/"multi_az"/);
    expect(at(problems, "targets[0].require.min_readers").hint).toMatch(/multi_az/);
  });

  it("unknown keys at every level get a did-you-mean", async () => {
    const text = `version: 1
nmae: p
targets:
  - name: prod
    requires: {}
    match:
      kind: [instance]
waivers:
  - resource: x
    rules: ["*"]
    reason: r
    expires: 2030-01-01
    approvedby: me
`;
    const problems = await problemsOf(text);
    expect(at(problems, "nmae")).toMatchObject({ line: 2, column: 1, hint: expect.stringMatching(/"name"/) });
    expect(at(problems, "targets[0].requires")).toMatchObject({ line: 5, column: 5, hint: expect.stringMatching(/"require"/) });
    expect(at(problems, "targets[0].match.kind")).toMatchObject({ line: 7, column: 7, hint: expect.stringMatching(/"kinds"/) });
    expect(at(problems, "waivers[0].approvedby")).toMatchObject({ line: 13, column: 5, hint: expect.stringMatching(/"approved_by"/) });
    // "name" is missing too, reported on the object that lacks it.
    expect(at(problems, "name")).toMatchObject({ line: 1, column: 1 });
  });

  it("missing required keys are reported on the object that lacks them, one problem per key", async () => {
    const text = `version: 1
name: p
targets:
  - severity: low
waivers:
  - resource: x
    rules: [multi_az.min_azs]
`;
    const problems = await problemsOf(text);
    expect(at(problems, "targets[0].name")).toMatchObject({ line: 4, column: 5 });
    expect(at(problems, "waivers[0].reason")).toMatchObject({ line: 6, column: 5 });
    expect(at(problems, "waivers[0].expires")).toMatchObject({ line: 6, column: 5 });
    expect(problems).toHaveLength(3);
  });

  it("missing top-level keys and an empty target list", async () => {
    const problems = await problemsOf("version: 1\ntargets: []\n");
    expect(at(problems, "name")).toMatchObject({ line: 1, column: 1 });
    expect(at(problems, "targets")).toMatchObject({ line: 2, column: 10 });
  });

  it("bad version", async () => {
    for (const version of ["2", '"1"', "1.5"]) {
      const problems = await problemsOf(VALID.replace("version: 1", `version: ${version}`));
      const p = at(problems, "version");
      expect(p).toMatchObject({ line: 1, column: 10 });
      expect(p.message).toContain("1");
    }
  });

  it("a document that is not a mapping, or is empty", async () => {
    for (const text of ["", "- a\n- b\n", "just text\n"]) {
      const problems = await problemsOf(text);
      expect(at(problems, undefined)).toMatchObject({ line: 1, column: 1 });
    }
  });

  it("keys named like Object.prototype members are plain unknown keys", async () => {
    const text = VALID.replace("      multi_az:\n", "      __proto__: { x: 1 }\n      multi_az:\n        constructor: 1\n");
    const problems = await problemsOf(`__proto__: { polluted: true }\n${text}`);
    expect(problems.map((p) => p.path)).toEqual(["__proto__", "targets[0].require.__proto__", "targets[0].require.multi_az.constructor"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("one problem per location, however noisy ajv is", async () => {
    const problems = await problemsOf(withRule("      binlog:\n        formats: ROW\n"));
    expect(problems).toHaveLength(1);
    expect(at(problems, "targets[0].require.binlog.formats").message).toContain('"ROW"');
  });

  it("a bad date format", async () => {
    const text = `${VALID}waivers:\n  - resource: x\n    rules: ["*"]\n    reason: r\n    expires: 31/03/2027\n`;
    const p = at(await problemsOf(text), "waivers[0].expires");
    expect(p).toMatchObject({ line: 12, column: 14 });
    expect(p.message).toMatch(/YYYY-MM-DD/);
  });

  it("JSON files are located too", async () => {
    const text = '{\n  "version": 1,\n  "name": "p",\n  "targets": [\n    { "name": "a", "require": { "multi_az": { "min_azs": 9 } } }\n  ]\n}\n';
    const p = at(await problemsOf(text, "p.json"), "targets[0].require.multi_az.min_azs");
    expect(p).toMatchObject({ file: "p.json", line: 5, column: 58 });
  });
});

describe("checks beyond the schema", () => {
  it("duplicate target names", async () => {
    const text = `${VALID}  - name: prod\n`;
    const p = at(await problemsOf(text), "targets[1].name");
    expect(p).toMatchObject({ line: 8, column: 11 });
    expect(p.hint).toMatch(/line 4/);
  });

  it("a date that does not exist", async () => {
    const text = `${VALID}waivers:\n  - resource: x\n    rules: ["*"]\n    reason: r\n    expires: 2027-02-29\n`;
    const p = at(await problemsOf(text), "waivers[0].expires");
    expect(p).toMatchObject({ line: 12, column: 14 });
    expect(p.message).toContain("2027-02-29");
  });

  it("unknown waiver rule ids, with a did-you-mean", async () => {
    const text = `${VALID}waivers:\n  - resource: x\n    rules: [failover.max_teir, failover, nothing.like.it]\n    reason: r\n    expires: 2027-01-01\n`;
    const problems = await problemsOf(text);
    expect(at(problems, "waivers[0].rules[0]")).toMatchObject({ line: 10, column: 13, hint: expect.stringMatching(/failover\.max_tier/) });
    expect(at(problems, "waivers[0].rules[1]").hint).toMatch(/group/);
    expect(at(problems, "waivers[0].rules[2]").hint).toBeDefined();
  });

  it("globs that do not compile", async () => {
    const text = VALID.replace("  - name: prod\n", '  - name: prod\n    match:\n      identifiers: ["db-[prod"]\n      tags: { env: "{a,b" }\n');
    const problems = await problemsOf(text);
    expect(at(problems, "targets[0].match.identifiers[0]")).toMatchObject({ line: 6, column: 21 });
    expect(at(problems, "targets[0].match.tags.env")).toMatchObject({ line: 7, column: 20 });
  });

  it("collects schema and semantic problems together", async () => {
    const text = `${VALID.replace("min_azs: 2", "min_azs: 0")}  - name: prod\n`;
    const problems = await problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual(["targets[0].require.multi_az.min_azs", "targets[1].name"]);
  });
});

describe("syntax problems", () => {
  it("duplicate YAML keys: the second key, with where the first is", async () => {
    const text = VALID.replace("        min_azs: 2\n", "        min_azs: 2\n        min_azs: 3\n");
    const p = at(await problemsOf(text), "targets[0].require.multi_az.min_azs");
    expect(p).toMatchObject({ line: 8, column: 9 });
    expect(p.hint).toMatch(/line 7/);
  });

  it("duplicate JSON keys", async () => {
    const text = '{"version": 1, "name": "p", "name": "q", "targets": [{"name": "a"}]}';
    const p = at(await problemsOf(text, "p.json"), "name");
    expect(p).toMatchObject({ line: 1, column: 29 });
  });

  it("bad YAML syntax, with the parser's line and column", async () => {
    const problems = await problemsOf("version: 1\nname: [p\ntargets: []\n");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: "policies/test.yaml", line: expect.any(Number), column: expect.any(Number) });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it("bad JSON syntax", async () => {
    const problems = await problemsOf('{"version": 1,\n "name": "p\\x"}', "p.json");
    expect(problems[0]).toMatchObject({ file: "p.json", line: 2, column: 12 });
    expect(problems[0]!.message).toMatch(/JSON/);
  });

  it("several documents, unknown tags and unresolved aliases", async () => {
    expect((await problemsOf(`${VALID}---\n${VALID}`))[0]).toMatchObject({ line: 8, column: 1, hint: expect.any(String) });
    expect((await problemsOf(VALID.replace("name: p", "name: !secret p")))[0]).toMatchObject({ line: 2 });
    expect((await problemsOf(VALID.replace("name: p", "name: *nope")))[0]).toMatchObject({ line: 2, column: 7 });
  });
});

describe("unreadable files", () => {
  it("a missing file names the file and says what to do", async () => {
    const err = await loadPolicy("policies/nope.yaml").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain("policies/nope.yaml");
    expect((err as UserError).problems[0]).toMatchObject({ file: "policies/nope.yaml", hint: expect.stringMatching(/--policy/) });
  });

  it("a directory, and bytes that are not UTF-8", async () => {
    const dir = await loadPolicy(fixtures).catch((e: unknown) => e);
    expect(dir).toBeInstanceOf(UserError);
    expect((dir as UserError).message).toMatch(/directory/);
    const binary = await loadPolicy("p.yaml", async () => Buffer.from([0xff, 0xfe, 0x00, 0xc3])).catch((e: unknown) => e);
    expect(binary).toBeInstanceOf(UserError);
  });
});
