// A fast path for the RDS reader's timestamps: an RFC 3339 UTC date-time the SDK would read back to the same instant is turned into plain()'s ISO text without the SDK's regular expression, Date and formatting (a tenth of a live scan's reading time); anything else is left to the SDK.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Where `YYYY-MM-DDTHH:MM:SS` has its digits. */
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * `new Date(...).toISOString()` of what `_parseRfc3339DateTimeWithOffset` reads from `text`, for
 * the plain forms AWS and the AWS CLI write: `2024-05-01T10:20:30Z`, `…30.123Z` and
 * `…30.123000+00:00`. Undefined for anything else (lower-case `t`/`z`, other offsets, a fraction
 * that would round, out-of-range fields that the SDK rolls over or rejects, years before 1000): the
 * SDK decides those.
 */
export function utcIsoText(text: string): string | undefined {
  const n = text.length;
  if (n < 20 || n > 40) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return undefined;
  }
  for (const i of DIGIT_POSITIONS) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const digit = (i: number): number => text.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  const day = digit(8) * 10 + digit(9);
  const hour = digit(11) * 10 + digit(12);
  const minute = digit(14) * 10 + digit(15);
  const second = digit(17) * 10 + digit(18);
  // Years before 1000 are left to the SDK: Date.UTC reads 0–99 as 1900–1999, whose leap years differ.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined; // the SDK rolls it over
  // The fraction: its first three digits are the milliseconds when the rest are zeros (nothing to round).
  let at = 19;
  let millis = "000";
  if (text.charCodeAt(at) === 46) {
    let end = at + 1;
    while (end < n && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end === at + 1) return undefined;
    for (let i = at + 4; i < end; i++) if (text.charCodeAt(i) !== 48) return undefined;
    millis = (text.slice(at + 1, Math.min(end, at + 4)) + "00").slice(0, 3);
    at = end;
  }
  const rest = n - at;
  const utc = (rest === 1 && text.charCodeAt(at) === 90) || (rest === 6 && (text.endsWith("+00:00") || text.endsWith("-00:00")));
  if (!utc) return undefined;
  return at === 23 && rest === 1 ? text : `${text.slice(0, 19)}.${millis}Z`;
}
