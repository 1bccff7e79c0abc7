// Unit tests for attributing DNS records to a resource's endpoints, through CNAME chains, via the facts.
import { describe, expect, it } from "vitest";
import { buildFacts } from "../../src/facts/index.js";
import { normalizeHost } from "../../src/facts/dns.js";
import type { DnsRecord } from "../../src/model/inventory.js";
import type { Resource } from "../../src/model/resource.js";
import { inventory, resource, UNKNOWN } from "../support/build.js";

const cname = (name: string, value: string): DnsRecord => ({ name, type: "CNAME", ttl: 60, values: [value] });

function owned(r: Resource, records: DnsRecord[], others: Resource[] = []) {
  const v = buildFacts(inventory({ resources: [r, ...others], dnsRecords: records })).dnsRecordsOf(r);
  if (!v.known) throw new Error(v.reason);
  return v.value;
}

describe("DNS record ownership", () => {
  it("normalises case and the trailing dot", () => {
    expect(normalizeHost("DB.Example.COM.")).toBe("db.example.com");
  });

  it("reports the endpoint reached and the records followed", () => {
    const out = owned(resource(), [
      cname("app.example.com.", "DB.example.com"),
      cname("db.example.com.", "orders-prod.cluster-ro-abc123.us-east-1.rds.amazonaws.com."),
      cname("x.example.com.", "elsewhere.example.net."),
    ]);
    expect(out.map((b) => [b.record.name, b.belongs, "role" in b.target ? b.target.role : null, b.via])).toEqual([
      ["app.example.com.", "yes", "reader", ["db.example.com."]],
      ["db.example.com.", "yes", "reader", []],
    ]);
  });

  it("names the member behind an instance endpoint", () => {
    const out = owned(resource(), [cname("w.example.com.", "orders-prod-2.abc123.us-east-1.rds.amazonaws.com")]);
    expect(out[0]?.target).toMatchObject({ role: "instance", instanceId: "orders-prod-2" });
  });

  it("gives each resource only the records that lead to its own endpoints", () => {
    const orders = resource({ id: "orders-prod" });
    const billing = resource({ id: "billing-prod" });
    const records = [
      cname("orders.example.com.", "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com"),
      cname("billing.example.com.", "billing-prod.cluster-abc123.us-east-1.rds.amazonaws.com"),
    ];
    const facts = buildFacts(inventory({ resources: [orders, billing], dnsRecords: records }));
    const names = (r: Resource) => {
      const v = facts.dnsRecordsOf(r);
      return v.known ? v.value.map((b) => b.record.name) : v.reason;
    };
    expect(names(orders)).toEqual(["orders.example.com."]);
    expect(names(billing)).toEqual(["billing.example.com."]);
  });

  it("says 'maybe' for an instance-shaped host when the members are unknown, unless another resource owns it", () => {
    const unknownMembers = resource({ id: "orders-prod", instances: UNKNOWN });
    const host = "shared-1.abc123.us-east-1.rds.amazonaws.com";
    expect(owned(unknownMembers, [cname("s.example.com.", host)]).map((b) => b.belongs)).toEqual(["maybe"]);
    const owner = resource({ id: "shared", instances: [{ id: "shared-1", writer: true }] });
    expect(owned(unknownMembers, [cname("s.example.com.", host)], [owner])).toEqual([]);
  });

  it("is unknown, with the inventory's reason, when the DNS records were not read", () => {
    const r = resource();
    const v = buildFacts(inventory({ resources: [r], dnsRecords: UNKNOWN })).dnsRecordsOf(r);
    expect(v).toEqual({ known: false, reason: "ResourceRecordSets was not in the test input" });
  });
});
