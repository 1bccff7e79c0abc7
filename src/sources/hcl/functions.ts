// The Terraform functions haspec evaluates (pure, no files, no clock); any other function gives unknown.
import { TfUnknown } from "../terraform/types.js";
import { type V, asBool, asNumber, asString, equal, firstUnknown, isObject, objectOf, typeName } from "./values.js";

export interface CallHelpers {
  /** An error Terraform would raise for these arguments. */
  fail(why: string): TfUnknown;
  /** A result haspec cannot compute. */
  unknown(why: string): TfUnknown;
  /** A value with references resolved to configured values (or unknown). */
  force(v: V): V;
}

type Fn = (args: V[], h: CallHelpers) => V;

/** Forces every argument and returns the first unknown among them (shallow), if any. */
function shallow(args: V[], h: CallHelpers): { args: V[]; unknown?: TfUnknown } {
  const forced = args.map((a) => h.force(a));
  const u = forced.find((a): a is TfUnknown => a instanceof TfUnknown);
  return u ? { args: forced, unknown: u } : { args: forced };
}

/** Every argument wholly known (deep): for functions that read every element. */
function deep(args: V[], h: CallHelpers): { args: V[]; unknown?: TfUnknown } {
  const forced = args.map((a) => h.force(a));
  for (const a of forced) {
    const u = firstUnknown(a);
    if (u) return { args: forced, unknown: u };
  }
  return { args: forced };
}

function list(v: V): readonly V[] | undefined {
  return Array.isArray(v) ? (v as readonly V[]) : undefined;
}

function str(v: V, h: CallHelpers, what = "argument"): string | TfUnknown {
  const s = asString(v);
  return s === undefined ? h.fail(`the ${what} must be a string, not a ${typeName(v)}`) : s;
}

function num(v: V, h: CallHelpers, what = "argument"): number | TfUnknown {
  const n = asNumber(v);
  return n === undefined ? h.fail(`the ${what} must be a number, not a ${typeName(v)}`) : n;
}

function withArity(min: number, max: number, fn: Fn): Fn {
  return (args, h) =>
    args.length < min || args.length > max ? h.fail(`takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`) : fn(args, h);
}

