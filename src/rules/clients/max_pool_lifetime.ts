// clients.max_pool_lifetime: no pooled database connection lives longer than N seconds.
import { placeLabel } from "../../facts/applications.js";
import type { PoolUse } from "../../model/application.js";
import { appLocation, applicationOf, showSeconds } from "../lib/applications.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { defineRule } from "../types.js";

function describePool(p: PoolUse): string {
  const lifetime = showSeconds(p.maxLifetimeSeconds!, "no limit");
  return `${p.library} ${lifetime}${p.defaultFrom ? ` (not set: ${p.defaultFrom})` : ""} at ${placeLabel(p.at)}`;
}

export const maxPoolLifetime = defineRule<number>()({
  id: "clients.max_pool_lifetime",
  group: "clients",
  title: "No pooled database connection lives longer than N seconds",
  why:
    "A connection opened to the old writer's address while DNS still pointed there stays open after the failover: the " +
    "old writer comes back as a reader and answers every write with a read-only error until the pool retires the " +
    "connection. HikariCP retires connections after 30 minutes by default; Tomcat JDBC, DBCP2, c3p0, SQLAlchemy, " +
    "node-postgres and mysql2 never do unless told. Django's CONN_MAX_AGE 0 (its default) closes connections after each request.",
  appliesTo: ["application"],
  inspects: { api: [], terraform: [] },
  fixHint:
    "Set the pool's lifetime: spring.datasource.hikari.max-lifetime (ms), Tomcat maxAge, DBCP2 maxConnLifetimeMillis, " +
    "c3p0 maxConnectionAge, SQLAlchemy pool_recycle, Django CONN_MAX_AGE, node-postgres maxLifetimeSeconds.",
  controls: [],
  optionSchema: { type: "integer", minimum: 0 },
  example: 300,
  messages: {
    withinLimit: "every pool of {{app}} retires connections within {{limit}} s: {{pools}}",
    tooLong:
      "{{app}} keeps pooled connections {{worst}}; the policy allows {{limit}} s: after a failover connections to the old " +
      "writer fail writes that long; set the pool's lifetime to {{limit}} s or less",
  },
  check(resource, limit) {
    const app = applicationOf(resource);
    const pools = app.pools.filter((p) => p.live);
    if (pools.length === 0) return notApplicable(`${app.id} declares no connection pool its files show`);
    const over = pools.filter((p) => p.maxLifetimeSeconds !== null && p.maxLifetimeSeconds > limit);
    if (over.length > 0) {
      const worst = [...over].sort((a, b) => b.maxLifetimeSeconds! - a.maxLifetimeSeconds!)[0]!;
      return fail(
        "tooLong",
        { app: app.id, worst: describePool(worst), limit },
        {
          expected: limit,
          actual: worst.maxLifetimeSeconds === Infinity ? "no limit" : worst.maxLifetimeSeconds,
          location: appLocation(worst.at),
          diff: { attribute: `${worst.library} max lifetime`, from: showSeconds(worst.maxLifetimeSeconds!, "no limit"), to: `${limit} s` },
          remedies: over.map((p) => ({ kind: "edit-app-config" as const, at: p.at, change: { what: "pool-max-lifetime" as const, library: p.library, seconds: limit } })),
        },
      );
    }
    const open = pools.find((p) => p.maxLifetimeSeconds === null);
    if (open) {
      return unknownVerdict(`the ${open.library} pool's lifetime at ${placeLabel(open.at)} is not a literal value${open.why ? ` (${open.why})` : ""}`, {
        expected: limit,
        location: appLocation(open.at),
      });
    }
    return pass("withinLimit", { app: app.id, pools: pools.map(describePool).join("; "), limit }, { expected: limit, location: appLocation(pools[0]!.at) });
  },
});
