// Reads the JSON files of Terraform inputs (plan, state): invalid JSON and wrong documents are UserErrors with file:line:column.
import { readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { UserError, formatPosition } from "../../errors.js";
import { jsonErrorOffset, lineColumn } from "../aws-json/json-position.js";

export interface TerraformJsonFile {
  /** The path as the user gave it (joined with the file name for a directory input). */
  readonly display: string;
  /** The file's text (without a byte order mark), for positions in error messages; may be decoded only when first read. */
  readonly text: string;
  readonly doc: unknown;
  /** Top-level keys left out of `doc` because the source never reads them (see ReadJsonOptions.parseSkipping). */
  readonly unread?: readonly string[];
}

export interface ReadJsonOptions {
  /**
   * A cheaper parse of the file's UTF-8 bytes that leaves out the top-level `keys`, or gives
   * undefined when it cannot vouch for its result; the whole text is then parsed as usual.
   */
  readonly parseSkipping?: { readonly keys: readonly string[]; readonly parse: (bytes: Buffer) => unknown };
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A file parsed without some keys: its text is decoded only if an error message needs a position. */
function leanFile(display: string, bytes: Buffer, doc: unknown, unread: readonly string[]): TerraformJsonFile {
  let text: string | undefined;
  return {
    display,
    get text() {
      return (text ??= bytes.toString("utf8"));
    },
    doc,
    unread,
  };
}

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
export async function readTerraformJson(inputs: readonly string[], cwd: string, hint: string, options: ReadJsonOptions = {}): Promise<TerraformJsonFile[]> {
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
    const skipping = options.parseSkipping;
    const lean = skipping?.parse(bytes);
    if (skipping !== undefined && lean !== undefined) {
      out.push(leanFile(f.display, bytes, lean, skipping.keys));
      continue;
    }
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
