// Parity of the committed policy schema artifacts with the rule list, and the schema's own soundness.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/rules/index.js";
import { RULE_GROUPS, type Rule } from "../../src/rules/types.js";
import { buildPolicySchema } from "../../src/spec/policy-schema.js";
import {
  REGENERATE_COMMAND,
  renderSchemaArtifacts,
  SCHEMA_FILE,
  VALIDATOR_MODULE,
} from "../../src/spec/policy-schema-artifacts.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => readFile(root + file, "utf8");

describe("committed schema artifacts", () => {
  const artifacts = renderSchemaArtifacts(RULES);

  it(`${SCHEMA_FILE} is what the generator writes from RULES`, async () => {
    const committed = await read(SCHEMA_FILE);
    expect(committed === artifacts.schemaJson, `${SCHEMA_FILE} is out of date: run \`${REGENERATE_COMMAND}\``).toBe(true);
  });

  it(`${VALIDATOR_MODULE} is what the generator writes from RULES`, async () => {
    const committed = await read(VALIDATOR_MODULE);
    expect(committed === artifacts.validatorModule, `${VALIDATOR_MODULE} is out of date: run \`${REGENERATE_COMMAND}\``).toBe(true);
  });

  it("rendering is deterministic", () => {
    expect(renderSchemaArtifacts(RULES)).toEqual(artifacts);
  });
});

describe("buildPolicySchema", () => {
  const schema = buildPolicySchema(RULES);
  const groups = (schema as any).properties.targets.items.properties.require.properties;

  it("is a schema ajv compiles in strict mode", () => {
    expect(() => new Ajv({ strict: true, allErrors: true }).compile(schema)).not.toThrow();
  });

  it("has every group of RULE_GROUPS and every rule, titled from the rule", () => {
    expect(Object.keys(groups)).toEqual([...RULE_GROUPS]);
    for (const rule of RULES) {
      const [group, key] = rule.id.split(".") as [string, string];
      const entry = groups[group]?.properties?.[key];
      expect(entry, `rule ${rule.id} has no schema entry`).toBeDefined();
      expect(entry.title).toBe(rule.title);
      expect(entry.description).toContain(rule.title);
    }
  });

  it("accepts each rule's own example option", () => {
    const validate = new Ajv({ strict: true }).compile(schema);
    for (const rule of RULES) {
      const [group, key] = rule.id.split(".") as [string, string];
      const policy = { version: 1, name: "p", targets: [{ name: "t", require: { [group]: { [key]: rule.example } } }] };
      expect(validate(policy), `${rule.id} example ${JSON.stringify(rule.example)}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("accepts the SPEC §1 example", async () => {
    const example = parse(await read("test/spec/fixtures/spec-example.yaml"));
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it("forbids additional properties on every object it defines", () => {
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== "object" || node === null) return;
      const s = node as Record<string, unknown>;
      if (s.type === "object" && s.properties !== undefined) {
        expect(s.additionalProperties, `${where} allows unknown keys`).toBe(false);
      }
      for (const [k, v] of Object.entries(s)) if (k !== "examples" && k !== "default") walk(v, `${where}/${k}`);
    };
    walk(schema, "#");
  });

  it("works with a partial rule list (groups without rules are empty)", () => {
    const partial = buildPolicySchema(RULES.slice(0, 1));
    const g = (partial as any).properties.targets.items.properties.require.properties;
    expect(Object.keys(g.multi_az.properties)).toEqual([RULES[0]!.id.split(".")[1]]);
    expect(g.dns.properties).toEqual({});
  });

  it("refuses rule ids that do not match their group", () => {
    const bad = { ...RULES[0]!, id: "backup.min_azs" } as Rule<unknown>;
    expect(() => buildPolicySchema([bad])).toThrow(/group/);
    const twice = [RULES[0]!, RULES[0]!];
    expect(() => buildPolicySchema(twice)).toThrow(/twice/);
  });
});
