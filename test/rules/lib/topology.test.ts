// The writer/readers view: more writer candidates than an Aurora cluster can hold are unknown, and large member lists are judged without deep recursion.
import { describe, expect, it } from "vitest";
import { maxTier } from "../../../src/rules/failover/max_tier.js";
import { possibleTopologies } from "../../../src/facts/topology.js";
import { maxMonitoringInterval } from "../../../src/rules/monitoring/max_monitoring_interval.js";
import { context, resource, UNKNOWN, type InstanceInput } from "../../support/build.js";

/** `n` members: the first the writer, or every one possibly the writer. */
const members = (n: number, writerUnknown: boolean): InstanceInput[] => Array.from({ length: n }, (_, i) => ({ id: `db-${i}`, writer: writerUnknown ? UNKNOWN : i === 0 }));

describe("possibleTopologies", () => {
  it("tries each of up to 16 candidate writers (a writer and 15 replicas)", () => {
    const t = possibleTopologies(resource({ instances: members(16, true) }));
    expect(t.known && t.value.length).toBe(16);
  });

  it("is unknown past that: no real cluster has more, and trying each would be quadratic", () => {
    const t = possibleTopologies(resource({ instances: members(17, true) }));
    expect(t).toMatchObject({ known: false, reason: expect.stringContaining("any of 17 instances could be the writer, more than an Aurora cluster holds") });
    expect(maxTier.check(resource({ instances: members(2_000, true) }), 1, context()).status).toBe("unknown");
  });

  it("judges a member list of 200,000 without overflowing the stack", () => {
    const huge = resource({ instances: members(200_000, false) });
    expect(maxMonitoringInterval.check(huge, 60, context()).status).toBe("pass");
    expect(maxTier.check(huge, 1, context()).status).toBe("pass");
  });
});
