// The Terraform resources a fix declares: typed attribute values, references between them, and why each change is made.
import type { SourceLocation } from "../model/resource.js";
import { TfReference, type TfValue } from "../model/terraform-value.js";

/** Why an attribute is set: the rule it satisfies and what goes wrong without it. */
export interface ChangeNote {
  readonly rule: string;
  readonly text: string;
  /** The change restarts or fails over the database (instance class of the writer, a static parameter…). */
  readonly downtime?: string;
}

/** How the block relates to what exists: adopted from AWS, already in Terraform, or new. */
export type BlockOrigin =
  | { readonly kind: "import"; readonly id: string }
  | { readonly kind: "terraform"; readonly address: string; readonly location?: SourceLocation }
  | { readonly kind: "new" };

/** One `resource "type" "name"` the fix declares. */
export interface Block {
  readonly type: string;
  /** Terraform local name, unique per type: `[A-Za-z_][A-Za-z0-9_]*`. */
  readonly name: string;
  /** Attribute values in output order; nested blocks are objects (or lists of objects) named in `nestedBlocks`. */
  readonly values: Record<string, TfValue>;
  /** Attributes rendered as nested blocks (`parameter { … }`), not as `name = value`. */
  readonly nestedBlocks: ReadonlySet<string>;
  readonly origin: BlockOrigin;
  /** AWS region, for the provider the block uses. */
  readonly region: string | undefined;
  /** AWS account, when the data names one: each account gets its own provider, pinned with allowed_account_ids. */
  readonly account?: string | undefined;
  /** Attribute → why the fix sets it; `""` holds notes on the block as a whole (a new reader…). */
  readonly notes: Map<string, ChangeNote[]>;
  /** The model resource the block belongs to (its id), for grouping and per-resource output. */
  readonly owner: string;
  /**
   * Declared only so the re-check can resolve what a changed block refers to (a subnet's AZ, the instance an alarm
   * watches): never written out, and references to it stay references to the user's own resource.
   */
  readonly context?: boolean;
  /** Attributes set only so the re-check judges the block as the data has it (a group's tags, whose `propagate_at_launch` is not known): never written. */
  readonly recheckOnly?: ReadonlySet<string>;
}

export function addressOf(block: Pick<Block, "type" | "name">): string {
  return `${block.type}.${block.name}`;
}

/** A reference to another block's attribute, as the Terraform sources read it. */
export function ref(block: Pick<Block, "type" | "name">, attribute: string): TfReference {
  return new TfReference(addressOf(block), attribute);
}

/** Terraform local names from outside identifiers: lower-case letters, digits and `_`, starting with a letter or `_`. */
export function localName(raw: string): string {
  let name = raw.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (name === "") name = "resource";
  if (!/^[a-z_]/.test(name)) name = `_${name}`;
  return name.length > 60 ? name.slice(0, 60) : name;
}

/** The blocks of one fix, with unique names per type. */
export class Draft {
  readonly blocks: Block[] = [];
  private readonly taken = new Set<string>();
  /** Lower-cased `identifier` and `name` values of every block added, for picking AWS names that are free. */
  private readonly awsNames = new Set<string>();

  /** Whether a block already uses this AWS name (an instance identifier, a subscription or group name). */
  usesAwsName(name: string): boolean {
    return this.awsNames.has(name.toLowerCase());
  }

  /** A name for `type` from `wanted`, suffixed `_2`, `_3`… when taken. */
  uniqueName(type: string, wanted: string): string {
    const base = localName(wanted);
    let name = base;
    for (let i = 2; this.taken.has(`${type}.${name}`); i++) name = `${base}_${i}`;
    this.taken.add(`${type}.${name}`);
    return name;
  }

  /** Blocks registered under a key (a record's zone/name/type, a parameter group's name), so fixers find them in O(1). */
  private readonly keyed = new Map<string, Block>();
  private readonly keyOf = new Map<Block, string>();

  byKey(key: string): Block | undefined {
    return this.keyed.get(key);
  }

  add(spec: Omit<Block, "name" | "notes" | "nestedBlocks"> & { readonly name: string; readonly nestedBlocks?: ReadonlySet<string> }, key?: string): Block {
    const block: Block = { ...spec, name: this.uniqueName(spec.type, spec.name), notes: new Map(), nestedBlocks: spec.nestedBlocks ?? new Set() };
    for (const key of ["identifier", "name"]) {
      const v = spec.values[key];
      if (typeof v === "string") this.awsNames.add(v.toLowerCase());
    }
    this.blocks.push(block);
    if (key !== undefined) {
      this.keyed.set(key, block);
      this.keyOf.set(block, key);
    }
    return block;
  }

  /** Takes back the blocks added since `length` that belong to `owner` (a resource left undeclared). */
  dropSince(length: number, owner: string): void {
    const added = this.blocks.splice(length);
    for (const b of added) {
      if (b.owner !== owner) {
        this.blocks.push(b);
        continue;
      }
      const key = this.keyOf.get(b);
      if (key !== undefined) this.keyed.delete(key);
      this.keyOf.delete(b);
    }
  }
}

/** Sets an attribute and records why; a rule's later note on the attribute replaces its earlier one (it names the value set last). */
export function setAttribute(block: Block, attribute: string, value: TfValue, note?: ChangeNote): void {
  block.values[attribute] = value;
  if (note === undefined) return;
  const list = block.notes.get(attribute) ?? [];
  const at = list.findIndex((n) => n.rule === note.rule);
  if (at >= 0) list[at] = { ...note, downtime: note.downtime ?? list[at]!.downtime };
  else list.push(note);
  block.notes.set(attribute, list);
}

export function noteBlock(block: Block, note: ChangeNote): void {
  const list = block.notes.get("") ?? [];
  if (!list.some((n) => n.rule === note.rule && n.text === note.text)) list.push(note);
  block.notes.set("", list);
}

/** Whether the fix changes anything on the block (a new block always counts). */
export function isChanged(block: Block): boolean {
  return block.origin.kind === "new" || block.notes.size > 0;
}

function referencesIn(v: TfValue, out: Set<string>): void {
  if (v instanceof TfReference) out.add(v.address);
  else if (Array.isArray(v)) for (const x of v) referencesIn(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v as Record<string, TfValue>)) referencesIn(x, out);
}

/** The blocks in their given order, except that every block comes after the blocks it refers to (CDKTF needs the variables declared first). */
export function declarationOrder(blocks: readonly Block[]): Block[] {
  const byAddress = new Map(blocks.map((b) => [addressOf(b), b]));
  const out: Block[] = [];
  const state = new Map<Block, "visiting" | "done">();
  const visit = (b: Block) => {
    if (state.get(b) !== undefined) return; // "visiting": a cycle, which Terraform would reject too; keep the given order
    state.set(b, "visiting");
    const refs = new Set<string>();
    for (const v of Object.values(b.values)) referencesIn(v, refs);
    for (const address of refs) {
      const target = byAddress.get(address);
      if (target !== undefined) visit(target);
    }
    state.set(b, "done");
    out.push(b);
  };
  for (const b of blocks) visit(b);
  return out;
}

/** The key of a rule's change on a resource (its address) that a `.tf` patch leaves to the user. */
export function unpatchedKey(owner: string, rule: string): string {
  return `${owner}\u0000${rule}`;
}
