// Reads the JSON files of Terraform inputs (plan, state): invalid JSON and wrong documents are UserErrors with file:line:column.
import { UserError, formatPosition } from "../../errors.js";
import { listInputFiles } from "../input-files.js";
import { readJsonFile, type JsonFile } from "../json-file.js";

/** A plan or state file: its text (for positions in error messages) and its parsed document. */
export type TerraformJsonFile = JsonFile;

/** A UserError about one file's content, at `line:column` (1:1 when not given). */
export function documentError(display: string, message: string, hint: string, at: { line: number; column: number } = { line: 1, column: 1 }): UserError {
  const where = { file: display, ...at };
  return new UserError(`${formatPosition(where)}: ${message} (${hint})`, [{ ...where, message, hint }]);
}

/** Reads and parses every input file (a directory's own `*.json` files); `hint` says what to pass instead. */
export async function readTerraformJson(inputs: readonly string[], cwd: string, hint: string): Promise<TerraformJsonFile[]> {
  const files = await listInputFiles(inputs, cwd, { hint, recursive: false });
  return files.map((f) => readJsonFile(f.path, f.display, hint));
}
