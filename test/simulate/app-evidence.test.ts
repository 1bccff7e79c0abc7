// The applications' part of a simulation (SPEC §7.3): the client terms of a resource come from the applications that connect to it, worst first, named with file:line.
import { describe, expect, it } from "vitest";
import { buildFacts } from "../../src/facts/index.js";
import { clientEvidence, parseDisruption, resolveAssumptions, simulateResource } from "../../src/simulate/index.js";
import { app, at, db, dnsSetting, jvm, pool } from "../support/apps.js";
import { resource } from "../support/build.js";
import { simInventory, termNamed } from "./support.js";

const CLUSTER = "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com";

function writerScenario(applications: ReturnType<typeof app>[], policy: Record<string, number> = {}) {
  const r = resource();
  const inv = { ...simInventory({ resources: [r] }), applications };
  const facts = buildFacts(inv);
  return simulateResource(r, parseDisruption("writer"), facts, resolveAssumptions(policy, "p.yaml", clientEvidence(facts)));
}

describe("client terms from the applications", () => {
  it("an application's JVM TTL and its pool's lifetime replace the assumptions, named with the application and file:line", () => {
    const spring = app({
      runtimes: [jvm("21")],
      jvmDns: [dnsSetting("system-property", 60, 11)],
      databases: [db(CLUSTER)],
      pools: [pool(1800, { defaultFrom: "HikariCP maxLifetime default 1800000 ms" })],
    });
    const s = writerScenario([spring], { client_dns_cache: 5 });
    expect(termNamed(s.rto, "client DNS cache")).toMatchObject({ high: 60, from: "evidence", ref: "orders-api app/application.properties:11" });
    expect(termNamed(s.rto, "stale pooled connections")).toMatchObject({ high: 1800, from: "evidence", note: expect.stringContaining("HikariCP") });
  });

  it("without an application the same scenario shows the assumption", () => {
    const s = writerScenario([], { client_dns_cache: 5 });
    expect(termNamed(s.rto, "client DNS cache")).toMatchObject({ high: 5, from: "policy" });
  });

  it("the worst of several applications decides; one the files cannot tell makes the estimate unknown", () => {
    const a = app({ id: "a", runtimes: [{ kind: "node", at: at(1, "a/package.json") }], databases: [db(CLUSTER)] });
    const b = app({ id: "b", runtimes: [jvm()], databases: [db(CLUSTER)] });
    expect(termNamed(writerScenario([a, b]).rto, "client DNS cache")).toMatchObject({ high: 30, from: "evidence", ref: expect.stringMatching(/^b /) });
    const c = app({ id: "c", databases: [db(CLUSTER)] });
    const s = writerScenario([a, c]);
    expect(s.rto.bound).toBe("unknown");
    expect(s.rto.reason).toContain("c: c runs on a JVM");
  });

  it("an application that reaches another database, or goes through RDS Proxy, gives no term", () => {
    const elsewhere = app({ runtimes: [jvm()], jvmDns: [dnsSetting("security-property", -1)], databases: [db("billing.cluster-abc123.us-east-1.rds.amazonaws.com")] });
    const proxied = app({ id: "p", runtimes: [jvm()], jvmDns: [dnsSetting("security-property", -1)], databases: [db("orders-proxy.proxy-abc123.us-east-1.rds.amazonaws.com")] });
    expect(termNamed(writerScenario([elsewhere, proxied]).rto, "client DNS cache")).toMatchObject({ from: "default" });
  });
});
