// Database URLs as applications write them (postgres://, mysql://, jdbc:…): the host names they reach, with credentials removed.

/** URL schemes (before any `+driver`) that name a network database RDS or Aurora can serve. */
const DATABASE_SCHEMES = new Set(["postgres", "postgresql", "postgis", "pgsql", "mysql", "mysql2", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql", "oracle", "mssql", "sqlserver", "redshift"]);

/** A database URL with its credentials removed and the hosts it names (several for multi-host URLs). */
export interface DatabaseUrl {
  readonly url: string;
  readonly hosts: readonly string[];
}

/** True when `value` looks like a database URL (`postgres://…`, `mysql+pymysql://…`, `jdbc:…://…`). */
export function isDatabaseUrl(value: string): boolean {
  const scheme = /^(?:jdbc:(?:aws-wrapper:)?)?([a-z][a-z0-9.-]*)(?:\+[a-z0-9_]+)?:(?:[a-z]+:)?\/\//i.exec(value.trim());
  if (!scheme) return false;
  return value.trim().toLowerCase().startsWith("jdbc:") || DATABASE_SCHEMES.has(scheme[1]!.toLowerCase());
}

/** Removes `user:password@` and password-like query parameters. */
export function withoutCredentials(url: string): string {
  return url
    .replace(/(\/\/)[^/@?#]*@/, "$1")
    .replace(/([?&;](?:password|pass|pwd|secret|token)=)[^&;#]*/gi, "$1***");
}

/** Splits a database URL into its hosts; null when it is not one. */
export function parseDatabaseUrl(value: string): DatabaseUrl | null {
  const trimmed = value.trim();
  if (!isDatabaseUrl(trimmed)) return null;
  const url = withoutCredentials(trimmed);
  const authority = /\/\/([^/?#]*)/.exec(url)?.[1] ?? "";
  const hosts = authority
    .split(",")
    .map((part) => (part.startsWith("[") ? part.slice(1, part.indexOf("]")) : part.replace(/:\d*$/, "")))
    .map((host) => decodeURIComponent(host).trim())
    .filter((host) => host !== "" && !host.includes("${"));
  return { url, hosts };
}

/** True for IPv4/IPv6 literals: there is nothing to resolve. */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(":");
}
