// Reads an application's Python sources: Django DATABASES (CONN_MAX_AGE), dj-database-url, SQLAlchemy create_engine (pool_recycle) and the AWS Advanced Python Wrapper.
import type { SyntaxNode } from "@lezer/common";
import type { AppPlace, DatabaseDriver, DatabaseUse, PoolUse } from "../../../model/application.js";
import { parseDatabaseUrl } from "../database-url.js";
import { resolveEnv } from "../env-values.js";
import { lineAt, mentionedElsewhere, mentionedOutside, moduleName } from "../file-text.js";
import type { AppFile } from "../reader-types.js";
import { PyFile, type PyEntry, type PyValue } from "./syntax.js";

const DJANGO_DEFAULT =
  "Django docs, Databases › Persistent connections: CONN_MAX_AGE \"default value is 0, preserving the historical behavior of closing the database connection at the end of each request\"; None = unlimited (https://docs.djangoproject.com/en/stable/ref/databases/#persistent-connections)";
const DJ_DATABASE_URL_DEFAULT =
  "dj-database-url README: conn_max_age \"If you do not set a value, it will default to 0\", Django's new connection on each request (https://pypi.org/project/dj-database-url/)";
const SQLALCHEMY_DEFAULT = "SQLAlchemy pooling docs: pool_recycle defaults to -1, no timeout — a pooled connection is never recycled (https://docs.sqlalchemy.org/en/20/core/pooling.html)";
const WRAPPER_DEFAULT_PLUGINS =
  "AWS Advanced Python Wrapper: without `plugins` the default chain applies, which includes failover (aurora_connection_tracker,failover,host_monitoring; failover_v2 in 3.x) — aws/aws-advanced-python-wrapper WrapperProperties.DEFAULT_PLUGINS";

/** Plugin codes of the Python wrapper that handle failover. */
const FAILOVER_PLUGINS = new Set(["failover", "failover_v2", "failover2", "gdb_failover"]);

/** Python files no one can run: entry points are live by name. */
const ENTRY_MODULES = new Set(["manage", "wsgi", "asgi", "app", "main", "__main__", "__init__", "conftest", "run", "server", "application"]);

type Found = { databases: DatabaseUse[]; pools: PoolUse[]; notes: string[] };

/** The databases and pools the application's Python sources configure. */
export function readPythonSources(files: readonly AppFile[]): Found {
  const found: Found = { databases: [], pools: [], notes: [] };
  const sources = files.filter((f) => f.path.endsWith(".py"));
  for (const file of sources) {
    const py = new PyFile(file.path, file.text);
    const context = new PyContext(py, files, sources.length);
    readDjango(context, found);
    readSqlAlchemy(context, found);
    readAwsWrapper(context, found);
  }
  return found;
}

/** One Python file with what it needs from the rest of the application (env values, whether its code runs). */
class PyContext {
  readonly imports: string[];
  constructor(readonly py: PyFile, readonly files: readonly AppFile[], readonly pythonFiles: number) {
    this.imports = py.imports();
  }

  place(node: SyntaxNode): AppPlace {
    return { file: this.py.path, line: lineAt(this.py.text, node.from) };
  }

  importsModule(prefix: RegExp): boolean {
    return this.imports.some((name) => prefix.test(name));
  }

  private moduleDead?: string | null;
  private readonly functionDead = new Map<number, string | null>();

