// The application tier read from AWS CLI JSON: groups, lone instances, load balancers with cross-zone, recover alarms; unknown (with the reason) where an output is missing.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";

const FLEET = join(import.meta.dirname, "../../fixtures/app-tier/aws-json");

describe("aws-json: the application tier", async () => {
  const inv = await readAwsJson([FLEET]);
  const tier = inv.compute!;

  it("reads the groups with their AZs, sizes, health check, load balancers and members", () => {
    expect(tier.groups.map((g) => g.id)).toEqual(["batch", "legacy-web", "web", "workers"]);
    const web = tier.groups.find((g) => g.id === "web")!;
    expect(web.availabilityZones).toEqual({ known: true, value: ["us-east-1a", "us-east-1b"] });
    expect(web.minSize).toEqual({ known: true, value: 2 });
    expect(web.healthCheckType).toEqual({ known: true, value: "ELB" });
    expect(web.region).toEqual({ known: true, value: "us-east-1" });
    expect(web.account).toEqual({ known: true, value: "123456789012" });
    expect(web.instances.known && web.instances.value.map((i) => i.id)).toEqual(["i-0web1", "i-0web2"]);
    expect(tier.groups.find((g) => g.id === "legacy-web")!.loadBalancers).toEqual({ known: true, value: ["legacy-clb"] });
    expect(tier.groups.find((g) => g.id === "workers")!.suspendedProcesses).toEqual({ known: true, value: ["AZRebalance"] });
  });

  it("keeps only instances in no group, and not the terminated ones", () => {
    expect(tier.instances.map((i) => i.id)).toEqual(["i-0bastion", "i-0legacy", "i-0norecover", "i-0oldcli", "i-0storage"]);
    const legacy = tier.instances.find((i) => i.id === "i-0legacy")!;
    expect(legacy.autoRecovery).toEqual({ known: true, value: "disabled" });
    expect(legacy.alarms.known && legacy.alarms.value.map((a) => a.name)).toEqual(["legacy-recover"]);
    expect(legacy.availabilityZone).toEqual({ known: true, value: "us-east-1b" });
    const old = tier.instances.find((i) => i.id === "i-0oldcli")!;
    expect(old.autoRecovery.known).toBe(false);
    expect(!old.autoRecovery.known && old.autoRecovery.reason).toMatch(/MaintenanceOptions\.AutoRecovery/);
  });

  it("reads cross-zone per load balancer type: ALB always, NLB and Classic from their attributes, unknown without them", () => {
    const lb = Object.fromEntries(tier.loadBalancers.map((l) => [l.id, l]));
    expect(Object.keys(lb).sort()).toEqual(["api-nlb", "edge-nlb", "internal-nlb", "legacy-clb", "old-clb", "web-alb"]);
    expect(lb["web-alb"]!.crossZone).toEqual({ known: true, value: true });
    expect(lb["api-nlb"]!.crossZone).toEqual({ known: true, value: false });
    expect(lb["edge-nlb"]!.crossZone).toEqual({ known: true, value: true });
    expect(lb["legacy-clb"]!.crossZone).toEqual({ known: true, value: false });
    expect(lb["legacy-clb"]!.type).toEqual({ known: true, value: "classic" });
    expect(lb["legacy-clb"]!.availabilityZones).toEqual({ known: true, value: ["us-east-1a"] });
    expect(lb["legacy-clb"]!.region).toEqual({ known: true, value: "us-east-1" });
    const internal = lb["internal-nlb"]!.crossZone;
    expect(!internal.known && internal.reason).toMatch(/describe-load-balancer-attributes\.internal-nlb\.json/);
    expect(!lb["old-clb"]!.crossZone.known).toBe(true);
  });

  it("reads load balancers' tags from describe-tags (ELB v2 by ARN, Classic by name); without them, unknown saying what to save", () => {
    const lb = Object.fromEntries(tier.loadBalancers.map((l) => [l.id, l]));
    expect(lb["web-alb"]!.tags).toEqual({ known: true, value: { team: "web", env: "production" } });
    expect(lb["legacy-clb"]!.tags).toEqual({ known: true, value: { team: "web" } });
    const edge = lb["edge-nlb"]!.tags;
    expect(!edge.known && edge.reason).toMatch(/aws elbv2 describe-tags --resource-arns ARN > describe-tags\.edge-nlb\.json/);
  });

  it("without describe-alarms, an instance's alarms are unknown, saying what to save", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    writeFileSync(join(dir, "describe-instances.json"), JSON.stringify({ Reservations: [{ OwnerId: "1", Instances: [{ InstanceId: "i-1", InstanceType: "m5.large", Placement: { AvailabilityZone: "eu-west-1a", Tenancy: "default" }, State: { Name: "running" }, MaintenanceOptions: { AutoRecovery: "default" } }] }] }));
    const only = await readAwsJson([dir]);
    const alarms = only.compute!.instances[0]!.alarms;
    expect(!alarms.known && alarms.reason).toMatch(/no describe-alarms output/);
    expect(only.compute!.groups).toEqual([]);
  });

  it("alarms are per region: an empty describe-alarms beside the instances says none; another region's does not speak for them", async () => {
    const root = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    const instance = (id: string, az: string) => ({ InstanceId: id, InstanceType: "t3.micro", Placement: { AvailabilityZone: az, Tenancy: "default" }, State: { Name: "running" } });
    for (const [dir, id, az] of [["east", "i-east", "us-east-1a"], ["west", "i-west", "us-west-2a"]] as const) {
      mkdirSync(join(root, dir));
      writeFileSync(join(root, dir, "describe-instances.json"), JSON.stringify({ Reservations: [{ OwnerId: "1", Instances: [instance(id, az)] }] }));
    }
    writeFileSync(join(root, "east", "describe-alarms.json"), JSON.stringify({ MetricAlarms: [], CompositeAlarms: [] }));
    const alarms = Object.fromEntries((await readAwsJson([root])).compute!.instances.map((i) => [i.id, i.alarms]));
    expect(alarms["i-east"]).toEqual({ known: true, value: [] });
    expect(!alarms["i-west"]!.known && alarms["i-west"]!.reason).toMatch(/no describe-alarms output for us-west-2 beside/);
  });

  it("attributes whose file names no load balancer are skipped with a note", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    writeFileSync(join(dir, "describe-load-balancers.json"), JSON.stringify({ LoadBalancers: [] }));
    writeFileSync(join(dir, "attributes.json"), JSON.stringify({ Attributes: [{ Key: "load_balancing.cross_zone.enabled", Value: "true" }] }));
    const read = await readAwsJson([dir]);
    expect(read.notes.some((n) => n.includes("describe-load-balancer-attributes.NAME.json"))).toBe(true);
  });

  it("describe-target-groups: a group's target group attached to no load balancer does not put it behind one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    const tg = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/${name}/1`;
    const group = (name: string, arns: string[]) => ({ AutoScalingGroupName: name, AvailabilityZones: ["us-east-1a"], LoadBalancerNames: [], TargetGroupARNs: arns, HealthCheckType: "EC2", MinSize: 1, MaxSize: 1, DesiredCapacity: 1, Instances: [] });
    writeFileSync(join(dir, "describe-auto-scaling-groups.json"), JSON.stringify({ AutoScalingGroups: [group("spare", [tg("spare")]), group("live", [tg("live"), tg("spare")]), group("unlisted", [tg("other")])] }));
    writeFileSync(
      join(dir, "describe-target-groups.json"),
      JSON.stringify({ TargetGroups: [{ TargetGroupArn: tg("spare"), LoadBalancerArns: [] }, { TargetGroupArn: tg("live"), LoadBalancerArns: ["arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/a/1"] }] }),
    );
    const groups = Object.fromEntries((await readAwsJson([dir])).compute!.groups.map((g) => [g.id, g.loadBalancers]));
    expect(groups["spare"]).toEqual({ known: true, value: [] });
    expect(groups["live"]).toEqual({ known: true, value: [tg("live")] });
    // A target group the output does not list still counts: the rule asks for ELB health checks rather than skip the group.
    expect(groups["unlisted"]).toEqual({ known: true, value: [tg("other")] });
  });

  it("TrafficSources (AttachTrafficSources) put a group behind its load balancers, VPC Lattice ones do not; a group attached only that way is judged, not skipped", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1";
    const lattice = "arn:aws:vpc-lattice:us-east-1:123456789012:targetgroup/tg-0abc";
    const group = (name: string, sources: unknown) => ({ AutoScalingGroupName: name, AvailabilityZones: ["us-east-1a", "us-east-1b"], LoadBalancerNames: [], TargetGroupARNs: [], TrafficSources: sources, HealthCheckType: "EC2", MinSize: 2, MaxSize: 2, DesiredCapacity: 2, Instances: [] });
    writeFileSync(
      join(dir, "describe-auto-scaling-groups.json"),
      JSON.stringify({ AutoScalingGroups: [group("via-traffic", [{ Identifier: tg, Type: "elbv2" }, { Identifier: "old-clb", Type: "elb" }]), group("lattice", [{ Identifier: lattice, Type: "vpc-lattice" }]), group("odd", [{ Type: "elbv2" }])] }),
    );
    const groups = Object.fromEntries((await readAwsJson([dir])).compute!.groups.map((g) => [g.id, g.loadBalancers]));
    expect(groups["via-traffic"]).toEqual({ known: true, value: [tg, "old-clb"] });
    expect(groups["lattice"]).toEqual({ known: true, value: [] });
    expect(groups["odd"]).toEqual({ known: false, reason: expect.stringMatching(/TrafficSources entry of odd has no Identifier/) });
  });

  it("reads whether an EFA is attached from NetworkInterfaces (efa, efa-only); without the list it is unknown", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    const instance = (id: string, interfaces?: unknown) => ({ InstanceId: id, InstanceType: "c5n.18xlarge", Placement: { AvailabilityZone: "us-east-1a", Tenancy: "default" }, State: { Name: "running" }, MaintenanceOptions: { AutoRecovery: "default" }, ...(interfaces === undefined ? {} : { NetworkInterfaces: interfaces }) });
    const reservation = { OwnerId: "123456789012", Instances: [instance("i-efa", [{ InterfaceType: "interface" }, { InterfaceType: "efa" }]), instance("i-efaonly", [{ InterfaceType: "efa-only" }]), instance("i-plain", [{ InterfaceType: "interface" }, {}]), instance("i-trimmed")] };
    writeFileSync(join(dir, "describe-instances.json"), JSON.stringify({ Reservations: [reservation] }));
    const efa = Object.fromEntries((await readAwsJson([dir])).compute!.instances.map((i) => [i.id, i.efa]));
    expect(efa["i-efa"]).toEqual({ known: true, value: true });
    expect(efa["i-efaonly"]).toEqual({ known: true, value: true });
    expect(efa["i-plain"]).toEqual({ known: true, value: false });
    expect(efa["i-trimmed"]).toEqual({ known: false, reason: expect.stringMatching(/NetworkInterfaces is not in the describe-instances output for i-trimmed/) });
  });

  it("describe-db-proxy-target-groups (also TargetGroups) is not taken for load balancers' target groups", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    writeFileSync(join(dir, "describe-db-proxy-target-groups.json"), JSON.stringify({ TargetGroups: [{ DBProxyName: "p", TargetGroupName: "default", IsDefault: true }] }));
    writeFileSync(join(dir, "describe-auto-scaling-groups.json"), JSON.stringify({ AutoScalingGroups: [] }));
    const read = await readAwsJson([dir]);
    expect(read.compute!.groups).toEqual([]);
  });

  it("a Classic load balancer that lists subnets but no AZs has unknown AZs, not none (moto prints that)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    const clb = (name: string, zones: string[], subnets: string[]) => ({ LoadBalancerName: name, AvailabilityZones: zones, Subnets: subnets });
    writeFileSync(join(dir, "elb-describe-load-balancers.json"), JSON.stringify({ LoadBalancerDescriptions: [clb("vpc", [], ["subnet-1", "subnet-2"]), clb("none", [], [])] }));
    const lbs = Object.fromEntries((await readAwsJson([dir])).compute!.loadBalancers.map((l) => [l.id, l.availabilityZones]));
    expect(!lbs["vpc"]!.known && lbs["vpc"]!.reason).toMatch(/2 subnet\(s\) but no AvailabilityZones/);
    expect(lbs["none"]).toEqual({ known: true, value: [] });
  });

  it("load balancers named alike in two regions: each reads the attributes in its own directory; in one directory neither guesses", async () => {
    const nlb = (region: string) => ({ LoadBalancerName: "edge", Type: "network", LoadBalancerArn: `arn:aws:elasticloadbalancing:${region}:123456789012:loadbalancer/net/edge/1`, AvailabilityZones: [{ ZoneName: `${region}a` }] });
    const clb = (region: string) => ({ LoadBalancerName: "old", AvailabilityZones: [`${region}a`] });
    const save = (dir: string, region: string, on: boolean, suffix = "") => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `describe-load-balancers${suffix}.json`), JSON.stringify({ LoadBalancers: [nlb(region)] }));
      writeFileSync(join(dir, `elb-describe-load-balancers${suffix}.json`), JSON.stringify({ LoadBalancerDescriptions: [clb(region)] }));
      writeFileSync(join(dir, "describe-load-balancer-attributes.edge.json"), JSON.stringify({ Attributes: [{ Key: "load_balancing.cross_zone.enabled", Value: String(on) }] }));
      writeFileSync(join(dir, "describe-load-balancer-attributes.old.json"), JSON.stringify({ LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: on } } }));
    };
    const root = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    save(join(root, "east"), "us-east-1", false);
    save(join(root, "west"), "us-west-2", true);
    const split = (await readAwsJson([root])).compute!.loadBalancers.map((l) => [l.id, l.region.known && l.region.value, l.crossZone]);
    expect(split).toEqual([
      ["edge", "us-east-1", { known: true, value: false }],
      ["edge", "us-west-2", { known: true, value: true }],
      ["old", "us-east-1", { known: true, value: false }],
      ["old", "us-west-2", { known: true, value: true }],
    ].sort());
    const flat = mkdtempSync(join(tmpdir(), "haspec-app-tier-"));
    save(flat, "us-east-1", true, ".east");
    writeFileSync(join(flat, "describe-load-balancers.west.json"), JSON.stringify({ LoadBalancers: [nlb("us-west-2")] }));
    writeFileSync(join(flat, "elb-describe-load-balancers.west.json"), JSON.stringify({ LoadBalancerDescriptions: [clb("us-west-2")] }));
    const mixed = (await readAwsJson([flat])).compute!.loadBalancers;
    expect(mixed).toHaveLength(4);
    for (const l of mixed) expect(!l.crossZone.known && l.crossZone.reason).toMatch(/2 load balancers are named .* cannot tell whose/);
  });

  it("inputs without the application tier leave it out", async () => {
    const db = await readAwsJson([join(import.meta.dirname, "../../fixtures/rules/multi_az.min_azs")]);
    expect(db.compute).toBeUndefined();
  });
});
