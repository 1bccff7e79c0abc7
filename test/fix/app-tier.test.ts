// haspec fix over the application tier: Terraform for what the inputs allow (re-checked), AWS CLI steps for what AWS alone shows, outside text escaped.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { addressOf } from "../../src/fix/blocks.js";
import { planFixes } from "../../src/fix/plan.js";
import { renderCdktf } from "../../src/fix/render-cdktf.js";
import { renderHcl } from "../../src/fix/render-hcl.js";
import { tfPatch } from "../../src/fix/tf-patch.js";
import type { Inventory } from "../../src/model/inventory.js";
import type { Policy } from "../../src/spec/policy.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { readHcl } from "../../src/sources/hcl/index.js";
import { readCdktf } from "../../src/sources/cdktf/index.js";
import { policy, target } from "../support/policy.js";
import { synthCdktf, tempFixDir } from "../support/fix-project.js";
import { writeFixProject } from "../../src/fix/index.js";

const NOW = new Date("2026-11-22T10:00:00Z");
const ESTATE = join(import.meta.dirname, "../../e2e/terraform/estates/patch-app-tier");
const WEB_TIER: Record<string, unknown> = {
  "compute.min_azs": 2,
  "compute.elb_health_check": true,
  "compute.auto_recovery": true,
  "load_balancer.min_azs": 2,
  "load_balancer.cross_zone": true,
};

function plan(inventory: Inventory, require: Record<string, unknown> = WEB_TIER) {
  const policies: Policy[] = [policy({ targets: [target({ require })] })];
  const evaluation = evaluate(policies, inventory, { now: NOW });
  return { policies, evaluation, plan: planFixes(evaluation, inventory, { policies, now: NOW }) };
}

const claimed = (p: ReturnType<typeof planFixes>) => p.resources.flatMap((r) => r.checked.filter((c) => c.fixed).map((c) => `${r.resource.id} ${c.rule}`)).sort();

