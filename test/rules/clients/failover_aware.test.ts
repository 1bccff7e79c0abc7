// Unit tests for clients.failover_aware: RDS Proxy or a wrapper with failover on passes; a plain driver to RDS fails.
import { describe, expect, it } from "vitest";
import { failoverAware } from "../../../src/rules/clients/failover_aware.js";
import { app, db, judged } from "../../support/apps.js";
import { resource } from "../../support/build.js";

const CLUSTER = "orders-prod.cluster-abc123.us-east-1.rds.amazonaws.com";
const check = (a: ReturnType<typeof app>) => {
  const { resource: r, ctx } = judged(a, { resources: [resource()] });
  return failoverAware.check(r, true, ctx);
};

describe("clients.failover_aware", () => {
  it("a plain JDBC URL to the cluster endpoint fails at its line", () => {
    expect(check(app({ databases: [db(CLUSTER)] }))).toMatchObject({ status: "fail", location: { line: 2 } });
  });

  it("the AWS JDBC wrapper with failover, or RDS Proxy, passes", () => {
    expect(check(app({ databases: [db(CLUSTER, { driver: "aws-jdbc-wrapper", failoverAware: true })] })).status).toBe("pass");
    expect(check(app({ databases: [db("orders-proxy.proxy-abc123.us-east-1.rds.amazonaws.com", { driver: "pg" })] })).status).toBe("pass");
  });

  it("a host only known at deploy time with a plain driver is unknown; with a wrapper it passes", () => {
    expect(check(app({ databases: [db(null)] })).status).toBe("unknown");
    expect(check(app({ databases: [db(null, { driver: "aws-jdbc-wrapper", failoverAware: true })] })).status).toBe("pass");
  });

  it("a .env URL that the wrapper's code connects with is not a plain driver of its own", () => {
    const wrapper = db(CLUSTER, { driver: "aws-python-wrapper", failoverAware: true });
    expect(check(app({ databases: [db(CLUSTER, { driver: "url" }), wrapper] })).status).toBe("pass");
    expect(check(app({ databases: [db(CLUSTER, { driver: "url" })] })).status).toBe("fail");
  });

  it("only local databases, or none: not applicable", () => {
    expect(check(app({ databases: [db("localhost")] })).status).toBe("not_applicable");
    expect(check(app()).status).toBe("not_applicable");
  });
});
