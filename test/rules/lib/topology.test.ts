// The writer/readers view: more writer candidates than an Aurora cluster can hold are unknown, and large member lists are judged without deep recursion.
import { describe, expect, it } from "vitest";
import { maxTier } from "../../../src/rules/failover/max_tier.js";
import { possibleTopologies } from "../../../src/rules/lib/topology.js";
import { maxMonitoringInterval } from "../../../src/rules/monitoring/max_monitoring_interval.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

const members = (n: number, writer: boolean | typeof UNKNOWN) => Array.from({ length: n }, (_, i) => ({ id: `db-${i}`, writer: i === 0 ? writer : writer === UNKNOWN ? UNKNOWN : false }));

describe("possibleTopologies", () => {
  it("tries each of up to 16 candidate writers (a writer and 15 replicas)", () => {
    const t = possibleTopologies(resource({ instances: members(16, UNKNOWN) }));
    expect(t.known && t.value.length).toBe(16);
  });

  it("is unknown past that: no real cluster has more, and trying each would be quadratic", () => {
    const t = possibleTopologies(resource({ instances: members(17, UNKNOWN) }));
    expect(t).toMatchObject({ known: false, reason: expect.stringContaining("any of 17 instances could be the writer, more than an Aurora cluster holds") });
    expect(maxTier.check(resource({ instances: members(2_000, UNKNOWN) }), 1, context()).status).toBe("unknown");
  });

  it("judges a member list of 200,000 without overflowing the stack", () => {
    const huge = resource({ instances: members(200_000, true) });
    expect(maxMonitoringInterval.check(huge, 60, context()).status).toBe("pass");
    expect(maxTier.check(huge, 1, context()).status).toBe("pass");
  });
});
