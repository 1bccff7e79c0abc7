// monitoring.max_monitoring_interval: Enhanced Monitoring is on for every instance, sampling at least every N seconds.
import { RDS6, REL11_BP01 } from "../control-catalog.js";
import { instanceSettingResourceType } from "../lib/engines.js";
import { everyInstance, listWords } from "../lib/instances.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute, type SetAttribute } from "../remedy.js";
import { defineRule } from "../types.js";

export const maxMonitoringInterval = defineRule<number>()({
  id: "monitoring.max_monitoring_interval",
  group: "monitoring",
  title: "Enhanced Monitoring is on for every instance with an interval of at most N seconds",
  why:
    "Enhanced Monitoring records the operating system's view (CPU steal, memory, I/O, processes) at a fixed interval. " +
    "With it off (interval 0, the default) or too coarse, the seconds around a failure or failover are not captured " +
    "and the cause cannot be told afterwards.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBInstance.MonitoringInterval", "DBInstance.MonitoringRoleArn"],
    terraform: [
      "aws_rds_cluster_instance.monitoring_interval",
      "aws_db_instance.monitoring_interval",
      "aws_rds_cluster.monitoring_interval (Multi-AZ DB clusters)",
      "monitoring_role_arn",
    ],
  },
  fixHint:
    "Set monitoring_interval to the policy's value (1, 5, 10, 15, 30 or 60) together with monitoring_role_arn, " +
    "an IAM role RDS can assume to publish the metrics.",
  controls: [RDS6, REL11_BP01],
  optionSchema: { type: "integer", enum: [1, 5, 10, 15, 30, 60] },
  example: 60,
  messages: {
    monitoringOff:
      "Enhanced Monitoring is {{settings}}; the policy needs at most {{maximum}} s: the OS metrics around a " +
      "failure are not recorded; set monitoring_interval = {{maximum}} with a monitoring_role_arn",
    tooCoarse:
      "Enhanced Monitoring is {{settings}}; the policy needs at most {{maximum}} s: the OS metrics around a " +
      "failure are too coarse to show it; set monitoring_interval = {{maximum}} with a monitoring_role_arn",
    sampled: "Enhanced Monitoring samples every {{interval}} s or more often on every instance",
    clusterMonitoringOff:
      "Enhanced Monitoring is off on the Multi-AZ DB cluster {{resource}} (monitoring_interval, set on the cluster for all its " +
      "instances); the policy needs at most {{maximum}} s: the OS metrics around a failure are not recorded; set " +
      "monitoring_interval = {{maximum}} with a monitoring_role_arn",
    clusterTooCoarse:
      "Enhanced Monitoring samples every {{interval}} s on the Multi-AZ DB cluster {{resource}} (set on the cluster for all its " +
      "instances); the policy needs at most {{maximum}} s; set monitoring_interval = {{maximum}} with a monitoring_role_arn",
    clusterSampled: "Enhanced Monitoring samples every {{interval}} s on the Multi-AZ DB cluster {{resource}} (set on the cluster for all its instances)",
  },
  check(resource, maximum) {
    // Terraform does not describe a Multi-AZ DB cluster's instances, but the cluster's own setting covers them all.
    const onCluster = resource.clusterMonitoringInterval;
    if (resource.kind === "multi-az-cluster" && !resource.instances.known && onCluster !== undefined) {
      if (!onCluster.known) return unknownVerdict(`the monitoring interval of ${resource.id} is unknown: ${onCluster.reason}`, { expected: maximum });
      const interval = onCluster.value;
      const evidence = [{ field: `${resource.address ?? resource.id}.monitoring_interval`, value: interval }];
      if (interval > 0 && interval <= maximum) return pass("clusterSampled", { resource: resource.id, interval }, { expected: maximum, actual: interval, evidence });
      const note = "needs monitoring_role_arn: an IAM role RDS can assume, with the AmazonRDSEnhancedMonitoringRole policy";
      return fail(
        interval === 0 ? "clusterMonitoringOff" : "clusterTooCoarse",
        { resource: resource.id, interval, maximum },
        {
          expected: maximum,
          actual: interval,
          evidence,
          diff: { attribute: "monitoring_interval", from: String(interval), to: String(maximum) },
          remedies: [setAttribute({ attribute: "monitoring_interval", from: interval, to: maximum, resourceType: "aws_rds_cluster", bound: "ceiling", off: 0, note })],
        },
      );
    }
    const r = everyInstance(resource, (i) => i.monitoringInterval, (s) => s > 0 && s <= maximum);
    if (r.listUnknown !== undefined) return unknownVerdict(`the instances are unknown: ${r.listUnknown}`, { expected: maximum });
    const evidence = [...r.passing, ...r.failing].map((x) => ({ field: `${x.instance.id}.MonitoringInterval`, value: x.value }));
    const resourceType = instanceSettingResourceType(resource);
    if (r.failing.length > 0) {
      const worst = r.failing.some((x) => x.value === 0) ? 0 : r.failing.reduce((m, x) => Math.max(m, x.value), -Infinity);
      const note = "needs monitoring_role_arn: an IAM role RDS can assume, with the AmazonRDSEnhancedMonitoringRole policy";
      const fix: SetAttribute[] =
        resourceType === "aws_rds_cluster_instance"
          ? r.failing.map((x) => setAttribute({ attribute: "monitoring_interval", from: x.value, to: maximum, resourceType, instance: x.instance.id, bound: "ceiling", off: 0, note }))
          : [setAttribute({ attribute: "monitoring_interval", from: r.failing[0]!.value, to: maximum, resourceType, bound: "ceiling", off: 0, note })];
      const describe = r.failing.map((x) => (x.value === 0 ? `off on ${x.instance.id}` : `${x.value} s on ${x.instance.id}`));
      return fail(
        worst === 0 ? "monitoringOff" : "tooCoarse",
        { settings: listWords(describe), maximum },
        {
          expected: maximum,
          actual: worst,
          evidence,
          diff: { attribute: `monitoring_interval (${r.failing.map((x) => x.instance.id).join(", ")})`, from: String(worst), to: String(maximum) },
          remedies: fix,
        },
      );
    }
    if (r.unknown.length > 0) {
      return unknownVerdict(`the monitoring interval is unknown for ${r.unknown.map((u) => u.reason).join("; ")}`, { expected: maximum, evidence });
    }
    const actual = r.passing.length === 0 ? null : r.passing.reduce((m, x) => Math.max(m, x.value), -Infinity);
    if (r.passing.length === 0) return notApplicable(`${resource.id} has no instances: there is nothing to monitor (Aurora Serverless v1 and empty clusters)`);
    return pass("sampled", { interval: actual }, { expected: maximum, actual, evidence });
  },
});
