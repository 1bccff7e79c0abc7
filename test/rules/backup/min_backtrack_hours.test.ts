// Tests of backup.min_backtrack_hours: Aurora MySQL only, window in seconds against hours.
import { describe, expect, it } from "vitest";
import { minBacktrackHours } from "../../../src/rules/backup/min_backtrack_hours.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("backup.min_backtrack_hours", () => {
  it("applies to Aurora MySQL clusters only", () => {
    expect(minBacktrackHours.appliesTo).toEqual(["aurora-cluster"]);
    expect(minBacktrackHours.applicable?.(resource({ engine: "aurora-mysql" }))).toBe(true);
    expect(minBacktrackHours.applicable?.(resource({ engine: "aurora" }))).toBe(true);
    expect(typeof minBacktrackHours.applicable?.(resource({ engine: "aurora-postgresql" }))).toBe("string");
  });

  it("recognises Aurora MySQL whatever the case of the engine name", () => {
    expect(minBacktrackHours.applicable?.(resource({ engine: "Aurora-MySQL" }))).toBe(true);
  });

  it("passes a window of at least the hours", () => {
    expect(minBacktrackHours.check(resource({ backtrack: 86400 }), 24, context())).toMatchObject({ status: "pass", expected: 24, actual: 24 });
  });

  it("fails a shorter window and, backtrack being on, raises it in place to hours × 3600 seconds (no downtime)", () => {
    const v = minBacktrackHours.check(resource({ backtrack: 3600 }), 24, context());
    expect(v).toMatchObject({ status: "fail", expected: 24, actual: 1, messageId: "tooShort", data: { hours: "1 hour", wanted: "24 hours", seconds: 86400 }, diff: { attribute: "backtrack_window", from: "3600", to: "86400" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "set-attribute", attribute: "backtrack_window", from: 3600, to: 86400, resourceType: "aws_rds_cluster" })]);
    expect(v.remedies?.[0]?.downtime).toBeUndefined();
  });

  it("fails backtrack off with a manual restore, never an attribute change: AWS turns it on only at create or restore", () => {
    const v = minBacktrackHours.check(resource({ id: "orders-prod", backtrack: 0 }), 1.5, context());
    expect(v).toMatchObject({ status: "fail", actual: 0, messageId: "backtrackOff", data: { seconds: 5400 } });
    expect(v.remedies).toHaveLength(1);
    const step = v.remedies![0]!;
    expect(step).toMatchObject({ kind: "manual", attribute: "backtrack_window" });
    if (step.kind !== "manual") throw new Error("expected a manual step");
    expect(step.text).toContain("aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier orders-prod");
    expect(step.text).toContain("--backtrack-window 5400");
    expect(step.downtime).toMatch(/new cluster/);
    expect(step.note).toMatch(/binlog/);
    expect(v.remedies!.some((r) => r.kind === "set-attribute")).toBe(false);
  });

  it("the explain text and the fix agree: created or restored with it, changed in place once on", () => {
    expect(minBacktrackHours.why).toMatch(/only be turned on for a cluster created with it \(or restored or cloned with it\)/);
    expect(minBacktrackHours.why).toMatch(/changed in place/);
    expect(minBacktrackHours.fixHint).toMatch(/With backtrack off, the existing cluster cannot get it: restore/);
    expect(minBacktrackHours.fixHint).toMatch(/in-place change/);
  });

  it("is unknown when the window is unknown", () => {
    expect(minBacktrackHours.check(resource({ backtrack: UNKNOWN }), 24, context()).status).toBe("unknown");
  });

  it("passes 0 hours", () => {
    expect(minBacktrackHours.check(resource({ backtrack: UNKNOWN }), 0, context()).status).toBe("pass");
  });
});
