// Unit tests for attributing DNS records to a resource's endpoints, through CNAME chains.
import { describe, expect, it } from "vitest";
import type { DnsRecord } from "../../../src/model/inventory.js";
import { normalizeHost, recordsBelongingTo } from "../../../src/rules/lib/dns-ownership.js";
import { resource } from "../../support/build.js";

const cname = (name: string, value: string): DnsRecord => ({ name, type: "CNAME", ttl: 60, values: [value] });

describe("DNS record ownership", () => {
  it("normalises case and the trailing dot", () => {
    expect(normalizeHost("DB.Example.COM.")).toBe("db.example.com");
  });

  it("reports the endpoint reached and the records followed", () => {
    const r = resource();
    const out = recordsBelongingTo(r, [
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
    const out = recordsBelongingTo(resource(), [cname("w.example.com.", "orders-prod-2.abc123.us-east-1.rds.amazonaws.com")]);
    expect(out[0]?.target).toMatchObject({ role: "instance", instanceId: "orders-prod-2" });
  });
});
