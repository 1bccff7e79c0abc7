// A policy's YAML (or JSON) document with positions: from a key path in the data to the line and column that wrote it.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from "yaml";
import type { Problem } from "../errors.js";
import type { PolicyPosition } from "./policy.js";

/** A key or an array index on the way to a value. */
export type Segment = string | number;

/** How the file is written, for the words of messages (a mapping or an object, a list or an array). */
export type Style = "yaml" | "json";

/** The parsed document of one policy file, and where each of its values is written. */
export class SourceMap {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    readonly lines: LineCounter,
    readonly style: Style,
  ) {}

  positionOf(offset: number): PolicyPosition {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /**
   * Where the value at `segments` is written (`at: "value"`), or its key (`at: "key"`). When the path
   * cannot be followed all the way, the deepest node reached; the document start when none is.
   */
  locate(segments: readonly Segment[], at: "key" | "value"): PolicyPosition {
    let node: unknown = this.doc.contents;
    let best: YamlNode | null = isNodeWithRange(node) ? node : null;
    let keyNode: YamlNode | null = null;
    for (const seg of segments) {
      if (isAlias(node)) node = node.resolve(this.doc) ?? null;
      keyNode = null;
      if (isMap(node)) {
        const pair = [...node.items].reverse().find((p) => keyText(p.key) === String(seg));
        if (!pair) break;
        keyNode = isNodeWithRange(pair.key) ? pair.key : null;
        node = pair.value;
        best = (isNodeWithRange(node) && !isEmptyScalar(node) ? node : keyNode) ?? best;
      } else if (isSeq(node) && typeof seg === "number") {
        const item: unknown = node.items[seg];
        if (item === undefined) break;
        node = item;
        if (isNodeWithRange(node)) best = node;
      } else {
        break;
      }
    }
    const target = at === "key" && keyNode ? keyNode : best;
    return target?.range ? this.positionOf(target.range[0]) : { line: 1, column: 1 };
  }

  /** A problem at the node of `segments`; `pathSegments` (default: the same) names it in the message. */
  problem(segments: readonly Segment[], at: "key" | "value", message: string, hint?: string, pathSegments = segments): Problem {
    const { line, column } = this.locate(segments, at);
    const path = formatPath(pathSegments);
    return { file: this.file, line, column, ...(path ? { path } : {}), message, ...(hint ? { hint } : {}) };
  }
}

export function isNodeWithRange(x: unknown): x is YamlNode & { range: [number, number, number] } {
  return typeof x === "object" && x !== null && Array.isArray((x as { range?: unknown }).range);
}

function isEmptyScalar(node: YamlNode): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return "";
  return String(key);
}


/** `targets[0].require.multi_az.min_azs`; keys that are not plain names are quoted: `tags["app name"]`. */
export function formatPath(segments: readonly Segment[]): string {
  let out = "";
  for (const seg of segments) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** JSON pointer → segments, with array indexes as numbers (decided by walking the data). */
export function pointerSegments(pointer: string, data: unknown): Segment[] {
  if (pointer === "") return [];
  const segments: Segment[] = [];
  let value: unknown = data;
  for (const raw of pointer.slice(1).split("/")) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value) && /^\d+$/.test(seg)) {
      segments.push(Number(seg));
      value = value[Number(seg)];
    } else {
      segments.push(seg);
      value = isRecord(value) && Object.hasOwn(value, seg) ? value[seg] : undefined;
    }
  }
  return segments;
}


export function valueAt(data: unknown, segments: readonly Segment[]): unknown {
  let value = data;
  for (const seg of segments) {
    if (Array.isArray(value) && typeof seg === "number") value = value[seg];
    else if (isRecord(value) && Object.hasOwn(value, String(seg))) value = value[String(seg)];
    else return undefined;
  }
  return value;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
