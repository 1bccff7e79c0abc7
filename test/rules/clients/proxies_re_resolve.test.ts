// Unit tests for clients.proxies_re_resolve: a proxy that resolves once fails; one whose behaviour the files cannot tell is unknown.
import { describe, expect, it } from "vitest";
import type { ReverseProxyUse } from "../../../src/model/application.js";
import { proxiesReResolve } from "../../../src/rules/clients/proxies_re_resolve.js";
import { app, at, judged } from "../../support/apps.js";

const proxy = (reResolves: boolean | null, p: Partial<ReverseProxyUse> = {}): ReverseProxyUse => ({
  server: "nginx",
  target: "internal-web-123.us-east-1.elb.amazonaws.com",
  reResolves,
  why: reResolves ? "a variable in proxy_pass with a resolver" : "proxy_pass with a literal host: resolved once at start",
  at: at(12, "nginx/nginx.conf"),
  ...p,
});
const check = (a: ReturnType<typeof app>) => {
  const { resource, ctx } = judged(a);
  return proxiesReResolve.check(resource, true, ctx);
};

describe("clients.proxies_re_resolve", () => {
  it("nginx resolving once fails at its proxy_pass line, with a re-resolve patch", () => {
    const v = check(app({ proxies: [proxy(true, { at: at(3, "nginx/a.conf") }), proxy(false)] }));
    expect(v).toMatchObject({ status: "fail", location: { file: "nginx/nginx.conf", line: 12 } });
    expect(v.remedies).toEqual([expect.objectContaining({ change: expect.objectContaining({ what: "re-resolve", server: "nginx" }) })]);
  });

  it("every proxy re-resolving passes; httpd addressttl without a known version is unknown", () => {
    expect(check(app({ proxies: [proxy(true)] })).status).toBe("pass");
    expect(check(app({ proxies: [proxy(null, { server: "httpd", why: "addressttl needs httpd 2.4.59+" })] })).status).toBe("unknown");
  });

  it("no reverse proxy: not applicable", () => {
    expect(check(app()).status).toBe("not_applicable");
  });
});
