// Reads AWS CLI JSON (files or directories, raw or placebo-wrapped) into an Inventory.
import path from "node:path";
import { UserError, formatPosition } from "../../errors.js";
import type { Inventory } from "../../model/inventory.js";
import type { SourceLocation } from "../../model/resource.js";
import { classify, TOP_LEVEL_KEYS, type SectionKind } from "./classify.js";
import { COMPUTE_PRODUCED_BY } from "./compute.js";
import { listInputFiles } from "../input-files.js";
import { readJsonFile } from "../json-file.js";
import { lineColumn } from "../json-position.js";
import { InventoryBuilder } from "./inventory-builder.js";

export interface ReadAwsJsonOptions {
  /** Directory relative inputs are resolved against; defaults to the process working directory. */
  readonly cwd?: string;
}

/**
 * Reads the outputs of `aws rds describe-*` and `aws route53 list-resource-record-sets`, each input a
 * file or a directory (its `*.json` files, recursively, in sorted order). Files are classified by
 * top-level key; several files of a kind are merged and duplicates (same ARN or identifier) kept once.
 *
 * Resources come out sorted by account, region and identifier (see `compareResources`). A file in a
 * directory that is not AWS output is skipped with a note; named explicitly it is a UserError, as are
 * invalid JSON, missing paths, a Terraform plan or state or a snapshot anywhere among the inputs,
 * and inputs where nothing at all is AWS output.
 */
export async function readAwsJson(inputs: readonly string[], options: ReadAwsJsonOptions = {}): Promise<Inventory> {
  const cwd = options.cwd ?? process.cwd();
  const emptyDirs: string[] = [];
  const special: { display: string; type: string }[] = [];
  const files = await listInputFiles(inputs, cwd, { hint: "pass files or directories that hold AWS CLI JSON output", recursive: true, emptyDirs, special });
  const builder = new InventoryBuilder();
  for (const dir of emptyDirs) builder.note(`${dir} holds no .json files`);
  for (const s of special) builder.note(`skipped ${s.display}: it is ${s.type}, not a regular file (haspec reads saved output only)`);
  const skipped: string[] = [];
  for (const file of files) {
    const { doc, text } = readJsonFile(file.path, file.display, notJsonHint);
    const other = otherInputKind(doc);
    if (other !== undefined) {
      // Skipped with a note, it would leave its resources unjudged and the run green.
      const message = `is ${other.what}, not AWS CLI output`;
      const hint = `check it on its own (haspec check ${file.display}, or --source ${other.source}), apart from the AWS CLI JSON`;
      throw new UserError(`${file.display} ${message}: ${hint}`, [{ file: file.display, message, hint }]);
    }
    const classified = classify(doc, file.display, path.basename(file.path));
    if (!classified.ok && classified.malformed !== undefined) {
      // Skipped with a note, a directory whose describe-db-clusters.json says `"DBClusters": null` would judge nothing and pass.
      const where = { file: file.display, ...lineColumn(text, Math.max(0, text.indexOf(`"${classified.malformed}"`))) };
      const message = `${classified.reason}: expected the list ${PRODUCED_BY[classified.malformed]} prints (an empty list [] when there is nothing)`;
      const hint = "save the output of the aws command unchanged, with --output json";
      throw new UserError(`${formatPosition(where)}: ${message}`, [{ ...where, message, hint }]);
    }
    if (!classified.ok) {
      if (file.explicit) {
        // Named on its own, the file was taken for AWS CLI JSON only because it is no other input haspec knows.
        const message =
          `is not AWS CLI output (expected one of the top-level keys ${TOP_LEVEL_KEYS.join(", ")}; ${classified.reason}), ` +
          "nor a Terraform plan or state, cdk.tf.json or a haspec snapshot";
        const hint = "pass the JSON printed by aws rds describe-db-clusters, describe-db-instances, … with --output json, or terraform show -json";
        const where = { file: file.display, line: 1, column: 1 };
        throw new UserError(`${formatPosition(where)}: ${message}`, [{ ...where, message, hint }]);
      }
      builder.note(`skipped ${file.display}: not AWS CLI output haspec reads (expected one of the top-level keys ${TOP_LEVEL_KEYS.join(", ")}; ${classified.reason})`);
      skipped.push(file.display);
      continue;
    }
    for (const note of classified.notes) builder.note(note);
    const location: SourceLocation = { source: "aws-json", file: file.display };
    for (const section of classified.sections) {
      const unreadable = builder.add(section, location);
      if (unreadable !== undefined && unreadable.count === section.items.length && section.items.length > 0) {
        // Every entry skipped: the file yields nothing, and a run over it alone would pass.
        const where = { file: file.display, ...lineColumn(text, Math.max(0, text.indexOf(`"${section.kind}"`))) };
        const message = `none of the ${section.items.length} entries of ${section.kind} can be read (${unreadable.first})`;
        const hint = `save the output of ${PRODUCED_BY[section.kind]} unchanged, with --output json`;
        throw new UserError(`${formatPosition(where)}: ${message}`, [{ ...where, message, hint }]);
      }
    }
  }
  if (files.length === skipped.length) {
    // Nothing read at all: judging nothing would pass.
    const what = files.length === 0 ? `no .json files in ${inputs.join(", ")}` : `none of the ${files.length} JSON files is AWS CLI output (${skipped.slice(0, 3).join(", ")}${skipped.length > 3 ? ", …" : ""})`;
    const hint = "save the output of aws rds describe-db-clusters, describe-db-instances, … (see the README) and pass those files or their directory";
    throw new UserError(`no AWS CLI output among the inputs: ${what}`, [{ file: inputs[0] ?? ".", message: what, hint }]);
  }
  return builder.build(inputs);
}

/** The command whose output holds each top-level key. */
const PRODUCED_BY: Record<SectionKind, string> = {
  DBClusters: "aws rds describe-db-clusters",
  DBInstances: "aws rds describe-db-instances",
  Parameters: "aws rds describe-db-cluster-parameters",
  EventSubscriptionsList: "aws rds describe-event-subscriptions",
  DBProxies: "aws rds describe-db-proxies",
  Targets: "aws rds describe-db-proxy-targets",
  GlobalClusters: "aws rds describe-global-clusters",
  HostedZones: "aws route53 list-hosted-zones",
  ResourceRecordSets: "aws route53 list-resource-record-sets",
  ...COMPUTE_PRODUCED_BY,
};

/** What to pass instead of a file that is not JSON: `terraform plan` prints text, haspec reads the JSON of the saved plan. */
function notJsonHint(text: string): string {
  return /^\s*(Terraform used the selected providers|Terraform will perform|OpenTofu used the selected providers|OpenTofu will perform|No changes\.)/.test(text)
    ? "this is the text terraform plan prints: save the plan (terraform plan -out plan.out) and pass terraform show -json plan.out > plan.json"
    : "save the output of the aws command unchanged, with --output json";
}

/** A Terraform plan or state, or a haspec snapshot, given where AWS CLI JSON was expected. */
function otherInputKind(doc: unknown): { what: string; source: string } | undefined {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return undefined;
  const keys = doc as Record<string, unknown>;
  if ("haspecSnapshot" in keys) return { what: "a haspec snapshot", source: "snapshot" };
  if (!("format_version" in keys)) return undefined;
  if ("planned_values" in keys || "resource_changes" in keys || "prior_state" in keys) return { what: "a Terraform plan", source: "plan" };
  if ("values" in keys || "terraform_version" in keys) return { what: "Terraform state", source: "state" };
  return undefined;
}
