// Small constructors and combinators for verdicts, so rules read as their logic.
import type { Value } from "../../model/value.js";
import type { MessageData } from "../messages.js";
import type { Verdict } from "../types.js";

type Details = Omit<Verdict, "status" | "messageId" | "data" | "reason">;

/** A pass worded by the rule's template `messageId` filled with `data`. */
export function pass<Id extends string>(messageId: Id, data?: MessageData, details: Details = {}): Verdict<Id> {
  return { status: "pass", messageId, ...(data ? { data } : {}), ...details };
}

/** A fail worded by the rule's template `messageId` filled with `data`. */
export function fail<Id extends string>(messageId: Id, data?: MessageData, details: Details = {}): Verdict<Id> {
  return { status: "fail", messageId, ...(data ? { data } : {}), ...details };
}

/** Unknown, worded by the shared template: "cannot be judged: <reason>". */
export function unknownVerdict(reason: string, details: Details = {}): Verdict<never> {
  return { status: "unknown", messageId: "unknown", data: { reason }, reason, ...details };
}

export function notApplicable(reason: string): Verdict<never> {
  return { status: "not_applicable", messageId: "notApplicable", data: { reason }, reason };
}

/** Unknown when `v` is unknown; otherwise the rule's judgement of the known value. */
export function judgeKnown<T, Id extends string>(v: Value<T>, judge: (value: T) => Verdict<Id>, what?: string): Verdict<Id> {
  if (!v.known) return unknownVerdict(what ? `${what}: ${v.reason}` : v.reason);
  return judge(v.value);
}

/**
 * Three-valued AND: any fail → that fail; else any unknown → that unknown; else the first pass.
 * Used where a rule holds only if it holds for every part (every instance, every window).
 */
export function allOf<Id extends string>(verdicts: readonly Verdict<Id>[], whenEmpty: Verdict<Id>): Verdict<Id> {
  if (verdicts.length === 0) return whenEmpty;
  return (
    verdicts.find((v) => v.status === "fail") ??
    verdicts.find((v) => v.status === "unknown") ??
    verdicts[0]!
  );
}
