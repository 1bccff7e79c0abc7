// Converts variable values to their declared `type` (string, number, list(…), map(…), object({…}) with optional defaults).
import { TfReference, TfUnknown } from "../terraform/types.js";
import { ExpressionSyntaxError, type Node, parseExpression } from "./expression.js";
import { EvalFailure, type V, asBool, asNumber, asString, isObject, objectOf, typeName } from "./values.js";

/** A parsed type constraint; undefined means `any` (or no type given). */
export type TypeConstraint = Node | undefined;

/** Parses the `type` of a variable block as hcl2json (`"${map(string)}"`) or Terraform JSON (`"map(string)"`) gives it. */
export function parseTypeConstraint(raw: unknown): TypeConstraint {
  if (typeof raw !== "string") return undefined;
  const m = /^\$\{([\s\S]*)\}$/.exec(raw.trim());
  try {
    return parseExpression(m ? m[1]! : raw);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return undefined;
    throw error;
  }
}

/** True for types whose `-var` values Terraform parses as HCL (lists, maps, objects…), not as a plain string. */
export function isComplexType(t: TypeConstraint): boolean {
  return t !== undefined && t.k === "call";
}

function fail(where: string, why: string): EvalFailure {
  return new EvalFailure(`${where}: ${why}`);
}

/** The object attribute types of `object({ a = string, b = optional(number, 1) })`. */
function objectAttributes(t: Node): { name: string; type: Node; optional: boolean; default: V | undefined }[] | undefined {
  if (t.k !== "call" || t.name !== "object" || t.args[0]?.k !== "object") return undefined;
  return t.args[0].items.map(({ key, value }) => {
    const name = key.k === "lit" ? String(key.v) : key.k === "var" ? key.name : "";
    if (value.k === "call" && value.name === "optional") {
      const d = value.args[1];
      return { name, type: value.args[0]!, optional: true, default: d === undefined ? undefined : literalOf(d) };
    }
    return { name, type: value, optional: false, default: undefined };
  });
}

/** A constant expression's value (defaults inside `optional(…)`); unknown when not constant. */
function literalOf(n: Node): V {
  switch (n.k) {
    case "lit":
      return n.v;
    case "tpl":
      return n.parts.every((p) => typeof p === "string") ? n.parts.join("") : new TfUnknown("a non-constant optional() default");
    case "tuple":
      return n.items.map(literalOf);
    case "object":
      return objectOf(n.items.map(({ key, value }) => [key.k === "lit" ? String(key.v) : "", literalOf(value)] as const));
    case "unary":
      return n.op === "-" && n.x.k === "lit" && typeof n.x.v === "number" ? -n.x.v : new TfUnknown("a non-constant optional() default");
    default:
      return new TfUnknown("a non-constant optional() default");
  }
}

/**
 * Converts `v` to the constraint the way Terraform does for variable values (numbers from numeric
 * strings, optional object attributes filled with their defaults). A mismatch is an EvalFailure.
 */
export function convertToType(v: V, t: TypeConstraint, where: string): V {
  if (t === undefined || v === null || v instanceof TfUnknown || v instanceof TfReference) return v;
  if (t.k === "var") {
    switch (t.name) {
      case "string": {
        const s = asString(v);
        return s === undefined ? fail(where, `expected a string, got a ${typeName(v)}`) : s;
      }
      case "number": {
        const n = asNumber(v);
        return n === undefined ? fail(where, `expected a number, got ${JSON.stringify(v)}`) : n;
      }
      case "bool": {
        const b = asBool(v);
        return b === undefined ? fail(where, `expected a bool, got ${JSON.stringify(v)}`) : b;
      }
      default:
        return v;
    }
  }
  if (t.k !== "call") return v;
  const inner = t.args[0];
  switch (t.name) {
    case "list":
    case "set":
      if (!Array.isArray(v)) return fail(where, `expected a ${t.name}, got a ${typeName(v)}`);
      return (v as readonly V[]).map((item, i) => convertToType(item, inner, `${where}[${i}]`));
    case "tuple": {
      if (!Array.isArray(v)) return fail(where, `expected a tuple, got a ${typeName(v)}`);
      const types = inner?.k === "tuple" ? inner.items : [];
      return (v as readonly V[]).map((item, i) => convertToType(item, types[i], `${where}[${i}]`));
    }
    case "map":
      if (!isObject(v)) return fail(where, `expected a map, got a ${typeName(v)}`);
      return objectOf(Object.entries(v).map(([k, item]) => [k, convertToType(item, inner, `${where}["${k}"]`)] as const));
    case "object": {
      if (!isObject(v)) return fail(where, `expected an object, got a ${typeName(v)}`);
      const attributes = objectAttributes(t);
      if (!attributes) return v;
      const entries: [string, V][] = [];
      for (const a of attributes) {
        if (Object.prototype.hasOwnProperty.call(v, a.name) && v[a.name] !== null) {
          entries.push([a.name, convertToType(v[a.name]!, a.type, `${where}.${a.name}`)]);
        } else if (a.optional) {
          entries.push([a.name, a.default === undefined ? null : convertToType(a.default, a.type, `${where}.${a.name}`)]);
        } else {
          entries.push([a.name, fail(where, `attribute "${a.name}" is required by the variable's type`)]);
        }
      }
      return objectOf(entries);
    }
    default:
      return v;
  }
}
