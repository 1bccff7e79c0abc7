// multi_az.readers_outside_writer_az: at least N readers run in an AZ other than the writer's.
import { ISO_A_8_14, REL10_BP01, SOC2_A1_2 } from "../control-catalog.js";
import { addReaderFix } from "../lib/failover-target.js";
import { judgeOverWriters } from "../lib/topology.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { counted } from "../lib/instances.js";
import { defineRule } from "../types.js";

export const readersOutsideWriterAz = defineRule<number>()({
  id: "multi_az.readers_outside_writer_az",
  group: "multi_az",
  title: "At least N readers run outside the writer's Availability Zone",
  why:
    "When the writer's AZ fails, only a reader in another AZ can take over; readers in the same AZ go down " +
    "with it. The AZ is each instance's own AvailabilityZone (for a Multi-AZ DB instance, the standby's " +
    "SecondaryAvailabilityZone), never the cluster's AvailabilityZones list.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBInstance.AvailabilityZone", "DBInstance.SecondaryAvailabilityZone", "DBCluster.DBClusterMembers[].IsClusterWriter"],
    terraform: ["aws_rds_cluster_instance.availability_zone", "aws_db_instance.multi_az"],
  },
  fixHint:
    "Add aws_rds_cluster_instance readers with availability_zone set to an AZ other than the writer's (changing the AZ of an existing instance replaces it), or set multi_az = true on an aws_db_instance.",
  controls: [REL10_BP01, SOC2_A1_2, ISO_A_8_14],
  optionSchema: { type: "integer", minimum: 0, maximum: 15 },
  example: 1,
  messages: {
    notRequired: "the policy asks for no readers outside the writer's AZ",
    enoughOutside: "{{readers}} outside the writer's {{writerAz}}{{ids}}",
    tooFewOutside:
      "{{readers}} outside {{writerAz}}; the policy needs at least {{minimum}}: an outage of {{writerAz}} leaves {{leftOver}} to take over; add {{toAdd}} in another AZ",
    tooFewOutsideInstance:
      "{{readers}} outside {{writerAz}}; the policy needs at least {{minimum}}: an outage of {{writerAz}} leaves {{leftOver}} to take over; set multi_az = true",
    tooFewOutsideMultiAzCluster:
      "{{readers}} outside {{writerAz}}; the policy needs at least {{minimum}}: an outage of {{writerAz}} leaves {{leftOver}} to take over; " +
      "a Multi-AZ DB cluster places its readers in other AZs: check the members' AZs",
  },
  check(resource, minimum, ctx) {
    if (minimum === 0) return pass("notRequired", undefined, { expected: 0 });
    return judgeOverWriters(ctx.facts.of(resource), (t) => {
      const writerAz = t.writer?.availabilityZone;
      const knownAz = t.readers.filter((r) => r.availabilityZone.known);
      const unknownAz = t.readers.filter((r) => !r.availabilityZone.known);
      const azOf = (r: (typeof t.readers)[number]) => (r.availabilityZone.known ? r.availabilityZone.value : null);

      // With the writer's AZ unknown, the writer could share the AZ holding the most readers.
      let lowest: number;
      let outside: string[];
      if (writerAz === undefined || writerAz.known) {
        outside = knownAz.filter((r) => azOf(r) !== writerAz?.value).map((r) => r.id);
        lowest = outside.length;
      } else {
        const perAz = new Map<string, number>();
        for (const r of knownAz) perAz.set(azOf(r)!, (perAz.get(azOf(r)!) ?? 0) + 1);
        lowest = knownAz.length - Math.max(0, ...perAz.values());
        outside = [];
      }
      const highest = writerAz === undefined || writerAz.known ? lowest + unknownAz.length : t.readers.length;

      const details = {
        expected: minimum,
        actual: lowest,
        evidence: [
          ...(t.writer ? [{ field: `${t.writer.id}.AvailabilityZone (writer)`, value: writerAz?.known ? writerAz.value : null }] : []),
          ...t.readers.map((r) => ({ field: `${r.id}.AvailabilityZone`, value: azOf(r) })),
        ],
      };
      if (lowest >= minimum) {
        return pass(
          "enoughOutside",
          { readers: counted(lowest, "reader"), writerAz: writerAz?.known ? writerAz.value : "AZ", ids: outside.length ? ` (${outside.join(", ")})` : "" },
          details,
        );
      }
      if (highest >= minimum) {
        const reasons = [
          ...(writerAz && !writerAz.known ? [`the writer's AZ is unknown (${t.writer!.id}: ${writerAz.reason})`] : []),
          ...unknownAz.map((r) => `${r.id}: ${r.availabilityZone.known ? "" : r.availabilityZone.reason}`),
        ];
        return unknownVerdict(`the AZ of some instances is unknown (${reasons.join("; ")})`, { ...details, actual: null });
      }
      const writerWhere = writerAz?.known ? writerAz.value : "the writer's AZ";
      return fail(
        resource.kind === "instance" ? "tooFewOutsideInstance" : resource.kind === "multi-az-cluster" ? "tooFewOutsideMultiAzCluster" : "tooFewOutside",
        {
          readers: counted(lowest, "reader"),
          writerAz: writerWhere,
          minimum,
          leftOver: lowest === 0 ? "no instance" : `only ${counted(lowest, "reader")}`,
          toAdd: counted(minimum - lowest, "reader"),
        },
        {
          ...details,
          diff: { attribute: "readers outside the writer's AZ", from: String(lowest), to: `>= ${minimum}` },
          remedies:
            resource.kind === "aurora-cluster"
              ? [
                  {
                    kind: "change-topology",
                    outsideWriterAz: minimum,
                    note:
                      `add ${minimum - lowest} reader instance(s) in AZs other than ${writerWhere}; ` +
                      "changing availability_zone of an existing aws_rds_cluster_instance replaces it",
                  },
                ]
              : resource.kind === "instance" && t.readers.length === 0
                ? addReaderFix(resource, 1, "in another AZ")
                : [],
        },
      );
    });
  },
});
