// Reads one application per `--app-config PATH`: walks its files and lets each reader (JVM, Python/Node/.env, reverse proxies) report what it finds.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { UserError } from "../../errors.js";
import type { Application } from "../../model/application.js";
import { READERS, type AppFile, type AppFindings } from "./readers.js";

export type { AppFile, AppFindings } from "./readers.js";

/** Directories that hold dependencies or build output, never the application's own configuration. */
const SKIPPED_DIRS = new Set([".git", "node_modules", "target", "build", "dist", ".gradle", ".venv", "venv", "__pycache__", ".terraform", ".idea"]);
/** Configuration and source files are small; anything larger is generated or data. */
const MAX_FILE_BYTES = 1 << 20;

/** Every regular file under `root` (or `root` itself), paths as the user would type them from `cwd`. */
async function listFiles(root: string, given: string, cwd: string, notes: string[]): Promise<string[]> {
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new UserError(`--app-config ${given}: no such file or directory (give the application's directory or one of its files)`);
  if (info.isFile()) return [root];
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      notes.push(`${relative(cwd, dir) || dir}: not read (${e.code ?? e.message})`);
      return [];
    });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(path);
      } else if (entry.isFile()) files.push(path);
    }
  };
  await walk(root);
  return files;
}

/** Reads the application at `path` (a directory or one file). */
export async function readApplication(path: string, options: { cwd: string }): Promise<Application> {
  const notes: string[] = [];
  const root = resolve(options.cwd, path);
  const files: AppFile[] = [];
  for (const file of await listFiles(root, path, options.cwd, notes)) {
    const shown = relative(options.cwd, file) || file;
    const size = (await stat(file)).size;
    if (size > MAX_FILE_BYTES) {
      notes.push(`${shown}: skipped (${size} bytes; configuration files are under ${MAX_FILE_BYTES})`);
      continue;
    }
    const bytes = await readFile(file);
    if (bytes.includes(0)) continue; // binary
    files.push({ path: shown, text: bytes.toString("utf8") });
  }
  const found: Required<AppFindings> = { runtimes: [], jvmDns: [], databases: [], pools: [], proxies: [], notes };
  for (const read of READERS) {
    const part = read(files);
    for (const key of Object.keys(found) as (keyof AppFindings)[]) (found[key] as unknown[]).push(...(part[key] ?? []));
  }
  return { id: basename(root.replace(/[\\/]+$/, "")) || path, path, ...found };
}
