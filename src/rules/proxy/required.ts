// proxy.required: an RDS Proxy has the resource as a target.
import { REL11_BP02 } from "../control-catalog.js";
import type { ProxyTarget } from "../../model/inventory.js";
import { listWords } from "../lib/instances.js";
import { placeLabel, samePlace, scopeCovers, type Match } from "../../facts/place.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import type { CreateResource } from "../remedy.js";
import { defineRule } from "../types.js";

export const required = defineRule<boolean>()({
  id: "proxy.required",
  group: "proxy",
  title: "An RDS Proxy has the database as a target",
  why:
    "Clients that connect through RDS Proxy do not wait for DNS caches to expire after a failover: the proxy keeps " +
    "the client connections and reconnects to the new writer itself. AWS reports failover times cut by up to 66% for " +
    "Aurora Multi-AZ databases, and client recovery improved by up to 79% for Aurora MySQL and up to 32% for RDS for MySQL.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBProxies[].{DBProxyName,Status}", "Targets[].{TrackedClusterId,RdsResourceId,Type}"],
    terraform: ["aws_db_proxy", "aws_db_proxy_target.db_cluster_identifier", "aws_db_proxy_target.db_instance_identifier"],
  },
  fixHint:
    "Create an aws_db_proxy (if none exists) and register the database with an aws_db_proxy_target " +
    "(db_cluster_identifier for a cluster, db_instance_identifier for an instance); then point the clients at the proxy endpoint.",
  controls: [REL11_BP02],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets proxy.required = false: no requirement",
    proxied: "{{resource}} is a target of {{proxies}}",
    noProxyTarget:
      "no RDS Proxy has {{resource}} as a target{{noProxyHere}}: " +
      "after a failover clients wait for their DNS caches instead of being reconnected by a proxy; " +
      'add an aws_db_proxy_target with {{attribute}} = "{{resource}}"',
  },
  check(resource, isRequired, ctx) {
    if (!isRequired) return pass("notRequired");
    const targets = ctx.inventory.proxyTargets;
    if (!targets.known) return unknownVerdict(`the RDS Proxy targets are unknown: ${targets.reason}`);

    const covering = ctx.facts.proxyTargetsOf(resource);
    const matches = (covering.known ? covering.value : []).map(({ target, place }) => ({ t: target, m: place as Match }));
    const found = matches.filter((x) => x.m === "yes").map((x) => x.t);
    const evidence = matches
      .filter((x) => x.m !== "no")
      .map((x) => ({ field: `Targets[${x.t.proxyName ?? "?"}]`, value: { clusterId: x.t.clusterId ?? null, instanceId: x.t.instanceId ?? null } }));
    const names = (ts: readonly ProxyTarget[]) => [...new Set(ts.map((t) => t.proxyName ?? "an unnamed proxy"))].sort();
    if (found.length > 0) {
      return pass("proxied", { resource: resource.id, proxies: listWords(names(found)) }, { expected: true, actual: names(found), evidence });
    }
    const undecided = matches.filter((x) => x.m === "maybe").map((x) => x.t);
    if (undecided.length > 0) {
      return unknownVerdict(
        `${listWords(names(undecided))} target${undecided.length === 1 ? "s" : ""} a database named ${resource.id}, but ${resource.id}'s account or region is not in the data`,
        { expected: true, evidence },
      );
    }

    // No target names the resource: that is a finding only if the data would have shown one.
    const proxies = ctx.inventory.proxies;
    const proxiesHere = proxies.known ? proxies.value.items.filter((p) => samePlace(p, resource) !== "no") : [];
    const targetsRead = scopeCovers(targets.value, resource) === "yes";
    const noProxyAtAll = proxies.known && scopeCovers(proxies.value, resource) === "yes" && proxiesHere.length === 0;
    if (!targetsRead && !noProxyAtAll) {
      const why =
        proxiesHere.length > 0
          ? `the targets of the proxies in ${placeLabel(resource)} (${proxiesHere.map((p) => p.name).join(", ")}) were not read`
          : `neither the RDS Proxies nor their targets in ${placeLabel(resource)} were read`;
      return unknownVerdict(`${why}, so whether a proxy fronts ${resource.id} cannot be told`, { expected: true });
    }

    const isInstance = resource.kind === "instance";
    const existing = proxiesHere.map((p) => p.name).sort();
    const attribute = isInstance ? "db_instance_identifier" : "db_cluster_identifier";
    const remedy: CreateResource = {
      kind: "create-resource",
      resourceType: "aws_db_proxy_target",
      values: { [attribute]: resource.id },
      needs: "a proxy needs subnets, a secret and an IAM role only you can choose",
      note:
          existing.length > 0
            ? `register ${resource.id} with one of the existing proxies (${existing.join(", ")}) of its engine family, or with a new aws_db_proxy`
            : `no RDS Proxy exists in ${placeLabel(resource)}: create an aws_db_proxy (engine_family, role_arn, auth, vpc_subnet_ids) and register ${resource.id} with it`,
    };
    return fail(
      "noProxyTarget",
      { resource: resource.id, noProxyHere: existing.length === 0 ? ` (there is no proxy in ${placeLabel(resource)})` : "", attribute },
      {
        expected: true,
        actual: false,
        evidence: [...evidence, ...proxiesHere.map((p) => ({ field: `DBProxies[${p.name}].Status`, value: p.status ?? null }))],
        diff: { attribute: "rds_proxy_target", from: "none", to: resource.id },
        remedies: [remedy],
      },
    );
  },
});
