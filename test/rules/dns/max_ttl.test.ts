// Unit tests for dns.max_ttl: which CNAMEs belong to a resource and whether their TTLs stay within the limit.
import { describe, expect, it } from "vitest";
import type { DnsRecord } from "../../../src/model/inventory.js";
import type { LiveDnsAnswer } from "../../../src/model/live-dns.js";
import { maxTtl } from "../../../src/rules/dns/max_ttl.js";
import { context, inventory, resource, UNKNOWN } from "../../support/build.js";

const CLUSTER = "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com";
const READER = "orders-prod.cluster-ro-abc123.us-east-1.rds.amazonaws.com";
const cname = (name: string, value: string, ttl?: number): DnsRecord => ({
  name,
  type: "CNAME",
  values: [value],
  ...(ttl === undefined ? {} : { ttl }),
  zone: "Z0123456789ABC",
});

function judge(records: DnsRecord[] | typeof UNKNOWN, max = 5, r = resource()) {
  return maxTtl.check(r, max, context(inventory({ resources: [r], dnsRecords: records })));
}

describe("dns.max_ttl", () => {
  it("passes when no record points at the resource", () => {
    expect(judge([cname("other.example.com.", "other.cluster-abc123.us-east-1.rds.amazonaws.com", 300)])).toMatchObject({
      status: "pass",
      actual: null,
    });
  });

  it("passes a CNAME to the cluster endpoint with a short TTL", () => {
    expect(judge([cname("db.example.com.", `${CLUSTER}.`, 5)])).toMatchObject({ status: "pass", actual: 5, expected: 5 });
  });

  it("fails a long TTL, matching case-insensitively and ignoring the trailing dot", () => {
    const v = judge([cname("db.example.com.", `${CLUSTER.toUpperCase()}.`, 300)]);
    expect(v).toMatchObject({ status: "fail", messageId: "ttlTooLong", data: { maximum: 5, staleSeconds: 305, endpointTtl: 5 }, actual: 300, expected: 5, diff: { attribute: "ttl (db.example.com.)", from: "300", to: "5" } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "change-dns-record", attribute: "ttl", from: 300, to: 5 })]);
  });

  it("counts reader, custom and instance endpoints", () => {
    const r = resource({ customEndpoints: ["analytics.cluster-custom-abc123.us-east-1.rds.amazonaws.com"] });
    expect(judge([cname("ro.example.com.", READER, 60)], 5, r).status).toBe("fail");
    expect(judge([cname("bi.example.com.", "analytics.cluster-custom-abc123.us-east-1.rds.amazonaws.com", 60)], 5, r).status).toBe("fail");
    expect(judge([cname("w.example.com.", "orders-prod-1.abc123.us-east-1.rds.amazonaws.com", 60)], 5, r).status).toBe("fail");
  });

  it("ignores alias and non-CNAME records", () => {
    const a: DnsRecord = { name: "db.example.com.", type: "A", ttl: 300, values: ["10.0.0.1"] };
    const txt: DnsRecord = { name: "db.example.com.", type: "TXT", ttl: 300, values: [CLUSTER] };
    expect(judge([a, txt]).status).toBe("pass");
  });

  it("follows CNAME chains in the data and judges every record on the chain", () => {
    const v = judge([cname("app.example.com.", "db.example.com.", 600), cname("db.example.com.", CLUSTER, 5)]);
    expect(v).toMatchObject({ status: "fail", actual: 600 });
    expect(v.remedies).toEqual([expect.objectContaining({ from: 600, to: 5 })]);
  });

  it("survives a CNAME loop", () => {
    expect(judge([cname("a.example.com.", "b.example.com.", 600), cname("b.example.com.", "a.example.com.", 600)]).status).toBe("pass");
  });

  it("lists every offending record in the fix", () => {
    const v = judge([cname("db.example.com.", CLUSTER, 300), cname("ro.example.com.", READER, 60)]);
    expect(v.remedies).toHaveLength(2);
    expect(v.actual).toBe(300);
  });

  it("is unknown when the DNS records are unknown", () => {
    expect(judge(UNKNOWN).status).toBe("unknown");
  });

  it("attributes a record to a member whose endpoint is unknown by the RDS naming", () => {
    const r = resource({ instances: [{ id: "orders-prod-1", writer: true, endpoint: UNKNOWN }] });
    expect(judge([cname("w.example.com.", "Orders-Prod-1.xyz789.us-east-1.rds.amazonaws.com", 60)], 5, r).status).toBe("fail");
    expect(judge([cname("w.example.com.", "orders-prod-1.xyz789.eu-west-1.rds.amazonaws.com", 60)], 5, r).status).toBe("pass");
  });

  it("attributes a record to an unknown cluster endpoint by the RDS naming", () => {
    const r = resource({ clusterEndpoint: UNKNOWN });
    expect(judge([cname("db.example.com.", "orders-prod.cluster-zzz.us-east-1.rds.amazonaws.com", 60)], 5, r).status).toBe("fail");
  });

  it("is unknown when a long-TTL record may point at an unknown custom endpoint", () => {
    const r = resource({ customEndpoints: UNKNOWN });
    const v = judge([cname("bi.example.com.", "analytics.cluster-custom-abc123.us-east-1.rds.amazonaws.com", 60)], 5, r);
    expect(v.status).toBe("unknown");
  });

  it("passes despite unknown custom endpoints when the undecided record's TTL is within the limit", () => {
    const r = resource({ customEndpoints: UNKNOWN });
    expect(judge([cname("bi.example.com.", "analytics.cluster-custom-abc123.us-east-1.rds.amazonaws.com", 5)], 5, r).status).toBe("pass");
  });

  it("does not claim a host another resource in the data owns", () => {
    const r = resource({ customEndpoints: UNKNOWN });
    const other = resource({ id: "billing", customEndpoints: ["bi.cluster-custom-abc123.us-east-1.rds.amazonaws.com"] });
    const records = [cname("bi.example.com.", "bi.cluster-custom-abc123.us-east-1.rds.amazonaws.com", 300)];
    const v = maxTtl.check(r, 5, context(inventory({ resources: [r, other], dnsRecords: records })));
    expect(v.status).toBe("pass");
  });

  it("fails on a known record even when other endpoints are unknown", () => {
    const r = resource({ customEndpoints: UNKNOWN });
    expect(judge([cname("db.example.com.", CLUSTER, 300)], 5, r).status).toBe("fail");
  });

  it("judges a standalone instance's endpoint", () => {
    const r = resource({ kind: "instance", id: "crm", instances: [{ id: "crm", writer: true, endpoint: "crm.abc123.us-east-1.rds.amazonaws.com" }] });
    expect(judge([cname("crm.example.com.", "crm.abc123.us-east-1.rds.amazonaws.com", 3600)], 30, r)).toMatchObject({ status: "fail", actual: 3600 });
  });
  describe("a CNAME whose value cannot be told (it may lead to any endpoint)", () => {
    const opaque = (name: string, ttl?: number): DnsRecord => ({ name, type: "CNAME", values: [], valuesUnknown: "var.target has no value", ...(ttl === undefined ? {} : { ttl }) });

    it("passes when its TTL is within the limit, and says it may point at the resource", () => {
      expect(judge([opaque("app.example.com.", 5)])).toMatchObject({ status: "pass", messageId: "maybeWithinTtl" });
      expect(judge([opaque("app.example.com.", 5), cname("db.example.com.", CLUSTER, 5)])).toMatchObject({ status: "pass", actual: 5 });
    });

    it("is unknown, never a pass, when its TTL is above the limit or not in the data", () => {
      expect(judge([opaque("app.example.com.", 300)])).toMatchObject({ status: "unknown", reason: expect.stringMatching(/app\.example\.com\. may point at orders-prod with a TTL above 5 s: where app\.example\.com\. points is unknown \(var\.target has no value\)/) });
      expect(judge([opaque("app.example.com.")]).status).toBe("unknown");
    });

    it("makes a record chained to it undecided too: its own TTL decides", () => {
      expect(judge([cname("www.example.com.", "app.example.com.", 300), opaque("app.example.com.", 5)]).status).toBe("unknown");
      expect(judge([cname("www.example.com.", "app.example.com.", 5), opaque("app.example.com.", 5)]).status).toBe("pass");
    });

    it("still fails a known record above the limit beside it", () => {
      expect(judge([opaque("app.example.com.", 300), cname("db.example.com.", CLUSTER, 60)]).status).toBe("fail");
    });
  });
});

