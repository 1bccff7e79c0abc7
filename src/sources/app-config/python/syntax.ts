// Python source as values: parses with @lezer/python and evaluates the literal parts of expressions (strings, numbers, dicts, environment look-ups).
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";
import { childrenOf, nodesNamed } from "../file-text.js";

/** What a Python expression is, as far as the source alone tells. */
export type PyValue =
  | { readonly kind: "str"; readonly value: string }
  | { readonly kind: "num"; readonly value: number }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "none" }
  | { readonly kind: "env"; readonly name: string; readonly fallback?: PyValue }
  | { readonly kind: "dict"; readonly entries: ReadonlyMap<string, PyEntry>; /** `{**other}` whose keys cannot be read. */ readonly spread?: boolean }
  | { readonly kind: "call"; readonly callee: string; readonly args: readonly PyValue[]; readonly kwargs: ReadonlyMap<string, PyEntry>; readonly splats: readonly PyValue[] }
  | { readonly kind: "other"; readonly text: string };

/** A value and the node it was written at (for its line). */
export interface PyEntry {
  readonly value: PyValue;
  readonly node: SyntaxNode;
}

/** Calls that read an environment variable: `os.getenv("X", d)`, `os.environ.get`, django-environ `env("X")`/`env.int`, python-decouple `config("X", default=…)`. */
const ENV_GETTERS = /^(os\.getenv|getenv|os\.environ\.get|environ\.get|env|env\.(str|int|bool|float|get_value)|config|decouple\.config)$/;

