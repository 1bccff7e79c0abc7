// Reads an application's JavaScript/TypeScript sources: pg `new Pool({…})`, mysql2 `createPool(…)` and the AWS Advanced NodeJS Wrapper clients.
import type { SyntaxNode } from "@lezer/common";
import type { AppPlace, DatabaseDriver, DatabaseUse, PoolUse } from "../../../model/application.js";
import { parseDatabaseUrl } from "../database-url.js";
import { resolveEnv } from "../env-values.js";
import { lineAt, mentionedElsewhere, mentionedOutside, moduleName } from "../file-text.js";
import type { AppFile } from "../reader-types.js";
import { type Binding, JsFile, type JsValue } from "./syntax.js";

const PG_POOL_DEFAULT = "pg-pool: maxLifetimeSeconds defaults to 0, no maximum lifetime (node-postgres docs, apis/pool; pg-pool source `maxLifetimeSeconds || 0`)";
const MYSQL2_DEFAULT = "mysql2 lib/pool_config.js: a pool has no maximum connection lifetime option (connectionLimit, maxIdle, idleTimeout, queueLimit only)";
const WRAPPER_DEFAULT_PLUGINS =
  "AWS Advanced NodeJS Wrapper: without `plugins` the default chain applies, which includes failover (docs UsingTheNodejsWrapper.md: `auroraConnectionTracker,failover,efm`)";
const FAILOVER_PLUGINS = new Set(["failover", "failover2"]);

/** Files that are started, not imported: live by name or place. */
const ENTRY_MODULES = new Set(["index", "main", "server", "app", "start", "handler", "worker", "cli"]);
const ROUTED_DIRS = /(^|[\\/])(pages|app|api|routes|functions|handlers|lambda|netlify|bin|scripts)[\\/]/;

const SOURCE = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx)$/;

type Found = { databases: DatabaseUse[]; pools: PoolUse[] };
type Live = { live: boolean; why?: string };

/** The databases and pools the application's JavaScript/TypeScript sources open. */
export function readNodeSources(files: readonly AppFile[]): Found {
  const found: Found = { databases: [], pools: [] };
  const sources = files.filter((f) => SOURCE.test(f.path) && !f.path.endsWith(".d.ts") && !/\.(test|spec)\.[a-z]+$/.test(f.path));
  for (const file of sources) {
    if (!/\b(pg|pg-pool|mysql2|aws-advanced-nodejs-wrapper)\b/.test(file.text)) continue;
    const js = new JsFile(file.path, file.text);
    const memo = new Map<number, Live>();
    for (const node of [...js.all("NewExpression"), ...js.all("CallExpression")].sort((a, b) => a.from - b.from)) {
      const callee = node.name === "NewExpression" ? node.getChild("new")?.nextSibling : node.firstChild;
      const target = callee ? js.resolveCallee(callee) : undefined;
      const kind = target && classify(target, node.name === "NewExpression");
      if (!kind) continue;
      const argNode = node.getChild("ArgList")?.firstChild?.nextSibling;
      const arg = argNode && argNode.name !== ")" ? js.evaluate(argNode) : undefined;
      const live = liveness(js, files, sources.length, node, memo);
      const at = { file: js.path, line: lineAt(js.text, node.from) };
      readClient(js, files, kind, arg, at, live, found);
    }
  }
  return found;
}

type ClientKind = "pg-pool" | "pg-client" | "mysql2-pool" | "mysql2-connection" | "aws-nodejs-wrapper";

function classify(target: Binding, isNew: boolean): ClientKind | undefined {
  const module = target.module;
  if (module === "pg" && isNew) return target.member === "Pool" ? "pg-pool" : target.member === "Client" ? "pg-client" : undefined;
  if (module === "pg-pool" && isNew && target.member === undefined) return "pg-pool";
  if (/^mysql2(\/promise)?$/.test(module) && !isNew) return target.member === "createPool" ? "mysql2-pool" : target.member === "createConnection" ? "mysql2-connection" : undefined;
  if (/^aws-advanced-nodejs-wrapper(\/|$)/.test(module) && isNew && /^Aws(PG|Pg|MySQL)Client$/.test(target.member ?? "")) return "aws-nodejs-wrapper";
  return undefined;
}

