// objectives.rpo: data loss against the objective, worded like objectives.rto with RPO's own remedies.
import { describe, expect, it } from "vitest";
import { judgementVerdict } from "../../../src/rules/lib/objectives.js";
import { renderMessage } from "../../../src/rules/messages.js";
import { judgeObjective } from "../../../src/rules/objectives/judge.js";
import { rpo } from "../../../src/rules/objectives/rpo.js";
import type { Estimate, Term } from "../../../src/simulate/types.js";

const term = (name: string, low: number, high: number | null, from: Term["from"] = "aws-doc"): Term => ({ term: name, low, high, from, ref: `ref of ${name}` });
const est = (t: Term): Estimate => (t.high === null ? { low: t.low, high: null, bound: "unbounded", terms: [t] } : { low: t.low, high: t.high, bound: "estimate", terms: [t] });

describe("objectives.rpo verdicts", () => {
  it("passes no data loss against a zero objective", () => {
    const v = judgementVerdict("rpo", judgeObjective({ writer: [{ disruption: "writer", estimate: est(term("Aurora storage quorum", 0, 0)) }] }, { writer: 0 }), "aurora-cluster");
    expect(v).toMatchObject({ status: "pass", expected: { writer: 0 }, actual: { writer: [0, 0] } });
    expect(renderMessage(rpo.messages, v.messageId, v.data)).toMatch(/^RPO within the objective for every disruption: writer 0 s ≤ 0s/);
  });

  it("fails a restore from backup over the objective, naming it and suggesting a standby in another AZ", () => {
    const v = judgementVerdict("rpo", judgeObjective({ az: [{ disruption: "az:us-east-1a", estimate: est(term("point-in-time restore", 0, 300)) }] }, { az: 0 }), "instance");
    expect(v).toMatchObject({ status: "fail", messageId: "overObjective", data: { measure: "RPO", term: "point-in-time restore", objective: "0s" } });
    expect(v.remedies?.[0]).toMatchObject({ kind: "manual", text: expect.stringMatching(/multi_az = true/) });
  });

  it("fails data that cannot be recovered without a person", () => {
    const v = judgementVerdict("rpo", judgeObjective({ az: [{ disruption: "az:us-east-1a", estimate: est(term("data lost: backups are off", 0, null)) }] }, { az: 3600 }), "instance");
    expect(v).toMatchObject({ status: "fail", messageId: "noUpperBound" });
  });
});
