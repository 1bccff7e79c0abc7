import { describe, expect, it } from "vitest";
import { FRAMEWORKS, controlsOf, rulesOfFramework } from "../../src/rules/controls.js";
import { RULES } from "../../src/rules/index.js";

/** The control ids FACTS.md §11 verifies; anything else (RDS.35, RDS.50, invented BPs) must not appear. */
const VERIFIED: Record<string, RegExp> = {
  // AutoScaling.1/2/6 and ELB.9/10/13: FACTS-RESILIENCE.md §5 (Security Hub autoscaling-controls.md, elb-controls.md).
  fsbp: /^(RDS\.(5|6|7|8|11|13|14|15|16|17|19|20)|AutoScaling\.[126]|ELB\.(9|10|13))$/,
  // REL 13 BP01 and BP03: FACTS-RESILIENCE.md §1.9 (the Well-Architected rel-13 page).
  "well-architected": /^(REL 9 BP0[1-4]|REL 10 BP0[1-3]|REL 11 BP0[1-7]|REL 13|REL 13 BP0[13])$/,
  soc2: /^A1\.[23]$/,
  iso27001: /^A\.8\.1[34]$/,
};

describe("control mapping", () => {
  const CONTROLS = Object.fromEntries(RULES.map((r) => [r.id, r.controls]));

  it("every rule declares its controls (an empty list when none fits)", () => {
    const missing = RULES.filter((r) => !Array.isArray(r.controls)).map((r) => r.id);
    expect(missing, "add `controls: [...]` to these rules").toEqual([]);
  });

  it("uses only verified control ids of known frameworks", () => {
    const frameworks = new Set(FRAMEWORKS.map((f) => f.id));
    for (const [rule, controls] of Object.entries(CONTROLS)) {
      for (const c of controls) {
        expect(frameworks.has(c.framework), `${rule}: framework ${c.framework}`).toBe(true);
        expect(c.id, `${rule}: ${c.framework} ${c.id} is not a verified id`).toMatch(VERIFIED[c.framework]!);
      }
      expect(new Set(controls.map((c) => `${c.framework}:${c.id}`)).size, `${rule} lists a control twice`).toBe(controls.length);
    }
    const all = Object.values(CONTROLS).flat().map((c) => c.id);
    expect(all).not.toContain("RDS.35");
    expect(all).not.toContain("RDS.50");
  });

  it("maps the rules the brief names to their controls", () => {
    const ids = (rule: string) => controlsOf(rule).map((c) => `${c.framework}:${c.id}`);
    expect(ids("multi_az.min_azs")).toEqual(expect.arrayContaining(["fsbp:RDS.5", "fsbp:RDS.15", "well-architected:REL 10 BP01", "iso27001:A.8.14", "soc2:A1.2"]));
    expect(ids("backup.min_retention_days")).toEqual(expect.arrayContaining(["fsbp:RDS.11", "iso27001:A.8.13", "soc2:A1.2"]));
    expect(ids("backup.deletion_protection")).toEqual(["fsbp:RDS.7", "fsbp:RDS.8"]);
    expect(ids("events.subscribed")).toEqual(["fsbp:RDS.19", "fsbp:RDS.20", "well-architected:REL 11 BP06"]);
    expect(ids("monitoring.max_monitoring_interval")).toEqual(["fsbp:RDS.6", "well-architected:REL 11 BP01"]);
    expect(ids("compute.min_azs")).toEqual(["fsbp:AutoScaling.2", "well-architected:REL 10 BP01"]);
    expect(ids("compute.elb_health_check")).toEqual(["fsbp:AutoScaling.1"]);
    expect(ids("load_balancer.min_azs")).toEqual(["fsbp:ELB.10", "fsbp:ELB.13", "well-architected:REL 10 BP01"]);
    expect(ids("load_balancer.cross_zone")).toEqual(["fsbp:ELB.9"]);
    // Security Hub has no control for EC2 recovery (FACTS-RESILIENCE §5).
    expect(ids("compute.auto_recovery")).toEqual([]);
    expect(controlsOf("no.such_rule")).toEqual([]);
  });

  it("lists the rules of a framework", () => {
    expect(rulesOfFramework("fsbp")).toContain("backup.min_backtrack_hours");
    expect(rulesOfFramework("fsbp")).not.toContain("dns.max_ttl");
    expect(rulesOfFramework("iso27001")).toEqual(expect.arrayContaining(["multi_az.min_azs", "backup.min_retention_days"]));
    for (const f of FRAMEWORKS) expect(rulesOfFramework(f.id).length).toBeGreaterThan(0);
  });
});
