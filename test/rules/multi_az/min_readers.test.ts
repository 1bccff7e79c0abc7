// Tests of multi_az.min_readers: Aurora replicas, Multi-AZ readers and a Multi-AZ instance's standby count; read replicas do not.
import { describe, expect, it } from "vitest";
import { verdictMessage } from "../../../src/rules/messages.js";
import { minReaders } from "../../../src/rules/multi_az/min_readers.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("multi_az.min_readers", () => {
  it("passes an Aurora cluster with a writer and one reader", () => {
    expect(minReaders.check(resource(), 1, context())).toMatchObject({ status: "pass", expected: 1, actual: 1 });
  });

  it("fails a writer-only cluster and proposes adding a reader instance", () => {
    const r = resource({ instances: [{ id: "w", writer: true }] });
    const v = minReaders.check(r, 1, context());
    expect(v).toMatchObject({ status: "fail", messageId: "noReaders", data: { readers: "0 readers", minimum: 1, toAdd: "1 aws_rds_cluster_instance reader" }, expected: 1, actual: 0, diff: { attribute: "readers", from: "0", to: ">= 1" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "change-topology", readers: 1 })]);
    expect(v.remedies?.[0]?.note).toBeTruthy();
  });

  it("asks for the missing number of readers", () => {
    const v = minReaders.check(resource(), 3, context());
    expect(v).toMatchObject({ status: "fail", actual: 1, expected: 3 });
    expect(v.remedies?.[0]?.note).toContain("2 reader");
  });

  it("fails a cluster with no instances", () => {
    expect(minReaders.check(resource({ instances: [] }), 1, context())).toMatchObject({ status: "fail", actual: 0 });
  });

  it("counts a Multi-AZ DB instance's standby as a reader", () => {
    const r = resource({ kind: "instance", engine: "postgres", instances: [{ id: "db", writer: true, az: "us-east-1a", secondaryAz: "us-east-1b" }] });
    expect(minReaders.check(r, 1, context())).toMatchObject({ status: "pass", actual: 1 });
  });

  it("fails a single-AZ instance and proposes multi_az = true", () => {
    const r = resource({ kind: "instance", engine: "postgres" });
    const v = minReaders.check(r, 1, context());
    expect(v).toMatchObject({ status: "fail", actual: 0 });
    expect(v.remedies).toEqual([expect.objectContaining({ attribute: "multi_az", from: false, to: true, resourceType: "aws_db_instance" })]);
  });

  it("fails a Multi-AZ instance asked for two readers, without an attribute fix", () => {
    const r = resource({ kind: "instance", engine: "postgres", instances: [{ id: "db", writer: true, secondaryAz: "us-east-1b" }] });
    const v = minReaders.check(r, 2, context());
    expect(v).toMatchObject({ status: "fail", actual: 1, expected: 2 });
    expect(v.remedies).toEqual([]);
  });

  it("passes a Multi-AZ DB cluster's two readers", () => {
    const r = resource({
      kind: "multi-az-cluster",
      engine: "postgres",
      instances: [
        { id: "m-1", writer: true, az: "us-east-1a" },
        { id: "m-2", az: "us-east-1b" },
        { id: "m-3", az: "us-east-1c" },
      ],
    });
    expect(minReaders.check(r, 2, context())).toMatchObject({ status: "pass", actual: 2 });
  });

  it("is unknown when whether an instance has a standby is unknown", () => {
    const r = resource({ kind: "instance", engine: "postgres", instances: [{ id: "db", writer: true, secondaryAz: UNKNOWN }] });
    expect(minReaders.check(r, 1, context()).status).toBe("unknown");
  });

  it("is unknown when the member list is unknown", () => {
    expect(minReaders.check(resource({ instances: UNKNOWN }), 1, context()).status).toBe("unknown");
  });

  it("counts the same readers whichever instance becomes the writer", () => {
    const r = resource({ instances: [{ id: "a", writer: UNKNOWN }, { id: "b", writer: UNKNOWN }] });
    expect(minReaders.check(r, 1, context())).toMatchObject({ status: "pass", actual: 1 });
    expect(minReaders.check(r, 2, context())).toMatchObject({ status: "fail", actual: 1 });
    // The message names one candidate as the writer, so it says the outcome holds for each.
    const v = minReaders.check(r, 1, context());
    expect(v).toMatchObject({ messageId: "sameWhicheverWriter", data: { writer: "a", writers: "a, b", message: { messageId: "enoughReaders" } } });
    expect(verdictMessage(minReaders, v)).toMatch(/\(shown with a as the writer; the outcome is the same whichever of a, b writes, and the data does not say which\)$/);
  });

  it("passes 0 without looking at the data", () => {
    expect(minReaders.check(resource({ instances: UNKNOWN }), 0, context()).status).toBe("pass");
  });
});

describe("multi_az.min_readers on a multi-writer cluster", () => {
  it("never counts another writer as a reader", () => {
    const r = resource({ instances: [{ id: "w1", writer: true, az: "us-east-1a" }, { id: "w2", writer: true, az: "us-east-1b" }] });
    expect(minReaders.check(r, 1, context()).status).toBe("fail");
  });
});