/** One parsed Python file with helpers bound to its text. */
export class PyFile {
  readonly tree: Tree;
  constructor(readonly path: string, readonly text: string) {
    this.tree = parser.parse(text);
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private readonly byName = new Map<string, SyntaxNode[]>();
  private assignments?: { topLevel: Map<string, SyntaxNode>; anywhere: Map<string, SyntaxNode> };

  /** Every node named `name`, in source order. */
  all(name: string): SyntaxNode[] {
    return nodesNamed(this.tree, this.byName, name);
  }

  /** Module names this file imports (`import a.b` → `a.b`; `from a.b import c` → `a.b`, `a.b.c`). */
  imports(): string[] {
    const names: string[] = [];
    for (const statement of this.all("ImportStatement")) {
      const text = this.textOf(statement).replace(/\s+/g, " ");
      const from = /^from\s+([\w.]+)\s+import\s+(.*)$/.exec(text);
      if (from) {
        names.push(from[1]!);
        for (const part of from[2]!.replace(/[()]/g, "").split(",")) names.push(`${from[1]}.${part.trim().split(" ")[0]}`);
      } else for (const part of text.replace(/^import\s+/, "").split(",")) names.push(part.trim().split(" ")[0]!);
    }
    return names;
  }

  /** The value of the last `name = …` in this file (module level first; else a local one, as a config dict built inside the function that uses it). */
  assigned(name: string): SyntaxNode | undefined {
    if (!this.assignments) {
      const topLevel = new Map<string, SyntaxNode>();
      const anywhere = new Map<string, SyntaxNode>();
      for (const node of this.all("AssignStatement")) {
        const target = node.firstChild;
        if (target?.name !== "VariableName" || !node.lastChild) continue;
        anywhere.set(this.textOf(target), node.lastChild);
        if (node.parent?.name === "Script") topLevel.set(this.textOf(target), node.lastChild);
      }
      this.assignments = { topLevel, anywhere };
    }
    return this.assignments.topLevel.get(name) ?? this.assignments.anywhere.get(name);
  }

  /** Evaluates an expression as far as its literal parts go. */
  evaluate(node: SyntaxNode, depth = 0): PyValue {
    const text = this.textOf(node);
    if (depth > 8) return { kind: "other", text };
    switch (node.name) {
      case "String":
        return stringValue(text);
      case "ContinuedString": {
        const parts = node.getChildren("String").map((s) => stringValue(this.textOf(s)));
        return parts.every((p) => p.kind === "str") ? { kind: "str", value: parts.map((p) => (p as { value: string }).value).join("") } : { kind: "other", text };
      }
      case "Number":
        return Number.isFinite(Number(text.replace(/_/g, ""))) ? { kind: "num", value: Number(text.replace(/_/g, "")) } : { kind: "other", text };
      case "None":
        return { kind: "none" };
      case "Boolean":
        return { kind: "bool", value: text === "True" };
      case "ParenthesizedExpression":
        return node.firstChild?.nextSibling ? this.evaluate(node.firstChild.nextSibling, depth + 1) : { kind: "other", text };
      case "BinaryExpression":
        return this.arithmetic(node, depth);
      case "UnaryExpression": {
        const inner = node.lastChild && node.lastChild !== node.firstChild ? this.evaluate(node.lastChild, depth + 1) : undefined;
        return text.startsWith("-") && inner?.kind === "num" ? { kind: "num", value: -inner.value } : { kind: "other", text };
      }
      case "DictionaryExpression":
        return this.dictionary(node, depth);
      case "VariableName": {
        const value = this.assigned(text);
        return value && value !== node ? this.evaluate(value, depth + 1) : { kind: "other", text };
      }
      case "MemberExpression": {
        const subscript = /^(os\.environ|environ)\s*\[\s*(['"])(\w+)\2\s*\]$/.exec(text);
        return subscript ? { kind: "env", name: subscript[3]! } : { kind: "other", text };
      }
      case "CallExpression":
        return this.call(node, depth);
      default:
        return { kind: "other", text };
    }
  }

  private arithmetic(node: SyntaxNode, depth: number): PyValue {
    const [left, op, right] = [node.firstChild, node.firstChild?.nextSibling, node.lastChild];
    if (!left || !op || !right) return { kind: "other", text: this.textOf(node) };
    const a = this.evaluate(left, depth + 1);
    const b = this.evaluate(right, depth + 1);
    const operator = this.textOf(op);
    if (a.kind === "num" && b.kind === "num") {
      const result = operator === "*" ? a.value * b.value : operator === "+" ? a.value + b.value : operator === "-" ? a.value - b.value : NaN;
      if (Number.isFinite(result)) return { kind: "num", value: result };
    }
    if (operator === "or" && a.kind === "env") return { kind: "env", name: a.name, fallback: b };
    return { kind: "other", text: this.textOf(node) };
  }

  private dictionary(node: SyntaxNode, depth: number): PyValue {
    const entries = new Map<string, PyEntry>();
    const items = childrenOf(node);
    let spread = false;
    for (let i = 0; i + 2 < items.length; i++) {
      if (items[i]!.name === "**") {
        const other = this.evaluate(items[i + 1]!, depth + 1);
        if (other.kind === "dict" && !other.spread) for (const [k, v] of other.entries) entries.set(k, v);
        else spread = true;
      }
      if (items[i]!.name === "String" && items[i + 1]!.name === ":") {
        const key = stringValue(this.textOf(items[i]!));
        if (key.kind === "str") entries.set(key.value, { value: this.evaluate(items[i + 2]!, depth + 1), node: items[i]! });
      }
    }
    return spread ? { kind: "dict", entries, spread } : { kind: "dict", entries };
  }

  private call(node: SyntaxNode, depth: number): PyValue {
    const calleeNode = node.firstChild;
    const list = node.getChild("ArgList");
    const callee = calleeNode ? this.textOf(calleeNode).replace(/\s+/g, "") : "";
    const args: PyValue[] = [];
    const kwargs = new Map<string, PyEntry>();
    const splats: PyValue[] = [];
    const items = list ? childrenOf(list).filter((n) => n.name !== "(" && n.name !== ")") : [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.name === ",") continue;
      if (item.name === "VariableName" && items[i + 1]?.name === "AssignOp" && items[i + 2]) {
        kwargs.set(this.textOf(item), { value: this.evaluate(items[i + 2]!, depth + 1), node: item });
        i += 2;
      } else if (item.name === "**" && items[i + 1]) {
        splats.push(this.evaluate(items[i + 1]!, depth + 1));
        i += 1;
      } else args.push(this.evaluate(item, depth + 1));
    }
    if (ENV_GETTERS.test(callee) && args[0]?.kind === "str") {
      const fallback = args[1] ?? kwargs.get("default")?.value;
      return fallback ? { kind: "env", name: args[0].value, fallback } : { kind: "env", name: args[0].value };
    }
    if (/^(int|float|str)$/.test(callee) && args.length === 1) {
      const inner = args[0]!;
      if (callee !== "str" && inner.kind === "str" && Number.isFinite(Number(inner.value))) return { kind: "num", value: Number(inner.value) };
      return inner;
    }
    return { kind: "call", callee, args, kwargs, splats };
  }
}

/** A Python string literal's value (prefixes r/b/u; f-strings are not literal). */
function stringValue(text: string): PyValue {
  const match = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(text);
  if (!match) return { kind: "other", text };
  const raw = match[3]!;
  const value = /r/i.test(match[1]!) ? raw : raw.replace(/\\(['"\\])/g, "$1").replace(/\\n/g, "\n").replace(/\\t/g, "\t");
  return { kind: "str", value };
}
