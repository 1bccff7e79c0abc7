// Backup and maintenance windows as intervals on a week-long circle of minutes (UTC), for overlap checks.
import { known, unknown, type Value } from "../model/value.js";

export const MINUTES_PER_DAY = 1440;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** A span of the week: `start` minutes after Monday 00:00 UTC, `length` minutes long (may wrap past Sunday). */
export interface WeekInterval {
  readonly start: number;
  readonly length: number;
}

/** A daily span: `start` minutes after 00:00 UTC, `length` minutes long (may wrap past midnight). */
export interface DailyWindow {
  readonly start: number;
  readonly length: number;
}

const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const DAILY = new RegExp(`^${TIME}-${TIME}$`);
const WEEKLY = new RegExp(`^(mon|tue|wed|thu|fri|sat|sun):${TIME}-(mon|tue|wed|thu|fri|sat|sun):${TIME}$`, "i");

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

/** `hh24:mi-hh24:mi` (PreferredBackupWindow). Unknown, quoting the value, when it is not that shape or empty. */
export function parseDailyWindow(text: string): Value<DailyWindow> {
  const m = DAILY.exec(text.trim());
  if (!m) return unknown(`"${text}" is not a daily window of the form hh24:mi-hh24:mi`);
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  const length = mod(end - start, MINUTES_PER_DAY);
  if (length === 0) return unknown(`"${text}" starts and ends at the same time`);
  return known({ start, length });
}

/** `ddd:hh24:mi-ddd:hh24:mi` (PreferredMaintenanceWindow). Unknown, quoting the value, when it is not that shape or empty. */
export function parseWeeklyWindow(text: string): Value<WeekInterval> {
  const m = WEEKLY.exec(text.trim());
  if (!m) return unknown(`"${text}" is not a weekly window of the form ddd:hh24:mi-ddd:hh24:mi`);
  const at = (day: string, hh: string, mi: string) =>
    DAYS.indexOf(day.toLowerCase() as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(hh) * 60 + Number(mi);
  const start = at(m[1]!, m[2]!, m[3]!);
  const length = mod(at(m[4]!, m[5]!, m[6]!) - start, MINUTES_PER_WEEK);
  if (length === 0) return unknown(`"${text}" starts and ends at the same time`);
  return known({ start, length });
}

/** The seven weekly occurrences of a daily window. */
export function dailyOccurrences(w: DailyWindow): WeekInterval[] {
  return DAYS.map((_, day) => ({ start: day * MINUTES_PER_DAY + w.start, length: w.length }));
}

/** Whether two half-open intervals on the week circle share a minute (touching ends do not overlap). */
export function intervalsOverlap(a: WeekInterval, b: WeekInterval): boolean {
  return mod(b.start - a.start, MINUTES_PER_WEEK) < a.length || mod(a.start - b.start, MINUTES_PER_WEEK) < b.length;
}

/** Whether the daily window overlaps the weekly window on any day. */
export function dailyOverlapsWeekly(daily: DailyWindow, weekly: WeekInterval): boolean {
  return dailyOccurrences(daily).some((d) => intervalsOverlap(d, weekly));
}

/** `hh24:mi-hh24:mi` for a daily window. */
export function formatDailyWindow(w: DailyWindow): string {
  const hhmm = (minutes: number) => {
    const t = mod(minutes, MINUTES_PER_DAY);
    return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
  };
  return `${hhmm(w.start)}-${hhmm(w.start + w.length)}`;
}

/**
 * A daily window of the same length as `current`, moved by the fewest half hours (later first on a
 * tie) so that it overlaps none of `weekly`; undefined when no half-hour start clears them all.
 */
export function proposeDailyWindow(current: DailyWindow, weekly: readonly WeekInterval[]): DailyWindow | undefined {
  const step = 30;
  for (let k = 1; k <= MINUTES_PER_DAY / step; k++) {
    for (const offset of [k * step, -k * step]) {
      const candidate = { start: mod(current.start + offset, MINUTES_PER_DAY), length: current.length };
      if (!weekly.some((w) => dailyOverlapsWeekly(candidate, w))) return candidate;
    }
  }
  return undefined;
}