describe("dns.max_ttl with a caching resolver's TTL (--resolve: ttlAtLeast, what was left of the record's TTL)", () => {
  const cached = (name: string, value: string, ttlAtLeast: number): DnsRecord => ({ name, type: "CNAME", ttlAtLeast, values: [value], zone: "live DNS 10.0.0.2:53" });

  it("fails when even the floor is above the limit", () => {
    const v = judge([cached("db.example.com", CLUSTER, 290)]);
    expect(v).toMatchObject({ status: "fail", actual: 290, data: { staleSeconds: 295 } });
    expect(v.evidence).toEqual([{ field: "ResourceRecordSets[db.example.com].TTL", value: { ttl: null, ttlAtLeast: 290, target: CLUSTER, via: [], certain: true } }]);
  });

  it("is unknown, never a pass, when the floor is within the limit: the record's own TTL may be longer", () => {
    const v = judge([cached("db.example.com", CLUSTER, 3)]);
    expect(v.status).toBe("unknown");
    expect(v.reason).toContain("db.example.com (a caching resolver answered; at least 3 s)");
  });

  it("is unknown for a record that may point at the resource with a floor within the limit", () => {
    const r = resource({ customEndpoints: UNKNOWN });
    expect(judge([cached("bi.example.com", "analytics.cluster-custom-abc123.us-east-1.rds.amazonaws.com", 3)], 5, r).status).toBe("unknown");
  });
});

