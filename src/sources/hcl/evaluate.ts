// Evaluates parsed HCL expressions against a scope; whatever cannot be known becomes TfUnknown with the reason.
import { TfReference, TfUnknown } from "../terraform/types.js";
import { ExpressionSyntaxError, type Node, parseTemplate } from "./expression.js";
import { callFunction } from "./functions.js";
import {
  EvalFailure,
  LazyObject,
  type ObjectV,
  ResourceInstanceRef,
  type V,
  asBool,
  asNumber,
  asString,
  equal,
  isObject,
  objectOf,
  quote,
  typeName,
} from "./values.js";

/** Attributes that hold a host name: a trailing dot (the fully qualified form) does not change which host. */
const HOST_ATTRIBUTES: ReadonlySet<string> = new Set(["endpoint", "reader_endpoint", "address"]);

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** The value of a root name (`var`, `local`, `count`, `each`, a resource type, an iterator…). */
  root(name: string): V | undefined;
  /** The configured value of a referenced resource attribute, or TfUnknown when only apply would know it. */
  deref(ref: TfReference): V;
}

/** A scope with extra names on top (for-expression symbols, dynamic block iterators). */
export function withNames(parent: Scope, names: Readonly<Record<string, V>>): Scope {
  return {
    root: (name) => (Object.prototype.hasOwnProperty.call(names, name) ? names[name] : parent.root(name)),
    deref: (ref) => parent.deref(ref),
  };
}

/** The object behind a lazy object, with every key read. */
function materialize(o: LazyObject): ObjectV {
  return objectOf(o.keys().map((k) => [k, o.get(k) ?? null] as const));
}

class Evaluator {
  constructor(
    readonly src: string,
    readonly scope: Scope,
  ) {}

  text(node: Node): string {
    return this.src.slice(node.s, node.e);
  }

  unknown(node: Node, why: string): TfUnknown {
    return new TfUnknown(`${quote(this.text(node))} ${why}`);
  }

  failure(node: Node, why: string): EvalFailure {
    return new EvalFailure(`${quote(this.text(node))}: ${why}`);
  }

  /** A reference used inside a larger expression: its configured value, or unknown. */
  force(v: V): V {
    let out = v;
    for (let depth = 0; out instanceof TfReference && depth < 16; depth++) out = this.scope.deref(out);
    return out instanceof TfReference ? new TfUnknown(`${out.address}.${out.attribute} is known only after apply`) : out;
  }

  /** A value that must be wholly present (operands, conditions): references forced, unknown passed on. */
  plain(v: V): V {
    const f = this.force(v);
    return f instanceof LazyObject ? materialize(f) : f;
  }

  eval(node: Node): V {
    switch (node.k) {
      case "lit":
        return node.v;
      case "tpl":
        return this.template(node);
      case "tuple":
        return node.items.map((i) => this.eval(i));
      case "object": {
        const entries: [string, V][] = [];
        for (const { key, value } of node.items) {
          const k = this.plain(this.eval(key));
          if (k instanceof TfUnknown) return k;
          const ks = asString(k);
          if (ks === undefined) return this.failure(key, `an object key must be a string, not a ${typeName(k)}`);
          entries.push([ks, this.eval(value)]);
        }
        return objectOf(entries);
      }
      case "var": {
        const v = this.scope.root(node.name);
        return v === undefined ? this.failure(node, `"${node.name}" is not a name Terraform knows here`) : v;
      }
      case "attr":
        return this.getAttr(this.eval(node.target), node.name, node);
      case "index": {
        const key = this.plain(this.eval(node.key));
        return this.getIndex(this.eval(node.target), key, node);
      }
      case "splat":
        return this.splat(node);
      case "anon":
        return this.failure(node, "splat element outside a splat");
      case "call":
        return this.call(node);
      case "unary": {
        const x = this.plain(this.eval(node.x));
        if (x instanceof TfUnknown) return x;
        if (node.op === "!") {
          const b = asBool(x);
          return b === undefined ? this.failure(node, `"!" needs a bool, not a ${typeName(x)}`) : !b;
        }
        const n = asNumber(x);
        return n === undefined ? this.failure(node, `"-" needs a number, not a ${typeName(x)}`) : -n;
      }
      case "binary":
        return this.binary(node);
      case "cond": {
        const c = this.plain(this.eval(node.c));
        if (c instanceof TfUnknown) return c;
        const b = asBool(c);
        if (b === undefined) return this.failure(node.c, `a condition must be a bool, not a ${typeName(c)}`);
        return this.eval(b ? node.t : node.f);
      }
      case "for":
        return this.forExpr(node);
      case "unsupported":
        return this.unknown(node, `uses ${node.what}, which haspec does not evaluate`);
    }
  }

