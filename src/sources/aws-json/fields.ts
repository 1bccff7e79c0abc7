// Typed reads of raw AWS JSON fields: a wrong type or a missing field becomes unknown with a reason.
import { known, unknown, type Known, type Value } from "../../model/value.js";

/** A parsed JSON object whose shape has not been checked yet. */
export type Raw = { readonly [key: string]: unknown };

export function isRecord(x: unknown): x is Raw {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** What an item is, for reasons: `describe-db-clusters output for orders-prod`. */
export interface Where {
  /** The AWS CLI command that prints the item, e.g. `describe-db-clusters`. */
  readonly output: string;
  readonly id: string;
}

/** Shared known values: the model is read-only, so equal values can be one object. */
export const KNOWN_TRUE: Known<boolean> = known(true);
export const KNOWN_FALSE: Known<boolean> = known(false);
export const KNOWN_NULL: Known<null> = known(null);
export const KNOWN_ZERO: Known<number> = known(0);
export const KNOWN_EMPTY_LIST: Known<readonly string[]> = known([]);

export function knownBoolean(b: boolean): Known<boolean> {
  return b ? KNOWN_TRUE : KNOWN_FALSE;
}

/** A short description of a JSON value for messages: `a number (3)`, `null`, `a list`. */
export function describeJson(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "a list";
  switch (typeof x) {
    case "string":
      return `the text ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
    case "number":
      return `the number ${x}`;
    case "boolean":
      return `the boolean ${x}`;
    case "object":
      return "an object";
    default:
      return typeof x;
  }
}

export function missingReason(field: string, where: Where): string {
  return `${field} is not in the ${where.output} output for ${where.id}`;
}

export function wrongTypeReason(field: string, expected: string, got: unknown, where: Where): string {
  return `${field} of ${where.id} in the ${where.output} output is ${describeJson(got)}, expected ${expected}`;
}

/** A string field; absent or null → unknown naming the field. */
export function stringField(raw: Raw, field: string, where: Where): Value<string> {
  const x = raw[field];
  if (typeof x === "string") return known(x);
  if (x === undefined || x === null) return unknown(missingReason(field, where));
  return unknown(wrongTypeReason(field, "text", x, where));
}

/** A finite number field; absent or null → unknown naming the field. */
export function numberField(raw: Raw, field: string, where: Where): Value<number> {
  const x = raw[field];
  if (typeof x === "number" && Number.isFinite(x)) return known(x);
  if (x === undefined || x === null) return unknown(missingReason(field, where));
  return unknown(wrongTypeReason(field, "a number", x, where));
}

/** A boolean field; absent or null → unknown naming the field. */
export function booleanField(raw: Raw, field: string, where: Where): Value<boolean> {
  const x = raw[field];
  if (typeof x === "boolean") return knownBoolean(x);
  if (x === undefined || x === null) return unknown(missingReason(field, where));
  return unknown(wrongTypeReason(field, "true or false", x, where));
}

/** A string field that is absent (or null) when AWS has nothing to say: absent → known(null). */
export function nullableStringField(raw: Raw, field: string, where: Where): Value<string | null> {
  const x = raw[field];
  if (typeof x === "string") return known(x);
  if (x === undefined || x === null) return KNOWN_NULL;
  return unknown(wrongTypeReason(field, "text", x, where));
}

/** The string at `field`, or undefined when absent or not a non-empty string. */
export function plainString(raw: Raw, field: string): string | undefined {
  const x = raw[field];
  return typeof x === "string" && x !== "" ? x : undefined;
}

/** `TagList: [{Key, Value}]` → a record; absent or malformed → unknown. */
export function tagsField(raw: Raw, where: Where): Value<Readonly<Record<string, string>>> {
  const list = raw["TagList"];
  if (list === undefined || list === null) return unknown(missingReason("TagList", where));
  if (!Array.isArray(list)) return unknown(wrongTypeReason("TagList", "a list of {Key, Value}", list, where));
  const pairs: [string, string][] = [];
  for (let i = 0; i < list.length; i++) {
    const tag: unknown = list[i];
    const key = isRecord(tag) ? tag["Key"] : undefined;
    if (!isRecord(tag) || typeof key !== "string") {
      return unknown(wrongTypeReason(`TagList[${i}]`, "an object with a text Key", isRecord(tag) ? key : tag, where));
    }
    const value = tag["Value"];
    if (value !== undefined && value !== null && typeof value !== "string") {
      return unknown(wrongTypeReason(`TagList[${i}].Value`, "text", value, where));
    }
    pairs.push([key, typeof value === "string" ? value : ""]);
  }
  // fromEntries defines own properties, so a tag named `__proto__` stays a tag.
  return known(Object.fromEntries(pairs));
}
