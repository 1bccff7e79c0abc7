// JavaScript/TypeScript source as values: parses with @lezer/javascript, tracks what pg/mysql2/the AWS NodeJS wrapper names are bound to, and evaluates literal config objects.
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/javascript";
import { childrenOf, nodesNamed } from "../file-text.js";

/** What a JavaScript expression is, as far as the source alone tells. */
export type JsValue =
  | { readonly kind: "str"; readonly value: string }
  | { readonly kind: "num"; readonly value: number }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "env"; readonly name: string; readonly fallback?: JsValue }
  | { readonly kind: "object"; readonly entries: ReadonlyMap<string, JsEntry>; /** `{...other}`: keys not listed may come from it. */ readonly spread: boolean }
  | { readonly kind: "other"; readonly text: string };

export interface JsEntry {
  readonly value: JsValue;
  readonly node: SyntaxNode;
}

/** What a local name is bound to: a module (`import pg from "pg"`, `import * as pg`, `require("pg")`) or one export of it (`import { Pool } from "pg"`). */
export interface Binding {
  readonly module: string;
  /** undefined = the module itself (default or namespace import, or `require`). */
  readonly member?: string;
}

/** One parsed JavaScript or TypeScript file. */
export class JsFile {
  readonly tree: Tree;
  readonly bindings = new Map<string, Binding>();
  constructor(readonly path: string, readonly text: string) {
    const typescript = /\.(ts|tsx|mts|cts)$/.test(path);
    this.tree = parser.configure({ dialect: typescript ? "ts" : "jsx" }).parse(text);
    this.bind();
    this.bindAliases();
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private readonly byName = new Map<string, SyntaxNode[]>();
  private declarations?: Map<string, SyntaxNode>;

  /** Every node named `name`, in source order. */
  all(name: string): SyntaxNode[] {
    return nodesNamed(this.tree, this.byName, name);
  }

  private bind(): void {
    for (const node of this.all("ImportDeclaration")) {
      const source = node.getChild("String");
      if (!source) continue;
      const module = unquote(this.textOf(source));
      for (const child of childrenOf(node)) {
        if (child.name === "VariableDefinition") this.bindings.set(this.textOf(child), { module });
        if (child.name !== "ImportGroup") continue;
        const items = childrenOf(child);
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          if (item.name === "VariableName" && items[i + 1]?.name === "as" && items[i + 2]) {
            this.bindings.set(this.textOf(items[i + 2]!), { module, member: this.textOf(item) });
            i += 2;
          } else if (item.name === "VariableDefinition") this.bindings.set(this.textOf(item), { module, member: this.textOf(item) });
        }
      }
    }
    for (const call of this.all("CallExpression")) {
      const callee = call.firstChild;
      const arg = call.getChild("ArgList")?.getChild("String");
      if (!callee || !arg || this.textOf(callee) !== "require") continue;
      const module = unquote(this.textOf(arg));
      let holder = call.parent;
      let member: string | undefined;
      if (holder?.name === "MemberExpression") {
        member = this.textOf(holder.lastChild!);
        holder = holder.parent;
      }
      if (holder?.name !== "VariableDeclaration") continue;
      const target = childrenOf(holder).reverse().find((n) => n.to <= call.from && (n.name === "VariableDefinition" || n.name === "ObjectPattern"));
      if (target?.name === "VariableDefinition") this.bindings.set(this.textOf(target), member ? { module, member } : { module });
      else if (target) {
        for (const property of target.getChildren("PatternProperty")) {
          const local = property.getChild("VariableDefinition");
          const name = property.getChild("PropertyName") ?? local;
          if (local && name) this.bindings.set(this.textOf(local), { module, member: this.textOf(name) });
        }
      }
    }
  }

  /** `const { Pool } = pg;`, `const Pool = pg.Pool;`, `const db = pg;` after `import pg from "pg"`. */
  private bindAliases(): void {
    for (const declaration of this.all("VariableDeclaration")) {
      const items = childrenOf(declaration);
      for (let i = 0; i + 2 < items.length; i++) {
        const [target, equals, init] = [items[i]!, items[i + 1]!, items[i + 2]!];
        if (equals.name !== "Equals" || (target.name !== "VariableDefinition" && target.name !== "ObjectPattern")) continue;
        const bound = this.resolveCallee(init);
        if (!bound) continue;
        if (target.name === "VariableDefinition") this.bindings.set(this.textOf(target), bound);
        else if (bound.member === undefined)
          for (const property of target.getChildren("PatternProperty")) {
            const local = property.getChild("VariableDefinition");
            const name = property.getChild("PropertyName") ?? local;
            if (local && name) this.bindings.set(this.textOf(local), { module: bound.module, member: this.textOf(name) });
          }
      }
    }
  }

  /** What a callee (`Pool`, `pg.Pool`, `mysql.createPool`) refers to, by module and export. */
  resolveCallee(node: SyntaxNode): Binding | undefined {
    if (node.name === "VariableName") return this.bindings.get(this.textOf(node));
    if (node.name === "MemberExpression" && node.firstChild?.name === "VariableName" && node.lastChild?.name === "PropertyName") {
      const base = this.bindings.get(this.textOf(node.firstChild));
      if (base && base.member === undefined) return { module: base.module, member: this.textOf(node.lastChild) };
    }
    return undefined;
  }

