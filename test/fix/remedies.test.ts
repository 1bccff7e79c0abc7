// haspec fix interprets remedies, whatever rule states them: rule ids here are made up, and only the evaluation knows them.
import { describe, expect, it } from "vitest";
import type { Evaluation, Result } from "../../src/engine/result.js";
import { addressOf } from "../../src/fix/blocks.js";
import { planFixes } from "../../src/fix/plan.js";
import type { Resource } from "../../src/model/resource.js";
import type { Remedy } from "../../src/rules/remedy.js";
import type { RuleInfo } from "../../src/rules/types.js";
import { inventory, resource } from "../support/build.js";

const NOW = new Date("2026-11-22T10:00:00Z");
const cluster: Resource = { ...resource({ id: "c", retention: 1 }), location: { source: "aws-json", file: "fleet.json" }, importAttributes: {} };

function info(id: string): RuleInfo {
  return { id, group: "backup", title: `Made-up rule ${id}`, why: `The ${id} consequence. More words after it.`, fixHint: `the hint of ${id}`, controls: [] };
}

function failing(rule: string, remedies: readonly Remedy[], message = `${rule} fails`): Result {
  return {
    policy: "p",
    target: "t",
    resource: { id: cluster.id, kind: cluster.kind, engine: cluster.engine, region: "us-east-1", account: "123456789012", address: cluster.address },
    rule,
    status: "fail",
    severity: "high",
    expected: null,
    actual: null,
    message,
    messageId: "fails",
    data: undefined,
    reason: undefined,
    remedies,
    evidence: undefined,
    diff: undefined,
    waived: undefined,
    policyPosition: undefined,
  };
}

function fix(results: readonly Result[]) {
  const ids = [...new Set(results.map((r) => r.rule))];
  const evaluation: Evaluation = {
    generatedAt: NOW.toISOString(),
    policies: [],
    sources: [],
    notes: [],
    gaps: [],
    rules: ids.map(info),
    results,
    summary: { resources: 1, pass: 0, fail: results.length, unknown: 0, waived: 0, not_applicable: 0 },
  };
  const plan = planFixes(evaluation, inventory({ resources: [cluster] }), { policies: [], now: NOW });
  const main = plan.blocks.find((b) => addressOf(b) === "aws_rds_cluster.c");
  return { plan, main };
}

const set = (attribute: string, to: number | string | boolean, bound?: "floor" | "ceiling"): Remedy => ({
  kind: "set-attribute",
  resourceType: "aws_rds_cluster",
  attribute,
  from: null,
  to,
  ...(bound ? { bound } : {}),
});

describe("the remedy interpreter", () => {
  it("sets an attribute it has never heard of, commenting with the rule's own consequence", () => {
    const { main } = fix([failing("made.up_rule", [set("storage_type", "io2")])]);
    expect(main?.values["storage_type"]).toBe("io2");
    expect(main?.notes.get("storage_type")).toEqual([{ rule: "made.up_rule", text: "unset -> io2: The made.up_rule consequence." }]);
  });

  it("keeps the stricter value of two remedies on one attribute: the higher for a floor, the lower for a ceiling", () => {
    expect(fix([failing("a.floor", [set("backup_retention_period", 9, "floor")]), failing("b.floor", [set("backup_retention_period", 3, "floor")])]).main?.values["backup_retention_period"]).toBe(9);
    expect(fix([failing("a.ceiling", [set("monitoring_interval", 15, "ceiling")]), failing("b.ceiling", [set("monitoring_interval", 30, "ceiling")])]).main?.values["monitoring_interval"]).toBe(15);
  });

  it("makes a create-once remedy once, by its own key, whatever the number of results asking", () => {
    const sql: Remedy = { kind: "run-sql", name: "made-up-setting", statement: "CALL made_up();", reason: "no attribute exists" };
    const { plan } = fix([failing("a.sql", [sql]), failing("b.sql", [sql])]);
    expect(plan.sql).toEqual([{ resource: "c", rule: "a.sql", statement: "CALL made_up();", file: "c-made-up-setting.sql" }]);
    expect(plan.manual).toEqual([{ resource: "c", rule: "a.sql", text: "run sql/c-made-up-setting.sql on the writer of c: no attribute exists" }]);
  });

  it("turns manual remedies into manual steps, and a failure without a remedy into its message and the rule's hint", () => {
    const { plan } = fix([failing("a.manual", [{ kind: "manual", text: "restore a clone with it on" }]), failing("b.none", [], "b.none fails")]);
    expect(plan.manual).toEqual([
      { resource: "c", rule: "a.manual", text: "restore a clone with it on" },
      { resource: "c", rule: "b.none", text: "b.none fails. the hint of b.none" },
    ]);
  });
});
