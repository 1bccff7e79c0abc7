// Unit tests for binlog.formats: the cluster parameter group's effective binlog_format against the allowed list.
import { describe, expect, it } from "vitest";
import { formats } from "../../../src/rules/binlog/formats.js";
import { context, resource, UNKNOWN } from "../../support/build.js";

describe("binlog.formats", () => {
  it("passes when the custom group sets an allowed format", () => {
    const v = formats.check(resource({ parameterGroup: { name: "orders-params", parameters: { binlog_format: "ROW" } } }), ["ROW", "MIXED"], context());
    expect(v).toMatchObject({ status: "pass", actual: "ROW", expected: ["ROW", "MIXED"] });
  });

  it("compares the parameter value case-insensitively", () => {
    const v = formats.check(resource({ parameterGroup: { name: "orders-params", parameters: { binlog_format: "mixed" } } }), ["MIXED"], context());
    expect(v).toMatchObject({ status: "pass", actual: "MIXED" });
  });

  it("fails a default group on Aurora MySQL (engine default OFF) and proposes a custom group", () => {
    const v = formats.check(resource({ parameterGroup: { name: "default.aurora-mysql8.0" } }), ["ROW"], context());
    expect(v).toMatchObject({ status: "fail", actual: "OFF", expected: ["ROW"], messageId: "off", data: { to: "ROW" } });
    expect(v.diff).toEqual({ attribute: "binlog_format", from: "OFF", to: "ROW" });
    expect(v.remedies).toEqual([
      expect.objectContaining({
        kind: "set-cluster-parameter",
        parameter: "binlog_format",
        value: "ROW",
        applyMethod: "pending-reboot",
        note: expect.stringContaining("default.aurora-mysql8.0 is an AWS default group"),
        downtime: expect.stringContaining("reboot"),
      }),
    ]);
  });

  it("fails a custom group that leaves binlog_format unset (engine default OFF)", () => {
    const v = formats.check(resource({ parameterGroup: { name: "orders-params", parameters: { time_zone: "UTC" } } }), ["ROW", "MIXED"], context());
    expect(v).toMatchObject({ status: "fail", actual: "OFF" });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "set-cluster-parameter", parameter: "binlog_format", value: "ROW", note: expect.stringContaining("orders-params") })]);
  });

  it("fails a disallowed explicit value and proposes ROW when allowed", () => {
    const v = formats.check(resource({ parameterGroup: { name: "orders-params", parameters: { binlog_format: "STATEMENT" } } }), ["MIXED", "ROW"], context());
    expect(v).toMatchObject({ status: "fail", actual: "STATEMENT" });
    expect(v.remedies?.[0]).toMatchObject({ kind: "set-cluster-parameter", parameter: "binlog_format", value: "ROW" });
  });

  it("proposes the first allowed format that logs when ROW is not allowed", () => {
    const v = formats.check(resource({ parameterGroup: { name: "g", parameters: { binlog_format: "OFF" } } }), ["OFF", "MIXED"], context());
    expect(v.status).toBe("pass");
    const w = formats.check(resource({ parameterGroup: { name: "g", parameters: { binlog_format: "ROW" } } }), ["OFF", "MIXED"], context());
    expect(w).toMatchObject({ status: "fail", diff: { from: "ROW", to: "MIXED" } });
  });

  it("passes OFF when the policy demands OFF and the group is a default one", () => {
    expect(formats.check(resource({ parameterGroup: { name: "default.aurora-mysql5.7" } }), ["OFF"], context()).status).toBe("pass");
  });

  it("treats the original aurora engine like aurora-mysql", () => {
    const r = resource({ engine: "aurora", parameterGroup: { name: "default.aurora5.6" } });
    expect(formats.check(r, ["ROW"], context())).toMatchObject({ status: "fail", actual: "OFF" });
  });

  it("is unknown when a custom group's parameters were not read, naming the command", () => {
    const v = formats.check(resource({ parameterGroup: { name: "orders-params", parameters: UNKNOWN } }), ["ROW"], context());
    expect(v.status).toBe("unknown");
    expect(v.reason).toContain(
      "aws rds describe-db-cluster-parameters --db-cluster-parameter-group-name orders-params > describe-db-cluster-parameters.orders-params.json",
    );
  });

  it("is unknown when the parameter group itself is unknown", () => {
    expect(formats.check(resource({ parameterGroup: UNKNOWN }), ["ROW"], context()).status).toBe("unknown");
  });

  it("is unknown for a Multi-AZ DB cluster (mysql) whose group does not set it: the RDS default is not verified", () => {
    const r = resource({ kind: "multi-az-cluster", engine: "mysql", parameterGroup: { name: "default.mysql8.0" } });
    expect(formats.check(r, ["ROW"], context()).status).toBe("unknown");
  });

  it("judges a Multi-AZ DB cluster that sets binlog_format explicitly", () => {
    const r = resource({ kind: "multi-az-cluster", engine: "mysql", parameterGroup: { name: "maz-params", parameters: { binlog_format: "MIXED" } } });
    expect(formats.check(r, ["ROW"], context())).toMatchObject({ status: "fail", actual: "MIXED" });
  });

  it("is unknown for a standalone instance: its DB parameter group is not read", () => {
    const r = resource({ kind: "instance", engine: "mysql" });
    expect(formats.check(r, ["ROW"], context()).status).toBe("unknown");
  });

  it("is unknown when the allowed value waits for a writer reboot", () => {
    const r = resource({
      parameterGroup: { name: "orders-params", parameters: { binlog_format: "ROW" } },
      instances: [
        { id: "w", writer: true, parameterStatus: "pending-reboot" },
        { id: "r", writer: false, az: "us-east-1b" },
      ],
    });
    expect(formats.check(r, ["ROW"], context()).status).toBe("unknown");
  });

  it("ignores a reader that waits for a reboot: the writer writes the binary log", () => {
    const r = resource({
      parameterGroup: { name: "orders-params", parameters: { binlog_format: "ROW" } },
      instances: [
        { id: "w", writer: true },
        { id: "r", writer: false, az: "us-east-1b", parameterStatus: "pending-reboot" },
      ],
    });
    expect(formats.check(r, ["ROW"], context()).status).toBe("pass");
  });

  it("fails a disallowed group value even while the writer waits for a reboot", () => {
    const r = resource({
      parameterGroup: { name: "orders-params", parameters: { binlog_format: "OFF" } },
      instances: [{ id: "w", writer: true, parameterStatus: "pending-reboot" }],
    });
    expect(formats.check(r, ["ROW"], context()).status).toBe("fail");
  });

  it("is not applicable to PostgreSQL", () => {
    expect(formats.applicable?.(resource({ engine: "aurora-postgresql" }))).toEqual(expect.any(String));
    expect(formats.applicable?.(resource({ engine: "aurora-mysql" }))).toBe(true);
    expect(formats.applicable?.(resource({ kind: "instance", engine: "mariadb" }))).toBe(true);
  });
});
