// multi_az.min_azs: the resource's instances sit in at least N distinct Availability Zones.
import { ISO_A_8_14, RDS15, RDS5, REL10_BP01, SOC2_A1_2 } from "../control-catalog.js";
import { judgeOverWriters } from "../lib/topology.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import { setAttribute } from "../remedy.js";
import { counted } from "../lib/instances.js";
import { defineRule } from "../types.js";

export const minAzs = defineRule<number>()({
  id: "multi_az.min_azs",
  group: "multi_az",
  title: "Instances run in at least N distinct Availability Zones",
  why:
    "Aurora storage survives the loss of an AZ, compute does not: if every instance sits in one AZ, " +
    "an AZ outage stops the database until someone creates an instance elsewhere by hand. The spread is " +
    "counted from where instances run (each member's AvailabilityZone), never from the cluster's " +
    "AvailabilityZones list, which only says where instances could be placed. A Multi-AZ DB instance counts " +
    "its primary and standby AZs.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["DBInstance.AvailabilityZone", "DBInstance.SecondaryAvailabilityZone", "DBCluster.DBClusterMembers"],
    terraform: ["aws_rds_cluster_instance.availability_zone", "aws_db_instance.multi_az"],
  },
  fixHint:
    "Add a reader in another AZ (aws_rds_cluster_instance with availability_zone set), or set multi_az = true on an aws_db_instance.",
  controls: [RDS5, RDS15, REL10_BP01, SOC2_A1_2, ISO_A_8_14],
  optionSchema: { type: "integer", minimum: 1, maximum: 6 },
  example: 2,
  messages: {
    enoughAzs: "instances run in {{count}} AZs ({{azs}})",
    tooFewAzs:
      "instances run in {{azsCount}} ({{where}}); the policy needs at least {{minimum}}: " +
      "an AZ outage takes the database down until an instance is created elsewhere by hand",
  },
  check(resource, minimum, ctx) {
    return judgeOverWriters(ctx.facts.of(resource), (t) => {
      const all = t.writer ? [t.writer, ...t.readers] : [...t.readers];
      const { azs, unknownReasons } = t.azs;
      const details = {
        expected: minimum,
        actual: azs.length,
        evidence: all.map((i) => ({ field: `${i.id}.AvailabilityZone`, value: i.availabilityZone.known ? i.availabilityZone.value : null })),
      };
      if (azs.length >= minimum) {
        return pass("enoughAzs", { count: azs.length, azs: azs.join(", ") }, details);
      }
      if (azs.length + unknownReasons.length >= minimum) {
        return unknownVerdict(`the AZ of some instances is unknown (${unknownReasons.join("; ")})`, details);
      }
      const where = azs.length === 0 ? "no running instance" : `only ${azs.join(", ")}`;
      const isInstance = resource.kind === "instance";
      return fail(
        "tooFewAzs",
        { azsCount: counted(azs.length, "AZ"), where, minimum },
        {
          ...details,
          diff: { attribute: "availability_zones (in use)", from: String(azs.length), to: `>= ${minimum}` },
          remedies: isInstance
            ? [setAttribute({ attribute: "multi_az", from: false, to: true, resourceType: "aws_db_instance" })]
            : [{ kind: "change-topology", azs: minimum, note: `add ${minimum - azs.length} reader instance(s) in AZs other than ${azs.join(", ") || "the writer's"}` }],
        },
      );
    });
  },
});
