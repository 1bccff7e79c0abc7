// Parses the HCL expressions and templates that hcl2json leaves as `${…}` strings into a small syntax tree.

/** Where a node sits in the text it was parsed from (offsets, end exclusive), for quoting it in reasons. */
interface Span {
  readonly s: number;
  readonly e: number;
}

export type Node = Span &
  (
    | { readonly k: "lit"; readonly v: string | number | boolean | null }
    /** A template: literal text and interpolations; a lone interpolation yields its value unchanged. */
    | { readonly k: "tpl"; readonly parts: readonly (string | Node)[] }
    | { readonly k: "tuple"; readonly items: readonly Node[] }
    | { readonly k: "object"; readonly items: readonly { readonly key: Node; readonly value: Node }[] }
    | { readonly k: "var"; readonly name: string }
    | { readonly k: "attr"; readonly target: Node; readonly name: string }
    | { readonly k: "index"; readonly target: Node; readonly key: Node }
    /** `target[*].each` / `target.*.each`: `each` is applied to every element (as the `anon` node). */
    | { readonly k: "splat"; readonly target: Node; readonly each: Node }
    | { readonly k: "anon" }
    | { readonly k: "call"; readonly name: string; readonly args: readonly Node[]; readonly expand: boolean }
    | { readonly k: "unary"; readonly op: "!" | "-"; readonly x: Node }
    | { readonly k: "binary"; readonly op: string; readonly l: Node; readonly r: Node }
    | { readonly k: "cond"; readonly c: Node; readonly t: Node; readonly f: Node }
    | {
        readonly k: "for";
        readonly keyVar: string | undefined;
        readonly valVar: string;
        readonly coll: Node;
        readonly keyExpr: Node | undefined;
        readonly valExpr: Node;
        readonly cond: Node | undefined;
        readonly grouped: boolean;
        readonly object: boolean;
      }
    /** Syntax haspec does not evaluate (template directives, heredocs inside expressions…). */
    | { readonly k: "unsupported"; readonly what: string }
  );

