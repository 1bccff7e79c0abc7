// What an application's own files say about how it reaches its databases: runtime, DNS cache, URLs, pools, reverse proxies.
import { databaseFieldsUnknown, type Resource } from "./resource.js";
import { known, unknown } from "./value.js";

/** A place in one of the application's files (path relative to the working directory, 1-based line). */
export interface AppPlace {
  readonly file: string;
  readonly line: number;
}

/** The runtime that runs the application, told from its files (a Dockerfile's base image, a build file, a start command). */
export interface RuntimeUse {
  readonly kind: "jvm" | "node" | "python" | "go";
  /** Major version when the files say it (`17` from `eclipse-temurin:17-jre`); undefined when they do not. */
  readonly version?: string;
  readonly at: AppPlace;
}

/**
 * One setting that decides how long a JVM keeps a resolved address. `seconds` is -1 for "forever" (the JVM's
 * own spelling), null when the value is not literal (an environment variable, a computed expression): `why` says so.
 */
export interface JvmDnsSetting {
  /**
   * `security-property`: `networkaddress.cache.ttl` in a java.security file the JVM reads (its own, or one named by
   * `-Djava.security.properties`); `programmatic`: `Security.setProperty("networkaddress.cache.ttl", …)` in code;
   * `system-property`: `-Dsun.net.inetaddr.ttl` (used only when the security property is not set);
   * `security-manager`: `-Djava.security.manager` (the default becomes forever up to JDK 23).
   */
  readonly kind: "security-property" | "programmatic" | "system-property" | "security-manager";
  readonly seconds: number | null;
  readonly at: AppPlace;
  /** False when the code that sets it is never executed (a class nobody references): it must not decide. */
  readonly live: boolean;
  readonly why?: string;
}

/** Client libraries that open database connections; the `aws-*-wrapper`s and RDS Proxy are failover-aware. */
export type DatabaseDriver =
  | "jdbc"
  | "aws-jdbc-wrapper"
  | "mariadb-aurora"
  | "aws-python-wrapper"
  | "aws-nodejs-wrapper"
  | "aws-go-wrapper"
  | "django"
  | "sqlalchemy"
  | "pg"
  | "mysql2"
  | "url";

/** A database the application connects to, as one of its files names it. */
export interface DatabaseUse {
  /** The URL or host as written (credentials removed). */
  readonly url: string;
  /** The host name it connects to; null when the files cannot tell (`why` says what is missing, e.g. `${DB_HOST}`). */
  readonly host: string | null;
  readonly driver: DatabaseDriver;
  /** True when the driver's own failover handling is on (AWS wrapper with its failover plugin, MariaDB Aurora mode). */
  readonly failoverAware: boolean;
  readonly at: AppPlace;
  readonly live: boolean;
  readonly why?: string;
}

/** Connection pools and how long they let one connection live. */
export type PoolLibrary = "hikari" | "tomcat-jdbc" | "dbcp2" | "c3p0" | "django" | "sqlalchemy" | "pg" | "mysql2" | "aws-wrapper";

/** A connection pool and the longest a pooled connection lives. */
export interface PoolUse {
  readonly library: PoolLibrary;
  /**
   * Seconds a connection may live; 0 = not pooled past the request (Django CONN_MAX_AGE 0); Infinity = no limit; null
   * when the value is not literal (`why` says why).
   */
  readonly maxLifetimeSeconds: number | null;
  /** Where the limit is set; for a default, where the pool is declared. */
  readonly at: AppPlace;
  /** Set when no limit is written and the library's documented default applies: that default's source. */
  readonly defaultFrom?: string;
  readonly live: boolean;
  readonly why?: string;
}

/** A reverse proxy in front of something, forwarding to a host name. */
export interface ReverseProxyUse {
  readonly server: "nginx" | "haproxy" | "httpd";
  /** The upstream host name it forwards to (IP literals are never listed: nothing to resolve). */
  readonly target: string;
  /** Whether the proxy resolves the name again while running; null when the files cannot tell (`why`). */
  readonly reResolves: boolean | null;
  /** What decides it, in words: "proxy_pass with a literal host: resolved once at start" … */
  readonly why: string;
  readonly at: AppPlace;
}

/** Everything read from one `--app-config PATH`. */
export interface Application {
  /** The PATH's base name. */
  readonly id: string;
  /** The PATH as given. */
  readonly path: string;
  readonly runtimes: readonly RuntimeUse[];
  readonly jvmDns: readonly JvmDnsSetting[];
  readonly databases: readonly DatabaseUse[];
  readonly pools: readonly PoolUse[];
  readonly proxies: readonly ReverseProxyUse[];
  /** Files or settings that could not be read or understood, in words (shown as notes, never decide a pass). */
  readonly notes: readonly string[];
}

const NOT_A_DATABASE = "an application is not a database";

/**
 * The application as a resource the policy's targets can select and the `clients.*` rules judge. Its database
 * fields are unknown: no database rule applies to kind `application`, so none is ever judged on them.
 */
export function applicationResource(app: Application): Resource {
  return {
    ...databaseFieldsUnknown(NOT_A_DATABASE),
    id: app.id,
    kind: "application",
    region: unknown(NOT_A_DATABASE),
    account: unknown(NOT_A_DATABASE),
    address: app.path,
    location: { source: "app-config", file: app.path },
    tags: known({}),
    application: app,
  };
}
