// The application tier read from .tf with Terraform's defaults (aws_elb cross-zone on, aws_lb network off, health check EC2), judged like the same fleet as AWS CLI JSON.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { readInputs, type SourceOptions } from "../../../src/sources/index.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { policy, target } from "../../support/policy.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/app-tier");
const OPTIONS = { cwd: process.cwd(), varFiles: [], vars: {} } as unknown as SourceOptions;
const now = new Date("2026-11-22T10:00:00Z");

function verdicts(inv: Inventory, rule: string, option: unknown): Record<string, string> {
  const ev = evaluate([policy({ targets: [target({ require: { [rule]: option } })] })], inv, { now });
  return Object.fromEntries(ev.results.map((r) => [r.resource.id, r.status]));
}

describe("terraform (.tf): the application tier", async () => {
  const tf = await readInputs([join(FIXTURES, "tf")], "hcl", OPTIONS);
  const json = await readAwsJson([join(FIXTURES, "aws-json")]);

  it("reads subnets' AZs through references, and Terraform's defaults", () => {
    const tier = tf.compute!;
    expect(tier.groups.map((g) => [g.id, g.availabilityZones])).toEqual([
      ["batch", { known: true, value: ["us-east-1a"] }],
      ["web", { known: true, value: ["us-east-1a", "us-east-1b"] }],
    ]);
    expect(tier.groups[0]!.healthCheckType).toEqual({ known: true, value: "EC2" });
    expect(tier.groups[1]!.tags).toEqual({ known: true, value: { team: "web" } });
    const lb = Object.fromEntries(tier.loadBalancers.map((l) => [l.id, l]));
    expect(lb["legacy-clb"]!.crossZone).toEqual({ known: true, value: true });
    expect(lb["legacy-clb"]!.crossZoneFrom).toMatch(/default is true/);
    expect(lb["api-nlb"]!.crossZone).toEqual({ known: true, value: false });
    expect(lb["web-alb"]!.crossZone).toEqual({ known: true, value: true });
    const legacy = tier.instances.find((i) => i.id === "aws_instance.legacy")!;
    expect(legacy.availabilityZone).toEqual({ known: true, value: "us-east-1b" });
    expect(legacy.alarms.known && legacy.alarms.value.map((a) => a.name)).toEqual(["legacy-recover"]);
  });

  it("gets the AWS CLI JSON's verdicts for what both describe, Terraform's own defaults aside", () => {
    const same = (rule: string, option: unknown, ids: string[]) => {
      const a = verdicts(tf, rule, option);
      const b = verdicts(json, rule, option);
      expect(Object.fromEntries(ids.map((id) => [id, a[id]])), rule).toEqual(Object.fromEntries(ids.map((id) => [id, b[id]])));
    };
    same("compute.elb_health_check", true, ["web", "batch"]);
    same("compute.min_instances", 2, ["web", "batch"]);
    same("load_balancer.min_azs", 2, ["web-alb", "api-nlb", "legacy-clb"]);
    same("load_balancer.cross_zone", true, ["web-alb", "api-nlb"]);
    // aws_elb turns cross-zone on by default; the API (and so the fixture's describe-load-balancer-attributes) leaves it off.
    expect(verdicts(tf, "load_balancer.cross_zone", true)["legacy-clb"]).toBe("pass");
    expect(verdicts(json, "load_balancer.cross_zone", true)["legacy-clb"]).toBe("fail");
  });

  it("judges a group's launch AZs from configuration, and leaves the running spread unknown, never passed", () => {
    expect(verdicts(tf, "compute.min_azs", 2)).toEqual({ batch: "fail", web: "unknown" });
  });

  it("judges recovery from maintenance_options (AWS's default when unset) and the alarms in the configuration", () => {
    expect(verdicts(tf, "compute.auto_recovery", true)).toEqual({ "aws_instance.bastion": "pass", "aws_instance.legacy": "pass", "aws_instance.norecover": "fail" });
  });
});

describe("terraform state: the application tier", async () => {
  const state = await readInputs([join(FIXTURES, "terraform/app-tier.tfstate.json")], "state", OPTIONS);
  const json = await readAwsJson([join(FIXTURES, "aws-json")]);

  it("reads ids, ARNs and the values Terraform recorded", () => {
    const tier = state.compute!;
    expect(tier.groups.map((g) => [g.id, g.account])).toEqual([
      ["batch", { known: true, value: "123456789012" }],
      ["web", { known: true, value: "123456789012" }],
    ]);
    expect(tier.instances.map((i) => i.id)).toEqual(["i-0bastion", "i-0legacy", "i-0norecover"]);
    expect(tier.loadBalancers.find((l) => l.id === "legacy-clb")!.crossZone).toEqual({ known: true, value: false });
  });

  it("gets the AWS CLI JSON's verdicts for the same resources", () => {
    const rules: [string, unknown][] = [
      ["compute.elb_health_check", true],
      ["compute.min_instances", 2],
      ["compute.auto_recovery", true],
      ["load_balancer.min_azs", 2],
      ["load_balancer.cross_zone", true],
    ];
    for (const [rule, option] of rules) {
      const fromState = verdicts(state, rule, option);
      const fromJson = verdicts(json, rule, option);
      expect(fromState, rule).toEqual(Object.fromEntries(Object.keys(fromState).map((id) => [id, fromJson[id]])));
    }
    // State does not list a group's instances: the running spread is unknown, never a pass.
    expect(verdicts(state, "compute.min_azs", 2)).toEqual({ batch: "fail", web: "unknown" });
  });
});

const MIRROR = "/opt/tf-plugins";

