// Unit tests for compute.min_azs: the AZs a group may launch in and those its running instances sit in both count.
import { describe, expect, it } from "vitest";
import { known, unknown } from "../../../src/model/value.js";
import { minAzs } from "../../../src/rules/compute/min_azs.js";
import type { RuleContext } from "../../../src/rules/types.js";
import { groupResource } from "../../support/compute.js";

const ctx = {} as RuleContext;
const member = (id: string, az: string, state = "InService") => ({ id, availabilityZone: known(az), lifecycleState: known(state) });

describe("compute.min_azs", () => {
  it("passes when it launches in and runs in two AZs", () => {
    expect(minAzs.check(groupResource(), 2, ctx)).toMatchObject({ status: "pass", actual: 2 });
  });
  it("fails when it may launch in one AZ only", () => {
    const v = minAzs.check(groupResource({ availabilityZones: known(["us-east-1a"]) }), 2, ctx);
    expect(v).toMatchObject({ status: "fail", messageId: "tooFewLaunchAzs", actual: 1 });
  });
  it("fails when its instances in service sit in one AZ, naming AZRebalance when it is suspended", () => {
    const v = minAzs.check(
      groupResource({ instances: known([member("i-1", "us-east-1a"), member("i-2", "us-east-1a"), member("i-3", "us-east-1b", "Terminating")]), suspendedProcesses: known(["AZRebalance"]) }),
      2,
      ctx,
    );
    expect(v).toMatchObject({ status: "fail", messageId: "tooFewRunningAzs", actual: 1 });
    expect(String(v.data?.["rebalance"])).toContain("AZRebalance");
  });
  it("is unknown when the AZs, or an instance's AZ that could decide, are unknown", () => {
    expect(minAzs.check(groupResource({ availabilityZones: unknown("no output") }), 2, ctx).status).toBe("unknown");
    const v = minAzs.check(groupResource({ instances: known([member("i-1", "us-east-1a"), { id: "i-2", availabilityZone: unknown("missing"), lifecycleState: known("InService") }]) }), 2, ctx);
    expect(v.status).toBe("unknown");
  });
});