  /** The initializer of the first `const|let|var name = …` in this file. */
  declared(name: string): SyntaxNode | undefined {
    if (!this.declarations) {
      this.declarations = new Map();
      for (const declaration of this.all("VariableDeclaration")) {
        const items = childrenOf(declaration);
        for (let i = 0; i + 2 < items.length; i++) {
          const key = items[i]!.name === "VariableDefinition" && items[i + 1]!.name === "Equals" ? this.textOf(items[i]!) : undefined;
          if (key !== undefined && !this.declarations.has(key)) this.declarations.set(key, items[i + 2]!);
        }
      }
    }
    return this.declarations.get(name);
  }

  evaluate(node: SyntaxNode, depth = 0): JsValue {
    const text = this.textOf(node);
    if (depth > 8) return { kind: "other", text };
    switch (node.name) {
      case "String":
        return { kind: "str", value: unquote(text) };
      case "TemplateString":
        return node.getChild("Interpolation") ? { kind: "other", text } : { kind: "str", value: text.slice(1, -1) };
      case "Number":
        return Number.isFinite(Number(text.replace(/_/g, ""))) ? { kind: "num", value: Number(text.replace(/_/g, "")) } : { kind: "other", text };
      case "BooleanLiteral":
        return { kind: "bool", value: text === "true" };
      case "null":
        return { kind: "null" };
      case "ParenthesizedExpression":
        return node.firstChild?.nextSibling ? this.evaluate(node.firstChild.nextSibling, depth + 1) : { kind: "other", text };
      case "UnaryExpression": {
        const inner = node.lastChild ? this.evaluate(node.lastChild, depth + 1) : undefined;
        return text.startsWith("-") && inner?.kind === "num" ? { kind: "num", value: -inner.value } : { kind: "other", text };
      }
      case "VariableName": {
        const value = this.declared(text);
        return value ? this.evaluate(value, depth + 1) : { kind: "other", text };
      }
      case "MemberExpression": {
        const env = /^process\.env(?:\.(\w+)|\[\s*(['"`])(\w+)\2\s*\])$/.exec(text.replace(/\s+/g, ""));
        return env ? { kind: "env", name: (env[1] ?? env[3])! } : { kind: "other", text };
      }
      case "PostfixExpression":
        // `value!` (TypeScript non-null): the value itself.
        return text.endsWith("!") && node.firstChild ? this.evaluate(node.firstChild, depth + 1) : { kind: "other", text };
      case "BinaryExpression": {
        // `value as T` / `value satisfies T` (TypeScript): the value itself.
        if ((node.getChild("as") ?? node.getChild("satisfies")) && node.firstChild) return this.evaluate(node.firstChild, depth + 1);
        const op = node.getChild("LogicOp") ?? node.getChild("ArithOp");
        const left = node.firstChild ? this.evaluate(node.firstChild, depth + 1) : undefined;
        const right = node.lastChild ? this.evaluate(node.lastChild, depth + 1) : undefined;
        const operator = op ? this.textOf(op) : "";
        if ((operator === "||" || operator === "??") && left?.kind === "env" && right) return { kind: "env", name: left.name, fallback: right };
        if (operator === "*" && left?.kind === "num" && right?.kind === "num") return { kind: "num", value: left.value * right.value };
        return { kind: "other", text };
      }
      case "CallExpression": {
        const callee = node.firstChild ? this.textOf(node.firstChild) : "";
        const first = node.getChild("ArgList")?.firstChild?.nextSibling;
        if (/^(Number|parseInt|parseFloat|String)$/.test(callee) && first && first.name !== ")") {
          const inner = this.evaluate(first, depth + 1);
          if (callee !== "String" && inner.kind === "str" && Number.isFinite(Number(inner.value))) return { kind: "num", value: Number(inner.value) };
          return inner;
        }
        return { kind: "other", text };
      }
      case "ObjectExpression": {
        const entries = new Map<string, JsEntry>();
        let spread = false;
        for (const property of node.getChildren("Property")) {
          const key = property.firstChild;
          if (key?.name === "Spread") spread = true;
          if (!key || key.name === "Spread") continue;
          const name = key.name === "String" ? unquote(this.textOf(key)) : this.textOf(key);
          const valueNode = property.lastChild && property.lastChild !== key ? property.lastChild : undefined;
          const value = valueNode ? this.evaluate(valueNode, depth + 1) : this.evaluateName(name, depth);
          entries.set(name, { value, node: property });
        }
        return { kind: "object", entries, spread };
      }
      default:
        return { kind: "other", text };
    }
  }

  /** A shorthand property `{ host }`: the value of the variable `host`. */
  private evaluateName(name: string, depth: number): JsValue {
    const value = this.declared(name);
    return value ? this.evaluate(value, depth + 1) : { kind: "other", text: name };
  }
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(['"\\`])/g, "$1");
}
