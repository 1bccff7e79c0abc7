// Reads Terraform attribute values (TfValue) into model values, with Terraform's defaults for unset attributes.
import { known, unknown, type Value } from "../../model/value.js";
import { TfReference, TfUnknown, type TfResource, type TfValue } from "./types.js";

export type Attrs = { readonly [attribute: string]: TfValue };

/** What an unset attribute (absent or null) means: the provider's default, or unknown with a reason. */
export type Unset<T> = { readonly default: T } | { readonly reason: string };

/** Looks up another resource's value for a reference; undefined when the referenced resource is not in the input. */
export type ReferenceLookup = (ref: TfReference, from: TfResource) => TfValue | undefined;

export function isObject(v: TfValue | undefined): v is { readonly [key: string]: TfValue } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof TfUnknown) && !(v instanceof TfReference);
}

export function isList(v: TfValue | undefined): v is readonly TfValue[] {
  return Array.isArray(v);
}

/** A plain (concrete) string, or undefined for anything else. */
export function plain(v: TfValue | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

type Kind = "string" | "number" | "boolean";
type KindType<K extends Kind> = K extends "string" ? string : K extends "number" ? number : boolean;

/** Converts a concrete value to the kind wanted; .tf and cdk.tf.json may hold "5" or "true" as strings. */
function coerce<K extends Kind>(raw: TfValue, kind: K): KindType<K> | undefined {
  if (kind === "string") return (typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : undefined) as KindType<K> | undefined;
  if (kind === "number") {
    if (typeof raw === "number" && Number.isFinite(raw)) return raw as KindType<K>;
    if (typeof raw === "string" && /^-?\d+(\.\d+)?$/.test(raw.trim())) return Number(raw) as KindType<K>;
    return undefined;
  }
  if (typeof raw === "boolean") return raw as KindType<K>;
  if (raw === "true" || raw === "false") return (raw === "true") as KindType<K>;
  return undefined;
}

const ARTICLE: Record<Kind, string> = { string: "a string", number: "a number", boolean: "true or false" };

/**
 * Reads one scalar attribute. Unset → `unset`; (known after apply) and unresolvable expressions →
 * unknown with their reason; a reference → the referenced attribute's value when the input holds it.
 */
export function scalar<K extends Kind>(
  resource: TfResource,
  attribute: string,
  kind: K,
  unset: Unset<KindType<K>>,
  lookup: ReferenceLookup,
): Value<KindType<K>> {
  let raw: TfValue | undefined = resource.values[attribute];
  let via = "";
  if (raw !== undefined && raw !== null && typeof raw !== "object") {
    // The common case, a concrete scalar: no message is needed unless it is of the wrong kind.
    const value = coerce(raw, kind);
    if (value !== undefined) return known(value);
  }
  const where = `${resource.address}.${attribute}`;
  for (let hops = 0; raw instanceof TfReference && hops < 8; hops++) {
    const ref: TfReference = raw;
    raw = lookup(ref, resource);
    via = ` (it refers to ${ref.address}.${ref.attribute}`;
    if (raw === undefined) return unknown(`${where} refers to ${ref.address}.${ref.attribute}, which is not among the inputs`);
    if (raw === null) return unknown(`${where} refers to ${ref.address}.${ref.attribute}, which is not set`);
  }
  if (raw === undefined || raw === null) return "default" in unset ? known(unset.default) : unknown(`${where} ${unset.reason}`);
  if (raw instanceof TfUnknown) return unknown(`${where} is ${raw.reason}${via ? `${via})` : ""}`);
  if (raw instanceof TfReference) return unknown(`${where} refers to ${raw.address}.${raw.attribute} through too many references`);
  const value = coerce(raw, kind);
  if (value === undefined) return unknown(`${where} is ${JSON.stringify(raw)}, not ${ARTICLE[kind]}`);
  return known(value);
}

/** Whether any part of a value is unknown or an unresolved reference. */
export function hasUnknown(v: TfValue | undefined): boolean {
  if (v instanceof TfUnknown || v instanceof TfReference) return true;
  if (Array.isArray(v)) return v.some(hasUnknown);
  if (isObject(v)) return Object.values(v).some(hasUnknown);
  return false;
}

/** The first unknown's reason inside a value, for messages. */
export function firstUnknownReason(v: TfValue | undefined): string | undefined {
  if (v instanceof TfUnknown) return v.reason;
  if (v instanceof TfReference) return `it refers to ${v.address}.${v.attribute}`;
  if (Array.isArray(v)) {
    for (const x of v) {
      const r = firstUnknownReason(x);
      if (r !== undefined) return r;
    }
  }
  if (isObject(v)) {
    for (const x of Object.values(v)) {
      const r = firstUnknownReason(x);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

/** Tags: `tags_all` (with the provider's default_tags) when known, else `tags`; unset means no tags. */
export function tagsOf(resource: TfResource): Value<Readonly<Record<string, string>>> {
  for (const attribute of ["tags_all", "tags"]) {
    const raw = resource.values[attribute];
    if (raw === undefined || raw === null) continue;
    if (isObject(raw) && !hasUnknown(raw)) {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw)) if (v !== null) out[k] = String(v as string | number | boolean);
      return known(out);
    }
    if (attribute === "tags_all") continue; // fall back to the tags set on the resource itself
    return unknown(`${resource.address}.tags ${firstUnknownReason(raw) ? `is ${firstUnknownReason(raw)}` : "is not a map of strings"}`);
  }
  return known({});
}

/** Splits a reference-style address into base (without the last index) and index, e.g. `a.b["x"]` → `a.b`, `["x"]`. */
export function splitIndex(address: string): { base: string; index: string } {
  if (!address.endsWith("]")) return { base: address, index: "" };
  const m = /^(.*?)(\[[^\]]*\])$/.exec(address);
  return m ? { base: m[1] as string, index: m[2] as string } : { base: address, index: "" };
}
