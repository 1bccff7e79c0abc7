// The application patches of `haspec fix --app-config`: each change on the line a failing result names, and `git apply` accepts the patch.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { planAppFixes } from "../../src/fix/app-config.js";
import type { Application } from "../../src/model/application.js";
import { policy, target } from "../support/policy.js";
import { app, db, pool } from "../support/apps.js";
import { inventory, resource } from "../support/build.js";

const POLICY = policy({
  targets: [
    target({
      name: "apps",
      require: { "clients.max_dns_cache": 5, "clients.max_pool_lifetime": 300, "clients.no_instance_endpoints": true, "clients.proxies_re_resolve": true },
    }),
  ],
});

/** Writes `files` into a fresh git repository and returns it. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-app-fix-test-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  execFileSync("git", ["init", "-q"], { cwd: dir });
  return dir;
}

function patched(dir: string, application: Application) {
  const inv = { ...inventory({ resources: [resource()] }), applications: [application] };
  const evaluation = evaluate([POLICY], inv, { now: new Date("2026-12-07T00:00:00Z") });
  const [fix] = planAppFixes(evaluation.results, dir);
  writeFileSync(join(dir, "fix.patch"), fix!.patch);
  execFileSync("git", ["apply", "fix.patch"], { cwd: dir });
  return fix!;
}

describe("haspec fix --app-config patches", () => {
  it("adds the JVM TTL after the running stage's FROM, HikariCP's lifetime after the URL, and the cluster endpoint instead of the instance's", () => {
    const instance = "orders-prod-1.abc123.us-east-1.rds.amazonaws.com";
    const dir = repo({
      "svc/Dockerfile": "FROM maven:3-eclipse-temurin-21 AS build\nRUN mvn package\nFROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n",
      "svc/application.properties": `spring.datasource.url=jdbc:mysql://${instance}:3306/orders\nspring.datasource.username=app\n`,
    });
    const application = app({
      runtimes: [{ kind: "jvm", version: "21", at: { file: "svc/Dockerfile", line: 3 } }],
      databases: [db(instance, { at: { file: "svc/application.properties", line: 1 } })],
      pools: [pool(1800, { at: { file: "svc/application.properties", line: 1 }, defaultFrom: "HikariCP default" })],
    });
    const fix = patched(dir, application);
    expect(readFileSync(join(dir, "svc/Dockerfile"), "utf8")).toBe(
      'FROM maven:3-eclipse-temurin-21 AS build\nRUN mvn package\nFROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-Dsun.net.inetaddr.ttl=5"\nCOPY app.jar /app.jar\n',
    );
    expect(readFileSync(join(dir, "svc/application.properties"), "utf8")).toBe(
      "spring.datasource.url=jdbc:mysql://orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com:3306/orders\nspring.datasource.hikari.max-lifetime=300000\nspring.datasource.username=app\n",
    );
    expect(fix.fixed.toSorted()).toEqual(["clients.max_dns_cache", "clients.max_pool_lifetime", "clients.no_instance_endpoints"]);
  });

  it("puts the flag into an existing JAVA_TOOL_OPTIONS instead of replacing it, and edits a set value in place", () => {
    const dir = repo({
      Dockerfile: 'FROM eclipse-temurin:17\nENV JAVA_TOOL_OPTIONS="-Xmx512m"\n',
      "src/main/resources/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://db.internal/app\n    hikari:\n      max-lifetime: 1800000\n",
    });
    patched(
      dir,
      app({
        runtimes: [{ kind: "jvm", version: "17", at: { file: "Dockerfile", line: 1 } }],
        pools: [pool(1800, { at: { file: "src/main/resources/application.yml", line: 5 } })],
      }),
    );
    expect(readFileSync(join(dir, "Dockerfile"), "utf8")).toBe('FROM eclipse-temurin:17\nENV JAVA_TOOL_OPTIONS="-Dsun.net.inetaddr.ttl=5 -Xmx512m"\n');
    expect(readFileSync(join(dir, "src/main/resources/application.yml"), "utf8")).toContain("      max-lifetime: 300000\n");
  });

  it("HAProxy gets a resolvers section and the server line names it; httpd resolves per connection; nginx without a resolver is a manual step", () => {
    const dir = repo({
      "haproxy.cfg": "backend web\n    server web1 internal-web.us-east-1.elb.amazonaws.com:80 check\n",
      "httpd.conf": "ProxyPass /api http://internal-api.us-east-1.elb.amazonaws.com/\n",
      "nginx.conf": "http {\n  server {\n    location / { proxy_pass http://internal-web.us-east-1.elb.amazonaws.com; }\n  }\n}\n",
    });
    const proxy = (server: "nginx" | "haproxy" | "httpd", file: string, line: number, target: string) => ({ server, target, reResolves: false, why: "resolved once", at: { file, line } });
    const fix = patched(
      dir,
      app({
        proxies: [
          proxy("haproxy", "haproxy.cfg", 2, "internal-web.us-east-1.elb.amazonaws.com"),
          proxy("httpd", "httpd.conf", 1, "internal-api.us-east-1.elb.amazonaws.com"),
          proxy("nginx", "nginx.conf", 3, "internal-web.us-east-1.elb.amazonaws.com"),
        ],
      }),
    );
    const haproxy = readFileSync(join(dir, "haproxy.cfg"), "utf8");
    expect(haproxy).toContain("server web1 internal-web.us-east-1.elb.amazonaws.com:80 check resolvers haspec init-addr last,libc,none\n");
    expect(haproxy).toContain("resolvers haspec\n    parse-resolv-conf\n");
    expect(readFileSync(join(dir, "httpd.conf"), "utf8")).toBe("ProxyPass /api http://internal-api.us-east-1.elb.amazonaws.com/ disablereuse=On\n");
    expect(fix.manual.map((m) => m.text).join("\n")).toContain("resolver <your DNS server>");
    expect(fix.fixed).toEqual([]);
  });

  it("nginx with a resolver in the file: the literal host becomes a variable", () => {
    const dir = repo({ "nginx.conf": "resolver 10.0.0.2 valid=5s;\nserver {\n  location / {\n    proxy_pass http://internal-web.us-east-1.elb.amazonaws.com:8080;\n  }\n}\n" });
    patched(dir, app({ proxies: [{ server: "nginx", target: "internal-web.us-east-1.elb.amazonaws.com", reResolves: false, why: "literal", at: { file: "nginx.conf", line: 4 } }] }));
    expect(readFileSync(join(dir, "nginx.conf"), "utf8")).toContain(
      "    set $haspec_upstream internal-web.us-east-1.elb.amazonaws.com:8080;\n    proxy_pass http://$haspec_upstream;\n",
    );
  });
});
