// The reverse-proxy readers: which proxied host names nginx, HAProxy and Apache httpd resolve again while running, and which they resolve once.
import { describe, expect, it } from "vitest";
import { readReverseProxies } from "../../../src/sources/app-config/proxies/index.js";
import { parseNginx, tokenize } from "../../../src/sources/app-config/proxies/nginx.js";
import { fixtureApp } from "./support.js";

const brief = (p: { target: string; reResolves: boolean | null; at: { file: string; line: number } }) => [p.target, p.reResolves, `${p.at.file}:${p.at.line}`];

describe("nginx", () => {
  it("proxy_pass with a literal host is resolved once (real django_chatbot config)", async () => {
    const app = await fixtureApp("nginx-literal");
    expect(app.proxies).toEqual([
      { server: "nginx", target: "app", reResolves: false, why: expect.stringContaining("literal host: resolved once at start"), at: { file: "nginx-literal/nginx/conf.d/default.conf", line: 4 } },
    ]);
  });

  it("proxy_pass $variable with a resolver in scope re-resolves, its valid= noted (real dockersetup server block)", async () => {
    const app = await fixtureApp("nginx-resolver");
    expect(app.proxies).toEqual([
      {
        server: "nginx",
        target: "nginx_dev_example_com",
        reResolves: true,
        why: "proxy_pass with a variable: resolved while running by the resolver at nginx-resolver/nginx/conf.d/dev.conf:7 (valid=5s: answers cached that long)",
        at: { file: "nginx-resolver/nginx/conf.d/dev.conf", line: 12 },
      },
    ]);
  });

  it("a variable without any resolver does not re-resolve: no resolver defined", async () => {
    const app = await fixtureApp("nginx-no-resolver");
    expect(app.proxies.map(brief)).toEqual([
      ["api.internal.example.com", false, "nginx-no-resolver/conf.d/default.conf:5"],
      ["versions.internal.example.com", false, "nginx-no-resolver/conf.d/default.conf:7"],
    ]);
    expect(app.proxies[0]!.why).toContain("no resolver defined");
  });

  it("upstream `server … resolve` with the http resolver re-resolves on nginx 1.27.3; without `resolve` it does not; included files see the http block's resolver; IP literals and upstream names are not listed", async () => {
    const app = await fixtureApp("nginx-upstream");
    expect(app.proxies.map(brief)).toEqual([
      ["api.internal.example.com", true, "nginx-upstream/nginx/nginx.conf:9"],
      ["static.internal.example.com", false, "nginx-upstream/nginx/nginx.conf:10"],
      ["search.internal.example.com", true, "nginx-upstream/nginx/conf.d/site.conf:6"],
      ["legacy.example.com", false, "nginx-upstream/nginx/conf.d/site.conf:8"],
    ]);
    expect(app.proxies[0]!.why).toContain("nginx 1.27.3 (nginx-upstream/Dockerfile:1)");
  });

  it("upstream `resolve` on nginx older than 1.27.3 (compose image tag) does not count", async () => {
    const app = await fixtureApp("nginx-old");
    expect(app.proxies).toEqual([
      { server: "nginx", target: "api.internal.example.com", reResolves: false, why: expect.stringContaining("runs nginx 1.25.4"), at: { file: "nginx-old/nginx/nginx.conf", line: 4 } },
    ]);
  });

  it("the tokenizer keeps quotes, escapes, ${var} and comments apart; a broken file is a note with file:line, not a crash", () => {
    expect(tokenize('set $a "x;y" # c { }\nproxy_pass http://${a}:80;').map((t) => t.text)).toEqual(["set", "$a", "x;y", "proxy_pass", "http://${a}:80", ";"]);
    expect(() => parseNginx({ path: "n.conf", text: "http {\n server {\n" }, [])).toThrow("n.conf:2");
    const { proxies, notes } = readReverseProxies([{ path: "nginx.conf", text: "http {\n  server { proxy_pass http://a.example.com }\n}" }]);
    expect(proxies).toEqual([]);
    expect(notes).toEqual([expect.stringMatching(/^nginx\.conf:2: .*not read/)]);
  });

  it("upstream `resolve` without a resolver does not re-resolve; with a resolver and no version it does, and says which nginx it needs", () => {
    const text = "http { upstream u { server a.example.com resolve; } server { location / { proxy_pass http://u; } } }";
    expect(readReverseProxies([{ path: "nginx.conf", text }]).proxies).toMatchObject([{ target: "a.example.com", reResolves: false, why: expect.stringContaining("no resolver defined") }]);
    const withResolver = text.replace("upstream u {", "upstream u { resolver 10.0.0.2;");
    expect(readReverseProxies([{ path: "nginx.conf", text: withResolver }]).proxies).toMatchObject([{ reResolves: true, why: expect.stringContaining("1.27.3+ or NGINX Plus (the nginx version is not in these files)") }]);
  });
});

