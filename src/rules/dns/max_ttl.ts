// dns.max_ttl: every CNAME that leads to one of the resource's endpoints has a TTL of at most N seconds.
import { REL11_BP02 } from "../control-catalog.js";
import { recordLabel, type BelongingRecord } from "../../facts/dns.js";
import { counted, listWords } from "../lib/instances.js";
import { fail, pass, unknownVerdict } from "../lib/verdict.js";
import type { ChangeDnsRecord } from "../remedy.js";
import { defineRule } from "../types.js";

/** Aurora's own endpoint records; a CNAME in front of them adds its TTL on top. */
const ENDPOINT_TTL_SECONDS = 5;

function targetWords(b: BelongingRecord): string {
  const t = b.target;
  if (!("role" in t)) return t.host;
  const what = t.role === "instance" ? `instance endpoint of ${t.instanceId}` : `${t.role} endpoint`;
  return `${what} ${t.host}`;
}

export const maxTtl = defineRule<number>()({
  id: "dns.max_ttl",
  group: "dns",
  title: "DNS records pointing at the database's endpoints have a TTL of at most N seconds",
  why:
    "Failover works by moving the endpoint's DNS name to the new writer. Aurora publishes its endpoints with a " +
    `${ENDPOINT_TTL_SECONDS}-second TTL, but a CNAME of your own in front of them is cached for its own TTL on top: with ` +
    "TTL 300, clients keep connecting to the old writer for up to five minutes after a 30-second failover. Only CNAME " +
    "records count (RDS endpoints cannot be alias targets). A record counts when its value is one of the resource's " +
    "endpoints, or another record in the data that leads to one (every record on such a chain is judged on its own TTL, " +
    "so the chain's largest TTL decides).",
  appliesTo: ["aurora-cluster", "multi-az-cluster", "instance"],
  inspects: {
    api: ["route53 ResourceRecordSets[].{Name,Type,TTL,ResourceRecords}", "DBCluster.Endpoint", "DBCluster.ReaderEndpoint", "DBClusterEndpoints", "DBInstance.Endpoint.Address"],
    terraform: ["aws_route53_record.ttl", "aws_route53_record.records"],
  },
  fixHint: `Set ttl on the aws_route53_record to at most the policy's value; the endpoint's own ${ENDPOINT_TTL_SECONDS} s TTL comes on top.`,
  controls: [REL11_BP02],
  optionSchema: { type: "integer", minimum: 0 },
  example: 5,
  messages: {
    ttlTooLong:
      "{{records}} {{point}} at {{resource}} with a TTL above {{maximum}} s: after a failover, " +
      "clients may keep the old address for up to {{staleSeconds}} s (the record's TTL plus the " +
      "endpoint's own {{endpointTtl}} s); set ttl = {{maximum}}",
    noRecords: "no CNAME record in the data points at {{resource}}'s endpoints, so none caches them longer",
    withinTtl: "{{records}} {{point}} at {{resource}} with a TTL of at most {{actual}} s",
    maybeWithinTtl:
      "{{records}} may point at {{resource}} (where they lead cannot be told), each with a TTL within {{maximum}} s, so none caches its endpoints longer",
  },
  check(resource, maximum, ctx) {
    const dns = ctx.facts.dnsRecordsOf(resource);
    // While the records are unknown, what live DNS answered (--resolve) can still show a failure, never a pass.
    const belonging = dns.known ? dns.value : ctx.facts.liveRecordsOf(resource);
    const definite = belonging.filter((b) => b.belongs === "yes");
    const maybe = belonging.filter((b) => b.belongs === "maybe");
    // A caching resolver's answer (--resolve) gives only a floor: enough to fail, never to pass.
    const ttlOf = (b: BelongingRecord) => b.record.ttl ?? b.record.ttlAtLeast;
    const evidence = belonging.map((b) => ({
      field: `ResourceRecordSets[${b.record.name}].TTL`,
      value: {
        ttl: b.record.ttl ?? null,
        ...(b.record.ttlAtLeast === undefined ? {} : { ttlAtLeast: b.record.ttlAtLeast }),
        target: b.target.host,
        via: b.via,
        certain: b.belongs === "yes",
        ...(b.record.location?.source === "dns" ? { answeredBy: b.record.zone } : {}),
      },
    }));

    const tooLong = definite.filter((b) => ttlOf(b) !== undefined && ttlOf(b)! > maximum);
    const noTtl = definite.filter((b) => b.record.ttl === undefined);
    const worst = Math.max(-1, ...definite.map((b) => ttlOf(b) ?? -1));
    const actual = worst < 0 ? null : worst;

    if (tooLong.length > 0) {
      tooLong.sort((a, b) => ttlOf(b)! - ttlOf(a)! || a.record.name.localeCompare(b.record.name));
      const top = tooLong[0]!;
      const remedies: ChangeDnsRecord[] = tooLong.map((b) => ({
        kind: "change-dns-record",
        attribute: "ttl",
        from: ttlOf(b),
        to: maximum,
        record: { name: b.record.name, type: b.record.type, ...(b.record.zone === undefined ? {} : { zone: b.record.zone }) },
        note:
          `record ${recordLabel(b.record)}, which leads to the ${targetWords(b)}` +
          (b.via.length > 0 ? ` through ${b.via.join(" → ")}` : ""),
      }));
      const names = listWords(tooLong.map((b) => `${b.record.name} (TTL ${ttlOf(b)} s)`));
      return fail(
        "ttlTooLong",
        {
          records: names,
          point: tooLong.length === 1 ? "points" : "point",
          resource: resource.id,
          maximum,
          staleSeconds: ttlOf(top)! + ENDPOINT_TTL_SECONDS,
          endpointTtl: ENDPOINT_TTL_SECONDS,
        },
        {
          expected: maximum,
          actual,
          evidence,
          diff: { attribute: `ttl (${top.record.name})`, from: String(ttlOf(top)), to: String(maximum) },
          remedies,
        },
      );
    }
    if (!dns.known) return unknownVerdict(`the DNS records are unknown: ${dns.reason}`);
    if (noTtl.length > 0) {
      return unknownVerdict(
        `the TTL of ${listWords(noTtl.map((b) => (b.record.ttlAtLeast === undefined ? b.record.name : `${b.record.name} (a caching resolver answered; at least ${b.record.ttlAtLeast} s)`)))} is not in the data`,
        { expected: maximum, actual, evidence },
      );
    }
    const maybeTooLong = maybe.filter((b) => b.record.ttl === undefined || ttlOf(b)! > maximum);
    if (maybeTooLong.length > 0) {
      const reasons = maybeTooLong.map((b) => ("reason" in b.target ? b.target.reason : b.target.host));
      return unknownVerdict(
        `${listWords(maybeTooLong.map((b) => b.record.name))} may point at ${resource.id} with a TTL above ${maximum} s: ${reasons.join("; ")}`,
        { expected: maximum, actual, evidence },
      );
    }
    if (definite.length === 0 && maybe.length > 0) {
      // Every record that may belong has a TTL within the limit: wherever they point, none can make this fail.
      return pass("maybeWithinTtl", { records: listWords(maybe.map((b) => b.record.name)), resource: resource.id, maximum }, { expected: maximum, actual: null, evidence });
    }
    if (definite.length === 0) {
      return pass("noRecords", { resource: resource.id }, {
        expected: maximum,
        actual: null,
        evidence,
      });
    }
    return pass(
      "withinTtl",
      { records: counted(definite.length, "CNAME record"), point: definite.length === 1 ? "points" : "point", resource: resource.id, actual },
      { expected: maximum, actual, evidence },
    );
  },
});
