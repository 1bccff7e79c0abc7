// Unit tests for maintenance.min_engine_version: versions compared on the engine's own version part.
import { describe, expect, it } from "vitest";
import { minEngineVersion } from "../../../src/rules/maintenance/min_engine_version.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

const policy = { "aurora-mysql": "3.04.0", "aurora-postgresql": "15.4", mysql: "8.0.35" };

describe("maintenance.min_engine_version", () => {
  it("compares Aurora MySQL on its own version part", () => {
    const v = minEngineVersion.check(resource({ engineVersion: "8.0.mysql_aurora.3.05.2" }), policy, context());
    expect(v).toMatchObject({ status: "pass", expected: "3.04.0", actual: "3.05.2" });
  });

  it("fails an older Aurora MySQL and proposes the same major in full form", () => {
    const v = minEngineVersion.check(resource({ engineVersion: "8.0.mysql_aurora.3.02.0" }), policy, context());
    expect(v).toMatchObject({ status: "fail", expected: "3.04.0", actual: "3.02.0", messageId: "older", data: { minimum: "3.04.0" } });
    expect(v.remedies).toEqual([
      expect.objectContaining({ kind: "set-attribute", attribute: "engine_version", from: "8.0.mysql_aurora.3.02.0", to: "8.0.mysql_aurora.3.04.0", resourceType: "aws_rds_cluster", downtime: expect.stringContaining("restarts every instance") }),
    ]);
  });

  it("fails Aurora MySQL 2 against a version 3 minimum, flagging a major upgrade", () => {
    const v = minEngineVersion.check(resource({ engineVersion: "5.7.mysql_aurora.2.11.2" }), policy, context());
    expect(v).toMatchObject({ status: "fail", actual: "2.11.2" });
    expect(v.remedies?.[0]?.note).toContain("allow_major_version_upgrade");
  });

  it("reduces a policy value given in the full form", () => {
    const full = { "aurora-mysql": "8.0.mysql_aurora.3.04.0" };
    expect(minEngineVersion.check(resource({ engineVersion: "8.0.mysql_aurora.3.04.0" }), full, context())).toMatchObject({
      status: "pass",
      expected: "3.04.0",
    });
    expect(minEngineVersion.check(resource({ engineVersion: "8.0.mysql_aurora.3.03.1" }), full, context()).status).toBe("fail");
  });

  it("compares numerically, not as text", () => {
    const r = resource({ engine: "aurora-postgresql", engineVersion: "15.10" });
    expect(minEngineVersion.check(r, policy, context()).status).toBe("pass");
    const old = resource({ engine: "aurora-postgresql", engineVersion: "14.9" });
    expect(minEngineVersion.check(old, policy, context())).toMatchObject({ status: "fail", actual: "14.9" });
  });

  it("uses the plain version for RDS engines", () => {
    const r = resource({ kind: "instance", engine: "mysql", engineVersion: "8.0.28" });
    const v = minEngineVersion.check(r, policy, context());
    expect(v).toMatchObject({ status: "fail", actual: "8.0.28" });
    expect(v.remedies?.[0]).toMatchObject({ to: "8.0.35", resourceType: "aws_db_instance" });
  });

  it("is not applicable to an engine the policy sets no minimum for", () => {
    expect(minEngineVersion.check(resource({ engine: "mariadb", kind: "instance" }), policy, context()).status).toBe("not_applicable");
  });

  it("is unknown when the version is unknown", () => {
    expect(minEngineVersion.check(resource({ engineVersion: UNKNOWN }), policy, context()).status).toBe("unknown");
  });

  it("is unknown when the version cannot be read as numbers", () => {
    expect(minEngineVersion.check(resource({ engineVersion: "latest" }), policy, context()).status).toBe("unknown");
  });
});