  /** Whether the code at `node` runs, and why not: a module nothing imports, a function nothing calls (each answer kept: files can be large). */
  liveness(node: SyntaxNode): { live: boolean; why?: string } {
    if (this.moduleDead === undefined) {
      const name = moduleName(this.py.path);
      const entry = ENTRY_MODULES.has(name) || /__name__\s*==\s*['"]__main__['"]/.test(this.py.text);
      this.moduleDead = this.pythonFiles > 1 && !entry && !mentionedElsewhere(this.files, this.py.path, name) ? `module ${name} is never imported or named by any other file of the application` : null;
    }
    if (this.moduleDead) return { live: false, why: this.moduleDead };
    for (let up = node.parent; up; up = up.parent) {
      if (up.name !== "FunctionDefinition" || up.parent?.name === "DecoratedStatement") continue;
      let dead = this.functionDead.get(up.from);
      if (dead === undefined) {
        const fn = up.getChild("VariableName");
        const fnName = fn ? this.py.textOf(fn) : "";
        dead = !fnName.startsWith("__") && !mentionedOutside(this.py.text, up.from, up.to, fnName) && !mentionedElsewhere(this.files, this.py.path, fnName) ? `function ${fnName} is never called` : null;
        this.functionDead.set(up.from, dead);
      }
      if (dead) return { live: false, why: dead };
    }
    return { live: true };
  }
}

/** A string or environment value as a concrete string, or why it is not known from the files. */
function concrete(context: PyContext, value: PyValue | undefined, what: string): { value: string } | { why: string } {
  if (!value) return { why: `${what} is not set` };
  if (value.kind === "str") return { value: value.value };
  if (value.kind === "num") return { value: String(value.value) };
  if (value.kind === "env") {
    const resolved = resolveEnv(context.files, value.name);
    return "value" in resolved ? { value: resolved.value } : { why: resolved.why };
  }
  if (value.kind === "none") return { why: `${what} is None` };
  return { why: `${what} is computed in code (${value.kind === "other" ? value.text : value.kind}), not a literal` };
}

/** Seconds from a literal, `None` (unlimited) or an environment value; null with why otherwise. */
function seconds(context: PyContext, value: PyValue, what: string, noneMeans: number): { seconds: number | null; why?: string } {
  if (value.kind === "none") return { seconds: noneMeans };
  const known = concrete(context, value, what);
  if ("why" in known) return { seconds: null, why: known.why };
  if (known.value === "None") return { seconds: noneMeans };
  const n = Number(known.value);
  return Number.isFinite(n) ? { seconds: n } : { seconds: null, why: `${what} is "${known.value}", not a number of seconds` };
}

/** DatabaseUse entries for a URL value (string or environment variable). */
function databasesFromUrl(context: PyContext, value: PyValue | undefined, driver: DatabaseDriver, at: AppPlace, live: { live: boolean; why?: string }, failoverAware = false): DatabaseUse[] {
  const shown = value?.kind === "env" ? `$${value.name}` : value?.kind === "str" ? value.value : value?.kind === "other" ? value.text : "(not set)";
  const known = concrete(context, value, "the database URL");
  const base = { driver, failoverAware, at, live: live.live };
  if ("why" in known) return [{ ...base, url: shown, host: null, why: [known.why, live.why].filter(Boolean).join("; ") }];
  const url = parseDatabaseUrl(known.value);
  if (!url) {
    if (/^sqlite/i.test(known.value)) return [];
    return [{ ...base, url: shown.includes("@") ? "(database URL)" : shown, host: null, why: `${shown} is not a database URL this reader understands` }];
  }
  if (url.hosts.length === 0) return [{ ...base, url: url.url, host: null, why: "the URL names no literal host" }];
  return url.hosts.map((host) => ({ ...base, url: url.url, host, ...(live.why ? { why: live.why } : {}) }));
}

/** Django: `DATABASES = {"default": {...}}` (or `dj_database_url.config(...)` per alias) and later `DATABASES["default"]["CONN_MAX_AGE"] = N`. */
function readDjango(context: PyContext, found: Found): void {
  const { py } = context;
  const aliases = new Map<string, PyEntry>();
  const overrides = new Map<string, Map<string, PyEntry>>();
  for (const statement of py.all("AssignStatement")) {
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (!target || !value || target === value) continue;
    const targetText = py.textOf(target).replace(/\s+/g, "");
    if (targetText === "DATABASES") {
      const dict = py.evaluate(value);
      if (dict.kind === "dict") for (const [alias, entry] of dict.entries) aliases.set(alias, entry);
      continue;
    }
    const subscript = /^DATABASES\[(['"])(\w+)\1\](?:\[(['"])(\w+)\3\])?$/.exec(targetText);
    if (!subscript) continue;
    if (subscript[4]) {
      const keys = overrides.get(subscript[2]!) ?? new Map<string, PyEntry>();
      keys.set(subscript[4], { value: py.evaluate(value), node: target });
      overrides.set(subscript[2]!, keys);
    } else aliases.set(subscript[2]!, { value: py.evaluate(value), node: target });
  }
  // `DATABASES["default"]["CONN_MAX_AGE"] = …` in a module that takes DATABASES from another (`from .base import *`): each override counts on its own.
  for (const [alias, keys] of overrides) {
    if (aliases.has(alias)) continue;
    const age = keys.get("CONN_MAX_AGE");
    const host = keys.get("HOST");
    if (age) {
      const live = context.liveness(age.node);
      const s = seconds(context, age.value, "CONN_MAX_AGE", Infinity);
      found.pools.push({ library: "django", maxLifetimeSeconds: s.seconds, at: context.place(age.node), live: live.live, ...whyOf(s.why, live.why) });
    }
    if (host) {
      const live = context.liveness(host.node);
      const known = concrete(context, host.value, `DATABASES["${alias}"]["HOST"]`);
      const shown = host.value.kind === "env" ? `$${host.value.name}` : host.value.kind === "str" ? host.value.value : py.textOf(host.node);
      found.databases.push({ url: shown, host: "value" in known ? known.value : null, driver: "django", failoverAware: false, at: context.place(host.node), live: live.live, ...whyOf("why" in known ? known.why : undefined, live.why) });
    }
  }
  for (const [alias, entry] of aliases) {
    const extra = overrides.get(alias) ?? new Map<string, PyEntry>();
    const live = context.liveness(entry.node);
    if (entry.value.kind === "dict") readDjangoDict(context, found, alias, entry, extra, live);
    else if (entry.value.kind === "call" && /(^|\.)(config|parse|db|db_url)$/.test(entry.value.callee)) readDjDatabaseUrl(context, found, entry, extra, live);
    else found.notes.push(`${py.path}:${lineAt(py.text, entry.node.from)}: DATABASES["${alias}"] is computed in code; not read`);
  }
}

function readDjangoDict(context: PyContext, found: Found, alias: string, entry: PyEntry, extra: Map<string, PyEntry>, live: { live: boolean; why?: string }): void {
  const dict = entry.value as Extract<PyValue, { kind: "dict" }>;
  const get = (key: string): PyEntry | undefined => extra.get(key) ?? dict.entries.get(key);
  const engine = get("ENGINE")?.value;
  const engineName = engine?.kind === "str" ? engine.value : "";
  if (/sqlite|dummy/.test(engineName)) return;
  const at = context.place(entry.node);
  const wrapper = engineName.includes("aws_advanced_python_wrapper");
  const host = get("HOST");
  const hostShown = host?.value.kind === "env" ? `$${host.value.name}` : host?.value.kind === "str" ? host.value.value : host ? context.py.textOf(host.node) : "(HOST not set)";
  const known = concrete(context, host?.value, `DATABASES["${alias}"]["HOST"]`);
  const failover = wrapper ? wrapperFailover(pluginsIn(get("OPTIONS")?.value)) : { aware: false };
  const driver: DatabaseDriver = wrapper ? "aws-python-wrapper" : "django";
  const place = host ? context.place(host.node) : at;
  if ("why" in known || known.value === "")
    found.databases.push({ url: hostShown, host: null, driver, failoverAware: failover.aware, at: place, live: live.live, why: joinWhy("why" in known ? known.why : "HOST is empty (a local socket)", failover.why, live.why) });
  else found.databases.push({ url: hostShown, host: known.value, driver, failoverAware: failover.aware, at: place, live: live.live, ...whyOf(failover.why, live.why) });
  const age = get("CONN_MAX_AGE");
  if (!age && dict.spread) found.pools.push({ library: "django", maxLifetimeSeconds: null, at, live: live.live, why: joinWhy("CONN_MAX_AGE may come from the **dict this entry spreads, which is computed in code", live.why) });
  else if (!age) found.pools.push({ library: "django", maxLifetimeSeconds: 0, at, defaultFrom: DJANGO_DEFAULT, live: live.live, ...whyOf(live.why) });
  else {
    const s = seconds(context, age.value, "CONN_MAX_AGE", Infinity);
    found.pools.push({ library: "django", maxLifetimeSeconds: s.seconds, at: context.place(age.node), live: live.live, ...whyOf(s.why, live.why) });
  }
}

/** `dj_database_url.config(env=…, default=…, conn_max_age=N)` / `.parse(url, conn_max_age=N)` / django-environ `env.db()`. */
function readDjDatabaseUrl(context: PyContext, found: Found, entry: PyEntry, extra: Map<string, PyEntry>, live: { live: boolean; why?: string }): void {
  const call = entry.value as Extract<PyValue, { kind: "call" }>;
  const at = context.place(entry.node);
  let url: PyValue | undefined;
  if (/\.parse$/.test(call.callee)) url = call.args[0] ?? call.kwargs.get("url")?.value;
  else {
    const envName = call.kwargs.get("env")?.value ?? (/\.(db|db_url)$/.test(call.callee) ? call.args[0] : undefined);
    const name = envName?.kind === "str" ? envName.value : "DATABASE_URL";
    const fallback = call.kwargs.get("default")?.value;
    url = fallback ? { kind: "env", name, fallback } : { kind: "env", name };
  }
  found.databases.push(...databasesFromUrl(context, url, "django", at, live));
  const age = extra.get("CONN_MAX_AGE") ?? call.kwargs.get("conn_max_age");
  if (!age) found.pools.push({ library: "django", maxLifetimeSeconds: 0, at, defaultFrom: DJ_DATABASE_URL_DEFAULT, live: live.live, ...whyOf(live.why) });
  else {
    const s = seconds(context, age.value, "conn_max_age", Infinity);
    found.pools.push({ library: "django", maxLifetimeSeconds: s.seconds, at: context.place(age.node), live: live.live, ...whyOf(s.why, live.why) });
  }
}

/** SQLAlchemy `create_engine(url, pool_recycle=N, poolclass=NullPool)` and Flask-SQLAlchemy `SQLALCHEMY_DATABASE_URI` + `SQLALCHEMY_ENGINE_OPTIONS`. */
function readSqlAlchemy(context: PyContext, found: Found): void {
  const { py } = context;
  if (!context.importsModule(/^(sqlalchemy|flask_sqlalchemy)(\.|$)/) && !/SQLALCHEMY_DATABASE_URI/.test(py.text)) return;
  for (const node of py.all("CallExpression")) {
    if (!/(^|\.)(create_engine|create_async_engine)$/.test(node.firstChild ? py.textOf(node.firstChild).replace(/\s+/g, "") : "")) continue;
    const value = py.evaluate(node);
    if (value.kind !== "call" || !context.importsModule(/^sqlalchemy(\.|$)/)) continue;
    const live = context.liveness(node);
    const at = context.place(node);
    let url = value.args[0] ?? value.kwargs.get("url")?.value;
    if (url?.kind === "call" && /URL\.create$/.test(url.callee)) url = url.kwargs.get("host")?.value;
    const databases = databasesFromUrl(context, url, "sqlalchemy", at, live);
    found.databases.push(...databases);
    if (databases.length === 0) continue; // sqlite
    const options = new Map(value.kwargs);
    let unread = false;
    for (const splat of value.splats) {
      if (splat.kind !== "dict") unread = true;
      else for (const [k, v] of splat.entries) if (!options.has(k)) options.set(k, v);
    }
    if (unread && !options.has("pool_recycle") && !options.has("poolclass"))
      found.pools.push({ library: "sqlalchemy", maxLifetimeSeconds: null, at, live: live.live, why: joinWhy("pool_recycle may be set by the **options this call spreads, which are computed in code", live.why) });
    else pushSqlAlchemyPool(context, found, options, at, live);
  }
  for (const statement of py.all("AssignStatement")) {
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (!target || !value || target === value || !/SQLALCHEMY_DATABASE_URI['"]?\]?$/.test(py.textOf(target))) continue;
    const live = context.liveness(statement);
    const at = context.place(statement);
    const databases = databasesFromUrl(context, py.evaluate(value), "sqlalchemy", at, live);
    found.databases.push(...databases);
    if (databases.length === 0) continue;
    const options = py.assigned("SQLALCHEMY_ENGINE_OPTIONS");
    const dict = options ? py.evaluate(options) : undefined;
    pushSqlAlchemyPool(context, found, dict?.kind === "dict" ? dict.entries : new Map(), at, live);
  }
}

function pushSqlAlchemyPool(context: PyContext, found: Found, options: ReadonlyMap<string, PyEntry>, at: AppPlace, live: { live: boolean; why?: string }): void {
  const poolclass = options.get("poolclass");
  if (poolclass && /NullPool$/.test(poolclass.value.kind === "other" ? poolclass.value.text : "")) {
    found.pools.push({ library: "sqlalchemy", maxLifetimeSeconds: 0, at: context.place(poolclass.node), live: live.live, why: joinWhy("NullPool: a new connection for each checkout", live.why) });
    return;
  }
  const recycle = options.get("pool_recycle");
  if (!recycle) {
    found.pools.push({ library: "sqlalchemy", maxLifetimeSeconds: Infinity, at, defaultFrom: SQLALCHEMY_DEFAULT, live: live.live, ...whyOf(live.why) });
    return;
  }
  const s = seconds(context, recycle.value, "pool_recycle", Infinity);
  const maxLifetimeSeconds = s.seconds !== null && s.seconds < 0 ? Infinity : s.seconds;
  found.pools.push({ library: "sqlalchemy", maxLifetimeSeconds, at: context.place(recycle.node), live: live.live, ...whyOf(s.why, live.why) });
}

/** `AwsWrapperConnection.connect(target, "host=… plugins=…", plugins=…, **props)`. */
function readAwsWrapper(context: PyContext, found: Found): void {
  const { py } = context;
  if (!context.importsModule(/^aws_advanced_python_wrapper(\.|$)/)) return;
  for (const node of py.all("CallExpression")) {
    if (!/AwsWrapperConnection\.connect$/.test(node.firstChild ? py.textOf(node.firstChild).replace(/\s+/g, "") : "")) continue;
    const call = py.evaluate(node);
    if (call.kind !== "call") continue;
    const settings = new Map<string, PyValue>();
    for (const splat of call.splats) if (splat.kind === "dict") for (const [k, v] of splat.entries) settings.set(k, v.value);
    for (const arg of call.args) if (arg.kind === "str") for (const [, k, v] of arg.value.matchAll(/(\w+)\s*=\s*('[^']*'|\S+)/g)) settings.set(k!, { kind: "str", value: v!.replace(/^'|'$/g, "") });
    for (const [k, v] of call.kwargs) settings.set(k, v.value);
    const live = context.liveness(node);
    const at = context.place(node);
    const failover = wrapperFailover(settings.has("plugins") ? settings.get("plugins") : undefined);
    const host = settings.get("host");
    const known = concrete(context, host, "host");
    const shown = host?.kind === "env" ? `$${host.name}` : host?.kind === "str" ? host.value : "(host)";
    if ("why" in known) found.databases.push({ url: shown, host: null, driver: "aws-python-wrapper", failoverAware: failover.aware, at, live: live.live, why: joinWhy(known.why, failover.why, live.why) });
    else found.databases.push({ url: shown, host: known.value, driver: "aws-python-wrapper", failoverAware: failover.aware, at, live: live.live, ...whyOf(failover.why, live.why) });
  }
}

/** The `plugins` value inside a Django OPTIONS dict. */
function pluginsIn(options: PyValue | undefined): PyValue | undefined {
  return options?.kind === "dict" ? options.entries.get("plugins")?.value : undefined;
}

/** Whether the wrapper's plugin list turns failover on (absent = the documented default chain, which has it). */
function wrapperFailover(plugins: PyValue | undefined): { aware: boolean; why?: string } {
  if (!plugins) return { aware: true, why: WRAPPER_DEFAULT_PLUGINS };
  if (plugins.kind !== "str") return { aware: false, why: "the wrapper's plugins are computed in code; failover cannot be told from the files" };
  const codes = plugins.value.split(",").map((p) => p.trim());
  return codes.some((c) => FAILOVER_PLUGINS.has(c)) ? { aware: true } : { aware: false, why: `plugins "${plugins.value}" has no failover plugin` };
}

function joinWhy(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join("; ");
}

function whyOf(...parts: (string | undefined)[]): { why?: string } {
  const why = joinWhy(...parts);
  return why ? { why } : {};
}
