// changes.no_protection_downgrade: shared behaviour is tested in changes.test.ts; this file pins the rule's own identity.
import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/rules/index.js";

describe("changes.no_protection_downgrade", () => {
  it("is in the index with a boolean option", () => {
    const rule = RULES.find((r) => r.id === "changes.no_protection_downgrade");
    expect(rule?.optionSchema).toEqual({ type: "boolean" });
  });
});
