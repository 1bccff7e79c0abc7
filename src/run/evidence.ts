// sha256 of the inputs a run read, so a report says exactly which data its verdicts came from.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { Inventory } from "../model/inventory.js";

/** Folders that are tool state, not input (Terraform's provider cache, VCS data, packages). */
const SKIPPED_DIRS = new Set([".terraform", ".git", "node_modules"]);

/** Files hashed at once when digesting a directory: enough to keep the disk busy, few enough open descriptors. */
const FILES_AT_ONCE = 16;

/** Bytes read per chunk: 1 MB chunks hash a 24 MB plan in fewer, cheaper turns of the event loop than the default 64 KB. */
const CHUNK_BYTES = 1 << 20;

/** sha256 of a file's bytes, read as a stream (a large plan is never held whole for hashing). */
async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Every regular file under `dir`, skipping SKIPPED_DIRS (symbolic links are not followed). */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...(await filesUnder(path)));
    } else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** `fn` over `items`, at most `limit` at a time, results in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * The digest of one input: of its bytes for a file; for a directory, of the sorted lines
 * `relative/path<TAB>sha256-of-file`, so renaming, adding or changing any file changes it.
 * Undefined when the input cannot be read (its source says why).
 */
export async function digestInput(input: string, cwd: string): Promise<string | undefined> {
  const path = resolve(cwd, input);
  try {
    const info = await stat(path);
    // Only regular files: a FIFO would block forever and a device never end (the source refuses them).
    if (info.isFile()) return await hashFile(path);
    if (!info.isDirectory()) return undefined;
    const files = await filesUnder(path);
    const lines = await mapLimited(files, FILES_AT_ONCE, async (file) => `${relative(path, file).split(sep).join("/")}\t${await hashFile(file)}`);
    return createHash("sha256").update(`${lines.sort().join("\n")}\n`).digest("hex");
  } catch {
    return undefined;
  }
}

/** Digests of the inputs, by input as given (undefined for one that cannot be read). */
export async function digestInputs(inputs: readonly string[], cwd: string): Promise<Map<string, string | undefined>> {
  return new Map(await Promise.all(inputs.map(async (input) => [input, await digestInput(input, cwd)] as const)));
}

/** The inventory with each source that is one of the inputs carrying that input's digest. */
export function withDigests(inventory: Inventory, digests: ReadonlyMap<string, string | undefined>): Inventory {
  return {
    ...inventory,
    sources: inventory.sources.map((s) => {
      const digest = digests.get(s.location);
      return digest === undefined ? s : { ...s, sha256: digest };
    }),
  };
}
