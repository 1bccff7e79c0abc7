// The Terraform → model builder on config-like input (.tf, cdktf): references, unknowns and the provider's defaults.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import { policy, target } from "../../support/policy.js";
import { buildTerraformInventory } from "../../../src/sources/terraform/build-inventory.js";
import { placeholderHost } from "../../../src/sources/terraform/build-resources.js";
import { TfReference, TfUnknown, type TfInput, type TfResource } from "../../../src/sources/terraform/types.js";

const ref = (address: string, attribute: string) => new TfReference(address, attribute);

function input(resources: TfResource[]): TfInput {
  return { kind: "hcl", resources, notes: [], sources: [{ kind: "hcl", location: "main.tf" }] };
}

const cluster: TfResource = {
  address: "aws_rds_cluster.main",
  type: "aws_rds_cluster",
  values: { cluster_identifier: "orders", engine: "aurora-postgresql", db_cluster_parameter_group_name: ref("aws_rds_cluster_parameter_group.pg", "name") },
  location: { source: "hcl", file: "main.tf", line: 1 },
};
const member = (name: string, extra: Record<string, unknown> = {}): TfResource => ({
  address: `aws_rds_cluster_instance.${name}`,
  type: "aws_rds_cluster_instance",
  values: { identifier: `orders-${name}`, cluster_identifier: ref("aws_rds_cluster.main", "id"), instance_class: "db.r6g.large", engine: ref("aws_rds_cluster.main", "engine"), ...(extra as object) },
});

