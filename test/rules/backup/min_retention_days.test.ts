import { describe, expect, it } from "vitest";
import { minRetentionDays } from "../../../src/rules/backup/min_retention_days.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("backup.min_retention_days", () => {
  it("passes at and above the minimum", () => {
    expect(minRetentionDays.check(resource({ retention: 7 }), 7, context())).toMatchObject({ status: "pass", actual: 7, expected: 7 });
    expect(minRetentionDays.check(resource({ retention: 35 }), 7, context()).status).toBe("pass");
  });

  it("fails below it, with the cluster attribute as the fix", () => {
    const v = minRetentionDays.check(resource({ retention: 1 }), 7, context());
    expect(v).toMatchObject({ status: "fail", actual: 1, expected: 7, messageId: "tooShort", data: { retention: "1 day", minimum: 7 } });
    expect(v.remedies).toEqual([{ kind: "set-attribute", attribute: "backup_retention_period", from: 1, to: 7, resourceType: "aws_rds_cluster", bound: "floor" }]);
    expect(v.diff).toEqual({ attribute: "backup_retention_period", from: "1", to: "7" });
  });

  it("fails an instance with backups off, fixing aws_db_instance", () => {
    const v = minRetentionDays.check(resource({ kind: "instance", retention: 0 }), 7, context());
    expect(v).toMatchObject({ status: "fail", actual: 0 });
    expect(v.remedies?.[0]).toMatchObject({ resourceType: "aws_db_instance", from: 0, to: 7 });
  });

  it("is unknown without the retention period", () => {
    expect(minRetentionDays.check(resource({ retention: UNKNOWN }), 7, context()).status).toBe("unknown");
  });
});