  template(node: Extract<Node, { k: "tpl" }>): V {
    if (node.parts.length === 1 && typeof node.parts[0] !== "string") return this.eval(node.parts[0]!);
    if (node.parts.length === 2 && node.parts[1] === "." && typeof node.parts[0] !== "string") {
      // `"${aws_rds_cluster.x.endpoint}."`: the fully qualified form of an endpoint is the same host.
      const v = this.eval(node.parts[0]!);
      if (v instanceof TfReference && HOST_ATTRIBUTES.has(v.attribute)) return v;
    }
    let out = "";
    for (const part of node.parts) {
      if (typeof part === "string") {
        out += part;
        continue;
      }
      const v = this.plain(this.eval(part));
      if (v instanceof TfUnknown) return v;
      const s = asString(v);
      if (s === undefined) return this.failure(part, `a ${typeName(v)} cannot be put into a string`);
      out += s;
    }
    return out;
  }

  getAttr(target: V, name: string, node: Node): V {
    if (target instanceof TfUnknown) return target;
    if (target instanceof ResourceInstanceRef) return new TfReference(target.address, name);
    if (target instanceof LazyObject) {
      // A variable, local or output whose value is null is there: only undefined is missing.
      const v = target.get(name);
      return v === undefined ? this.failure(node, target.missing(name)) : v;
    }
    if (target instanceof TfReference) return this.getAttr(this.force(target), name, node);
    if (isObject(target)) {
      return Object.prototype.hasOwnProperty.call(target, name) ? target[name]! : this.failure(node, `the object has no attribute "${name}"`);
    }
    return this.failure(node, `cannot read attribute "${name}" of a ${typeName(target)}`);
  }

  getIndex(target: V, key: V, node: Node): V {
    if (target instanceof TfUnknown) return target;
    if (key instanceof TfUnknown) return key;
    if (target instanceof TfReference) return this.getIndex(this.force(target), key, node);
    if (Array.isArray(target)) {
      const list = target as readonly V[];
      const i = asNumber(key);
      if (i === undefined || !Number.isInteger(i)) return this.failure(node, `a list index must be a whole number, not ${JSON.stringify(key)}`);
      return i >= 0 && i < list.length ? list[i]! : this.failure(node, `index ${i} is out of range for a list of ${list.length}`);
    }
    const k = asString(key);
    if (k === undefined) return this.failure(node, `a map key must be a string, not a ${typeName(key)}`);
    if (target instanceof LazyObject) {
      const v = target.get(k);
      return v === undefined ? this.failure(node, target.missing(k)) : v;
    }
    if (isObject(target)) {
      return Object.prototype.hasOwnProperty.call(target, k) ? target[k]! : this.failure(node, `the map has no key "${k}"`);
    }
    return this.failure(node, `cannot index a ${typeName(target)}`);
  }

  /** Applies a splat's per-element traversal to one element. */
  applyEach(each: Node, element: V): V {
    switch (each.k) {
      case "anon":
        return element;
      case "attr":
        return this.getAttr(this.applyEach(each.target, element), each.name, each);
      case "index":
        return this.getIndex(this.applyEach(each.target, element), this.plain(this.eval(each.key)), each);
      default:
        return this.failure(each, "unexpected splat traversal");
    }
  }