/** `terraform plan` of the .tf fixture (AWS provider from the filesystem mirror, fake keys, -refresh=false: no AWS call), as JSON. */
function realPlan(mainTf = join(FIXTURES, "tf/main.tf")): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-plan-"));
  cpSync(mainTf, join(dir, "main.tf"));
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

describe("terraform plan (real terraform): the application tier", () => {
  it("judges what the plan knows as the configuration does, and leaves what is known after apply unknown", async () => {
    expect(existsSync(MIRROR), `the AWS provider mirror ${MIRROR} is missing`).toBe(true);
    const plan = await readInputs([realPlan()], "plan", OPTIONS);
    const tf = await readInputs([join(FIXTURES, "tf")], "hcl", OPTIONS);
    for (const [rule, option] of [
      ["compute.elb_health_check", true],
      ["compute.min_instances", 2],
      ["compute.auto_recovery", true],
      ["load_balancer.cross_zone", true],
    ] as const) {
      expect(verdicts(plan, rule, option), rule).toEqual(verdicts(tf, rule, option));
    }
    // A list of two subnets created in the same plan is known after apply: the AZs are unknown, never passed.
    expect(verdicts(plan, "compute.min_azs", 2)).toEqual({ batch: "fail", web: "unknown" });
    expect(verdicts(plan, "load_balancer.min_azs", 2)).toEqual({ "api-nlb": "unknown", "legacy-clb": "fail", "web-alb": "unknown" });
    expect(verdicts(tf, "load_balancer.min_azs", 2)).toEqual({ "api-nlb": "pass", "legacy-clb": "fail", "web-alb": "pass" });
  }, 240_000);
});

/** Launch templates and target groups: an instance's type and recovery setting from its template, a group behind a target group. */
const TEMPLATED = `
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "testing"
  secret_key                  = "testing"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
resource "aws_subnet" "a" {
  vpc_id            = "vpc-0123"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "us-east-1a"
}
resource "aws_launch_template" "worker" {
  name          = "worker"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "c5.large"
  maintenance_options {
    auto_recovery = "disabled"
  }
}
resource "aws_launch_template" "plain" {
  name          = "plain"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "m5.large"
}
resource "aws_instance" "worker" {
  subnet_id = aws_subnet.a.id
  launch_template {
    id      = aws_launch_template.worker.id
    version = "$Latest"
  }
}
resource "aws_instance" "plain" {
  subnet_id = aws_subnet.a.id
  launch_template {
    name = aws_launch_template.plain.name
  }
}
resource "aws_launch_template" "hpc" {
  name          = "hpc"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "c5n.18xlarge"
  network_interfaces {
    device_index   = 0
    interface_type = "efa"
  }
}
resource "aws_instance" "hpc" {
  launch_template {
    id = aws_launch_template.hpc.id
  }
}
resource "aws_instance" "elsewhere" {
  subnet_id = aws_subnet.a.id
  launch_template {
    name = "made-elsewhere"
  }
}
resource "aws_lb_target_group" "api" {
  name     = "api"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0123"
}
resource "aws_autoscaling_group" "api" {
  name                = "api"
  min_size            = 2
  max_size            = 4
  vpc_zone_identifier = [aws_subnet.a.id]
  target_group_arns   = [aws_lb_target_group.api.arn]
  launch_template {
    id = aws_launch_template.plain.id
  }
}
`;

describe("terraform: launch templates and target groups", () => {
  const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-templated-"));
  writeFileSync(join(dir, "main.tf"), TEMPLATED);

  const expectations = (inv: Inventory) => {
    const byAddress = Object.fromEntries(inv.compute!.instances.map((i) => [i.address, i]));
    expect(byAddress["aws_instance.worker"]!.instanceType).toEqual({ known: true, value: "c5.large" });
    expect(byAddress["aws_instance.worker"]!.autoRecovery).toEqual({ known: true, value: "disabled" });
    expect(byAddress["aws_instance.plain"]!.instanceType).toEqual({ known: true, value: "m5.large" });
    expect(byAddress["aws_instance.plain"]!.autoRecovery).toEqual({ known: true, value: "default" });
    // A template that is not among the inputs may set either: unknown, never AWS's default.
    expect(byAddress["aws_instance.elsewhere"]!.instanceType.known).toBe(false);
    expect(byAddress["aws_instance.elsewhere"]!.autoRecovery.known).toBe(false);
    // An EFA from the template's network_interfaces rules out simplified automatic recovery; a missing template may attach one.
    expect(byAddress["aws_instance.hpc"]!.efa).toEqual({ known: true, value: true });
    expect(byAddress["aws_instance.plain"]!.efa).toEqual({ known: true, value: false });
    expect(byAddress["aws_instance.elsewhere"]!.efa.known).toBe(false);
    expect(inv.compute!.groups[0]!.loadBalancers).toEqual({ known: true, value: ["aws_lb_target_group.api"] });
    const recovery = verdicts(inv, "compute.auto_recovery", true);
    expect(recovery).toEqual({ "aws_instance.elsewhere": "unknown", "aws_instance.hpc": "fail", "aws_instance.plain": "pass", "aws_instance.worker": "fail" });
    expect(verdicts(inv, "compute.elb_health_check", true)).toEqual({ api: "fail" });
  };

  it("from .tf: the instance's template gives its type and recovery setting; the group is behind the target group", async () => {
    expectations(await readInputs([dir], "hcl", OPTIONS));
  });

  it("from a real plan: references inside launch_template and to a new target group are followed by address", async () => {
    expectations(await readInputs([realPlan(join(dir, "main.tf"))], "plan", OPTIONS));
  }, 240_000);
});