function readClient(js: JsFile, files: readonly AppFile[], kind: ClientKind, arg: JsValue | undefined, at: AppPlace, live: Live, found: Found): void {
  const driver: DatabaseDriver = kind === "aws-nodejs-wrapper" ? "aws-nodejs-wrapper" : kind.startsWith("pg") ? "pg" : "mysql2";
  if (arg?.kind === "other" || (arg && arg.kind !== "object" && arg.kind !== "str" && arg.kind !== "env")) {
    // The options come from elsewhere (an imported object, a function's result): nothing in them can be told.
    const why = `the ${driver} options are computed in code (${arg.kind === "other" ? arg.text : arg.kind}), not literal`;
    found.databases.push(use(driver, "(options computed in code)", null, { aware: false }, at, live, why));
    if (kind === "pg-pool") found.pools.push({ library: "pg", maxLifetimeSeconds: null, at, live: live.live, ...whyOf(why, live.why) });
    if (kind === "mysql2-pool") found.pools.push({ library: "mysql2", maxLifetimeSeconds: Infinity, at, defaultFrom: MYSQL2_DEFAULT, live: live.live, ...whyOf(live.why) });
    return;
  }
  const config = arg?.kind === "object" ? arg.entries : new Map();
  /** `{ ...base }`: an option not written here may still be set by the spread object. */
  const spread = arg?.kind === "object" && arg.spread ? "; the options also spread another object (`...`), which is not read" : "";
  const place = (key: string): AppPlace => {
    const entry = config.get(key);
    return entry ? { file: js.path, line: lineAt(js.text, entry.node.from) } : at;
  };
  let failover: { aware: boolean; why?: string } = { aware: false };
  if (kind === "aws-nodejs-wrapper")
    failover = config.has("plugins") || !spread ? wrapperFailover(config.get("plugins")?.value) : { aware: false, why: `plugins not written here${spread}` };
  // Where the database is named: a URI string argument (mysql2), connectionString/uri, host, or the driver's own default.
  const urlValue = arg && arg.kind !== "object" ? arg : (config.get("connectionString") ?? config.get("uri"))?.value;
  const urlPlace = arg && arg.kind !== "object" ? at : place(config.has("connectionString") ? "connectionString" : "uri");
  if (urlValue) pushUrl(files, urlValue, driver, failover, urlPlace, live, found);
  else {
    let host = config.get("host")?.value;
    if (!host && driver !== "mysql2") host = { kind: "env", name: "PGHOST" }; // pg reads PGHOST when host is absent
    const hostPlace = place("host");
    if (!config.has("host") && spread) found.databases.push(use(driver, "(host)", null, failover, hostPlace, live, `host not written here${spread}`));
    else if (!host) found.databases.push(use(driver, "localhost", "localhost", failover, hostPlace, live, "host not set: mysql2 connects to localhost"));
    else {
      const shown = host.kind === "env" ? `$${host.name}` : host.kind === "str" ? host.value : host.kind === "other" ? host.text : "(host)";
      const known = concrete(files, host, "host");
      found.databases.push(use(driver, shown, "value" in known ? known.value : null, failover, hostPlace, live, "why" in known ? known.why : undefined));
    }
  }
  if (kind === "pg-pool") {
    const entry = config.get("maxLifetimeSeconds");
    if (!entry && spread) found.pools.push({ library: "pg", maxLifetimeSeconds: null, at, live: live.live, ...whyOf(`maxLifetimeSeconds not written here${spread}`, live.why) });
    else if (!entry) found.pools.push({ library: "pg", maxLifetimeSeconds: Infinity, at, defaultFrom: PG_POOL_DEFAULT, live: live.live, ...whyOf(live.why) });
    else {
      const known = concrete(files, entry.value, "maxLifetimeSeconds");
      const n = "value" in known ? Number(known.value) : NaN;
      const seconds = Number.isFinite(n) ? (n <= 0 ? Infinity : n) : null;
      const why = seconds === null ? ("why" in known ? known.why : `maxLifetimeSeconds is "${"value" in known ? known.value : ""}", not a number`) : n <= 0 ? "maxLifetimeSeconds 0: no maximum lifetime" : undefined;
      found.pools.push({ library: "pg", maxLifetimeSeconds: seconds, at: place("maxLifetimeSeconds"), live: live.live, ...whyOf(why, live.why) });
    }
  }
  if (kind === "mysql2-pool") found.pools.push({ library: "mysql2", maxLifetimeSeconds: Infinity, at, defaultFrom: MYSQL2_DEFAULT, live: live.live, ...whyOf(live.why) });
}

