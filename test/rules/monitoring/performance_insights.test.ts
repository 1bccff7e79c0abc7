// Unit tests for monitoring.performance_insights: every instance has Performance Insights on.
import { describe, expect, it } from "vitest";
import { performanceInsights } from "../../../src/rules/monitoring/performance_insights.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("monitoring.performance_insights", () => {
  it("passes when every member has it on", () => {
    expect(performanceInsights.check(resource(), true, context())).toMatchObject({ status: "pass", expected: true, actual: true });
  });

  it("fails and fixes every member that has it off", () => {
    const r = resource({
      instances: [
        { id: "a", writer: true, pi: false },
        { id: "b", az: "us-east-1b", pi: false },
        { id: "c", az: "us-east-1c", pi: true },
      ],
    });
    const v = performanceInsights.check(r, true, context());
    expect(v).toMatchObject({ status: "fail", expected: true, actual: false, messageId: "insightsOff" });
    expect(v.remedies).toEqual([
      { kind: "set-attribute", attribute: "performance_insights_enabled", from: false, to: true, resourceType: "aws_rds_cluster_instance", instance: "a" },
      { kind: "set-attribute", attribute: "performance_insights_enabled", from: false, to: true, resourceType: "aws_rds_cluster_instance", instance: "b" },
    ]);
  });

  it("fails even when another member's setting is unknown", () => {
    const r = resource({ instances: [{ id: "a", writer: true, pi: false }, { id: "b", pi: UNKNOWN }] });
    expect(performanceInsights.check(r, true, context()).status).toBe("fail");
  });

  it("is unknown when a member's setting is unknown and the rest pass", () => {
    const r = resource({ instances: [{ id: "a", writer: true }, { id: "b", pi: UNKNOWN }] });
    expect(performanceInsights.check(r, true, context()).status).toBe("unknown");
  });

  it("is unknown when the member list is unknown", () => {
    expect(performanceInsights.check(resource({ instances: UNKNOWN }), true, context()).status).toBe("unknown");
  });

  it("fixes a standalone instance on aws_db_instance and a Multi-AZ DB cluster on aws_rds_cluster", () => {
    const inst = resource({ kind: "instance", id: "crm", instances: [{ id: "crm", writer: true, pi: false }] });
    expect(performanceInsights.check(inst, true, context()).remedies).toEqual([
      { kind: "set-attribute", attribute: "performance_insights_enabled", from: false, to: true, resourceType: "aws_db_instance" },
    ]);
    const maz = resource({ kind: "multi-az-cluster", engine: "postgres", instances: [{ id: "m1", writer: true, pi: false }, { id: "m2", pi: false }] });
    expect(performanceInsights.check(maz, true, context()).remedies).toEqual([
      { kind: "set-attribute", attribute: "performance_insights_enabled", from: false, to: true, resourceType: "aws_rds_cluster" },
    ]);
  });

  it("passes with no requirement when the option is false", () => {
    const r = resource({ instances: [{ id: "a", writer: true, pi: false }] });
    expect(performanceInsights.check(r, false, context()).status).toBe("pass");
  });
});

describe("monitoring.performance_insights on a cluster with no instances", () => {
  it("is not applicable rather than a vacuous pass", () => {
    expect(performanceInsights.check(resource({ instances: [] }), true, context()).status).toBe("not_applicable");
  });
});
