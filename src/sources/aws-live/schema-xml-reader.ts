// Reads an AWS Query/XML response body straight into the SDK's output object: easysax tokenizes, the operation's schema (compiled once) says where each element goes. It yields exactly what the SDK's own XmlShapeDeserializer yields, or DEFER for anything it is not sure of, and the SDK then reads the body itself.
import EasySax from "easysax";

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
  /** The sets of members met so far, as a trie over member indices in schema order (see `build`). */
  readonly shapes: ShapeNode;
  /** How many shapes have a factory; past MAX_SHAPES objects are built a member at a time. */
  shapeCount: number;
}

/**
 * One set of present members. `make` builds the output object with one object literal, so it is
 * allocated at its final size: adding sixty members one by one regrows the object's property
 * store a dozen times, which was most of what reading a page allocated.
 */
interface ShapeNode {
  readonly next: (ShapeNode | undefined)[];
  make?: (values: readonly unknown[]) => Record<string, unknown>;
}

/** Factories per struct; odd inputs with ever new member sets fall back to building a member at a time. */
const MAX_SHAPES = 64;

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
    if (names.includes("__proto__")) throw new Unsupported("a member named __proto__");
    const struct: StructReader = { kind: "struct", names, byElement, members: [], shapes: { next: [] }, shapeCount: 0 };
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

