// Reads the JSON files of Terraform inputs (plan, state): invalid JSON and wrong documents are UserErrors with file:line:column.
import { readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { UserError, formatPosition } from "../../errors.js";
import { jsonErrorOffset, lineColumn } from "../aws-json/json-position.js";

export interface TerraformJsonFile {
  /** The path as the user gave it (joined with the file name for a directory input). */
  readonly display: string;
  /** The file's text (without a byte order mark), for positions in error messages. */
  readonly text: string;
  readonly doc: unknown;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

/** The files behind the inputs: a file as named, a directory's `*.json` files in code-unit order. */
async function filesOf(inputs: readonly string[], cwd: string, hint: string): Promise<{ abs: string; display: string }[]> {
  const out: { abs: string; display: string }[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let s;
    try {
      s = await stat(abs);
    } catch (e) {
      const code = errorCode(e);
      const message = code === "ENOENT" || code === "ENOTDIR" ? "no such file or directory" : `cannot be read (${code ?? String(e)})`;
      throw new UserError(`${input}: ${message}`, [{ file: input, message, hint }], { cause: e });
    }
    if (s.isDirectory()) {
      const names = (await readdir(abs)).filter((n) => n.toLowerCase().endsWith(".json")).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const n of names) out.push({ abs: path.join(abs, n), display: path.join(input, n) });
    } else out.push({ abs, display: input });
  }
  return out;
}

/** The 1-based position of the first occurrence of `"key"` in the text, for pointing at a wrong value. */
export function positionOfKey(text: string, key: string): { line: number; column: number } {
  const offset = text.indexOf(`"${key}"`);
  return lineColumn(text, offset < 0 ? 0 : offset);
}

/** A UserError about one file's content, at `line:column` (1:1 when not given). */
export function documentError(display: string, message: string, hint: string, at: { line: number; column: number } = { line: 1, column: 1 }): UserError {
  const where = { file: display, ...at };
  return new UserError(`${formatPosition(where)}: ${message} (${hint})`, [{ ...where, message, hint }]);
}

/** Reads and parses every input file; `hint` says what to pass instead. */
export async function readTerraformJson(inputs: readonly string[], cwd: string, hint: string): Promise<TerraformJsonFile[]> {
  const files = await filesOf(inputs, cwd, hint);
  const out: TerraformJsonFile[] = [];
  for (const f of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(f.abs);
    } catch (e) {
      const message = `cannot be read (${e instanceof Error ? e.message : String(e)})`;
      throw new UserError(`${f.display}: ${message}`, [{ file: f.display, message, hint }], { cause: e });
    }
    if (bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
    const text = bytes.toString("utf8");
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const offset = jsonErrorOffset(text) ?? 0;
      const found = offset >= text.length ? "the file ends too early" : `unexpected ${JSON.stringify(text[offset])}`;
      const where = { file: f.display, ...lineColumn(text, offset) };
      const message = `not valid JSON: ${found}`;
      throw new UserError(`${formatPosition(where)}: ${message} (${hint})`, [{ ...where, message, hint }], { cause: e });
    }
    out.push({ display: f.display, text, doc });
  }
  return out;
}
