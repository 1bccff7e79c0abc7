// For `.tf` patches of resources a module makes: the module call, whether the module is the user's own, and the input that feeds an attribute.
import { access } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { installedFor, isLocalSource, readInstalledModules, type ModuleCallDecl, type ModuleConfig, type ResourceDecl } from "../sources/hcl/index.js";

/**
 * Path parts that mark a module as someone else's code, copied in: Terraform's own download directory,
 * and the usual vendoring folders. A module there is never edited; only its inputs are set.
 */
const THIRD_PARTY_DIRS = new Set([".terraform", "vendor", "vendored", "third_party", "third-party", "external"]);

/** A module call in a root, and what the patch may do with the module it calls. */
export interface ModuleCallSite {
  readonly call: ModuleCallDecl;
  readonly root: ModuleConfig;
  readonly module: ModuleConfig;
  /** Why the module is not the user's own (undefined when it is): its files are then never edited. */
  readonly notOwn: string | undefined;
}

/** Where a change to one attribute of a module's resource goes. */
export type Route =
  /** Set this input in the module call. */
  | { readonly kind: "input"; readonly input: string }
  /** Set one field of one entry of a map input (`instances = { two = { promotion_tier = 0 } }`). */
  | { readonly kind: "instance-field"; readonly input: string; readonly key: string; readonly field: string }
  /** The module's own resource block (the user's module, an unexpanded resource): change it there. */
  | { readonly kind: "module-resource" }
  /** The module manages the attribute itself once the related inputs are set (its monitoring role). */
  | { readonly kind: "managed"; readonly why: string }
  | { readonly kind: "none"; readonly why: string };

/** `module.db.aws_rds_cluster.this[0]` → the call `db`, the resource, its instance key; undefined for root resources. */
export function parseModuleAddress(address: string): { readonly calls: readonly string[]; readonly callKeyed: boolean; readonly type: string; readonly name: string; readonly key: string | number | undefined } | undefined {
  if (!address.startsWith("module.")) return undefined;
  const calls: string[] = [];
  let rest = address;
  let callKeyed = false;
  for (;;) {
    const m = /^module\.([A-Za-z0-9_-]+)(\[[^\]]*\])?\./.exec(rest);
    if (!m) break;
    calls.push(m[1]!);
    if (m[2] !== undefined) callKeyed = true;
    rest = rest.slice(m[0].length);
  }
  const r = /^([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(.+)\])?$/.exec(rest);
  if (!r) return undefined;
  const rawKey = r[3];
  let key: string | number | undefined;
  if (rawKey !== undefined) {
    try {
      key = JSON.parse(rawKey) as string | number;
    } catch {
      return undefined;
    }
  }
  return { calls, callKeyed, type: r[1]!, name: r[2]!, key };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Whether a module is the user's own. A registry or git module (`source` not a local path) never is:
 * `terraform init` installed it, and installs it again over any edit. A local module is when it lies
 * inside the root directory, not under a third-party folder (`.terraform/modules`, `vendor/`,
 * `third_party/`…), and is not a checkout of its own (a `.git` in the module's folder: a submodule or a
 * cloned upstream module). Undefined when it is; otherwise why not.
 */
export async function whyNotOwn(moduleDir: string, rootDir: string, display: string, source: string): Promise<string | undefined> {
  if (!isLocalSource(source)) return `${display} is the copy of "${source}" that terraform init installed, and installs again over any edit`;
  const rel = relative(rootDir, moduleDir);
  if (rel.startsWith("..") || isAbsolute(rel)) return `${display} lies outside the root module's directory, so it may be shared with other configurations`;
  const parts = rel.split(sep);
  const marked = parts.find((p) => THIRD_PARTY_DIRS.has(p.toLowerCase()));
  if (marked !== undefined) return `${display} sits under ${marked}/, where copies of third-party modules live`;
  if (await exists(join(moduleDir, ".git"))) return `${display} is a checkout of its own (it holds .git): an upstream module`;
  return undefined;
}

/**
 * The directory a root's module call reads: a local path from the root, a registry or git module
 * from the copy `terraform init` installed (modules.json under `.terraform`); undefined when not installed.
 */
async function callDir(root: ModuleConfig, call: ModuleCallDecl, source: string): Promise<string | undefined> {
  if (isLocalSource(source)) return resolve(root.dir, source);
  const found = installedFor(await readInstalledModules(root.dir), call.name, source, call.body["version"]);
  return typeof found === "string" ? undefined : found.dir;
}

