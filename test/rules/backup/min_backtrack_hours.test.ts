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

  it("fails a shorter window and proposes hours × 3600 seconds", () => {
    const v = minBacktrackHours.check(resource({ backtrack: 3600 }), 24, context());
    expect(v).toMatchObject({ status: "fail", expected: 24, actual: 1, messageId: "tooShort", data: { hours: "1 hour", wanted: "24 hours", seconds: 86400 }, diff: { attribute: "backtrack_window", from: "3600", to: "86400" } });
    expect(v.remedies).toEqual([expect.objectContaining({ attribute: "backtrack_window", from: 3600, to: 86400, resourceType: "aws_rds_cluster" })]);
  });

  it("fails backtrack off with a note that it needs a cluster created with it", () => {
    const v = minBacktrackHours.check(resource({ backtrack: 0 }), 1.5, context());
    expect(v).toMatchObject({ status: "fail", actual: 0 });
    expect(v.remedies?.[0]).toMatchObject({ from: 0, to: 5400 });
    expect(v.remedies?.[0]?.note).toMatch(/created/);
    expect(v.remedies?.[0]?.note).toMatch(/binlog/);
  });

  it("is unknown when the window is unknown", () => {
    expect(minBacktrackHours.check(resource({ backtrack: UNKNOWN }), 24, context()).status).toBe("unknown");
  });

  it("passes 0 hours", () => {
    expect(minBacktrackHours.check(resource({ backtrack: UNKNOWN }), 0, context()).status).toBe("pass");
  });
});
