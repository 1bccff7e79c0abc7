// Reads an AWS Query/XML response body straight into the SDK's output object: saxen tokenizes, the operation's schema (compiled once) says where each element goes. It yields exactly what the SDK's own XmlShapeDeserializer yields, or DEFER for anything it is not sure of, and the SDK then reads the body itself.
import { Parser } from "saxen";

/** The part of `@smithy/core/schema`'s NormalizedSchema this reader looks at. */
export interface SchemaView {
  getSchema(): unknown;
  isStructSchema(): boolean;
  isUnionSchema(): boolean;
  isListSchema(): boolean;
  isMapSchema(): boolean;
  isDocumentSchema(): boolean;
  isUnitSchema(): boolean;
  isStringSchema(): boolean;
  getValueSchema(): SchemaView;
  structIterator(): Iterable<[string, SchemaView]>;
  getMergedTraits(): Record<string, unknown>;
  getMemberTraits(): Record<string, unknown>;
}

/** Turns a scalar's text into its value the SDK's way (numbers, booleans, timestamps, blobs). */
export type ScalarReader = (schema: SchemaView, text: string) => unknown;

/** "The SDK should read this body itself." */
export const DEFER: unique symbol = Symbol("defer to the SDK deserializer");

type Reader = StructReader | ListReader | ScalarSlot;

interface StructReader {
  readonly kind: "struct";
  /** Member names in schema order: the SDK's output keeps that order. */
  readonly names: readonly string[];
  /** XML element name → member index. */
  readonly byElement: ReadonlyMap<string, number>;
  /** Filled after the struct is registered, so a shape that contains itself finds its own reader. */
  readonly members: Reader[];
}

interface ListReader {
  readonly kind: "list";
  readonly element: string;
  /** Set right after the list is registered, like a struct's members. */
  item: Reader | undefined;
}

interface ScalarSlot {
  readonly kind: "scalar";
  readonly schema: SchemaView;
  /** A plain string member: its text is its value. */
  readonly identity: boolean;
}

/** Why a schema cannot be compiled (the whole operation is then left to the SDK). */
class Unsupported extends Error {}

/** Readers of schemas whose whole output compiled. */
const compiled = new WeakMap<object, Reader>();

/** `fresh` holds this attempt's readers, kept only if every schema in the output compiles. */
function compile(ns: SchemaView, fresh: Map<object, Reader>): Reader {
  const target = ns.getSchema();
  const cacheable = typeof target === "object" && target !== null;
  const hit = cacheable ? (compiled.get(target) ?? fresh.get(target)) : undefined;
  if (hit !== undefined) return hit;
  if (ns.isStructSchema()) {
    if (ns.isUnionSchema()) throw new Unsupported("union");
    const names: string[] = [];
    const byElement = new Map<string, number>();
    const memberSchemas: SchemaView[] = [];
    for (const [name, member] of ns.structIterator()) {
      const traits = member.getMergedTraits();
      if (traits["httpPayload"] !== undefined || traits["xmlAttribute"] !== undefined || traits["xmlFlattened"] !== undefined) {
        throw new Unsupported(`member ${name} has XML traits this reader leaves to the SDK`);
      }
      const element = (member.getMemberTraits()["xmlName"] as string | undefined) ?? name;
      if (byElement.has(element)) throw new Unsupported(`two members read <${element}>`);
      byElement.set(element, names.length);
      names.push(name);
      memberSchemas.push(member);
    }
    const struct: StructReader = { kind: "struct", names, byElement, members: [] };
    if (cacheable) fresh.set(target, struct); // before members compile: schemas may refer to themselves
    for (const member of memberSchemas) struct.members.push(compile(member, fresh));
    return struct;
  }
  if (ns.isListSchema()) {
    if (ns.getMergedTraits()["xmlFlattened"] !== undefined) throw new Unsupported("flattened list");
    const value = ns.getValueSchema();
    const element = (value.getMergedTraits()["xmlName"] as string | undefined) ?? "member";
    const list: ListReader = { kind: "list", element, item: undefined };
    if (cacheable) fresh.set(target, list);
    list.item = compile(value, fresh);
    return list;
  }
  if (ns.isMapSchema() || ns.isDocumentSchema() || ns.isUnitSchema()) throw new Unsupported("map, document or unit");
  return { kind: "scalar", schema: ns, identity: ns.isStringSchema() && ns.getMergedTraits()["mediaType"] === undefined };
}

const unsupported = new WeakSet<object>();

/** The reader of an operation's output, or undefined when the SDK must read it. */
export function outputReader(ns: SchemaView): StructReader | undefined {
  const target = ns.getSchema();
  if (typeof target !== "object" || target === null || unsupported.has(target)) return undefined;
  try {
    const fresh = new Map<object, Reader>();
    const reader = compile(ns, fresh);
    if (reader.kind === "struct") {
      for (const [k, v] of fresh) compiled.set(k, v);
      return reader;
    }
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
  }
  unsupported.add(target);
  return undefined;
}

