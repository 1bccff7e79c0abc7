// objectives.drilled_within: the newest drill record of the resource decides; no record is unknown, never a pass.
import { describe, expect, it } from "vitest";
import type { DrillEvidence } from "../../../src/model/inventory.js";
import { drilledWithin } from "../../../src/rules/objectives/drilled_within.js";
import { context, inventory, resource } from "../../support/build.js";

// context() judges at 2026-11-22T10:00:00Z.
function drill(over: Partial<DrillEvidence> = {}): DrillEvidence {
  return {
    file: "drills/orders.json",
    cluster: { id: "orders-prod", region: "us-east-1", account: "123456789012" },
    status: "pass",
    finishedAt: "2026-11-01T10:00:00.000Z",
    worstDowntimeSeconds: 4.2,
    objectiveSeconds: 60,
    predicted: { low: 0, high: 60 },
    probes: [{ probe: "simple", downtimeSeconds: 4.2, dnsCacheSeconds: 0 }],
    ...over,
  };
}

const judge = (drills: DrillEvidence[], option = "90d") => {
  const r = resource();
  return drilledWithin.check(r, option, context({ ...inventory({ resources: [r] }), drills }));
};

describe("objectives.drilled_within", () => {
  it("passes when the newest drill of the resource passed within the period", () => {
    const v = judge([drill()]);
    expect(v).toMatchObject({ status: "pass", messageId: "recentPass", data: { age: "21 d", downtime: "4.2 s", file: "drills/orders.json" } });
  });

  it("fails when the newest drill is older than the period, with the command to drill again", () => {
    const v = judge([drill({ finishedAt: "2026-06-01T00:00:00Z" })]);
    expect(v).toMatchObject({ status: "fail", messageId: "tooOld", data: { period: "90d" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "manual", text: expect.stringContaining("haspec drill --cluster orders-prod") })]);
    expect(judge([drill()], "7d").status).toBe("fail");
  });

  it("the newest decides: a failed drill after a passing one fails, saying why", () => {
    const v = judge([drill(), drill({ finishedAt: "2026-11-20T00:00:00Z", status: "fail", failure: "a probe measured 95 s of write downtime, over 60 s" })]);
    expect(v).toMatchObject({ status: "fail", messageId: "newestFailed", data: { failure: "a probe measured 95 s of write downtime, over 60 s" } });
    expect(judge([drill({ finishedAt: "2026-11-20T00:00:00Z" }), drill({ finishedAt: "2026-11-10T00:00:00Z", status: "fail" })]).status).toBe("pass");
  });

  it("unknown without a record of the resource: other clusters, other regions and drills after the judging time do not count", () => {
    expect(judge([])).toMatchObject({ status: "unknown" });
    expect(judge([drill({ cluster: { id: "billing", region: "us-east-1", account: null } })]).reason).toMatch(/no drill record covers orders-prod \(1 drill record given/);
    expect(judge([drill({ cluster: { id: "orders-prod", region: "eu-west-1", account: null } })]).status).toBe("unknown");
    expect(judge([drill({ finishedAt: "2026-12-01T00:00:00Z" })]).status).toBe("unknown");
  });
});
