// Cloud Custodian placebo recordings: the {status_code, data} wrapper and datetime objects.
import { describe, expect, it } from "vitest";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { toIsoTime } from "../../../src/sources/aws-json/normalize.js";
import { FIXTURES, instancesOf, resourceById } from "./support.js";

describe("placebo recordings", () => {
  it("unwraps data and reads timestamps recorded as datetime objects", async () => {
    const inv = await readAwsJson(["placebo"], { cwd: FIXTURES });
    const r = resourceById(inv, "recorded");
    expect(r.kind).toBe("aurora-cluster");
    expect(r.engine).toBe("aurora");
    expect(r.latestRestorableTime).toEqual({ known: true, value: "2016-07-27T00:59:07.080Z" });
    // Aurora MySQL 5.6 omits BacktrackWindow when backtrack is off
    expect(r.backtrackWindowSeconds).toEqual({ known: true, value: 0 });
    expect(instancesOf(r)[0]?.availabilityZone).toEqual({ known: true, value: "us-west-2b" });
  });
});

describe("toIsoTime", () => {
  it.each([
    [{ __class__: "datetime", year: 2016, month: 7, day: 12, hour: 8, minute: 1, second: 23, microsecond: 306000 }, "2016-07-12T08:01:23.306Z"],
    [{ __class__: "datetime", year: 2020, month: 1, day: 2 }, "2020-01-02T00:00:00.000Z"],
    ["2024-02-21T23:14:19.292000+00:00", "2024-02-21T23:14:19.292Z"],
    ["2024-02-21T23:14:19+02:00", "2024-02-21T21:14:19.000Z"],
    ["2020-07-16 04:08:23.406", "2020-07-16T04:08:23.406Z"],
    ["2026-11-22T09:58:00Z", "2026-11-22T09:58:00.000Z"],
  ])("reads %j as %s", (raw, iso) => {
    expect(toIsoTime(raw)).toBe(iso);
  });

  it.each([["yesterday"], [{ __class__: "datetime", year: 2020, month: 13, day: 1 }], [{ year: 2020, month: 1, day: 1 }], [42], [null]])(
    "cannot read %j",
    (raw) => {
      expect(toIsoTime(raw)).toBeUndefined();
    },
  );
});
