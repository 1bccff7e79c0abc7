// The application tier from an independent AWS emulator: a fleet built in moto with the AWS CLI, dumped with the AWS CLI and scanned live through the SDK, gets the same web-tier verdicts, and nothing passes that should not.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { readLiveAws } from "../../../src/sources/aws-live/index.js";
import { loadPolicy } from "../../../src/spec/load-policy.js";
import { liveOptions } from "./support.js";

const ENV = { ...process.env, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_DEFAULT_REGION: "us-east-1", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let moto: ChildProcess | undefined;
let url = "";

/** One AWS CLI command against moto; its JSON answer. */
function aws(...args: string[]): Record<string, unknown> {
  const run = spawnSync("aws", ["--endpoint-url", url, "--output", "json", ...args], { env: ENV, encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`aws ${args.slice(0, 2).join(" ")} failed: ${run.stderr}`);
  return run.stdout.trim() === "" ? {} : (JSON.parse(run.stdout) as Record<string, unknown>);
}

const first = (x: Record<string, unknown>, list: string, key: string) => String(((x[list] as Record<string, unknown>[])[0] ?? {})[key]);

/** Builds the fleet: two groups behind an ALB's target groups (one over two subnets, one in one), an NLB, a Classic load balancer in one AZ, two lone instances, a recover alarm. */
function buildFleet(): void {
  const subnet = (az: string) => first(aws("ec2", "describe-subnets", "--filters", `Name=availability-zone,Values=${az}`), "Subnets", "SubnetId");
  const [a, b] = [subnet("us-east-1a"), subnet("us-east-1b")];
  const vpc = first(aws("ec2", "describe-vpcs"), "Vpcs", "VpcId");
  aws("ec2", "create-launch-template", "--launch-template-name", "web", "--launch-template-data", '{"ImageId":"ami-12c6146b","InstanceType":"t3.micro"}');
  const tg = (name: string, port: string) => first(aws("elbv2", "create-target-group", "--name", name, "--protocol", "HTTP", "--port", port, "--vpc-id", vpc), "TargetGroups", "TargetGroupArn");
  const [web, batch] = [tg("web", "80"), tg("batch", "8080")];
  const alb = first(aws("elbv2", "create-load-balancer", "--name", "web-alb", "--subnets", a, b), "LoadBalancers", "LoadBalancerArn");
  aws("elbv2", "create-load-balancer", "--name", "api-nlb", "--type", "network", "--subnets", a, b, "--tags", "Key=team,Value=api");
  for (const [port, arn] of [["80", web], ["8080", batch]] as const) {
    aws("elbv2", "create-listener", "--load-balancer-arn", alb, "--protocol", "HTTP", "--port", port, "--default-actions", `Type=forward,TargetGroupArn=${arn}`);
  }
  const group = (name: string, min: string, subnets: string, health: string, arn: string) =>
    aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name", name, "--launch-template", "LaunchTemplateName=web", "--min-size", min, "--max-size", "4", "--desired-capacity", min, "--vpc-zone-identifier", subnets, "--health-check-type", health, "--target-group-arns", arn);
  group("web", "2", `${a},${b}`, "ELB", web);
  group("batch", "1", a, "EC2", batch);
  aws("elb", "create-load-balancer", "--load-balancer-name", "legacy-clb", "--listeners", "Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=80", "--availability-zones", "us-east-1a");
  const instance = (name: string, type: string, subnetId: string) =>
    first(aws("ec2", "run-instances", "--image-id", "ami-12c6146b", "--instance-type", type, "--subnet-id", subnetId, "--tag-specifications", `ResourceType=instance,Tags=[{Key=Name,Value=${name}}]`), "Instances", "InstanceId");
  instance("bastion", "m5.large", a);
  const legacy = instance("legacy", "c5.xlarge", b);
  aws("cloudwatch", "put-metric-alarm", "--alarm-name", "legacy-recover", "--namespace", "AWS/EC2", "--metric-name", "StatusCheckFailed_System", "--statistic", "Maximum", "--period", "60", "--evaluation-periods", "2", "--threshold", "0", "--comparison-operator", "GreaterThanThreshold", "--dimensions", `Name=InstanceId,Value=${legacy}`, "--alarm-actions", "arn:aws:automate:us-east-1:ec2:recover");
}

/** The fleet as the AWS CLI prints it, one file per command (attributes named by their load balancer). */
function dumpFleet(): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-moto-app-tier-"));
  const save = (file: string, doc: Record<string, unknown>) => writeFileSync(join(dir, file), JSON.stringify(doc, null, 2));
  save("describe-auto-scaling-groups.json", aws("autoscaling", "describe-auto-scaling-groups"));
  save("describe-instances.json", aws("ec2", "describe-instances"));
  const lbs = aws("elbv2", "describe-load-balancers");
  save("describe-load-balancers.json", lbs);
  save("describe-tags.json", aws("elbv2", "describe-tags", "--resource-arns", ...(lbs["LoadBalancers"] as { LoadBalancerArn: string }[]).map((l) => l.LoadBalancerArn)));
  for (const lb of lbs["LoadBalancers"] as { LoadBalancerName: string; LoadBalancerArn: string }[]) {
    save(`describe-load-balancer-attributes.${lb.LoadBalancerName}.json`, aws("elbv2", "describe-load-balancer-attributes", "--load-balancer-arn", lb.LoadBalancerArn));
  }
  save("describe-target-groups.json", aws("elbv2", "describe-target-groups"));
  const classic = aws("elb", "describe-load-balancers");
  save("elb-describe-load-balancers.json", classic);
  save("elb-describe-tags.json", aws("elb", "describe-tags", "--load-balancer-names", ...(classic["LoadBalancerDescriptions"] as { LoadBalancerName: string }[]).map((l) => l.LoadBalancerName)));
  for (const lb of classic["LoadBalancerDescriptions"] as { LoadBalancerName: string }[]) {
    save(`describe-load-balancer-attributes.${lb.LoadBalancerName}.json`, aws("elb", "describe-load-balancer-attributes", "--load-balancer-name", lb.LoadBalancerName));
  }
  save("describe-alarms.json", aws("cloudwatch", "describe-alarms"));
  return dir;
}

async function verdicts(inv: Inventory): Promise<Record<string, string>> {
  const ev = evaluate([await loadPolicy("policies/web-tier.yaml")], inv, { now: new Date() });
  // Instance ids are moto's: name them by their Name tag.
  const nameOf = new Map((inv.compute?.instances ?? []).map((i) => [i.id, i.tags.known ? (i.tags.value["Name"] ?? i.id) : i.id]));
  return Object.fromEntries(ev.results.map((r) => [`${nameOf.get(r.resource.id) ?? r.resource.id}|${r.rule}`, r.status]));
}

let dumped: Inventory;
let live: Inventory;

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  buildFleet();
  dumped = await readAwsJson([dumpFleet()]);
  live = await readLiveAws(liveOptions(url, { regions: ["us-east-1"] }), { credentials: async () => ({ accessKeyId: "testing", secretAccessKey: "testing" }), responseTimeoutMs: 10_000 });
}, 120_000);

