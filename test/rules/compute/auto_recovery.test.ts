// Unit tests for compute.auto_recovery: a recover alarm on StatusCheckFailed_System, or simplified automatic recovery on a type haspec knows supports it.
import { describe, expect, it } from "vitest";
import type { InstanceAlarm } from "../../../src/model/compute.js";
import { known, unknown } from "../../../src/model/value.js";
import { autoRecovery } from "../../../src/rules/compute/auto_recovery.js";
import { simplifiedRecoverySupport } from "../../../src/rules/lib/compute.js";
import type { RuleContext } from "../../../src/rules/types.js";
import { ec2InstanceResource } from "../../support/compute.js";

const ctx = {} as RuleContext;
const alarm = (metricName: string, action = "arn:aws:automate:us-east-1:ec2:recover", actionsEnabled = true): InstanceAlarm => ({ name: "a", metricName, actions: [action], actionsEnabled });

describe("compute.auto_recovery", () => {
  it("passes on a supported type left at the default", () => {
    expect(autoRecovery.check(ec2InstanceResource(), true, ctx)).toMatchObject({ status: "pass", messageId: "simplified" });
  });
  it("passes with a recover alarm on StatusCheckFailed_System, whatever the default", () => {
    expect(autoRecovery.check(ec2InstanceResource({ autoRecovery: known("disabled"), alarms: known([alarm("StatusCheckFailed_System")]) }), true, ctx)).toMatchObject({ status: "pass", messageId: "recoverAlarm" });
  });
  it("counts the recover action in its arn:aws:swf form (PutMetricAlarm, for IAM roles)", () => {
    const swf = alarm("StatusCheckFailed_System", "arn:aws:swf:eu-west-1:123456789012:action/actions/AWS_EC2.InstanceId.Recover/1.0");
    expect(autoRecovery.check(ec2InstanceResource({ autoRecovery: known("disabled"), alarms: known([swf]) }), true, ctx)).toMatchObject({ status: "pass", messageId: "recoverAlarm" });
    const reboot = alarm("StatusCheckFailed_System", "arn:aws:swf:eu-west-1:123456789012:action/actions/AWS_EC2.InstanceId.Reboot/1.0");
    expect(autoRecovery.check(ec2InstanceResource({ autoRecovery: known("disabled"), alarms: known([reboot]) }), true, ctx).status).toBe("fail");
  });
  it("a recover action on another metric, or with actions off, does not count", () => {
    for (const a of [alarm("StatusCheckFailed_Instance"), alarm("StatusCheckFailed_System", "arn:aws:automate:us-east-1:ec2:reboot"), alarm("StatusCheckFailed_System", undefined, false)]) {
      expect(autoRecovery.check(ec2InstanceResource({ autoRecovery: known("disabled"), alarms: known([a]) }), true, ctx).status).toBe("fail");
    }
  });
  it("is unknown for a type haspec does not know, or without the alarms when recovery is off", () => {
    expect(autoRecovery.check(ec2InstanceResource({ instanceType: known("i3.large") }), true, ctx).status).toBe("unknown");
    expect(autoRecovery.check(ec2InstanceResource({ autoRecovery: known("disabled"), alarms: unknown("no describe-alarms") }), true, ctx).status).toBe("unknown");
    expect(autoRecovery.check(ec2InstanceResource({ autoRecovery: unknown("old CLI") }), true, ctx).status).toBe("unknown");
  });
  it("fails an instance-store type with no alarm", () => {
    expect(autoRecovery.check(ec2InstanceResource({ instanceType: known("m5d.large") }), true, ctx).status).toBe("fail");
  });
  it("fails an instance-store or metal type with no recover alarm even when MaintenanceOptions is not printed (no default turns it on)", () => {
    for (const type of ["m5d.large", "c5.metal"]) {
      expect(autoRecovery.check(ec2InstanceResource({ instanceType: known(type), autoRecovery: unknown("old CLI"), alarms: known([]) }), true, ctx)).toMatchObject({ status: "fail", messageId: "noRecovery" });
    }
    expect(autoRecovery.check(ec2InstanceResource({ instanceType: known("m5d.large"), autoRecovery: unknown("old CLI"), alarms: unknown("no describe-alarms") }), true, ctx).status).toBe("unknown");
    expect(autoRecovery.check(ec2InstanceResource({ instanceType: known("m5.large"), tenancy: unknown("no Placement"), alarms: known([]) }), true, ctx).status).toBe("unknown");
  });
  it("knows only the families it is sure of", () => {
    expect(simplifiedRecoverySupport("m5.large", "default")).toBe("yes");
    expect(simplifiedRecoverySupport("c7g.xlarge", "dedicated")).toBe("yes");
    expect(simplifiedRecoverySupport("t4g.micro", "default")).toBe("yes");
    expect(simplifiedRecoverySupport("m5.metal", "default")).toBe("no");
    expect(simplifiedRecoverySupport("m5.large", "host")).toBe("no");
    expect(simplifiedRecoverySupport("r6gd.large", "default")).toBe("no");
    expect(simplifiedRecoverySupport("m7i.large", "default")).toBe("unknown");
    expect(simplifiedRecoverySupport("x2idn.large", "default")).toBe("unknown");
  });
  it("an Elastic Fabric Adapter rules out simplified automatic recovery: fail without a recover alarm, unknown when the interfaces are unknown", () => {
    expect(autoRecovery.check(ec2InstanceResource({ efa: known(true), alarms: known([]) }), true, ctx)).toMatchObject({ status: "fail", messageId: "noRecovery" });
    expect(autoRecovery.check(ec2InstanceResource({ efa: known(true), alarms: known([alarm("StatusCheckFailed_System")]) }), true, ctx).status).toBe("pass");
    const unread = autoRecovery.check(ec2InstanceResource({ efa: unknown("NetworkInterfaces is not in the output"), alarms: known([]) }), true, ctx);
    expect(unread.status).toBe("unknown");
    expect(unread.status === "unknown" && unread.reason).toMatch(/Elastic Fabric Adapter .*NetworkInterfaces is not in the output/);
    expect(autoRecovery.check(ec2InstanceResource({ efa: known(false), alarms: known([]) }), true, ctx).status).toBe("pass");
  });
});
