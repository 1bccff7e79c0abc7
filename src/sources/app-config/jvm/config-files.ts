// Reads configuration files into flat key/value entries with lines: .properties (dot-properties), Spring YAML (profiles
// included), java.security files, and JDBC URLs written in XML (Tomcat context.xml, persistence.xml, c3p0-config.xml).
import { parseLines } from "dot-properties";
import type { AppFile } from "../reader-types.js";
import { baseName, isYaml, lineAt, parseYamlFile } from "./text.js";

/** One setting: its key as written, its canonical form (Spring relaxed binding), value, place and profile. */
export interface ConfigEntry {
  readonly key: string;
  /** Lower case without `-` and `_`: `spring.datasource.hikari.max-lifetime` → `spring.datasource.hikari.maxlifetime`. */
  readonly canonical: string;
  readonly value: string;
  readonly file: string;
  readonly line: number;
  /** The Spring profile the entry belongs to (`application-prod.yml`, a YAML document for `on-profile: prod`). */
  readonly profile?: string;
  /** What kind of file it comes from: `hikari` and `c3p0` property files use the library's bare keys. */
  readonly source: "properties" | "yaml" | "hikari" | "c3p0" | "xml";
}

export const canonicalKey = (key: string): string => key.toLowerCase().replace(/[-_]/g, "").replace(/\[(\d+)\]/g, ".$1");

function profileOfFile(path: string): string | undefined {
  return /^(?:application|bootstrap)-([\w.-]+)\.(?:properties|ya?ml)$/.exec(baseName(path))?.[1];
}

/**
 * A .properties file. Spring Boot 2.4+ splits one into documents at `#---` / `!---` lines; a document with
 * `spring.config.activate.on-profile` belongs to that profile (a file name `application-<profile>.properties` to its).
 */
export function readProperties(file: AppFile, notes: string[]): ConfigEntry[] {
  const name = baseName(file.path);
  const source = name === "hikari.properties" ? "hikari" : name === "c3p0.properties" ? "c3p0" : "properties";
  const fileProfile = profileOfFile(file.path);
  let pairs: { key: string; value: string; line: number }[];
  try {
    pairs = parseLines(file.text, true)
      .filter((n): n is typeof n & { type: "PAIR"; key: string; value: string } => n.type === "PAIR")
      .map((n) => ({ key: n.key, value: n.value, line: lineAt(file.text, n.range[0]) }));
  } catch (e) {
    notes.push(`${file.path}: not read as a .properties file (${(e as Error).message})`);
    return [];
  }
  const separators = file.text.split(/\r?\n/).flatMap((l, i) => (/^\s*[#!]---\s*$/.test(l) ? [i + 1] : []));
  const documentOf = (line: number): number => separators.filter((s) => s < line).length;
  const documentProfiles = new Map<number, string>();
  for (const p of pairs) {
    if (["spring.config.activate.onprofile", "spring.profiles"].includes(canonicalKey(p.key))) documentProfiles.set(documentOf(p.line), p.value);
  }
  return pairs.map((p) => {
    const profile = documentProfiles.get(documentOf(p.line)) ?? fileProfile;
    return { key: p.key, canonical: canonicalKey(p.key), value: p.value, file: file.path, line: p.line, source, ...(profile ? { profile } : {}) };
  });
}

/** A YAML configuration file (not compose, not Kubernetes): every scalar as a dotted key, with its document's profile. */
export function readYamlConfig(file: AppFile, notes: string[]): ConfigEntry[] {
  const fileProfile = profileOfFile(file.path);
  const entries: ConfigEntry[] = [];
  for (const { leaves } of parseYamlFile(file, notes).documents) {
    const keyOf = (path: readonly (string | number)[]): string => path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replace(/\.\[/g, "[");
    const profileLeaf = leaves.find((l) => ["spring.config.activate.onprofile", "spring.profiles"].includes(canonicalKey(keyOf(l.path))));
    const profile = profileLeaf?.value || fileProfile;
    for (const leaf of leaves) {
      const key = keyOf(leaf.path);
      entries.push({ key, canonical: canonicalKey(key), value: leaf.value, file: file.path, line: leaf.line, source: "yaml", ...(profile ? { profile } : {}) });
    }
  }
  return entries;
}

/** JDBC URLs in XML attributes or element text, and c3p0-config.xml `<property name="maxConnectionAge">`. */
export function readXml(file: AppFile): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const unescape = (s: string): string => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");
  for (const m of file.text.matchAll(/(?:([\w:.-]+)\s*=\s*"|>\s*)(jdbc:[^"<]+)/g)) {
    const key = m[1] ?? "url";
    entries.push({ key, canonical: canonicalKey(key), value: unescape(m[2]!.trim()), file: file.path, line: lineAt(file.text, m.index), source: "xml" });
  }
  if (baseName(file.path) === "c3p0-config.xml") {
    for (const m of file.text.matchAll(/<property\s+name\s*=\s*"maxConnectionAge"\s*>\s*([^<]*?)\s*<\/property>/g)) {
      entries.push({ key: "maxConnectionAge", canonical: "maxconnectionage", value: m[1]!, file: file.path, line: lineAt(file.text, m.index), source: "c3p0" });
    }
  }
  return entries;
}

/** A JNDI DataSource Tomcat pools (context.xml / server.xml `<Resource type="javax.sql.DataSource">`). */
export interface TomcatResource {
  readonly library: "tomcat-jdbc" | "dbcp2";
  /** The lifetime attribute as written (`maxAge` for the Tomcat JDBC pool, `maxConnLifetimeMillis` for DBCP2), if any. */
  readonly lifetime?: { readonly value: string; readonly line: number };
  readonly line: number;
}

/**
 * Tomcat's JNDI pools: the Tomcat JDBC pool when the Resource's factory is `org.apache.tomcat.jdbc.pool.DataSourceFactory`,
 * else Tomcat's default factory, its repackaged Commons DBCP2.
 */
export function tomcatResources(file: AppFile): TomcatResource[] {
  const out: TomcatResource[] = [];
  for (const m of file.text.matchAll(/<Resource\b[^>]*>/g)) {
    const tag = m[0];
    if (!/\btype\s*=\s*"javax\.sql\.DataSource"/.test(tag)) continue;
    const tomcatJdbc = /\bfactory\s*=\s*"org\.apache\.tomcat\.jdbc\.pool\.DataSourceFactory"/.test(tag);
    const attribute = tomcatJdbc ? /\bmaxAge\s*=\s*"([^"]*)"/.exec(tag) : /\bmaxConnLifetimeMillis\s*=\s*"([^"]*)"/.exec(tag);
    out.push({
      library: tomcatJdbc ? "tomcat-jdbc" : "dbcp2",
      line: lineAt(file.text, m.index),
      ...(attribute ? { lifetime: { value: attribute[1]!, line: lineAt(file.text, m.index + attribute.index) } } : {}),
    });
  }
  return out;
}

export function isPropertiesFile(path: string): boolean {
  return /\.properties$/i.test(path);
}

export function isConfigYaml(file: AppFile): boolean {
  if (!isYaml(file.path)) return false;
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/i.test(baseName(file.path))) return false;
  return !(/^\s*kind\s*:/m.test(file.text) && /^\s*apiVersion\s*:/m.test(file.text));
}
