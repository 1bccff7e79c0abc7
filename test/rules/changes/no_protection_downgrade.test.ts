// changes.no_protection_downgrade: valid and invalid plans, RuleTester style.
import { remedySubject } from "../../../src/rules/remedy.js";
import { describe, expect, it } from "vitest";
import { noProtectionDowngrade as rule } from "../../../src/rules/changes/no_protection_downgrade.js";
import { planned, type ChangeInput } from "../../support/build-change.js";
import { context, UNKNOWN } from "../../support/build.js";

const valid: [string, ChangeInput][] = [
  ["retention raised", { before: { retention: 7 }, after: { retention: 14 } }],
  ["deletion protection turned on", { before: { deletionProtection: false }, after: { deletionProtection: true } }],
  ["deletion protection already off", { before: { deletionProtection: false }, after: { deletionProtection: false } }],
];

const invalid: [string, ChangeInput, string[]][] = [
  ["retention lowered", { before: { retention: 14 }, after: { retention: 3 } }, ["backup_retention_period"]],
  ["deletion protection turned off", { before: { deletionProtection: true }, after: { deletionProtection: false } }, ["deletion_protection"]],
  ["both", { before: { retention: 35, deletionProtection: true }, after: { retention: 1, deletionProtection: false } }, ["backup_retention_period", "deletion_protection"]],
];

describe("changes.no_protection_downgrade", () => {
  it.each(valid)("passes: %s", (_name, input) => {
    expect(rule.check(planned(input), true, context()).status).toBe("pass");
  });

  it.each(invalid)("fails: %s", (_name, input, attributes) => {
    const v = rule.check(planned(input), true, context());
    expect(v.status).toBe("fail");
    expect(v.remedies?.map(remedySubject)).toEqual(attributes);
  });

  it("reports the values", () => {
    const v = rule.check(planned({ before: { retention: 14 }, after: { retention: 3 } }), true, context());
    expect(v).toMatchObject({ actual: { backupRetentionDays: 3 }, remedies: [{ from: 3, to: 14, resourceType: "aws_rds_cluster" }], diff: { attribute: "backup_retention_period", from: "3", to: "14" } });
  });

  it("is unknown when the planned retention is known only after apply", () => {
    expect(rule.check(planned({ before: { retention: 14 }, after: { retention: UNKNOWN } }), true, context()).status).toBe("unknown");
  });
});
