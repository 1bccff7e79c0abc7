// Interprets staged-procedure remedies (a writer's resize through a failover): one Terraform root whose staged attributes are variables, one variable file per stage, the commands and a README.
import type { Evaluation } from "../engine/result.js";
import type { Inventory } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import { TfReference, type TfValue } from "../model/terraform-value.js";
import { cell, code } from "../report/markdown.js";
import type { StagedProcedure } from "../rules/remedy.js";
import { addressOf, Draft, localName, ref, setAttribute, type Block } from "./blocks.js";
import { commentText, hclString } from "./escape.js";
import { declareResource } from "./from-model.js";
import { renderHcl } from "./render-hcl.js";

/** One procedure a failing result asks for, on its resource. */
export interface StagedFix {
  readonly resource: Resource;
  readonly rule: string;
  readonly procedure: StagedProcedure;
  /** Its folder in the fix directory: `scale-up/<cluster>`. */
  readonly dir: string;
}

/** The folder of a procedure: by kind, then the resource (one local-name-safe path segment). */
export function procedureDir(procedure: StagedProcedure, resourceId: string): string {
  return `${procedure.procedure}/${localName(resourceId)}`;
}

/** The staged procedures of the failing results (of the resources in `only`, when given), once per resource and procedure. */
export function stagedProcedures(evaluation: Evaluation, inventory: Inventory, only?: ReadonlySet<string>): StagedFix[] {
  const byAddress = new Map(inventory.resources.map((r) => [r.address, r]));
  const out: StagedFix[] = [];
  const seen = new Set<string>();
  for (const result of evaluation.results) {
    if (result.status !== "fail" || (only !== undefined && !only.has(result.resource.address))) continue;
    const resource = byAddress.get(result.resource.address);
    if (resource === undefined) continue;
    for (const remedy of result.remedies ?? []) {
      if (remedy.kind !== "staged-procedure") continue;
      const dir = procedureDir(remedy, resource.id);
      if (seen.has(dir)) continue;
      seen.add(dir);
      out.push({ resource, rule: result.rule, procedure: remedy, dir });
    }
  }
  return out;
}

/** A variable that carries one attribute through the stages. */
interface StagedVariable {
  readonly name: string;
  readonly block: Block;
  readonly attribute: string;
  /** Its value in each stage, in stage order. */
  readonly values: TfValue[];
}

function typeOf(values: readonly TfValue[]): string {
  const known = values.find((v) => v !== null);
  return typeof known === "number" ? "number" : typeof known === "boolean" ? "bool" : "string";
}

function literal(v: TfValue): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return hclString(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new Error("a staged attribute holds a literal");
}

/** A shell word holding exactly `text`, on one line: single quotes, or bash's `$'…'` when it holds control or invisible characters. */
export function shellWord(text: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(text)) return text;
  if (!/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\" || ch === "'") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if ((code >= 0x80 && code <= 0x9f) || (code >= 0x200b && code <= 0x200f) || (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `$'${out}'`;
}

/** The blocks of the procedure's root and its staged variables; undefined when the resource cannot be declared. */
function stagedRoot(fix: StagedFix): { blocks: Block[]; variables: StagedVariable[] } | { why: string } {
  const draft = new Draft();
  const declared = declareResource(draft, fix.resource);
  if (declared.incomplete !== undefined) return { why: declared.incomplete };
  if (declared.membersOmitted !== undefined) return { why: `${fix.resource.id}'s instances cannot be declared: ${declared.membersOmitted}` };
  const { procedure } = fix;
  const add = procedure.addReader;
  if (add !== undefined) {
    const writer = (declared.writerId === undefined ? undefined : declared.members.get(declared.writerId)) ?? [...declared.members.values()][0] ?? declared.main;
    const copied = Object.fromEntries(Object.entries(writer.values).filter(([k]) => !["identifier", "cluster_identifier", "engine", "availability_zone", "promotion_tier", "instance_class"].includes(k)));
    const block = draft.add({
      type: "aws_rds_cluster_instance",
      name: add.id,
      values: { identifier: add.id, cluster_identifier: ref(declared.main, "id"), engine: ref(declared.main, "engine"), instance_class: add.instanceClass, promotion_tier: add.promotionTier, ...copied },
      nestedBlocks: writer.nestedBlocks,
      origin: { kind: "new" },
      region: declared.main.region,
      account: declared.main.account,
      owner: declared.main.owner,
    });
    setAttribute(block, "instance_class", add.instanceClass, { rule: fix.rule, text: `a new reader for the procedure (stage 1): the writer's new class, tier 0; AWS picks its AZ unless you set one (prefer one the writer is not in)` });
    declared.members.set(add.id, block);
  }
  const variables = new Map<string, StagedVariable>();
  procedure.stages.forEach((stage, index) => {
    for (const change of stage.set) {
      const block = change.instance === undefined ? declared.main : declared.members.get(change.instance);
      if (block === undefined) continue;
      const key = `${addressOf(block)}.${change.attribute}`;
      let v = variables.get(key);
      if (v === undefined) {
        const initial = block.values[change.attribute];
        const start: TfValue = initial instanceof TfReference || initial === undefined ? null : initial;
        v = { name: localName(`${block.name}_${change.attribute}`), block, attribute: change.attribute, values: procedure.stages.map(() => start) };
        variables.set(key, v);
      }
      for (let later = index; later < procedure.stages.length; later++) v.values[later] = change.to;
    }
  });
  for (const v of variables.values()) {
    setAttribute(v.block, v.attribute, new TfReference("var", v.name), { rule: fix.rule, text: `set per stage by var.${v.name} (stages/*.tfvars)` });
  }
  return { blocks: draft.blocks, variables: [...variables.values()] };
}

