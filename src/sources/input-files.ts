// The JSON files behind the inputs of every JSON reader: files as named, directories' *.json files in code-unit order.
import type { Dirent, Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.js";
import { fileTypeOf, notRegularError } from "./regular-file.js";

export interface InputFile {
  /** Absolute path, for reading. */
  readonly path: string;
  /** The path as the user would write it: the input as given, or the input joined with the file's place in it. */
  readonly display: string;
  /** Named on the command line (not found in a directory): stricter about what it must hold. */
  readonly explicit: boolean;
}

function isJsonName(name: string): boolean {
  return name.toLowerCase().endsWith(".json");
}

/** Code-unit order, the same on every machine and locale. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function errorCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

function unreadable(display: string, e: unknown, hint: string): UserError {
  const code = errorCode(e);
  const message = code === "ENOENT" || code === "ENOTDIR" ? "no such file or directory" : `cannot be read (${code ?? String(e)})`;
  return new UserError(`${display}: ${message}`, [{ file: display, message, hint }], { cause: e });
}

export interface ListInputOptions {
  /** What to pass instead, in the error for an input that cannot be read. */
  readonly hint: string;
  /** Walk subdirectories too (following symlinked directories once), or read a directory's own files only. */
  readonly recursive: boolean;
  /** Collects the directory inputs (as given) that hold no JSON file. */
  readonly emptyDirs?: string[];
  /**
   * Collects the `*.json` entries of directories that are not regular files (a FIFO, device or
   * socket, or a link to one), as `{ display, type }`: they are never read (one would block or never end).
   */
  readonly special?: { readonly display: string; readonly type: string }[];
}

/** All `*.json` files in `dir` (and below it when `recursive`) as paths relative to it, sorted. */
async function walk(dir: string, display: string, seen: Set<string>, options: ListInputOptions): Promise<string[]> {
  const out: string[] = [];
  const pending: string[] = [""];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    const abs = path.join(dir, rel);
    let real: string;
    let entries;
    try {
      real = await realpath(abs);
      if (seen.has(real)) continue;
      seen.add(real);
      entries = await readdir(abs, { withFileTypes: true });
    } catch (e) {
      throw unreadable(path.join(display, rel), e, options.hint);
    }
    for (const entry of entries) {
      const childRel = rel === "" ? entry.name : path.join(rel, entry.name);
      let kind: Dirent | Stats = entry;
      if (entry.isSymbolicLink()) {
        try {
          kind = await stat(path.join(dir, childRel));
        } catch {
          continue; // a dangling link inside a directory is not the user's input
        }
      }
      if (kind.isDirectory()) {
        if (options.recursive) pending.push(childRel);
      } else if (isJsonName(entry.name)) {
        if (kind.isFile()) out.push(childRel);
        else options.special?.push({ display: path.join(display, childRel), type: fileTypeOf(kind) });
      }
    }
  }
  return out.sort(byCodeUnit);
}

/**
 * Expands inputs to the files to read: each input in the order given, a directory's `*.json` files
 * in code-unit order of their relative paths. A file reached twice is read once.
 */
export async function listInputFiles(inputs: readonly string[], cwd: string, options: ListInputOptions): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let s;
    try {
      s = await stat(abs);
    } catch (e) {
      throw unreadable(input, e, options.hint);
    }
    if (s.isDirectory()) {
      const found = await walk(abs, input, seenDirs, options);
      if (found.length === 0) options.emptyDirs?.push(input);
      for (const rel of found) {
        const file = path.join(abs, rel);
        if (seenFiles.has(file)) continue;
        seenFiles.add(file);
        files.push({ path: file, display: path.join(input, rel), explicit: false });
      }
    } else if (!s.isFile()) {
      // A FIFO, device or socket named as an input would block or never end.
      throw notRegularError(input, fileTypeOf(s), { what: "an input" });
    } else if (!seenFiles.has(abs)) {
      seenFiles.add(abs);
      files.push({ path: abs, display: input, explicit: true });
    }
  }
  return files;
}
