// Words for what a schema expects and what the author wrote: "an integer between 1 and 6", "a list of 3 items".
import { isRecord, type Style } from "./policy-document.js";
import { DURATION_PATTERN } from "./duration.js";
import { DATE_PATTERN } from "./policy-schema.js";
import type { JsonSchema } from "./policy-vocabulary.js";

/** "an integer between 1 and 6", "one of low, medium, high, critical", "a date YYYY-MM-DD"… */
export function describeExpected(schema: JsonSchema | undefined, style: Style = "yaml"): string {
  if (!schema) return "a valid value";
  if ("const" in schema) return formatValue(schema["const"]);
  const alternatives = schema["anyOf"] ?? schema["oneOf"];
  if (Array.isArray(alternatives) && alternatives.some((s) => isRecord(s) && s["pattern"] === DURATION_PATTERN)) {
    return "a duration such as 90s, 5m, 1h or 2d, or whole seconds";
  }
  if (Array.isArray(alternatives)) {
    return alternatives.map((s) => describeExpected(isRecord(s) ? s : undefined, style)).join(" or ");
  }
  if (Array.isArray(schema["enum"])) {
    const values = schema["enum"].map(formatValue);
    return values.length === 1 ? values[0]! : `one of ${values.join(", ")}`;
  }
  const types = Array.isArray(schema["type"]) ? (schema["type"] as unknown[]) : schema["type"] !== undefined ? [schema["type"]] : [];
  if (types.length === 0) {
    if (isRecord(schema["properties"]) || schema["additionalProperties"] !== undefined) return noun("object", style);
    if (schema["not"] !== undefined) return "a different value";
    return "a valid value";
  }
  return types.map((t) => describeType(String(t), schema, style)).join(" or ");
}

function describeType(type: string, schema: JsonSchema, style: Style): string {
  switch (type) {
    case "integer":
    case "number":
      return `${type === "integer" ? "an integer" : "a number"}${describeRange(schema)}`;
    case "string": {
      if (schema["pattern"] === DATE_PATTERN) return "a date YYYY-MM-DD";
      if (schema["pattern"] === DURATION_PATTERN) return "a duration such as 90s, 5m, 1h or 2d";
      if (typeof schema["pattern"] === "string") return `a string matching /${schema["pattern"]}/`;
      if (typeof schema["format"] === "string") return `a ${schema["format"]} string`;
      const min = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
      const max = typeof schema["maxLength"] === "number" ? ` of at most ${schema["maxLength"]} characters` : "";
      return `${min >= 1 ? "a non-empty string" : "a string"}${max}`;
    }
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    case "array": {
      const items = isRecord(schema["items"]) ? schema["items"] : undefined;
      const min = typeof schema["minItems"] === "number" ? schema["minItems"] : 0;
      const max = typeof schema["maxItems"] === "number" ? schema["maxItems"] : undefined;
      const size = min > 1 ? ` with at least ${min} items` : "";
      const upto = max !== undefined ? ` with at most ${max} items` : "";
      return `${min === 1 ? `a non-empty ${noun("array", style).replace(/^an? /, "")}` : noun("array", style)}${items ? ` of ${itemsNoun(items, style)}` : ""}${size}${upto}`;
    }
    case "object":
      return typeof schema["minProperties"] === "number" && schema["minProperties"] >= 1
        ? `${noun("object", style)} with at least ${schema["minProperties"]} key${schema["minProperties"] === 1 ? "" : "s"}`
        : noun("object", style);
    default:
      return `a ${type}`;
  }
}

function describeRange(schema: JsonSchema): string {
  const min = typeof schema["minimum"] === "number" ? schema["minimum"] : undefined;
  // The largest exact integer is a technical bound (durations), not one worth saying.
  const max = typeof schema["maximum"] === "number" && schema["maximum"] !== Number.MAX_SAFE_INTEGER ? schema["maximum"] : undefined;
  const xmin = typeof schema["exclusiveMinimum"] === "number" ? schema["exclusiveMinimum"] : undefined;
  const xmax = typeof schema["exclusiveMaximum"] === "number" ? schema["exclusiveMaximum"] : undefined;
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(`between ${min} and ${max}`);
  else {
    if (min !== undefined) parts.push(`>= ${min}`);
    if (max !== undefined) parts.push(`<= ${max}`);
  }
  if (xmin !== undefined) parts.push(`> ${xmin}`);
  if (xmax !== undefined) parts.push(`< ${xmax}`);
  if (typeof schema["multipleOf"] === "number") parts.push(`a multiple of ${schema["multipleOf"]}`);
  return parts.length > 0 ? ` ${parts.join(" and ")}` : "";
}

function itemsNoun(items: JsonSchema, style: Style): string {
  if (Array.isArray(items["enum"])) return `values from ${items["enum"].map(formatValue).join(", ")}`;
  switch (items["type"]) {
    case "string":
      return items["pattern"] === DATE_PATTERN ? "dates" : "strings";
    case "integer":
      return `integers${describeRange(items)}`;
    case "number":
      return `numbers${describeRange(items)}`;
    case "boolean":
      return "true/false values";
    case "object":
      return style === "json" ? "objects" : "mappings";
    case "array":
      return style === "json" ? "arrays" : "lists";
    default:
      return "values";
  }
}

function noun(kind: "object" | "array", style: Style): string {
  if (kind === "object") return style === "json" ? "an object" : "a mapping (key: value)";
  return style === "json" ? "an array" : "a list";
}

function formatValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** What the user wrote, briefly: `"two"`, `2.5`, `an empty value`, `a list of 3 items`. */
export function describeFound(value: unknown, style: Style = "yaml"): string {
  if (value === undefined) return "nothing";
  if (value === null) return style === "json" ? "null" : "an empty value";
  if (typeof value === "string") {
    if (value === "") return "an empty string";
    const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    return shown;
  }
  if (typeof value === "number") {
    if (Number.isNaN(value)) return style === "json" ? "NaN" : ".nan";
    if (!Number.isFinite(value)) return style === "json" ? String(value) : value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const list = noun("array", style).replace(/^an? /, "");
    return value.length === 0 ? `an empty ${list}` : `a ${list} of ${value.length} item${value.length === 1 ? "" : "s"}`;
  }
  if (isRecord(value)) {
    const map = style === "json" ? "object" : "mapping";
    return Object.keys(value).length === 0 ? `an empty ${map}` : `a ${map}`;
  }
  return typeof value;
}
