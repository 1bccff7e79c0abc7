// Applications judged end to end by the built CLI, rule by rule: the demo's four and two built from real repositories' files, each verdict and its deciding line checked by reading the files.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const POLICY = "test/fixtures/apps/clients-policy.yaml";

/** rule key → [status, deciding line] (line undefined: no place, e.g. not applicable). */
type Expected = Record<string, readonly [string, number | undefined]>;

const CASES: readonly { app: string; inputs?: readonly string[]; file?: string; expected: Expected }[] = [
  {
    // Dockerfile:11 ENV JAVA_TOOL_OPTIONS -Dsun.net.inetaddr.ttl=60; Hikari without max-lifetime (30 min) under the url at application.yml:7.
    app: "examples/apps/payments-api",
    inputs: ["examples/demo-fleet"],
    expected: {
      max_dns_cache: ["fail", 11],
      max_pool_lifetime: ["fail", 7],
      no_instance_endpoints: ["pass", 7],
      failover_aware: ["fail", 7],
      proxies_re_resolve: ["not_applicable", undefined],
    },
  },
  {
    // Django HOST = ledger-prod-instance-1's endpoint (settings.py:16), CONN_MAX_AGE 600 (settings.py:18).
    app: "examples/apps/ledger-worker",
    inputs: ["examples/demo-fleet"],
    expected: {
      max_dns_cache: ["pass", 1],
      max_pool_lifetime: ["fail", 18],
      no_instance_endpoints: ["fail", 16],
      failover_aware: ["fail", 16],
      proxies_re_resolve: ["not_applicable", undefined],
    },
  },
  {
    // mysql2 createPool through orders-proxy's endpoint (db.js:5); mysql2 has no lifetime option.
    app: "examples/apps/orders-web",
    inputs: ["examples/demo-fleet"],
    expected: {
      max_dns_cache: ["pass", 1],
      max_pool_lifetime: ["fail", 4],
      no_instance_endpoints: ["pass", 5],
      failover_aware: ["pass", 5],
      proxies_re_resolve: ["not_applicable", undefined],
    },
  },
  {
    // nginx.conf:12 proxy_pass with a literal load balancer name, no resolver.
    app: "examples/apps/edge",
    expected: {
      max_dns_cache: ["not_applicable", undefined],
      max_pool_lifetime: ["not_applicable", undefined],
      no_instance_endpoints: ["not_applicable", undefined],
      failover_aware: ["not_applicable", undefined],
      proxies_re_resolve: ["fail", 12],
    },
  },
  {
    // python-lead/task-queue's database settings: HOST from POSTGRES_HOST, which the .env sets to a cluster endpoint; CONN_MAX_AGE 100.
    app: "test/fixtures/apps/django-env",
    expected: {
      max_dns_cache: ["pass", 1],
      max_pool_lifetime: ["pass", 12],
      no_instance_endpoints: ["pass", 11],
      failover_aware: ["fail", 11],
      proxies_re_resolve: ["not_applicable", undefined],
    },
  },
  {
    // aws-advanced-jdbc-wrapper's Spring example (failover,efm; max-lifetime 840000 ms at application.yml:11) and RIPE whois's
    // @Configuration JvmSecurityManager (Security.setProperty ttl 30 at line 16), beside a decoy class nothing uses.
    app: "test/fixtures/apps/jvm/spring-wrapper",
    expected: {
      max_dns_cache: ["fail", 16],
      max_pool_lifetime: ["fail", 11],
      no_instance_endpoints: ["pass", 3],
      failover_aware: ["pass", 3],
      proxies_re_resolve: ["not_applicable", undefined],
    },
  },
];

describe("applications, rule by rule, through the CLI", () => {
  it.each(CASES.map((c) => [c.app, c] as const))("%s", async (_, c) => {
    const run = await runCli(["check", "-p", POLICY, ...(c.inputs ?? []), "--app-config", c.app, "--format", "json", "--no-interactive"]);
    expect(run.stderr).toBe("");
    const results = (JSON.parse(run.stdout) as { results: { resource: { kind: string }; rule: string; status: string; location?: { file: string; line: number } }[] }).results.filter(
      (r) => r.resource.kind === "application",
    );
    const got = Object.fromEntries(results.map((r) => [r.rule.replace("clients.", ""), [r.status, r.location?.line] as const]));
    expect(got).toEqual(c.expected);
    for (const r of results) if (r.location) expect(r.location.file.startsWith(c.app), `${r.rule} points into the application`).toBe(true);
  });
});
