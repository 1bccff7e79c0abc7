// The values an HCL expression evaluates to while haspec reads a configuration, and helpers on them.
import { TfReference, TfUnknown, type TfValue } from "../terraform/types.js";

/** An evaluation error Terraform itself would report (a missing key, a bad argument): `try()` moves past it. */
export class EvalFailure extends TfUnknown {}

/** A whole resource instance (`aws_rds_cluster.this[0]`); reading an attribute of it gives a TfReference. */
export class ResourceInstanceRef {
  constructor(readonly address: string) {}
}

/** An object whose attributes are computed on demand (a module call's outputs). */
export class LazyObject {
  constructor(
    readonly description: string,
    readonly keys: () => readonly string[],
    readonly get: (key: string) => V | undefined,
    /** Why a key is absent, e.g. `no variable "x" is declared`. */
    readonly missing: (key: string) => string = (key) => `${description} has no attribute "${key}"`,
  ) {}
}

/** A value during evaluation: a Terraform value, or a handle that only makes sense inside expressions. */
export type V =
  | string
  | number
  | boolean
  | null
  | TfUnknown
  | TfReference
  | ResourceInstanceRef
  | LazyObject
  | readonly V[]
  | { readonly [key: string]: V };

export type ObjectV = { readonly [key: string]: V };

export function isUnknown(v: V): v is TfUnknown {
  return v instanceof TfUnknown;
}

export function isObject(v: V): v is ObjectV {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof TfUnknown) &&
    !(v instanceof TfReference) &&
    !(v instanceof ResourceInstanceRef) &&
    !(v instanceof LazyObject)
  );
}

export function isList(v: V): v is readonly V[] {
  return Array.isArray(v);
}

/** The first unknown found anywhere inside `v`, or undefined when `v` is wholly known. */
export function firstUnknown(v: V): TfUnknown | undefined {
  if (v instanceof TfUnknown) return v;
  if (Array.isArray(v)) {
    for (const item of v as readonly V[]) {
      const u = firstUnknown(item);
      if (u) return u;
    }
    return undefined;
  }
  if (isObject(v)) {
    for (const item of Object.values(v)) {
      const u = firstUnknown(item);
      if (u) return u;
    }
  }
  return undefined;
}

/** Shortens an expression for a reason text. */
export function quote(expression: string): string {
  const flat = expression.replace(/\s+/g, " ").trim();
  return `\`${flat.length > 120 ? `${flat.slice(0, 117)}...` : flat}\``;
}

/** Turns evaluation handles into what the model builder reads: resource handles and lazy objects become unknown. */
export function toTfValue(v: V): TfValue {
  if (v instanceof ResourceInstanceRef) {
    return new TfUnknown(`a whole resource (${v.address}) is used as a value; haspec reads only its attributes`);
  }
  if (v instanceof LazyObject) return new TfUnknown(`${v.description} is used as a whole value; haspec reads only its attributes`);
  if (Array.isArray(v)) return (v as readonly V[]).map(toTfValue);
  if (isObject(v)) {
    const out: Record<string, TfValue> = {};
    for (const [k, item] of Object.entries(v)) out[k] = toTfValue(item);
    return out;
  }
  return v as TfValue;
}

export function typeName(v: V): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (v instanceof TfUnknown) return "unknown";
  if (v instanceof TfReference) return "reference";
  if (v instanceof ResourceInstanceRef) return "resource";
  if (v instanceof LazyObject) return "object";
  if (typeof v === "object") return "object";
  return typeof v;
}

/** Deep equality of known values (HCL `==`). */
export function equal(a: V, b: V): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    const la = a as readonly V[];
    const lb = b as readonly V[];
    return la.length === lb.length && la.every((x, i) => equal(x, lb[i]!));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && equal(a[k]!, b[k]!));
  }
  return false;
}

/** An object built from entries, safe for any key (no prototype keys). */
export function objectOf(entries: Iterable<readonly [string, V]>): ObjectV {
  const out: Record<string, V> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** HCL's automatic conversion of a primitive to a string (numbers and bools convert, others do not). */
export function asString(v: V): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return undefined;
}

export function asNumber(v: V): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

export function asBool(v: V): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}