/** The text is not an expression haspec can read. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "ExpressionSyntaxError";
  }
}

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ["||"],
  ["&&"],
  ["==", "!="],
  ["<=", ">=", "<", ">"],
  ["+", "-"],
  ["*", "/", "%"],
];

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    throw new ExpressionSyntaxError(message, this.pos);
  }

  skipSpace(): void {
    const t = this.text;
    for (;;) {
      const c = t[this.pos];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") {
        this.pos++;
      } else if (c === "#" || (c === "/" && t[this.pos + 1] === "/")) {
        while (this.pos < t.length && t[this.pos] !== "\n") this.pos++;
      } else if (c === "/" && t[this.pos + 1] === "*") {
        const end = t.indexOf("*/", this.pos + 2);
        this.pos = end < 0 ? t.length : end + 2;
      } else {
        return;
      }
    }
  }

  peek(s: string): boolean {
    this.skipSpace();
    return this.text.startsWith(s, this.pos);
  }

  eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string): void {
    if (!this.eat(s)) this.fail(`expected "${s}"`);
  }

  /** An identifier at the cursor (after spaces), without consuming it. */
  peekIdent(): string | undefined {
    this.skipSpace();
    const t = this.text;
    if (!IDENT_START.test(t[this.pos] ?? "")) return undefined;
    let end = this.pos + 1;
    while (end < t.length && IDENT_PART.test(t[end]!)) end++;
    return t.slice(this.pos, end);
  }

  ident(): string {
    const id = this.peekIdent();
    if (id === undefined) this.fail("expected a name");
    this.pos += id.length;
    return id;
  }

  /** Keyword test that does not match a longer identifier (`for` vs `format`). */
  peekKeyword(word: string): boolean {
    return this.peekIdent() === word;
  }

  expression(): Node {
    const start = (this.skipSpace(), this.pos);
    const cond = this.binary(0);
    if (this.peek("?")) {
      this.pos++;
      const t = this.expression();
      this.expect(":");
      const f = this.expression();
      return { k: "cond", c: cond, t, f, s: start, e: this.pos };
    }
    return cond;
  }

  binary(level: number): Node {
    if (level >= BINARY_LEVELS.length) return this.unary();
    const start = (this.skipSpace(), this.pos);
    let left = this.binary(level + 1);
    for (;;) {
      this.skipSpace();
      const op = BINARY_LEVELS[level]!.find((o) => this.text.startsWith(o, this.pos));
      if (op === undefined) return left;
      // `=>` and `==` must not be read as `=`; `<` / `>` never start `<=` here because longer ops come first.
      if (op === "<" || op === ">") {
        if (this.text[this.pos + 1] === "<") return left;
      }
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { k: "binary", op, l: left, r: right, s: start, e: this.pos };
    }
  }

  unary(): Node {
    this.skipSpace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === "!" && this.text[this.pos + 1] !== "=") {
      this.pos++;
      return { k: "unary", op: "!", x: this.unary(), s: start, e: this.pos };
    }
    if (c === "-") {
      this.pos++;
      return { k: "unary", op: "-", x: this.unary(), s: start, e: this.pos };
    }
    return this.postfix(this.term());
  }

  postfix(base: Node): Node {
    let node = base;
    for (;;) {
      this.skipSpace();
      const t = this.text;
      if (t.startsWith(".*", this.pos)) {
        this.pos += 2;
        node = this.splat(node, true);
      } else if (t.startsWith("[*]", this.pos) || /^\[\s*\*\s*\]/.test(t.slice(this.pos, this.pos + 8))) {
        this.pos = t.indexOf("]", this.pos) + 1;
        node = this.splat(node, false);
      } else if (t[this.pos] === "." && t[this.pos + 1] !== ".") {
        this.pos++;
        this.skipSpace();
        if (/[0-9]/.test(t[this.pos] ?? "")) {
          // Legacy index syntax: `list.0`.
          const m = /^[0-9]+/.exec(t.slice(this.pos))!;
          this.pos += m[0].length;
          node = { k: "index", target: node, key: { k: "lit", v: Number(m[0]), s: this.pos - m[0].length, e: this.pos }, s: node.s, e: this.pos };
        } else {
          node = { k: "attr", target: node, name: this.ident(), s: node.s, e: this.pos };
        }
      } else if (t[this.pos] === "[") {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        node = { k: "index", target: node, key, s: node.s, e: this.pos };
      } else {
        return node;
      }
    }
  }

  /** The traversal after a splat operator, applied to each element. */
  splat(target: Node, attrOnly: boolean): Node {
    const start = this.pos;
    let each: Node = { k: "anon", s: start, e: start };
    for (;;) {
      this.skipSpace();
      const t = this.text;
      if (t[this.pos] === "." && t[this.pos + 1] !== "*" && t[this.pos + 1] !== ".") {
        this.pos++;
        each = { k: "attr", target: each, name: this.ident(), s: start, e: this.pos };
      } else if (!attrOnly && t[this.pos] === "[" && !/^\[\s*\*/.test(t.slice(this.pos, this.pos + 4))) {
        this.pos++;
        const key = this.expression();
        this.expect("]");
        each = { k: "index", target: each, key, s: start, e: this.pos };
      } else {
        return { k: "splat", target, each, s: target.s, e: this.pos };
      }
    }
  }

  term(): Node {
    this.skipSpace();
    const t = this.text;
    const start = this.pos;
    const c = t[this.pos];
    if (c === undefined) this.fail("expected an expression, found the end of the text");
    if (c === "(") {
      this.pos++;
      const inner = this.expression();
      this.expect(")");
      return inner;
    }
    if (c === '"') {
      this.pos++;
      return this.template(true, start);
    }
    if (c === "<" && t[this.pos + 1] === "<") {
      return { k: "unsupported", what: "a heredoc inside an expression", s: start, e: t.length };
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(t.slice(this.pos))!;
      this.pos += m[0].length;
      return { k: "lit", v: Number(m[0]), s: start, e: this.pos };
    }
    if (c === "[") return this.tupleOrFor(start);
    if (c === "{") return this.objectOrFor(start);
    const id = this.peekIdent();
    if (id === undefined) this.fail(`unexpected "${c}"`);
    this.pos += id.length;
    if (id === "true" || id === "false") return { k: "lit", v: id === "true", s: start, e: this.pos };
    if (id === "null") return { k: "lit", v: null, s: start, e: this.pos };
    if (t.startsWith("::", this.pos)) {
      // Provider-defined functions (`provider::aws::arn_parse(…)`).
      let name = id;
      while (t.startsWith("::", this.pos)) {
        this.pos += 2;
        name += `::${this.ident()}`;
      }
      return this.call(name, start);
    }
    if (this.peek("(")) return this.call(id, start);
    return { k: "var", name: id, s: start, e: this.pos };
  }

  call(name: string, start: number): Node {
    this.expect("(");
    const args: Node[] = [];
    let expand = false;
    while (!this.eat(")")) {
      args.push(this.expression());
      if (this.eat("...")) expand = true;
      if (!this.eat(",")) {
        this.expect(")");
        break;
      }
    }
    return { k: "call", name, args, expand, s: start, e: this.pos };
  }

  forHeader(): { keyVar: string | undefined; valVar: string; coll: Node } {
    this.ident(); // `for`
    let keyVar: string | undefined;
    let valVar = this.ident();
    if (this.eat(",")) {
      keyVar = valVar;
      valVar = this.ident();
    }
    if (this.ident() !== "in") this.fail('expected "in"');
    const coll = this.expression();
    this.expect(":");
    return { keyVar, valVar, coll };
  }

  forCondition(): Node | undefined {
    if (!this.peekKeyword("if")) return undefined;
    this.ident();
    return this.expression();
  }

  tupleOrFor(start: number): Node {
    this.pos++;
    if (this.peekKeyword("for")) {
      const { keyVar, valVar, coll } = this.forHeader();
      const valExpr = this.expression();
      const cond = this.forCondition();
      this.expect("]");
      return { k: "for", keyVar, valVar, coll, keyExpr: undefined, valExpr, cond, grouped: false, object: false, s: start, e: this.pos };
    }
    const items: Node[] = [];
    while (!this.eat("]")) {
      items.push(this.expression());
      if (!this.eat(",")) {
        this.expect("]");
        break;
      }
    }
    return { k: "tuple", items, s: start, e: this.pos };
  }

  objectOrFor(start: number): Node {
    this.pos++;
    if (this.peekKeyword("for")) {
      const { keyVar, valVar, coll } = this.forHeader();
      const keyExpr = this.expression();
      this.expect("=>");
      const valExpr = this.expression();
      const grouped = this.eat("...");
      const cond = this.forCondition();
      this.expect("}");
      return { k: "for", keyVar, valVar, coll, keyExpr, valExpr, cond, grouped, object: true, s: start, e: this.pos };
    }
    const items: { key: Node; value: Node }[] = [];
    while (!this.eat("}")) {
      const keyStart = (this.skipSpace(), this.pos);
      const id = this.peekIdent();
      let key: Node;
      if (id !== undefined && !["true", "false", "null"].includes(id)) {
        this.pos += id.length;
        // A bare name is the key itself, unless it continues as an expression (`a.b = …` is an error in HCL anyway).
        key = { k: "lit", v: id, s: keyStart, e: this.pos };
      } else {
        key = this.expression();
      }
      if (!this.eat("=") && !this.eat(":")) this.fail('expected "=" or ":" after an object key');
      const value = this.expression();
      items.push({ key, value });
      this.eat(",");
    }
    return { k: "object", items, s: start, e: this.pos };
  }

  /**
   * A template up to the end of the text (top level) or the closing quote (`quoted`, inside an
   * expression, where backslash escapes are still raw).
   */
  template(quoted: boolean, start: number): Node {
    const t = this.text;
    const parts: (string | Node)[] = [];
    let lit = "";
    for (;;) {
      if (this.pos >= t.length) {
        if (quoted) this.fail("unterminated string");
        break;
      }
      const c = t[this.pos]!;
      if (quoted && c === '"') {
        this.pos++;
        break;
      }
      if ((c === "$" || c === "%") && t[this.pos + 1] === c && t[this.pos + 2] === "{") {
        lit += `${c}{`;
        this.pos += 3;
      } else if (c === "$" && t[this.pos + 1] === "{") {
        if (lit) parts.push(lit);
        lit = "";
        this.pos += 2;
        if (t[this.pos] === "~") this.pos++;
        const expr = this.expression();
        this.skipSpace();
        if (t[this.pos] === "~") this.pos++;
        this.expect("}");
        parts.push(expr);
      } else if (c === "%" && t[this.pos + 1] === "{") {
        const end = t.indexOf("}", this.pos);
        return { k: "unsupported", what: "a template directive (%{…})", s: start, e: end < 0 ? t.length : end + 1 };
      } else if (quoted && c === "\\") {
        lit += this.escape();
      } else {
        lit += c;
        this.pos++;
      }
    }
    if (lit || parts.length === 0) parts.push(lit);
    return { k: "tpl", parts, s: start, e: this.pos };
  }

  escape(): string {
    const t = this.text;
    const e = t[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "u":
      case "U": {
        const len = e === "u" ? 4 : 8;
        const hex = t.slice(this.pos, this.pos + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail("bad unicode escape");
        this.pos += len;
        return String.fromCodePoint(parseInt(hex, 16));
      }
      default:
        this.fail(`unknown escape \\${e ?? ""}`);
    }
  }
}

/**
 * Parses a string value from hcl2json / Terraform JSON syntax as a template: literal text with
 * `${…}` interpolations (`$${` is a literal `${`). Throws ExpressionSyntaxError on bad syntax.
 */
export function parseTemplate(text: string): Node {
  const p = new Parser(text);
  return p.template(false, 0);
}

/** Parses one bare expression (`map(string)`, a `-var` value for a complex type). */
export function parseExpression(text: string): Node {
  const p = new Parser(text);
  const node = p.expression();
  p.skipSpace();
  if (p.pos < text.length) p.fail(`unexpected "${text[p.pos]}"`);
  return node;
}

