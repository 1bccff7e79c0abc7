// What an application's settings add up to (its JVM DNS cache, its pools' lifetime) and which databases it connects to (SPEC §7.3).
import type { AppPlace, Application, DatabaseDriver, DatabaseUse, JvmDnsSetting } from "../model/application.js";
import type { DnsRecord, Inventory } from "../model/inventory.js";
import { userRecords } from "../model/live-dns.js";
import type { Resource } from "../model/resource.js";
import { known, unknown, type Value } from "../model/value.js";
import { indexEndpointOwners, normalizeHost, type EndpointOwners } from "./dns.js";

/** What a host is to a client: an endpoint that follows the writer (cluster, reader, custom), one that does not (instance), RDS Proxy, or none of them. */
export type HostRole = "cluster" | "reader" | "custom" | "instance" | "proxy" | "other";

/** What RDS's naming says an RDS host is; undefined for a host outside `rds.amazonaws.com`. */
export function rdsHostRole(host: string): Exclude<HostRole, "other"> | undefined {
  const h = normalizeHost(host);
  if (!h.endsWith(".rds.amazonaws.com") && !h.endsWith(".rds.amazonaws.com.cn")) return undefined;
  const labels = h.split(".");
  const second = labels[1] ?? "";
  if (second.startsWith("proxy-") || (second === "endpoint" && (labels[2] ?? "").startsWith("proxy-"))) return "proxy";
  if (second.startsWith("cluster-ro-")) return "reader";
  if (second.startsWith("cluster-custom-")) return "custom";
  if (second.startsWith("cluster-")) return "cluster";
  return "instance";
}

/** Names that never lead to RDS: IP literals, localhost, and single-label names (a compose service such as `db`). */
function isLocalName(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(":") || host === "localhost" || !host.includes(".");
}

/** One database use of an application and where it leads. */
export interface AppConnection {
  readonly app: Application;
  readonly use: DatabaseUse;
  /** What the host is; `unknown` when the files or the DNS data cannot tell (`why`). */
  readonly role: HostRole | "unknown";
  /** The RDS host reached (the host itself, or the end of a CNAME chain). */
  readonly endpoint?: string;
  /** CNAME names followed from the host to the endpoint (empty when the host is the endpoint). */
  readonly via: readonly string[];
  /** The database reached, when the data holds it. */
  readonly resource?: Resource;
  readonly why?: string;
}

/** The CNAMEs of the data by name, to follow an application's host to an RDS endpoint. */
function cnameIndex(records: readonly DnsRecord[]): Map<string, DnsRecord> {
  const byName = new Map<string, DnsRecord>();
  for (const r of records) if (r.type.toUpperCase() === "CNAME" && !byName.has(normalizeHost(r.name))) byName.set(normalizeHost(r.name), r);
  return byName;
}

/** The resource that owns an RDS host: by its known endpoints, else by RDS naming (`<cluster>.cluster-…`, `<instance>.<hash>.…`). */
function ownerOf(host: string, role: Exclude<HostRole, "other">, owners: EndpointOwners, inventory: Inventory): Resource | undefined {
  const exact = owners.get(host);
  if (exact && exact.length === 1) return exact[0];
  const first = host.split(".")[0] ?? "";
  if (role === "cluster" || role === "reader") return inventory.resources.find((r) => r.kind !== "instance" && r.id.toLowerCase() === first);
  if (role === "instance") {
    return inventory.resources.find(
      (r) => (r.kind === "instance" && r.id.toLowerCase() === first) || (r.instances.known && r.instances.value.some((i) => i.id.toLowerCase() === first)),
    );
  }
  if (role === "proxy" && inventory.proxyTargets.known) {
    const target = inventory.proxyTargets.value.items.find((t) => t.proxyName?.toLowerCase() === first);
    const id = (target?.clusterId ?? target?.instanceId)?.toLowerCase();
    return id === undefined ? undefined : inventory.resources.find((r) => r.id.toLowerCase() === id);
  }
  return undefined;
}