afterAll(() => {
  moto?.kill();
});

describe("moto: the application tier, dumped with the AWS CLI and scanned live", () => {
  it("both read the same resources and judge them alike", async () => {
    const a = await verdicts(dumped);
    const b = await verdicts(live);
    // 2 groups × 3 rules, 3 load balancers × 2, 2 lone instances × 1.
    expect(Object.keys(b).length).toBe(14);
    expect(b).toEqual(a);
    const tagsOf = (inv: Inventory) => Object.fromEntries((inv.compute?.loadBalancers ?? []).map((l) => [l.id, l.tags]));
    expect(tagsOf(live)).toEqual(tagsOf(dumped));
    expect(tagsOf(live)["api-nlb"]).toEqual({ known: true, value: { team: "api" } });
  });

  it("agrees with what the fleet was built to be, and passes nothing it should not", async () => {
    const v = await verdicts(live);
    expect(v).toMatchObject({
      "web|compute.min_instances": "pass",
      "web|compute.elb_health_check": "pass",
      "batch|compute.min_azs": "fail",
      "batch|compute.min_instances": "fail",
      "batch|compute.elb_health_check": "fail",
      "web-alb|load_balancer.min_azs": "pass",
      "web-alb|load_balancer.cross_zone": "pass",
      "api-nlb|load_balancer.min_azs": "pass",
      "api-nlb|load_balancer.cross_zone": "fail",
      "legacy-clb|load_balancer.min_azs": "fail",
      "legacy-clb|load_balancer.cross_zone": "fail",
      "legacy|compute.auto_recovery": "pass",
    });
    // moto launches a group's instances in its first subnet's AZ: both of web's run in us-east-1a, which is a fail, as on AWS.
    expect(v["web|compute.min_azs"]).not.toBe("pass");
    // moto prints no MaintenanceOptions and bastion has no alarm: whether it recovers is unknown, never passed.
    expect(v["bastion|compute.auto_recovery"]).toBe("unknown");
  });
});
