// Assumptions: the policy beats the default, only those used are listed, bad values are refused, and docs/assumptions.md lists exactly ASSUMPTIONS.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { ASSUMPTIONS, assumptionsTable, figuresTable, resolveAssumptions } from "../../src/simulate/index.js";

describe("resolveAssumptions", () => {
  it("gives the documented defaults, as the SPEC example shows them", () => {
    const a = resolveAssumptions();
    expect(a.value("client_dns_cache")).toEqual({ name: "client_dns_cache", seconds: 30, from: "default", source: "JDK java.security networkaddress.cache.ttl (no security manager)" });
    expect(a.value("pool_max_lifetime")).toMatchObject({ seconds: 1800, from: "default", source: expect.stringContaining("HikariCP") });
    expect(a.value("dns_update")).toMatchObject({ seconds: 30, from: "default" });
  });

  it("takes the policy's figure ahead of the default and lists only what was used, sorted by name", () => {
    const a = resolveAssumptions({ dns_update: 20 }, "prod.yaml");
    expect(a.used()).toEqual([]);
    a.value("pool_max_lifetime");
    a.value("dns_update");
    expect(a.used()).toEqual([
      { name: "dns_update", seconds: 20, from: "policy", source: "prod.yaml" },
      { name: "pool_max_lifetime", seconds: 1800, from: "default", source: expect.any(String) },
    ]);
  });

  it("refuses names it does not know and negative durations", () => {
    expect(() => resolveAssumptions({ dns_cache: 5 } as never, "p.yaml")).toThrow(UserError);
    expect(() => resolveAssumptions({ dns_cache: 5 } as never, "p.yaml")).toThrow(/p.yaml: assumptions.dns_cache is not an assumption haspec knows/);
    expect(() => resolveAssumptions({ client_dns_cache: -1 })).toThrow(/0 seconds or more/);
  });
});

describe("ASSUMPTIONS", () => {
  it("documents every name once, with a default, its source and its meaning", () => {
    expect(ASSUMPTIONS.map((a) => a.name)).toEqual(["client_dns_cache", "dns_update", "pool_max_lifetime", "instance_launch", "instance_recovery", "target_health_check", "lb_dns_failover"]);
    for (const a of ASSUMPTIONS) {
      expect(a.meaning.length).toBeGreaterThan(20);
      expect(a.default.source.length).toBeGreaterThan(10);
      expect(a.default.low).toBeLessThanOrEqual(a.default.seconds);
    }
  });

  // HASPEC_UPDATE_DOCS=1 npx vitest run test/simulate/assumptions.test.ts rewrites the generated tables.
  const DOC = resolve(import.meta.dirname, "../../docs/assumptions.md");
  const sections = { assumptions: assumptionsTable, figures: figuresTable };
  if (process.env.HASPEC_UPDATE_DOCS === "1") {
    let doc = readFileSync(DOC, "utf8");
    for (const [name, table] of Object.entries(sections)) {
      doc = doc.replace(new RegExp(`<!-- ${name}:begin -->\\n[\\s\\S]*?<!-- ${name}:end -->`), () => `<!-- ${name}:begin -->\n${table()}\n<!-- ${name}:end -->`);
    }
    writeFileSync(DOC, doc);
  }

  it.each(Object.entries(sections))("docs/assumptions.md holds the generated %s table (HASPEC_UPDATE_DOCS=1 rewrites it)", (name, table) => {
    const m = new RegExp(`<!-- ${name}:begin -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readFileSync(DOC, "utf8"));
    expect(m?.[1]).toBe(table());
  });
});
