// For `.tf` inputs: a unified diff that changes resources where they are declared, or the inputs of the module that makes them (`git apply`-able).
import { readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { TfReference, type TfValue } from "../model/terraform-value.js";
import type { ModuleConfig, ResourceDecl } from "../sources/hcl/index.js";
import { addressOf, unpatchedKey, type Block } from "./blocks.js";
import { commentText } from "./escape.js";
import { expression, renderResourcesForModule } from "./render-hcl.js";
import { entryFields, findCallSite, parseModuleAddress, routeOf, shownExpression, variablesIn, type ModuleCallSite } from "./tf-modules.js";

/** The file the patch adds to a module for the resources the fix creates (readers, groups, subscriptions…). */
export const NEW_RESOURCES_FILE = "haspec-fix.tf";

export interface TfPatch {
  /** The unified diff over every file touched ("" when nothing could be patched). */
  readonly diff: string;
  /** Changes the patch leaves to the user, in words. */
  readonly skipped: readonly string[];
  /** `resource address` + NUL + `rule` of the changes the patch leaves out: the fix of that rule is not (all) in tf.patch. */
  readonly unpatched: ReadonlySet<string>;
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


const indentOf = (t: string) => t.match(/^\s*/)![0];

/** The lines of the block whose header is at `start`: the index of its closing line. */
function closingOf(lines: readonly Line[], start: number): number {
  let end = start + 1;
  while (end < lines.length && lines[end]!.depth > lines[start]!.depth) end++;
  return end - 1;
}

/** Why a change is made, as the end-of-line comment. */
function commentFor(block: Block, attribute: string): string {
  const why = (block.notes.get(attribute) ?? []).map((n) => `${n.rule}${n.downtime ? ` (DOWNTIME: ${n.downtime})` : ""}`).join("; ");
  return `# ${commentText(`haspec: ${why}`)}`;
}

/** Rules whose notes are on the attribute (or, for "", the block). */
function rulesOf(block: Block, attribute: string): string[] {
  return (block.notes.get(attribute) ?? []).flatMap((n) => n.rule.split(", "));
}

/** Sets `name = value` among the lines of the block [start, closing] at depth `inner`; false when it spans lines. */
function setLine(lines: readonly Line[], texts: string[], inserts: Map<number, string[]>, start: number, closing: number, name: string, value: string, comment: string): boolean {
  const inner = lines[start]!.depth + 1;
  const at = lines.findIndex((l, i) => i > start && i < closing && l.depth === inner && new RegExp(`^\\s*"?${name}"?\\s*=`).test(l.text));
  if (at >= 0) {
    if ((lines[at + 1]?.depth ?? inner) !== inner) return false;
    texts[at] = `${indentOf(lines[at]!.text)}${name} = ${value} ${comment}`;
    return true;
  }
  const list = inserts.get(closing) ?? [];
  list.push(`${indentOf(lines[start]!.text)}  ${name} = ${value} ${comment}`);
  inserts.set(closing, list);
  return true;
}

function withInserts(texts: readonly string[], inserts: ReadonlyMap<number, string[]>): string {
  const out: string[] = [];
  texts.forEach((t, i) => {
    out.push(...(inserts.get(i) ?? []), t);
  });
  return out.join("\n");
}

/** `parameter { name = … }` blocks: adds the ones the fix sets, changes the value of one already there. */
function patchParameters(lines: readonly Line[], texts: string[], inserts: Map<number, string[]>, start: number, closing: number, block: Block, skipped: string[]): boolean {
  const inner = lines[start]!.depth + 1;
  if (lines.some((l, i) => i > start && i < closing && l.depth === inner && /^\s*dynamic\s+"?parameter"?/.test(l.text))) {
    skipped.push(`${addressOf(block)}: its parameters come from a dynamic block; add the parameter to the list it iterates by hand`);
    return false;
  }
  const present = new Map<string, { start: number; closing: number }>();
  lines.forEach((l, i) => {
    if (i <= start || i >= closing || l.depth !== inner || !/^\s*parameter\s*\{\s*$/.test(l.text)) return;
    const end = closingOf(lines, i);
    const nameLine = lines.slice(i + 1, end).find((x) => /^\s*name\s*=\s*"/.test(x.text));
    const name = nameLine ? /=\s*"([^"]*)"/.exec(nameLine.text)?.[1] : undefined;
    if (name !== undefined) present.set(name, { start: i, closing: end });
  });
  const comment = commentFor(block, "parameter");
  const wanted = (Array.isArray(block.values["parameter"]) ? block.values["parameter"] : []) as Record<string, TfValue>[];
  const pad = `${indentOf(lines[start]!.text)}  `;
  for (const p of wanted) {
    const name = String(p["name"]);
    const at = present.get(name);
    if (at !== undefined) {
      const text = lines.slice(at.start + 1, at.closing).map((l) => l.text).join("\n");
      if (!rulesAsk(block, name) || new RegExp(`value\\s*=\\s*${expression(p["value"] ?? null, 1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`).test(text)) continue;
      if (!setLine(lines, texts, inserts, at.start, at.closing, "value", expression(p["value"] ?? null, 2), comment)) return false;
      if (p["apply_method"] !== undefined) setLine(lines, texts, inserts, at.start, at.closing, "apply_method", expression(p["apply_method"], 2), comment);
      continue;
    }
    // Parameters the group had before (read from it) are already in the file; only the new one is added.
    if (!rulesAsk(block, name)) continue;
    const list = inserts.get(closing) ?? [];
    list.push(`${pad}parameter { ${comment}`, ...Object.entries(p).map(([k, v]) => `${pad}  ${k} = ${expression(v, 2)}`), `${pad}}`);
    inserts.set(closing, list);
  }
  return true;
}

/** Whether a note on the block's parameters names this parameter (the fix asked for it). */
function rulesAsk(block: Block, parameter: string): boolean {
  return (block.notes.get("parameter") ?? []).some((n) => n.text.startsWith(`${parameter} = `));
}

/** Applies a block's changed attributes (all, or `only`) to its file's text; returns the new text. */
function patchBlock(text: string, block: Block, line: number, skipped: string[], unpatched: Set<string>, only?: ReadonlySet<string>, rewrite: (v: TfValue) => TfValue = (v) => v): string {
  const lines = scan(text);
  const start = line - 1;
  const head = lines[start];
  if (head === undefined || !/^\s*resource\s/.test(head.text)) {
    skipped.push(`${addressOf(block)}: its block is not at line ${line} any more; apply the changes by hand`);
    for (const a of block.notes.keys()) for (const r of rulesOf(block, a)) unpatched.add(unpatchedKey(block.owner, r));
    return text;
  }
  const closing = closingOf(lines, start);
  const texts = lines.map((l) => l.text);
  const inserts = new Map<number, string[]>();
  for (const attribute of block.notes.keys()) {
    if (attribute === "" || (only !== undefined && !only.has(attribute))) continue;
    if (attribute === "parameter" && block.type.endsWith("parameter_group")) {
      if (!patchParameters(lines, texts, inserts, start, closing, block, skipped)) for (const r of rulesOf(block, attribute)) unpatched.add(unpatchedKey(block.owner, r));
      continue;
    }
    if (block.nestedBlocks.has(attribute)) continue;
    const value = expression(rewrite(block.values[attribute] ?? null), 1);
    if (!setLine(lines, texts, inserts, start, closing, attribute, value, commentFor(block, attribute))) {
      skipped.push(`${addressOf(block)}.${attribute}: its expression spans several lines; set it to ${value} by hand`);
      for (const r of rulesOf(block, attribute)) unpatched.add(unpatchedKey(block.owner, r));
    }
  }
  return withInserts(texts, inserts);
}

// ---- module inputs --------------------------------------------------------------------------------

/** One change to a module call: an input, a field of one entry of a map input, or a new entry. */
type CallEdit =
  | { readonly kind: "set"; readonly call: string; readonly path: readonly string[]; readonly value: string; readonly comment: string; readonly owner: string; readonly rules: readonly string[] }
  | { readonly kind: "entry"; readonly call: string; readonly input: string; readonly key: string; readonly fields: readonly (readonly [string, string])[]; readonly comment: string; readonly owner: string; readonly rules: readonly string[] };

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const keyText = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));

