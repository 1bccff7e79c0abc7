// Plans written by Terraform 0.12 and 0.13 (format_version 0.1, no `complete` or `errored` keys), in the shapes public
// checkers keep as fixtures: test/fixtures/plans/terraform-0.1x-*.json.
import { describe, expect, it } from "vitest";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { PLANS, result } from "./support.js";

const read = (name: string) => readTerraformPlan([`${PLANS}/${name}.json`]);

describe("Terraform 0.12 and 0.13 plans (format_version 0.1)", () => {
  it("a cluster with no instances and no provider block: the region from its availability_zones, retention below a floor fails", async () => {
    const inv = await read("terraform-0.12-cluster-without-instances");
    expect(inv.resources).toHaveLength(1);
    const [cluster] = inv.resources;
    expect(cluster).toMatchObject({ id: "billing-aurora", kind: "aurora-cluster", engine: "aurora-mysql", address: "aws_rds_cluster.billing" });
    expect(cluster?.backupRetentionDays).toEqual({ known: true, value: 5 });
    expect(cluster?.region).toEqual({ known: true, value: "eu-central-1" });
    expect(result(inv, { "backup.min_retention_days": 15 }, "aws_rds_cluster.billing", "backup.min_retention_days")).toMatchObject({ status: "fail", actual: 5, expected: 15 });
    // No aws_rds_cluster_instance in the plan: a cluster with no compute has no reader.
    expect(result(inv, { "multi_az.min_readers": 1 }, "aws_rds_cluster.billing", "multi_az.min_readers")?.status).toBe("fail");
  });

  it("an Aurora PostgreSQL cluster whose engine version is left to AWS: the version is unknown, the region from the provider block", async () => {
    const inv = await read("terraform-0.13-engine-version-left-to-aws");
    expect(inv.resources.map((r) => [r.address, r.engine, r.region])).toEqual([["aws_rds_cluster.reports", "aurora-postgresql", { known: true, value: "ap-southeast-2" }]]);
    expect(inv.resources[0]?.engineVersion.known).toBe(false);
    expect(result(inv, { "backup.min_retention_days": 7 }, "aws_rds_cluster.reports", "backup.min_retention_days")).toMatchObject({ status: "fail", actual: 1 });
  });

  it("an instance with multi_az unset is single-AZ; retention unset is unknown", async () => {
    const inv = await read("terraform-0.12-instance-multi-az-unset");
    const address = "aws_db_instance.shop";
    expect(inv.resources.map((r) => [r.address, r.kind, r.engine])).toEqual([[address, "instance", "mysql"]]);
    expect(result(inv, { "multi_az.min_readers": 1 }, address, "multi_az.min_readers")?.status).toBe("fail");
    expect(result(inv, { "backup.min_retention_days": 7 }, address, "backup.min_retention_days")?.status).toBe("unknown");
  });

  it("an instance with multi_az = false and retention 0 among other resources: both fail, a new database passes the change rules", async () => {
    const inv = await read("terraform-0.12-single-az-instance-no-backups");
    const address = "aws_db_instance.crm";
    expect(inv.resources.map((r) => r.address)).toEqual([address]);
    expect(inv.resources[0]).toMatchObject({ id: "crm-mysql", region: { known: true, value: "us-west-2" } });
    expect(result(inv, { "multi_az.min_azs": 2 }, address, "multi_az.min_azs")?.status).toBe("fail");
    expect(result(inv, { "backup.min_retention_days": 1 }, address, "backup.min_retention_days")).toMatchObject({ status: "fail", actual: 0 });
    expect(result(inv, { "changes.no_protection_downgrade": true }, address, "changes.no_protection_downgrade")?.status).toBe("pass");
  });
});
