// Tests of backup.max_pitr_lag_minutes: lag measured against the capture time, never the clock.
import { describe, expect, it } from "vitest";
import { maxPitrLagMinutes } from "../../../src/rules/backup/max_pitr_lag_minutes.js";
import { context, inventory, resource, UNKNOWN } from "../../support/build.js";

describe("backup.max_pitr_lag_minutes", () => {
  it("passes a small lag", () => {
    const ctx = context(inventory({ capturedAt: "2026-11-22T10:00:00Z" }));
    expect(maxPitrLagMinutes.check(resource({ latestRestorable: "2026-11-22T09:58:00Z" }), 15, ctx)).toMatchObject({
      status: "pass",
      expected: 15,
      actual: 2,
    });
  });

  it("fails a lag above the maximum, without an attribute fix", () => {
    const ctx = context(inventory({ capturedAt: "2026-11-22T10:00:00Z" }));
    const v = maxPitrLagMinutes.check(resource({ latestRestorable: "2026-11-22T09:20:00Z" }), 15, ctx);
    expect(v).toMatchObject({ status: "fail", expected: 15, actual: 40, messageId: "lagging", data: { lag: "40 minutes", maximum: "15 minutes" } });
    expect(v.remedies).toBeUndefined();
    expect(v.diff).toBeDefined();
  });

  it("measures against the capture time, not the clock", () => {
    const ctx = { ...context(inventory({ capturedAt: "2026-01-01T00:10:00Z" })), now: new Date("2026-11-22T10:00:00Z") };
    expect(maxPitrLagMinutes.check(resource({ latestRestorable: "2026-01-01T00:05:00Z" }), 15, ctx)).toMatchObject({
      status: "pass",
      actual: 5,
    });
  });

  it("is unknown without a capture time, even when the clock would say otherwise", () => {
    const ctx = context(inventory({ capturedAt: UNKNOWN }));
    const v = maxPitrLagMinutes.check(resource({ latestRestorable: "2026-11-22T09:59:00Z" }), 15, ctx);
    expect(v.status).toBe("unknown");
    expect(v.reason).toMatch(/capture time/);
  });

  it("is unknown when the latest restorable time is unknown or not a date", () => {
    expect(maxPitrLagMinutes.check(resource({ latestRestorable: UNKNOWN }), 15, context()).status).toBe("unknown");
    expect(maxPitrLagMinutes.check(resource({ latestRestorable: "yesterday" }), 15, context()).status).toBe("unknown");
  });

  it("fails an instance with automated backups off whatever the capture time", () => {
    const r = resource({ kind: "instance", engine: "mysql", retention: 0, latestRestorable: UNKNOWN });
    const v = maxPitrLagMinutes.check(r, 15, context(inventory({ capturedAt: UNKNOWN })));
    expect(v).toMatchObject({ status: "fail", actual: null });
    expect(v.remedies).toEqual([expect.objectContaining({ attribute: "backup_retention_period", from: 0, resourceType: "aws_db_instance" })]);
  });

  it("treats a restorable time just after the capture as no lag", () => {
    const ctx = context(inventory({ capturedAt: "2026-11-22T10:00:00Z" }));
    expect(maxPitrLagMinutes.check(resource({ latestRestorable: "2026-11-22T10:00:30Z" }), 1, ctx)).toMatchObject({ status: "pass", actual: 0 });
  });
});
