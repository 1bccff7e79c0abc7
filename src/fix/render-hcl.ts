// Renders a fix's blocks as Terraform HCL (import blocks for adopted resources), laid out as `terraform fmt` does.
import { TfReference, TfUnknown, type TfValue } from "../model/terraform-value.js";
import { addressOf, type Block, type ChangeNote } from "./blocks.js";
import { commentText, hclString } from "./escape.js";
import { AWS_PROVIDER_CONSTRAINT, providerLayout, type ProviderLayout } from "./providers.js";

const INDENT = "  ";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function expression(v: TfValue, depth: number): string {
  if (v instanceof TfReference) return `${v.address}.${v.attribute}`;
  if (v instanceof TfUnknown) throw new Error(`a fix cannot render an unknown value (${v.reason})`);
  if (v === null) return "null";
  if (typeof v === "string") return hclString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => expression(x, depth)).join(", ")}]`;
  const entries = Object.entries(v as Record<string, TfValue>);
  if (entries.length === 0) return "{}";
  const pad = INDENT.repeat(depth + 1);
  const lines = alignedPairs(entries.map(([k, x]) => [hclString(k), expression(x, depth + 1)]), pad);
  return `{\n${lines.join("\n")}\n${INDENT.repeat(depth)}}`;
}

/** `key = value` lines with the `=` aligned, as terraform fmt aligns consecutive one-line attributes. */
function alignedPairs(pairs: readonly (readonly [string, string])[], pad: string): string[] {
  const width = Math.max(...pairs.filter(([, v]) => !v.includes("\n")).map(([k]) => k.length), 0);
  return pairs.map(([k, v]) => `${pad}${v.includes("\n") ? k : k.padEnd(width)} = ${v}`);
}

function notesAsComments(notes: readonly ChangeNote[] | undefined, pad: string): string[] {
  const out: string[] = [];
  for (const n of notes ?? []) {
    out.push(`${pad}# ${commentText(`${n.rule}: ${n.text}`)}`);
    if (n.downtime) out.push(`${pad}# DOWNTIME: ${commentText(n.downtime)}`);
  }
  return out;
}

/** The body lines of a block: attributes aligned in runs (a comment line ends a run, as in terraform fmt), then nested blocks. */
function body(block: Block, providers: ProviderLayout): string[] {
  const pad = INDENT;
  const lines: string[] = [];
  let group: [string, string][] = [];
  const flush = () => {
    if (group.length > 0) lines.push(...alignedPairs(group, pad));
    group = [];
  };
  const alias = providers.aliasOf(block);
  if (alias !== undefined) group.push(["provider", `aws.${alias}`]);
  const nested: [string, TfValue][] = [];
  for (const [attribute, value] of Object.entries(block.values)) {
    if (block.recheckOnly?.has(attribute)) continue;
    if (block.nestedBlocks.has(attribute)) {
      nested.push([attribute, value]);
      continue;
    }
    const notes = block.notes.get(attribute);
    if (notes !== undefined) {
      flush();
      lines.push(...notesAsComments(notes, pad));
    }
    group.push([IDENTIFIER.test(attribute) ? attribute : hclString(attribute), expression(value, 1)]);
  }
  flush();
  for (const [attribute, value] of nested) {
    const items = Array.isArray(value) ? value : [value];
    lines.push("", ...notesAsComments(block.notes.get(attribute), pad));
    items.forEach((item, i) => {
      const entries = Object.entries(item as Record<string, TfValue>).map(([k, x]) => [k, expression(x, 2)] as [string, string]);
      if (i > 0) lines.push("");
      lines.push(`${pad}${attribute} {`, ...alignedPairs(entries, pad + INDENT), `${pad}}`);
    });
  }
  return lines;
}

function renderBlockHcl(block: Block, providers: ProviderLayout): string {
  const head = notesAsComments(block.notes.get(""), "");
  return [...head, `resource ${hclString(block.type)} ${hclString(block.name)} {`, ...body(block, providers), "}"].join("\n");
}

function importBlock(block: Block, providers: ProviderLayout): string | undefined {
  if (block.origin.kind !== "import") return undefined;
  const alias = providers.aliasOf(block);
  const pairs: [string, string][] = [
    ["to", addressOf(block)],
    ["id", hclString(block.origin.id)],
    ...(alias === undefined ? [] : ([["provider", `aws.${alias}`]] as [string, string][])),
  ];
  return ["import {", ...alignedPairs(pairs, INDENT), "}"].join("\n");
}

/**
 * Resource blocks for an existing module (no providers, no imports): they use the module's own
 * provider configuration, as the resources they refer to do.
 */
export function renderResourcesForModule(blocks: readonly Block[], header: readonly string[]): string {
  const inherit: ProviderLayout = { providers: [], aliasOf: () => undefined };
  return `${[header.map((h) => `# ${commentText(h)}`).join("\n"), ...blocks.map((b) => renderBlockHcl(b, inherit))].join("\n\n")}\n`;
}

/** The whole `main.tf`: providers, import blocks, then the resources. */
export function renderHcl(all: readonly Block[], header: readonly string[]): string {
  // Context blocks (a subnet, the instance an alarm watches) are the user's own resources: referred to, never declared.
  const blocks = all.filter((b) => !b.context);
  const providers = providerLayout(blocks);
  const parts: string[] = [header.map((h) => `# ${commentText(h)}`).join("\n")];
  parts.push(
    [
      "terraform {",
      "  required_providers {",
      "    aws = {",
      '      source  = "hashicorp/aws"',
      `      version = ${hclString(AWS_PROVIDER_CONSTRAINT)}`,
      "    }",
      "  }",
      "}",
    ].join("\n"),
  );
  for (const p of providers.providers) {
    const pairs: [string, string][] = [
      ...(p.alias === undefined ? [] : ([["alias", hclString(p.alias)]] as [string, string][])),
      ...(p.region === undefined ? [] : ([["region", hclString(p.region)]] as [string, string][])),
      ...(p.account === undefined ? [] : ([["allowed_account_ids", `[${hclString(p.account)}]`]] as [string, string][])),
    ];
    parts.push(['provider "aws" {', ...alignedPairs(pairs, INDENT), "}"].join("\n"));
  }
  for (const b of blocks) {
    const imp = importBlock(b, providers);
    if (imp) parts.push(imp);
  }
  for (const b of blocks) parts.push(renderBlockHcl(b, providers));
  return `${parts.join("\n\n")}\n`;
}