describe("buildTerraformInventory", () => {
  it("links members by reference and applies Terraform's defaults", () => {
    const inv = buildTerraformInventory(input([cluster, member("a", { availability_zone: "eu-west-1a" }), member("b")]));
    const [r] = inv.resources;
    expect(r).toMatchObject({ id: "orders", kind: "aurora-cluster", address: "aws_rds_cluster.main", location: { file: "main.tf", line: 1 } });
    expect(r?.backupRetentionDays).toEqual({ known: true, value: 1 });
    expect(r?.deletionProtection).toEqual({ known: true, value: false });
    expect(r?.region).toEqual({ known: true, value: "eu-west-1" });
    const members = r?.instances.known ? r.instances.value : [];
    expect(members.map((i) => [i.id, i.promotionTier, i.autoMinorVersionUpgrade, i.availabilityZone.known])).toEqual([
      ["orders-a", { known: true, value: 0 }, { known: true, value: true }, true],
      ["orders-b", { known: true, value: 0 }, { known: true, value: true }, false],
    ]);
    expect(members.every((i) => !i.isWriter.known)).toBe(true);
    // The parameter group is referenced but not among the inputs.
    expect(r?.clusterParameterGroup).toMatchObject({ known: false });
  });

  it("makes every cluster's members unknown when an instance's cluster cannot be told", () => {
    const inv = buildTerraformInventory(input([cluster, member("a"), { ...member("b"), values: { ...member("b").values, cluster_identifier: new TfUnknown("var.cluster has no value") } }]));
    expect(inv.resources[0]?.instances).toMatchObject({ known: false, reason: expect.stringContaining("var.cluster") });
  });

  it("reads parameter blocks of a referenced group, and a default group when none is set", () => {
    const pg: TfResource = { address: "aws_rds_cluster_parameter_group.pg", type: "aws_rds_cluster_parameter_group", values: { name: "orders-pg", parameter: [{ name: "rds.logical_replication", value: "1" }] } };
    const other: TfResource = { address: "aws_rds_cluster.other", type: "aws_rds_cluster", values: { cluster_identifier: "other", engine: "aurora-mysql" } };
    const inv = buildTerraformInventory(input([cluster, pg, other]));
    const byId = new Map(inv.resources.map((r) => [r.id, r]));
    const group = byId.get("orders")?.clusterParameterGroup;
    expect(group?.known && group.value?.name).toBe("orders-pg");
    expect(group?.known && group.value?.parameters.known && [...group.value.parameters.value]).toEqual([["rds.logical_replication", "1"]]);
    expect(byId.get("other")?.clusterParameterGroup).toMatchObject({ known: true, value: { isDefault: true } });
  });

  it("attributes a CNAME to the endpoint it references, even before the endpoint is known", () => {
    const record: TfResource = { address: "aws_route53_record.db", type: "aws_route53_record", values: { name: "db.example.com", type: "CNAME", ttl: 60, records: [ref("aws_rds_cluster.main", "endpoint")] } };
    const inv = buildTerraformInventory(input([cluster, record]));
    const host = placeholderHost("aws_rds_cluster.main", "endpoint");
    expect(inv.dnsRecords).toMatchObject({ known: true, value: [{ name: "db.example.com", ttl: 60, values: [host] }] });
    expect(inv.resources[0]?.endpoints.cluster).toEqual({ known: true, value: host });
    expect(inv.resources[0]?.endpoints.reader.known).toBe(false);
  });

  it("keeps a CNAME whose value cannot be told, marked, instead of making every record unknown", () => {
    const record: TfResource = { address: "aws_route53_record.db", type: "aws_route53_record", values: { name: "db", type: "CNAME", ttl: 5, records: [new TfUnknown("var.target has no value")] } };
    const whole: TfResource = { address: "aws_route53_record.all", type: "aws_route53_record", values: { name: "all", type: "CNAME", records: new TfUnknown("known after apply") } };
    expect(buildTerraformInventory(input([cluster, record, whole])).dnsRecords).toMatchObject({
      known: true,
      value: [
        { name: "db", ttl: 5, values: [], valuesUnknown: "aws_route53_record.db.records holds a value that is var.target has no value" },
        { name: "all", values: [], valuesUnknown: "aws_route53_record.all.records is known after apply" },
      ],
    });
  });

  it("resolves proxy targets and event subscriptions to the model's identifiers", () => {
    const proxy: TfResource = { address: "aws_db_proxy.p", type: "aws_db_proxy", values: { name: "orders-proxy" } };
    const target: TfResource = { address: "aws_db_proxy_target.t", type: "aws_db_proxy_target", values: { db_proxy_name: ref("aws_db_proxy.p", "name"), db_cluster_identifier: ref("aws_rds_cluster.main", "cluster_identifier") } };
    const sub: TfResource = { address: "aws_db_event_subscription.s", type: "aws_db_event_subscription", values: { name: "s", source_type: "db-cluster", source_ids: [ref("aws_rds_cluster.main", "id")], event_categories: ["Failover"] } };
    const inv = buildTerraformInventory(input([cluster, proxy, target, sub]));
    expect(inv.proxyTargets).toEqual({ known: true, value: { items: [{ proxyName: "orders-proxy", clusterId: "orders" }], scopes: [{}] } });
    expect(inv.eventSubscriptions).toMatchObject({ known: true, value: { items: [{ sourceIds: ["orders"], categories: ["failover"], enabled: true }] } });
  });

  it("models a standalone instance with the aws_db_instance attribute names", () => {
    const db: TfResource = {
      address: "aws_db_instance.db",
      type: "aws_db_instance",
      values: { identifier: "crm", engine: "postgres", instance_class: "db.m6g.large", multi_az: true, availability_zone: "us-east-1a", backup_window: "01:00-01:30", maintenance_window: "sun:03:00-sun:03:30" },
    };
    const [r] = buildTerraformInventory(input([db])).resources;
    expect(r).toMatchObject({ id: "crm", kind: "instance", preferredBackupWindow: { known: true, value: "01:00-01:30" }, preferredMaintenanceWindow: { known: true, value: "sun:03:00-sun:03:30" } });
    // Unset retention on aws_db_instance: the provider's effective default is unverified (FACTS §4).
    expect(r?.backupRetentionDays.known).toBe(false);
    const self = r?.instances.known ? r.instances.value[0] : undefined;
    expect(self?.secondaryAvailabilityZone.known && self.secondaryAvailabilityZone.value).toEqual(expect.any(String));
  });

  it("uses the identifier, or the address when the identifier is unknown", () => {
    const unnamed: TfResource = { ...cluster, values: { ...cluster.values, cluster_identifier: new TfUnknown("known after apply") } };
    expect(buildTerraformInventory(input([unnamed])).resources[0]?.id).toBe("aws_rds_cluster.main");
  });
});

