// The JVM family reader: runtimes, JVM DNS-cache settings, JDBC URLs and connection pools from a JVM application's files.
import type { DatabaseUse, JvmDnsSetting, PoolLibrary, PoolUse, RuntimeUse } from "../../../model/application.js";
import type { AppFile, AppFindings, AppReader } from "../reader-types.js";
import { readBuildFiles } from "./build-files.js";
import { canonicalKey, isConfigYaml, isPropertiesFile, readProperties, readXml, readYamlConfig, tomcatResources, type ConfigEntry, type TomcatResource } from "./config-files.js";
import { readJavaSources } from "./java-source.js";
import { parseJdbcUrl, stripCredentials, type JdbcContext } from "./jdbc-url.js";
import { javaIndex, javaOptions, passesVariable, readJvmOptions, ttlSeconds, type SecurityPropertiesRef } from "./jvm-options.js";
import { CONFIG_MAP, readLaunch, SCRIPTS, type EnvSetting, type LaunchFindings, type StartCommand } from "./launch.js";
import { POOL_DEFAULTS } from "./pool-defaults.js";
import { baseName, describeMissing, placeholders, shellWords, substitute, TEST_PATH, type KnownValues } from "./text.js";

/** Environment variables the JVM itself reads (JAVA_TOOL_OPTIONS: any launcher; JDK_JAVA_OPTIONS: the `java` launcher, JDK 9+). */
const READ_BY_JVM: Record<string, string | undefined> = {
  JAVA_TOOL_OPTIONS: undefined,
  JDK_JAVA_OPTIONS: "JDK_JAVA_OPTIONS is read by the java launcher of JDK 9 and later",
};
/** Conventional variables only start scripts read (Tomcat's catalina.sh reads JAVA_OPTS and CATALINA_OPTS). */
const CONVENTIONS = ["JAVA_OPTS", "CATALINA_OPTS", "JVM_OPTS", "JAVA_OPTIONS"];

function knownValues(launch: LaunchFindings, entries: readonly ConfigEntry[]): KnownValues {
  const known = new Map<string, string[]>();
  const add = (name: string, value: string): void => {
    if (value.includes("${") || value.includes("$(")) return;
    const list = known.get(name) ?? [];
    if (!list.includes(value)) list.push(value);
    known.set(name, list);
  };
  for (const e of launch.env) add(e.name, e.value);
  for (const e of entries) if (e.source === "properties" || e.source === "yaml") add(e.key, e.value);
  return known;
}

/**
 * Whether a conventional variable (JAVA_OPTS…) reaches the JVM. It does when a command of the same container, unit or
 * Dockerfile, or a start script, expands it on a `java` command line, or when Tomcat's catalina.sh runs. It does not
 * when that same group's own start command runs java without it (an exec-form ENTRYPOINT expands nothing). Otherwise
 * these files cannot tell (a base image's own start script may read it): it is reported as live, and `why` says so.
 */
function passThrough(env: EnvSetting, launch: LaunchFindings): { live: boolean; why: string } {
  const passes = (c: StartCommand): boolean => (c.shellText !== undefined && passesVariable(c.shellText, env.name)) || c.words.includes(`$(${env.name})`);
  const near = launch.commands.find((c) => (c.group === env.group || c.group === SCRIPTS) && passes(c));
  if (near) return { live: true, why: `${env.name} is passed to java by ${near.at.file}:${near.at.line}` };
  if (launch.tomcat && (env.name === "JAVA_OPTS" || env.name === "CATALINA_OPTS")) return { live: true, why: `${env.name} is read by Tomcat's catalina.sh` };
  const own = launch.commands.find((c) => c.group === env.group && (javaIndex(c.words) >= 0 || c.catalina));
  if (own) return { live: false, why: `${env.name} is a convention, not read by the JVM, and the start command at ${own.at.file}:${own.at.line} does not pass it to java` };
  const far = launch.commands.find(passes);
  if (far) return { live: true, why: `${env.name} is passed to java by ${far.at.file}:${far.at.line}, in another file: these files do not show that it starts this one` };
  return { live: true, why: `${env.name} is a convention read by start scripts, not by the JVM; these files do not show whether the start command passes it to java` };
}

