// `--resolve` end to end: an AWS CLI JSON fleet whose endpoints a real dnsmasq serves, judged by the dns.* rules through the session and the CLI.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, type Io } from "../../../src/cli/main.js";
import type { Result } from "../../../src/engine/result.js";
import { openRun, type RunContext, type RunOptions } from "../../../src/run/session.js";
import { startDnsmasq, type Dnsmasq } from "../../support/dnsmasq.js";
import { REPO } from "../../support/run-cli.js";

const DEMO = join(REPO, "examples/demo-fleet/us-east-1");
const HASH = "c7x2kq4mpl9e.us-east-1.rds.amazonaws.com";
const CLUSTER = `orders-prod.cluster-${HASH}`;
const READER_ENDPOINT = `orders-prod.cluster-ro-${HASH}`;
const instanceEndpoint = (n: number) => `orders-prod-instance-${n}.${HASH}`;

const POLICY = `version: 1
name: live-dns
targets:
  - name: all
    match: {}
    require:
      dns:
        max_ttl: 5
        no_instance_endpoint_records: true
`;

/** orders-prod and its instances from the demo fleet, the policy, and (with `route53`) a hosted zone with no CNAME in it. */
function fleetDir(route53: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-live-dns-"));
  const clusters = JSON.parse(readFileSync(join(DEMO, "describe-db-clusters.json"), "utf8"));
  const instances = JSON.parse(readFileSync(join(DEMO, "describe-db-instances.json"), "utf8"));
  mkdirSync(join(dir, "fleet"));
  writeFileSync(
    join(dir, "fleet/describe-db-clusters.json"),
    JSON.stringify({ DBClusters: clusters.DBClusters.filter((c: { DBClusterIdentifier: string }) => c.DBClusterIdentifier === "orders-prod") }),
  );
  writeFileSync(
    join(dir, "fleet/describe-db-instances.json"),
    JSON.stringify({ DBInstances: instances.DBInstances.filter((i: { DBClusterIdentifier?: string }) => i.DBClusterIdentifier === "orders-prod") }),
  );
  if (route53) {
    const soa = { Name: "example.com.", Type: "SOA", TTL: 900, ResourceRecords: [{ Value: "ns-0.awsdns-00.com. hostmaster.example.com. 1 7200 900 1209600 86400" }] };
    writeFileSync(join(dir, "fleet/list-resource-record-sets.ZLIVE.json"), JSON.stringify({ ResourceRecordSets: [soa] }));
  }
  writeFileSync(join(dir, "haspec.yaml"), POLICY);
  return dir;
}

let dns: Dnsmasq;
beforeAll(async () => {
  // What AWS serves for orders-prod (the cluster endpoint a 5 s CNAME to the writer's instance endpoint), and the user's names.
  dns = await startDnsmasq({
    hosts: [1, 2, 3].map((n) => [instanceEndpoint(n), `10.0.0.${n}`, 5] as const),
    cnames: [
      [CLUSTER, instanceEndpoint(1), 5],
      [READER_ENDPOINT, instanceEndpoint(2), 1],
      [`orders-prod-reporting.cluster-custom-${HASH}`, instanceEndpoint(3), 5],
      ["orders-db.example.com", CLUSTER, 300],
      ["orders-pinned.example.com", instanceEndpoint(2), 5],
      ["orders-short.example.com", CLUSTER, 5],
    ],
    localDomains: ["example.com", "amazonaws.com"],
  });
});
afterAll(async () => {
  await dns?.stop();
});

const NOW = () => new Date("2026-11-22T10:00:00Z");
const live = { regions: [], roleArns: [], env: {}, now: NOW };

async function judge(dir: string, liveDns: RunOptions["liveDns"]): Promise<{ results: readonly Result[]; notes: readonly string[] }> {
  const context: RunContext = { cwd: dir, env: {}, now: NOW };
  const run = await openRun({ inputs: [join(dir, "fleet")], policies: [join(dir, "haspec.yaml")], live, ...(liveDns === undefined ? {} : { liveDns }) }, context);
  return { results: run.evaluate().results, notes: run.inventory.notes };
}
const ruleResult = (results: readonly Result[], rule: string) => results.find((r) => r.resource.id === "orders-prod" && r.rule === rule)!;

