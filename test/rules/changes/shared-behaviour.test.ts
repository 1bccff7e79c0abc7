// What every changes.* rule shares: applicability, the switch, created and untouched resources.
import { describe, expect, it } from "vitest";
import { noCapacityReduction } from "../../../src/rules/changes/no_capacity_reduction.js";
import { noProtectionDowngrade } from "../../../src/rules/changes/no_protection_downgrade.js";
import { noReplacement } from "../../../src/rules/changes/no_replacement.js";
import { noWriterResizeInPlace } from "../../../src/rules/changes/no_writer_resize_in_place.js";
import { RULES } from "../../../src/rules/index.js";
import { planned } from "../../support/build-change.js";
import { context, resource } from "../../support/build.js";

const rules = [noWriterResizeInPlace, noCapacityReduction, noReplacement, noProtectionDowngrade];

describe.each(rules.map((r) => [r.id, r] as const))("%s", (id, rule) => {
  it("is in the index with a boolean option", () => {
    expect(RULES.find((r) => r.id === id)?.optionSchema).toEqual({ type: "boolean" });
  });

  it("does not apply to inputs that describe current state", () => {
    expect(rule.applicable?.(resource())).toEqual(expect.any(String));
    expect(rule.check(resource(), true, context()).status).toBe("not_applicable");
  });

  it("applies to planned resources", () => {
    expect(rule.applicable?.(planned({ before: {}, after: {} }))).toBe(true);
  });

  it("passes when switched off, even on a harmful change", () => {
    const harmful = planned({ before: { retention: 7 }, after: { retention: 1, instances: [] }, actions: ["delete", "create"] });
    expect(rule.check(harmful, false, context()).status).toBe("pass");
  });

  it("passes a resource the plan creates", () => {
    expect(rule.check(planned({ before: null, after: {} }), true, context()).status).toBe("pass");
  });

  it("passes a resource the plan leaves alone", () => {
    expect(rule.check(planned({ before: {}, after: {}, actions: ["no-op"] }), true, context()).status).toBe("pass");
  });
});