/** JVM options from environment variables, start commands and the security-properties files they name. */
function readDns(launch: LaunchFindings, known: KnownValues, files: readonly AppFile[], configEntries: readonly ConfigEntry[], notes: string[]): { settings: JvmDnsSetting[]; runtimes: RuntimeUse[] } {
  const settings: JvmDnsSetting[] = [];
  const runtimes: RuntimeUse[] = [];
  const refs: SecurityPropertiesRef[] = [];
  const javaCommands = launch.commands.filter((c) => javaIndex(c.words) >= 0 || c.catalina);
  for (const env of launch.env) {
    let context: { live: boolean; why?: string } | undefined;
    if (Object.hasOwn(READ_BY_JVM, env.name)) {
      const why = [READ_BY_JVM[env.name], env.group.endsWith(CONFIG_MAP) ? "set in a ConfigMap: it reaches the JVM only through a container's envFrom or env" : undefined].filter(Boolean).join("; ");
      context = why ? { live: true, why } : { live: true };
    }
    else if (CONVENTIONS.includes(env.name)) context = passThrough(env, launch);
    if (!context) continue;
    const found = readJvmOptions(shellWords(env.value), env.at, known, context);
    settings.push(...found.settings);
    refs.push(...found.securityFiles);
    notes.push(...found.notes);
  }
  for (const command of javaCommands) {
    const index = javaIndex(command.words);
    if (index < 0) continue;
    // A java command says "JVM" without a version; not repeated where the same file's base image already says it.
    if (!launch.runtimes.some((r) => r.kind === "jvm" && r.at.file === command.at.file) && !runtimes.some((r) => r.at.file === command.at.file)) runtimes.push({ kind: "jvm", at: command.at });
    const found = readJvmOptions(javaOptions(command.words, index), command.at, known);
    settings.push(...found.settings);
    refs.push(...found.securityFiles);
    notes.push(...found.notes);
  }
  // Security-property files: the JDK's own java.security if the application ships one, and every file -Djava.security.properties names.
  const byRef = new Map<AppFile, SecurityPropertiesRef>();
  for (const ref of refs) {
    const target = files.find((f) => f.path === ref.file || f.path.endsWith(`/${ref.file.replace(/^\/+/, "")}`)) ?? files.find((f) => baseName(f.path) === baseName(ref.file));
    if (target) byRef.set(target, ref);
    else notes.push(`${ref.at.file}:${ref.at.line}: -Djava.security.properties${ref.replaces ? "==" : "="}${ref.file} names a file these files do not include: its networkaddress.cache.ttl is unknown`);
  }
  // A file is installed when a Dockerfile COPY/ADD or a script's cp/mv/install/ln names it.
  const installs = (f: AppFile, name: string): boolean =>
    new RegExp(`(^|\\s)(COPY|ADD|cp|mv|install|ln)\\s[^\\n]*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(["'\\s]|$)`, "m").test(f.text);
  const launchTexts = files.filter((f) => /Dockerfile|Containerfile|\.sh$/i.test(baseName(f.path)));
  for (const file of files) {
    const ref = byRef.get(file);
    if (!ref && baseName(file.path) !== "java.security") continue;
    for (const entry of readProperties(file, notes)) {
      if (entry.key !== "networkaddress.cache.ttl") continue;
      const seconds = ttlSeconds(entry.value);
      const installer = launchTexts.find((f) => installs(f, baseName(file.path)));
      const why = ref
        ? `read through -Djava.security.properties${ref.replaces ? "==" : "="}${ref.file} (${ref.at.file}:${ref.at.line})${ref.replaces ? ", which replaces the JDK's java.security" : ""}`
        : installer
          ? `installed by ${installer.path}`
          : "a java.security file no start command names and no Dockerfile copies: it counts only if it is installed as the JDK's own";
      const notNumber = seconds === null ? `networkaddress.cache.ttl=${entry.value} is not a whole number of seconds` : undefined;
      settings.push({ kind: "security-property", seconds, at: { file: entry.file, line: entry.line }, live: ref ? ref.live : true, why: [notNumber, why].filter(Boolean).join("; ") });
    }
  }
  for (const entry of configEntries) {
    if (entry.canonical === "networkaddress.cache.ttl" && baseName(entry.file) !== "java.security" && ![...byRef.keys()].some((f) => f.path === entry.file)) {
      notes.push(`${entry.file}:${entry.line}: networkaddress.cache.ttl here is not a security property (the JVM reads it only from java.security or a file named by -Djava.security.properties): it has no effect`);
    }
  }
  return { settings, runtimes };
}

