// Module sources: local paths, and registry or git modules as `terraform init` installed them (`.terraform/modules/modules.json`, keyed by call path).
import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/** Local module sources: `./x`, `../x`, an absolute path (Terraform treats only these as paths). */
export function isLocalSource(source: string): boolean {
  return source.startsWith("./") || source.startsWith("../") || (isAbsolute(source) && !source.includes("::"));
}

/** One record of modules.json: the source it was installed from, its version (registry modules only), its directory. */
export interface InstalledModule {
  readonly source: string;
  readonly version: string | undefined;
  /** Absolute directory of the installed copy. */
  readonly dir: string;
}

/** The modules `terraform init` installed for one root, by key (`aurora`, `aurora.child`), or why there are none to read. */
export type InstalledModules = { readonly byKey: ReadonlyMap<string, InstalledModule>; readonly manifest: string } | { readonly missing: string };

/**
 * Reads `<data dir>/modules/modules.json` of the root in `rootDir` (`.terraform`, or TF_DATA_DIR as Terraform reads it,
 * relative to the directory Terraform runs in). Each record's `Dir` is relative to the directory `terraform init` ran
 * in, which the root's own record (key "") names: that is how the copies are found wherever the root is read from.
 */
export async function readInstalledModules(rootDir: string, env: NodeJS.ProcessEnv = {}): Promise<InstalledModules> {
  const dataDir = env["TF_DATA_DIR"] !== undefined && env["TF_DATA_DIR"] !== "" ? env["TF_DATA_DIR"] : ".terraform";
  const manifest = resolve(rootDir, dataDir, "modules", "modules.json");
  const shown = join(dataDir, "modules", "modules.json").split(sep).join("/");
  let text: string;
  try {
    text = await readFile(manifest, "utf8");
  } catch {
    return { missing: `there is no ${shown} (run terraform init in the root first)` };
  }
  let records: unknown;
  try {
    records = (JSON.parse(text) as { Modules?: unknown }).Modules;
  } catch {
    return { missing: `${shown} is not valid JSON (run terraform init again)` };
  }
  if (!Array.isArray(records)) return { missing: `${shown} has no "Modules" list (run terraform init again)` };
  const valid = records.filter(
    (r): r is { Key: string; Source: string; Version?: string; Dir: string } =>
      typeof r === "object" && r !== null && typeof r.Key === "string" && typeof r.Source === "string" && typeof r.Dir === "string",
  );
  // The root's record says where `terraform init` ran, as seen from the root: Dir "." unless init ran elsewhere (-chdir, a parent).
  const rootRecord = valid.find((r) => r.Key === "");
  let base = rootDir;
  if (rootRecord !== undefined && rootRecord.Dir !== "." && rootRecord.Dir !== "" && !isAbsolute(rootRecord.Dir)) {
    const up = relative(resolve("/", rootRecord.Dir), "/");
    base = resolve(rootDir, up);
  }
  const byKey = new Map<string, InstalledModule>();
  for (const r of valid) {
    if (r.Key === "") continue;
    byKey.set(r.Key, { source: r.Source, version: typeof r.Version === "string" && r.Version !== "" ? r.Version : undefined, dir: resolve(base, r.Dir) });
  }
  return { byKey, manifest: shown };
}

/**
 * A module source address in one canonical spelling, so that the call's `source` and the address
 * modules.json records compare equal when Terraform takes them for the same: Terraform records the
 * normalized address (a registry address gains its host, `github.com/o/r` becomes
 * `git::https://github.com/o/r.git`, `git@host:path` becomes `git::ssh://git@host/path`), and its
 * releases differ in where a `//subdir` stands against the `?query`. Here the subdirectory comes
 * first and query parameters are sorted.
 */