/** Builds the linking of one inventory: every application's connections, and the applications connecting to each resource. */
export function linkApplications(inventory: Inventory): { connectionsOf(app: Application): readonly AppConnection[]; connectingTo(resource: Resource): readonly AppConnection[] } {
  const owners = indexEndpointOwners(inventory.resources);
  // The records of the inputs, else what --resolve answered for the names asked (a chain it saw is a fact either way).
  const live = userRecords(inventory.liveDns ?? []);
  const cnames = inventory.dnsRecords.known ? cnameIndex(inventory.dnsRecords.value) : (inventory.liveDns ?? []).length > 0 ? cnameIndex(live) : undefined;
  const liveNames = new Set((inventory.liveDns ?? []).filter((a) => a.error === undefined).map((a) => normalizeHost(a.name)));
  const perApp = new Map<Application, AppConnection[]>();
  const perResource = new Map<Resource, AppConnection[]>();

  const follow = (app: Application, use: DatabaseUse): AppConnection => {
    if (use.host === null) return { app, use, role: "unknown", via: [], why: use.why ?? `the host of ${use.url} is not in the files` };
    let host = normalizeHost(use.host);
    const via: string[] = [];
    for (let depth = 0; depth < 16; depth++) {
      const role = rdsHostRole(host);
      if (role !== undefined) {
        const resource = ownerOf(host, role, owners, inventory);
        return { app, use, role, endpoint: host, via, ...(resource ? { resource } : {}) };
      }
      if (depth === 0 && isLocalName(host)) return { app, use, role: "other", via };
      const record = cnames?.get(host);
      if (record === undefined || record.values.length !== 1) {
        if (record?.valuesUnknown !== undefined) return { app, use, role: "unknown", via, why: `where ${record.name} points is unknown (${record.valuesUnknown})` };
        // Known records that do not name the host say nothing about it, unless --resolve asked for it and it had no CNAME.
        if (cnames === undefined || (via.length === 0 && !liveNames.has(host))) {
          return {
            app,
            use,
            role: "unknown",
            via,
            why: `where ${host} leads is not in the data: give the DNS records (Route 53, aws_route53_record) or resolve it with --resolve`,
          };
        }
        return { app, use, role: "other", via };
      }
      via.push(record.name);
      host = normalizeHost(record.values[0]!);
    }
    return { app, use, role: "unknown", via, why: `${use.host} leads through more than 16 CNAME records` };
  };

  for (const app of inventory.applications ?? []) {
    const connections = app.databases.filter((u) => u.live).map((u) => follow(app, u));
    perApp.set(app, connections);
    for (const c of connections) {
      if (c.resource === undefined) continue;
      const list = perResource.get(c.resource);
      if (list) list.push(c);
      else perResource.set(c.resource, [c]);
    }
  }
  return {
    connectionsOf: (app) => perApp.get(app) ?? [],
    connectingTo: (resource) => perResource.get(resource) ?? [],
  };
}

/** `src/main/resources/application.yml:12` */
export function placeLabel(at: AppPlace): string {
  return `${at.file}:${at.line}`;
}

/** A figure in seconds (Infinity: forever or no limit), the place that decides it, and why, in words. */
export interface Decided {
  readonly seconds: number;
  readonly at?: AppPlace;
  readonly because: string;
}

/** The runtime a client library runs in; `url` (a URL in a .env file) says nothing about it. */
const RUNTIME_OF_DRIVER: Partial<Record<DatabaseDriver, "jvm" | "python" | "node" | "go">> = {
  jdbc: "jvm",
  "aws-jdbc-wrapper": "jvm",
  "mariadb-aurora": "jvm",
  "aws-python-wrapper": "python",
  django: "python",
  sqlalchemy: "python",
  "aws-nodejs-wrapper": "node",
  pg: "node",
  mysql2: "node",
  "aws-go-wrapper": "go",
};

/** JDK major versions up to which a security manager makes the JVM cache names forever (JDK 24 cannot enable one at all). */
const LAST_JDK_WITH_SECURITY_MANAGER = 23;