  splat(node: Extract<Node, { k: "splat" }>): V {
    const target = this.force(this.eval(node.target));
    if (target instanceof TfUnknown) return target;
    if (target === null) return [];
    const items = Array.isArray(target) ? (target as readonly V[]) : [target];
    return items.map((item) => this.applyEach(node.each, item));
  }

  call(node: Extract<Node, { k: "call" }>): V {
    const name = node.name;
    if (name === "try" || name === "can") {
      for (const arg of node.args) {
        const v = this.eval(arg);
        const deep = deepFailure(v);
        if (deep instanceof EvalFailure) {
          if (name === "can") return false;
          continue;
        }
        if (name === "can") return deep instanceof TfUnknown ? deep : true;
        return v;
      }
      return this.failure(node, "no argument of try() could be evaluated");
    }
    let args = node.args.map((a) => this.eval(a));
    if (node.expand) {
      const last = this.plain(args[args.length - 1] ?? null);
      if (last instanceof TfUnknown) return last;
      if (!Array.isArray(last)) return this.failure(node, "the argument expanded with ... must be a list");
      args = [...args.slice(0, -1), ...(last as readonly V[])];
    }
    return callFunction(name, args, {
      fail: (why) => this.failure(node, why),
      unknown: (why) => this.unknown(node, why),
      force: (v) => this.plain(v),
    });
  }

  binary(node: Extract<Node, { k: "binary" }>): V {
    const l = this.plain(this.eval(node.l));
    const r = this.plain(this.eval(node.r));
    if (l instanceof TfUnknown) return l;
    if (r instanceof TfUnknown) return r;
    switch (node.op) {
      case "==":
        return equal(l, r);
      case "!=":
        return !equal(l, r);
      case "&&":
      case "||": {
        const a = asBool(l);
        const b = asBool(r);
        if (a === undefined || b === undefined) return this.failure(node, `"${node.op}" needs bools`);
        return node.op === "&&" ? a && b : a || b;
      }
    }
    const a = asNumber(l);
    const b = asNumber(r);
    if (a === undefined || b === undefined) return this.failure(node, `"${node.op}" needs numbers, not ${typeName(l)} and ${typeName(r)}`);
    switch (node.op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? this.failure(node, "division by zero") : a / b;
      case "%":
        return b === 0 ? this.failure(node, "division by zero") : a % b;
      case "<":
        return a < b;
      case ">":
        return a > b;
      case "<=":
        return a <= b;
      case ">=":
        return a >= b;
      default:
        return this.failure(node, `unknown operator ${node.op}`);
    }
  }

  forExpr(node: Extract<Node, { k: "for" }>): V {
    const coll = this.plain(this.eval(node.coll));
    if (coll instanceof TfUnknown) return coll;
    let pairs: [V, V][];
    if (Array.isArray(coll)) pairs = (coll as readonly V[]).map((v, i) => [i, v]);
    else if (isObject(coll)) pairs = Object.keys(coll).sort().map((k) => [k, coll[k]!]);
    else return this.failure(node.coll, `a for expression needs a list, set or map, not a ${typeName(coll)}`);
    const outList: V[] = [];
    const outMap = new Map<string, V[]>();
    for (const [k, v] of pairs) {
      const names: Record<string, V> = { [node.valVar]: v };
      if (node.keyVar !== undefined) names[node.keyVar] = k;
      const inner = new Evaluator(this.src, withNames(this.scope, names));
      if (node.cond) {
        const c = inner.plain(inner.eval(node.cond));
        if (c instanceof TfUnknown) return c;
        const b = asBool(c);
        if (b === undefined) return this.failure(node.cond, "a for expression's if clause must be a bool");
        if (!b) continue;
      }
      const value = inner.eval(node.valExpr);
      if (!node.object) {
        outList.push(value);
        continue;
      }
      const key = inner.plain(inner.eval(node.keyExpr!));
      if (key instanceof TfUnknown) return key;
      const ks = asString(key);
      if (ks === undefined) return this.failure(node.keyExpr!, "a for expression's key must be a string");
      const existing = outMap.get(ks);
      if (existing && !node.grouped) return this.failure(node, `two elements have the key "${ks}" (add ... to group them)`);
      if (existing) existing.push(value);
      else outMap.set(ks, [value]);
    }
    if (!node.object) return outList;
    return objectOf([...outMap].map(([k, vs]) => [k, node.grouped ? vs : vs[0]!] as const));
  }
}

