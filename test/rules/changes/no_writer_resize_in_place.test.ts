// changes.no_writer_resize_in_place: valid and invalid plans, RuleTester style.
import { remedySubject } from "../../../src/rules/remedy.js";
import { describe, expect, it } from "vitest";
import { noWriterResizeInPlace as rule } from "../../../src/rules/changes/no_writer_resize_in_place.js";
import { planned, type ChangeInput } from "../../support/build-change.js";
import { context, UNKNOWN, type ResourceInput } from "../../support/build.js";

const writerReader = (writerClass: string, readerClass = "db.r6g.large", writer: boolean | typeof UNKNOWN = true): ResourceInput => ({
  instances: [
    { id: "a", writer, az: "us-east-1a", class: writerClass },
    { id: "b", writer: writer === UNKNOWN ? UNKNOWN : false, az: "us-east-1b", class: readerClass },
  ],
});

const valid: [string, ChangeInput][] = [
  ["a reader resized in place", { before: writerReader("db.r6g.large"), after: writerReader("db.r6g.large", "db.r6g.xlarge"), members: [{ id: "b", actions: ["update"] }] }],
  ["the writer updated without a class change", { before: writerReader("db.r6g.large"), after: writerReader("db.r6g.large"), members: [{ id: "a", actions: ["update"] }] }],
  ["the writer replaced (judged by no_replacement)", { before: writerReader("db.r6g.large"), after: writerReader("db.r6g.xlarge"), members: [{ id: "a", actions: ["delete", "create"] }] }],
];

const invalid: [string, ChangeInput, { applyImmediately: boolean }][] = [
  ["the writer resized in place", { before: writerReader("db.r6g.large"), after: writerReader("db.r6g.xlarge"), members: [{ id: "a", actions: ["update"] }] }, { applyImmediately: false }],
  ["the writer resized in place with apply_immediately", { before: writerReader("db.r6g.large"), after: writerReader("db.r6g.xlarge"), members: [{ id: "a", actions: ["update"], applyImmediately: true }] }, { applyImmediately: true }],
];

describe("changes.no_writer_resize_in_place", () => {
  it.each(valid)("passes: %s", (_name, input) => {
    expect(rule.check(planned(input), true, context()).status).toBe("pass");
  });

  it.each(invalid)("fails: %s", (_name, input, want) => {
    const v = rule.check(planned(input), true, context());
    expect(v).toMatchObject({ status: "fail", messageId: "writerResized", data: { from: "db.r6g.large", to: "db.r6g.xlarge" }, expected: "db.r6g.large", actual: "db.r6g.xlarge", diff: { attribute: "instance_class", from: "db.r6g.xlarge", to: "db.r6g.large" } });
    expect(v.remedies?.[0]).toMatchObject({ attribute: "instance_class", from: "db.r6g.xlarge", to: "db.r6g.large", resourceType: "aws_rds_cluster_instance", instance: "a" });
    expect(v.remedies?.some((f) => remedySubject(f) === "apply_immediately")).toBe(want.applyImmediately);
  });

  it("is unknown when the current writer is unknown and only one candidate is resized", () => {
    const v = rule.check(planned({ before: writerReader("db.r6g.large", "db.r6g.large", UNKNOWN), after: writerReader("db.r6g.xlarge", "db.r6g.large", UNKNOWN), members: [{ id: "a", actions: ["update"] }] }), true, context());
    expect(v.status).toBe("unknown");
  });

  it("fails when the writer is unknown but every candidate is resized", () => {
    const v = rule.check(
      planned({ before: writerReader("db.r6g.large", "db.r6g.large", UNKNOWN), after: writerReader("db.r6g.xlarge", "db.r6g.xlarge", UNKNOWN), members: [{ id: "a", actions: ["update"] }, { id: "b", actions: ["update"] }] }),
      true,
      context(),
    );
    expect(v.status).toBe("fail");
  });

  it("is unknown when the planned class is known only after apply", () => {
    const v = rule.check(planned({ before: writerReader("db.r6g.large"), after: writerReader(UNKNOWN as unknown as string), members: [{ id: "a", actions: ["update"] }] }), true, context());
    expect(v.status).toBe("unknown");
  });

  it("fails a standalone instance resized in place", () => {
    const v = rule.check(
      planned({ before: { kind: "instance", instances: [{ id: "db", writer: true, class: "db.m6g.large" }] }, after: { id: "db", kind: "instance", instances: [{ id: "db", writer: true, class: "db.m6g.2xlarge" }] }, applyImmediately: true }),
      true,
      context(),
    );
    expect(v).toMatchObject({ status: "fail", expected: "db.m6g.large", actual: "db.m6g.2xlarge" });
    expect(v.remedies?.[0]).toMatchObject({ resourceType: "aws_db_instance" });
  });
});