function worstSetting(settings: readonly JvmDnsSetting[]): Value<JvmDnsSetting> {
  const open = settings.find((s) => s.seconds === null);
  if (open) return unknown(`${placeLabel(open.at)} sets networkaddress.cache.ttl to a value the files do not give${open.why ? ` (${open.why})` : ""}`);
  const rank = (s: JvmDnsSetting) => (s.seconds! < 0 ? Infinity : s.seconds!);
  return known([...settings].sort((a, b) => rank(b) - rank(a))[0]!);
}

function seconds(s: JvmDnsSetting): number {
  return s.seconds! < 0 ? Infinity : s.seconds!;
}

/**
 * How long the application keeps a resolved address (FACTS-RESILIENCE §3.1). A JVM uses the security property
 * `networkaddress.cache.ttl` (set in code with Security.setProperty, which runs last, or in a java.security file it
 * reads), else the system property `sun.net.inetaddr.ttl`, else its default: 30 s, or forever with a security manager
 * up to JDK 23. Node.js, Python and Go keep no cache of their own (0). Settings in code that never runs do not count.
 */
export function effectiveDnsCache(app: Application): Value<Decided> {
  const jvm = app.runtimes.find((r) => r.kind === "jvm");
  if (jvm === undefined) {
    const other = app.runtimes[0];
    if (other !== undefined) return known({ seconds: 0, at: other.at, because: `${other.kind} keeps no DNS cache of its own: every connection asks the system resolver` });
    // No build or launch file names the runtime, but the code that connects does: Python and Node.js keep no cache
    // whatever their options; a JVM's cache depends on options only a launch file would show.
    const use = app.databases.find((d) => d.live && RUNTIME_OF_DRIVER[d.driver] !== undefined);
    const runtime = use === undefined ? undefined : RUNTIME_OF_DRIVER[use.driver];
    if (use !== undefined && runtime !== "jvm") {
      return known({ seconds: 0, at: use.at, because: `${runtime} (the ${use.driver} client connects here) keeps no DNS cache of its own: every connection asks the system resolver` });
    }
    if (use !== undefined) {
      return unknown(`${app.id} runs on a JVM (the ${use.driver} URL at ${placeLabel(use.at)}), but no Dockerfile, manifest, unit or start script shows its options (networkaddress.cache.ttl, -Dsun.net.inetaddr.ttl) or its Java version`);
    }
    return unknown(`the runtime of ${app.id} is not told by its files (no Dockerfile base image, build file or start command names one)`);
  }
  const live = app.jvmDns.filter((s) => s.live);
  const pick = (kind: JvmDnsSetting["kind"]) => live.filter((s) => s.kind === kind);
  for (const kind of ["programmatic", "security-property", "system-property"] as const) {
    const settings = pick(kind);
    if (settings.length === 0) continue;
    const worst = worstSetting(settings);
    if (!worst.known) return worst;
    const s = worst.value;
    const what = kind === "programmatic" ? "Security.setProperty(\"networkaddress.cache.ttl\")" : kind === "security-property" ? "networkaddress.cache.ttl" : "-Dsun.net.inetaddr.ttl";
    const value = seconds(s) === Infinity ? "forever (-1)" : `${s.seconds} s`;
    return known({ seconds: seconds(s), at: s.at, because: `${what} = ${value}${settings.length > 1 ? ` (the longest of ${settings.length} settings)` : ""}` });
  }
  const manager = pick("security-manager")[0];
  if (manager) {
    const version = jvm.version === undefined ? undefined : Number.parseInt(jvm.version, 10);
    if (version === undefined || Number.isNaN(version) || version <= LAST_JDK_WITH_SECURITY_MANAGER) {
      return known({
        seconds: Infinity,
        at: manager.at,
        because: `-Djava.security.manager with no networkaddress.cache.ttl: the JVM caches names forever (JDK ${version ?? "≤ 23"}; java.security)`,
      });
    }
  }
  return known({ seconds: 30, at: jvm.at, because: `no networkaddress.cache.ttl or sun.net.inetaddr.ttl is set: the JVM default is 30 s (java.security, JDK ${jvm.version ?? "any"})` });
}
