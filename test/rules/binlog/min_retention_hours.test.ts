// Unit tests for binlog.min_retention_hours: unknown without an SQL reading, judged when one exists.
import { describe, expect, it } from "vitest";
import type { Resource } from "../../../src/model/resource.js";
import { known, unknown, type Value } from "../../../src/model/value.js";
import { minRetentionHours } from "../../../src/rules/binlog/min_retention_hours.js";
import { context, resource } from "../../support/build.js";

function withRetention(r: Resource, hours: Value<number | null>): Resource {
  return Object.assign({}, r, { binlogRetentionHours: hours });
}

describe("binlog.min_retention_hours", () => {
  it("is unknown when no SQL reading exists", () => {
    const v = minRetentionHours.check(resource(), 24, context());
    expect(v).toMatchObject({ status: "unknown", expected: 24 });
    expect(v.reason).toContain("mysql.rds_show_configuration");
  });

  it("is unknown when the SQL reading failed", () => {
    const v = minRetentionHours.check(withRetention(resource(), unknown("the writer was not reachable")), 24, context());
    expect(v.status).toBe("unknown");
  });

  it("passes when the retention is at least the minimum", () => {
    expect(minRetentionHours.check(withRetention(resource(), known(72)), 24, context())).toMatchObject({ status: "pass", actual: 72 });
    expect(minRetentionHours.check(withRetention(resource(), known(24)), 24, context()).status).toBe("pass");
  });

  it("fails a shorter retention and gives the SQL to run", () => {
    const v = minRetentionHours.check(withRetention(resource(), known(12)), 24, context());
    expect(v).toMatchObject({ status: "fail", messageId: "retentionShort", data: { hours: 12, minimum: 24, to: 24, beyond: "" }, expected: 24, actual: 12, diff: { attribute: "binlog retention hours", from: "12", to: "24" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "run-sql", statement: "CALL mysql.rds_set_configuration('binlog retention hours', 24);" })]);
  });

  it("fails NULL (the AWS default, cleaned lazily)", () => {
    const v = minRetentionHours.check(withRetention(resource(), known(null)), 1, context());
    expect(v).toMatchObject({ status: "fail", actual: null, diff: { from: "NULL", to: "1" } });
  });

  it("caps the proposed value at RDS for MySQL's 168 hours", () => {
    const r = withRetention(resource({ kind: "instance", engine: "mysql" }), known(24));
    const v = minRetentionHours.check(r, 240, context());
    expect(v).toMatchObject({ status: "fail", expected: 240 });
    expect(v.remedies?.[0]).toMatchObject({ kind: "run-sql", statement: expect.stringContaining("168") });
  });

  it("is not applicable to PostgreSQL", () => {
    expect(minRetentionHours.applicable?.(resource({ engine: "postgres", kind: "multi-az-cluster" }))).toEqual(expect.any(String));
    expect(minRetentionHours.applicable?.(resource({ engine: "mysql", kind: "multi-az-cluster" }))).toBe(true);
  });
});