describe("haspec fix: the application tier from .tf", async () => {
  const inventory = await readHcl([ESTATE]);
  const { plan: p } = plan(inventory);

  it("adds a subnet of another AZ of the same VPC, ELB health checks, cross-zone on and a recover alarm; claims only what re-checks as passing", () => {
    const byAddress = new Map(p.blocks.map((b) => [addressOf(b), b]));
    expect(byAddress.get("aws_autoscaling_group.web")!.values["vpc_zone_identifier"]).toEqual([
      expect.objectContaining({ address: "aws_subnet.a", attribute: "id" }),
      expect.objectContaining({ address: "aws_subnet.b", attribute: "id" }),
    ]);
    expect(byAddress.get("aws_autoscaling_group.web")!.values["health_check_type"]).toBe("ELB");
    expect(byAddress.get("aws_lb.api")!.values["enable_cross_zone_load_balancing"]).toBe(true);
    expect(byAddress.get("aws_elb.legacy")!.values["cross_zone_load_balancing"]).toBe(true);
    const alarm = byAddress.get("aws_cloudwatch_metric_alarm.lone_recover")!;
    expect(alarm.values).toMatchObject({
      namespace: "AWS/EC2",
      metric_name: "StatusCheckFailed_System",
      statistic: "Maximum",
      period: 60,
      evaluation_periods: 2,
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      alarm_actions: ["arn:aws:automate:us-east-1:ec2:recover"],
    });
    // The running spread of a group is known only live: the subnets are written, the rule is not claimed.
    expect(claimed(p)).toEqual([
      "api load_balancer.cross_zone",
      "api load_balancer.min_azs",
      "aws_instance.lone compute.auto_recovery",
      "legacy load_balancer.cross_zone",
      "web compute.elb_health_check",
    ]);
    expect(p.manual.find((m) => m.resource === "web" && m.rule === "compute.min_azs")?.text).toMatch(/instances are unknown/);
  });

  it("re-checks a group a policy selects by tag (its tags are judged, not written: propagate_at_launch is not in the data)", () => {
    const policies: Policy[] = [policy({ targets: [target({ match: { kinds: ["autoscaling-group"], tags: { tier: "web" } }, require: { "compute.elb_health_check": true } })] })];
    const evaluation = evaluate(policies, inventory, { now: NOW });
    const tagged = planFixes(evaluation, inventory, { policies, now: NOW });
    expect(claimed(tagged)).toEqual(["web compute.elb_health_check"]);
    expect(renderHcl(tagged.blocks, [])).not.toMatch(/\btag\b/);
    expect(renderCdktf(tagged.blocks, [])).not.toMatch(/\btag:/);
  });

  it("adds no subnet where the VPC has none in another AZ: the step says what to create", () => {
    expect(p.blocks.some((b) => addressOf(b) === "aws_autoscaling_group.batch")).toBe(false);
    expect(p.manual.find((m) => m.resource === "batch")?.text).toMatch(/no other subnet in aws_vpc\.lonely: create subnets in other AZs of that VPC first/);
  });

  it("never writes the user's subnets or instance: they are referred to, not declared", () => {
    const hcl = renderHcl(p.blocks, []);
    expect(hcl).not.toMatch(/resource "aws_subnet"|resource "aws_instance"|import \{/);
    expect(hcl).toContain("vpc_zone_identifier = [aws_subnet.a.id, aws_subnet.b.id]");
    expect(hcl).toContain('"InstanceId" = aws_instance.lone.id');
    const cdktf = renderCdktf(p.blocks, []);
    expect(cdktf).toContain('vpcZoneIdentifier: ["${aws_subnet.a.id}", "${aws_subnet.b.id}"]');
    expect(cdktf).not.toMatch(/new (Subnet|Instance)\(/);
  });

  it("patches the .tf where each resource is declared and puts the alarm in haspec-fix.tf", async () => {
    const patch = await tfPatch(p.blocks, process.cwd(), [ESTATE]);
    expect(patch.diff).toMatch(/^\+ {2}vpc_zone_identifier = \[aws_subnet\.a\.id, aws_subnet\.b\.id\] # haspec: compute\.min_azs$/m);
    expect(patch.diff).toMatch(/^\+ {2}health_check_type = "ELB" # haspec: compute\.elb_health_check$/m);
    expect(patch.diff).toMatch(/^\+ {2}cross_zone_load_balancing = true # haspec: load_balancer\.cross_zone$/m);
    expect(patch.diff).toMatch(/^\+ {2}enable_cross_zone_load_balancing = true # haspec: load_balancer\.cross_zone$/m);
    expect(patch.diff).toContain("+++ b/e2e/terraform/estates/patch-app-tier/haspec-fix.tf");
    expect(patch.diff).toContain('+resource "aws_cloudwatch_metric_alarm" "lone_recover" {');
    expect(patch.skipped).toEqual([]);
  });

  it("synthesizes with cdktf; the stack re-checks to the same verdicts on what it declares", async () => {
    const dir = tempFixDir("app-tier-cdktf");
    const policies: Policy[] = [policy({ targets: [target({ require: { "compute.elb_health_check": true, "load_balancer.cross_zone": true, "compute.auto_recovery": true } })] })];
    const evaluation = evaluate(policies, inventory, { now: NOW });
    await writeFixProject({ evaluation, inventory, policies, now: NOW, inputs: [ESTATE], cwd: process.cwd() }, { outDir: dir, format: "both" });
    const synth = synthCdktf(dir);
    expect(synth.code, synth.output).toBe(0);
    const stack = JSON.parse(readFileSync(join(dir, "cdktf/cdktf.out/stacks/haspec-fix/cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    expect(stack.resource["aws_cloudwatch_metric_alarm"]!["lone_recover"]!["dimensions"]).toEqual({ InstanceId: "${aws_instance.lone.id}" });
    expect(stack.resource["aws_autoscaling_group"]!["web"]!["health_check_type"]).toBe("ELB");
    const read = await readCdktf([join(dir, "cdktf")], { cwd: dir });
    expect(read.compute!.loadBalancers.map((l) => [l.id, l.crossZone])).toEqual([
      ["api", { known: true, value: true }],
      ["legacy", { known: true, value: true }],
    ]);
  }, 120_000);
});

describe("haspec fix: the application tier from AWS CLI JSON", async () => {
  const inventory = await readAwsJson(["test/fixtures/app-tier/aws-json"]);
  const { plan: p } = plan(inventory);

  it("gives a live group or load balancer its AWS CLI command (no Terraform imports a whole group), and a lone instance a recover alarm by id", () => {
    expect(p.blocks.filter((b) => !b.context).map((b) => b.type)).toEqual(p.blocks.filter((b) => !b.context).map(() => "aws_cloudwatch_metric_alarm"));
    const alarm = p.blocks.find((b) => b.type === "aws_cloudwatch_metric_alarm")!;
    expect(alarm.values["dimensions"]).toEqual({ InstanceId: "i-0norecover" });
    const steps = p.manual.map((m) => `${m.resource} ${m.rule}: ${m.text}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^batch compute.elb_health_check: health_check_type: EC2 -> ELB: aws autoscaling update-auto-scaling-group --auto-scaling-group-name 'batch' --health-check-type 'ELB'/),
        expect.stringMatching(/^api-nlb load_balancer.cross_zone: enable_cross_zone_load_balancing: false -> true: aws elbv2 modify-load-balancer-attributes --load-balancer-arn 'arn:aws:elasticloadbalancing:[^']+' --attributes Key=load_balancing.cross_zone.enabled,Value=true/),
      ]),
    );
    expect(claimed(p)).toEqual(["i-0norecover compute.auto_recovery"]);
    // The instance is context for the re-check: no import block, no aws_instance written.
    expect(renderHcl(p.blocks, [])).not.toMatch(/import \{|resource "aws_instance"/);
  });
});

describe("haspec fix: the application tier from Terraform state", async () => {
  const { readTerraformState } = await import("../../src/sources/terraform-state/index.js");
  const inventory = await readTerraformState(["test/fixtures/app-tier/terraform/app-tier.tfstate.json"]);
  const { plan: p } = plan(inventory);

  it("changes the recorded resources at their addresses, a recover alarm on the recorded instance id; subnets it cannot place stay steps", () => {
    expect(claimed(p)).toEqual(["api-nlb load_balancer.cross_zone", "batch compute.elb_health_check", "i-0norecover compute.auto_recovery", "legacy-clb load_balancer.cross_zone"]);
    const alarm = p.blocks.find((b) => b.type === "aws_cloudwatch_metric_alarm")!;
    expect(alarm.values["dimensions"]).toEqual({ InstanceId: expect.objectContaining({ address: "aws_instance.norecover", attribute: "id" }) });
    expect(p.manual.map((m) => `${m.resource} ${m.rule}`).sort()).toEqual(["batch compute.min_azs", "legacy-clb load_balancer.min_azs"]);
    expect(renderHcl(p.blocks, [])).not.toMatch(/import \{/);
  });
});

describe("haspec fix: outside text in the application tier's code", () => {
  it("escapes a hostile Name tag in the alarm's name and description (HCL and CDKTF)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-hostile-"));
    writeFileSync(
      join(dir, "main.tf"),
      [
        'provider "aws" {',
        '  region = "us-east-1"',
        "}",
        'resource "aws_instance" "odd" {',
        '  ami           = "ami-0123456789abcdef0"',
        '  instance_type = "m5d.large"',
        '  availability_zone = "us-east-1a"',
        "  tags = {",
        '    Name = "x $${path.cwd} \\" \\n %%{if true}y"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    const inventory = await readHcl([dir]);
    const { plan: p } = plan(inventory, { "compute.auto_recovery": true });
    const hcl = renderHcl(p.blocks, []);
    expect(hcl).toContain('alarm_name          = "x $${path.cwd} \\" \\n %%{if true}y-recover"');
    const cdktf = renderCdktf(p.blocks, []);
    expect(cdktf).toContain('alarmName: "x $${path.cwd} \\" \\n %%{if true}y-recover"');
    expect(claimed(p)).toEqual(["aws_instance.odd compute.auto_recovery"]);
  });

  it("never writes a for_each key (outside text) into an expression: such an instance's alarm is a step", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-keyed-"));
    writeFileSync(
      join(dir, "main.tf"),
      [
        'provider "aws" {',
        '  region = "us-east-1"',
        "}",
        'resource "aws_instance" "keyed" {',
        '  for_each          = toset(["a $${path.cwd} b"])',
        '  ami               = "ami-0123456789abcdef0"',
        '  instance_type     = "m5d.large"',
        '  availability_zone = "us-east-1a"',
        "}",
        "",
      ].join("\n"),
    );
    const inventory = await readHcl([dir]);
    const { plan: p } = plan(inventory, { "compute.auto_recovery": true });
    expect(p.blocks.filter((b) => !b.context)).toEqual([]);
    expect(p.manual.map((m) => m.text)).toEqual([expect.stringMatching(/not a plain root resource/)]);
    expect((await tfPatch(p.blocks, dir, [dir])).diff).toBe("");
  });
});
