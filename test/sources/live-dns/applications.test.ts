// --app-config with --resolve (SPEC §7.3–7.4): an application's own host name, followed through a real DNS server, links it to the database and decides clients.no_instance_endpoints.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRun, type RunContext } from "../../../src/run/session.js";
import { startDnsmasq, type Dnsmasq } from "../../support/dnsmasq.js";

const HASH = "c7x2kq4mpl9e.us-east-1.rds.amazonaws.com";
const POLICY = `version: 1
name: apps
targets:
  - name: applications
    match: { kinds: [application] }
    require:
      clients: { no_instance_endpoints: true }
`;

let dns: Dnsmasq;
beforeAll(async () => {
  dns = await startDnsmasq({
    hosts: [[`orders-prod-instance-2.${HASH}`, "10.0.0.2", 5], ["cache.example.com", "10.0.9.9", 60]],
    cnames: [
      ["reports-db.example.com", `orders-prod-instance-2.${HASH}`, 60],
      ["orders-db.example.com", `orders-prod.cluster-${HASH}`, 5],
    ],
    localDomains: ["example.com", "amazonaws.com"],
  });
});
afterAll(async () => {
  await dns?.stop();
});

/** An application directory whose Spring datasource names `host`, judged alone (no database input). */
async function judge(host: string, resolve: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "haspec-app-dns-"));
  mkdirSync(join(dir, "reports/src/main/resources"), { recursive: true });
  writeFileSync(join(dir, "reports/Dockerfile"), "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n");
  writeFileSync(join(dir, "reports/src/main/resources/application.properties"), `spring.datasource.url=jdbc:mysql://${host}:3306/reports\n`);
  writeFileSync(join(dir, "haspec.yaml"), POLICY);
  const context: RunContext = { cwd: dir, env: {}, now: () => new Date("2026-12-07T00:00:00Z") };
  const run = await openRun(
    { inputs: [], policies: ["haspec.yaml"], appConfigs: ["reports"], live: { regions: [], roleArns: [], env: {}, now: context.now }, ...(resolve ? { liveDns: { server: dns.server } } : {}) },
    context,
  );
  return run.evaluate().results.find((r) => r.rule === "clients.no_instance_endpoints")!;
}

describe("applications and live DNS", () => {
  it("a name of the application's that the DNS answers as a CNAME to an instance endpoint fails, at the URL's line", async () => {
    expect(await judge("reports-db.example.com", true)).toMatchObject({
      status: "fail",
      location: { file: "reports/src/main/resources/application.properties", line: 1 },
      data: { host: expect.stringContaining(`through reports-db.example.com to orders-prod-instance-2.${HASH}`) },
    });
  });

  it("a CNAME to the cluster endpoint, or a plain address record, passes; without --resolve the same name is unknown", async () => {
    expect(await judge("orders-db.example.com", true)).toMatchObject({ status: "pass" });
    expect(await judge("cache.example.com", true)).toMatchObject({ status: "pass" });
    expect(await judge("reports-db.example.com", false)).toMatchObject({ status: "unknown", reason: expect.stringContaining("--resolve") });
  });
});
