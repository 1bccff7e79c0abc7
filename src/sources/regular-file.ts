// Reads a file only when it is a regular file no larger than a cap: a FIFO or device never ends (or never opens), and a huge file exhausts memory.
import { constants, fstatSync, openSync, closeSync, readSync, statSync, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import { UserError } from "../errors.js";

/** How much of one kind of file haspec reads, and what to do with a larger one. */
export interface FileCap {
  /** The largest file accepted, in bytes. */
  readonly maxBytes: number;
  /** What the file is, for messages: "a policy file", "an input JSON file". */
  readonly what: string;
  /** What to do instead with a file over the cap. */
  readonly tooLargeHint: string;
}

/**
 * Policy files: 1 MiB is hundreds of times a real policy; YAML parsing grows far faster than the
 * file (a 33 MB policy took 80 s and 3.4 GB, 200 MB crashed V8).
 */
export const POLICY_CAP: FileCap = {
  maxBytes: 1 << 20,
  what: "a policy file",
  tooLargeHint: "split it into several policies and pass each with --policy (it may be repeated)",
};

/**
 * JSON inputs, per file: under V8's longest string (just under 512 MiB), which a file must fit in
 * to be parsed, and 3× the largest file of a 10,000-cluster fleet (158 MB of describe-db-instances).
 */
export const JSON_INPUT_CAP: FileCap = {
  maxBytes: 500 * (1 << 20),
  what: "a JSON input file",
  tooLargeHint:
    "split it: save AWS CLI output per region (--region R) or in pages (--max-items N, then --starting-token) as several files in one directory; " +
    "check a Terraform plan or state one root module or workspace at a time",
};

/** Terraform configuration files (.tf, .tf.json): far beyond any hand-written or generated module. */
export const TERRAFORM_FILE_CAP: FileCap = {
  maxBytes: 64 * (1 << 20),
  what: "a Terraform configuration file",
  tooLargeHint: "split the configuration into several files or modules",
};

/** The type tests a Stats and a directory entry both have. */
export type FileTypeTests = Pick<Stats, "isFile" | "isDirectory" | "isFIFO" | "isCharacterDevice" | "isBlockDevice" | "isSocket">;

/** "a FIFO (named pipe)", "a directory", …: what a file that is not a regular file is. */
export function fileTypeOf(s: FileTypeTests): string {
  if (s.isFile()) return "a regular file";
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}

/** `1.5 MiB`, `600.0 MiB`, `512 bytes`. */
export function formatBytes(n: number): string {
  if (n < 1 << 10) return `${n} bytes`;
  if (n < 1 << 20) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${(n / (1 << 20)).toFixed(1)} MiB`;
}

/** The error for a file that is not a regular file (a FIFO, device or socket), with what to do. */
export function notRegularError(display: string, type: string, cap: Pick<FileCap, "what">): UserError {
  const message = `is ${type}, not a regular file: haspec reads ${cap.what} only from a regular file`;
  const hint = type === "a directory" ? "pass the file itself" : "save the content to a file first and pass that file";
  return new UserError(`${display} ${message} (${hint})`, [{ file: display, message, hint }]);
}

/** The error for a file over its cap, with what to do instead. */
export function tooLargeError(display: string, size: number | undefined, cap: FileCap): UserError {
  const message = `${size === undefined ? "is larger than" : `is ${formatBytes(size)}; haspec reads ${cap.what} of at most`} ${formatBytes(cap.maxBytes)}`;
  return new UserError(`${display} ${message}: ${cap.tooLargeHint}`, [{ file: display, message, hint: cap.tooLargeHint }]);
}

/** O_NONBLOCK: opening a FIFO for reading must not wait for a writer (0 where the platform has none). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Why `s` cannot be read under `cap` (a UserError), or undefined when it can. */
function refusal(display: string, s: Stats, cap: FileCap): UserError | undefined {
  if (!s.isFile()) return notRegularError(display, fileTypeOf(s), cap);
  if (s.size > cap.maxBytes) return tooLargeError(display, s.size, cap);
  return undefined;
}

/**
 * The bytes of the regular file at `path`, at most `cap.maxBytes` of them. Throws a UserError
 * naming `display` for a FIFO, device, socket or directory and for a file over the cap (also one
 * that grows past it while being read); the file system's own error (ENOENT, EACCES, …) for a
 * file that cannot be opened or read, for the caller to word.
 */
export function readRegularFileSync(path: string, display: string, cap: FileCap): Buffer {
  // stat first: it names a socket (which cannot be opened) and never blocks.
  const refused = refusal(display, statSync(path), cap);
  if (refused) throw refused;
  const fd = openSync(path, OPEN_FLAGS);
  try {
    // The file opened may not be the one stat'ed (replaced in between).
    const s = fstatSync(fd);
    const opened = refusal(display, s, cap);
    if (opened) throw opened;
    return readUpTo(display, cap, s.size, (buffer, offset, length) => readSync(fd, buffer, offset, length, null));
  } finally {
    closeSync(fd);
  }
}

/** The asynchronous readRegularFileSync. */
export async function readRegularFile(path: string, display: string, cap: FileCap): Promise<Buffer> {
  const refused = refusal(display, await stat(path), cap);
  if (refused) throw refused;
  const handle = await open(path, OPEN_FLAGS);
  try {
    const s = await handle.stat();
    const opened = refusal(display, s, cap);
    if (opened) throw opened;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // The rest of the size fstat gave (at least 64 KiB, for a file that grows), never past the cap by more than a byte.
      const want = Math.min(Math.max(s.size - total, 1 << 16), cap.maxBytes + 1 - total);
      const chunk = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(chunk, 0, want, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      chunks.push(chunk.subarray(0, bytesRead));
      if (total > cap.maxBytes) throw tooLargeError(display, undefined, cap);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

/** Reads until end of file into one buffer sized from `size`, refusing to pass `cap.maxBytes`. */
function readUpTo(display: string, cap: FileCap, size: number, read: (buffer: Buffer, offset: number, length: number) => number): Buffer {
  // One byte more than the size fstat gave: a file that grows while read is noticed.
  let buffer = Buffer.allocUnsafe(Math.min(size, cap.maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (total > cap.maxBytes) throw tooLargeError(display, undefined, cap);
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, cap.maxBytes + 1));
      buffer.copy(bigger, 0, 0, total);
      buffer = bigger;
    }
    const n = read(buffer, total, buffer.length - total);
    if (n === 0) break;
    total += n;
  }
  return buffer.subarray(0, total);
}

/**
 * What `path` is when it is neither a regular file nor a directory ("a FIFO (named pipe)", …), or
 * undefined (also when it cannot be stat'ed: the reader reports that). Never blocks.
 */
export async function specialFileType(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined);
  return s === undefined || s.isFile() || s.isDirectory() ? undefined : fileTypeOf(s);
}