/** Why an entry may not apply everywhere: its Spring profile, or a test resource (then it is not live). */
const profileWhy = (e: { profile?: string; file: string }): string | undefined =>
  [e.profile ? `Spring profile ${e.profile}` : undefined, TEST_PATH.test(e.file) ? "a test resource: not part of the running application" : undefined].filter(Boolean).join("; ") || undefined;
const entryLive = (e: { file: string }): boolean => !TEST_PATH.test(e.file);
const joinWhy = (...parts: (string | undefined)[]): { why?: string } => {
  const why = parts.filter(Boolean).join("; ");
  return why ? { why } : {};
};

/** DatabaseUses for one URL as written: one per host; placeholders resolved from the files when they give one value. */
function databasesOf(written: string, place: { file: string; line: number }, live: boolean, known: KnownValues, context: JdbcContext, extraWhy?: string): DatabaseUse[] {
  let url = written.trim();
  if (!/^jdbc:/i.test(url)) {
    const { text, missing } = substitute(url, known);
    if (missing.length > 0 || !/^jdbc:/i.test(text)) {
      const refs = missing.length > 0 ? missing : placeholders(url);
      const why = refs.length > 0 ? `the URL comes from ${refs.map((p) => describeMissing(p, known)).join(" and ")}` : "not a JDBC URL";
      return [{ url: url.replace(/\/\/[^/@]*@/, "//"), host: null, driver: "jdbc", failoverAware: false, at: place, live, ...joinWhy(why, extraWhy) }];
    }
    url = text;
  }
  const parsed = parseJdbcUrl(url, context);
  if (!parsed || parsed.embedded) return [];
  const base = { url: parsed.url, driver: parsed.driver, failoverAware: parsed.failoverAware, at: place, live };
  if (parsed.hosts.length === 0) return [{ ...base, host: null, ...joinWhy(parsed.why, "the URL names no host", extraWhy) }];
  return parsed.hosts.map((host) => {
    const { text, missing } = substitute(host, known);
    if (missing.length > 0) {
      return { ...base, host: null, ...joinWhy(`the host comes from ${missing.map((p) => describeMissing(p, known)).join(" and ")}`, parsed.why, extraWhy) };
    }
    return { ...base, host: text, ...joinWhy(parsed.why, extraWhy) };
  });
}

const DATASOURCE_URL_KEYS = new Set(["spring.datasource.url", "spring.datasource.jdbcurl", "spring.datasource.hikari.jdbcurl"]);

