// Unit tests for proxy.required: a proxy target names the resource, or the data shows none could.
import { describe, expect, it } from "vitest";
import type { Inventory, Proxy, ProxyTarget } from "../../../src/model/inventory.js";
import { known, unknown } from "../../../src/model/value.js";
import { required } from "../../../src/rules/proxy/required.js";
import { context, inventory, resource, UNKNOWN } from "../../support/build.js";

const place = { region: "us-east-1", account: "123456789012" };
const proxy = (name = "orders-proxy"): Proxy => ({ name, status: "available", ...place });

function judge(targets: ProxyTarget[] | typeof UNKNOWN, proxies: Proxy[] | typeof UNKNOWN = [proxy()], r = resource()) {
  return required.check(r, true, context(inventory({ resources: [r], proxyTargets: targets, proxies })));
}

describe("proxy.required", () => {
  it("passes when a proxy tracks the cluster", () => {
    expect(judge([{ proxyName: "orders-proxy", clusterId: "orders-prod", ...place }])).toMatchObject({
      status: "pass",
      actual: ["orders-proxy"],
    });
  });

  it("passes an instance registered by instance id", () => {
    const r = resource({ kind: "instance", id: "crm" });
    expect(judge([{ proxyName: "crm-proxy", instanceId: "crm", ...place }], [proxy("crm-proxy")], r).status).toBe("pass");
  });

  it("does not count a member instance target for a different cluster id", () => {
    expect(judge([{ proxyName: "p", clusterId: "billing", instanceId: "orders-prod-1", ...place }]).status).toBe("fail");
  });

  it("fails when the targets were read and none names the resource", () => {
    const v = judge([{ proxyName: "orders-proxy", clusterId: "billing", ...place }]);
    expect(v).toMatchObject({ status: "fail", expected: true, actual: false });
    expect(v.remedies).toEqual([expect.objectContaining({ kind: "create-resource", resourceType: "aws_db_proxy_target", values: { db_cluster_identifier: "orders-prod" } })]);
  });

  it("fails when no proxy exists in the resource's region, even without target files", () => {
    const r = resource();
    const inv: Inventory = {
      ...inventory({ resources: [r] }),
      proxies: known({ items: [], scopes: [place] }),
      proxyTargets: known({ items: [], scopes: [] }),
    };
    expect(required.check(r, true, context(inv)).status).toBe("fail");
  });

  it("is unknown when proxies exist but their targets in the resource's region were not read", () => {
    const r = resource();
    const inv: Inventory = {
      ...inventory({ resources: [r] }),
      proxies: known({ items: [proxy()], scopes: [place] }),
      proxyTargets: known({ items: [], scopes: [{ ...place, region: "eu-west-1" }] }),
    };
    expect(required.check(r, true, context(inv)).status).toBe("unknown");
  });

  it("is unknown when the proxy targets are unknown", () => {
    expect(judge(UNKNOWN).status).toBe("unknown");
  });

  it("is unknown when the target names the cluster but the resource's region is unknown", () => {
    expect(judge([{ proxyName: "p", clusterId: "orders-prod", ...place }], [proxy()], resource({ region: UNKNOWN })).status).toBe("unknown");
  });

  it("does not count a same-named cluster in another region", () => {
    expect(judge([{ proxyName: "p", clusterId: "orders-prod", ...place, region: "eu-west-1" }]).status).toBe("fail");
  });

  it("passes with no requirement when the option is false", () => {
    const r = resource();
    const inv: Inventory = { ...inventory({ resources: [r] }), proxyTargets: unknown("not read") };
    expect(required.check(r, false, context(inv)).status).toBe("pass");
  });
});
