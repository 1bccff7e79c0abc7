// Issue 4's parity promise: one fleet as AWS CLI JSON, plan, state, .tf and cdk.tf.json gets the same verdicts, or unknown with the reason.
import { familyOf } from "../../../src/engine/select.js";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectListedDifferences, expectSameWhereNotListed, type Difference, type Judged, type Status } from "./support.js";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { RULES } from "../../../src/rules/index.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { readCdktf } from "../../../src/sources/cdktf/index.js";
import { readHcl } from "../../../src/sources/hcl/index.js";
import { detectSource } from "../../../src/sources/index.js";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { readTerraformState } from "../../../src/sources/terraform-state/index.js";
import { policy, target } from "../../support/policy.js";

/**
 * The fleet (test/fixtures/parity, the same in every form):
 * - orders-prod: Aurora MySQL 3.05.2, writer + 2 readers in us-east-1a/b/c, tiers 0/1/1, retention 7,
 *   protected, backtrack 24 h, binlog ROW, a failover event subscription, CNAME TTL 30 s.
 * - crm-prod: Aurora MySQL 3.02.0, writer + a tier-15 smaller reader both in us-east-1a, retention 1
 *   (the default), windows left to AWS (they overlap), CNAME TTL 300 s and a CNAME on an instance endpoint.
 *   Its .tf leaves availability_zone, engine_version and the windows unset: AWS chose them at apply time.
 * - billing-db: MySQL 8.0.35 Multi-AZ DB instance (standby in another AZ), retention 14.
 * No RDS Proxy anywhere.
 */
const DIR = "test/fixtures/parity";
const SOURCES = ["aws-json", "plan", "state", "hcl", "cdktf"] as const;
type Source = (typeof SOURCES)[number];
const NOW = new Date("2026-11-22T10:00:00Z");

/** One requirement per rule haspec has (checked below), so a new rule must join the parity table. */
const REQUIRE: Record<string, unknown> = {
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
  "backup.max_pitr_lag_minutes": 15,
  "backup.min_backtrack_hours": 24,
  "binlog.formats": ["ROW", "MIXED"],
  "binlog.min_retention_hours": 24,
  "monitoring.performance_insights": true,
  "monitoring.max_monitoring_interval": 60,
  "maintenance.auto_minor_version_upgrade": true,
  "maintenance.min_engine_version": { "aurora-mysql": "3.04.0", mysql: "8.0.32" },
  "dns.max_ttl": 60,
  "dns.no_instance_endpoint_records": true,
  "events.subscribed": ["failover"],
  "proxy.required": true,
  "changes.no_writer_resize_in_place": true,
  "changes.no_capacity_reduction": true,
  "changes.no_replacement": true,
  "changes.no_protection_downgrade": true,
  "objectives.rto": { writer: "1h", az: "1h" },
  "objectives.rpo": { writer: "0s", az: "0s" },
  // No drill record among these inputs: unknown from every source alike.
  "objectives.drilled_within": "90d",
};


/**
 * Every (resource, rule) where the inputs differ, and why. Unknown entries carry the words their
 * reason must contain. Anything not listed here must get the same status from all five inputs.
 */
const CHANGES_ONLY_IN_PLANS = {
  sources: { "aws-json": "not_applicable", plan: "pass", state: "not_applicable", hcl: "not_applicable", cdktf: "not_applicable" },
  why: "changes.* rules judge a plan's changes; the plan changes nothing (no-op), every other input describes one state",
} as const;
const CRM_AZ_UNSET = {
  sources: { "aws-json": "fail", plan: "fail", state: "fail", hcl: "unknown", cdktf: "unknown" },
  why: "the .tf leaves availability_zone unset (AWS picked us-east-1a for both at apply time)",
  reason: /availability_zone is not set|AZ of some instances is unknown|AZ is unknown/,
} as const;
const CRM_WRITER_UNKNOWN = {
  sources: { "aws-json": "fail", plan: "fail", state: "fail", hcl: "unknown", cdktf: "unknown" },
  why: "configuration does not say which instance will be the writer: judged over both candidates, it fails with crm-prod-a writing and passes with crm-prod-b",
  reason: /depends on which instance becomes the writer/,
} as const;