/** The line of `name = {` among the direct children of the block [start, closing], and its closing line. */
function childObject(lines: readonly Line[], start: number, closing: number, name: string): { start: number; closing: number } | undefined {
  const inner = lines[start]!.depth + 1;
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const at = lines.findIndex((l, i) => i > start && i < closing && l.depth === inner && new RegExp(`^\\s*"?${quoted}"?\\s*=\\s*\\{\\s*(#.*)?$`).test(l.text));
  return at < 0 ? undefined : { start: at, closing: closingOf(lines, at) };
}

/** Applies the edits of one module call to the root file's text; what it cannot do goes to `skipped`. */
function patchCall(text: string, edits: readonly CallEdit[], skipped: string[], unpatched: Set<string>): string {
  const lines = scan(text);
  const name = edits[0]!.call;
  const start = lines.findIndex((l) => new RegExp(`^\\s*module\\s+"?${name}"?\\s*\\{`).test(l.text));
  const fail = (e: CallEdit, why: string) => {
    skipped.push(why);
    for (const r of e.rules) unpatched.add(unpatchedKey(e.owner, r));
  };
  if (start < 0) {
    for (const e of edits) fail(e, `module.${name}: its block was not found; set the inputs by hand`);
    return text;
  }
  const closing = closingOf(lines, start);
  const texts = lines.map((l) => l.text);
  const inserts = new Map<number, string[]>();
  for (const e of edits) {
    if (e.kind === "set") {
      let at = { start, closing };
      let ok = true;
      for (const step of e.path.slice(0, -1)) {
        const next = childObject(lines, at.start, at.closing, step);
        if (next === undefined) {
          fail(e, `module.${name}: ${e.path.join(".")} = ${e.value}: the module call does not write ${e.path.slice(0, -1).join(".")} as a literal map with one entry per line; set it by hand`);
          ok = false;
          break;
        }
        at = next;
      }
      if (ok && !setLine(lines, texts, inserts, at.start, at.closing, e.path[e.path.length - 1]!, e.value, e.comment)) {
        fail(e, `module.${name}: ${e.path.join(".")} spans several lines; set it to ${e.value} by hand`);
      }
    } else {
      const map = childObject(lines, start, closing, e.input);
      if (map === undefined) {
        fail(e, `module.${name}: add the entry ${keyText(e.key)} = { ${e.fields.map(([k, v]) => `${k} = ${v}`).join(", ")} } to its input ${e.input} by hand (it is not written as a literal map)`);
        continue;
      }
      const pad = `${indentOf(lines[map.start]!.text)}  `;
      const list = inserts.get(map.closing) ?? [];
      list.push(`${pad}${keyText(e.key)} = { ${e.comment}`, ...e.fields.map(([k, v]) => `${pad}  ${k} = ${v}`), `${pad}}`);
      inserts.set(map.closing, list);
    }
  }
  return withInserts(texts, inserts);
}

