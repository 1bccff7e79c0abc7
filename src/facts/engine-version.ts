// Engine versions compared as dotted numbers on the engine's own version part (Aurora MySQL 3.04.0, not 8.0).
import { known, unknown, type Value } from "../model/value.js";

export interface EngineVersion {
  /** The leading numeric parts: `5.6.10a` → [5, 6, 10]. */
  readonly numbers: readonly number[];
  /** What follows the numbers, lower-case: `5.6.10a` → "a"; "" when nothing does. */
  readonly suffix: string;
  /** The part that was compared, e.g. `3.04.0` for `8.0.mysql_aurora.3.04.0`. */
  readonly text: string;
}

const AURORA_MYSQL_MARKER = /^(.*?)\.?mysql_aurora\.(.+)$/i;

/**
 * The engine's own version part. Aurora MySQL reports `<MySQL version>.mysql_aurora.<Aurora version>`
 * and its releases are numbered by the Aurora part; every other engine's version is its own.
 */
export function ownVersionPart(version: string): string {
  const m = AURORA_MYSQL_MARKER.exec(version.trim());
  return m ? m[2]! : version.trim();
}

/** The compatibility prefix Aurora MySQL puts before its own version (`8.0` in `8.0.mysql_aurora.3.04.0`), else null. */
export function auroraMysqlPrefix(version: string): string | null {
  const m = AURORA_MYSQL_MARKER.exec(version.trim());
  return m ? m[1]! : null;
}

/** Parses a version (full or own form). Unknown when it does not start with a number. */
export function parseEngineVersion(version: string): Value<EngineVersion> {
  const text = ownVersionPart(version);
  const m = /^(\d+(?:\.\d+)*)(.*)$/.exec(text);
  if (!m) return unknown(`the engine version "${version}" does not start with a number, so it cannot be compared`);
  const numbers = m[1]!.split(".").map(Number);
  // A separator between the numbers and a suffix (`15.4-R2`, `10.6.`) carries no order of its own.
  const suffix = m[2]!.replace(/^[.\-_]/, "").toLowerCase();
  return known({ numbers, suffix, text });
}

/**
 * Negative when `a` is older than `b`, 0 when equal, positive when newer. Missing trailing numbers
 * count as 0 (`3.04` = `3.04.0`); with equal numbers a suffix is newer than none (`5.6.10a` > `5.6.10`),
 * and suffixes compare alphabetically.
 */
export function compareEngineVersions(a: EngineVersion, b: EngineVersion): number {
  const n = Math.max(a.numbers.length, b.numbers.length);
  for (let i = 0; i < n; i++) {
    const d = (a.numbers[i] ?? 0) - (b.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  if (a.suffix === b.suffix) return 0;
  if (a.suffix === "") return -1;
  if (b.suffix === "") return 1;
  return a.suffix < b.suffix ? -1 : 1;
}