function pushUrl(files: readonly AppFile[], value: JsValue, driver: DatabaseDriver, failover: { aware: boolean; why?: string }, at: AppPlace, live: Live, found: Found): void {
  const shown = value.kind === "env" ? `$${value.name}` : value.kind === "str" ? value.value : value.kind === "other" ? value.text : "(url)";
  const known = concrete(files, value, "the connection string");
  if ("why" in known) return void found.databases.push(use(driver, shown.includes("@") ? "(connection string)" : shown, null, failover, at, live, known.why));
  const url = parseDatabaseUrl(known.value);
  if (!url || url.hosts.length === 0) return void found.databases.push(use(driver, url?.url ?? "(connection string)", null, failover, at, live, "the connection string names no literal host"));
  for (const host of url.hosts) found.databases.push(use(driver, url.url, host, failover, at, live));
}

function use(driver: DatabaseDriver, url: string, host: string | null, failover: { aware: boolean; why?: string }, at: AppPlace, live: Live, why?: string): DatabaseUse {
  return { url, host, driver, failoverAware: failover.aware, at, live: live.live, ...whyOf(why, failover.why, live.why) };
}

function concrete(files: readonly AppFile[], value: JsValue, what: string): { value: string } | { why: string } {
  if (value.kind === "str") return { value: value.value };
  if (value.kind === "num") return { value: String(value.value) };
  if (value.kind === "env") {
    const resolved = resolveEnv(files, value.name);
    return "value" in resolved ? { value: resolved.value } : { why: resolved.why };
  }
  return { why: `${what} is computed in code (${value.kind === "other" ? value.text : value.kind}), not a literal` };
}

function wrapperFailover(plugins: JsValue | undefined): { aware: boolean; why?: string } {
  if (!plugins) return { aware: true, why: WRAPPER_DEFAULT_PLUGINS };
  if (plugins.kind !== "str") return { aware: false, why: "the wrapper's plugins are computed in code; failover cannot be told from the files" };
  return plugins.value.split(",").some((p) => FAILOVER_PLUGINS.has(p.trim())) ? { aware: true } : { aware: false, why: `plugins "${plugins.value}" has no failover plugin` };
}

/** Whether the code at `node` runs: a module nothing imports or a function nothing calls does not. Exported functions count as used. Answers are kept in `memo` by scope (files can be large). */
function liveness(js: JsFile, files: readonly AppFile[], sourceCount: number, node: SyntaxNode, memo: Map<number, Live>): Live {
  let moduleLive = memo.get(-1);
  if (!moduleLive) {
    const name = moduleName(js.path).replace(/\.[^.]*$/, "");
    moduleLive =
      sourceCount > 1 && !ENTRY_MODULES.has(name) && !ROUTED_DIRS.test(js.path) && !mentionedElsewhere(files, js.path, name)
        ? { live: false, why: `module ${name} is never imported or named by any other file of the application` }
        : { live: true };
    memo.set(-1, moduleLive);
  }
  if (!moduleLive.live) return moduleLive;
  for (let up = node.parent; up; up = up.parent) {
    let fnName: string | undefined;
    let scope: SyntaxNode = up;
    if (up.name === "FunctionDeclaration") fnName = up.getChild("VariableDefinition") ? js.textOf(up.getChild("VariableDefinition")!) : undefined;
    else if ((up.name === "ArrowFunction" || up.name === "FunctionExpression") && up.parent?.name === "VariableDeclaration") {
      const definitions = up.parent.getChildren("VariableDefinition").filter((d) => d.to <= up.from);
      fnName = definitions.length ? js.textOf(definitions[definitions.length - 1]!) : undefined;
      scope = up.parent;
    }
    if (!fnName || scope.parent?.name === "ExportDeclaration") continue;
    let verdict = memo.get(scope.from);
    if (!verdict) {
      verdict = !mentionedOutside(js.text, scope.from, scope.to, fnName) && !mentionedElsewhere(files, js.path, fnName) ? { live: false, why: `function ${fnName} is never called` } : { live: true };
      memo.set(scope.from, verdict);
    }
    if (!verdict.live) return verdict;
  }
  return { live: true };
}

function whyOf(...parts: (string | undefined)[]): { why?: string } {
  const why = parts.filter(Boolean).join("; ");
  return why ? { why } : {};
}