describe("HAProxy", () => {
  it("servers without `resolvers` are resolved at start and cached for the process's life (real socket.io docs config)", async () => {
    const app = await fixtureApp("haproxy-once");
    expect(app.proxies.map(brief)).toEqual([
      ["app01", false, "haproxy-once/haproxy.cfg:11"],
      ["app02", false, "haproxy-once/haproxy.cfg:12"],
      ["app03", false, "haproxy-once/haproxy.cfg:13"],
    ]);
    expect(app.proxies[0]!.why).toContain("cached for the process's life");
  });

  it("`resolvers` on the server line or its default-server, with a section that has parse-resolv-conf, re-resolves; a missing section does not (real PrivateRouting template)", async () => {
    const app = await fixtureApp("haproxy-resolvers");
    expect(app.proxies.map(brief)).toEqual([
      ["orders.cluster-abc123xyz.us-east-1.rds.amazonaws.com", true, "haproxy-resolvers/haproxy.cfg:24"],
      ["web.internal.example.com", true, "haproxy-resolvers/haproxy.cfg:28"],
      ["broken.internal.example.com", false, "haproxy-resolvers/haproxy.cfg:32"],
    ]);
  });

  it("a resolvers section without nameserver resolves nothing; defaults' default-server counts; env-var addresses are unknown", () => {
    const cfg = [
      "resolvers empty",
      "  hold valid 10s",
      "resolvers dns",
      "  nameserver ns1 10.0.0.2:53",
      "defaults",
      "  default-server resolvers dns",
      "backend a",
      "  server a1 a.example.com:80",
      "  server a2 b.example.com:80 resolvers empty",
      "backend b",
      "  default-server resolvers none-such",
      "  server e1 ${APP_HOST}:80",
    ].join("\n");
    const { proxies } = readReverseProxies([{ path: "haproxy.cfg", text: cfg }]);
    expect(proxies.map((p) => [p.target, p.reResolves])).toEqual([
      ["a.example.com", true],
      ["b.example.com", false],
      ["${APP_HOST}", false],
    ]);
    const noResolvers = readReverseProxies([{ path: "haproxy.cfg", text: "backend b\n  server e1 ${APP_HOST}:80\n" }]).proxies;
    expect(noResolvers).toMatchObject([{ target: "${APP_HOST}", reResolves: null, why: expect.stringContaining("set at deploy time") }]);
  });
});

describe("Apache httpd", () => {
  it("addressttl on httpd 2.4.49 (Dockerfile FROM) does not count; placeholders are not hosts", async () => {
    const app = await fixtureApp("httpd-old");
    expect(app.proxies).toEqual([
      { server: "httpd", target: "api.internal.example.com", reResolves: false, why: expect.stringContaining("needs httpd 2.4.59+; httpd-old/Dockerfile:1 runs httpd 2.4.49"), at: { file: "httpd-old/conf/httpd.conf", line: 8 } },
    ]);
  });

  it("on 2.4.62: addressttl re-resolves, disablereuse=On re-resolves, plain ProxyPass/BalancerMember/addressttl=-1 resolve once; IP literals are not listed", async () => {
    const app = await fixtureApp("httpd-new");
    const file = "httpd-new/conf/sites-enabled/app.conf";
    expect(app.proxies.map(brief)).toEqual([
      ["api.internal.example.com", true, `${file}:3`],
      ["reports.internal.example.com", true, `${file}:4`],
      ["admin.internal.example.com", false, `${file}:6`],
      ["app1.internal.example.com", false, `${file}:9`],
      ["app2.internal.example.com", true, `${file}:10`],
      ["ws.internal.example.com", false, `${file}:14`],
    ]);
    expect(app.proxies[2]!.why).toContain("resolved once per child process");
  });

  it("addressttl with no httpd version in the files is unknown", async () => {
    const app = await fixtureApp("httpd-unversioned");
    expect(app.proxies).toEqual([
      {
        server: "httpd",
        target: "api.internal.example.com",
        reResolves: null,
        why: "addressttl=30 needs httpd 2.4.59+, the version is not in these files",
        at: { file: "httpd-unversioned/apache2/sites-available/000-default.conf", line: 2 },
      },
    ]);
  });
});

