// Issue 23's parity promise: one application-tier fleet as AWS CLI JSON, live (through the wire-protocol fake), as a real Terraform plan and as .tf gets the web-tier pack's verdicts, or unknown with the reason where a source cannot know.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectListedDifferences, expectSameWhereNotListed, type Difference, type Judged, type Status } from "./support.js";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { readLiveAws } from "../../../src/sources/aws-live/index.js";
import { readHcl } from "../../../src/sources/hcl/index.js";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { loadPolicy } from "../../../src/spec/load-policy.js";
import { computeFromAwsJsonDir } from "../../support/fake-aws/compute.js";
import { emptyRegion } from "../../support/fake-aws/fleet.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { liveOptions, TEST_DEPS } from "../aws-live/support.js";

/**
 * The fleet (test/fixtures/app-tier/parity, the same in every form), in us-east-1:
 * - web: Auto Scaling group over subnets in us-east-1a/b, min 2, ELB health checks, target group web behind web-alb.
 * - batch: one subnet (us-east-1a), min 1, EC2 health checks, target group batch behind web-alb.
 * - web-alb (application, a/b), api-nlb (network, a/b, cross-zone off), legacy-clb (Classic, us-east-1a, cross-zone off).
 * - bastion (automatic recovery by default), legacy (recovery disabled, a StatusCheckFailed_System recover alarm),
 *   norecover (recovery disabled, no alarm): instances in no group.
 */
const DIR = "test/fixtures/app-tier/parity";
const POLICY = "policies/web-tier.yaml";
const SOURCES = ["aws-json", "live", "plan", "hcl"] as const;
type Source = (typeof SOURCES)[number];
const NOW = new Date("2026-11-22T10:00:00Z");
const MIRROR = "/opt/tf-plugins";

/** One name per resource across sources: an instance is `i-0bastion` in AWS and `aws_instance.bastion` in Terraform. */
function logicalId(id: string): string {
  return id.replace(/^aws_instance\./, "").replace(/^i-0/, "");
}

/**
 * Every (resource, rule) where the sources differ, and why; unknown entries carry the words their reason must contain.
 * Anything not listed gets the same status from all four sources.
 */
const RUNNING_SPREAD = {
  sources: { "aws-json": "pass", live: "pass", plan: "unknown", hcl: "unknown" },
  why:
    "configuration does not list a group's running instances, so whether they run in two AZs is unknown, never passed; " +
    "in the plan even the AZs it may launch in are (its two subnets are created in the same plan, known after apply)",
  reason: /does not list the instances .* runs|launch in are unknown .*known after apply/,
} as const;
const SUBNETS_AFTER_APPLY = {
  sources: { "aws-json": "pass", live: "pass", plan: "unknown", hcl: "pass" },
  why: "the plan creates both subnets: a list of two subnet ids is known only after apply, so their AZs are unknown (the .tf names them)",
  reason: /AZs are unknown .*known after apply/,
} as const;
const DIFFERENCES: Record<string, Difference<Source>> = {
  "web compute.min_azs": RUNNING_SPREAD,
  "web-alb load_balancer.min_azs": SUBNETS_AFTER_APPLY,
  "api-nlb load_balancer.min_azs": SUBNETS_AFTER_APPLY,
};

let fake: FakeAws | undefined;
const inventories = {} as Record<Source, Inventory>;
const verdicts = {} as Record<Source, Map<string, Judged>>;

/** `terraform plan` of the .tf (AWS provider from the filesystem mirror, fake keys, -refresh=false: no AWS call), as `terraform show -json`. */
function realPlan(): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-parity-"));
  cpSync(join(DIR, "tf/main.tf"), join(dir, "main.tf"));
  const cli = join(dir, "cli.tfrc");
  writeFileSync(cli, `provider_installation {\n  filesystem_mirror {\n    path = "${MIRROR}"\n  }\n}\n`);
  const env = { ...process.env, TF_CLI_CONFIG_FILE: cli, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  for (const args of [["init", "-input=false", "-no-color"], ["plan", "-input=false", "-no-color", "-refresh=false", "-out", "plan.out"]]) {
    const run = spawnSync("terraform", args, { cwd: dir, env, encoding: "utf8", timeout: 180_000 });
    if (run.status !== 0) throw new Error(`terraform ${args[0]} failed: ${run.stdout}${run.stderr}${run.error?.message ?? ""}`);
  }
  const show = spawnSync("terraform", ["show", "-json", "plan.out"], { cwd: dir, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (show.status !== 0) throw new Error(show.stderr);
  writeFileSync(join(dir, "plan.json"), show.stdout);
  return join(dir, "plan.json");
}

async function judge(inventory: Inventory): Promise<Map<string, Judged>> {
  const evaluation = evaluate([await loadPolicy(POLICY)], inventory, { now: NOW });
  return new Map(evaluation.results.map((r) => [`${logicalId(r.resource.id)} ${r.rule}`, { status: r.status as Status, reason: r.reason }]));
}

beforeAll(async () => {
  expect(existsSync(MIRROR), `the AWS provider mirror ${MIRROR} is missing`).toBe(true);
  inventories["aws-json"] = await readAwsJson([`${DIR}/aws-json`]);
  const account = "123456789012";
  fake = await startFakeAws({ accounts: { [account]: { regions: { "us-east-1": { ...emptyRegion(), compute: computeFromAwsJsonDir(`${DIR}/aws-json`) } }, zones: [] } }, defaultAccount: account });
  inventories.live = await readLiveAws(liveOptions(fake.url, { regions: ["us-east-1"] }), TEST_DEPS);
  inventories.plan = await readTerraformPlan([realPlan()]);
  inventories.hcl = await readHcl([`${DIR}/tf`]);
  for (const s of SOURCES) verdicts[s] = await judge(inventories[s]);
}, 240_000);

afterAll(async () => {
  await fake?.close();
});

describe("one application tier, four inputs (web-tier pack)", () => {
  it("every input judges the same resources on the same rules", () => {
    const keys = [...verdicts["aws-json"].keys()].sort();
    // 2 groups × 3 rules, 3 load balancers × 2 rules, 3 lone instances × 1 rule.
    expect(keys).toHaveLength(15);
    for (const s of SOURCES) expect([...verdicts[s].keys()].sort(), s).toEqual(keys);
  });

  it("gives the same status wherever the table lists no difference", () => {
    expectSameWhereNotListed(verdicts, SOURCES, DIFFERENCES);
  });

  it("differs exactly as the table says, with the reason in the unknown", () => {
    expectListedDifferences(verdicts, SOURCES, DIFFERENCES);
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
    const expected: Record<string, Status> = {
      "web compute.min_azs": "pass",
      "web compute.min_instances": "pass",
      "web compute.elb_health_check": "pass",
      "batch compute.min_azs": "fail",
      "batch compute.min_instances": "fail",
      "batch compute.elb_health_check": "fail",
      "web-alb load_balancer.min_azs": "pass",
      "web-alb load_balancer.cross_zone": "pass",
      "api-nlb load_balancer.min_azs": "pass",
      "api-nlb load_balancer.cross_zone": "fail",
      "legacy-clb load_balancer.min_azs": "fail",
      "legacy-clb load_balancer.cross_zone": "fail",
      "bastion compute.auto_recovery": "pass",
      "legacy compute.auto_recovery": "pass",
      "norecover compute.auto_recovery": "fail",
    };
    expect(Object.fromEntries([...aws].map(([k, v]) => [k, v.status]))).toEqual(expected);
  });
});
