// clients.proxies_re_resolve: every reverse proxy that forwards to a host name resolves it again while it runs.
import { placeLabel } from "../../facts/applications.js";
import { appLocation, applicationOf } from "../lib/applications.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { defineRule } from "../types.js";

export const proxiesReResolve = defineRule<boolean>()({
  id: "clients.proxies_re_resolve",
  group: "clients",
  title: "Every reverse proxy that forwards to a host name re-resolves it",
  why:
    "nginx resolves a literal proxy_pass host once at start, HAProxy when it parses its configuration, Apache httpd " +
    "once per child process: when the load balancer or endpoint behind the name changes its addresses, the proxy keeps " +
    "sending to the old ones until it is restarted (seen as 14 s stalls behind httpd). nginx re-resolves with a " +
    "`resolver` and a variable in proxy_pass (or `server … resolve` in an upstream, 1.27.3+), HAProxy with a " +
    "`resolvers` section on the server line, httpd only with `addressttl` (2.4.59+) or `disablereuse=On`.",
  appliesTo: ["application"],
  inspects: { api: [], terraform: [] },
  fixHint: "nginx: `resolver <dns> valid=5s;` and `set $backend name; proxy_pass http://$backend;`; HAProxy: a `resolvers` section and `resolvers <id>` on the server; httpd 2.4.59+: `addressttl=5` on ProxyPass.",
  controls: [],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets clients.proxies_re_resolve = false: no requirement",
    reResolves: "every reverse proxy of {{app}} re-resolves its upstream names ({{proxies}})",
    resolvesOnce: "{{server}} at {{at}} forwards to {{target}} and {{why}}: when its addresses change it keeps using the old ones until restarted; make it re-resolve",
  },
  check(resource, required) {
    if (!required) return pass("notRequired");
    const app = applicationOf(resource);
    if (app.proxies.length === 0) return notApplicable(`${app.id} has no reverse proxy configuration that forwards to a host name`);
    const once = app.proxies.filter((p) => p.reResolves === false);
    if (once.length > 0) {
      const p = once[0]!;
      return fail(
        "resolvesOnce",
        { server: p.server, at: placeLabel(p.at), target: p.target, why: p.why },
        {
          expected: true,
          actual: false,
          location: appLocation(p.at),
          remedies: once.map((x) => ({ kind: "edit-app-config" as const, at: x.at, change: { what: "re-resolve" as const, server: x.server, target: x.target } })),
        },
      );
    }
    const open = app.proxies.find((p) => p.reResolves === null);
    if (open) return unknownVerdict(`${open.server} at ${placeLabel(open.at)} forwards to ${open.target}: ${open.why}`, { expected: true, location: appLocation(open.at) });
    return pass("reResolves", { app: app.id, proxies: app.proxies.map((p) => `${p.server} → ${p.target} at ${placeLabel(p.at)}`).join("; ") }, { expected: true, location: appLocation(app.proxies[0]!.at) });
  },
});
