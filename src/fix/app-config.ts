// `haspec fix --app-config`: the smallest change to an application's own files for each failing clients.* result, as a patch `git apply` accepts.
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { Result } from "../engine/result.js";
import { describeAppChange, type AppConfigChange, type EditAppConfig } from "../rules/remedy.js";

/** One line-level edit of a file: replace line `index` with `lines` (several lines insert; the first is usually the old line). */
interface LineEdit {
  readonly index: number;
  readonly lines: readonly string[];
}

/** What one change does to its file: an edit, or why it must be done by hand. */
type Planned = { readonly edit: LineEdit } | { readonly manual: string };

const isDockerfile = (file: string) => /(^|[./-])dockerfile$|^dockerfile([.-]|$)/i.test(basename(file));
const isYaml = (file: string) => /\.ya?ml$/i.test(file);
const isProperties = (file: string) => /\.properties$/i.test(file);

const indentOf = (line: string) => /^\s*/.exec(line)![0];

/** Replaces the first number captured by `pattern`'s group 2 (group 1 is what precedes it). */
function replaceNumber(line: string, pattern: RegExp, value: string): string | undefined {
  const m = pattern.exec(line);
  if (!m) return undefined;
  return line.slice(0, m.index) + m[1] + value + line.slice(m.index + m[0].length);
}

