// changes.no_replacement: valid and invalid plans, RuleTester style.
import { remedySubject } from "../../../src/rules/remedy.js";
import { describe, expect, it } from "vitest";
import { noReplacement as rule } from "../../../src/rules/changes/no_replacement.js";
import { planned, type ChangeInput } from "../../support/build-change.js";
import { context, UNKNOWN, type ResourceInput } from "../../support/build.js";

const pair = (writer: boolean | typeof UNKNOWN = true): ResourceInput => ({
  instances: [
    { id: "a", writer, az: "us-east-1a" },
    { id: "b", writer: writer === UNKNOWN ? UNKNOWN : false, az: "us-east-1b" },
  ],
});

const valid: [string, ChangeInput][] = [
  ["an in-place update", { before: pair(), after: pair() }],
  ["a reader replaced", { before: pair(), after: pair(), members: [{ id: "b", actions: ["delete", "create"], replacedBecause: ["availability_zone"] }] }],
];

const invalid: [string, ChangeInput, string[], string][] = [
  ["the cluster replaced", { before: pair(), after: pair(), actions: ["delete", "create"], replacedBecause: ["engine", "cluster_identifier"] }, ["engine", "cluster_identifier"], "replaced"],
  ["the cluster replaced create-before-destroy", { before: pair(), after: pair(), actions: ["create", "delete"], replacedBecause: ["master_username"] }, ["master_username"], "replaced"],
  ["the writer replaced", { before: pair(), after: pair(), members: [{ id: "a", actions: ["delete", "create"], replacedBecause: ["availability_zone"] }] }, ["availability_zone"], "writerReplaced"],
];

describe("changes.no_replacement", () => {
  it.each(valid)("passes: %s", (_name, input) => {
    expect(rule.check(planned(input), true, context()).status).toBe("pass");
  });

  it.each(invalid)("fails: %s", (_name, input, paths, messageId) => {
    const v = rule.check(planned(input), true, context());
    expect(v).toMatchObject({ status: "fail", expected: "update in place", actual: "replace", messageId });
    expect(v.remedies?.map(remedySubject)).toEqual(paths);
  });

  it("is unknown when only one of the possible writers is replaced", () => {
    const v = rule.check(planned({ before: pair(UNKNOWN), after: pair(UNKNOWN), members: [{ id: "a", actions: ["delete", "create"] }] }), true, context());
    expect(v.status).toBe("unknown");
  });

  it("fails a replaced standalone instance", () => {
    const v = rule.check(planned({ before: { kind: "instance" }, after: { id: "db", kind: "instance" }, actions: ["delete", "create"], replacedBecause: ["engine"] }), true, context());
    expect(v.remedies?.[0]).toMatchObject({ kind: "manual", attribute: "engine", note: "on aws_db_instance" });
  });
});