const hosts = [
  { host: "orders-db.example.com", why: "host of orders-api (application.yml:3)" },
  { host: "orders-pinned.example.com", why: "host of reports (settings.py:12)" },
];

describe("--resolve with the session API", () => {
  it("fails dns.max_ttl on an application's CNAME with TTL 300 to the cluster endpoint, the live record as evidence", async () => {
    const { results } = await judge(fleetDir(true), { server: dns.server, hosts });
    const ttl = ruleResult(results, "dns.max_ttl");
    expect(ttl.status).toBe("fail");
    expect(ttl.actual).toBe(300);
    expect(ttl.evidence).toContainEqual({
      field: "ResourceRecordSets[orders-db.example.com].TTL",
      value: { ttl: 300, target: CLUSTER, via: [], certain: true, answeredBy: `live DNS ${dns.server}` },
    });
    expect(ttl.message).toContain("orders-db.example.com (TTL 300 s)");
  });

  it("fails dns.no_instance_endpoint_records on a CNAME to an instance endpoint, not on AWS's own cluster-endpoint CNAME", async () => {
    const { results } = await judge(fleetDir(true), { server: dns.server, hosts });
    const pinned = ruleResult(results, "dns.no_instance_endpoint_records");
    expect(pinned.status).toBe("fail");
    expect(pinned.actual).toEqual(["orders-pinned.example.com"]);
    expect(pinned.message).toContain("orders-pinned.example.com → orders-prod-instance-2");
  });

  it("fails dns.max_ttl through a caching resolver too: what is left of TTL 300 is a floor above the limit", async () => {
    const caching = await startDnsmasq({ forwardTo: `127.0.0.1#${dns.port}` });
    try {
      const dir = fleetDir(true);
      await judge(dir, { server: caching.server, hosts }); // the first answer is the authoritative one passed through; the next come from the cache
      const { results } = await judge(dir, { server: caching.server, hosts });
      const ttl = ruleResult(results, "dns.max_ttl");
      expect(ttl.status).toBe("fail");
      expect(ttl.evidence).toContainEqual({
        field: "ResourceRecordSets[orders-db.example.com].TTL",
        value: { ttl: null, ttlAtLeast: expect.any(Number), target: CLUSTER, via: [], certain: true, answeredBy: `live DNS ${caching.server}` },
      });
      expect(ttl.actual).toBeGreaterThan(5);
    } finally {
      await caching.stop();
    }
  });

  it("passes both rules when only the endpoints are resolved: AWS's records (cluster → writer, TTL 5) are not the user's", async () => {
    const { results, notes } = await judge(fleetDir(true), { server: dns.server });
    expect(ruleResult(results, "dns.no_instance_endpoint_records").status).toBe("pass");
    expect(ruleResult(results, "dns.max_ttl").status).toBe("pass");
    expect(notes.filter((n) => n.startsWith("live DNS"))).toEqual([]);
  });

  it("without the Route 53 records, live records can still fail both rules (the record found is certain)", async () => {
    const { results, notes } = await judge(fleetDir(false), { server: dns.server, hosts });
    const ttl = ruleResult(results, "dns.max_ttl");
    expect(ttl.status).toBe("fail");
    expect(ttl.evidence).toContainEqual({ field: "ResourceRecordSets[orders-db.example.com].TTL", value: { ttl: 300, target: CLUSTER, via: [], certain: true, answeredBy: `live DNS ${dns.server}` } });
    expect(ruleResult(results, "dns.no_instance_endpoint_records")).toMatchObject({ status: "fail", actual: ["orders-pinned.example.com"] });
    expect(notes).toContainEqual(expect.stringContaining(`live DNS found orders-db.example.com → ${CLUSTER}; orders-pinned.example.com → ${instanceEndpoint(2)}: these can fail the dns.* rules, never pass them`));
  });

  it("without the Route 53 records, live records within the limits leave both rules unknown, never pass; NXDOMAIN is noted with its reason", async () => {
    const { results, notes } = await judge(fleetDir(false), {
      server: dns.server,
      hosts: [
        { host: "orders-short.example.com", why: "host of orders-api (application.yml:3)" },
        { host: "gone.example.com", why: "host of billing (.env:1)" },
      ],
    });
    expect(ruleResult(results, "dns.max_ttl")).toMatchObject({ status: "unknown", reason: expect.stringContaining("the DNS records are unknown") });
    expect(ruleResult(results, "dns.no_instance_endpoint_records").status).toBe("unknown");
    expect(notes).toContainEqual(`live DNS: gone.example.com (host of billing (.env:1)) did not resolve: no such name (NXDOMAIN from ${dns.server})`);
  });
});