describe("hostile nginx input", () => {
  it("blocks nested absurdly deep are a note, not a stack overflow", () => {
    const { notes } = readReverseProxies([{ path: "nginx.conf", text: "a {".repeat(100000) }]);
    expect(notes).toEqual([expect.stringContaining("nested more than 64 deep")]);
  });
});

describe("nginx fragments", () => {
  it("an upstream defined in one conf.d fragment is not taken for a host name in another", () => {
    const { proxies } = readReverseProxies([
      { path: "conf.d/upstreams.conf", text: "upstream api { server api.example.com:8080; }" },
      { path: "conf.d/site.conf", text: "server { location / { proxy_pass http://api; } }" },
    ]);
    expect(proxies.map((p) => [p.target, p.reResolves, p.at.file])).toEqual([["api.example.com", false, "conf.d/upstreams.conf"]]);
  });
});

describe("nginx includes of files outside the application", () => {
  it("a resolver that may come from an include the application does not hold makes a variable proxy_pass unknown; stock includes (mime.types, proxy_params) do not", () => {
    const text = (include: string) => `http {\n  include ${include};\n  server { location / { set $b api.example.com; proxy_pass http://$b; } }\n}`;
    expect(readReverseProxies([{ path: "nginx.conf", text: text("/etc/nginx/resolvers/*.conf") }]).proxies).toMatchObject([
      { target: "api.example.com", reResolves: null, why: expect.stringContaining("include of /etc/nginx/resolvers/*.conf at nginx.conf:2") },
    ]);
    expect(readReverseProxies([{ path: "nginx.conf", text: text("/etc/nginx/mime.types") }]).proxies).toMatchObject([{ reResolves: false }]);
    expect(readReverseProxies([{ path: "nginx.conf", text: text("proxy_params") }]).proxies).toMatchObject([{ reResolves: false }]);
  });
});

describe("HAProxy default-server order", () => {
  it("a default-server line applies to the servers after it, not before", () => {
    const cfg = "resolvers dns\n  nameserver ns 10.0.0.2:53\nbackend b\n  server s1 one.example.com:80\n  default-server resolvers dns\n  server s2 two.example.com:80\n";
    expect(readReverseProxies([{ path: "haproxy.cfg", text: cfg }]).proxies.map((p) => [p.target, p.reResolves])).toEqual([
      ["one.example.com", false],
      ["two.example.com", true],
    ]);
  });
});

describe("nginx templates", () => {
  it("a .conf.tpl/.template in an nginx_* directory is read; its ${NAME} placeholders are filled in before nginx starts, so they are literal hosts", () => {
    const { proxies } = readReverseProxies([
      { path: "nginx_proxy/default.conf.tpl", text: "server { listen 8000; location / { proxy_pass http://app:9000; } }" },
      { path: "templates/default.conf.template", text: "server { location / { proxy_pass http://${BACKEND_HOST}:8080; } location /b/ { proxy_pass http://$backend; } }" },
    ]);
    expect(proxies.map((p) => [p.target, p.reResolves])).toEqual([
      ["app", false],
      ["${BACKEND_HOST}", false],
      ["$backend", false],
    ]);
    expect(proxies[1]!.why).toContain("filled in from the environment");
    expect(proxies[2]!.why).toContain("no resolver defined");
  });
});
