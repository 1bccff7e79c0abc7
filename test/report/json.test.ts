import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { jsonReport, renderJson } from "../../src/report/json.js";
import { inventory, resource, UNKNOWN } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const now = new Date("2026-11-22T10:00:00Z");

describe("JSON report", () => {
  it("streams the same data as the whole report, one result per line", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 1 }), resource({ id: "b" })] });
    const ev = evaluate([policy({ targets: [target({ require: { "backup.min_retention_days": 7, "multi_az.min_azs": 2 } })] })], inv, { now });
    const text = renderJson(ev);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(jsonReport(ev))));
    const resultLines = text.split("\n").filter((l) => l.startsWith('    {"resource"'));
    expect(resultLines).toHaveLength(4);
  });

  it("lists a reshaped cluster's member changes in fix as attribute changes of their own (SPEC-v1 §3 shape)", () => {
    const instances = [
      { id: "big-1", writer: true, az: "us-east-1a", tier: 1, class: "db.r6g.4xlarge" },
      { id: "big-2", writer: false, az: "us-east-1b", tier: 1, class: "db.r6g.large" },
    ];
    const inv = inventory({ resources: [resource({ id: "big", instances })] });
    const ev = evaluate([policy({ targets: [target({ require: { "failover.target_class": "same-or-larger" } })] })], inv, { now });
    const [result] = JSON.parse(renderJson(ev)).results;
    expect(result.status).toBe("fail");
    expect(result.fix).toContainEqual(expect.objectContaining({ kind: "set-attribute", attribute: "instance_class", from: "db.r6g.large", to: "db.r6g.4xlarge", instance: "big-2" }));
    expect(result.fix.every((f: { kind: string; set?: unknown }) => f.set === undefined)).toBe(true);
  });

  it("handles a run with no results", () => {
    const ev = evaluate([policy()], inventory(), { now });
    expect(JSON.parse(renderJson(ev)).results).toEqual([]);
  });

  it("has the SPEC-v1 §3 shape for a failing result", () => {
    const inv = inventory({ resources: [resource({ id: "ledger-prod", retention: 1 })] });
    const report = JSON.parse(renderJson(evaluate([policy()], inv, { now })));
    expect(report.summary).toEqual({ resources: 1, pass: 0, fail: 1, unknown: 0, waived: 0, not_applicable: 0 });
    expect(report.results[0]).toMatchObject({
      resource: { id: "ledger-prod", kind: "aurora-cluster", engine: "aurora-mysql", region: "us-east-1", account: "123456789012" },
      target: "prod",
      rule: "backup.min_retention_days",
      status: "fail",
      severity: "high",
      expected: 7,
      actual: 1,
      fix: [{ attribute: "backup_retention_period", from: 1, to: 7 }],
    });
    expect(report.results[0].resource.address).toMatch(/^arn:aws:rds:/);
  });

  it("adds the message's template id and data after the message, keeping every SPEC-v1 §3 key", () => {
    const inv = inventory({ resources: [resource({ id: "ledger-prod", retention: 1 })] });
    const result = JSON.parse(renderJson(evaluate([policy()], inv, { now }))).results[0];
    expect(result).toMatchObject({ messageId: "tooShort", data: { retention: "1 day", minimum: 7 } });
    const keys = Object.keys(result);
    expect(keys.slice(keys.indexOf("message"), keys.indexOf("message") + 3)).toEqual(["message", "messageId", "data"]);
  });

  it("adds the reason to unknown and waived results only", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 1 }), resource({ id: "b", retention: 30 })] });
    const waivers = [{ resource: "a", rules: ["*"], reason: "accepted", expires: "2030-01-01" }];
    const report = JSON.parse(renderJson(evaluate([policy({ waivers })], inv, { now })));
    expect(report.results.map((r: { status: string; reason?: string }) => [r.status, r.reason])).toEqual([
      ["waived", "accepted"],
      ["pass", undefined],
    ]);
  });
});

describe("capture time in reports", () => {
  it("records when the data was captured, when the inputs say so", () => {
    const withTime = JSON.parse(renderJson(evaluate([policy()], inventory({ resources: [resource()], capturedAt: "2026-11-20T08:00:00Z" }), { now })));
    expect(withTime.capturedAt).toBe("2026-11-20T08:00:00Z");
    const without = JSON.parse(renderJson(evaluate([policy()], inventory({ resources: [resource()], capturedAt: UNKNOWN }), { now })));
    expect(without).not.toHaveProperty("capturedAt");
  });
});