describe("--resolve in the failure simulation", () => {
  it("an application's CNAME found live becomes the estimate's CNAME TTL term, from evidence", async () => {
    const dir = fleetDir(true);
    const context: RunContext = { cwd: dir, env: {}, now: NOW };
    const run = await openRun({ inputs: [join(dir, "fleet")], policies: [], policyOptional: true, live, liveDns: { server: dns.server, hosts } }, context);
    const { parseDisruption } = await import("../../../src/simulate/index.js");
    const { simulateRun } = await import("../../../src/run/simulation.js");
    const report = await simulateRun(run, [parseDisruption("writer")]);
    const orders = report.scenarios.find((s) => s.resource.id === "orders-prod")!;
    expect(orders.rto.terms).toContainEqual(
      expect.objectContaining({ term: "CNAME TTL", high: 300, from: "evidence", ref: expect.stringContaining("orders-db.example.com (zone live DNS") }),
    );
    // dnsmasq answers the cluster endpoint authoritatively with TTL 5: the endpoint's TTL term is that answer.
    expect(orders.rto.terms).toContainEqual(expect.objectContaining({ term: "endpoint DNS TTL", high: 5, from: "evidence", ref: expect.stringContaining(`live DNS ${dns.server}`) }));
  });

  it("without --resolve the endpoint's TTL is AWS's published 5 s", async () => {
    const dir = fleetDir(true);
    const run = await openRun({ inputs: [join(dir, "fleet")], policies: [], policyOptional: true, live }, { cwd: dir, env: {}, now: NOW });
    const { parseDisruption } = await import("../../../src/simulate/index.js");
    const { simulateRun } = await import("../../../src/run/simulation.js");
    const orders = (await simulateRun(run, [parseDisruption("writer")])).scenarios.find((s) => s.resource.id === "orders-prod")!;
    expect(orders.rto.terms).toContainEqual(expect.objectContaining({ term: "endpoint DNS TTL", high: 5, from: "aws-doc" }));
  });
});

function sink(): Writable & { text: string } {
  const out = new Writable({
    write(chunk, _enc, done) {
      out.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  out.text = "";
  return out;
}

async function cli(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = sink();
  const stderr = sink();
  const io: Io = { stdout, stderr, env: {}, cwd, now: NOW };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("haspec check/simulate --resolve", () => {
  it("check --dns-server resolves the endpoints and lists the server among the sources", async () => {
    const dir = fleetDir(true);
    const run = await cli(["check", join(dir, "fleet"), "-p", join(dir, "haspec.yaml"), "--resolve", "--dns-server", dns.server, "--format", "json"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sources).toContainEqual({ kind: "dns", location: `live DNS ${dns.server}` });
    const statuses = report.results.filter((r: { resource: { id: string } }) => r.resource.id === "orders-prod").map((r: { rule: string; status: string }) => [r.rule, r.status]);
    expect(statuses).toEqual(expect.arrayContaining([["dns.max_ttl", "pass"], ["dns.no_instance_endpoint_records", "pass"]]));
  });

  it("simulate takes --resolve too", async () => {
    const dir = fleetDir(true);
    const run = await cli(["simulate", join(dir, "fleet"), "--dns-server", dns.server, "--fail", "writer", "--format", "json"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).sources).toContainEqual({ kind: "dns", location: `live DNS ${dns.server}` });
  });

  it.each([
    [["--dns-server", "127.0.0.1:70000"], 'the port "70000" is not a number from 1 to 65535'],
    [["--dns-server", "not a host"], "not a host is neither an IP address nor a host name"],
    [["--dns-server", "127.0.0.1", "--dns-server", "10.0.0.2"], "--dns-server is given 2 times: give one server"],
  ])("a bad --dns-server (%j) is exit 2 with a clear message, before anything is read", async (flags, message) => {
    for (const command of ["check", "simulate"]) {
      const run = await cli([command, "no-such-input", ...flags], fleetDir(true));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain("no-such-input");
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    }
  });
});
