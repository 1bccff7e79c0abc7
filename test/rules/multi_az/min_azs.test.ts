import { describe, expect, it } from "vitest";
import { minAzs } from "../../../src/rules/multi_az/min_azs.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("multi_az.min_azs", () => {
  it("passes with a writer and a reader in two AZs", () => {
    const v = minAzs.check(resource(), 2, context());
    expect(v).toMatchObject({ status: "pass", actual: 2, expected: 2 });
  });

  it("fails when every instance is in one AZ, whatever the cluster's AvailabilityZones list says", () => {
    const r = resource({ instances: [{ id: "a", writer: true, az: "us-east-1a" }, { id: "b", az: "us-east-1a" }] });
    expect(minAzs.check(r, 2, context())).toMatchObject({ status: "fail", actual: 1, messageId: "tooFewAzs", data: { azsCount: "1 AZ", minimum: 2 } });
  });

  it("fails a cluster with no instances", () => {
    expect(minAzs.check(resource({ instances: [] }), 2, context())).toMatchObject({ status: "fail", actual: 0 });
  });

  it("is unknown when a missing AZ could make the difference", () => {
    const r = resource({ instances: [{ id: "a", writer: true, az: "us-east-1a" }, { id: "b", az: UNKNOWN }] });
    expect(minAzs.check(r, 2, context()).status).toBe("unknown");
  });

  it("fails even with an unknown AZ when it could not reach the minimum", () => {
    const r = resource({ instances: [{ id: "a", writer: true, az: "us-east-1a" }, { id: "b", az: UNKNOWN }] });
    expect(minAzs.check(r, 3, context()).status).toBe("fail");
  });

  it("counts a Multi-AZ DB instance's standby AZ", () => {
    const r = resource({ kind: "instance", instances: [{ id: "db", writer: true, az: "us-east-1a", secondaryAz: "us-east-1c" }] });
    expect(minAzs.check(r, 2, context())).toMatchObject({ status: "pass", actual: 2 });
  });

  it("fails a single-AZ DB instance and proposes multi_az", () => {
    const r = resource({ kind: "instance", instances: [{ id: "db", writer: true, az: "us-east-1a" }] });
    const v = minAzs.check(r, 2, context());
    expect(v).toMatchObject({ status: "fail", actual: 1 });
    expect(v.remedies).toEqual([expect.objectContaining({ attribute: "multi_az", to: true })]);
  });

  it("is unknown when the member list is unknown", () => {
    expect(minAzs.check(resource({ instances: UNKNOWN }), 2, context()).status).toBe("unknown");
  });

  it("judges every candidate when the writer is unknown", () => {
    const r = resource({
      instances: [
        { id: "a", writer: UNKNOWN, az: "us-east-1a" },
        { id: "b", writer: UNKNOWN, az: "us-east-1b" },
      ],
    });
    expect(minAzs.check(r, 2, context()).status).toBe("pass");
  });
});
