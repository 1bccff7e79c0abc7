// Durations in the policy (`90s`, `5m`, `1h`, `2d` or whole seconds): their schema, their parsing and their wording, in one place.

/** A duration string: a whole number (at most 9 digits, so any unit stays an exact number of seconds) and one unit (s, m, h, d). */
export const DURATION_PATTERN = "^[0-9]{1,9}[smhd]$";

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** The JSON Schema of a duration: a string like `90s`/`5m`/`1h`/`2d`, or whole seconds. */
export function durationSchema(description: string): Record<string, unknown> {
  return {
    description,
    anyOf: [
      { type: "string", pattern: DURATION_PATTERN },
      { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    ],
  };
}

/** Seconds of a duration (`"2m"` → 120, `90` → 90), or undefined when the value is not one. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== "string") return undefined;
  const m = /^([0-9]{1,9})([smhd])$/.exec(value);
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!]!;
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/** Seconds in the policy's own words: 120 → `2m`, 95 → `95s`, 3600 → `1h`, 172800 → `2d`. */
export function formatDuration(seconds: number): string {
  if (seconds > 0 && Number.isInteger(seconds)) {
    for (const [unit, size] of [["d", 86400], ["h", 3600], ["m", 60]] as const) {
      if (seconds % size === 0) return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}
