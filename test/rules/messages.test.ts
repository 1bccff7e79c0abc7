// The message templates: `{{name}}` substitution with the data, shared templates, and embedded messages.
import { describe, expect, it } from "vitest";
import { placeholders, renderMessage, SHARED_MESSAGES, verdictMessage } from "../../src/rules/messages.js";
import { minRetentionDays } from "../../src/rules/backup/min_retention_days.js";
import { resource, context } from "../support/build.js";

describe("renderMessage", () => {
  const templates = { tooShort: "retention is {{retention}}; the policy needs {{ minimum }}", plain: "no data here" };

  it("fills {{name}} with the data, numbers and booleans as String(value)", () => {
    expect(renderMessage(templates, "tooShort", { retention: "1 day", minimum: 7 })).toBe("retention is 1 day; the policy needs 7");
    expect(renderMessage({ t: "{{a}}/{{b}}/{{c}}" }, "t", { a: true, b: null, c: 0 })).toBe("true/null/0");
  });

  it("uses the shared templates for ids the rule does not declare", () => {
    expect(renderMessage(templates, "unknown", { reason: "the AZ is unknown" })).toBe("cannot be judged: the AZ is unknown");
    expect(renderMessage(undefined, "noRule", { rule: "x.y" })).toBe("no rule x.y");
  });

  it("renders a message embedded in the data with the same templates", () => {
    const inner = { messageId: "tooShort", data: { retention: "1 day", minimum: 7 } };
    expect(renderMessage(templates, "incompletePlan", { message: inner, incomplete: "the plan errored" })).toBe(
      "retention is 1 day; the policy needs 7, but the plan errored",
    );
  });

  it("leaves a placeholder without data in place, and an unknown id as itself, instead of failing a run", () => {
    expect(renderMessage(templates, "tooShort", { retention: "1 day" })).toBe("retention is 1 day; the policy needs {{ minimum }}");
    expect(renderMessage(templates, "plain")).toBe("no data here");
    expect(renderMessage(templates, "nosuch")).toBe("nosuch");
  });

  it("lists a template's placeholders", () => {
    expect(placeholders(templates.tooShort)).toEqual(["retention", "minimum"]);
    expect(placeholders(SHARED_MESSAGES.sameWhicheverWriter)).toEqual(["message", "writer", "writers"]);
  });
});

describe("a rule's verdict, rendered", () => {
  it("keeps the wording of the report (value, consequence)", () => {
    const v = minRetentionDays.check(resource({ retention: 1 }), 7, context());
    expect(v).toMatchObject({ status: "fail", messageId: "tooShort", data: { retention: "1 day", minimum: 7 } });
    expect(verdictMessage(minRetentionDays, v)).toBe(
      "backup retention is 1 day; the policy needs at least 7: a point-in-time restore can reach back only 1 day",
    );
  });
});
