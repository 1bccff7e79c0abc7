// Tests of backup.deletion_protection on clusters and instances.
import { describe, expect, it } from "vitest";
import { deletionProtection } from "../../../src/rules/backup/deletion_protection.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("backup.deletion_protection", () => {
  it("passes when protection is on", () => {
    expect(deletionProtection.check(resource(), true, context())).toMatchObject({ status: "pass", expected: true, actual: true });
  });

  it("fails a cluster with protection off and fixes aws_rds_cluster", () => {
    const v = deletionProtection.check(resource({ deletionProtection: false }), true, context());
    expect(v).toMatchObject({ status: "fail", messageId: "off", data: { attribute: "deletion_protection" }, expected: true, actual: false, diff: { attribute: "deletion_protection", from: "false", to: "true" } });
    expect(v.remedies).toEqual([{ kind: "set-attribute", attribute: "deletion_protection", from: false, to: true, resourceType: "aws_rds_cluster" }]);
  });

  it("fixes aws_db_instance for an instance", () => {
    const v = deletionProtection.check(resource({ kind: "instance", engine: "mysql", deletionProtection: false }), true, context());
    expect(v.remedies).toEqual([expect.objectContaining({ resourceType: "aws_db_instance" })]);
  });

  it("is unknown when the value is unknown", () => {
    expect(deletionProtection.check(resource({ deletionProtection: UNKNOWN }), true, context()).status).toBe("unknown");
  });

  it("passes trivially when the option is false", () => {
    expect(deletionProtection.check(resource({ deletionProtection: false }), false, context())).toMatchObject({ status: "pass", expected: false });
  });
});
