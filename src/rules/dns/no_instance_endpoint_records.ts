// dns.no_instance_endpoint_records: no CNAME leads to a member instance endpoint of a cluster.
import { REL11_BP02 } from "../control-catalog.js";
import { recordLabel, type BelongingRecord } from "../../facts/dns.js";
import { listWords } from "../lib/instances.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import type { ChangeDnsRecord } from "../remedy.js";
import { defineRule } from "../types.js";

function instanceOf(b: BelongingRecord): string | undefined {
  return "role" in b.target && b.target.role === "instance" ? b.target.instanceId : undefined;
}

export const noInstanceEndpointRecords = defineRule<boolean>()({
  id: "dns.no_instance_endpoint_records",
  group: "dns",
  title: "No DNS record points at a cluster member's instance endpoint",
  why:
    "An instance endpoint always names the same instance. After a failover the cluster endpoint moves to the new " +
    "writer, but a CNAME to the old writer's instance endpoint keeps sending writes to what is now a reader (or to " +
    "nothing, while it restarts). Records must point at the cluster endpoint (writes) or the reader endpoint (reads).",
  appliesTo: ["aurora-cluster", "multi-az-cluster"],
  inspects: {
    api: ["route53 ResourceRecordSets[].{Name,Type,ResourceRecords}", "DBInstance.Endpoint.Address", "DBCluster.Endpoint", "DBCluster.ReaderEndpoint"],
    terraform: ["aws_route53_record.records"],
  },
  fixHint: "Point the aws_route53_record's records at the cluster endpoint (writes) or the reader endpoint (reads).",
  controls: [REL11_BP02],
  optionSchema: { type: "boolean" },
  example: true,
  messages: {
    notRequired: "the policy sets no_instance_endpoint_records = false: no requirement",
    oneRecord:
      "{{records}}: this record follows one instance, not the writer role, " +
      "so after a failover clients reach the wrong instance; point it at {{clusterEndpoint}} (writes) or {{readerEndpoint}} (reads)",
    records:
      "{{records}}: these records follow one instance, not the writer role, " +
      "so after a failover clients reach the wrong instance; point them at {{clusterEndpoint}} (writes) or {{readerEndpoint}} (reads)",
    noInstanceRecords: "no CNAME record in the data points at an instance endpoint of {{resource}}",
  },
  check(resource, required, ctx) {
    if (!required) return pass("notRequired");
    const dns = ctx.facts.dnsRecordsOf(resource);
    // While the records are unknown, what live DNS answered (--resolve) can still show a failure, never a pass.
    const belonging = dns.known ? dns.value : ctx.facts.liveRecordsOf(resource);
    const toInstances = belonging.filter((b) => b.belongs === "yes" && instanceOf(b) !== undefined);
    const maybe = belonging.filter((b) => "possibleRole" in b.target && (b.target.possibleRole === "instance" || b.target.possibleRole === "any"));
    const evidence = belonging.map((b) => ({
      field: `ResourceRecordSets[${b.record.name}].ResourceRecords`,
      value: {
        target: b.target.host,
        role: "role" in b.target ? b.target.role : null,
        via: b.via,
        certain: b.belongs === "yes",
        ...(b.record.location?.source === "dns" ? { answeredBy: b.record.zone } : {}),
      },
    }));
    const cluster = resource.endpoints.cluster;
    const clusterHost = cluster.known && cluster.value ? cluster.value : "the cluster endpoint";
    const readerValue = resource.endpoints.reader;
    const readerHost = readerValue.known && readerValue.value ? readerValue.value : "the reader endpoint";

    if (toInstances.length > 0) {
      // Fixing the record that names the instance endpoint also fixes every record chained to it.
      const direct = toInstances.filter((b) => b.via.length === 0);
      const fixTargets = direct.length > 0 ? direct : toInstances;
      const remedies: ChangeDnsRecord[] = fixTargets.map((b) => ({
        kind: "change-dns-record",
        attribute: "records",
        from: [...b.record.values],
        to: [clusterHost],
        why: "point at the cluster endpoint, which follows the writer through a failover",
        record: { name: b.record.name, type: b.record.type, ...(b.record.zone === undefined ? {} : { zone: b.record.zone }) },
        note: `record ${recordLabel(b.record)} names the instance endpoint of ${instanceOf(b)}; use ${clusterHost} for writes or ${readerHost} for reads`,
      }));
      const names = listWords(toInstances.map((b) => `${b.record.name} → ${instanceOf(b)}`));
      const top = toInstances[0]!;
      return fail(
        toInstances.length === 1 ? "oneRecord" : "records",
        { records: names, clusterEndpoint: clusterHost, readerEndpoint: readerHost },
        {
          expected: [],
          actual: toInstances.map((b) => b.record.name),
          evidence,
          diff: { attribute: `records (${top.record.name})`, from: top.target.host, to: clusterHost },
          remedies,
        },
      );
    }
    if (!dns.known) return unknownVerdict(`the DNS records are unknown: ${dns.reason}`);
    if (maybe.length > 0) {
      const reasons = maybe.map((b) => ("reason" in b.target ? b.target.reason : b.target.host));
      return unknownVerdict(`${listWords(maybe.map((b) => b.record.name))} may point at an instance endpoint of ${resource.id}: ${reasons.join("; ")}`, {
        expected: [],
        evidence,
      });
    }
    return pass("noInstanceRecords", { resource: resource.id }, { expected: [], actual: [], evidence });
  },
});
