// The timestamp fast path agrees with the SDK's RFC 3339 parser on every text it accepts: dates of every month and leap rule, time boundaries, every millisecond fraction, offsets, and mutated texts.
import * as serde from "@smithy/core/serde";
import { describe, expect, it } from "vitest";
import { utcIsoText } from "../../../src/sources/aws-live/utc-timestamp.js";

/** What the converter gives without the fast path: the SDK's Date as plain() writes it, or "throws". */
function viaSdk(text: string): unknown {
  try {
    const date = serde._parseRfc3339DateTimeWithOffset(text);
    return date === undefined ? undefined : Number.isNaN(date.getTime()) ? null : date.toISOString();
  } catch {
    return "throws";
  }
}

/** Checks every accepted text against the SDK; returns how many the fast path accepted. */
function agree(texts: Iterable<string>): number {
  let accepted = 0;
  for (const text of texts) {
    const fast = utcIsoText(text);
    if (fast === undefined) continue;
    accepted++;
    if (fast !== viaSdk(text)) expect.fail(`${text}: fast path ${fast}, SDK ${String(viaSdk(text))}`);
  }
  return accepted;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

describe("utcIsoText", () => {
  it("takes the forms AWS and the AWS CLI write and gives plain()'s ISO text", () => {
    expect(utcIsoText("2024-05-01T10:20:30.123Z")).toBe("2024-05-01T10:20:30.123Z");
    expect(utcIsoText("2024-05-01T10:20:30Z")).toBe("2024-05-01T10:20:30.000Z");
    expect(utcIsoText("2022-11-09T09:22:40.719000+00:00")).toBe("2022-11-09T09:22:40.719Z");
    expect(utcIsoText("2022-11-09T09:22:40.7Z")).toBe("2022-11-09T09:22:40.700Z");
    // Left to the SDK: rounding, other offsets, roll-overs, lower case.
    for (const text of ["2022-11-09T09:22:40.719999Z", "2024-05-01T10:20:30+01:00", "2023-02-29T00:00:00Z", "2024-05-01T10:20:60Z", "2024-05-01t10:20:30z", "2024-05-01T10:20:30.Z"]) {
      expect(utcIsoText(text), text).toBeUndefined();
    }
  });

  it("agrees with the SDK on every day of every month (and beyond) across leap rules and years the Date API treats oddly", () => {
    const texts: string[] = [];
    for (const year of [0, 4, 99, 100, 999, 1600, 1900, 2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) for (let day = 0; day <= 32; day++) texts.push(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T10:20:30Z`);
    }
    // Every real day of the years from 1000 on (8 years; 1600, 2000, 2024 and 2400 leap); earlier years go to the SDK.
    expect(agree(texts)).toBe(8 * 365 + 4);
  });

  it("agrees on time boundaries, fractions of every length and offsets", () => {
    const texts: string[] = [];
    const times = ["00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1a:00:00", "12:0:000", "-1:00:00"];
    const suffixes = ["Z", "z", ".Z", ".0Z", ".5Z", ".12Z", ".123Z", ".999Z", ".1234Z", ".123000Z", ".123400+00:00", ".999999Z", ".000000000Z", "+00:00", "-00:00", "+01:00", "+0000", ".123000+00:00", "Z ", " Z"];
    for (const time of times) for (const suffix of suffixes) texts.push(`2024-02-29T${time}${suffix}`);
    for (let ms = 0; ms < 1000; ms++) {
      texts.push(`2023-12-31T23:59:59.${pad(ms, 3)}Z`, `2023-12-31T23:59:59.${pad(ms, 3)}000+00:00`, `2023-12-31T23:59:59.${pad(ms, 3)}1Z`);
    }
    for (let f = 0; f < 100; f++) texts.push(`2023-06-15T08:00:00.${pad(f, 2)}Z`, `2023-06-15T08:00:00.${f % 10}Z`);
    expect(agree(texts)).toBeGreaterThan(2000);
  });

  it("agrees on 20,000 texts mutated one character at a time", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alphabet = "0123456789-T:.Zz+ a/";
    const bases = ["2024-05-01T10:20:30.123Z", "2022-11-09T09:22:40.719000+00:00", "2024-02-29T23:59:59Z"];
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const base = bases[i % bases.length]!;
      const at = Math.floor(random() * (base.length + 1));
      const char = alphabet[Math.floor(random() * alphabet.length)]!;
      const op = random();
      texts.push(op < 0.6 ? base.slice(0, at) + char + base.slice(at + 1) : op < 0.8 ? base.slice(0, at) + char + base.slice(at) : base.slice(0, at) + base.slice(at + 1));
    }
    expect(agree(texts)).toBeGreaterThan(1000);
  });
});