/** Spring's Duration for a `long` milliseconds property: a bare number is milliseconds; `30m`, `1800s`, `PT30M` are read too. */
export function springMillis(value: string): number | undefined {
  const v = value.trim();
  if (/^-?\d+$/.test(v)) return Number(v);
  const simple = /^(-?\d+)\s*(ns|us|ms|s|m|h|d)$/i.exec(v);
  if (simple) {
    const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
    return Number(simple[1]) * unit[simple[2]!.toLowerCase()]!;
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(v);
  if (iso && v.length > 2) return ((Number(iso[1] ?? 0) * 24 + Number(iso[2] ?? 0)) * 60 + Number(iso[3] ?? 0)) * 60_000 + Number(iso[4] ?? 0) * 1000;
  return undefined;
}

/** Which pool library a lifetime key configures, and the unit of its value. */
function lifetimeKey(e: ConfigEntry): { library: PoolLibrary; unit: "ms" | "s" } | undefined {
  const k = e.canonical;
  if (e.source === "hikari" && k === "maxlifetime") return { library: "hikari", unit: "ms" };
  if (e.source === "c3p0" && (k === "c3p0.maxconnectionage" || k === "maxconnectionage")) return { library: "c3p0", unit: "s" };
  if (k.endsWith("hikari.maxlifetime")) return { library: "hikari", unit: "ms" };
  if (k === "spring.datasource.tomcat.maxage") return { library: "tomcat-jdbc", unit: "ms" };
  if (k === "spring.datasource.dbcp2.maxconnlifetimemillis" || k === "spring.datasource.dbcp2.maxconnlifetime") return { library: "dbcp2", unit: "ms" };
  if (k === "c3p0.maxconnectionage") return { library: "c3p0", unit: "s" };
  return undefined;
}

/** Seconds from a pool's lifetime value; 0 or less is "no limit" for all four libraries; HikariCP resets 1–29999 ms to its default. */
function lifetimeSeconds(library: PoolLibrary, ms: number): { seconds: number; why?: string } {
  if (ms <= 0) return { seconds: Infinity, why: `${ms} means no limit for ${library}` };
  if (library === "hikari" && ms < 30_000) {
    return { seconds: POOL_DEFAULTS.hikari!.seconds, why: `HikariCP replaces a maxLifetime under 30000 ms with its default 1800000 ms (HikariCP README: "The minimum allowed value is 30000ms")` };
  }
  return { seconds: ms / 1000 };
}

function springPools(entries: readonly ConfigEntry[], known: KnownValues, springBootVersion: string | undefined, notes: string[]): PoolUse[] {
  const pools: PoolUse[] = [];
  // The pool Spring Boot creates for spring.datasource.url: spring.datasource.type, else HikariCP (Spring Boot 2 and later;
  // Spring Boot 1.x preferred the Tomcat JDBC pool).
  const typeEntry = entries.find((e) => e.canonical === "spring.datasource.type");
  const type = typeEntry?.value ?? "";
  const chosen: PoolLibrary | undefined = typeEntry
    ? /hikari/i.test(type) ? "hikari" : /tomcat/i.test(type) ? "tomcat-jdbc" : /dbcp2/i.test(type) ? "dbcp2" : /c3p0/i.test(type) ? "c3p0" : undefined
    : springBootVersion?.startsWith("1.") ? "tomcat-jdbc" : "hikari";
  for (const e of entries) {
    const key = lifetimeKey(e);
    if (!key) continue;
    // spring.datasource.<pool>.* configures only the pool Spring Boot creates; another pool's keys are never read.
    if (chosen && key.library !== chosen && e.canonical.startsWith("spring.datasource.")) {
      pools.push({ library: key.library, maxLifetimeSeconds: null, at: { file: e.file, line: e.line }, live: false, why: `Spring Boot creates a ${chosen} pool${typeEntry ? ` (spring.datasource.type ${type})` : ""}: ${e.key} is not used` });
      continue;
    }
    const { text, missing } = substitute(e.value, known);
    const at = { file: e.file, line: e.line };
    if (missing.length > 0) {
      pools.push({ library: key.library, maxLifetimeSeconds: null, at, live: entryLive(e), ...joinWhy(`${e.key} comes from ${missing.map((p) => describeMissing(p, known)).join(" and ")}`, profileWhy(e)) });
      continue;
    }
    const ms = key.unit === "s" ? (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) * 1000 : undefined) : springMillis(text);
    if (ms === undefined) {
      pools.push({ library: key.library, maxLifetimeSeconds: null, at, live: entryLive(e), ...joinWhy(`${e.key}=${e.value} is not a duration`, profileWhy(e)) });
      continue;
    }
    const { seconds, why } = lifetimeSeconds(key.library, ms);
    pools.push({ library: key.library, maxLifetimeSeconds: seconds, at, live: entryLive(e), ...joinWhy(why, profileWhy(e)) });
  }
  if (typeEntry && !chosen) notes.push(`${typeEntry.file}:${typeEntry.line}: spring.datasource.type ${type} is a pool haspec does not know: its connection lifetime is unknown`);
  if (!chosen) return pools;
  const urls = entries.filter((e) => DATASOURCE_URL_KEYS.has(e.canonical));
  // Test resources configure the tests' pool, never the application's: they neither set nor inherit its lifetime.
  const setsLifetime = (url: ConfigEntry): boolean =>
    entries.some((e) => lifetimeKey(e)?.library === chosen && (e.profile === undefined || e.profile === url.profile) && e.source !== "hikari" && e.source !== "c3p0" && entryLive(e) === entryLive(url));
  const byProfile = new Map<string, ConfigEntry>();
  for (const url of urls) {
    const group = `${url.profile ?? ""}\u0000${entryLive(url)}`;
    if (!byProfile.has(group)) byProfile.set(group, url);
  }
  const fallback = POOL_DEFAULTS[chosen]!;
  for (const url of byProfile.values()) {
    // hikari.properties and c3p0.properties do not count: Spring Boot's pool does not read them.
    if (setsLifetime(url)) continue;
    pools.push({
      library: chosen,
      maxLifetimeSeconds: fallback.seconds,
      at: { file: url.file, line: url.line },
      defaultFrom: fallback.from,
      live: entryLive(url),
      ...joinWhy(`the pool Spring Boot creates for ${url.key}${typeEntry ? ` (spring.datasource.type ${type})` : ""}; no max lifetime is set`, profileWhy(url)),
    });
  }
  return pools;
}

