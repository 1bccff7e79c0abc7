// The documented max-lifetime default of each JVM connection pool, with its source (each checked in the library's own docs).
import type { PoolLibrary } from "../../../model/application.js";

export interface PoolDefault {
  /** Seconds a connection lives when nothing is set (Infinity = no limit). */
  readonly seconds: number;
  readonly from: string;
}

export const POOL_DEFAULTS: Partial<Record<PoolLibrary, PoolDefault>> = {
  // HikariCP README (brettwooldridge/HikariCP): maxLifetime "A value of 0 indicates no maximum lifetime (infinite
  // lifetime) … Default: 1800000 (30 minutes)".
  hikari: { seconds: 1800, from: "HikariCP maxLifetime default 1800000 ms (HikariCP README)" },
  // Tomcat jdbc-pool documentation (modules/jdbc-pool/doc/jdbc-pool.xml), maxAge: "The default value is 0, which
  // implies that connections will be left open and no age check will be done".
  "tomcat-jdbc": { seconds: Infinity, from: "Tomcat JDBC pool maxAge default 0 = no age check (Tomcat jdbc-pool documentation)" },
  // Apache Commons DBCP 2 configuration page: maxConnLifetimeMillis default -1, "A value of zero or less means the
  // connection has an infinite lifetime".
  dbcp2: { seconds: Infinity, from: "Commons DBCP2 maxConnLifetimeMillis default -1 = infinite lifetime (DBCP configuration docs)" },
  // c3p0 documentation (mchange.com/projects/c3p0/#maxConnectionAge): "Default: 0 … Zero means no maximum absolute age
  // is enforced".
  c3p0: { seconds: Infinity, from: "c3p0 maxConnectionAge default 0 = no maximum age (c3p0 documentation)" },
};
