// String parsers with a cache owned by one facts object: the same few classes, versions and windows repeat across a fleet.
import type { Value } from "../model/value.js";
import { parseEngineVersion, type EngineVersion } from "./engine-version.js";
import { parseInstanceClass, type ParsedClass } from "./instance-class.js";
import { parseDailyWindow, parseWeeklyWindow, type DailyWindow, type WeekInterval } from "./windows.js";

/** The facts' parsers: each answer is kept for the life of the facts (one inventory). Answers are shared: never mutate them. */
export interface Parsers {
  /** `db.r6g.2xlarge` → family and size rank (see parseInstanceClass). */
  readonly instanceClass: (instanceClass: string) => Value<ParsedClass>;
  /** An engine version, for comparison (see parseEngineVersion). */
  readonly engineVersion: (version: string) => Value<EngineVersion>;
  /** `hh24:mi-hh24:mi`, a daily backup window. */
  readonly dailyWindow: (text: string) => Value<DailyWindow>;
  /** `ddd:hh24:mi-ddd:hh24:mi`, a weekly maintenance window. */
  readonly weeklyWindow: (text: string) => Value<WeekInterval>;
}

function kept<T>(parse: (input: string) => T): (input: string) => T {
  const answers = new Map<string, T>();
  return (input) => {
    let answer = answers.get(input);
    if (answer === undefined) answers.set(input, (answer = parse(input)));
    return answer;
  };
}

/** A fresh set of parsers with empty caches. */
export function keptParsers(): Parsers {
  return {
    instanceClass: kept(parseInstanceClass),
    engineVersion: kept(parseEngineVersion),
    dailyWindow: kept(parseDailyWindow),
    weeklyWindow: kept(parseWeeklyWindow),
  };
}
