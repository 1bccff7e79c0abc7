// Unit tests for maintenance.auto_minor_version_upgrade: instances and the cluster level upgrade automatically.
import { describe, expect, it } from "vitest";
import { autoMinorVersionUpgrade } from "../../../src/rules/maintenance/auto_minor_version_upgrade.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("maintenance.auto_minor_version_upgrade", () => {
  it("does not apply to a cluster without instances (nothing to judge is not a pass)", () => {
    expect(autoMinorVersionUpgrade.check(resource({ instances: [], autoMinor: UNKNOWN }), true, context()).status).toBe("not_applicable");
    // With the cluster level on, that setting is judged.
    expect(autoMinorVersionUpgrade.check(resource({ instances: [] }), true, context()).status).toBe("pass");
  });

  it("passes when the cluster and every instance have it on", () => {
    expect(autoMinorVersionUpgrade.check(resource(), true, context())).toMatchObject({ status: "pass", expected: true, actual: true });
  });

  it("fails and fixes every instance that has it off", () => {
    const r = resource({ instances: [{ id: "a", writer: true, autoMinor: false }, { id: "b", autoMinor: true }] });
    const v = autoMinorVersionUpgrade.check(r, true, context());
    expect(v).toMatchObject({ status: "fail", actual: false, messageId: "upgradesOff" });
    expect(v.remedies).toEqual([
      { kind: "set-attribute", attribute: "auto_minor_version_upgrade", from: false, to: true, resourceType: "aws_rds_cluster_instance", instance: "a" },
    ]);
  });

  it("fails when only the cluster-level value is off; the fix is a manual step, not an attribute", () => {
    const v = autoMinorVersionUpgrade.check(resource({ autoMinor: false }), true, context());
    expect(v.status).toBe("fail");
    expect(v.remedies).toHaveLength(1);
    expect(v.remedies?.[0]).toMatchObject({ kind: "manual", attribute: "auto_minor_version_upgrade", text: expect.stringContaining("aws rds modify-db-cluster") });
  });

  it("lets the instances decide when the cluster-level value is absent or unknown", () => {
    expect(autoMinorVersionUpgrade.check(resource({ autoMinor: null }), true, context()).status).toBe("pass");
    expect(autoMinorVersionUpgrade.check(resource({ autoMinor: UNKNOWN }), true, context()).status).toBe("pass");
  });

  it("is unknown when an instance's value is unknown and nothing fails", () => {
    const r = resource({ instances: [{ id: "a", writer: true }, { id: "b", autoMinor: UNKNOWN }] });
    expect(autoMinorVersionUpgrade.check(r, true, context()).status).toBe("unknown");
  });

  it("is unknown when the member list is unknown", () => {
    expect(autoMinorVersionUpgrade.check(resource({ instances: UNKNOWN }), true, context()).status).toBe("unknown");
  });

  it("fixes a standalone instance on aws_db_instance", () => {
    const r = resource({ kind: "instance", id: "crm", instances: [{ id: "crm", writer: true, autoMinor: false }] });
    expect(autoMinorVersionUpgrade.check(r, true, context()).remedies).toEqual([
      { kind: "set-attribute", attribute: "auto_minor_version_upgrade", from: false, to: true, resourceType: "aws_db_instance" },
    ]);
  });

  it("passes with no requirement when the option is false", () => {
    expect(autoMinorVersionUpgrade.check(resource({ autoMinor: false }), false, context()).status).toBe("pass");
  });
});
