// Finds the line of each `resource "type" "name" {` / `module "name" {` header in .tf text (hcl2json gives no positions).

const HEADER = /^[ \t]*(resource|module|data)[ \t]+("?)([A-Za-z0-9_-]+)\2(?:[ \t]+("?)([A-Za-z0-9_-]+)\4)?[ \t]*\{/;

/** Block key → 1-based line: `resource\0type\0name` or `module\0name`. */
export function locateBlocks(text: string): Map<string, number> {
  const lines = text.split("\n");
  const found = new Map<string, number>();
  let inComment = false;
  let heredoc: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    if (inComment) {
      if (line.includes("*/")) inComment = false;
      continue;
    }
    const m = HEADER.exec(line);
    if (m) {
      const key = m[1] === "module" ? `module\0${m[3]}` : `${m[1]}\0${m[3]}\0${m[5] ?? ""}`;
      if (!found.has(key)) found.set(key, i + 1);
    }
    // Heredocs and block comments start in code only: not inside a string ("arn:…:rds-exports/*") or after `#`.
    const code = codeOf(line);
    const doc = /<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(code);
    if (doc) heredoc = doc[1];
    const open = code.lastIndexOf("/*");
    if (open >= 0 && code.indexOf("*/", open) < 0) inComment = true;
  }
  return found;
}

/** A line's code: string contents blanked, and the line comment (`#`, `//`) cut off. */
function codeOf(line: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') {
        inString = false;
        out += c;
      }
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "#" || (c === "/" && line[i + 1] === "/")) break;
    out += c;
  }
  return out;
}

/**
 * The 1-based line of `"name": {` directly inside `"type": {` in a Terraform JSON text: a key one
 * level into the type's object, so a nested key of an earlier resource that happens to have the
 * same name is not taken for it. The keys of a type are collected in one pass per text.
 */
export function locateJsonResource(text: string, type: string, name: string): number | undefined {
  if (keysCache?.text !== text || keysCache.type !== type) keysCache = { text, type, keys: typeKeys(text, type), lines: keysCache?.text === text ? keysCache.lines : undefined };
  const offset = keysCache.keys.get(name);
  if (offset === undefined) return undefined;
  keysCache.lines ??= lineStarts(text);
  return lineAt(keysCache.lines, offset);
}

/** The last text and type looked up: a file's resources are located one after another. */
let keysCache: { text: string; type: string; keys: Map<string, number>; lines: number[] | undefined } | undefined;

/** The keys one level into the object of `"type": {` under `"resource"`, with their offsets (first wins). */
function typeKeys(text: string, type: string): Map<string, number> {
  const keys = new Map<string, number>();
  const resourceAt = Math.max(0, text.search(/"resource"\s*:\s*\{/));
  const typeRel = text.slice(resourceAt).search(new RegExp(`"${escape(type)}"\\s*:\\s*\\{`));
  if (typeRel < 0) return keys;
  let depth = 0;
  for (let i = text.indexOf("{", resourceAt + typeRel); i >= 0 && i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      if (depth === 1) {
        const name = text.slice(start + 1, i);
        if (/^\s*:\s*[{[]/.test(text.slice(i + 1, i + 65)) && !keys.has(name)) keys.set(name, start);
      }
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) break;
    }
  }
  return keys;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of `offset`, by binary search over the line starts. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
