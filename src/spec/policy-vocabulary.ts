// What the policy schema allows: the schema object at a path, the rule groups and the rule ids.
import { policySchema } from "./generated/policy-validator.js";
import { isRecord } from "./policy-document.js";

export type JsonSchema = Record<string, unknown>;

const POLICY_SCHEMA = policySchema as unknown as JsonSchema;

/** The schema object a JSON-pointer-ish `schemaPath` (`#/properties/…`) points at. */
export function schemaAtPath(schemaPath: string): unknown {
  let node: unknown = POLICY_SCHEMA;
  const parts = schemaPath.replace(/^#\/?/, "");
  if (parts === "") return node;
  for (const raw of parts.split("/")) {
    const seg = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isRecord(node) && Object.hasOwn(node, seg)) node = node[seg];
    else return undefined;
  }
  return node;
}


/** The allowed keys of each level, from the schema; rule keys per group. */
export interface Vocabulary {
  readonly groups: ReadonlyMap<string, readonly string[]>;
  readonly ruleIds: ReadonlySet<string>;
}

let vocabulary: Vocabulary | undefined;
/** The rule groups with their keys, and every rule id, read from the schema once. */
export function policyVocabulary(): Vocabulary {
  if (vocabulary) return vocabulary;
  const groupsSchema = schemaAtPath("#/properties/targets/items/properties/require/properties");
  const groups = new Map<string, string[]>();
  if (isRecord(groupsSchema)) {
    for (const [group, g] of Object.entries(groupsSchema)) {
      const keys = isRecord(g) && isRecord(g["properties"]) ? Object.keys(g["properties"]) : [];
      groups.set(group, keys);
    }
  }
  const ruleIds = new Set([...groups].flatMap(([group, keys]) => keys.map((k) => `${group}.${k}`)));
  vocabulary = { groups, ruleIds };
  return vocabulary;
}