/** A Tomcat JNDI pool: its lifetime attribute (milliseconds), or its library's default at the Resource. */
function resourcePool(file: AppFile, r: TomcatResource): PoolUse {
  const live = !TEST_PATH.test(file.path);
  if (!r.lifetime) {
    const d = POOL_DEFAULTS[r.library]!;
    return { library: r.library, maxLifetimeSeconds: d.seconds, at: { file: file.path, line: r.line }, defaultFrom: d.from, live, why: "a Tomcat JNDI <Resource> with no lifetime attribute" };
  }
  const at = { file: file.path, line: r.lifetime.line };
  const ms = /^-?\d+$/.test(r.lifetime.value.trim()) ? Number(r.lifetime.value) : undefined;
  if (ms === undefined) return { library: r.library, maxLifetimeSeconds: null, at, live, why: `${r.lifetime.value} is not a number of milliseconds (a \${…} Tomcat resolves at start?)` };
  const { seconds, why } = lifetimeSeconds(r.library, ms);
  return { library: r.library, maxLifetimeSeconds: seconds, at, live, ...joinWhy(why) };
}

/** Environment variables Spring maps onto its keys (SPRING_DATASOURCE_URL → spring.datasource.url) and any holding a JDBC URL. */
function entriesFromEnv(launch: LaunchFindings): ConfigEntry[] {
  return launch.env
    .filter((e) => /^SPRING_/.test(e.name) || /^jdbc:/i.test(e.value.trim()))
    .map((e) => {
      const key = /^SPRING_/.test(e.name) ? e.name.toLowerCase().replace(/_/g, ".") : e.name;
      return { key, canonical: canonicalKey(key), value: e.value, file: e.at.file, line: e.at.line, source: "properties" as const };
    });
}

