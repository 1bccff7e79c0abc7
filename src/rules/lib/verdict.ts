// Small constructors and combinators for verdicts, so rules read as their logic.
import type { Value } from "../../model/value.js";
import type { Verdict } from "../types.js";

type Details = Omit<Verdict, "status" | "message" | "reason">;

export function pass(message: string, details: Details = {}): Verdict {
  return { status: "pass", message, ...details };
}

export function fail(message: string, details: Details = {}): Verdict {
  return { status: "fail", message, ...details };
}

export function unknownVerdict(reason: string, details: Details = {}): Verdict {
  return { status: "unknown", message: `cannot be judged: ${reason}`, reason, ...details };
}

export function notApplicable(reason: string): Verdict {
  return { status: "not_applicable", message: reason, reason };
}

/** Unknown when `v` is unknown; otherwise the rule's judgement of the known value. */
export function judgeKnown<T>(v: Value<T>, judge: (value: T) => Verdict, what?: string): Verdict {
  if (!v.known) return unknownVerdict(what ? `${what}: ${v.reason}` : v.reason);
  return judge(v.value);
}

/**
 * Three-valued AND: any fail → that fail; else any unknown → that unknown; else the first pass.
 * Used where a rule holds only if it holds for every part (every instance, every window).
 */
export function allOf(verdicts: readonly Verdict[], whenEmpty: Verdict): Verdict {
  if (verdicts.length === 0) return whenEmpty;
  return (
    verdicts.find((v) => v.status === "fail") ??
    verdicts.find((v) => v.status === "unknown") ??
    verdicts[0]!
  );
}
