// Reads and parses one JSON input file for every reader: a byte order mark is ignored; unreadable files and invalid JSON are UserErrors at file:line:column.
import { UserError, formatPosition } from "../errors.js";
import { jsonErrorOffset, lineColumn } from "./json-position.js";
import { JSON_INPUT_CAP, readRegularFileSync, type FileCap } from "./regular-file.js";

/** A parsed JSON file with its text, for positions in later error messages. */
export interface JsonFile {
  /** The path as the user would write it. */
  readonly display: string;
  /** The file's text, without a byte order mark. */
  readonly text: string;
  readonly doc: unknown;
}

/** What to pass instead, given the text that failed (a reader may recognise what the user gave). */
export type JsonHint = string | ((text: string) => string);

const POSITION = /at position (\d+)/;

/** A UserError for `text` that is not JSON, at the first bad character. */
export function invalidJsonError(display: string, text: string, cause: unknown, hint: JsonHint): UserError {
  const parserMessage = cause instanceof Error ? cause.message : String(cause);
  const fromMessage = POSITION.exec(parserMessage);
  const offset = jsonErrorOffset(text) ?? (fromMessage ? Number(fromMessage[1]) : 0);
  const found = offset >= text.length ? "the file ends too early" : `unexpected ${JSON.stringify(text[offset])}`;
  const message = `not valid JSON: ${found}`;
  const shownHint = typeof hint === "string" ? hint : hint(text);
  const where = { file: display, ...lineColumn(text, offset) };
  return new UserError(`${formatPosition(where)}: ${message} (${shownHint})`, [{ ...where, message, hint: shownHint }], { cause });
}

/** Parses a file's text (a leading byte order mark is ignored), or throws invalidJsonError. */
export function parseJsonText(text: string, display: string, hint: JsonHint): JsonFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { display, text: body, doc: JSON.parse(body) as unknown };
  } catch (cause) {
    throw invalidJsonError(display, body, cause, hint);
  }
}

/**
 * The text of the regular file at `path`, or a UserError naming `display`: also for a FIFO, device
 * or socket (which would block or never end) and for a file over `cap` (JSON_INPUT_CAP by default).
 */
export function readInputText(path: string, display: string, hint?: string, cap: FileCap = JSON_INPUT_CAP): string {
  try {
    // One synchronous read of the whole file: markedly faster than the async reader's chunks for 100+ MB inputs.
    return readRegularFileSync(path, display, cap).toString("utf8");
  } catch (cause) {
    if (cause instanceof UserError) throw cause;
    const message = `cannot be read (${cause instanceof Error ? cause.message : String(cause)})`;
    throw new UserError(`${display}: ${message}`, [{ file: display, message, ...(hint === undefined ? {} : { hint }) }], { cause });
  }
}

/** Reads and parses the JSON file at `path`; `hint` says what to pass instead when it is not JSON. */
export function readJsonFile(path: string, display: string, hint: JsonHint, cap: FileCap = JSON_INPUT_CAP): JsonFile {
  return parseJsonText(readInputText(path, display, typeof hint === "string" ? hint : undefined, cap), display, hint);
}