describe("dns.max_ttl while the records are unknown, with live DNS answers (--resolve)", () => {
  const answer = (name: string, target: string, ttl: number, exact = true): LiveDnsAnswer => ({
    name,
    why: "host of api",
    server: "10.0.0.2:53",
    chain: [
      { name, type: "CNAME", ttl, value: target, exact },
      { name: target, type: "CNAME", ttl: 5, value: "orders-prod-1.abc123.us-east-1.rds.amazonaws.com", exact },
    ],
  });
  const judgeLive = (answers: LiveDnsAnswer[], records: DnsRecord[] | typeof UNKNOWN = UNKNOWN) => {
    const r = resource();
    return maxTtl.check(r, 5, context({ ...inventory({ resources: [r], dnsRecords: records }), liveDns: answers }));
  };

  it("fails on a live record above the limit: the record is certain, whatever else exists", () => {
    const v = judgeLive([answer("db.example.com", CLUSTER, 300)]);
    expect(v).toMatchObject({ status: "fail", actual: 300 });
    expect(v.remedies).toEqual([expect.objectContaining({ record: { name: "db.example.com", type: "CNAME", zone: "live DNS 10.0.0.2:53" } })]);
  });

  it("stays unknown with live records within the limit, or none, or AWS's own endpoint records only", () => {
    expect(judgeLive([answer("db.example.com", CLUSTER, 5)])).toMatchObject({ status: "unknown", reason: "the DNS records are unknown: ResourceRecordSets was not in the test input" });
    expect(judgeLive([]).status).toBe("unknown");
    expect(judgeLive([{ ...answer(CLUSTER, "orders-prod-1.abc123.us-east-1.rds.amazonaws.com", 5), chain: [] }]).status).toBe("unknown");
  });

  it("does not count the live answers twice when the records are known (resolveLive added them there)", () => {
    expect(judgeLive([answer("db.example.com", CLUSTER, 300)], []).status).toBe("pass");
  });
});
