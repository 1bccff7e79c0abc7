// sha256 of the inputs a run read, so a report says exactly which data its verdicts came from.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";

/** Folders that are tool state, not input (Terraform's provider cache, VCS data, packages). */
const SKIPPED_DIRS = new Set([".terraform", ".git", "node_modules"]);

function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...filesUnder(path));
    } else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * Bytes of single-file inputs the digest is reading or has read, kept for the source that parses
 * them so a large plan or state is read from disk once. Each is handed out once, then forgotten;
 * undefined bytes mean the read failed (the source reads again and reports why).
 */
const readOnce = new Map<string, Promise<Buffer | undefined>>();

/** The bytes of `path` if the digest reads them (and forgets them); otherwise undefined. */
export function takeDigestedBytes(path: string): Promise<Buffer | undefined> | undefined {
  const bytes = readOnce.get(path);
  readOnce.delete(path);
  return bytes;
}

/** Drops whatever no source took (inputs that turned out to be another kind, a run that stopped). */
export function forgetDigestedBytes(): void {
  readOnce.clear();
}

/**
 * The digest of one input: of its bytes for a file; for a directory, of the sorted lines
 * `relative/path<TAB>sha256-of-file`, so renaming, adding or changing any file changes it.
 * Undefined when the input cannot be read (the source has already said why).
 */
export function digestInput(input: string, cwd: string): string | undefined {
  const path = resolve(cwd, input);
  try {
    if (!statSync(path).isDirectory()) return sha256(readFileSync(path));
    const lines = filesUnder(path)
      .map((file) => `${relative(path, file).split(sep).join("/")}\t${sha256(readFileSync(file))}`)
      .sort();
    return sha256(`${lines.join("\n")}\n`);
  } catch {
    return undefined;
  }
}

/** Bytes under the inputs, from stat alone (cheap next to reading them). */
function totalSize(inputs: readonly string[], cwd: string): number {
  let total = 0;
  for (const input of inputs) {
    try {
      const path = resolve(cwd, input);
      const files = statSync(path).isDirectory() ? filesUnder(path) : [path];
      for (const f of files) total += statSync(f).size;
    } catch {
      // Unreadable inputs are the source's to report.
    }
  }
  return total;
}

/** Below this, hashing on the main thread is quicker than starting a worker. */
const WORKER_THRESHOLD_BYTES = 64 << 20;

/** From this size, a single file is read into shared memory and hashed by a worker thread (see digestFileOffThread). */
const SHARED_READ_BYTES = 4 << 20;

/**
 * A single file read on libuv's thread pool (its bytes kept for the source, see takeDigestedBytes)
 * and hashed off the main thread: the main thread loads the policy while the file is read, and
 * parses it while it is hashed. A large file is read into a SharedArrayBuffer that a worker
 * hashes in place (WebCrypto would first copy it on the main thread: ~15 ms for 20 MB); a small
 * one is hashed by WebCrypto. Undefined for a directory; a promise of undefined for an
 * unreadable file.
 */
function digestFileOffThread(input: string, cwd: string): Promise<string | undefined> | undefined {
  const path = resolve(cwd, input);
  let size: number;
  try {
    const s = statSync(path);
    if (s.isDirectory()) return undefined;
    size = s.size;
  } catch {
    return Promise.resolve(undefined);
  }
  if (size >= SHARED_READ_BYTES) {
    const shared = readShared(path, size).catch(() => undefined);
    readOnce.set(path, shared.then((r) => r?.bytes));
    return shared.then((r) => (r === undefined ? undefined : hashOnWorker(r.memory, r.bytes.length)));
  }
  const bytes = readFile(path).catch(() => undefined);
  readOnce.set(path, bytes);
  return bytes.then(async (b) => {
    if (b === undefined) return undefined;
    const hash = await globalThis.crypto.subtle.digest("SHA-256", b as Uint8Array<ArrayBuffer>).catch(() => undefined);
    return hash === undefined ? undefined : Buffer.from(hash).toString("hex");
  });
}

/** The file's bytes in shared memory, read with as few calls as the kernel allows (a file that shrank meanwhile gives what is left). */
async function readShared(path: string, size: number): Promise<{ memory: SharedArrayBuffer; bytes: Buffer }> {
  const memory = new SharedArrayBuffer(size);
  const view = Buffer.from(memory);
  const file = await open(path, "r");
  try {
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await file.read(view, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { memory, bytes: filled === size ? view : view.subarray(0, filled) };
  } finally {
    await file.close();
  }
}

/**
 * What digest-worker.ts answers for `job`, or `failed` if the worker fails: a failed worker costs
 * the evidence, not the run (the sources are reported without digests).
 */
async function askDigestWorker<T>(job: DigestJob, failed: T): Promise<T> {
  const { Worker } = await import("node:worker_threads");
  return new Promise((resolvePromise) => {
    const worker = new Worker(new URL("./digest-worker.js", import.meta.url), { workerData: job });
    worker.unref(); // never keeps the process alive, e.g. after a bad policy stopped the run
    worker.once("message", (answer: T) => {
      resolvePromise(answer);
      void worker.terminate();
    });
    worker.once("error", () => resolvePromise(failed));
    worker.once("exit", () => resolvePromise(failed)); // no-op after a message; settles a worker that died without one
  });
}

/** A digest worker's task: shared memory to hash (a large file), or inputs to digest whole (directories). */
export type DigestJob = { memory: SharedArrayBuffer; length: number } | { inputs: readonly string[]; cwd: string };

/** sha256 of the first `length` bytes of `memory`, computed by a worker thread; undefined if the worker fails. */
function hashOnWorker(memory: SharedArrayBuffer, length: number): Promise<string | undefined> {
  return askDigestWorker<string | undefined>({ memory, length }, undefined);
}

/** sha256 of shared memory the main thread has filled (digest-worker.ts). */
export function digestSharedBytes(memory: SharedArrayBuffer, length: number): string {
  return sha256(new Uint8Array(memory, 0, length));
}

/**
 * Digests of the inputs, by input as given. Single files are read once and hashed off the main
 * thread; directories are hashed on a worker thread when large (the hashing overlaps reading and
 * judging them), right away when small.
 */
export async function digestInputsInBackground(inputs: readonly string[], cwd: string): Promise<Map<string, string | undefined>> {
  const files = inputs.map((input) => digestFileOffThread(input, cwd));
  const dirs = inputs.filter((_, i) => files[i] === undefined);
  const dirDigests =
    dirs.length === 0
      ? new Map<string, string | undefined>()
      : totalSize(dirs, cwd) < WORKER_THRESHOLD_BYTES
        ? new Map(dirs.map((dir) => [dir, digestInput(dir, cwd)]))
        : await digestOnWorker(dirs, cwd);
  return new Map(await Promise.all(inputs.map(async (input, i) => [input, files[i] === undefined ? dirDigests.get(input) : await files[i]] as const)));
}

/** Digests of `inputs` computed by a worker thread; an empty map if the worker fails. */
async function digestOnWorker(inputs: readonly string[], cwd: string): Promise<Map<string, string | undefined>> {
  return new Map(await askDigestWorker<[string, string | undefined][]>({ inputs, cwd }, []));
}