// ---- the patch ------------------------------------------------------------------------------------

interface Loader {
  roots(): Promise<ModuleConfig[]>;
  module(dir: string): Promise<ModuleConfig>;
}

function loader(cwd: string, inputs: readonly string[]): Loader {
  const cache = new Map<string, Promise<ModuleConfig>>();
  const read = (dir: string) => {
    let p = cache.get(dir);
    if (p === undefined) {
      p = import("../sources/hcl/index.js").then((m) => m.readModuleDeclarations(dir, cwd));
      cache.set(dir, p);
    }
    return p;
  };
  let roots: Promise<ModuleConfig[]> | undefined;
  return {
    module: read,
    roots: () =>
      (roots ??= Promise.all(
        inputs.map(async (input) => {
          const abs = resolve(cwd, input);
          const info = await stat(abs).catch(() => undefined);
          return info === undefined ? undefined : info.isDirectory() ? abs : dirname(abs);
        }),
      ).then((dirs) => Promise.all([...new Set(dirs.filter((d): d is string => d !== undefined))].map(read)))),
  };
}

/** A block's place in the configuration: its file and line when it comes from a `.tf` file. */
function hclLocation(b: Block): { file: string; line: number | undefined } | undefined {
  return b.origin.kind === "terraform" && b.origin.location?.source === "hcl" && b.origin.location.file !== undefined ? { file: b.origin.location.file, line: b.origin.location.line } : undefined;
}

/** The identifying attribute a reference to a block stands for, when the block cannot be referred to (it lives in a module). */
function literalFor(target: Block, attribute: string): TfValue | undefined {
  const ids: Record<string, string> = { aws_rds_cluster: "cluster_identifier", aws_rds_cluster_instance: "identifier", aws_db_instance: "identifier", aws_rds_cluster_parameter_group: "name" };
  const idAttribute = ids[target.type];
  if (idAttribute === undefined) return undefined;
  if (attribute === "id" || attribute === idAttribute || (attribute === "name" && target.type.endsWith("parameter_group"))) {
    const v = target.values[idAttribute];
    return typeof v === "string" ? v : undefined;
  }
  return undefined;
}

