// Unit tests for clients.no_instance_endpoints: instance endpoints by RDS naming or through a CNAME chain; unknown hosts are not a pass.
import { describe, expect, it } from "vitest";
import { noInstanceEndpoints } from "../../../src/rules/clients/no_instance_endpoints.js";
import { app, db, judged } from "../../support/apps.js";
import { resource, UNKNOWN } from "../../support/build.js";

const INSTANCE = "orders-prod-1.abc123.us-east-1.rds.amazonaws.com";
const CLUSTER = "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com";

describe("clients.no_instance_endpoints", () => {
  it("fails a URL naming a member's instance endpoint, with the cluster endpoint as the patch", () => {
    const { resource: r, ctx } = judged(app({ databases: [db(INSTANCE)] }), { resources: [resource()] });
    const v = noInstanceEndpoints.check(r, true, ctx);
    expect(v).toMatchObject({ status: "fail", location: { file: "app/application.properties", line: 2 } });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "edit-app-config", change: { what: "endpoint", from: INSTANCE, to: CLUSTER } })]);
  });

  it("fails a name of your own whose CNAME leads to an instance endpoint", () => {
    const { resource: r, ctx } = judged(app({ databases: [db("db.example.com")] }), {
      resources: [resource()],
      dnsRecords: [{ name: "db.example.com", type: "CNAME", ttl: 60, values: [INSTANCE] }],
    });
    expect(noInstanceEndpoints.check(r, true, ctx)).toMatchObject({ status: "fail", data: { host: expect.stringContaining("through db.example.com") } });
  });

  it("passes the cluster endpoint, an RDS Proxy endpoint and a local compose service", () => {
    const a = app({ databases: [db(CLUSTER), db("orders-proxy.proxy-abc123.us-east-1.rds.amazonaws.com"), db("postgres")] });
    const { resource: r, ctx } = judged(a, { resources: [resource()] });
    expect(noInstanceEndpoints.check(r, true, ctx).status).toBe("pass");
  });

  it("a host set at deploy time, or a name with no DNS data, is unknown", () => {
    const deploy = judged(app({ databases: [db(null, { why: "the host comes from ${DB_HOST}, set at deploy time" })] }));
    expect(noInstanceEndpoints.check(deploy.resource, true, deploy.ctx)).toMatchObject({ status: "unknown", reason: expect.stringContaining("DB_HOST") });
    const noDns = judged(app({ databases: [db("db.example.com")] }), { dnsRecords: UNKNOWN });
    expect(noInstanceEndpoints.check(noDns.resource, true, noDns.ctx)).toMatchObject({ status: "unknown", reason: expect.stringContaining("--resolve") });
  });

  it("no database URL: not applicable", () => {
    const { resource: r, ctx } = judged(app());
    expect(noInstanceEndpoints.check(r, true, ctx).status).toBe("not_applicable");
  });
});
