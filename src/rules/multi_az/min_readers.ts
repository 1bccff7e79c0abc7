// multi_az.min_readers: the resource has at least N readers (Aurora replicas, Multi-AZ cluster readers or a Multi-AZ standby).
import { ISO_A_8_14, REL10_BP01, REL11_BP02, SOC2_A1_2 } from "../control-catalog.js";
import { addReaderFix } from "../lib/failover-target.js";
import { judgeOverWriters } from "../lib/topology.js";
import { fail, pass } from "../lib/verdict.js";
import { counted } from "../lib/instances.js";
import { defineRule } from "../types.js";

export const minReaders = defineRule<number>()({
  id: "multi_az.min_readers",
  group: "multi_az",
  title: "The resource has at least N readers that a failover can promote",
  why:
    "A reader is what a failover promotes. With one, Aurora usually restores service in under a minute; " +
    "with none, the writer is recreated, typically in under 10 minutes, and an AZ outage needs manual action. " +
    "Readers are Aurora replicas, the two readers of a Multi-AZ DB cluster, or the standby of a Multi-AZ DB " +
    "instance. Read replicas of a standalone instance are separate resources and do not count: promoting one " +
    "is a manual step, not a failover.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBCluster.DBClusterMembers[].IsClusterWriter", "DBInstance.MultiAZ", "DBInstance.SecondaryAvailabilityZone"],
    terraform: ["aws_rds_cluster_instance (count per cluster_identifier)", "aws_db_instance.multi_az"],
  },
  fixHint:
    "Add aws_rds_cluster_instance readers with cluster_identifier set to the cluster, or set multi_az = true on an aws_db_instance.",
  controls: [REL10_BP01, REL11_BP02, SOC2_A1_2, ISO_A_8_14],
  optionSchema: { type: "integer", minimum: 0, maximum: 15 },
  example: 1,
  messages: {
    notRequired: "the policy asks for no readers",
    enoughReaders: "{{readers}} ({{ids}})",
    noReaders:
      "0 readers; the policy needs at least {{minimum}}: a failover recreates the writer, typically in under 10 minutes; add {{toAdd}}",
    noStandby: "0 readers; the policy needs at least {{minimum}}: there is nothing to fail over to; set multi_az = true",
    tooFewReaders: "{{readers}}; the policy needs at least {{minimum}}: {{consequence}}; add {{toAdd}}",
    instanceLimit: "{{readers}}; the policy needs at least {{minimum}}: {{consequence}}; a Multi-AZ DB instance has one standby at most; use a Multi-AZ DB cluster or Aurora",
    multiAzClusterLimit: "{{readers}}; the policy needs at least {{minimum}}: {{consequence}}; a Multi-AZ DB cluster runs two readers at most; use Aurora for more",
  },
  check(resource, minimum, ctx) {
    if (minimum === 0) return pass("notRequired", undefined, { expected: 0 });
    return judgeOverWriters(ctx.facts.of(resource), (t) => {
      const count = t.readers.length;
      const details = {
        expected: minimum,
        actual: count,
        evidence: [
          { field: "writer", value: t.writer?.id ?? null },
          { field: "readers", value: t.readers.map((r) => r.id) },
        ],
      };
      if (count >= minimum) return pass("enoughReaders", { readers: counted(count, "reader"), ids: t.readers.map((r) => r.id).join(", ") }, details);
      const consequence =
        count === 0
          ? resource.kind === "aurora-cluster"
            ? "a failover recreates the writer, typically in under 10 minutes"
            : "there is nothing to fail over to"
          : "fewer instances can take over or share reads than the policy asks for";
      const messageId =
        resource.kind === "instance"
          ? count === 0 && minimum === 1
            ? "noStandby"
            : "instanceLimit"
          : resource.kind === "multi-az-cluster"
            ? "multiAzClusterLimit"
            : count === 0
              ? "noReaders"
              : "tooFewReaders";
      const data = {
        readers: counted(count, "reader"),
        minimum,
        consequence,
        toAdd: counted(minimum - count, "aws_rds_cluster_instance reader"),
      };
      return fail(messageId, data, {
        ...details,
        diff: { attribute: "readers", from: String(count), to: `>= ${minimum}` },
        remedies:
          resource.kind === "instance" && count > 0
            ? []
            : addReaderFix(resource, minimum - count).map((r) => (r.kind === "change-topology" ? { ...r, readers: minimum } : r)),
      });
    });
  },
});
