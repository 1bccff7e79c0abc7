// Unit tests for clients.max_dns_cache: the JVM's precedence of settings, its defaults, and runtimes without a cache.
import { describe, expect, it } from "vitest";
import { maxDnsCache } from "../../../src/rules/clients/max_dns_cache.js";
import { app, db, dnsSetting, judged, jvm } from "../../support/apps.js";

const check = (a: ReturnType<typeof app>, limit = 5) => {
  const { resource, ctx } = judged(a);
  return maxDnsCache.check(resource, limit, ctx);
};

describe("clients.max_dns_cache", () => {
  it("a JVM with nothing set caches 30 s (its default) and fails a 5 s limit, pointing at the runtime's line", () => {
    const v = check(app({ runtimes: [jvm("17")] }));
    expect(v).toMatchObject({ status: "fail", actual: 30, location: { file: "app/Dockerfile", line: 1 } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "edit-app-config", change: { what: "jvm-dns-cache", seconds: 5 } })]);
  });

  it("the security property wins over -Dsun.net.inetaddr.ttl, and Security.setProperty in live code over both", () => {
    const sys = dnsSetting("system-property", 60, 7);
    const prop = dnsSetting("security-property", 5, 8);
    expect(check(app({ runtimes: [jvm()], jvmDns: [sys, prop] }))).toMatchObject({ status: "pass", actual: 5, location: { line: 8 } });
    const code = dnsSetting("programmatic", 120, 9);
    expect(check(app({ runtimes: [jvm()], jvmDns: [sys, prop, code] }))).toMatchObject({ status: "fail", actual: 120, location: { line: 9 } });
  });

  it("a setting in code that never runs does not decide (the decoy)", () => {
    const dead = dnsSetting("programmatic", 1, 9, false);
    expect(check(app({ runtimes: [jvm()], jvmDns: [dead] }))).toMatchObject({ status: "fail", actual: 30 });
  });

  it("a security manager makes the default forever up to JDK 23", () => {
    const manager = dnsSetting("security-manager", null, 5);
    expect(check(app({ runtimes: [jvm("17")], jvmDns: [manager] }), 3600)).toMatchObject({ status: "fail", actual: "forever", location: { line: 5 } });
    expect(check(app({ runtimes: [jvm("25")], jvmDns: [manager] }), 30)).toMatchObject({ status: "pass", actual: 30 });
  });

  it("-1 is forever; a value from a variable the files do not set is unknown, never a pass", () => {
    expect(check(app({ runtimes: [jvm()], jvmDns: [dnsSetting("security-property", -1)] }), 86400)).toMatchObject({ status: "fail", actual: "forever" });
    expect(check(app({ runtimes: [jvm()], jvmDns: [dnsSetting("system-property", null)] }), 86400).status).toBe("unknown");
  });

  it("Node.js keeps no cache of its own; an application whose runtime nothing tells is unknown", () => {
    expect(check(app({ runtimes: [{ kind: "node", at: { file: "package.json", line: 1 } }] }), 0)).toMatchObject({ status: "pass", actual: 0 });
    expect(check(app({ databases: [db("db.example.com")] })).status).toBe("unknown");
    expect(check(app({ databases: [db("db.example.com")] })).reason).toContain("no Dockerfile, manifest, unit or start script shows its options");
    expect(check(app({ databases: [db("db.example.com", { driver: "sqlalchemy" })] }), 0)).toMatchObject({ status: "pass", actual: 0, location: { line: 2 } });
    expect(check(app()).status).toBe("not_applicable");
  });
});
