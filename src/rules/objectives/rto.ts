// objectives.rto: for every disruption kind the policy lists, the simulated recovery time's upper bound is within the objective.
import { REL13_BP01 } from "../control-catalog.js";
import { OBJECTIVE_MESSAGES, objectiveOptionSchema, objectiveVerdict } from "../lib/objectives.js";
import { defineRule } from "../types.js";

export const rto = defineRule<Record<string, string | number>>()({
  id: "objectives.rto",
  group: "objectives",
  title: "The simulated recovery time stays within the RTO objective",
  why:
    "An RTO is only as good as the chain behind it: detection and promotion (Aurora with a reader: typically under 60 s; " +
    "no reader: a new writer in up to 10 minutes; Multi-AZ DB instance: 60–120 s; Multi-AZ DB cluster: under 35 s), the " +
    "endpoint's DNS record following the promotion, any CNAME's TTL in front of it, the clients' DNS cache and pooled " +
    "connections to the old writer, minus what RDS Proxy or a cluster-aware driver removes. An AZ outage with every " +
    "instance in one AZ, or a region loss without a Global Database secondary, waits for a person. haspec simulates " +
    "each disruption the objective names (`writer`; `az` for every AZ the resource runs in; `region`) and compares the " +
    "estimate's upper bound with the objective; a figure the inputs cannot give comes from the policy's `assumptions` or " +
    "the documented default (`haspec explain objectives.rto` lists both, and docs/assumptions.md), and a client term with neither makes the verdict unknown, never a pass (unless what is known already exceeds the objective: that fails). " +
    "When the data does not say which instance writes, each candidate is simulated as the writer: the verdict is the same for all, or unknown.",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: [
      "DBClusterMembers[].{IsClusterWriter,PromotionTier}",
      "DBInstances[].{AvailabilityZone,SecondaryAvailabilityZone,DBInstanceClass,MultiAZ}",
      "ResourceRecordSets[].{Type,TTL,ResourceRecords}",
      "Targets[] (RDS Proxy)",
      "GlobalClusters[].GlobalClusterMembers[]",
    ],
    terraform: ["aws_rds_cluster_instance", "aws_db_instance.multi_az", "aws_route53_record.ttl", "aws_db_proxy_target", "aws_rds_global_cluster"],
  },
  fixHint:
    "Shrink the term that dominates (`haspec simulate` shows the chain): add a reader in another AZ (aws_rds_cluster_instance), " +
    "lower a CNAME's ttl, put RDS Proxy in front (aws_db_proxy_target), shorten the clients' DNS cache, or add a Global Database secondary.",
  controls: [REL13_BP01],
  optionSchema: objectiveOptionSchema("rto"),
  example: { writer: "60s", az: "2m", region: "1h" },
  messages: OBJECTIVE_MESSAGES,
  check(resource, objective, ctx) {
    return objectiveVerdict("rto", resource, objective, ctx);
  },
});
