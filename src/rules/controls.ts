// Which compliance controls each rule evidences, computed from the rules' own `controls` field.
import type { Control, Framework } from "./control-catalog.js";
import { RULES } from "./index.js";

export * from "./control-catalog.js";

/** The controls a rule evidences (empty for unknown rule ids). */
export function controlsOf(ruleId: string): readonly Control[] {
  return RULES.find((r) => r.id === ruleId)?.controls ?? [];
}

/** Rule ids with at least one control in the framework, in RULES order. */
export function rulesOfFramework(framework: Framework): string[] {
  return RULES.filter((r) => r.controls.some((c) => c.framework === framework)).map((r) => r.id);
}

/** `fsbp:RDS.5`-style tags, for formats that carry controls as strings (SARIF). */
export function controlTags(ruleId: string): string[] {
  return controlsOf(ruleId).map((c) => `${c.framework}:${c.id}`);
}
