// sha256 of the inputs a run read, so a report says exactly which data its verdicts came from.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/** Folders that are tool state, not input (Terraform's provider cache, VCS data, packages). */
const SKIPPED_DIRS = new Set([".terraform", ".git", "node_modules"]);

function sha256(data: Buffer | string): string {
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
 * Bytes of single-file inputs the digest has just read, kept for the source that parses them so a
 * large plan or state is read from disk once. Each is handed out once, then forgotten.
 */
const readOnce = new Map<string, Buffer>();

/** The bytes of `path` if the digest read them (and forgets them); otherwise undefined. */
export function takeDigestedBytes(path: string): Buffer | undefined {
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
export function digestInput(input: string, cwd: string, keepBytes = false): string | undefined {
  const path = resolve(cwd, input);
  try {
    if (!statSync(path).isDirectory()) {
      const bytes = readFileSync(path);
      if (keepBytes) readOnce.set(path, bytes);
      return sha256(bytes);
    }
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

/**
 * Digests of the inputs, by input as given. Large inputs are hashed on a worker thread, so the
 * hashing overlaps reading and judging them on the main thread; small ones right away.
 */
export async function digestInputsInBackground(inputs: readonly string[], cwd: string): Promise<Map<string, string | undefined>> {
  // Small enough to hash here: single files keep their bytes for the source (see takeDigestedBytes).
  if (totalSize(inputs, cwd) < WORKER_THRESHOLD_BYTES) return new Map(inputs.map((input) => [input, digestInput(input, cwd, true)]));
  const { Worker } = await import("node:worker_threads");
  return new Promise((resolvePromise) => {
    const worker = new Worker(new URL("./digest-worker.js", import.meta.url), { workerData: { inputs, cwd } });
    worker.unref(); // never keeps the process alive, e.g. after a bad policy stopped the run
    worker.once("message", (digests: [string, string | undefined][]) => {
      resolvePromise(new Map(digests));
      void worker.terminate();
    });
    // A failed worker costs the evidence, not the run: the sources are reported without digests.
    worker.once("error", () => resolvePromise(new Map()));
  });
}