/** The first failure or unknown inside a value (failures first, so try() can tell them apart). */
function deepFailure(v: V): TfUnknown | undefined {
  let firstUnknown: TfUnknown | undefined;
  const walk = (x: V): EvalFailure | undefined => {
    if (x instanceof EvalFailure) return x;
    if (x instanceof TfUnknown) {
      firstUnknown ??= x;
      return undefined;
    }
    if (Array.isArray(x)) {
      for (const item of x as readonly V[]) {
        const f = walk(item);
        if (f) return f;
      }
    } else if (isObject(x)) {
      for (const item of Object.values(x)) {
        const f = walk(item);
        if (f) return f;
      }
    }
    return undefined;
  };
  return walk(v) ?? firstUnknown;
}

/** Evaluates a parsed node. `src` is the text the node was parsed from (for quoting in reasons). */
export function evaluateNode(node: Node, src: string, scope: Scope): V {
  return new Evaluator(src, scope).eval(node);
}

const templateCache = new Map<string, Node | ExpressionSyntaxError>();

/** Parses a template string once per distinct text (modules repeat the same expressions many times). */
function parsedTemplate(text: string): Node | ExpressionSyntaxError {
  let node = templateCache.get(text);
  if (node === undefined) {
    try {
      node = parseTemplate(text);
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      node = error;
    }
    if (templateCache.size > 50_000) templateCache.clear();
    templateCache.set(text, node);
  }
  return node;
}

/** How a string from the JSON form is shown in a reason: the bare expression when it is one interpolation. */
export function displayExpression(text: string): string {
  const m = /^\$\{([\s\S]*)\}$/.exec(text);
  if (m && !m[1]!.includes("${")) return m[1]!;
  return JSON.stringify(text);
}

/**
 * Evaluates a string of the JSON form (hcl2json output, Terraform JSON syntax) as a template. An
 * unknown result names the whole expression, so the user sees what could not be read.
 */
export function evaluateString(text: string, scope: Scope): V {
  if (!text.includes("${") && !text.includes("%{")) return text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
  const node = parsedTemplate(text);
  if (node instanceof ExpressionSyntaxError) {
    return new TfUnknown(`${quote(displayExpression(text))} is not an expression haspec can read (${node.message})`);
  }
  const v = new Evaluator(text, scope).eval(node);
  if (v instanceof TfUnknown) {
    const shown = quote(displayExpression(text));
    if (v.reason.startsWith(shown)) return v;
    const Kind = v instanceof EvalFailure ? EvalFailure : TfUnknown;
    return new Kind(`${shown}: ${v.reason}`);
  }
  return v;
}

/** Evaluates a value of the JSON form: strings as templates, objects (keys too) and lists item by item. */
export function evaluateJson(raw: unknown, scope: Scope): V {
  if (typeof raw === "string") return evaluateString(raw, scope);
  if (raw === null || typeof raw === "number" || typeof raw === "boolean") return raw;
  if (Array.isArray(raw)) return raw.map((item) => evaluateJson(item, scope));
  if (typeof raw === "object") {
    const entries: [string, V][] = [];
    for (const [k, item] of Object.entries(raw as Record<string, unknown>)) {
      if (k === "//") continue;
      let key = k;
      // Keys are templates too: `${…}` interpolates, `%{…}` is a directive, and `$${` / `%%{` are literal.
      if (k.includes("${") || k.includes("%{")) {
        const kv = evaluateString(k, scope);
        const ks = typeof kv === "object" ? undefined : asString(kv);
        if (ks === undefined) return kv instanceof TfUnknown ? kv : new TfUnknown(`object key ${quote(k)} is not a string`);
        key = ks;
      }
      entries.push([key, evaluateJson(item, scope)]);
    }
    return objectOf(entries);
  }
  return new TfUnknown(`unexpected value ${String(raw)}`);
}
