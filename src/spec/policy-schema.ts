// Builds the JSON Schema of the policy file (SPEC-v1 §1) from the rule list; pure, no I/O.
import { ASSUMPTIONS } from "../simulate/index.js";
import { RULE_GROUPS, type Rule } from "../rules/types.js";
import { durationSchema } from "./duration.js";

/** A JSON Schema object (draft-07). */
export type JsonSchema = Record<string, unknown>;

/** Patterns the loader knows how to describe in words (see `describeExpected` in load-policy). */
export const DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

const nonEmptyString = (description: string): JsonSchema => ({ type: "string", minLength: 1, description });

const stringList = (description: string, item: JsonSchema): JsonSchema => ({
  type: "array",
  description,
  items: item,
});

/** The schema of one rule key: the rule's option schema, labelled with its title so editors show it. */
function ruleKeySchema(rule: Rule<unknown>): JsonSchema {
  return {
    title: rule.title,
    description: `${rule.title} (rule ${rule.id}). ${rule.why}`,
    ...rule.optionSchema,
    examples: [rule.example],
  };
}

/**
 * The whole policy schema. Groups come from RULE_GROUPS (in that order), rule keys from `rules` in
 * list order; a rule whose group is not in RULE_GROUPS is an error (the index and the groups drifted).
 */
export function buildPolicySchema(rules: readonly Rule<any>[]): JsonSchema {
  const groups: Record<string, JsonSchema> = {};
  for (const group of RULE_GROUPS) {
    const keys: Record<string, JsonSchema> = {};
    for (const rule of rules) {
      if (rule.group !== group) continue;
      const [idGroup, key, ...rest] = rule.id.split(".");
      if (idGroup !== group || key === undefined || key === "" || rest.length > 0) {
        throw new Error(`rule id "${rule.id}" must be "<group>.<key>" with group "${rule.group}"`);
      }
      if (keys[key] !== undefined) throw new Error(`rule id "${rule.id}" is listed twice`);
      keys[key] = ruleKeySchema(rule);
    }
    groups[group] = {
      type: "object",
      description: `Rules of the ${group} group; each key is one rule, its id is "${group}.<key>".`,
      additionalProperties: false,
      properties: keys,
    };
  }
  for (const rule of rules) {
    if (!(RULE_GROUPS as readonly string[]).includes(rule.group)) {
      throw new Error(`rule "${rule.id}" has group "${rule.group}", which is not in RULE_GROUPS`);
    }
  }

  const match: JsonSchema = {
    type: "object",
    description: "Every given field must match; an empty match selects everything.",
    additionalProperties: false,
    properties: {
      kinds: stringList("Resource kinds.", {
        type: "string",
        enum: ["aurora-cluster", "multi-az-cluster", "instance", "application", "autoscaling-group", "load-balancer", "ec2-instance"],
      }),
      engines: stringList("Exact engine names as AWS reports them, e.g. aurora-mysql.", {
        type: "string",
        minLength: 1,
      }),
      identifiers: stringList("Globs on the cluster or instance identifier.", { type: "string", minLength: 1 }),
      tags: {
        type: "object",
        description: "Each tag must be present; values are globs.",
        additionalProperties: { type: "string", minLength: 1 },
      },
      regions: stringList("AWS regions, e.g. us-east-1.", { type: "string", minLength: 1 }),
    },
  };

  const target: JsonSchema = {
    type: "object",
    description: "A set of resources (match) and the rules they must satisfy (require).",
    additionalProperties: false,
    required: ["name"],
    properties: {
      name: nonEmptyString("Unique in the file; results are reported under it."),
      severity: {
        type: "string",
        enum: ["low", "medium", "high", "critical"],
        default: "high",
        description: "Severity of this target's findings.",
      },
      match,
      require: {
        type: "object",
        description: 'Rules, grouped; each key below a group is one rule whose id is "<group>.<key>".',
        additionalProperties: false,
        properties: groups,
      },
    },
  };

  const waiver: JsonSchema = {
    type: "object",
    description: "Accepts a known violation until a date.",
    additionalProperties: false,
    required: ["resource", "rules", "reason", "expires"],
    properties: {
      resource: nonEmptyString("Identifier or glob."),
      rules: {
        type: "array",
        minItems: 1,
        description: 'Rule ids ("<group>.<key>"), or ["*"] for every rule.',
        items: { type: "string", minLength: 1 },
      },
      reason: nonEmptyString("Why the violation is accepted."),
      expires: {
        type: "string",
        pattern: DATE_PATTERN,
        description: "YYYY-MM-DD; the waiver applies through the end of that day (UTC), then is reported as expired.",
      },
      approved_by: nonEmptyString("Who approved the waiver."),
    },
  };

  const assumptions: JsonSchema = {
    type: "object",
    description: "Figures the inputs cannot give, for the recovery simulation (SPEC §6.3); each defaults to a documented figure.",
    additionalProperties: false,
    properties: Object.fromEntries(
      ASSUMPTIONS.map((a) => [a.name, durationSchema(`${a.meaning.replace(/\.$/, "")}. Default ${a.default.seconds} s (${a.default.source}).`)]),
    ),
  };

  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "haspec policy, version 1",
    description: "High-availability intent for AWS Aurora and RDS, checked by haspec.",
    type: "object",
    additionalProperties: false,
    required: ["version", "name", "targets"],
    properties: {
      $schema: { type: "string", description: "Where editors find this schema (JSON policy files); ignored by haspec." },
      version: { const: 1, description: "The policy format version; the only accepted value is 1." },
      name: nonEmptyString("The policy's name, shown in reports."),
      description: { type: "string", description: "Free text." },
      targets: { type: "array", minItems: 1, description: "At least one target.", items: target },
      waivers: { type: "array", description: "Accepted violations, each until a date.", items: waiver },
      assumptions,
    },
  };
}
