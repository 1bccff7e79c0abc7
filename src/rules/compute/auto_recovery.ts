// compute.auto_recovery: a lone EC2 instance recovers from a host failure (simplified automatic recovery, or a recover alarm).
import { isRecoverAlarm } from "../../model/compute.js";
import { ec2InstanceOf, simplifiedRecoverySupport } from "../lib/compute.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import type { AddInstanceAlarm } from "../remedy.js";
import { defineRule } from "../types.js";

/**
 * The recover alarm of the EC2 User Guide (UsingAlarmActions, FACTS-RESILIENCE §5): StatusCheckFailed_System at its
 * Maximum over 2 periods of 60 s, >= 1, with the recover action (2 periods: recover alarms should not race reboot ones).
 */
const RECOVER_ALARM: AddInstanceAlarm = {
  kind: "add-instance-alarm",
  purpose: "recover",
  namespace: "AWS/EC2",
  metricName: "StatusCheckFailed_System",
  statistic: "Maximum",
  period: 60,
  evaluationPeriods: 2,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  action: "arn:aws:automate:<region>:ec2:recover",
};

export const autoRecovery = defineRule<boolean>()({
  id: "compute.auto_recovery",
  group: "compute",
  title: "A lone EC2 instance recovers from a host failure",
  why:
    "When the host under an instance fails, recovery moves the instance to another host with the same ID, private " +
    "addresses, Elastic IPs and EBS volumes (what was in memory is lost): minutes instead of a person's night. Instances " +
    "of a supported type (default or dedicated tenancy, no instance store, no Elastic Fabric Adapter) recover on their own by default " +
    "(MaintenanceOptions.AutoRecovery = default) unless it is disabled; any other needs a CloudWatch alarm on " +
    "StatusCheckFailed_System with the arn:aws:automate:<region>:ec2:recover action (the action works with no other " +
    "metric). Recovery never survives the loss of the AZ, and is never done for instances of an Auto Scaling group, " +
    "which replaces them instead. `false` sets no requirement.",
  appliesTo: ["ec2-instance"],
  inspects: {
    api: ["Instance.MaintenanceOptions.AutoRecovery", "Instance.InstanceType", "Instance.Placement.Tenancy", "Instance.NetworkInterfaces[].InterfaceType", "MetricAlarm.MetricName", "MetricAlarm.AlarmActions"],
    terraform: ["aws_instance.maintenance_options.auto_recovery", "aws_launch_template.network_interfaces.interface_type", "aws_cloudwatch_metric_alarm.alarm_actions"],
  },
  fixHint:
    'Leave aws_instance.maintenance_options.auto_recovery at "default" on a supported type, or add an aws_cloudwatch_metric_alarm ' +
    "on StatusCheckFailed_System (namespace AWS/EC2, dimension InstanceId, 2 periods of 60 s) with alarm_actions = [\"arn:aws:automate:<region>:ec2:recover\"].",
  // Security Hub has no EC2 control for recovery (FACTS-RESILIENCE §5): none is claimed.
  controls: [],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets compute.auto_recovery = false: no requirement",
    recoverAlarm: "the alarm {{alarm}} recovers {{id}} on StatusCheckFailed_System",
    simplified: "{{id}} ({{type}}) recovers on its own: simplified automatic recovery is on for its type",
    noRecovery:
      "{{id}} ({{type}}) does not recover from a host failure: {{why}}, and no alarm on StatusCheckFailed_System has the " +
      "ec2:recover action; a host failure stops it until someone acts",
  },
  check(resource, required) {
    if (!required) return pass("notRequired");
    const inst = ec2InstanceOf(resource);
    const type = inst.instanceType.known ? inst.instanceType.value : "type unknown";
    const recover = inst.alarms.known ? inst.alarms.value.find(isRecoverAlarm) : undefined;
    const evidence = [
      { field: "MaintenanceOptions.AutoRecovery", value: inst.autoRecovery.known ? inst.autoRecovery.value : null },
      { field: "InstanceType", value: inst.instanceType.known ? inst.instanceType.value : null },
      { field: "NetworkInterfaces[].InterfaceType efa", value: inst.efa.known ? inst.efa.value : null },
      { field: "recover alarms", value: inst.alarms.known ? inst.alarms.value.filter(isRecoverAlarm).map((a) => a.name) : null },
    ];
    if (recover !== undefined) return pass("recoverAlarm", { alarm: recover.name, id: inst.id }, { expected: true, actual: true, evidence });
    // Without a recover alarm, simplified automatic recovery decides. A type it never supports (instance store, metal)
    // answers "no" whatever MaintenanceOptions says, so that is asked first; a Dedicated Host only adds a "no".
    const tenancy = inst.tenancy.known ? inst.tenancy.value : "default";
    const support = inst.instanceType.known ? simplifiedRecoverySupport(inst.instanceType.value, tenancy) : undefined;
    let simplified: "yes" | "no" | string;
    let why = "";
    if (support === "no") [simplified, why] = ["no", `simplified automatic recovery does not support ${type}${tenancy === "host" ? " on a Dedicated Host" : ""}`];
    else if (inst.efa.known && inst.efa.value) [simplified, why] = ["no", "simplified automatic recovery does not apply to an instance with an Elastic Fabric Adapter"];
    else if (!inst.autoRecovery.known) simplified = `whether simplified automatic recovery is on is unknown (${inst.autoRecovery.reason})`;
    else if (inst.autoRecovery.value === "disabled") [simplified, why] = ["no", "simplified automatic recovery is disabled (MaintenanceOptions.AutoRecovery = disabled)"];
    else if (!inst.instanceType.known || !inst.tenancy.known) simplified = `its instance type or tenancy is unknown (${!inst.instanceType.known ? inst.instanceType.reason : !inst.tenancy.known ? inst.tenancy.reason : ""})`;
    else if (support === "yes" && !inst.efa.known) simplified = `${type} supports simplified automatic recovery, but whether an Elastic Fabric Adapter is attached (which rules it out) is unknown (${inst.efa.reason})`;
    else if (support === "yes") return pass("simplified", { id: inst.id, type }, { expected: true, actual: true, evidence });
    else simplified = `haspec cannot tell whether ${type} supports simplified automatic recovery (aws ec2 describe-instance-types --filters Name=auto-recovery-supported,Values=true lists those that do)`;
    if (simplified !== "no") return unknownVerdict(inst.alarms.known ? simplified : `${simplified}; and its alarms are unknown (${inst.alarms.reason})`, { expected: true, evidence });
    if (!inst.alarms.known) return unknownVerdict(`${why}, and whether an alarm recovers it is unknown (${inst.alarms.reason})`, { expected: true, evidence });
    return fail(
      "noRecovery",
      { id: inst.id, type, why },
      {
        expected: true,
        actual: false,
        evidence,
        diff: { attribute: "recover alarm (StatusCheckFailed_System, ec2:recover)", from: "none", to: "one" },
        remedies: [RECOVER_ALARM],
      },
    );
  },
});
