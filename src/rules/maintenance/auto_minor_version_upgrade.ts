// maintenance.auto_minor_version_upgrade: minor engine upgrades are applied automatically, on every instance and the cluster.
import { RDS13 } from "../control-catalog.js";
import { instanceSettingResourceType } from "../lib/engines.js";
import { counted, everyInstance, listWords } from "../lib/instances.js";
import { fail, notApplicable, pass, unknownVerdict } from "../lib/verdict.js";
import { manual, setAttribute, type Remedy } from "../remedy.js";
import { defineRule } from "../types.js";

export const autoMinorVersionUpgrade = defineRule<boolean>()({
  id: "maintenance.auto_minor_version_upgrade",
  group: "maintenance",
  title: "Automatic minor version upgrades are on",
  why:
    "Minor versions carry the fixes for crashes, failover bugs and security issues. With automatic upgrades off, " +
    "a fleet drifts onto releases AWS eventually forces an upgrade of at a time it picks. AWS Config's check for " +
    "Aurora wants the setting on both the cluster and every instance.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBInstance.AutoMinorVersionUpgrade", "DBCluster.AutoMinorVersionUpgrade"],
    terraform: ["aws_rds_cluster_instance.auto_minor_version_upgrade", "aws_db_instance.auto_minor_version_upgrade"],
  },
  fixHint:
    "Set auto_minor_version_upgrade = true on every aws_rds_cluster_instance (or the aws_db_instance). The cluster-level " +
    "setting has no aws_rds_cluster attribute (provider 6.25): use aws rds modify-db-cluster --auto-minor-version-upgrade.",
  controls: [RDS13],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets auto_minor_version_upgrade = false: no requirement",
    upgradesOff:
      "automatic minor version upgrades are off on {{where}}: fixes for crashes and failover bugs are not " +
      "applied until someone upgrades by hand or AWS forces it; set auto_minor_version_upgrade = true",
    upgradesOn: "automatic minor version upgrades are on for {{instances}}",
    upgradesOnWithCluster: "automatic minor version upgrades are on for the cluster and {{instances}}",
  },
  check(resource, isRequired) {
    if (!isRequired) return pass("notRequired");
    const r = everyInstance(resource, (i) => i.autoMinorVersionUpgrade, (on) => on);
    if (r.listUnknown !== undefined) return unknownVerdict(`the instances are unknown: ${r.listUnknown}`, { expected: true });
    const evidence = [...r.passing, ...r.failing].map((x) => ({ field: `${x.instance.id}.AutoMinorVersionUpgrade`, value: x.value }));
    // Only clusters carry a level of their own; an unknown or absent cluster value leaves the instances to decide.
    const clusterLevel = resource.kind !== "instance" && resource.autoMinorVersionUpgrade.known ? resource.autoMinorVersionUpgrade.value : null;
    if (clusterLevel !== null) evidence.push({ field: "DBCluster.AutoMinorVersionUpgrade", value: clusterLevel });

    const off = r.failing.map((x) => x.instance.id);
    const clusterOff = clusterLevel === false;
    if (off.length > 0 || clusterOff) {
      const resourceType = instanceSettingResourceType(resource);
      const fix: Remedy[] = [];
      if (off.length > 0) {
        if (resourceType === "aws_rds_cluster_instance") {
          for (const id of off) fix.push(setAttribute({ attribute: "auto_minor_version_upgrade", from: false, to: true, resourceType, instance: id }));
        } else if (resourceType === "aws_db_instance") {
          fix.push(setAttribute({ attribute: "auto_minor_version_upgrade", from: false, to: true, resourceType }));
        }
      }
      if (clusterOff || (off.length > 0 && resourceType === "aws_rds_cluster")) {
        fix.push(
          manual(
            "aws_rds_cluster has no auto_minor_version_upgrade attribute in provider 6.25: run " +
              `aws rds modify-db-cluster --db-cluster-identifier ${resource.id} --auto-minor-version-upgrade`,
            "auto_minor_version_upgrade",
          ),
        );
      }
      const where = [...(clusterOff ? [`the cluster ${resource.id}`] : []), ...off];
      return fail(
        "upgradesOff",
        { where: listWords(where) },
        {
          expected: true,
          actual: false,
          evidence,
          diff: { attribute: `auto_minor_version_upgrade (${where.join(", ")})`, from: "false", to: "true" },
          remedies: fix,
        },
      );
    }
    if (r.unknown.length > 0) {
      return unknownVerdict(`whether minor upgrades are automatic is unknown for ${r.unknown.map((u) => u.reason).join("; ")}`, {
        expected: true,
        evidence,
      });
    }
    if (r.passing.length === 0 && clusterLevel !== true) {
      // As the monitoring rules say of a cluster without instances: nothing to judge, not a pass.
      return notApplicable(`${resource.id} has no instances: there is no minor version upgrade setting to judge`);
    }
    return pass(
      clusterLevel === true ? "upgradesOnWithCluster" : "upgradesOn",
      { instances: counted(r.passing.length, "instance") },
      { expected: true, actual: true, evidence },
    );
  },
});
