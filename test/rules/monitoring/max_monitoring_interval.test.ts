// Unit tests for monitoring.max_monitoring_interval: Enhanced Monitoring on and fine enough on every instance.
import { describe, expect, it } from "vitest";
import { maxMonitoringInterval } from "../../../src/rules/monitoring/max_monitoring_interval.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("monitoring.max_monitoring_interval", () => {
  it("passes when every instance samples at or below the maximum", () => {
    const r = resource({ instances: [{ id: "a", writer: true, monitoringInterval: 60 }, { id: "b", monitoringInterval: 15 }] });
    expect(maxMonitoringInterval.check(r, 60, context())).toMatchObject({ status: "pass", expected: 60, actual: 60 });
  });

  it("fails an instance with Enhanced Monitoring off (0)", () => {
    const r = resource({ instances: [{ id: "a", writer: true, monitoringInterval: 0 }, { id: "b", monitoringInterval: 60 }] });
    const v = maxMonitoringInterval.check(r, 60, context());
    expect(v).toMatchObject({ status: "fail", expected: 60, actual: 0, messageId: "monitoringOff", data: { maximum: 60 } });
    expect(v.remedies).toEqual([
      expect.objectContaining({ attribute: "monitoring_interval", from: 0, to: 60, resourceType: "aws_rds_cluster_instance", instance: "a" }),
    ]);
    expect(v.remedies?.[0]?.note).toContain("monitoring_role_arn");
  });

  it("fails an interval coarser than the maximum", () => {
    const r = resource({ instances: [{ id: "a", writer: true, monitoringInterval: 60 }] });
    expect(maxMonitoringInterval.check(r, 15, context())).toMatchObject({ status: "fail", actual: 60, expected: 15 });
  });

  it("is unknown when an interval is unknown and the rest pass", () => {
    const r = resource({ instances: [{ id: "a", writer: true, monitoringInterval: 5 }, { id: "b", monitoringInterval: UNKNOWN }] });
    expect(maxMonitoringInterval.check(r, 60, context()).status).toBe("unknown");
  });

  it("is unknown when the member list is unknown", () => {
    expect(maxMonitoringInterval.check(resource({ instances: UNKNOWN }), 60, context()).status).toBe("unknown");
  });

  it("fixes a standalone instance on aws_db_instance", () => {
    const r = resource({ kind: "instance", id: "crm", instances: [{ id: "crm", writer: true, monitoringInterval: 0 }] });
    expect(maxMonitoringInterval.check(r, 30, context()).remedies).toEqual([
      expect.objectContaining({ attribute: "monitoring_interval", from: 0, to: 30, resourceType: "aws_db_instance" }),
    ]);
  });
});

describe("monitoring.max_monitoring_interval on a cluster with no instances", () => {
  it("is not applicable rather than a vacuous pass", () => {
    expect(maxMonitoringInterval.check(resource({ instances: [] }), 60, context()).status).toBe("not_applicable");
  });
});
