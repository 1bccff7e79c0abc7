// Parses a JDBC URL into the hosts it connects to, its driver and whether that driver handles Aurora failover; credentials removed.
import type { DatabaseDriver } from "../../../model/application.js";

export interface ParsedJdbcUrl {
  /** The URL without user, password or password-like parameters. */
  readonly url: string;
  /** Host names as written (may hold `${…}` placeholders); empty for embedded databases. */
  readonly hosts: readonly string[];
  readonly driver: DatabaseDriver;
  readonly failoverAware: boolean;
  readonly why?: string;
  /** The `wrapperPlugins` the URL itself names, when it does. */
  readonly wrapperPlugins?: string;
  /** True for in-memory and file databases (H2, HSQLDB, SQLite, Derby, Testcontainers): nothing is resolved. */
  readonly embedded: boolean;
}

/** Settings from outside the URL that change how it is read. */
export interface JdbcContext {
  /** `wrapperPlugins` given as a data-source property (`spring.datasource.hikari.data-source-properties.wrapperPlugins`). */
  readonly wrapperPlugins?: string;
  /** The mariadb-java-client version the build file pins, if any. */
  readonly mariadbClientVersion?: string;
}

const SECRET_PARAM = /^(password|passwd|pwd|user|username|secret|token|accesskey|secretkey)$/i;
const EMBEDDED = /^jdbc:(h2|hsqldb|sqlite|derby|tc|log4jdbc:h2):/i;

/**
 * The AWS Advanced JDBC Wrapper's default plugin list when `wrapperPlugins` is not given:
 * `initialConnection,auroraConnectionTracker,failover2,efm2` (aws-advanced-jdbc-wrapper docs/using-the-jdbc-driver/UsingTheJdbcDriver.md).
 */
export const AWS_WRAPPER_DEFAULT_PLUGINS = "initialConnection,auroraConnectionTracker,failover2,efm2";

/** Removes `user:pass@`, Oracle `user/pass@` and password-like parameters (`?password=`, `;password=`). */
export function stripCredentials(url: string): string {
  let out = url.replace(/(\/\/)[^/@?;]*@/, "$1"); // scheme://user:pass@host
  out = out.replace(/^(jdbc:oracle:[a-z]+:)[^@/]*\/[^@]*@/i, "$1@"); // jdbc:oracle:thin:user/pass@
  const [head, ...rest] = out.split("?");
  if (rest.length > 0) {
    const kept = rest.join("?").split("&").filter((p) => !SECRET_PARAM.test(p.split("=")[0] ?? ""));
    out = kept.length > 0 ? `${head}?${kept.join("&")}` : head!;
  }
  return out.replace(/;(password|user|username|pwd)=[^;]*/gi, "");
}

function queryParam(url: string, name: string): string | undefined {
  const query = url.split("?").slice(1).join("?");
  for (const part of query.split(/[&;]/)) {
    const [k, ...v] = part.split("=");
    if (k?.toLowerCase() !== name.toLowerCase()) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return v.join("="); // a stray `%`: the value as written
    }
  }
  return undefined;
}

/** Hosts from the authority part `h1:3306,h2,[::1]:5432` or MySQL's `address=(host=h)(port=p)` / `(host=h,port=p)` forms. */
function hostsOf(authority: string): string[] {
  const hosts: string[] = [];
  for (const m of authority.matchAll(/host=([^)\s,]+)/gi)) hosts.push(m[1]!);
  if (hosts.length > 0) return hosts;
  for (const part of authority.split(",")) {
    const entry = part.trim();
    if (!entry) continue;
    if (entry.startsWith("[")) hosts.push(entry.slice(1, entry.indexOf("]") > 0 ? entry.indexOf("]") : undefined));
    else hosts.push(placeholderSafeHost(entry));
  }
  return hosts;
}

/** `host:port` → `host`, keeping `${DB_HOST:localhost}` whole (its `:` is not a port). */
function placeholderSafeHost(entry: string): string {
  if (entry.startsWith("${")) {
    const end = entry.indexOf("}");
    return end > 0 ? entry.slice(0, end + 1) : entry;
  }
  return entry.split(":")[0]!;
}