/** Finds the call of `callName` in `roots` whose module is `moduleDir`. */
export async function findCallSite(
  roots: readonly ModuleConfig[],
  callName: string,
  moduleDir: string,
  loadModule: (dir: string) => Promise<ModuleConfig>,
  display: (dir: string) => string,
): Promise<ModuleCallSite | undefined> {
  for (const root of roots) {
    const call = root.moduleCalls.find((c) => c.name === callName);
    const source = call?.body["source"];
    if (call === undefined || typeof source !== "string") continue;
    const dir = await callDir(root, call, source);
    if (dir !== moduleDir) continue;
    const module = await loadModule(dir);
    return { call, root, module, notOwn: await whyNotOwn(dir, root.dir, display(dir), source) };
  }
  return undefined;
}

/** The JSON form's value of an attribute: hcl2json keeps expressions as `${…}` strings. */
function exprOf(raw: unknown): string | undefined {
  return typeof raw === "string" ? raw : undefined;
}

/** `var.x` names an expression reads. */
export function variablesIn(expr: string): string[] {
  return [...new Set([...expr.matchAll(/\bvar\.([A-Za-z_][A-Za-z0-9_-]*)/g)].map((m) => m[1]!))];
}

/** The expression as the user wrote it, for messages: `${var.x}` → `var.x`. */
export function shownExpression(expr: string): string {
  const m = /^\$\{([\s\S]*)\}$/.exec(expr);
  return (m ? m[1]! : JSON.stringify(expr)).trim();
}

/**
 * How a change to `attribute` of the module's resource `decl` (instance `key`) reaches the module:
 * through an input when the attribute is `var.x`, through a field of a map input when it reads
 * `each.value.<field>` of a `for_each` over `var.<map>`, in the block itself when the module is the
 * user's own and the block makes one instance, otherwise not at all (with why).
 */
export function routeOf(site: ModuleCallSite, decl: ResourceDecl, attribute: string, key: string | number | undefined): Route {
  const expr = exprOf(decl.body[attribute]);
  const where = `${decl.type}.${decl.name} in module.${site.call.name}`;
  const expanded = decl.body["for_each"] !== undefined || (decl.body["count"] !== undefined && key !== 0);
  if (attribute === "monitoring_role_arn" && expr !== undefined && /\baws_iam_role\./.test(expr)) {
    return { kind: "managed", why: `${where} takes the role the module creates when monitoring is on (${shownExpression(expr)})` };
  }
  if (expr !== undefined) {
    const plain = /^\$\{\s*var\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}$/.exec(expr);
    if (plain) return { kind: "input", input: plain[1]! };
    const field = /\beach\.value\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(expr);
    const forEach = exprOf(decl.body["for_each"]);
    const maps = forEach === undefined ? [] : variablesIn(forEach);
    if (field && maps.length === 1 && typeof key === "string") return { kind: "instance-field", input: maps[0]!, key, field: field[1]! };
    if (!expr.includes("${") && site.notOwn === undefined && !expanded) return { kind: "module-resource" };
    const inputs = variablesIn(expr);
    return {
      kind: "none",
      why: `${where} sets ${attribute} from \`${shownExpression(expr)}\`${inputs.length > 0 ? `: set it through the module's input${inputs.length === 1 ? "" : "s"} ${inputs.map((i) => `\`${i}\``).join(", ")} by hand` : ", which no input of the module feeds"}`,
    };
  }
  if (site.notOwn === undefined && !expanded) return { kind: "module-resource" };
  return {
    kind: "none",
    why: `${where} does not set ${attribute} and the module has no input for it${site.notOwn !== undefined ? `; the module is not yours to edit (${site.notOwn}): ask its maintainers for an input or set it outside Terraform` : `; add \`${attribute} = try(each.value.${attribute}, null)\` to the module's block and set it per instance`}`,
  };
}

/** The fields a module reads from each entry of a map input (`each.value.<field>` in the block's attributes). */
export function entryFields(decl: ResourceDecl): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [attribute, raw] of Object.entries(decl.body)) {
    const expr = exprOf(raw);
    const m = expr === undefined ? null : /\beach\.value\.([A-Za-z_][A-Za-z0-9_-]*)/.exec(expr);
    if (m) out.set(attribute, m[1]!);
  }
  return out;
}

/** The directory of a `.tf` file given relative to `cwd`. */
export function dirOfFile(cwd: string, file: string): string {
  return dirname(resolve(cwd, file));
}
