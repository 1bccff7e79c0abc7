// changes.no_writer_resize_in_place: shared behaviour is tested in changes.test.ts; this file pins the rule's own identity.
import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/rules/index.js";

describe("changes.no_writer_resize_in_place", () => {
  it("is in the index with a boolean option", () => {
    const rule = RULES.find((r) => r.id === "changes.no_writer_resize_in_place");
    expect(rule?.optionSchema).toEqual({ type: "boolean" });
  });
});