const DIFFERENCES: Record<string, Difference<Source>> = {
  "crm-prod multi_az.min_azs": CRM_AZ_UNSET,
  "crm-prod multi_az.readers_outside_writer_az": CRM_AZ_UNSET,
  "crm-prod failover.target_other_az": { ...CRM_AZ_UNSET, reason: /availability_zone is not set|AZ is unknown|which instance becomes the writer/ },
  "crm-prod failover.max_tier": CRM_WRITER_UNKNOWN,
  "crm-prod failover.target_class": CRM_WRITER_UNKNOWN,
  "crm-prod backup.window_clear_of_maintenance": {
    sources: { "aws-json": "fail", plan: "fail", state: "fail", hcl: "unknown", cdktf: "unknown" },
    why: "the .tf sets neither window: AWS picks them at apply time (they came out overlapping)",
    reason: /window is not set: AWS picks/,
  },
  "crm-prod maintenance.min_engine_version": {
    sources: { "aws-json": "fail", plan: "fail", state: "fail", hcl: "unknown", cdktf: "unknown" },
    why: "the .tf sets no engine_version: AWS picks the engine's default version at apply time",
    reason: /engine_version is not set/,
  },
  "crm-prod objectives.rto": {
    sources: { "aws-json": "fail", plan: "fail", state: "fail", hcl: "unknown", cdktf: "unknown" },
    why: "the .tf leaves availability_zone unset: whether losing an AZ takes both instances depends on where AWS puts them",
    reason: /availability_zone is not set/,
  },
  "crm-prod objectives.rpo": {
    sources: { "aws-json": "pass", plan: "pass", state: "pass", hcl: "unknown", cdktf: "unknown" },
    why: "the .tf leaves availability_zone unset: the AZ scenarios cannot be named",
    reason: /availability_zone is not set/,
  },
  ...Object.fromEntries(
    ["orders-prod", "crm-prod", "billing-db"].flatMap((id) =>
      ["changes.no_writer_resize_in_place", "changes.no_capacity_reduction", "changes.no_replacement", "changes.no_protection_downgrade"].map((rule) => [
        `${id} ${rule}`,
        CHANGES_ONLY_IN_PLANS,
      ]),
    ),
  ),
};

/** Unknown for every input, for a reason none of them can remove. */
const UNKNOWN_EVERYWHERE: Record<string, RegExp> = {
  "backup.max_pitr_lag_minutes": /no capture time/,
  "binlog.min_retention_hours": /only over SQL/,
};

function judge(inventory: Inventory): Map<string, Judged> {
  const evaluation = evaluate([policy({ targets: [target({ require: REQUIRE })] })], inventory, { now: NOW });
  return new Map(evaluation.results.map((r) => [`${r.resource.id} ${r.rule}`, { status: r.status as Status, reason: r.reason }]));
}

const inventories = {} as Record<Source, Inventory>;
const verdicts = {} as Record<Source, Map<string, Judged>>;

beforeAll(async () => {
  inventories["aws-json"] = await readAwsJson([`${DIR}/aws-json`]);
  inventories.plan = await readTerraformPlan([`${DIR}/terraform/fleet.plan.json`]);
  inventories.state = await readTerraformState([`${DIR}/terraform/fleet.tfstate.json`]);
  inventories.hcl = await readHcl([`${DIR}/tf`]);
  inventories.cdktf = await readCdktf([`${DIR}/cdktf`]);
  for (const s of SOURCES) verdicts[s] = judge(inventories[s]);
});

