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

/** The 1-based line of `"name": {` inside `"type": {` in a Terraform JSON text, found by a forward scan. */
export function locateJsonResource(text: string, type: string, name: string): number | undefined {
  const resourceAt = Math.max(0, text.search(/"resource"\s*:\s*\{/));
  const typeRel = text.slice(resourceAt).search(new RegExp(`"${escape(type)}"\\s*:\\s*\\{`));
  if (typeRel < 0) return undefined;
  const typeAt = resourceAt + typeRel;
  const rest = text.slice(typeAt);
  const nameAt = rest.search(new RegExp(`"${escape(name)}"\\s*:\\s*[{\\[]`));
  if (nameAt < 0) return undefined;
  return lineOf(text, typeAt + nameAt);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