/** networkaddress.cache.ttl where the deciding line sets it, else -Dsun.net.inetaddr.ttl in the image's JVM options. */
function jvmDnsCache(file: string, lines: readonly string[], index: number, seconds: number): Planned {
  const line = lines[index]!;
  const value = String(seconds);
  const edited =
    replaceNumber(line, /(Security\.setProperty\(\s*"networkaddress\.cache\.ttl"\s*,\s*")(-?\d+)(?=")/, value) ??
    replaceNumber(line, /(networkaddress\.cache\.ttl\s*[=:]\s*)(-?\d+)/, value) ??
    replaceNumber(line, /(-Dsun\.net\.inetaddr\.ttl=)(-?\d+)/, value);
  if (edited !== undefined) return { edit: { index, lines: [edited] } };
  if (isDockerfile(file) && /^\s*FROM\s/i.test(line)) {
    // The image's own JAVA_TOOL_OPTIONS, if its stage sets one, gets the flag first; a second ENV would drop its options.
    for (let i = index + 1; i < lines.length && !/^\s*FROM\s/i.test(lines[i]!); i++) {
      const m = /^(\s*ENV\s+JAVA_TOOL_OPTIONS\s*[= ]\s*)("?)/i.exec(lines[i]!);
      if (m) return { edit: { index: i, lines: [`${m[0]}-Dsun.net.inetaddr.ttl=${value} ${lines[i]!.slice(m[0].length)}`] } };
    }
    return { edit: { index, lines: [line, `ENV JAVA_TOOL_OPTIONS="-Dsun.net.inetaddr.ttl=${value}"`] } };
  }
  return {
    manual: `set networkaddress.cache.ttl=${value} for ${file}'s JVM: -Dsun.net.inetaddr.ttl=${value} in JAVA_TOOL_OPTIONS, or networkaddress.cache.ttl=${value} in a file passed with -Djava.security.properties`,
  };
}

/** HikariCP ignores a maxLifetime under 30 s and uses its default instead (HikariCP README). */
const HIKARI_MIN_SECONDS = 30;

/** Spring's `spring.datasource.hikari.max-lifetime` in a YAML file: set where it is, or added under the datasource's keys. */
function hikariYaml(lines: readonly string[], index: number, ms: string): Planned {
  const line = lines[index]!;
  const set = replaceNumber(line, /^(\s*(?:max-lifetime|maxLifetime|max_lifetime)\s*:\s*["']?)([^\s"'#]+)/, ms);
  if (set !== undefined) return { edit: { index, lines: [set] } };
  if (!/^\s*(?:url|jdbc-url|jdbcUrl)\s*:/.test(line)) return { manual: `set spring.datasource.hikari.max-lifetime: ${ms}` };
  const indent = indentOf(line);
  // A `hikari:` sibling of the url takes the key; else a new one is added after the url.
  for (let i = index - 1; i >= 0 && (lines[i]!.trim() === "" || indentOf(lines[i]!).length >= indent.length); i--) {
    if (lines[i]!.trim() !== "" && indentOf(lines[i]!).length === indent.length && /^\s*hikari\s*:\s*$/.test(lines[i]!)) return { edit: { index: i, lines: [lines[i]!, `${indent}  max-lifetime: ${ms}`] } };
  }
  for (let i = index + 1; i < lines.length && (lines[i]!.trim() === "" || indentOf(lines[i]!).length >= indent.length); i++) {
    if (indentOf(lines[i]!).length === indent.length && /^\s*hikari\s*:\s*$/.test(lines[i]!)) return { edit: { index: i, lines: [lines[i]!, `${indent}  max-lifetime: ${ms}`] } };
  }
  return { edit: { index, lines: [line, `${indent}hikari:`, `${indent}  max-lifetime: ${ms}`] } };
}

function poolLifetime(file: string, lines: readonly string[], index: number, change: Extract<AppConfigChange, { what: "pool-max-lifetime" }>): Planned {
  const line = lines[index]!;
  const s = change.seconds;
  switch (change.library) {
    case "hikari": {
      if (s < HIKARI_MIN_SECONDS) return { manual: `HikariCP's maxLifetime cannot be under ${HIKARI_MIN_SECONDS} s (it falls back to 30 minutes): the policy's ${s} s needs another pool setting` };
      const ms = String(s * 1000);
      if (isYaml(file)) return hikariYaml(lines, index, ms);
      const set =
        replaceNumber(line, /^(\s*spring\.datasource\.hikari\.(?:max-lifetime|maxLifetime|max_lifetime)\s*[=:]\s*)(\S+)/, ms) ??
        replaceNumber(line, /^(\s*maxLifetime\s*[=:]\s*)(\S+)/, ms) ??
        replaceNumber(line, /(\.setMaxLifetime\(\s*)(\d+L?)/, `${ms}L`);
      if (set !== undefined) return { edit: { index, lines: [set] } };
      if (isProperties(file) && /^\s*spring\.datasource\.(?:url|jdbc-url|hikari\.jdbc-url)\s*[=:]/.test(line)) {
        return { edit: { index, lines: [line, `spring.datasource.hikari.max-lifetime=${ms}`] } };
      }
      return { manual: `set HikariCP's maxLifetime to ${ms} ms (spring.datasource.hikari.max-lifetime=${ms})` };
    }
    case "tomcat-jdbc":
    case "dbcp2": {
      const ms = String(s * 1000);
      const set = replaceNumber(line, /((?:max-age|maxAge|max-conn-lifetime-millis|maxConnLifetimeMillis)\s*[=:]\s*["']?)(-?\d+)/, ms);
      return set !== undefined ? { edit: { index, lines: [set] } } : { manual: `set the ${change.library} pool's ${change.library === "dbcp2" ? "maxConnLifetimeMillis" : "maxAge"} to ${ms} ms` };
    }
    case "c3p0": {
      const set = replaceNumber(line, /(maxConnectionAge\s*[=:]\s*["']?)(\d+)/, String(s));
      return set !== undefined ? { edit: { index, lines: [set] } } : { manual: `set c3p0's maxConnectionAge to ${s} (seconds)` };
    }
    case "sqlalchemy": {
      const set = replaceNumber(line, /(pool_recycle\s*=\s*)(-?\d+)/, String(s));
      if (set !== undefined) return { edit: { index, lines: [set] } };
      const call = /create_engine\(.*\)\s*$/.exec(line);
      if (call) {
        const close = line.lastIndexOf(")");
        return { edit: { index, lines: [`${line.slice(0, close)}, pool_recycle=${s}${line.slice(close)}`] } };
      }
      return { manual: `pass pool_recycle=${s} to create_engine` };
    }
    case "django": {
      const set = replaceNumber(line, /(["']CONN_MAX_AGE["']\s*:\s*)(None|\d+)/, String(s)) ?? replaceNumber(line, /(conn_max_age\s*=\s*)(None|\d+)/, String(s));
      return set !== undefined ? { edit: { index, lines: [set] } } : { manual: `set CONN_MAX_AGE to ${s}` };
    }
    case "pg": {
      const set = replaceNumber(line, /(maxLifetimeSeconds\s*:\s*)(\d+)/, String(s));
      if (set !== undefined) return { edit: { index, lines: [set] } };
      const open = /new\s+Pool\(\s*\{/.exec(line);
      if (open) {
        const at = open.index + open[0].length;
        return { edit: { index, lines: [`${line.slice(0, at)} maxLifetimeSeconds: ${s},${line.slice(at)}`] } };
      }
      return { manual: `set maxLifetimeSeconds: ${s} in the pg Pool's options` };
    }
    case "mysql2":
      return { manual: `mysql2's pool has no maximum connection lifetime: retire connections older than ${s} s yourself (or connect through RDS Proxy)` };
    default:
      return { manual: `set the ${change.library} pool's connection lifetime to ${s} s` };
  }
}

/** nginx: a literal host becomes a variable, so nginx resolves it per request with the resolver already in the file. */
function nginx(file: string, lines: readonly string[], index: number, target: string): Planned {
  const line = lines[index]!;
  const m = /^(\s*)proxy_pass\s+(https?):\/\/([^\s;/$]+)\s*;(.*)$/.exec(line);
  const resolverInFile = lines.some((l) => /^\s*resolver\s+\S/.test(l));
  if (m && m[3]!.split(":")[0] === target && resolverInFile) {
    const [, indent, scheme, hostPort, rest] = m;
    return { edit: { index, lines: [`${indent}set $haspec_upstream ${hostPort};`, `${indent}proxy_pass ${scheme}://$haspec_upstream;${rest}`] } };
  }
  return {
    manual:
      `${file}:${index + 1}: make nginx re-resolve ${target}: add \`resolver <your DNS server> valid=5s;\` (in a VPC, its Amazon-provided DNS server), ` +
      `then \`set $upstream ${target};\` and \`proxy_pass http://$upstream;\` (a URI path in proxy_pass needs a rewrite when a variable is used)`,
  };
}

/** HAProxy: the server line names a `resolvers haspec` section (added at the end of the file by planAppFixes when missing). */
function haproxy(lines: readonly string[], index: number): Planned {
  const line = lines[index]!;
  if (!/^\s*(server|default-server)\s/.test(line) || /\sresolvers\s/.test(line)) return { manual: "add `resolvers <id>` to the server line and a resolvers section" };
  return { edit: { index, lines: [`${line.replace(/\s+$/, "")} resolvers haspec init-addr last,libc,none`] } };
}

function httpd(lines: readonly string[], index: number): Planned {
  const line = lines[index]!;
  if (!/^\s*(ProxyPass|BalancerMember)\s/i.test(line) || /disablereuse\s*=/i.test(line)) return { manual: "add addressttl=5 (httpd 2.4.59+) or disablereuse=On to the ProxyPass line" };
  // disablereuse=On resolves per connection on every httpd 2.4; addressttl keeps connection reuse but needs 2.4.59+.
  return { edit: { index, lines: [`${line.replace(/\s+$/, "")} disablereuse=On`] } };
}

function planChange(file: string, lines: readonly string[], index: number, change: AppConfigChange): Planned {
  switch (change.what) {
    case "jvm-dns-cache":
      return jvmDnsCache(file, lines, index, change.seconds);
    case "pool-max-lifetime":
      return poolLifetime(file, lines, index, change);
    case "endpoint": {
      const line = lines[index]!;
      return line.includes(change.from) ? { edit: { index, lines: [line.split(change.from).join(change.to)] } } : { manual: `use ${change.to} instead of ${change.from} at ${file}:${index + 1}` };
    }
    case "re-resolve":
      return change.server === "nginx" ? nginx(file, lines, index, change.target) : change.server === "haproxy" ? haproxy(lines, index) : httpd(lines, index);
  }
}

/** What the fix of one application's failing results is: a patch (empty when nothing could be edited) and the steps left by hand. */
export interface AppFix {
  readonly app: string;
  /** A unified diff with `a/` and `b/` paths relative to the working directory: `git apply` from there accepts it. */
  readonly patch: string;
  /** The files the patch changes, with their text after it (for the re-check). */
  readonly changed: ReadonlyMap<string, string>;
  /** The rules whose every remedy the patch applies. */
  readonly fixed: readonly string[];
  /** The rules the patch changes something for (fixed or not). */
  readonly edited: readonly string[];
  readonly manual: readonly { readonly rule: string; readonly text: string }[];
}

/**
 * Plans the fix of every failing clients.* result of `results`, per application. Files are read from `cwd`; a file
 * edited by several results gets every edit, each on the line the result names, applied to the file as the earlier
 * edits left it (lines they insert move the later ones).
 */
export function planAppFixes(results: readonly Result[], cwd: string): AppFix[] {
  const byApp = new Map<string, Result[]>();
  for (const r of results) {
    if (r.status !== "fail" || r.resource.kind !== "application") continue;
    const list = byApp.get(r.resource.address);
    if (list) list.push(r);
    else byApp.set(r.resource.address, [r]);
  }
  const fixes: AppFix[] = [];
  for (const failing of byApp.values()) {
    const files = new Map<string, EditedFile>();
    const fileOf = (file: string): EditedFile | undefined => {
      let f = files.get(file);
      if (f === undefined) {
        let before: string;
        try {
          before = readFileSync(resolve(cwd, file), "utf8");
        } catch {
          return undefined; // a directory, or a file gone since it was read: the change is a manual step
        }
        const lines = before.split("\n");
        files.set(file, (f = { before, lines, at: lines.map((_, i) => i), haproxySection: false }));
      }
      return f;
    };
    const manual: { rule: string; text: string }[] = [];
    const fixed: string[] = [];
    const edited = new Set<string>();
    const done = new Set<string>();
    for (const result of failing) {
      let all = (result.remedies ?? []).length > 0;
      for (const remedy of result.remedies ?? []) {
        if (remedy.kind !== "edit-app-config") {
          all = false;
          if (remedy.kind === "manual") manual.push({ rule: result.rule, text: remedy.text });
          continue;
        }
        // The same change asked twice (two policies, two targets) is made once.
        const key = JSON.stringify([remedy.at, remedy.change]);
        if (done.has(key)) continue;
        done.add(key);
        const planned = applyOne(remedy, fileOf);
        if (planned !== undefined) {
          all = false;
          manual.push({ rule: result.rule, text: planned });
        } else edited.add(result.rule);
      }
      if (all) fixed.push(result.rule);
    }
    const changed = new Map<string, string>();
    let patch = "";
    for (const [file, f] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      if (f.haproxySection && !f.lines.some((l) => /^\s*resolvers\s+haspec\s*$/.test(l))) {
        const end = f.lines.length > 0 && f.lines[f.lines.length - 1] === "" ? f.lines.length - 1 : f.lines.length;
        f.lines.splice(end, 0, "", "# added by haspec fix: resolve server names at run time, as the system does", "resolvers haspec", "    parse-resolv-conf");
      }
      const after = f.lines.join("\n");
      if (after === f.before) continue;
      changed.set(file, after);
      // Without the `Index:` and `===` lines diff writes first: `git apply` (and patch -p1) read the ---/+++ header.
      patch += createTwoFilesPatch(`a/${file}`, `b/${file}`, f.before, after, undefined, undefined, { context: 3 }).replace(/^(Index: .*\n)?=+\n/, "");
    }
    fixes.push({ app: failing[0]!.resource.id, patch, changed, fixed: [...new Set(fixed)], edited: [...edited], manual });
  }
  return fixes;
}

/** A file being edited: its text before, its lines now, and where each original line is now. */
interface EditedFile {
  readonly before: string;
  readonly lines: string[];
  /** Current index of each original line (edits insert lines, so later ones move). */
  readonly at: number[];
  haproxySection: boolean;
}

/** Applies one remedy to its file as it stands after the earlier ones; returns the manual step when it cannot. */
function applyOne(remedy: EditAppConfig, fileOf: (file: string) => EditedFile | undefined): string | undefined {
  const f = fileOf(remedy.at.file);
  if (f === undefined) return `${describeAppChange(remedy.change)} (${remedy.at.file} is not a file haspec can edit)`;
  const original = remedy.at.line - 1;
  if (original < 0 || original >= f.at.length) return `${remedy.at.file}:${remedy.at.line} is not a line of the file`;
  const planned = planChange(remedy.at.file, f.lines, f.at[original]!, remedy.change);
  if ("manual" in planned) return planned.manual;
  const { index, lines } = planned.edit;
  f.lines.splice(index, 1, ...lines);
  for (let k = 0; k < f.at.length; k++) if (f.at[k]! > index) f.at[k]! += lines.length - 1;
  if (remedy.change.what === "re-resolve" && remedy.change.server === "haproxy") f.haproxySection = true;
  return undefined;
}