/** Terraform's `format` verbs %s %d %v %q %f %% (no width or flags beyond the plain forms). */
function format(spec: string, values: V[], h: CallHelpers): V {
  let i = 0;
  let out = "";
  for (let p = 0; p < spec.length; p++) {
    const c = spec[p]!;
    if (c !== "%") {
      out += c;
      continue;
    }
    const m = /^%(?:\[(\d+)\])?([-+ #0]*)(\d*)(?:\.(\d+))?([sdvqftb%])/.exec(spec.slice(p));
    if (!m) return h.unknown(`uses a format verb haspec does not evaluate`);
    p += m[0].length - 1;
    const verb = m[5]!;
    if (verb === "%") {
      out += "%";
      continue;
    }
    const idx = m[1] !== undefined ? Number(m[1]) - 1 : i++;
    const v = values[idx];
    if (v === undefined) return h.fail("too few arguments for the format string");
    let s: string | undefined;
    if (verb === "d") {
      const n = asNumber(v);
      s = n === undefined ? undefined : String(Math.trunc(n));
    } else if (verb === "f") {
      const n = asNumber(v);
      s = n === undefined ? undefined : n.toFixed(m[4] !== undefined ? Number(m[4]) : 6);
    } else if (verb === "q") {
      const t = asString(v);
      s = t === undefined ? undefined : JSON.stringify(t);
    } else if (verb === "t") {
      const b = asBool(v);
      s = b === undefined ? undefined : String(b);
    } else if (verb === "v" && (Array.isArray(v) || isObject(v))) {
      s = JSON.stringify(v);
    } else {
      s = asString(v);
    }
    if (s === undefined) return h.fail(`format verb %${verb} cannot print a ${typeName(v)}`);
    const width = m[3] ? Number(m[3]) : 0;
    if (s.length < width) s = m[2]!.includes("-") ? s.padEnd(width) : s.padStart(width, m[2]!.includes("0") ? "0" : " ");
    out += s;
  }
  return out;
}

function flatten(v: readonly V[]): V[] {
  const out: V[] = [];
  for (const item of v) {
    if (Array.isArray(item)) out.push(...flatten(item as readonly V[]));
    else out.push(item);
  }
  return out;
}

const FUNCTIONS: Record<string, Fn> = {
  lookup: withArity(2, 3, (raw, h) => {
    const [mapArg, keyArg] = [h.force(raw[0]!), h.force(raw[1]!)];
    if (mapArg instanceof TfUnknown) return mapArg;
    if (keyArg instanceof TfUnknown) return keyArg;
    if (!isObject(mapArg)) return h.fail(`lookup() needs a map, not a ${typeName(mapArg)}`);
    const key = str(keyArg, h, "key");
    if (key instanceof TfUnknown) return key;
    if (Object.prototype.hasOwnProperty.call(mapArg, key)) return mapArg[key]!;
    return raw.length === 3 ? raw[2]! : h.fail(`the map has no key "${key}" and no default was given`);
  }),
  merge: (raw, h) => {
    const { args, unknown } = shallow(raw, h);
    if (unknown) return unknown;
    const entries: [string, V][] = [];
    for (const a of args) {
      if (a === null) continue;
      if (!isObject(a)) return h.fail(`merge() needs maps or objects, not a ${typeName(a)}`);
      entries.push(...Object.entries(a));
    }
    return objectOf(entries);
  },
  concat: (raw, h) => {
    const { args, unknown } = shallow(raw, h);
    if (unknown) return unknown;
    const out: V[] = [];
    for (const a of args) {
      const l = list(a);
      if (!l) return h.fail(`concat() needs lists, not a ${typeName(a)}`);
      out.push(...l);
    }
    return out;
  },
  length: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown) return a;
    if (typeof a === "string") return [...a].length;
    if (Array.isArray(a)) return a.length;
    if (isObject(a)) return Object.keys(a).length;
    return h.fail(`length() needs a string, list or map, not a ${typeName(a)}`);
  }),
  format: (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const spec = str(args[0] ?? null, h, "format string");
    return spec instanceof TfUnknown ? spec : format(spec, args.slice(1), h);
  },
  element: withArity(2, 2, (raw, h) => {
    const [l, i] = [h.force(raw[0]!), h.force(raw[1]!)];
    if (l instanceof TfUnknown) return l;
    if (i instanceof TfUnknown) return i;
    const items = list(l);
    if (!items) return h.fail(`element() needs a list, not a ${typeName(l)}`);
    const n = num(i, h, "index");
    if (n instanceof TfUnknown) return n;
    if (items.length === 0) return h.fail("element() cannot take an element of an empty list");
    return items[((Math.trunc(n) % items.length) + items.length) % items.length]!;
  }),
  tostring: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown || a === null) return a;
    return str(a, h);
  }),
  tonumber: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown || a === null) return a;
    return num(a, h);
  }),
  tobool: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown || a === null) return a;
    const b = asBool(a);
    return b === undefined ? h.fail(`cannot convert a ${typeName(a)} to bool`) : b;
  }),
  tolist: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown || Array.isArray(a)) return a;
    return h.fail(`cannot convert a ${typeName(a)} to a list`);
  }),
  toset: withArity(1, 1, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const items = list(args[0]!);
    if (!items) return h.fail(`cannot convert a ${typeName(args[0]!)} to a set`);
    const out: V[] = [];
    for (const item of items) if (!out.some((o) => equal(o, item))) out.push(item);
    return out.every((o) => typeof o === "string") ? [...(out as string[])].sort() : out;
  }),
  tomap: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown || isObject(a)) return a;
    return h.fail(`cannot convert a ${typeName(a)} to a map`);
  }),
  coalesce: (raw, h) => {
    for (const r of raw) {
      const a = h.force(r);
      if (a instanceof TfUnknown) return a;
      if (a !== null && a !== "") return a;
    }
    return h.fail("coalesce() found no non-null, non-empty argument");
  },
  coalescelist: (raw, h) => {
    for (const r of raw) {
      const a = h.force(r);
      if (a instanceof TfUnknown) return a;
      const l = list(a);
      if (!l) return h.fail(`coalescelist() needs lists, not a ${typeName(a)}`);
      if (l.length > 0) return l;
    }
    return h.fail("coalescelist() found no non-empty list");
  },
  compact: withArity(1, 1, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const items = list(args[0]!);
    return items ? items.filter((x) => x !== null && x !== "") : h.fail("compact() needs a list of strings");
  }),
  contains: withArity(2, 2, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const items = list(args[0]!);
    return items ? items.some((x) => equal(x, args[1]!)) : h.fail("contains() needs a list");
  }),
  distinct: withArity(1, 1, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const items = list(args[0]!);
    if (!items) return h.fail("distinct() needs a list");
    const out: V[] = [];
    for (const item of items) if (!out.some((o) => equal(o, item))) out.push(item);
    return out;
  }),
  flatten: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown) return a;
    const items = list(a);
    return items ? flatten(items) : h.fail("flatten() needs a list");
  }),
  join: withArity(2, 2, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const sep = str(args[0]!, h, "separator");
    const items = list(args[1]!);
    if (sep instanceof TfUnknown) return sep;
    if (!items) return h.fail("join() needs a list");
    const parts: string[] = [];
    for (const item of items) {
      const s = str(item, h, "list element");
      if (s instanceof TfUnknown) return s;
      parts.push(s);
    }
    return parts.join(sep);
  }),
  split: withArity(2, 2, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const [sep, s] = [str(args[0]!, h), str(args[1]!, h)];
    if (sep instanceof TfUnknown) return sep;
    if (s instanceof TfUnknown) return s;
    return s.split(sep);
  }),
  keys: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown) return a;
    return isObject(a) ? Object.keys(a).sort() : h.fail("keys() needs a map");
  }),
  values: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown) return a;
    return isObject(a) ? Object.keys(a).sort().map((k) => a[k]!) : h.fail("values() needs a map");
  }),
  zipmap: withArity(2, 2, (raw, h) => {
    const [k, v] = [h.force(raw[0]!), h.force(raw[1]!)];
    const u = firstUnknown(k) ?? (v instanceof TfUnknown ? v : undefined);
    if (u) return u;
    const ks = list(k);
    const vs = list(v);
    if (!ks || !vs || ks.length !== vs.length) return h.fail("zipmap() needs two lists of the same length");
    const entries: [string, V][] = [];
    for (let i = 0; i < ks.length; i++) {
      const key = str(ks[i]!, h, "key");
      if (key instanceof TfUnknown) return key;
      entries.push([key, vs[i]!]);
    }
    return objectOf(entries);
  }),
  lower: withArity(1, 1, (raw, h) => stringFn(raw, h, (s) => s.toLowerCase())),
  upper: withArity(1, 1, (raw, h) => stringFn(raw, h, (s) => s.toUpperCase())),
  trimspace: withArity(1, 1, (raw, h) => stringFn(raw, h, (s) => s.trim())),
  trimsuffix: withArity(2, 2, (raw, h) => stringFn2(raw, h, (s, x) => (x && s.endsWith(x) ? s.slice(0, -x.length) : s))),
  trimprefix: withArity(2, 2, (raw, h) => stringFn2(raw, h, (s, x) => (s.startsWith(x) ? s.slice(x.length) : s))),
  startswith: withArity(2, 2, (raw, h) => stringFn2(raw, h, (s, x) => s.startsWith(x))),
  endswith: withArity(2, 2, (raw, h) => stringFn2(raw, h, (s, x) => s.endsWith(x))),
  strcontains: withArity(2, 2, (raw, h) => stringFn2(raw, h, (s, x) => s.includes(x))),
  replace: withArity(3, 3, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const [s, from, to] = args.map((a) => asString(a));
    if (s === undefined || from === undefined || to === undefined) return h.fail("replace() needs strings");
    if (from.length > 1 && from.startsWith("/") && from.endsWith("/")) return h.unknown("uses a regular expression, which haspec does not evaluate");
    return s.split(from).join(to);
  }),
  substr: withArity(3, 3, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    if (unknown) return unknown;
    const s = asString(args[0]!);
    const [off, len] = [asNumber(args[1]!), asNumber(args[2]!)];
    if (s === undefined || off === undefined || len === undefined) return h.fail("substr() needs a string and two numbers");
    const chars = [...s];
    const start = off < 0 ? chars.length + off : off;
    return chars.slice(start, len < 0 ? undefined : start + len).join("");
  }),
  min: (raw, h) => numbersFn(raw, h, (ns) => Math.min(...ns)),
  max: (raw, h) => numbersFn(raw, h, (ns) => Math.max(...ns)),
  abs: withArity(1, 1, (raw, h) => numbersFn(raw, h, ([n]) => Math.abs(n!))),
  ceil: withArity(1, 1, (raw, h) => numbersFn(raw, h, ([n]) => Math.ceil(n!))),
  floor: withArity(1, 1, (raw, h) => numbersFn(raw, h, ([n]) => Math.floor(n!))),
  range: withArity(1, 3, (raw, h) =>
    numbersFn(raw, h, (ns) => {
      const [start, limit, step] = ns.length === 1 ? [0, ns[0]!, 1] : [ns[0]!, ns[1]!, ns[2] ?? (ns[0]! <= ns[1]! ? 1 : -1)];
      const out: number[] = [];
      if (step === 0) return out;
      for (let x = start; step > 0 ? x < limit : x > limit; x += step) {
        out.push(x);
        if (out.length > 1024) break;
      }
      return out;
    }),
  ),
  one: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown) return a;
    const items = list(a);
    if (!items || items.length > 1) return h.fail("one() needs a list of zero or one element");
    return items[0] ?? null;
  }),
  reverse: withArity(1, 1, (raw, h) => {
    const a = h.force(raw[0]!);
    if (a instanceof TfUnknown) return a;
    const items = list(a);
    return items ? [...items].reverse() : h.fail("reverse() needs a list");
  }),
  slice: withArity(3, 3, (raw, h) => {
    const [l, a, b] = raw.map((x) => h.force(x));
    const u = [l, a, b].find((x): x is TfUnknown => x instanceof TfUnknown);
    if (u) return u;
    const items = list(l!);
    const [from, to] = [asNumber(a!), asNumber(b!)];
    if (!items || from === undefined || to === undefined || from < 0 || to > items.length || from > to) return h.fail("slice() arguments are out of range");
    return items.slice(from, to);
  }),
  jsonencode: withArity(1, 1, (raw, h) => {
    const { args, unknown } = deep(raw, h);
    return unknown ?? JSON.stringify(args[0]);
  }),
};

