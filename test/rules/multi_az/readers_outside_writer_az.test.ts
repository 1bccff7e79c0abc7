// Tests of multi_az.readers_outside_writer_az: readers in AZs other than the writer's, with unknown AZs only where they matter.
import { describe, expect, it } from "vitest";
import { readersOutsideWriterAz } from "../../../src/rules/multi_az/readers_outside_writer_az.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("multi_az.readers_outside_writer_az", () => {
  it("passes a reader in another AZ", () => {
    expect(readersOutsideWriterAz.check(resource(), 1, context())).toMatchObject({ status: "pass", expected: 1, actual: 1 });
  });

  it("fails when every reader shares the writer's AZ", () => {
    const r = resource({
      instances: [
        { id: "w", writer: true, az: "us-east-1a" },
        { id: "r1", az: "us-east-1a" },
        { id: "r2", az: "us-east-1a" },
      ],
    });
    const v = readersOutsideWriterAz.check(r, 1, context());
    expect(v).toMatchObject({ status: "fail", actual: 0, expected: 1, messageId: "tooFewOutside", data: { readers: "0 readers", minimum: 1, leftOver: "no instance", toAdd: "1 reader" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "change-topology", outsideWriterAz: 1 })]);
  });

  it("fails a writer-only cluster", () => {
    expect(readersOutsideWriterAz.check(resource({ instances: [{ id: "w", writer: true }] }), 1, context())).toMatchObject({
      status: "fail",
      actual: 0,
    });
  });

  it("is unknown when a reader with an unknown AZ could make the count", () => {
    const r = resource({ instances: [{ id: "w", writer: true, az: "us-east-1a" }, { id: "r", az: UNKNOWN }] });
    expect(readersOutsideWriterAz.check(r, 1, context()).status).toBe("unknown");
  });

  it("passes despite an unknown reader AZ when the known readers already suffice", () => {
    const r = resource({ instances: [{ id: "w", writer: true, az: "us-east-1a" }, { id: "r1", az: "us-east-1b" }, { id: "r2", az: UNKNOWN }] });
    expect(readersOutsideWriterAz.check(r, 1, context())).toMatchObject({ status: "pass", actual: 1 });
  });

  it("fails despite unknown AZs when there are too few readers anyway", () => {
    const r = resource({ instances: [{ id: "w", writer: true, az: "us-east-1a" }, { id: "r", az: UNKNOWN }] });
    expect(readersOutsideWriterAz.check(r, 2, context()).status).toBe("fail");
  });

  it("with the writer's AZ unknown, passes when readers in two AZs guarantee one outside it", () => {
    const r = resource({ instances: [{ id: "w", writer: true, az: UNKNOWN }, { id: "r1", az: "us-east-1a" }, { id: "r2", az: "us-east-1b" }] });
    expect(readersOutsideWriterAz.check(r, 1, context())).toMatchObject({ status: "pass", actual: 1 });
    expect(readersOutsideWriterAz.check(r, 2, context()).status).toBe("unknown");
  });

  it("counts a Multi-AZ instance's standby, and proposes multi_az for a single-AZ one", () => {
    const multi = resource({ kind: "instance", engine: "mysql", instances: [{ id: "db", writer: true, az: "us-east-1a", secondaryAz: "us-east-1c" }] });
    expect(readersOutsideWriterAz.check(multi, 1, context())).toMatchObject({ status: "pass", actual: 1 });
    const single = resource({ kind: "instance", engine: "mysql" });
    const v = readersOutsideWriterAz.check(single, 1, context());
    expect(v).toMatchObject({ status: "fail", actual: 0 });
    expect(v.remedies).toEqual([expect.objectContaining({ attribute: "multi_az", to: true })]);
  });

  it("is judged under every possible writer when the writer is unknown", () => {
    const sameAz = resource({ instances: [{ id: "a", writer: UNKNOWN, az: "us-east-1a" }, { id: "b", writer: UNKNOWN, az: "us-east-1a" }] });
    expect(readersOutsideWriterAz.check(sameAz, 1, context()).status).toBe("fail");
    const split = resource({ instances: [{ id: "a", writer: UNKNOWN, az: "us-east-1a" }, { id: "b", writer: UNKNOWN, az: "us-east-1b" }] });
    expect(readersOutsideWriterAz.check(split, 1, context()).status).toBe("pass");
  });

  it("passes 0 without looking at the data", () => {
    expect(readersOutsideWriterAz.check(resource({ instances: UNKNOWN }), 0, context()).status).toBe("pass");
  });
});
