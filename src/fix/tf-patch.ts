// For `.tf` inputs: a unified diff that changes the attributes in the files that declare them (`git apply`-able).
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { addressOf, type Block } from "./blocks.js";
import { commentText } from "./escape.js";
import { expression, renderResourcesForModule } from "./render-hcl.js";

/** The file the patch adds to a module for the resources the fix creates (readers, groups, subscriptions…). */
export const NEW_RESOURCES_FILE = "haspec-fix.tf";

export interface TfPatch {
  /** The unified diff over every file touched ("" when nothing could be patched). */
  readonly diff: string;
  /** Changes the patch leaves to the user, in words. */
  readonly skipped: readonly string[];
}

interface Line {
  readonly text: string;
  /** Brace depth at the start of the line, relative to the file. */
  readonly depth: number;
}

/** Brace depth per line, skipping strings, comments and heredocs. */
function scan(text: string): Line[] {
  const lines = text.split("\n");
  const out: Line[] = [];
  let depth = 0;
  let blockComment = false;
  let heredoc: string | undefined;
  for (const line of lines) {
    out.push({ text: line, depth });
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    let inString = false;
    let interpolation = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      const next = line[i + 1];
      if (blockComment) {
        if (c === "*" && next === "/") {
          blockComment = false;
          i++;
        }
        continue;
      }
      if (inString) {
        if (c === "\\") i++;
        else if (c === "$" && next === "{") {
          interpolation++;
          i++;
        } else if (c === "}" && interpolation > 0) interpolation--;
        else if (c === '"' && interpolation === 0) inString = false;
        continue;
      }
      if (c === "#" || (c === "/" && next === "/")) break;
      if (c === "/" && next === "*") {
        blockComment = true;
        i++;
      } else if (c === '"') inString = true;
      else if (c === "{" || c === "[" || c === "(") depth++;
      else if (c === "}" || c === "]" || c === ")") depth--;
      else if (c === "<" && next === "<") {
        const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(line.slice(i));
        if (m) {
          heredoc = m[1];
          break;
        }
      }
    }
  }
  return out;
}

/** Applies one block's changed attributes to its file's text; returns the new text and what it could not do. */
function patchBlock(text: string, block: Block, line: number, skipped: string[]): string {
  const lines = scan(text);
  const start = line - 1;
  const head = lines[start];
  if (head === undefined || !/^\s*resource\s/.test(head.text)) {
    skipped.push(`${addressOf(block)}: its block is not at line ${line} any more; apply the changes by hand`);
    return text;
  }
  let end = start + 1;
  while (end < lines.length && lines[end]!.depth > head.depth) end++;
  // `end` is the line after the closing brace's line (the closing line has depth > head at its start).
  const closing = end - 1;
  const texts = lines.map((l) => l.text);
  const inner = head.depth + 1;
  const inserts: string[] = [];
  const indentOf = (t: string) => t.match(/^\s*/)![0];
  for (const attribute of block.notes.keys()) {
    if (attribute === "" || block.nestedBlocks.has(attribute)) continue;
    const value = expression(block.values[attribute] ?? null, 1);
    const why = (block.notes.get(attribute) ?? []).map((n) => `${n.rule}${n.downtime ? ` (DOWNTIME: ${n.downtime})` : ""}`).join("; ");
    const comment = `# ${commentText(`haspec: ${why}`)}`;
    const at = lines.findIndex((l, i) => i > start && i < closing && l.depth === inner && new RegExp(`^\\s*${attribute}\\s*=`).test(l.text));
    if (at >= 0) {
      if ((lines[at + 1]?.depth ?? inner) !== inner) {
        skipped.push(`${addressOf(block)}.${attribute}: its expression spans several lines; set it to ${value} by hand`);
        continue;
      }
      // In place, with the reason at the end of the line: line numbers stay as they are.
      texts[at] = `${indentOf(lines[at]!.text)}${attribute} = ${value} ${comment}`;
    } else {
      inserts.push(`${indentOf(head.text)}  ${attribute} = ${value} ${comment}`);
    }
  }
  if (inserts.length > 0) texts.splice(closing, 0, ...inserts);
  return texts.join("\n");
}

/**
 * New files (`haspec-fix.tf`) holding the resources the fix creates, one per module directory: in the
 * directory of the resource they belong to, shared ones (SNS topic, monitoring role) with the first.
 */
async function newResourceFiles(blocks: readonly Block[], patched: ReadonlyMap<string, unknown>, cwd: string): Promise<string[]> {
  const dirOfOwner = new Map<string, string>();
  for (const b of blocks) {
    const file = b.origin.kind === "terraform" && b.origin.location?.source === "hcl" ? b.origin.location.file : undefined;
    if (file !== undefined && !dirOfOwner.has(b.owner)) dirOfOwner.set(b.owner, dirname(file));
  }
  const firstDir = [...patched.keys()].sort().map((f) => dirname(f))[0] ?? [...dirOfOwner.values()][0];
  if (firstDir === undefined) return [];
  const byDir = new Map<string, Block[]>();
  for (const b of blocks) {
    if (b.origin.kind !== "new") continue;
    const dir = dirOfOwner.get(b.owner) ?? firstDir;
    const list = byDir.get(dir) ?? [];
    list.push(b);
    byDir.set(dir, list);
  }
  const out: string[] = [];
  for (const [dir, list] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = join(dir, NEW_RESOURCES_FILE);
    const exists = await readFile(resolve(cwd, file), "utf8").then(
      () => true,
      () => false,
    );
    // A second run over a patched module must not add the file twice: its diff would not apply.
    if (exists) continue;
    const text = renderResourcesForModule(list, ["Resources haspec fix adds to this module; they use its provider configuration."]);
    out.push(createTwoFilesPatch("/dev/null", `b/${file}`, "", text, undefined, undefined, { context: 3 }).replace(/^=+\n/, "").replace(/^--- \/dev\/null\t?\n/m, "--- /dev/null\n"));
  }
  return out;
}

/** The patch of the `.tf` files that declare the changed blocks (blocks from the `hcl` source only). */
export async function tfPatch(blocks: readonly Block[], cwd: string): Promise<TfPatch> {
  const skipped: string[] = [];
  const byFile = new Map<string, { block: Block; line: number }[]>();
  for (const b of blocks) {
    if (b.origin.kind !== "terraform" || b.origin.location?.source !== "hcl" || ![...b.notes.keys()].some((k) => k !== "")) continue;
    const { file, line } = b.origin.location;
    if (file === undefined || line === undefined) continue;
    if (/\[[^\]]*\]$/.test(b.origin.address) || b.origin.address.startsWith("module.")) {
      skipped.push(`${b.origin.address} comes from count/for_each or a module: change the shared expression in ${file}:${line} by hand (hcl/main.tf shows the values)`);
      continue;
    }
    const list = byFile.get(file) ?? [];
    list.push({ block: b, line });
    byFile.set(file, list);
  }
  const diffs: string[] = [];
  for (const [file, entries] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const original = await readFile(resolve(cwd, file), "utf8");
    let text = original;
    // Bottom-up, so earlier line numbers stay valid.
    for (const { block, line } of [...entries].sort((a, b) => b.line - a.line)) text = patchBlock(text, block, line, skipped);
    if (text !== original) diffs.push(createTwoFilesPatch(`a/${file}`, `b/${file}`, original, text, undefined, undefined, { context: 3 }).replace(/^=+\n/, ""));
  }
  diffs.push(...(await newResourceFiles(blocks, byFile, cwd)));
  return { diff: diffs.join(""), skipped };
}