export const readJvm: AppReader = (files: readonly AppFile[]): AppFindings => {
  const notes: string[] = [];
  const launch = readLaunch(files, notes);
  const build = readBuildFiles(files);
  const fileEntries: ConfigEntry[] = [];
  const pools: PoolUse[] = [];
  for (const file of files) {
    try {
      if (isPropertiesFile(file.path)) fileEntries.push(...readProperties(file, notes));
      else if (isConfigYaml(file)) fileEntries.push(...readYamlConfig(file, notes));
      else if (/\.xml$/i.test(file.path) && baseName(file.path) !== "pom.xml") {
        fileEntries.push(...readXml(file));
        pools.push(...tomcatResources(file).map((r) => resourcePool(file, r)));
      }
    } catch (e) {
      notes.push(`${file.path}: not read (${(e as Error).message})`);
    }
  }
  const entries = [...fileEntries, ...entriesFromEnv(launch)];
  const known = knownValues(launch, fileEntries);
  const dns = readDns(launch, known, files, fileEntries, notes);

  const javaFiles = files.filter((f) => /\.java$/i.test(f.path));
  const java = readJavaSources(javaFiles, files.filter((f) => !/\.java$/i.test(f.path)));

  const pluginsEntry = entries.find((e) => e.canonical.endsWith("wrapperplugins"));
  const context: JdbcContext = {
    ...(pluginsEntry ? { wrapperPlugins: substitute(pluginsEntry.value, known).text } : {}),
    ...(build.mariadbClientVersion ? { mariadbClientVersion: build.mariadbClientVersion } : {}),
  };
  const databases: DatabaseUse[] = [];
  for (const e of entries) {
    if (e.value.trim() === "" || (!DATASOURCE_URL_KEYS.has(e.canonical) && !/^jdbc:/i.test(e.value.trim()))) continue;
    const pluginsWhy = pluginsEntry && /^jdbc:aws-wrapper:/i.test(e.value) && !/wrapperPlugins=/i.test(e.value) ? `wrapperPlugins from ${pluginsEntry.file}:${pluginsEntry.line}` : undefined;
    databases.push(...databasesOf(e.value, { file: e.file, line: e.line }, entryLive(e), known, context, [profileWhy(e), pluginsWhy].filter(Boolean).join("; ") || undefined));
  }
  for (const j of java.jdbcUrls) {
    if (j.value.concatenated) {
      databases.push({ url: stripCredentials(j.value.url.replace(/\s+/g, " ")), host: null, driver: "jdbc", failoverAware: false, at: j.at, live: j.live, ...joinWhy("the URL is built by string concatenation in code", j.why) });
    } else databases.push(...databasesOf(j.value.url, j.at, j.live, known, context, j.why));
  }

  pools.push(...springPools(entries, known, build.springBootVersion, notes));
  for (const p of java.pools) {
    if (p.value.isDefault) {
      const d = POOL_DEFAULTS[p.value.library]!;
      pools.push({ library: p.value.library, maxLifetimeSeconds: d.seconds, at: p.at, defaultFrom: d.from, live: p.live, ...joinWhy(`${p.value.detail} with no max lifetime set in this file`, p.why) });
    } else {
      const lifetime = p.value.seconds === null ? null : p.value.library === "hikari" && p.value.seconds !== Infinity ? lifetimeSeconds("hikari", p.value.seconds * 1000) : { seconds: p.value.seconds };
      pools.push({ library: p.value.library, maxLifetimeSeconds: lifetime?.seconds ?? null, at: p.at, live: p.live, ...joinWhy(lifetime && "why" in lifetime ? lifetime.why : undefined, p.why) });
    }
  }
  return {
    runtimes: [...launch.runtimes, ...build.runtimes, ...dns.runtimes],
    jvmDns: [...dns.settings, ...java.jvmDns],
    databases,
    pools,
    notes,
  };
};
