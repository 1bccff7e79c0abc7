// Issue 4's parity promise: one fleet as AWS CLI JSON, as Terraform state and as a no-op plan gets the same verdicts.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { readTerraformState } from "../../../src/sources/terraform-state/index.js";
import { policy, target } from "../../support/policy.js";

const DIR = "test/fixtures/plans/parity";

/** Rules both AWS JSON and Terraform can answer for this fleet. */
const REQUIRE = {
  "multi_az.min_azs": 2,
  "multi_az.min_readers": 1,
  "multi_az.readers_outside_writer_az": 1,
  "failover.max_tier": 1,
  "failover.target_class": "same-or-larger",
  "failover.target_other_az": true,
  "backup.min_retention_days": 7,
  "backup.deletion_protection": true,
  "backup.copy_tags_to_snapshot": true,
  "backup.window_clear_of_maintenance": true,
  "monitoring.performance_insights": true,
  "monitoring.max_monitoring_interval": 60,
  "maintenance.auto_minor_version_upgrade": true,
  "maintenance.min_engine_version": { "aurora-mysql": "3.04.0" },
};

function verdicts(inventory: Inventory): Record<string, string> {
  const evaluation = evaluate([policy({ targets: [target({ require: REQUIRE })] })], inventory, { now: new Date("2026-11-22T10:00:00Z") });
  return Object.fromEntries(evaluation.results.map((r) => [`${r.resource.id} ${r.rule}`, r.status]));
}

describe("the same fleet from AWS JSON, state and plan", () => {
  it("gets the same verdict for every rule all three can answer", async () => {
    const aws = verdicts(await readAwsJson([`${DIR}/aws-json`]));
    const state = verdicts(await readTerraformState([`${DIR}/fleet.tfstate.json`]));
    const plan = verdicts(await readTerraformPlan(["test/fixtures/plans/parity-fleet-no-op.json"]));
    expect(Object.keys(aws)).toHaveLength(2 * Object.keys(REQUIRE).length);
    expect(state).toEqual(aws);
    expect(plan).toEqual(aws);
    // The fleet is built to give both outcomes: orders-prod holds, crm-prod does not.
    expect(aws["orders-prod multi_az.min_azs"]).toBe("pass");
    expect(aws["crm-prod multi_az.min_azs"]).toBe("fail");
    expect(aws["crm-prod backup.min_retention_days"]).toBe("fail");
  });

  it("knows the writer from state", async () => {
    const inv = await readTerraformState([`${DIR}/fleet.tfstate.json`]);
    const orders = inv.resources.find((r) => r.id === "orders-prod");
    expect(orders?.instances.known && orders.instances.value.filter((i) => i.isWriter.known && i.isWriter.value).map((i) => i.id)).toEqual(["orders-prod-a"]);
    expect(orders).toMatchObject({ account: { known: true, value: "123456789012" }, region: { known: true, value: "us-east-1" } });
    expect(orders?.change).toBeUndefined();
  });
});
