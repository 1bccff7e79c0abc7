// The exit codes of SPEC-v1 §5, and the one a run's verdict gives.
import type { Summary } from "../engine/result.js";

/** Exit codes of SPEC-v1 §5. */
export const EXIT = { ok: 0, violations: 1, usage: 2 } as const;

/**
 * 1 when anything fails (or, with --fail-on-unknown, is unknown, could not be read at all: `gaps`,
 * or nothing was judged: no resource selected), else 0.
 */
export function exitCodeFor(summary: Summary, failOnUnknown: boolean, gaps: readonly string[] = []): number {
  if (summary.fail > 0) return EXIT.violations;
  if (failOnUnknown && (summary.unknown > 0 || gaps.length > 0 || summary.resources === 0)) return EXIT.violations;
  return EXIT.ok;
}
