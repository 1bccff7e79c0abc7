// Unit tests for dns.no_instance_endpoint_records: CNAMEs must not pin a cluster member's instance endpoint.
import { describe, expect, it } from "vitest";
import type { DnsRecord } from "../../../src/model/inventory.js";
import type { LiveDnsAnswer } from "../../../src/model/live-dns.js";
import { noInstanceEndpointRecords } from "../../../src/rules/dns/no_instance_endpoint_records.js";
import { context, inventory, resource, UNKNOWN } from "../../support/build.js";

const CLUSTER = "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com";
const WRITER = "orders-prod-1.abc123.us-east-1.rds.amazonaws.com";
const cname = (name: string, value: string, ttl = 60): DnsRecord => ({ name, type: "CNAME", ttl, values: [value] });

function judge(records: DnsRecord[] | typeof UNKNOWN, r = resource(), option = true) {
  return noInstanceEndpointRecords.check(r, option, context(inventory({ resources: [r], dnsRecords: records })));
}

describe("dns.no_instance_endpoint_records", () => {
  it("passes records that point at the cluster and reader endpoints", () => {
    expect(judge([cname("db.example.com.", CLUSTER)])).toMatchObject({ status: "pass", actual: [] });
  });

  it("fails a record that names a member's instance endpoint and proposes the cluster endpoint", () => {
    const v = judge([cname("db.example.com.", `${WRITER.toUpperCase()}.`)]);
    expect(v).toMatchObject({ status: "fail", actual: ["db.example.com."], messageId: "oneRecord" });
    expect(v.remedies).toEqual([
      expect.objectContaining({ kind: "change-dns-record", attribute: "records", from: [`${WRITER.toUpperCase()}.`], to: [CLUSTER] }),
    ]);
  });

  it("fails a chained record and fixes the record that names the instance endpoint", () => {
    const v = judge([cname("app.example.com.", "db.example.com."), cname("db.example.com.", WRITER)]);
    expect(v.status).toBe("fail");
    expect(v.actual).toEqual(expect.arrayContaining(["app.example.com.", "db.example.com."]));
    expect(v.remedies).toHaveLength(1);
    expect(v.remedies?.[0]).toMatchObject({ from: [WRITER] });
  });

  it("is unknown when the DNS records are unknown", () => {
    expect(judge(UNKNOWN).status).toBe("unknown");
  });

  it("is unknown when an RDS instance endpoint may belong to an unknown member list", () => {
    const r = resource({ instances: UNKNOWN });
    expect(judge([cname("db.example.com.", "orders-prod-9.abc123.us-east-1.rds.amazonaws.com")], r).status).toBe("unknown");
  });

  it("is unknown, never a pass, when a CNAME's value cannot be told (it may name an instance endpoint)", () => {
    const opaque: DnsRecord = { name: "app.example.com.", type: "CNAME", ttl: 5, values: [], valuesUnknown: "var.target has no value" };
    expect(judge([opaque, cname("db.example.com.", CLUSTER)])).toMatchObject({ status: "unknown", reason: expect.stringMatching(/app\.example\.com\. may point at an instance endpoint/) });
    expect(judge([opaque, cname("db.example.com.", WRITER)]).status).toBe("fail");
  });

  it("still fails a known instance-endpoint record when another member's endpoint is unknown", () => {
    const r = resource({
      instances: [
        { id: "orders-prod-1", writer: true },
        { id: "orders-prod-2", endpoint: UNKNOWN, az: "us-east-1b" },
      ],
    });
    expect(judge([cname("db.example.com.", WRITER)], r).status).toBe("fail");
    expect(judge([cname("r.example.com.", "orders-prod-2.zz.us-east-1.rds.amazonaws.com")], r).status).toBe("fail");
  });

  it("passes with no requirement when the option is false", () => {
    expect(judge([cname("db.example.com.", WRITER)], resource(), false).status).toBe("pass");
  });

  it("applies to clusters only: a standalone instance's endpoint follows its Multi-AZ failover", () => {
    expect(noInstanceEndpointRecords.appliesTo).not.toContain("instance");
  });
});

describe("dns.no_instance_endpoint_records while the records are unknown, with live DNS answers (--resolve)", () => {
  const answer = (name: string, target: string): LiveDnsAnswer => ({
    name,
    why: "host of api",
    server: "10.0.0.2:53",
    chain: [
      { name, type: "CNAME", ttl: 60, value: target, exact: false },
      { name: target, type: "A", ttl: 5, value: "10.0.0.1", exact: false },
    ],
  });
  const judgeLive = (answers: LiveDnsAnswer[]) => {
    const r = resource();
    return noInstanceEndpointRecords.check(r, true, context({ ...inventory({ resources: [r], dnsRecords: UNKNOWN }), liveDns: answers }));
  };

  it("fails on a live CNAME to a member's instance endpoint", () => {
    expect(judgeLive([answer("db.example.com", WRITER)])).toMatchObject({ status: "fail", actual: ["db.example.com"] });
  });

  it("stays unknown when the live CNAMEs lead to the cluster endpoint, and ignores AWS's own cluster → writer record", () => {
    const aws: LiveDnsAnswer = { name: CLUSTER, why: "cluster endpoint of orders-prod", server: "10.0.0.2:53", chain: [{ name: CLUSTER, type: "CNAME", ttl: 5, value: WRITER, exact: true }] };
    expect(judgeLive([answer("db.example.com", CLUSTER), aws]).status).toBe("unknown");
  });
});
