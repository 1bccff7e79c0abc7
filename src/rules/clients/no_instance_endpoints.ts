// clients.no_instance_endpoints: no database URL of the application names an instance endpoint.
import { placeLabel, type AppConnection } from "../../facts/applications.js";
import { appLocation, applicationOf } from "../lib/applications.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import type { Remedy } from "../remedy.js";
import { defineRule } from "../types.js";

function reached(c: AppConnection): string {
  return c.via.length > 0 ? `${c.use.host} (through ${c.via.join(" → ")} to ${c.endpoint})` : `${c.endpoint}`;
}

function remedyFor(c: AppConnection): Remedy {
  const cluster = c.resource?.endpoints.cluster;
  if (cluster?.known && cluster.value && c.via.length === 0) {
    return { kind: "edit-app-config", at: c.use.at, change: { what: "endpoint", from: c.endpoint!, to: cluster.value } };
  }
  const owner = c.resource ? `${c.resource.id}'s cluster endpoint` : "the cluster endpoint (`<cluster>.cluster-<hash>.<region>.rds.amazonaws.com`)";
  return {
    kind: "manual",
    text: c.via.length > 0 ? `point ${c.via[c.via.length - 1]} at ${owner} instead of ${c.endpoint}` : `use ${owner} instead of ${c.endpoint} at ${placeLabel(c.use.at)}`,
  };
}

export const noInstanceEndpoints = defineRule<boolean>()({
  id: "clients.no_instance_endpoints",
  group: "clients",
  title: "No database URL names an instance endpoint",
  why:
    "An instance endpoint always names the same instance. After a failover the cluster endpoint moves to the new " +
    "writer, but an application configured with the old writer's instance endpoint keeps writing to what is now a " +
    "reader (or to nothing while it restarts) until someone changes its configuration. A name of your own counts when " +
    "its CNAME chain in the data leads to an instance endpoint.",
  appliesTo: ["application"],
  inspects: { api: ["DBInstances[].Endpoint.Address", "ResourceRecordSets[].ResourceRecords"], terraform: ["aws_rds_cluster_instance.endpoint", "aws_route53_record.records"] },
  fixHint: "Use the cluster endpoint (writes) or the reader endpoint (reads), or RDS Proxy, in the application's database URL.",
  controls: [],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets clients.no_instance_endpoints = false: no requirement",
    noInstanceEndpoint: "no database URL of {{app}} names an instance endpoint ({{hosts}})",
    instanceEndpoint:
      "{{app}} connects to the instance endpoint {{host}} at {{at}}: after a failover it keeps using that instance, no " +
      "longer the writer; use the cluster endpoint",
  },
  check(resource, required, ctx) {
    if (!required) return pass("notRequired");
    const app = applicationOf(resource);
    const connections = ctx.facts.connectionsOf(app);
    if (connections.length === 0) return notApplicable(`${app.id}'s files name no database URL or host`);
    const pinned = connections.filter((c) => c.role === "instance");
    if (pinned.length > 0) {
      const first = pinned[0]!;
      return fail(
        "instanceEndpoint",
        { app: app.id, host: reached(first), at: placeLabel(first.use.at) },
        {
          expected: true,
          actual: pinned.map((c) => c.use.host),
          location: appLocation(first.use.at),
          diff: { attribute: "database host", from: first.use.host ?? "", to: first.resource?.endpoints.cluster.known ? (first.resource.endpoints.cluster.value ?? "cluster endpoint") : "cluster endpoint" },
          remedies: pinned.map(remedyFor),
        },
      );
    }
    const open = connections.find((c) => c.role === "unknown");
    if (open) return unknownVerdict(`${open.use.url} at ${placeLabel(open.use.at)}: ${open.why}`, { expected: true, location: appLocation(open.use.at) });
    return pass("noInstanceEndpoint", { app: app.id, hosts: connections.map((c) => `${c.use.host} (${c.role})`).join(", ") }, { expected: true, location: appLocation(connections[0]!.use.at) });
  },
});
