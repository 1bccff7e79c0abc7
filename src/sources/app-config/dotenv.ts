// Reads an application's .env files (and files compose names in env_file:): database URLs (`DATABASE_URL=postgres://…`, any `*_URL` holding one) and database hosts (`DB_HOST=…`).
import type { DatabaseUse } from "../../model/application.js";
import { parseDatabaseUrl } from "./database-url.js";
import { parseJdbcUrl } from "./jvm/jdbc-url.js";
import { dotenvEntries, dotenvFiles } from "./env-values.js";
import type { AppFile } from "./reader-types.js";

export { envValues, resolveEnv } from "./env-values.js";

/** Keys that hold a database host name by convention (`DB_HOST`, `POSTGRES_HOST`, `PGHOST`, `RDS_HOSTNAME`, `ORDERS_DB_HOST`, …). */
const DATABASE_HOST_KEY = /^(PGHOST|MYSQL_HOST|RDS_HOSTNAME)$|(^|_)(DB|DATABASE|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|RDS|AURORA)(_[A-Z0-9]+)*_HOST(NAME)?$/i;

/** The database URLs and hosts the application's .env files give. */
export function readDotenvFiles(files: readonly AppFile[]): { databases: DatabaseUse[] } {
  const databases: DatabaseUse[] = [];
  for (const file of dotenvFiles(files)) {
    for (const { key, value, at } of dotenvEntries(file)) {
      const url = parseDatabaseUrl(value);
      // A JDBC URL is read by the JVM reader's parser (its driver and failover handling are JDBC knowledge); others are plain URLs.
      const jdbc = parseJdbcUrl(value);
      if (jdbc?.embedded) continue;
      if (url) {
        const driver = jdbc ? { driver: jdbc.driver, failoverAware: jdbc.failoverAware } : { driver: "url" as const, failoverAware: false };
        const why = jdbc?.why;
        if (url.hosts.length === 0) databases.push({ url: url.url, host: null, ...driver, at, live: true, why: [`${key} names no literal host`, why].filter(Boolean).join("; ") });
        for (const host of url.hosts) databases.push({ url: url.url, host, ...driver, at, live: true, ...(why ? { why } : {}) });
      } else if (DATABASE_HOST_KEY.test(key) || (/_HOST(NAME)?$/i.test(key) && /\.rds\.amazonaws\.com\.?$/i.test(value.trim()))) {
        const host = value.trim();
        if (host !== "" && !host.includes("${")) databases.push({ url: host, host, driver: "url", failoverAware: false, at, live: true });
      }
    }
  }
  return { databases };
}
