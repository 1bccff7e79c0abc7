// Evaluations shared by the report tests: every status, a .tf location, a waiver and an expired waiver.
import { evaluate } from "../../src/engine/evaluate.js";
import type { Evaluation } from "../../src/engine/result.js";
import type { Resource } from "../../src/model/resource.js";
import { inventory, resource, UNKNOWN } from "../support/build.js";
import { policy, target } from "../support/policy.js";

export const NOW = new Date("2026-11-22T10:00:00Z");

export function withLocation(r: Resource, file: string, line?: number): Resource {
  return { ...r, location: { source: "hcl", file, ...(line !== undefined ? { line, column: 1 } : {}) } };
}

/** a: fails (from infra/main.tf:12), b: unknown, c: waived fail, d: passes, e: instance (multi-AZ fails). */
export function mixedEvaluation(now: Date = NOW): Evaluation {
  const inv = inventory({
    resources: [
      withLocation(resource({ id: "a", retention: 1 }), "infra/main.tf", 12),
      resource({ id: "b", retention: UNKNOWN }),
      resource({ id: "c", retention: 2 }),
      resource({ id: "d" }),
      resource({ id: "e", kind: "instance" }),
    ],
  });
  const waivers = [
    { resource: "c", rules: ["backup.min_retention_days"], reason: "migration until Q1", expires: "2030-01-01", approvedBy: "cto@example.com" },
    { resource: "d", rules: ["*"], reason: "old exception", expires: "2020-01-01" },
  ];
  const targets = [target({ require: { "backup.min_retention_days": 7, "multi_az.min_azs": 2, "backup.min_backtrack_hours": 24 } })];
  return evaluate([policy({ targets, waivers })], inv, { now });
}

/** One failing resource whose identifier and tags carry markup and CSV/formula payloads. */
export function hostileEvaluation(): Evaluation {
  const id = `=cmd|' /C calc'!A0 <script>alert("x")</script> & ]]> | \`tick\`\nnext`;
  const inv = inventory({ resources: [resource({ id, retention: 1 })] });
  const waivers = [{ resource: "nothing", rules: ["*"], reason: `<b>"expired" & ]]> | gone`, expires: "2020-01-01" }];
  return evaluate([policy({ name: `<policy & "x">`, waivers, targets: [target({ name: "t<&>" })] })], inv, { now: NOW });
}