/** One open element that is read, and what it has gathered. Frames are reused from one element to the next. */
interface Frame {
  reader: Reader;
  /** Its member index in the parent struct. */
  slot: number;
  /** List: the items; otherwise unused. */
  out: unknown[] | undefined;
  /** Struct: member index → value, for the members listed in `present` (other slots are stale). */
  values: unknown[];
  /** Struct: the indices of the members read, in the order they came: the first `count` entries (the array is kept between elements, as resetting its length would free its storage). */
  present: number[];
  count: number;
  /** Struct: `seen[index] === stamp` once that member was opened in this element. */
  seen: number[];
  stamp: number;
  /** Struct: the index of the last member opened, and whether one came before a member it follows in the schema. */
  last: number;
  unordered: boolean;
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

/** Thrown from the tokenizer's callbacks to stop the parse and hand the body to the SDK. */
class Deferred extends Error {}

/**
 * The output the SDK's XmlShapeDeserializer would give for `xml` read with the struct `reader`
 * below the root's child `<key>`, or DEFER. Exact on every body it accepts: the structure the SDK
 * would build from generic XML is followed element by element, and whatever would make that
 * path take an odd turn (attributes below the root, a repeated member, an element inside a
 * scalar, a second root) or that the tokenizer finds malformed hands the body back.
 */
export function readQueryXml(xml: string, reader: StructReader, key: string, readScalar: ScalarReader): unknown {
  // The SDK reads the body with its line ends normalized.
  if (xml.includes("\r")) xml = xml.replace(/\r\n?/g, "\n");
  const parser = new EasySax({ autoEntity: false });
  // depth 1 = the root element; the result element is its child `key`.
  let depth = 0;
  let skipDepth = 0; // > 0 while inside an element nobody reads
  let result: unknown;
  let seen = false;
  let rootSeen = false;
  let malformed = false;
  const frames: Frame[] = [];
  let top = -1; // index of the innermost open frame
  let stamps = 0;

  const open = (r: Reader, slot: number): void => {
    const out = r.kind === "list" ? [] : undefined;
    const frame = frames[++top];
    if (frame === undefined) {
      frames.push({ reader: r, slot, out, values: [], present: [], count: 0, seen: [], stamp: ++stamps, last: -1, unordered: false, text: "", hasText: false });
    } else {
      frame.reader = r;
      frame.slot = slot;
      frame.out = out;
      frame.count = 0;
      frame.stamp = ++stamps;
      frame.last = -1;
      frame.unordered = false;
      frame.text = "";
      frame.hasText = false;
    }
  };

  parser.on("startNode", (name: string, attrs: () => unknown) => {
    depth++;
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (depth === 1) {
      if (rootSeen) throw new Deferred("a second root element");
      rootSeen = true;
      return; // the response element; its xmlns attribute is never read
    }
    if (attrs() !== true) throw new Deferred("attributes");
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
    const parent = frames[top]!;
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
    if (parent.seen[index] === parent.stamp) throw new Deferred("a repeated member"); // the SDK would read an array
    parent.seen[index] = parent.stamp;
    if (index < parent.last) parent.unordered = true; // finish() puts the members back in schema order
    parent.last = index;
    open(r.members[index]!, index);
  });

  const text = (t: string): void => {
    if (skipDepth > 0 || top < 0) return;
    const frame = frames[top]!;
    if (frame.reader.kind === "scalar") frame.text += t;
    else if (!isBlankLine(t)) frame.hasText = true;
  };
  parser.on("textNode", (t: string) => text(decodeText(t)));
  parser.on("cdata", text);

  parser.on("endNode", () => {
    depth--;
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (depth === 0 || top < 0) return;
    const frame = frames[top--]!;
    const value = finish(frame, readScalar);
    if (top < 0) result = value;
    else {
      const parent = frames[top]!;
      const r = parent.reader;
      if (r.kind === "list") parent.out!.push(value);
      else if (r.kind === "struct") {
        // The SDK leaves a member read as undefined out; this reader would list it.
        if (value === undefined) throw new Deferred("a member read as undefined");
        parent.values[frame.slot] = value;
        parent.present[parent.count++] = frame.slot;
      }
    }
  });
  parser.on("error", () => {
    malformed = true;
  });

  try {
    parser.parse(xml);
  } catch {
    return DEFER; // a Deferred, or an exception of the tokenizer or of a scalar reader
  }
  return seen && depth === 0 && !malformed ? result : DEFER;
}

/** The value of a closed element, as the SDK's readSchema would give it. */
function finish(frame: Frame, readScalar: ScalarReader): unknown {
  const r = frame.reader;
  if (r.kind === "scalar") {
    const text = isBlankLine(frame.text) ? "" : frame.text;
    return r.identity ? text : readScalar(r.schema, text);
  }
  if (frame.hasText) return r.kind === "list" ? [] : {};
  if (r.kind === "list") return frame.out;
  // The SDK's output keeps schema order whatever order the elements came in.
  const { present, count } = frame;
  if (frame.unordered) {
    // Insertion sort of the first `count` indices: short, mostly in order, and no allocation.
    for (let k = 1; k < count; k++) {
      const v = present[k]!;
      let j = k - 1;
      while (j >= 0 && present[j]! > v) {
        present[j + 1] = present[j]!;
        j--;
      }
      present[j + 1] = v;
    }
  }
  return build(r, present, count, frame.values);
}

/** The struct's output object with the members `present[0 .. count)` (indices in schema order) taken from `values`. */
function build(r: StructReader, present: readonly number[], count: number, values: readonly unknown[]): Record<string, unknown> {
  let node = r.shapes;
  for (let k = 0; k < count; k++) {
    const i = present[k]!;
    node = node.next[i] ??= { next: [] };
  }
  let make = node.make;
  if (make === undefined) {
    if (r.shapeCount >= MAX_SHAPES) {
      const out: Record<string, unknown> = {};
      for (let k = 0; k < count; k++) out[r.names[present[k]!]!] = values[present[k]!];
      return out;
    }
    make = node.make = shapeFactory(r.names, present.slice(0, count));
    r.shapeCount++;
  }
  return make(values);
}

/**
 * `(v) => ({ "A": v[0], "C": v[2] })` for the members `present`. The keys are the schema's
 * member names (never text from a response), quoted by JSON.stringify; `__proto__` is refused
 * when the schema is compiled, as a literal would take it for the prototype.
 */
function shapeFactory(names: readonly string[], present: readonly number[]): (values: readonly unknown[]) => Record<string, unknown> {
  const fields = present.map((i) => `${JSON.stringify(names[i])}: v[${i}]`).join(", ");
  return new Function("v", `return { ${fields} };`) as (values: readonly unknown[]) => Record<string, unknown>;
}
