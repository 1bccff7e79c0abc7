// Tests of backup.window_clear_of_maintenance: the daily backup window against the resource's and every member's weekly window.
import { describe, expect, it } from "vitest";
import { windowClearOfMaintenance } from "../../../src/rules/backup/window_clear_of_maintenance.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("backup.window_clear_of_maintenance", () => {
  it("passes windows that do not meet", () => {
    expect(windowClearOfMaintenance.check(resource(), true, context())).toMatchObject({ status: "pass", expected: true, actual: true });
  });

  it("fails a backup window overlapping the cluster's maintenance window and proposes a clear one", () => {
    const v = windowClearOfMaintenance.check(resource({ backupWindow: "05:00-05:30", maintenanceWindow: "sun:05:10-sun:05:40" }), true, context());
    expect(v).toMatchObject({ status: "fail", messageId: "overlapsMovable", data: { backupWindow: "05:00-05:30", attribute: "preferred_backup_window" }, expected: true, actual: false, diff: { attribute: "preferred_backup_window", from: "05:00-05:30" } });
    expect(v.remedies).toEqual([
      expect.objectContaining({ attribute: "preferred_backup_window", from: "05:00-05:30", to: "04:30-05:00", resourceType: "aws_rds_cluster" }),
    ]);
  });

  it("checks each member instance's own maintenance window", () => {
    const r = resource({
      backupWindow: "03:00-03:30",
      maintenanceWindow: "sun:05:00-sun:05:30",
      instances: [
        { id: "w", writer: true, maintenanceWindow: "sun:05:00-sun:05:30" },
        { id: "r", maintenanceWindow: "wed:03:15-wed:03:45" },
      ],
    });
    const v = windowClearOfMaintenance.check(r, true, context());
    expect(v.status).toBe("fail");
    expect(v.remedies?.[0]).toMatchObject({ to: "02:30-03:00" });
  });

  it("sees an overlap across midnight and across the end of the week", () => {
    const r = resource({ backupWindow: "23:45-00:15", maintenanceWindow: "mon:00:00-mon:00:30", instances: [{ id: "w", writer: true, maintenanceWindow: "mon:00:00-mon:00:30" }] });
    expect(windowClearOfMaintenance.check(r, true, context()).status).toBe("fail");
    const clear = resource({ backupWindow: "23:00-23:30", maintenanceWindow: "sun:23:30-mon:00:30", instances: [{ id: "w", writer: true, maintenanceWindow: "sun:23:30-mon:00:30" }] });
    expect(windowClearOfMaintenance.check(clear, true, context()).status).toBe("pass");
  });

  it("uses backup_window on aws_db_instance for an instance", () => {
    const r = resource({ kind: "instance", engine: "mysql", backupWindow: "05:00-05:30", maintenanceWindow: "tue:05:00-tue:05:30", instances: [{ id: "db", writer: true, maintenanceWindow: "tue:05:00-tue:05:30" }] });
    const v = windowClearOfMaintenance.check(r, true, context());
    expect(v).toMatchObject({ status: "fail", diff: { attribute: "backup_window" } });
    expect(v.remedies).toEqual([expect.objectContaining({ attribute: "backup_window", resourceType: "aws_db_instance" })]);
  });

  it("is unknown, quoting the value, for an unparseable window", () => {
    const v = windowClearOfMaintenance.check(resource({ maintenanceWindow: "sunday 5am" }), true, context());
    expect(v.status).toBe("unknown");
    expect(v.reason).toContain("sunday 5am");
    expect(windowClearOfMaintenance.check(resource({ backupWindow: "3-4" }), true, context()).reason).toContain("3-4");
  });

  it("is unknown when a member's window is unknown and nothing known overlaps", () => {
    const r = resource({ instances: [{ id: "w", writer: true }, { id: "r", maintenanceWindow: UNKNOWN }] });
    expect(windowClearOfMaintenance.check(r, true, context()).status).toBe("unknown");
  });

  it("fails on a known overlap even when another window is unknown", () => {
    const r = resource({ backupWindow: "05:00-05:30", maintenanceWindow: "sun:05:00-sun:05:30", instances: [{ id: "w", writer: true, maintenanceWindow: UNKNOWN }] });
    expect(windowClearOfMaintenance.check(r, true, context()).status).toBe("fail");
  });

  it("is unknown when the backup window is unknown", () => {
    expect(windowClearOfMaintenance.check(resource({ backupWindow: UNKNOWN }), true, context()).status).toBe("unknown");
  });

  it("passes trivially when the option is false", () => {
    const r = resource({ backupWindow: "05:00-05:30", maintenanceWindow: "sun:05:00-sun:05:30" });
    expect(windowClearOfMaintenance.check(r, false, context())).toMatchObject({ status: "pass", expected: false });
  });
});
