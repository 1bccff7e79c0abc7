// Helpers the Python, Node, .env and reverse-proxy readers share over an application's files: lines, file kinds, whether a module is used.
import type { SyntaxNode, Tree } from "@lezer/common";
import { basename, extname } from "node:path";
import type { AppFile } from "./reader-types.js";


/** Line starts of the text asked about last (the readers ask about one file many times in a row). */
let lastText: string | undefined;
let lastStarts: number[] = [];

/** The 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  if (text !== lastText) {
    lastText = text;
    lastStarts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lastStarts.push(i + 1);
  }
  let low = 0;
  let high = lastStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lastStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** The file's name with its extension removed (`app/settings/prod.py` → `prod`). */
export function moduleName(path: string): string {
  return basename(path, extname(path));
}

/** Prose (READMEs, notes): a module named there is not thereby used. */
const PROSE = /\.(md|markdown|rst|adoc|txt)$/i;

/** True when `word` appears as a whole word in some file of the application other than `path` (prose files aside). */
export function mentionedElsewhere(files: readonly AppFile[], path: string, word: string): boolean {
  const pattern = new RegExp(`(^|[^A-Za-z0-9_$])${word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9_$])`);
  return files.some((f) => f.path !== path && !PROSE.test(f.path) && pattern.test(f.text));
}

/** True when `word` appears as a whole word in `text` outside the range [from, to). */
export function mentionedOutside(text: string, from: number, to: number, word: string): boolean {
  return mentionedElsewhere([{ path: "", text: text.slice(0, from) + "\n" + text.slice(to) }], "\u0000", word);
}

/** The direct children of a syntax node. */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  return children;
}

/** Every node of `tree` named `name`, in source order, kept in `cache` (a parsed file is asked for the same names many times). */
export function nodesNamed(tree: Tree, cache: Map<string, SyntaxNode[]>, name: string): SyntaxNode[] {
  let found = cache.get(name);
  if (!found) {
    const nodes: SyntaxNode[] = [];
    tree.iterate({ enter: (ref) => void (ref.name === name && nodes.push(ref.node)) });
    cache.set(name, (found = nodes));
  }
  return found;
}