function stringFn(raw: V[], h: CallHelpers, fn: (s: string) => V): V {
  const { args, unknown } = deep(raw, h);
  if (unknown) return unknown;
  const s = str(args[0]!, h);
  return s instanceof TfUnknown ? s : fn(s);
}

function stringFn2(raw: V[], h: CallHelpers, fn: (s: string, x: string) => V): V {
  const { args, unknown } = deep(raw, h);
  if (unknown) return unknown;
  const [s, x] = [str(args[0]!, h), str(args[1]!, h)];
  if (s instanceof TfUnknown) return s;
  if (x instanceof TfUnknown) return x;
  return fn(s, x);
}

function numbersFn(raw: V[], h: CallHelpers, fn: (ns: number[]) => V): V {
  const { args, unknown } = deep(raw, h);
  if (unknown) return unknown;
  const ns: number[] = [];
  for (const a of args) {
    const n = num(a, h);
    if (n instanceof TfUnknown) return n;
    ns.push(n);
  }
  return ns.length === 0 ? h.fail("needs at least one number") : fn(ns);
}

/** Calls a Terraform function; one haspec does not evaluate gives unknown naming it. */
export function callFunction(name: string, args: V[], h: CallHelpers): V {
  const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) return h.unknown(`calls ${name}(), which haspec does not evaluate`);
  return fn(args, h);
}