describe("one fleet, five inputs", () => {
  it("the policy covers every database rule haspec has (clients.* judge applications, compute.* and load_balancer.* the application tier)", () => {
    expect(Object.keys(REQUIRE).sort()).toEqual(RULES.filter((r) => r.appliesTo.some((k) => familyOf(k) === "database")).map((r) => r.id).sort());
  });

  it("every input judges the same resources on the same rules", () => {
    const keys = [...verdicts["aws-json"].keys()].sort();
    expect(keys).toHaveLength(3 * Object.keys(REQUIRE).length);
    for (const s of SOURCES) expect([...verdicts[s].keys()].sort(), s).toEqual(keys);
  });

  it("gives the same status wherever the table lists no difference", () => {
    expectSameWhereNotListed(verdicts, SOURCES, DIFFERENCES);
  });

  it("differs exactly as the table says, with the reason in the unknown", () => {
    expectListedDifferences(verdicts, SOURCES, DIFFERENCES);
  });

  it("is unknown everywhere, with the reason, where no input can answer", () => {
    for (const [rule, reason] of Object.entries(UNKNOWN_EVERYWHERE)) {
      for (const id of ["orders-prod", "crm-prod", "billing-db"]) {
        for (const s of SOURCES) {
          const got = verdicts[s].get(`${id} ${rule}`);
          expect(got?.status, `${id} ${rule} (${s})`).toBe("unknown");
          expect(got?.reason).toMatch(reason);
        }
      }
    }
  });

  it("never lets an input pass what the AWS data fails, and every unknown says why", () => {
    for (const s of SOURCES) {
      for (const [key, got] of verdicts[s]) {
        if (verdicts["aws-json"].get(key)?.status === "fail") expect(got.status, `${key} (${s})`).not.toBe("pass");
        if (got.status === "unknown") expect(got.reason, `${key} (${s})`).toBeTruthy();
      }
    }
  });

  it("gives both outcomes, so agreement is not agreement on nothing", () => {
    const aws = verdicts["aws-json"];
    expect(aws.get("orders-prod multi_az.min_azs")?.status).toBe("pass");
    expect(aws.get("crm-prod multi_az.min_azs")?.status).toBe("fail");
    expect(aws.get("crm-prod failover.max_tier")?.status).toBe("fail");
    expect(aws.get("crm-prod backup.min_retention_days")?.status).toBe("fail");
    expect(aws.get("crm-prod dns.max_ttl")?.status).toBe("fail");
    expect(aws.get("crm-prod dns.no_instance_endpoint_records")?.status).toBe("fail");
    expect(aws.get("billing-db multi_az.min_azs")?.status).toBe("pass");
    expect(aws.get("orders-prod events.subscribed")?.status).toBe("pass");
    const counts = new Map<string, number>();
    for (const v of aws.values()) counts.set(v.status, (counts.get(v.status) ?? 0) + 1);
    expect(counts.get("pass")).toBeGreaterThan(20);
    expect(counts.get("fail")).toBeGreaterThan(10);
  });
});

