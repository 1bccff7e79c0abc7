// Timestamps to ISO-8601: placebo `{"__class__":"datetime",…}` objects and the strings the AWS CLI prints.
import { known, unknown, type Value } from "../../model/value.js";
import { isRecord, missingReason, wrongTypeReason, type Raw, type Where } from "./fields.js";

const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

function integerPart(x: unknown, min: number, max: number): number | undefined {
  return typeof x === "number" && Number.isInteger(x) && x >= min && x <= max ? x : undefined;
}

/** A recorded Python datetime (UTC) → ISO string; undefined when the object is not one. */
function fromDatetimeObject(o: Raw): string | undefined {
  if (o["__class__"] !== "datetime") return undefined;
  const year = integerPart(o["year"], 1, 9999);
  const month = integerPart(o["month"], 1, 12);
  const day = integerPart(o["day"], 1, 31);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const hour = integerPart(o["hour"] ?? 0, 0, 23);
  const minute = integerPart(o["minute"] ?? 0, 0, 59);
  const second = integerPart(o["second"] ?? 0, 0, 59);
  const micro = integerPart(o["microsecond"] ?? 0, 0, 999_999);
  if (hour === undefined || minute === undefined || second === undefined || micro === undefined) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute, second, Math.floor(micro / 1000)));
  d.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A time string → ISO string; times without a zone are UTC, as AWS prints them. */
function fromString(s: string): string | undefined {
  const ms = Date.parse(NO_ZONE.test(s) ? `${s.replace(" ", "T")}Z` : s);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Any timestamp shape found in AWS JSON → ISO-8601 (`2016-07-27T00:59:07.080Z`), or undefined. */
export function toIsoTime(x: unknown): string | undefined {
  if (typeof x === "string") return fromString(x);
  if (isRecord(x)) return fromDatetimeObject(x);
  return undefined;
}

/** A timestamp field as an ISO string; absent or unreadable → unknown naming the field. */
export function timeField(raw: Raw, field: string, where: Where): Value<string> {
  const x = raw[field];
  if (x === undefined || x === null) return unknown(missingReason(field, where));
  const iso = toIsoTime(x);
  return iso === undefined ? unknown(wrongTypeReason(field, "a time", x, where)) : known(iso);
}
