// clients.max_dns_cache: the application keeps a resolved address at most N seconds.
import { effectiveDnsCache, placeLabel } from "../../facts/applications.js";
import { appLocation, applicationOf, showSeconds } from "../lib/applications.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { defineRule } from "../types.js";

export const maxDnsCache = defineRule<number>()({
  id: "clients.max_dns_cache",
  group: "clients",
  title: "The application keeps a resolved address at most N seconds",
  why:
    "A failover moves the cluster endpoint's DNS name to the new writer; a client that cached the old answer keeps " +
    "connecting to the old writer until its cache expires. A JVM caches names for 30 s by default, and forever when a " +
    "security manager is on (up to JDK 23); AWS recommends 5 s for the AWS SDK for Java and at most 60 s for RDS. The " +
    "cache is set by the security property networkaddress.cache.ttl (java.security, -Djava.security.properties, or " +
    "Security.setProperty in code that runs), else by -Dsun.net.inetaddr.ttl. Node.js, Python and Go keep no cache of their own.",
  appliesTo: ["application"],
  inspects: {
    api: [],
    terraform: [],
  },
  fixHint:
    "Set networkaddress.cache.ttl=N in a java.security override passed with -Djava.security.properties=FILE (or " +
    "-Dsun.net.inetaddr.ttl=N in JAVA_TOOL_OPTIONS), or call Security.setProperty(\"networkaddress.cache.ttl\", \"N\") at start.",
  controls: [],
  optionSchema: { type: "integer", minimum: 0 },
  example: 5,
  messages: {
    withinLimit: "{{app}} keeps resolved addresses {{cache}} ({{because}}, {{at}}); the policy allows {{limit}} s",
    tooLong:
      "{{app}} keeps resolved addresses {{cache}} ({{because}}, {{at}}); the policy allows {{limit}} s: after a failover it " +
      "keeps connecting to the old writer that long; set networkaddress.cache.ttl={{limit}}",
  },
  check(resource, limit) {
    const app = applicationOf(resource);
    // Nothing to judge: no runtime told and no database named (a reverse proxy alone is proxies_re_resolve's).
    if (app.runtimes.length === 0 && !app.databases.some((d) => d.live)) return notApplicable(`${app.id}'s files name no runtime and no database`);
    const cache = effectiveDnsCache(app);
    if (!cache.known) return unknownVerdict(`how long ${app.id} caches DNS answers cannot be told: ${cache.reason}`, { expected: limit });
    const { seconds, at, because } = cache.value;
    const data = { app: app.id, cache: showSeconds(seconds), because, at: at ? placeLabel(at) : app.path, limit };
    const details = { expected: limit, actual: seconds === Infinity ? "forever" : seconds, ...(at ? { location: appLocation(at) } : {}) };
    if (seconds <= limit) return pass("withinLimit", data, details);
    return fail("tooLong", data, {
      ...details,
      diff: { attribute: "networkaddress.cache.ttl", from: seconds === Infinity ? "-1" : String(seconds), to: String(limit) },
      remedies: [{ kind: "edit-app-config", at: at ?? { file: app.path, line: 1 }, change: { what: "jvm-dns-cache", seconds: limit } }],
    });
  },
});