describe("what each input knows", () => {
  it("the region: from ARNs (AWS, state, plan) and from provider \"aws\" { region = var.region } (.tf, cdk.tf.json)", () => {
    for (const s of SOURCES) {
      for (const r of inventories[s].resources) expect(r.region, `${r.id} (${s})`).toEqual({ known: true, value: "us-east-1" });
    }
  });

  it("the writer: known from AWS, state and plan; unknown in configuration", () => {
    for (const s of ["aws-json", "state", "plan"] as const) {
      const orders = inventories[s].resources.find((r) => r.id === "orders-prod");
      expect(orders?.instances.known && orders.instances.value.filter((i) => i.isWriter.known && i.isWriter.value).map((i) => i.id), s).toEqual(["orders-prod-a"]);
    }
    for (const s of ["hcl", "cdktf"] as const) {
      const orders = inventories[s].resources.find((r) => r.id === "orders-prod");
      expect(orders?.instances.known && orders.instances.value.every((i) => !i.isWriter.known), s).toBe(true);
    }
  });

  it("a Multi-AZ aws_db_instance without availability_zone spans two AZs", () => {
    const billing = inventories.hcl.resources.find((r) => r.id === "billing-db");
    const self = billing?.instances.known ? billing.instances.value[0] : undefined;
    expect(self?.availabilityZone.known).toBe(true);
    expect(self?.secondaryAvailabilityZone.known && self.secondaryAvailabilityZone.value).toMatch(/standby AZ/);
    expect(verdicts.hcl.get("billing-db multi_az.min_azs")?.status).toBe("pass");
  });

  it("locations: file:line for .tf, the line of the key for .tf.json, the construct path for cdk.tf.json", async () => {
    const crm = inventories.hcl.resources.find((r) => r.id === "crm-prod");
    expect(crm?.location).toMatchObject({ source: "hcl", file: `${DIR}/tf/crm.tf`, line: 2 });
    const sub = inventories.hcl.eventSubscriptions;
    expect(sub.known && sub.value.items.map((e) => e.name)).toEqual(["orders-failover"]);
    const cdk = inventories.cdktf.resources.find((r) => r.id === "orders-prod");
    expect(cdk?.location?.file).toBe(`${DIR}/cdktf/stacks/fleet/cdk.tf.json#fleet/orders/rds_cluster`);
    expect(cdk?.location?.line).toBeGreaterThan(1);
  });

  it("detects each form from its content", async () => {
    expect(await detectSource(`${DIR}/aws-json`)).toBe("aws-json");
    expect(await detectSource(`${DIR}/terraform/fleet.plan.json`)).toBe("plan");
    expect(await detectSource(`${DIR}/terraform/fleet.tfstate.json`)).toBe("state");
    expect(await detectSource(`${DIR}/tf`)).toBe("hcl");
    expect(await detectSource(`${DIR}/cdktf`)).toBe("cdktf");
  });

  it("detects a directory of plans or states, a plan whose variables fill the first 4 KB, and refuses a plan among AWS CLI JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-detect-"));
    const put = (rel: string, text: string) => {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
      return join(dir, rel);
    };
    const plan = readFileSync(`${DIR}/terraform/fleet.plan.json`, "utf8");
    const state = readFileSync(`${DIR}/terraform/fleet.tfstate.json`, "utf8");
    put("plans/plan.json", plan);
    put("states/state.json", state);
    expect(await detectSource(join(dir, "plans"))).toBe("plan");
    expect(await detectSource(join(dir, "states"))).toBe("state");
    // Terraform writes `variables` before `planned_values`: large ones push it past the first bytes.
    const { variables, ...rest } = JSON.parse(plan) as Record<string, unknown>;
    const big = { format_version: rest["format_version"], terraform_version: rest["terraform_version"], variables: { ...(variables as object), blob: { value: "x".repeat(10_000) } }, ...rest };
    expect(await detectSource(put("big-variables.plan.json", JSON.stringify(big)))).toBe("plan");
    // Keys in another order: the whole text decides.
    const reordered = JSON.parse(state) as Record<string, unknown>;
    expect(await detectSource(put("reordered.state.json", JSON.stringify({ format_version: reordered["format_version"], padding: "y".repeat(5_000), ...reordered })))).toBe("state");
    put("mixed/plan.json", plan);
    put("mixed/describe-db-clusters.json", '{"DBClusters": []}');
    await expect(detectSource(join(dir, "mixed"))).rejects.toThrow(/mixes a Terraform plan \(plan\.json\) with other JSON \(describe-db-clusters\.json\)/);
    put("snapshots/s.json", '{"haspecSnapshot": 1}');
    await expect(detectSource(join(dir, "snapshots"))).rejects.toThrow(/holds haspec snapshots: a snapshot is read from its file/);
  });
});