function variablesTf(variables: readonly StagedVariable[]): string {
  const parts = variables.map((v) =>
    [
      `variable ${hclString(v.name)} {`,
      `  description = ${hclString(`${addressOf(v.block)}.${v.attribute}, set by each stage's variable file`)}`,
      `  type        = ${typeOf(v.values)}`,
      "}",
    ].join("\n"),
  );
  return `# ${commentText("The attributes the scale-up procedure changes stage by stage (haspec fix).")}\n\n${parts.join("\n\n")}\n`;
}

function tfvars(variables: readonly StagedVariable[], stage: number, what: string): string {
  const width = Math.max(0, ...variables.map((v) => v.name.length));
  const lines = variables.map((v) => `${v.name.padEnd(width)} = ${literal(v.values[stage]!)}`);
  return `# ${commentText(`Stage ${stage + 1}: ${what}`)}\n${lines.join("\n")}\n`;
}

function commandBlock(commands: StagedProcedure["stages"][number]["commands"]): string[] {
  if (commands.length === 0) return [];
  return ["```sh", ...commands.flatMap((c) => [`# ${commentText(c.why)}`, c.argv.map(shellWord).join(" ")]), "```", ""];
}

/** The procedure's README: why, the stages with their commands, the tiers warning. */
function readme(fix: StagedFix, root: { blocks: Block[]; variables: StagedVariable[] } | { why: string }): string {
  const { procedure } = fix;
  const out = [`# ${cell(procedure.title, 1000)}`, "", `${cell(procedure.why, 2000)}.`, ""];
  if (procedure.downtime) out.push(`Downtime: ${cell(procedure.downtime, 1000)}.`, "");
  if (procedure.addReader) out.push(`**${cell(fix.resource.id)} has no reader to resize**: stage 1 adds ${code(procedure.addReader.id)} (${cell(procedure.addReader.instanceClass)}, tier ${procedure.addReader.promotionTier}). Keep it afterwards or remove it once the old writer is resized.`, "");
  if ("why" in root) {
    out.push(`haspec cannot write the Terraform for these stages (${cell(root.why, 1000)}): make the changes of each stage below in your configuration by hand.`, "");
  } else {
    out.push(
      "## How to apply",
      "",
      "`main.tf` declares the cluster and its instances as your configuration does, under the same addresses, with the attributes the stages change read from variables (`variables.tf`). " +
        "When these resources are in your Terraform configuration already (they are when haspec read a plan), make your own blocks read the same variables and copy `variables.tf` beside them:",
      "",
      "| resource | attribute | variable |",
      "| --- | --- | --- |",
      ...root.variables.map((v) => `| ${code(addressOf(v.block))} | ${code(v.attribute)} | ${code(`var.${v.name}`)} |`),
      "",
      "Then apply one stage at a time with its variable file. Every stage's plan must show in-place updates only (and, in stage 1, the reader it adds, if any): stop if it plans a replacement or a destroy.",
      "",
    );
  }
  procedure.stages.forEach((stage, i) => {
    out.push(`## Stage ${i + 1}: ${cell(stage.name)}`, "", `${cell(stage.what, 2000)}`, "");
    const file = shellWord(`stages/${stage.name}.tfvars`);
    if ("why" in root) {
      for (const s of stage.set) out.push(`- ${code(`${s.instance ?? fix.resource.id}.${s.attribute}`)} = ${code(JSON.stringify(s.to))}`);
      if (stage.set.length > 0) out.push("");
      out.push(...commandBlock(stage.commands));
    } else if (stage.set.length > 0) {
      out.push("```sh", `terraform plan -var-file=${file}`, `terraform apply -var-file=${file}`, "```", "", ...commandBlock(stage.commands));
    } else {
      // Nothing to apply: the commands, then a plan that must find nothing to change.
      out.push(...commandBlock(stage.commands), "```sh", `# must report no changes (exit code 0)`, `terraform plan -detailed-exitcode -var-file=${file}`, "```", "");
    }
  });
  out.push("## Promotion tiers: where the writer role goes next", "", cell(procedure.warning, 4000), "");
  return out.join("\n");
}

/** The files of one procedure, relative to the fix directory. */
export function renderStagedProcedure(fix: StagedFix, header: readonly string[]): Record<string, string> {
  const root = stagedRoot(fix);
  const files: Record<string, string> = {};
  if (!("why" in root)) {
    files[`${fix.dir}/main.tf`] = renderHcl(root.blocks, [...header, `Staged procedure: ${fix.procedure.title}. Apply it stage by stage (README.md).`]);
    files[`${fix.dir}/variables.tf`] = variablesTf(root.variables);
    fix.procedure.stages.forEach((stage, i) => {
      files[`${fix.dir}/stages/${stage.name}.tfvars`] = tfvars(root.variables, i, stage.what);
    });
  }
  files[`${fix.dir}/README.md`] = readme(fix, root);
  return files;
}
