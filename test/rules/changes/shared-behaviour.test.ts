import { describe, expect, it } from "vitest";
import { noCapacityReduction } from "../../../src/rules/changes/no_capacity_reduction.js";
import { noProtectionDowngrade } from "../../../src/rules/changes/no_protection_downgrade.js";
import { noReplacement } from "../../../src/rules/changes/no_replacement.js";
import { noWriterResizeInPlace } from "../../../src/rules/changes/no_writer_resize_in_place.js";
import { context, resource } from "../../support/build.js";

const rules = [noWriterResizeInPlace, noCapacityReduction, noReplacement, noProtectionDowngrade];

describe.each(rules.map((r) => [r.id, r] as const))("%s", (_id, rule) => {
  it("does not apply to inputs that describe current state", () => {
    expect(rule.applicable?.(resource())).toEqual(expect.any(String));
  });

  it("never passes a planned change it cannot yet judge", () => {
    const planned = { ...resource(), change: { actions: ["update"] } };
    expect(rule.applicable?.(planned)).toBe(true);
    expect(rule.check(planned, true, context()).status).toBe("unknown");
  });

  it("passes when switched off", () => {
    expect(rule.check({ ...resource(), change: { actions: ["update"] } }, false, context()).status).toBe("pass");
  });
});