export function canonicalSource(source: string): string {
  let s = source.trim();
  if (/^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+(\/\/.*)?$/.test(s)) s = `registry.terraform.io/${s}`;
  else if (/^(github\.com|bitbucket\.org)\//.test(s)) {
    const [path, query] = s.split(/\?(.*)/s, 2) as [string, string | undefined];
    const [pkg, sub] = path.split(/\/\/(.*)/s, 2) as [string, string | undefined];
    const parts = pkg.split("/");
    const repoParts = s.startsWith("github.com/") ? parts.slice(0, 3) : parts;
    const extra = s.startsWith("github.com/") ? parts.slice(3) : [];
    const repo = repoParts.join("/");
    const subdir = [...extra, ...(sub ? [sub] : [])].join("/");
    s = `git::https://${repo.endsWith(".git") ? repo : `${repo}.git`}${subdir ? `//${subdir}` : ""}${query ? `?${query}` : ""}`;
  } else {
    const scp = /^git@([^:/]+):\/?(.+)$/.exec(s);
    if (scp) s = `git::ssh://git@${scp[1]}/${scp[2]}`;
  }
  const forced = /^[A-Za-z0-9]+::/.exec(s)?.[0] ?? "";
  s = s.slice(forced.length);
  const scheme = s.indexOf("://");
  const at = s.indexOf("//", scheme >= 0 ? scheme + 3 : 0);
  let main = at >= 0 ? s.slice(0, at) : s;
  let sub = at >= 0 ? s.slice(at + 2) : "";
  let query = "";
  for (const which of ["main", "sub"] as const) {
    const text = which === "main" ? main : sub;
    const q = text.indexOf("?");
    if (q < 0) continue;
    query = text.slice(q + 1);
    if (which === "main") main = text.slice(0, q);
    else sub = text.slice(0, q);
  }
  const params = query === "" ? "" : `?${query.split("&").sort().join("&")}`;
  return `${forced}${main}${sub !== "" ? `//${sub}` : ""}${params}`;
}

/**
 * The installed copy a module call reads, or why it cannot be read as Terraform would refuse it: not
 * installed, installed from another source, or at a version the call's constraint no longer accepts
 * (Terraform's own checks before it plans; every one of them asks for `terraform init`).
 */
export function installedFor(installed: InstalledModules, key: string, source: string, constraint: unknown): InstalledModule | string {
  if ("missing" in installed) return installed.missing;
  const record = installed.byKey.get(key);
  if (record === undefined) return `${installed.manifest} records no module "${key}" (run terraform init)`;
  if (source !== record.source && canonicalSource(source) !== canonicalSource(record.source)) {
    return `${installed.manifest} records it as installed from "${record.source}", not "${source}" (run terraform init)`;
  }
  if (constraint !== undefined) {
    if (typeof constraint !== "string") return `its version constraint is not a string`;
    if (record.version === undefined) return `it has a version constraint but the installed copy has no version (run terraform init)`;
    const ok = satisfies(record.version, constraint);
    if (ok === undefined) return `haspec cannot read its version constraint "${constraint}"`;
    if (!ok) return `the installed version ${record.version} does not meet the constraint "${constraint}", so Terraform would refuse it (run terraform init)`;
  }
  return record;
}

interface Parsed {
  readonly segments: readonly number[];
  readonly pre: string;
}

function parseVersion(text: string): Parsed | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!m) return undefined;
  const segments = [m[1], m[2], m[3]].filter((s): s is string => s !== undefined).map(Number);
  return { segments, pre: m[4] ?? "" };
}

function compare(a: Parsed, b: Parsed): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.segments[i] ?? 0) - (b.segments[i] ?? 0);
    if (d !== 0) return d;
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === "") return 1;
  if (b.pre === "") return -1;
  return a.pre < b.pre ? -1 : 1;
}

/**
 * Whether `version` meets a Terraform version constraint (`>= 9.0, < 10.0`, `~> 9.16`, `= 9.16.1`, `9.16.1`, `!= 9.1.0`);
 * undefined when the constraint cannot be read. A pre-release meets only a constraint that names it exactly.
 */
export function satisfies(version: string, constraint: string): boolean | undefined {
  const v = parseVersion(version);
  if (v === undefined) return undefined;
  const parts = constraint.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === "")) return undefined;
  let all = true;
  for (const part of parts) {
    const m = /^(=|!=|>=|<=|>|<|~>)?\s*(.+)$/.exec(part);
    const c = m ? parseVersion(m[2]!) : undefined;
    if (!m || c === undefined) return undefined;
    const op = m[1] ?? "=";
    const d = compare(v, c);
    let ok: boolean;
    if ((v.pre !== "" || c.pre !== "") && op !== "=" && op !== "!=") ok = false;
    else if (op === "=") ok = d === 0;
    else if (op === "!=") ok = d !== 0;
    else if (op === ">") ok = d > 0;
    else if (op === ">=") ok = d >= 0;
    else if (op === "<") ok = d < 0;
    else if (op === "<=") ok = d <= 0;
    else {
      // ~> X.Y.Z: at least X.Y.Z, and every segment before the last one written stays the same.
      ok = d >= 0 && c.segments.slice(0, -1).every((s, i) => v.segments[i] === s);
    }
    all &&= ok;
  }
  return all;
}
