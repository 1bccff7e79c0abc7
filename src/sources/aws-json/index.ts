// Reads AWS CLI JSON (files or directories, raw or placebo-wrapped) into an Inventory.
import path from "node:path";
import { UserError } from "../../errors.js";
import type { Inventory } from "../../model/inventory.js";
import type { SourceLocation } from "../../model/resource.js";
import { classify, TOP_LEVEL_KEYS } from "./classify.js";
import { listInputFiles } from "./files.js";
import { InventoryBuilder } from "./inventory-builder.js";
import { readJsonFile } from "./read-json.js";

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
 * invalid JSON and missing paths.
 */
export async function readAwsJson(inputs: readonly string[], options: ReadAwsJsonOptions = {}): Promise<Inventory> {
  const cwd = options.cwd ?? process.cwd();
  const emptyDirs: string[] = [];
  const files = await listInputFiles(inputs, cwd, emptyDirs);
  const builder = new InventoryBuilder();
  for (const dir of emptyDirs) builder.note(`${dir} holds no .json files`);
  for (const file of files) {
    const classified = classify(await readJsonFile(file), file.display, path.basename(file.path));
    if (!classified.ok) {
      if (file.explicit) {
        const message = `is not AWS CLI output: expected one of the top-level keys ${TOP_LEVEL_KEYS.join(", ")}; ${classified.reason}`;
        const hint = "pass the JSON printed by aws rds describe-db-clusters, describe-db-instances, … with --output json";
        throw new UserError(`${file.display} ${message}`, [{ file: file.display, message, hint }]);
      }
      builder.note(`skipped ${file.display}: not AWS CLI output haspec reads (expected one of the top-level keys ${TOP_LEVEL_KEYS.join(", ")}; ${classified.reason})`);
      continue;
    }
    for (const note of classified.notes) builder.note(note);
    const location: SourceLocation = { source: "aws-json", file: file.display };
    for (const section of classified.sections) builder.add(section, location);
  }
  return builder.build(inputs);
}