/** One open element that is read, and what it has gathered. */
interface Frame {
  readonly reader: Reader;
  /** Its member index in the parent struct. */
  readonly slot: number;
  /** Struct: values by member index; list: the items. */
  readonly values: unknown[];
  text: string;
  /** Struct or list: a text part that is not a blank line makes the SDK read it as empty. */
  hasText: boolean;
}

const isBlankLine = (text: string): boolean => text.includes("\n") && text.trim() === "";

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text with references decoded exactly as `@aws-sdk/xml-builder` does (fromCharCode; an unknown name becomes ""). */
function decodeText(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g, (_, hex?: string, dec?: string, name?: string) =>
    hex !== undefined ? String.fromCharCode(Number.parseInt(hex, 16)) : dec !== undefined ? String.fromCharCode(Number.parseInt(dec, 10)) : (ENTITIES[name!] ?? ""),
  );
}

/** A scalar's frame gathers text only: one shared, never written array instead of one per element. */
const NO_VALUES: unknown[] = [];

/** Thrown from saxen's callbacks to stop the parse and hand the body to the SDK. */
class Deferred extends Error {}

/**
 * The output the SDK's XmlShapeDeserializer would give for `xml` read with the struct `reader`
 * below the root's child `<key>`, or DEFER. Exact on every body it accepts: the structure the SDK
 * would build from generic XML is followed element by element, and whatever would make that
 * path take an odd turn (attributes below the root, a repeated member, an element inside a
 * scalar) or that saxen finds malformed hands the body back.
 */
export function readQueryXml(xml: string, reader: StructReader, key: string, readScalar: ScalarReader): unknown {
  // The SDK reads the body with its line ends normalized.
  if (xml.includes("\r")) xml = xml.replace(/\r\n?/g, "\n");
  const parser = new Parser();
  // depth 1 = the root element; the result element is its child `key`.
  let depth = 0;
  let skipDepth = 0; // > 0 while inside an element nobody reads
  let result: unknown;
  let seen = false;
  const stack: Frame[] = [];

  const open = (r: Reader, slot: number): void => {
    const values = r.kind === "struct" ? new Array<unknown>(r.names.length) : r.kind === "list" ? [] : NO_VALUES;
    stack.push({ reader: r, slot, values, text: "", hasText: false });
  };

  parser.on("openTag", (name, attrs) => {
    depth++;
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (depth === 1) return; // the response element; its xmlns attribute is never read
    for (const _ in attrs()) throw new Deferred("attributes");
    if (depth === 2) {
      if (name !== key) {
        skipDepth = 1;
        return;
      }
      if (seen) throw new Deferred("two result elements"); // the SDK would read an array
      seen = true;
      open(reader, -1);
      return;
    }
    const parent = stack[stack.length - 1]!;
    const r = parent.reader;
    if (r.kind === "scalar") throw new Deferred("an element inside a scalar");
    if (r.kind === "list") {
      if (name !== r.element) {
        skipDepth = 1;
        return;
      }
      open(r.item!, -1);
      return;
    }
    const index = r.byElement.get(name);
    if (index === undefined) {
      skipDepth = 1;
      return;
    }
    if (parent.values[index] !== undefined) throw new Deferred("a repeated member"); // the SDK would read an array
    open(r.members[index]!, index);
  });

  const text = (t: string): void => {
    if (skipDepth > 0 || stack.length === 0) return;
    const frame = stack[stack.length - 1]!;
    if (frame.reader.kind === "scalar") frame.text += t;
    else if (!isBlankLine(t)) frame.hasText = true;
  };
  parser.on("text", (t) => text(decodeText(t)));
  parser.on("cdata", text);

  parser.on("closeTag", () => {
    depth--;
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (depth === 0 || stack.length === 0) return;
    const frame = stack.pop()!;
    const value = finish(frame, readScalar);
    const parent = stack[stack.length - 1];
    if (parent === undefined) result = value;
    else if (parent.reader.kind === "list") parent.values.push(value);
    else parent.values[frame.slot] = value;
  });
  const fail = (e: Error): never => {
    throw e;
  };
  parser.on("error", fail);
  parser.on("warn", fail);

  try {
    parser.parse(xml);
  } catch {
    return DEFER; // malformed for saxen, or Deferred
  }
  return seen && depth === 0 ? result : DEFER;
}

/** The value of a closed element, as the SDK's readSchema would give it. */
function finish(frame: Frame, readScalar: ScalarReader): unknown {
  const r = frame.reader;
  if (r.kind === "scalar") {
    const text = isBlankLine(frame.text) ? "" : frame.text;
    return r.identity ? text : readScalar(r.schema, text);
  }
  if (r.kind === "list") return frame.hasText ? [] : frame.values;
  const out: Record<string, unknown> = {};
  if (frame.hasText) return out;
  for (let i = 0; i < r.names.length; i++) {
    const v = frame.values[i];
    if (v !== undefined) out[r.names[i]!] = v;
  }
  return out;
}
