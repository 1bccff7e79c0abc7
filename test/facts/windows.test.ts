// Tests of window parsing and overlap on the week circle, including midnight and Sunday-to-Monday wraps.
import { describe, expect, it } from "vitest";
import {
  dailyOverlapsWeekly,
  formatDailyWindow,
  MINUTES_PER_WEEK,
  parseDailyWindow,
  parseWeeklyWindow,
  proposeDailyWindow,
  type DailyWindow,
  type WeekInterval,
} from "../../src/facts/windows.js";

function daily(text: string): DailyWindow {
  const v = parseDailyWindow(text);
  if (!v.known) throw new Error(v.reason);
  return v.value;
}

function weekly(text: string): WeekInterval {
  const v = parseWeeklyWindow(text);
  if (!v.known) throw new Error(v.reason);
  return v.value;
}

describe("parsing", () => {
  it("reads a daily window, including one that crosses midnight", () => {
    expect(daily("03:00-03:30")).toEqual({ start: 180, length: 30 });
    expect(daily("23:45-00:15")).toEqual({ start: 1425, length: 30 });
  });

  it("reads a weekly window, including one that crosses from Sunday to Monday", () => {
    expect(weekly("mon:00:00-mon:00:30")).toEqual({ start: 0, length: 30 });
    expect(weekly("Sun:23:30-Mon:00:30")).toEqual({ start: 6 * 1440 + 1410, length: 60 });
  });

  it("is unknown, quoting the value, for a malformed window", () => {
    for (const bad of ["3:00-03:30", "03:00-03:00", "24:00-00:30", "", "03:00"]) {
      const v = parseDailyWindow(bad);
      expect(v.known).toBe(false);
      if (!v.known) expect(v.reason).toContain(`"${bad}"`);
    }
    for (const bad of ["sun:05:00-05:30", "xyz:05:00-sun:05:30", "sun:05:00-sun:05:00"]) {
      expect(parseWeeklyWindow(bad).known).toBe(false);
    }
  });
});

describe("overlap", () => {
  it("finds the day the daily window meets the weekly one", () => {
    expect(dailyOverlapsWeekly(daily("05:00-05:30"), weekly("sun:05:15-sun:05:45"))).toBe(true);
    expect(dailyOverlapsWeekly(daily("03:00-03:30"), weekly("sun:05:00-sun:05:30"))).toBe(false);
  });

  it("does not count touching ends as an overlap", () => {
    expect(dailyOverlapsWeekly(daily("04:30-05:00"), weekly("tue:05:00-tue:05:30"))).toBe(false);
    expect(dailyOverlapsWeekly(daily("05:30-06:00"), weekly("tue:05:00-tue:05:30"))).toBe(false);
  });

  it("handles a backup window across midnight against a maintenance window across the week's end", () => {
    expect(dailyOverlapsWeekly(daily("23:50-00:20"), weekly("sun:23:00-mon:00:10"))).toBe(true);
    expect(dailyOverlapsWeekly(daily("23:50-00:20"), weekly("mon:00:10-mon:00:40"))).toBe(true);
    expect(dailyOverlapsWeekly(daily("23:50-00:20"), weekly("mon:00:20-mon:00:50"))).toBe(false);
  });

  it("sees a multi-day maintenance window covering the daily window", () => {
    expect(dailyOverlapsWeekly(daily("12:00-12:30"), weekly("sat:13:00-mon:11:00"))).toBe(true);
    expect(weekly("sat:13:00-mon:11:00").length).toBeLessThan(MINUTES_PER_WEEK);
  });
});

describe("proposeDailyWindow", () => {
  it("moves the window by the fewest half hours, keeping its length", () => {
    const p = proposeDailyWindow(daily("05:00-05:30"), [weekly("sun:05:00-sun:05:30")]);
    expect(p && formatDailyWindow(p)).toBe("05:30-06:00");
  });

  it("keeps clear of several windows", () => {
    const p = proposeDailyWindow(daily("05:00-06:00"), [weekly("sun:05:00-sun:06:30"), weekly("wed:06:00-wed:07:00"), weekly("fri:03:30-fri:04:30")]);
    expect(p && formatDailyWindow(p)).toBe("07:00-08:00");
  });

  it("returns undefined when nothing fits", () => {
    expect(proposeDailyWindow(daily("05:00-05:30"), [weekly("mon:00:00-sun:23:59")])).toBeUndefined();
  });
});
