// YAML (or JSON) syntax errors, duplicate keys and dangling aliases of a policy file, as problems at their positions.
import { isMap, isSeq, visit, type Node as YamlNode } from "yaml";
import type { Problem } from "../errors.js";
import { formatPath, isNodeWithRange, keyText, type Segment, type SourceMap } from "./policy-document.js";

/** The document's syntax errors and warnings. */
export function syntaxProblems(source: SourceMap): Problem[] {
  const language = source.style === "json" ? "JSON" : "YAML";
  const problems: Problem[] = [];
  for (const e of source.doc.errors) {
    const at = source.positionOf(e.pos[0]);
    if (e.code === "DUPLICATE_KEY") {
      problems.push(duplicateKeyProblem(source, e.pos[0]) ?? { file: source.file, ...at, message: "duplicate key" });
      continue;
    }
    problems.push({
      file: source.file,
      ...at,
      message: `${language} syntax error: ${e.message}`,
      ...(e.code === "MULTIPLE_DOCS"
        ? { hint: "a policy is one document; remove the extra `---` or split it into several policy files" }
        : e.code === "BAD_INDENT" || e.code === "MISSING_CHAR"
          ? { hint: "check the indentation and the closing brackets or quotes" }
          : {}),
    });
  }
  for (const w of source.doc.warnings) {
    problems.push({
      file: source.file,
      ...source.positionOf(w.pos[0]),
      message: `${language} problem: ${w.message}`,
      ...(w.code === "TAG_RESOLVE_FAILED" ? { hint: "remove the tag; a policy uses plain values" } : {}),
    });
  }
  return problems;
}

/** A duplicate key: its path, and where the first one is. */
function duplicateKeyProblem(source: SourceMap, offset: number): Problem | undefined {
  let found: Problem | undefined;
  visit(source.doc, {
    Map(_key, map, ancestry) {
      const seen = new Map<string, YamlNode>();
      for (const pair of map.items) {
        const name = keyText(pair.key);
        const keyNode = isNodeWithRange(pair.key) ? pair.key : undefined;
        const first = seen.get(name);
        if (first && keyNode && keyNode.range[0] <= offset && offset <= keyNode.range[1]) {
          const segments = [...pathOfAncestry(ancestry, map), name];
          const firstLine = first.range ? source.positionOf(first.range[0]).line : undefined;
          found = {
            file: source.file,
            ...source.positionOf(keyNode.range[0]),
            path: formatPath(segments),
            message: `duplicate key "${name}"`,
            hint: `a key may appear only once in a mapping${firstLine ? `; the first "${name}" is on line ${firstLine}` : ""}`,
          };
          return visit.BREAK;
        }
        if (keyNode && !first) seen.set(name, keyNode);
      }
      return undefined;
    },
  });
  return found;
}

/** Key path of `node` from the `ancestry` yaml's visitor passes (document, maps, pairs, seqs). */
function pathOfAncestry(ancestry: readonly unknown[], node: unknown): Segment[] {
  const chain = [...ancestry, node];
  const segments: Segment[] = [];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) segments.push(parent.items.indexOf(child as never));
    else if (isMap(parent)) {
      const pair = child as { key?: unknown };
      segments.push(keyText(pair.key));
    }
  }
  return segments;
}


/** Why the document cannot be turned into data: the aliases that refer to no anchor. */
export function aliasProblems(source: SourceMap, err: unknown): Problem[] {
  const problems: Problem[] = [];
  visit(source.doc, {
    Alias(_key, alias) {
      if (alias.resolve(source.doc) === undefined && alias.range) {
        problems.push({
          file: source.file,
          ...source.positionOf(alias.range[0]),
          message: `YAML alias *${alias.source} refers to no anchor`,
          hint: `define &${alias.source} before using *${alias.source}`,
        });
      }
    },
  });
  if (problems.length === 0) {
    problems.push({
      file: source.file,
      line: 1,
      column: 1,
      message: `the document cannot be read: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  return problems;
}
