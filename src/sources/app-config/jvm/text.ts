// Small text helpers shared by the JVM readers: line numbers, shell words, `${VAR}` placeholders, YAML walking with lines.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from "yaml";
import type { AppFile } from "../reader-types.js";

export { lineAt } from "../file-text.js";

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Splits a shell command into words the way sh would before expansion: quotes grouped and removed, `\` escapes honoured. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) word += command[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < command.length) {
      const next = command[++i]!;
      if (next !== "\n") {
        word += next;
        inWord = true;
      }
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else if (c === ";" || c === "&" || c === "|") {
      if (inWord) words.push(word);
      words.push(c);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** A `${NAME}`, `${NAME:default}` (Spring), `${NAME:-default}` (sh), `$NAME` or `$(NAME)` (Kubernetes) reference. */
export interface Placeholder {
  readonly name: string;
  readonly fallback?: string;
}

const PLACEHOLDER = /\$\{([A-Za-z_][\w.-]*)(?::-?([^}]*))?\}|\$\(([A-Za-z_]\w*)\)|\$([A-Za-z_]\w*)/g;

export function placeholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => {
    const name = m[1] ?? m[3] ?? m[4]!;
    return m[2] !== undefined ? { name, fallback: m[2] } : { name };
  });
}

/** Values the application's own files give to environment variables and properties: name → every distinct value given. */
export type KnownValues = ReadonlyMap<string, readonly string[]>;

/**
 * Replaces each placeholder with the one value the files give it. Returns the text and the placeholders left
 * unresolved (none given, or several different values: which one is used depends on the deployment).
 */
export function substitute(text: string, known: KnownValues): { text: string; missing: Placeholder[] } {
  const missing: Placeholder[] = [];
  const out = text.replace(PLACEHOLDER, (whole, braced?: string, fallback?: string, k8s?: string, bare?: string) => {
    const name = braced ?? k8s ?? bare!;
    const values = known.get(name);
    if (values && values.length === 1) return values[0]!;
    missing.push(fallback !== undefined ? { name, fallback } : { name });
    return whole;
  });
  return { text: out, missing };
}

/** Words for "these files do not set it": names the placeholder and its default, if any. */
export function describeMissing(p: Placeholder, known: KnownValues): string {
  const several = (known.get(p.name)?.length ?? 0) > 1;
  const fallback = p.fallback !== undefined ? ` (default ${JSON.stringify(p.fallback)})` : "";
  return several
    ? `\${${p.name}}${fallback}, which these files set to several different values (${known.get(p.name)!.join(", ")}): the deployment decides`
    : `\${${p.name}}${fallback}, which these files do not set (it is set at deploy time)`;
}

/** One scalar of a YAML document: its path of keys (sequence items as numbers), value and line. */
export interface YamlLeaf {
  readonly path: readonly (string | number)[];
  readonly value: string;
  readonly line: number;
}

export interface ParsedYaml {
  readonly documents: { readonly doc: Document.Parsed; readonly leaves: readonly YamlLeaf[] }[];
  readonly lineOf: (offset: number) => number;
}

/** Parses every document of a YAML file; a document with errors becomes a note naming its file:line, never a throw. */
export function parseYamlFile(file: AppFile, notes: string[]): ParsedYaml {
  const counter = new LineCounter();
  const lineOf = (offset: number): number => counter.linePos(offset).line;
  const documents: ParsedYaml["documents"] = [];
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(file.text, { lineCounter: counter, uniqueKeys: false }) as Document.Parsed[];
  } catch (e) {
    notes.push(`${file.path}: not read as YAML (${(e as Error).message})`);
    return { documents, lineOf };
  }
  if (!Array.isArray(docs)) docs = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      notes.push(`${file.path}:${lineOf(error.pos[0])}: not read as YAML (${error.message.split("\n")[0]})`);
      continue;
    }
    const leaves: YamlLeaf[] = [];
    walkYaml(doc.contents, [], leaves, lineOf);
    documents.push({ doc, leaves });
  }
  return { documents, lineOf };
}

function walkYaml(node: unknown, path: (string | number)[], out: YamlLeaf[], lineOf: (o: number) => number): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (pair.value === null || pair.value === undefined) {
        const at = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
        out.push({ path: [...path, key], value: "", line: lineOf(at) });
      } else walkYaml(pair.value, [...path, key], out, lineOf);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walkYaml(item, [...path, i], out, lineOf));
  } else if (isScalar(node)) {
    const value = node.value === null ? "" : String(node.value);
    out.push({ path, value, line: lineOf(node.range?.[0] ?? 0) });
  }
}

/** The line where a YAML node starts. */
export function nodeLine(node: YamlNode | null | undefined, lineOf: (o: number) => number): number {
  return lineOf(node?.range?.[0] ?? 0);
}

export function isYaml(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** Test sources and resources (Maven/Gradle layouts): never part of the running application. */
export const TEST_PATH = /(^|[\\/])src[\\/](test|it|integrationTest|testFixtures)[\\/]/;