function referencesIn(v: TfValue, out: Set<string>): void {
  if (v instanceof TfReference) out.add(v.address);
  else if (Array.isArray(v)) for (const x of v) referencesIn(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v as Record<string, TfValue>)) referencesIn(x, out);
}

function mapValue(v: TfValue, f: (r: TfReference) => TfValue): TfValue {
  if (v instanceof TfReference) return f(v);
  if (Array.isArray(v)) return v.map((x) => mapValue(x, f));
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, TfValue>).map(([k, x]) => [k, mapValue(x, f)]));
  return v;
}

/**
 * The patch of the `.tf` files that declare the changed blocks (blocks from the `hcl` source only):
 * root resources in place; resources a module makes through the module call's inputs (and, for the
 * user's own module, in its block when no input feeds the attribute); new resources in `haspec-fix.tf`
 * next to the root resources they belong to, or in the root that calls the module.
 * `inputs` are the paths `haspec fix` read (the roots of the configuration).
 */
export async function tfPatch(blocks: readonly Block[], cwd: string, inputs: readonly string[] = []): Promise<TfPatch> {
  const skipped: string[] = [];
  const unpatched = new Set<string>();
  const load = loader(cwd, inputs);
  const byAddress = new Map(blocks.map((b) => [addressOf(b), b]));
  const resourceEdits = new Map<string, { block: Block; line: number; only?: ReadonlySet<string> }[]>();
  const callEdits = new Map<string, CallEdit[]>();
  /** The module call of each module-made owner (resource address), once found. */
  const sites = new Map<string, { site: ModuleCallSite | undefined; file: string }>();
  const leave = (b: Block, attribute: string, why: string) => {
    skipped.push(why);
    for (const r of rulesOf(b, attribute)) unpatched.add(unpatchedKey(b.owner, r));
  };
  const addResourceEdit = (file: string, entry: { block: Block; line: number; only?: ReadonlySet<string> }) => {
    const list = resourceEdits.get(file) ?? [];
    list.push(entry);
    resourceEdits.set(file, list);
  };
  const addCallEdit = (file: string, e: CallEdit) => {
    const list = callEdits.get(file) ?? [];
    list.push(e);
    callEdits.set(file, list);
  };
  const siteOf = async (address: string, file: string): Promise<ModuleCallSite | undefined> => {
    const parsed = parseModuleAddress(address);
    if (parsed === undefined || parsed.calls.length !== 1 || parsed.callKeyed) return undefined;
    const moduleDir = resolve(cwd, dirname(file));
    const site = await findCallSite(await load.roots(), parsed.calls[0]!, moduleDir, load.module, (d) => relative(cwd, d).split("\\").join("/") || ".");
    return site;
  };
  // New blocks whose name a root (or the directory of a root resource) already declares get a suffix, everywhere they are named.
  const declaredNames = new Set<string>();
  const dirs = new Set<string>();
  for (const b of blocks) {
    const at = hclLocation(b);
    if (at !== undefined && b.origin.kind === "terraform" && !b.origin.address.startsWith("module.")) dirs.add(resolve(cwd, dirname(at.file)));
  }
  for (const root of blocks.some((b) => b.origin.kind === "terraform") ? await load.roots().catch(() => []) : []) dirs.add(root.dir);
  /** Account-wide resources the configuration already has, by the type of the new block they stand in for. */
  const existing = new Map<string, string>();
  for (const dir of dirs) {
    const config = await load.module(dir).catch(() => undefined);
    for (const r of config?.resources ?? []) {
      declaredNames.add(`${r.type}.${r.name}`);
      const body = JSON.stringify(r.body);
      // A role RDS Enhanced Monitoring can assume; the topic an RDS event subscription already publishes to.
      if (r.type === "aws_iam_role" && body.includes("monitoring.rds.amazonaws.com") && !existing.has("aws_iam_role")) existing.set("aws_iam_role", `aws_iam_role.${r.name}`);
      const topic = r.type === "aws_db_event_subscription" ? /aws_sns_topic\.([A-Za-z0-9_-]+)\.arn/.exec(body) : null;
      if (topic && !existing.has("aws_sns_topic")) existing.set("aws_sns_topic", `aws_sns_topic.${topic[1]}`);
    }
  }
  const reused = new Map<string, string>();
  for (const b of blocks) {
    const stand = b.origin.kind === "new" && b.owner === "(shared)" ? existing.get(b.type) : undefined;
    if (stand !== undefined) reused.set(addressOf(b), stand);
  }
  const renamed = new Map<string, string>();
  for (const b of blocks) {
    if (b.origin.kind !== "new" || !declaredNames.has(addressOf(b))) continue;
    let name = b.name;
    for (let i = 2; declaredNames.has(`${b.type}.${name}`) || byAddress.has(`${b.type}.${name}`); i++) name = `${b.name}_${i}`;
    declaredNames.add(`${b.type}.${name}`);
    renamed.set(addressOf(b), `${b.type}.${name}`);
  }
  /** References in values written at the root: a block in a module becomes its identifier, a root resource its address. */
  const atRoot = (v: TfValue): TfValue =>
    mapValue(v, (r) => {
      const target = byAddress.get(r.address);
      if (reused.has(r.address)) return new TfReference(reused.get(r.address)!, r.attribute);
      if (renamed.has(r.address)) return new TfReference(renamed.get(r.address)!, r.attribute);
      if (target === undefined || target.origin.kind !== "terraform") return r;
      if (target.origin.address.startsWith("module.")) return literalFor(target, r.attribute) ?? r;
      return new TfReference(target.origin.address, r.attribute);
    });
  /** References in values written inside the module that makes `owner`: its resources by their address there. */
  const inModule = (prefix: string) => (v: TfValue): TfValue =>
    mapValue(v, (r) => {
      const target = byAddress.get(r.address);
      if (target === undefined || target.origin.kind !== "terraform") return r;
      return target.origin.address.startsWith(prefix) ? new TfReference(target.origin.address.slice(prefix.length), r.attribute) : (literalFor(target, r.attribute) ?? r);
    });

  /** count/for_each blocks of a root already changed (file + address prefix). */
  const expandedDone = new Set<string>();
  /** How many instances a count of a literal number makes (undefined otherwise: the siblings cannot be told complete). */
  const expansionSize = (decl: ResourceDecl | undefined): number | undefined => {
    const count = decl?.body["count"];
    return typeof count === "number" ? count : undefined;
  };
  /** Module-wide inputs already set (call + input). */
  const wideDone = new Set<string>();
  /** The input every instance of the module's resource falls back to for `attribute`, when all of them get the same value and no entry sets the field. */
  const moduleWide = (site: ModuleCallSite, decl: ResourceDecl, attribute: string, route: { readonly input: string; readonly field: string }, b: Block): string | undefined => {
    const expr = typeof decl.body[attribute] === "string" ? (decl.body[attribute] as string) : "";
    // Only `try(each.value.F, var.V)`: an entry without F reaches var.V. In `try(coalesce(each.value.F, var.V), null)`
    // a missing F fails the whole `try` (null), unless the map's type declares F optional: per instance then.
    const m = new RegExp(`try\\(\\s*each\\.value\\.${route.field}\\s*,\\s*var\\.([A-Za-z_][A-Za-z0-9_-]*)\\s*\\)`).exec(expr);
    if (!m) return undefined;
    const entries = site.call.body[route.input];
    const list = Array.isArray(entries) ? entries[0] : entries;
    if (typeof list !== "object" || list === null) return undefined;
    if (Object.values(list as Record<string, unknown>).some((e) => typeof e !== "object" || e === null || route.field in (e as object))) return undefined;
    const prefix = b.origin.kind === "terraform" ? b.origin.address.replace(/\[[^\]]*\]$/, "[") : "";
    const members = blocks.filter((x) => x.origin.kind === "terraform" && x.origin.address.startsWith(prefix));
    const shown = expression(b.values[attribute] ?? null, 1);
    if (members.length !== Object.keys(list as object).length) return undefined;
    return members.every((x) => x.notes.has(attribute) && expression(x.values[attribute] ?? null, 1) === shown) ? m[1] : undefined;
  };

  // Changed attributes of blocks already in the configuration.
  for (const b of blocks) {
    const at = hclLocation(b);
    if (at === undefined || b.origin.kind !== "terraform" || ![...b.notes.keys()].some((k) => k !== "")) continue;
    const address = b.origin.address;
    if (!address.startsWith("module.")) {
      if (at.line === undefined) continue;
      if (/\[[^\]]*\]$/.test(address)) {
        // count/for_each: one block makes every instance. An attribute written as a literal (or not at all) that every
        // instance gets with the same value is changed in that block, once; anything else is left to the user.
        const decl = (await load.module(resolve(cwd, dirname(at.file))).catch(() => undefined))?.resources.find((d) => address.startsWith(`${d.type}.${d.name}[`));
        const prefix = address.replace(/\[[^\]]*\]$/, "[");
        const siblings = blocks.filter((x) => x.origin.kind === "terraform" && x.origin.address.startsWith(prefix));
        const shared = new Set<string>();
        for (const a of b.notes.keys()) {
          if (a === "") continue;
          const raw = decl?.body[a];
          const literal = raw === undefined || (typeof raw !== "object" && !String(raw).includes("${"));
          const shown = expression(atRoot(b.values[a] ?? null), 1);
          const same = siblings.length === expansionSize(decl) && siblings.every((x) => x.notes.has(a) && expression(atRoot(x.values[a] ?? null), 1) === shown);
          if (decl !== undefined && literal && same) shared.add(a);
          else leave(b, a, `${address}.${a}: the resource comes from count/for_each and its instances need different values or the attribute is an expression; change it in ${at.file}:${at.line} by hand (hcl/main.tf shows the value)`);
        }
        const key = `${at.file}\u0000${prefix}`;
        if (shared.size > 0 && !expandedDone.has(key)) addResourceEdit(at.file, { block: b, line: at.line, only: shared });
        expandedDone.add(key);
        continue;
      }
      addResourceEdit(at.file, { block: b, line: at.line, only: undefined });
      continue;
    }
    const site = await siteOf(address, at.file);
    const parsed = parseModuleAddress(address)!;
    if (site === undefined) {
      for (const a of b.notes.keys()) if (a !== "") leave(b, a, `${address}.${a}: the module call that makes it was not found among the inputs (or it is nested, or has count/for_each); set it through the module's inputs by hand`);
      continue;
    }
    sites.set(b.owner, { site, file: site.call.location.file ?? "" });
    const decl = site.module.resources.find((d) => d.type === parsed.type && d.name === parsed.name);
    if (decl === undefined) {
      for (const a of b.notes.keys()) if (a !== "") leave(b, a, `${address}.${a}: its block was not found in module.${site.call.name}; set it by hand`);
      continue;
    }
    const own = new Set<string>();
    for (const attribute of b.notes.keys()) {
      if (attribute === "") continue;
      const rules = rulesOf(b, attribute);
      if (attribute === "parameter" && b.type.endsWith("parameter_group")) {
        const dyn = JSON.stringify(decl.body["dynamic"] ?? "");
        const lists = variablesIn(dyn);
        const wanted = ((b.values["parameter"] ?? []) as Record<string, TfValue>[]).filter((p) => rulesAsk(b, String(p["name"])));
        const shown = wanted.map((p) => `{ name = ${expression(p["name"] ?? null, 0)}, value = ${expression(p["value"] ?? null, 0)}, apply_method = ${expression(p["apply_method"] ?? null, 0)} }`).join(", ");
        leave(b, attribute, `module.${site.call.name}: add ${shown} to the list ${lists.length > 0 ? `its input ${lists.map((l) => `\`${l}\``).join(", ")} holds` : "of the group's parameters"} (${address}); haspec does not rewrite a list input`);
        continue;
      }
      const route = routeOf(site, decl, attribute, parsed.key);
      const value = expression(atRoot(b.values[attribute] ?? null), 1);
      const comment = commentFor(b, attribute);
      const callFile = site.call.location.file;
      switch (route.kind) {
        case "input":
          if (callFile === undefined) leave(b, attribute, `module.${site.call.name}: set ${route.input} = ${value} by hand`);
          else addCallEdit(callFile, { kind: "set", call: site.call.name, path: [route.input], value, comment, owner: b.owner, rules });
          break;
        case "instance-field": {
          // Every instance gets the same value and the module falls back to an input no entry overrides:
          // set that input once (the module may act on it as a whole: rds-aurora creates its monitoring role from it).
          const fallback = moduleWide(site, decl, attribute, route, b);
          if (callFile === undefined) leave(b, attribute, `module.${site.call.name}: set ${route.input}.${route.key}.${route.field} = ${value} by hand`);
          else if (fallback !== undefined) {
            const key = `${site.call.name}\u0000${fallback}`;
            if (!wideDone.has(key)) addCallEdit(callFile, { kind: "set", call: site.call.name, path: [fallback], value, comment, owner: b.owner, rules });
            wideDone.add(key);
          } else addCallEdit(callFile, { kind: "set", call: site.call.name, path: [route.input, route.key, route.field], value, comment, owner: b.owner, rules });
          break;
        }
        case "module-resource":
          own.add(attribute);
          break;
        case "managed":
          break;
        case "none":
          leave(b, attribute, `${address}.${attribute} = ${value}: ${route.why}`);
          break;
      }
    }
    if (own.size > 0 && at.line !== undefined) addResourceEdit(at.file, { block: b, line: at.line, only: own });
  }

  // New resources: a reader of a module's cluster is a new entry of its map input; the others go to haspec-fix.tf.
  const placed = new Map<Block, string>();
  const dirOfOwner = new Map<string, string>();
  for (const b of blocks) {
    const at = hclLocation(b);
    if (at !== undefined && !dirOfOwner.has(b.owner) && b.origin.kind === "terraform" && !b.origin.address.startsWith("module.")) dirOfOwner.set(b.owner, dirname(at.file));
  }
  for (const b of blocks) {
    if (b.origin.kind !== "new" || b.owner === "(shared)") continue;
    const owner = byAddress.get([...byAddress.keys()].find((a) => byAddress.get(a)!.owner === b.owner && byAddress.get(a)!.origin.kind === "terraform") ?? "");
    const ownerAddress = owner?.origin.kind === "terraform" ? owner.origin.address : undefined;
    if (ownerAddress === undefined) continue;
    const rules = rulesOf(b, "");
    if (!ownerAddress.startsWith("module.")) {
      const dir = dirOfOwner.get(b.owner);
      if (dir !== undefined) placed.set(b, dir);
      continue;
    }
    const found = sites.get(b.owner) ?? { site: await siteOf(ownerAddress, hclLocation(owner!)?.file ?? ""), file: "" };
    const site = found.site;
    if (site === undefined) {
      skipped.push(`${addressOf(b)} (new, for ${ownerAddress}): the module call was not found among the inputs; add it by hand (hcl/main.tf shows it)`);
      for (const r of rules) unpatched.add(unpatchedKey(b.owner, r));
      continue;
    }
    const rootDir = relative(cwd, site.root.dir).split("\\").join("/") || ".";
    if (b.type !== "aws_rds_cluster_instance") {
      placed.set(b, rootDir);
      continue;
    }
    const members = site.module.resources.find((d) => d.type === "aws_rds_cluster_instance" && d.body["for_each"] !== undefined);
    const forEach = typeof members?.body["for_each"] === "string" ? (members.body["for_each"] as string) : "";
    const maps = variablesIn(forEach);
    const callFile = site.call.location.file;
    if (members === undefined || maps.length !== 1 || callFile === undefined) {
      skipped.push(`${addressOf(b)} (a new reader for ${ownerAddress}): module.${site.call.name} makes its instances ${members ? `from \`${shownExpression(forEach)}\`` : "without for_each over an input"}; add the reader through its inputs by hand`);
      for (const r of rules) unpatched.add(unpatchedKey(b.owner, r));
      continue;
    }
    const fields = entryFields(members);
    const cluster = typeof owner?.values["cluster_identifier"] === "string" ? (owner.values["cluster_identifier"] as string) : "";
    const id = String(b.values["identifier"]);
    const key = cluster !== "" && id.startsWith(`${cluster}-`) ? id.slice(cluster.length + 1) : id;
    const entry: [string, string][] = [];
    for (const [attribute, v] of Object.entries(b.values)) {
      const field = fields.get(attribute);
      if (field === undefined || attribute === "identifier" || v instanceof TfReference) continue;
      entry.push([field, expression(v, 2)]);
    }
    if (fields.get("identifier") !== undefined) entry.unshift([fields.get("identifier")!, expression(id, 2)]);
    addCallEdit(callFile, { kind: "entry", call: site.call.name, input: maps[0]!, key, fields: entry, comment: commentFor(b, ""), owner: b.owner, rules });
  }

  const diffs: string[] = [];
  const files = new Set([...resourceEdits.keys(), ...callEdits.keys()]);
  const patchedFiles = new Map<string, string>();
  for (const file of [...files].sort()) {
    const original = await readFile(resolve(cwd, file), "utf8");
    let text = original;
    // Resource blocks bottom-up, so earlier line numbers stay valid; module calls are found by their header.
    for (const { block, line, only } of [...(resourceEdits.get(file) ?? [])].sort((a, b) => b.line - a.line)) {
      const inside = block.origin.kind === "terraform" && block.origin.address.startsWith("module.") ? block.origin.address.slice(0, block.origin.address.lastIndexOf(block.type)) : "";
      text = patchBlock(text, block, line, skipped, unpatched, only, inside === "" ? atRoot : inModule(inside));
    }
    const byCall = new Map<string, CallEdit[]>();
    for (const e of callEdits.get(file) ?? []) byCall.set(e.call, [...(byCall.get(e.call) ?? []), e]);
    for (const edits of byCall.values()) text = patchCall(text, edits, skipped, unpatched);
    patchedFiles.set(file, text);
    if (text !== original) diffs.push(createTwoFilesPatch(`a/${file}`, `b/${file}`, original, text, undefined, undefined, { context: 3 }).replace(/^=+\n/, ""));
  }
  const referenced = new Set<string>();
  for (const list of resourceEdits.values()) {
    for (const { block, only } of list) for (const [a, v] of Object.entries(block.values)) if (block.notes.has(a) && (only === undefined || only.has(a))) referencesIn(v, referenced);
  }
  const originalName = new Map([...renamed].map(([from, to]) => [to, from]));

  for (const list of callEdits.values()) {
    for (const e of list) if (e.kind === "set") for (const m of e.value.matchAll(/\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+/g)) referenced.add(originalName.get(m[1]!) ?? m[1]!);
  }
  diffs.push(...(await newResourceFiles(blocks, placed, referenced, [...patchedFiles.keys()], cwd, atRoot, renamed, new Set(reused.keys()))));
  return { diff: diffs.join(""), skipped, unpatched };
}

/**
 * New files (`haspec-fix.tf`) holding the resources the fix creates, one per directory: next to the root
 * resources they belong to, or in the root calling the module; shared ones (SNS topic, monitoring role)
 * only when something the patch writes refers to them, in the first directory used.
 */
async function newResourceFiles(
  blocks: readonly Block[],
  placed: ReadonlyMap<Block, string>,
  referenced: Set<string>,
  patched: readonly string[],
  cwd: string,
  atRoot: (v: TfValue) => TfValue,
  renamed: ReadonlyMap<string, string>,
  /** Shared blocks an existing resource stands in for: never written, nor what refers to them (the role's policy attachment). */
  reused: ReadonlySet<string>,
): Promise<string[]> {
  for (const b of placed.keys()) for (const v of Object.values(b.values)) referencesIn(v, referenced);
  const shared = blocks.filter((b) => b.origin.kind === "new" && b.owner === "(shared)");
  // A shared block is written when referred to, and so is what refers to a written one (the role's policy attachment).
  const emitted = new Set<Block>(placed.keys());
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of shared) {
      if (emitted.has(b) || reused.has(addressOf(b))) continue;
      const refs = new Set<string>();
      for (const v of Object.values(b.values)) referencesIn(v, refs);
      if (referenced.has(addressOf(b)) || [...emitted].some((e) => e.owner === "(shared)" && refs.has(addressOf(e)))) {
        emitted.add(b);
        for (const r of refs) referenced.add(r);
        changed = true;
      }
    }
  }
  const firstDir = [...placed.values()].sort()[0] ?? [...patched].sort().map((f) => dirname(f))[0];
  if (firstDir === undefined) return [];
  const byDir = new Map<string, Block[]>();
  for (const b of blocks) {
    if (!emitted.has(b)) continue;
    const dir = placed.get(b) ?? firstDir;
    byDir.set(dir, [...(byDir.get(dir) ?? []), b]);
  }
  const out: string[] = [];
  for (const [dir, list] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const file = dir === "." ? NEW_RESOURCES_FILE : join(dir, NEW_RESOURCES_FILE);
    const exists = await readFile(resolve(cwd, file), "utf8").then(
      () => true,
      () => false,
    );
    // A second run over a patched module must not add the file twice: its diff would not apply.
    if (exists) continue;
    const rewritten = list.map((b) => ({
      ...b,
      name: renamed.get(addressOf(b))?.split(".")[1] ?? b.name,
      values: Object.fromEntries(Object.entries(b.values).map(([k, v]) => [k, atRoot(v)])),
    }));
    const text = renderResourcesForModule(rewritten, ["Resources haspec fix adds to this configuration; they use its default provider configuration."]);
    out.push(createTwoFilesPatch("/dev/null", `b/${file}`, "", text, undefined, undefined, { context: 3 }).replace(/^=+\n/, "").replace(/^--- \/dev\/null\t?\n/m, "--- /dev/null\n"));
  }
  return out;
}
