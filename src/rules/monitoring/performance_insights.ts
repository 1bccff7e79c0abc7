// monitoring.performance_insights: Performance Insights is on for every instance of the resource.
import { REL11_BP01 } from "../control-catalog.js";
import { instanceSettingResourceType } from "../lib/engines.js";
import { everyInstance, listWords } from "../lib/instances.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute, type SetAttribute } from "../remedy.js";
import { defineRule } from "../types.js";

export const performanceInsights = defineRule<boolean>()({
  id: "monitoring.performance_insights",
  group: "monitoring",
  title: "Performance Insights is on for every instance",
  why:
    "When a database slows down or fails over under load, Performance Insights shows which queries and waits were " +
    "responsible. Without it there is no record of what happened before the failover, and a new writer with no " +
    "history cannot be compared with the old one.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBInstance.PerformanceInsightsEnabled"],
    terraform: [
      "aws_rds_cluster_instance.performance_insights_enabled",
      "aws_db_instance.performance_insights_enabled",
      "aws_rds_cluster.performance_insights_enabled (Multi-AZ DB clusters)",
    ],
  },
  fixHint: "Set performance_insights_enabled = true on every aws_rds_cluster_instance (or the aws_db_instance).",
  controls: [REL11_BP01],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets performance_insights = false: no requirement",
    insightsOff:
      "Performance Insights is off on {{instances}}: a slowdown or failover there leaves no record of the queries and " +
      "waits behind it; set performance_insights_enabled = true",
    insightsOn: "Performance Insights is on for {{instances}}",
    clusterInsightsOff:
      "Performance Insights is off on the Multi-AZ DB cluster {{resource}} (performance_insights_enabled, set on the cluster for all its instances): " +
      "a slowdown or failover there leaves no record of the queries and waits behind it; set performance_insights_enabled = true",
    clusterInsightsOn: "Performance Insights is on for the Multi-AZ DB cluster {{resource}} (set on the cluster for all its instances)",
  },
  check(resource, isRequired) {
    if (!isRequired) return pass("notRequired");
    // Terraform does not describe a Multi-AZ DB cluster's instances, but the cluster's own setting covers them all.
    const onCluster = resource.clusterPerformanceInsights;
    if (resource.kind === "multi-az-cluster" && !resource.instances.known && onCluster !== undefined) {
      if (!onCluster.known) return unknownVerdict(`whether Performance Insights is on for ${resource.id} is unknown: ${onCluster.reason}`, { expected: true });
      const evidence = [{ field: `${resource.address ?? resource.id}.performance_insights_enabled`, value: onCluster.value }];
      if (onCluster.value) return pass("clusterInsightsOn", { resource: resource.id }, { expected: true, actual: true, evidence });
      return fail(
        "clusterInsightsOff",
        { resource: resource.id },
        {
          expected: true,
          actual: false,
          evidence,
          diff: { attribute: "performance_insights_enabled", from: "false", to: "true" },
          remedies: [setAttribute({ attribute: "performance_insights_enabled", from: false, to: true, resourceType: "aws_rds_cluster" })],
        },
      );
    }
    const r = everyInstance(resource, (i) => i.performanceInsightsEnabled, (on) => on);
    if (r.listUnknown !== undefined) return unknownVerdict(`the instances are unknown: ${r.listUnknown}`, { expected: true });
    const evidence = [...r.passing, ...r.failing].map((x) => ({ field: `${x.instance.id}.PerformanceInsightsEnabled`, value: x.value }));
    const resourceType = instanceSettingResourceType(resource);
    if (r.failing.length > 0) {
      const off = r.failing.map((x) => x.instance.id);
      const fix: SetAttribute[] =
        resourceType === "aws_rds_cluster_instance"
          ? off.map((id) => setAttribute({ attribute: "performance_insights_enabled", from: false, to: true, resourceType, instance: id }))
          : [setAttribute({ attribute: "performance_insights_enabled", from: false, to: true, resourceType })];
      return fail(
        "insightsOff",
        { instances: listWords(off) },
        {
          expected: true,
          actual: false,
          evidence,
          diff: { attribute: `performance_insights_enabled (${off.join(", ")})`, from: "false", to: "true" },
          remedies: fix,
        },
      );
    }
    if (r.unknown.length > 0) {
      return unknownVerdict(`whether Performance Insights is on is unknown for ${r.unknown.map((u) => u.reason).join("; ")}`, { expected: true, evidence });
    }
    if (r.passing.length === 0) return notApplicable(`${resource.id} has no instances: there is nothing to monitor (Aurora Serverless v1 and empty clusters)`);
    return pass("insightsOn", { instances: listWords(r.passing.map((x) => x.instance.id)) }, { expected: true, actual: true, evidence });
  },
});
