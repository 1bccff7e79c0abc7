// One-character marks for result and resource states, matching the text report's legend (~ ? !).
import type { ResultStatus } from "../rules/types.js";
import type { RowState } from "./model.js";
import type { Role } from "./theme.js";

export const SYMBOL: Readonly<Record<ResultStatus | RowState, string>> = {
  fail: "~",
  unknown: "?",
  waived: "!",
  pass: "✓",
  hidden: "·",
  not_applicable: "-",
};

/** The symbols in words, for the help screen. */
export const LEGEND: readonly { readonly symbol: string; readonly role: Role; readonly means: string }[] = [
  { symbol: SYMBOL.fail, role: "fail", means: "violates the policy" },
  { symbol: SYMBOL.unknown, role: "unknown", means: "cannot be judged from the inputs; not a pass" },
  { symbol: SYMBOL.waived, role: "waived", means: "covered by a waiver" },
  { symbol: SYMBOL.pass, role: "pass", means: "every rule passes" },
  { symbol: SYMBOL.hidden, role: "dim", means: "its problems are hidden by the filters" },
  { symbol: SYMBOL.not_applicable, role: "dim", means: "not applicable" },
];