describe("account-wide resources of several regions", () => {
  it("place event subscriptions and proxies by their ARN or their provider's region, so they cover only their own region", () => {
    const sub = (name: string, region: string): TfResource => ({
      address: `aws_db_event_subscription.${name}`,
      type: "aws_db_event_subscription",
      values: { name, arn: `arn:aws:rds:${region}:123456789012:es:${name}`, source_type: "db-cluster", event_categories: ["failover"] },
    });
    const proxy: TfResource = { address: "aws_db_proxy.west", type: "aws_db_proxy", values: { name: "west" } };
    const inv = buildTerraformInventory({ ...input([sub("east", "us-east-1"), proxy]), providerRegions: new Map([["aws_db_proxy.west", "us-west-2"]]) });
    expect(inv.eventSubscriptions.known && inv.eventSubscriptions.value.items.map((e) => [e.name, e.region, e.account])).toEqual([["east", "us-east-1", "123456789012"]]);
    expect(inv.proxies.known && inv.proxies.value.items).toEqual([{ name: "west", region: "us-west-2" }]);
    // A cluster in another region is covered by neither.
    const west: TfResource = { ...cluster, values: { ...cluster.values, arn: "arn:aws:rds:eu-west-1:123456789012:cluster:orders" } };
    const judged = evaluate([policy({ targets: [target({ require: { "events.subscribed": ["failover"] } })] })], buildTerraformInventory(input([west, sub("east", "us-east-1")])), {
      now: new Date("2026-11-22T10:00:00Z"),
    });
    expect(judged.results.map((r) => [r.resource.id, r.rule, r.status])).toEqual([["orders", "events.subscribed", "fail"]]);
  });
});

describe("cluster parameter groups", () => {
  it("leave the parameters unknown when two parameter blocks give one name different values", () => {
    const group = (parameters: { name: string; value: string }[]): TfResource => ({
      address: "aws_rds_cluster_parameter_group.pg",
      type: "aws_rds_cluster_parameter_group",
      values: { name: "orders-pg", family: "aurora-postgresql15", parameter: parameters },
    });
    const params = (pg: TfResource) => {
      const r = buildTerraformInventory(input([cluster, pg])).resources[0];
      return r?.clusterParameterGroup.known ? r.clusterParameterGroup.value?.parameters : undefined;
    };
    expect(params(group([{ name: "binlog_format", value: "OFF" }, { name: "binlog_format", value: "MIXED" }]))).toMatchObject({ known: false, reason: expect.stringContaining('sets parameter "binlog_format" twice') });
    expect(params(group([{ name: "binlog_format", value: "ROW" }, { name: "binlog_format", value: "ROW" }]))).toMatchObject({ known: true });
  });
});

describe("event subscription source ids", () => {
  it("take a reference to a cluster's id as its identifier, but not one to its ARN", () => {
    const sub = (sourceId: TfReference): TfResource => ({
      address: "aws_db_event_subscription.ops",
      type: "aws_db_event_subscription",
      values: { name: "ops", source_type: "db-cluster", source_ids: [sourceId], event_categories: ["failover"] },
    });
    const judge = (sourceId: TfReference) =>
      evaluate([policy({ targets: [target({ require: { "events.subscribed": ["failover"] } })] })], buildTerraformInventory(input([cluster, sub(sourceId)])), {
        now: new Date("2026-11-22T10:00:00Z"),
      }).results.map((r) => r.status);
    expect(judge(ref("aws_rds_cluster.main", "id"))).toEqual(["pass"]);
    expect(judge(ref("aws_rds_cluster.main", "arn"))).toEqual(["fail"]);
  });
});
