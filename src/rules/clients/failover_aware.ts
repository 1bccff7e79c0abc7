// clients.failover_aware: the application reaches the database through RDS Proxy or a cluster-aware driver.
import { placeLabel, type AppConnection } from "../../facts/applications.js";
import { appLocation, applicationOf } from "../lib/applications.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { defineRule } from "../types.js";

/** Why a connection survives a failover without waiting for DNS, or undefined when it does not. */
function awareBecause(c: AppConnection): string | undefined {
  if (c.role === "proxy") return `through RDS Proxy ${c.endpoint}`;
  if (c.use.failoverAware) return `${c.use.driver} with failover on`;
  return undefined;
}

export const failoverAware = defineRule<boolean>()({
  id: "clients.failover_aware",
  group: "clients",
  title: "The application reaches the database through RDS Proxy or a cluster-aware driver",
  why:
    "A plain driver learns of a failover only when its connections break, then waits for DNS to move and its caches to " +
    "expire. RDS Proxy keeps the client connections and reconnects to the new writer itself; the AWS Advanced " +
    "JDBC/Python/NodeJS/Go wrappers with their failover plugin read the cluster topology and reconnect to the new " +
    "writer's instance endpoint without DNS, in seconds.",
  appliesTo: ["application"],
  inspects: { api: ["DBProxies[].Endpoint", "Targets[].TrackedClusterId"], terraform: ["aws_db_proxy.endpoint"] },
  fixHint: "Connect through the cluster's RDS Proxy endpoint, or use the AWS Advanced JDBC Wrapper (jdbc:aws-wrapper:…) or the Python/NodeJS/Go wrapper with the failover plugin.",
  controls: [],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets clients.failover_aware = false: no requirement",
    aware: "{{app}} reaches its databases failover-aware: {{how}}",
    plain:
      "{{app}} connects to {{host}} at {{at}} through {{driver}} without failover handling: after a failover it waits for DNS and its " +
      "caches; connect through RDS Proxy or a cluster-aware driver (AWS Advanced wrapper with failover)",
  },
  check(resource, required, ctx) {
    if (!required) return pass("notRequired");
    const app = applicationOf(resource);
    const connections = ctx.facts.connectionsOf(app).filter((c) => c.role !== "other");
    if (connections.length === 0) {
      return app.databases.some((d) => d.live) ? notApplicable(`${app.id} connects to no RDS database (only local or non-AWS hosts)`) : notApplicable(`${app.id}'s files name no database URL or host`);
    }
    // A URL in a .env file that failover-aware code of the same application connects with is that code's, not a plain driver.
    const awareHosts = new Set(connections.filter((c) => awareBecause(c) !== undefined).map((c) => c.use.host));
    const plain = connections.filter((c) => c.role !== "unknown" && awareBecause(c) === undefined && !(c.use.driver === "url" && awareHosts.has(c.use.host)));
    if (plain.length > 0) {
      const first = plain[0]!;
      return fail(
        "plain",
        { app: app.id, host: first.use.host ?? first.use.url, at: placeLabel(first.use.at), driver: first.use.driver },
        {
          expected: true,
          actual: false,
          location: appLocation(first.use.at),
          remedies: [{ kind: "manual", text: `connect ${app.id} at ${placeLabel(first.use.at)} through RDS Proxy or the AWS Advanced wrapper with its failover plugin` }],
        },
      );
    }
    const open = connections.find((c) => c.role === "unknown" && !c.use.failoverAware);
    if (open) return unknownVerdict(`${open.use.url} at ${placeLabel(open.use.at)}: ${open.why}`, { expected: true, location: appLocation(open.use.at) });
    return pass("aware", { app: app.id, how: connections.map((c) => `${c.use.host ?? c.use.url}: ${awareBecause(c) ?? `${c.use.driver} with failover on`}`).join("; ") }, { expected: true, location: appLocation(connections[0]!.use.at) });
  },
});
