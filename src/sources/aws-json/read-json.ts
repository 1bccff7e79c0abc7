// Reads and parses one JSON file; invalid JSON is a UserError pointing at file:line:column.
import { readFileSync } from "node:fs";
import { UserError, formatPosition } from "../../errors.js";
import { jsonErrorOffset, lineColumn } from "./json-position.js";
import type { InputFile } from "./files.js";

const POSITION = /at position (\d+)/;

function invalidJson(file: InputFile, text: string, cause: unknown): UserError {
  const parserMessage = cause instanceof Error ? cause.message : String(cause);
  const fromMessage = POSITION.exec(parserMessage);
  const offset = jsonErrorOffset(text) ?? (fromMessage ? Number(fromMessage[1]) : 0);
  const { line, column } = lineColumn(text, offset);
  const found = offset >= text.length ? "the file ends too early" : `unexpected ${JSON.stringify(text[offset])}`;
  const message = `not valid JSON: ${found}`;
  // `terraform plan` prints text; haspec reads the JSON of the saved plan.
  const hint = /^\s*(Terraform used the selected providers|Terraform will perform|OpenTofu used the selected providers|OpenTofu will perform|No changes\.)/.test(text)
    ? "this is the text terraform plan prints: save the plan (terraform plan -out plan.out) and pass terraform show -json plan.out > plan.json"
    : "save the output of the aws command unchanged, with --output json";
  const where = { file: file.display, line, column };
  return new UserError(`${formatPosition(where)}: ${message} (${hint})`, [{ ...where, message, hint }], { cause });
}

/**
 * The parsed content of `file`; a leading byte-order mark is ignored. Read synchronously: one
 * read of the whole file is markedly faster than the async reader's chunks for 100+ MB outputs.
 */
export async function readJsonFile(file: InputFile): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file.path, "utf8");
  } catch (e) {
    const message = `cannot be read (${e instanceof Error ? e.message : String(e)})`;
    throw new UserError(`${file.display}: ${message}`, [{ file: file.display, message }], { cause: e });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw invalidJson(file, text, e);
  }
}