function authorityOf(rest: string): string {
  // rest starts after `//`; the authority ends at the first `/`, `?` or `;` outside `${…}`.
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (depth === 0 && (c === "/" || c === "?" || c === ";")) return rest.slice(0, i);
  }
  return rest;
}

function majorOf(version: string | undefined): number | undefined {
  const m = version?.match(/^\s*(\d+)/);
  return m ? Number(m[1]) : undefined;
}

/** Reads one JDBC URL; undefined when it is not one. */
export function parseJdbcUrl(raw: string, context: JdbcContext = {}): ParsedJdbcUrl | undefined {
  const text = raw.trim();
  if (!/^jdbc:/i.test(text)) return undefined;
  const url = stripCredentials(text);
  if (EMBEDDED.test(text)) return { url, hosts: [], driver: "jdbc", failoverAware: false, embedded: true };

  let driver: DatabaseDriver = "jdbc";
  let failoverAware = false;
  let why: string | undefined;
  let wrapperPlugins: string | undefined;
  const lower = text.toLowerCase();
  if (lower.startsWith("jdbc:aws-wrapper:")) {
    driver = "aws-jdbc-wrapper";
    wrapperPlugins = queryParam(text, "wrapperPlugins");
    const plugins = wrapperPlugins ?? context.wrapperPlugins;
    const profile = queryParam(text, "wrapperProfileName");
    if (plugins !== undefined) {
      const names = plugins.split(",").map((p) => p.trim());
      failoverAware = names.includes("failover") || names.includes("failover2");
      why = failoverAware
        ? `wrapperPlugins ${plugins} includes ${names.includes("failover2") ? "failover2" : "failover"}`
        : `wrapperPlugins ${JSON.stringify(plugins)} names neither failover nor failover2: the wrapper does not handle failover`;
    } else if (profile !== undefined) {
      why = `wrapperProfileName ${profile}: the plugins come from that configuration profile, which these files do not show`;
    } else {
      failoverAware = true;
      why = `no wrapperPlugins: the default plugins ${AWS_WRAPPER_DEFAULT_PLUGINS} include failover2 (AWS Advanced JDBC Wrapper UsingTheJdbcDriver.md)`;
    }
  } else if (lower.startsWith("jdbc:mysql:aws:")) {
    failoverAware = true;
    why = "jdbc:mysql:aws:// is the legacy AWS JDBC Driver for MySQL (failover-aware; its support ended 2024-07-25: move to the AWS Advanced JDBC Wrapper)";
  } else if (/^jdbc:(mariadb|mysql):aurora:/.test(lower)) {
    driver = "mariadb-aurora";
    const major = majorOf(context.mariadbClientVersion);
    if (major !== undefined && major >= 3) {
      failoverAware = false;
      why = `the build pins mariadb-java-client ${context.mariadbClientVersion}: MariaDB Connector/J 3.0.3 and later no longer support Aurora mode (use the AWS Advanced JDBC Wrapper)`;
    } else {
      failoverAware = true;
      why = "MariaDB Connector/J Aurora mode (1.2–2.x); Connector/J 3.0.3 and later dropped it: upgrading the driver turns failover handling off";
    }
  }

  let hosts: string[] = [];
  const slashes = text.indexOf("//");
  if (/^jdbc:oracle:/i.test(text) && slashes < 0) {
    // jdbc:oracle:thin:@host:1521:SID or @(DESCRIPTION=…(HOST=h)…)
    const at = text.indexOf("@");
    const tail = at >= 0 ? text.slice(at + 1) : "";
    hosts = tail.startsWith("(") ? hostsOf(tail) : tail ? [placeholderSafeHost(tail)] : [];
  } else if (slashes >= 0) {
    const authority = authorityOf(text.slice(slashes + 2)).replace(/^[^@]*@/, "");
    hosts = hostsOf(authority);
  }
  const parsed: ParsedJdbcUrl = { url, hosts, driver, failoverAware, embedded: false };
  return { ...parsed, ...(why ? { why } : {}), ...(wrapperPlugins !== undefined ? { wrapperPlugins } : {}) };
}
