// The live scan reads the application tier through the SDK from the wire-protocol fake (Query, EC2 XML, CloudWatch JSON) into what the AWS CLI JSON of the same fleet gives; failed calls leave fields unknown, never passed.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";
import { readLiveAws, scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { inventoryFromBundle } from "../../../src/sources/snapshot/bundle.js";
import { parseBundle, serializeBundle } from "../../../src/sources/snapshot/index.js";
import { loadPolicy } from "../../../src/spec/load-policy.js";
import { computeFromAwsJsonDir } from "../../support/fake-aws/compute.js";
import { emptyRegion, type FakeFleet } from "../../support/fake-aws/fleet.js";
import { startFakeAws, type FakeAws, type FakeAwsOptions, type FakeRequest } from "../../support/fake-aws/server.js";
import { policy, target } from "../../support/policy.js";
import { liveOptions, TEST_DEPS } from "./support.js";

const FIXTURE = join(import.meta.dirname, "../../fixtures/app-tier/aws-json");
const ACCOUNT = "123456789012";
const WEB_TIER = "policies/web-tier.yaml";

export function appTierFleet(dir = FIXTURE): FakeFleet {
  return { accounts: { [ACCOUNT]: { regions: { "us-east-1": { ...emptyRegion(), compute: computeFromAwsJsonDir(dir) } }, zones: [] } }, defaultAccount: ACCOUNT };
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function live(options: FakeAwsOptions = {}): Promise<Inventory> {
  fake = await startFakeAws(appTierFleet(), options);
  return readLiveAws(liveOptions(fake.url, { regions: ["us-east-1"] }), TEST_DEPS);
}

/** `resource|rule` → status under the web-tier pack. */
async function verdicts(inv: Inventory): Promise<Record<string, string>> {
  const ev = evaluate([await loadPolicy(WEB_TIER)], inv, { now: new Date("2026-11-22T12:00:00Z") });
  return Object.fromEntries(ev.results.map((r) => [`${r.resource.id}|${r.rule}`, r.status]));
}

const denied = (action: string) => (r: FakeRequest) => r.action === action;

describe("live scan: the application tier", () => {
  it("reads through the SDK what the AWS CLI JSON of the same fleet gives, and judges it the same", async () => {
    const inv = await live();
    const json = await readAwsJson([FIXTURE]);
    const tier = inv.compute!;
    expect(tier.groups.map((g) => g.id)).toEqual(json.compute!.groups.map((g) => g.id));
    expect(tier.instances.map((i) => i.id)).toEqual(json.compute!.instances.map((i) => i.id));
    expect(tier.loadBalancers.map((l) => l.id)).toEqual(json.compute!.loadBalancers.map((l) => l.id));
    const strip = (x: object) => JSON.parse(JSON.stringify(x, (k, v) => (k === "location" || k === "crossZoneFrom" ? undefined : v))) as unknown;
    expect(strip(tier.groups)).toEqual(strip(json.compute!.groups));
    expect(strip(tier.instances)).toEqual(strip(json.compute!.instances));
    // The server always answers DescribeLoadBalancerAttributes, as AWS does; the fixture has no attributes file for
    // internal-nlb and old-clb, so the AWS CLI JSON leaves their cross-zone unknown where the live scan reads it (off).
    const a = await verdicts(inv);
    const b = await verdicts(json);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    const differ = Object.keys(a).filter((k) => a[k] !== b[k]);
    expect(differ.sort()).toEqual(["internal-nlb|load_balancer.cross_zone", "old-clb|load_balancer.cross_zone"]);
    expect([b["internal-nlb|load_balancer.cross_zone"], a["internal-nlb|load_balancer.cross_zone"]]).toEqual(["unknown", "fail"]);
    expect(a["web|compute.min_azs"]).toBe("pass");
    expect(a["batch|compute.elb_health_check"]).toBe("fail");
    expect(a["i-0legacy|compute.auto_recovery"]).toBe("pass");
    const sent = new Set(fake!.log.map((r) => `${r.service} ${r.action}`));
    for (const call of ["autoscaling DescribeAutoScalingGroups", "ec2 DescribeInstances", "elbv2 DescribeLoadBalancers", "elbv2 DescribeLoadBalancerAttributes", "elbv2 DescribeTargetGroups", "elb DescribeLoadBalancers", "elb DescribeLoadBalancerAttributes", "cloudwatch DescribeAlarms"]) {
      expect(sent.has(call), call).toBe(true);
    }
    // An Application Load Balancer's cross-zone is always on: its attributes are not asked for.
    expect(fake!.log.filter((r) => r.action === "DescribeLoadBalancerAttributes" && r.service === "elbv2").map((r) => r.params["LoadBalancerArn"]!.split("/")[2])).toEqual(
      expect.arrayContaining(["api-nlb", "internal-nlb", "edge-nlb"]),
    );
    expect(fake!.log.some((r) => r.params["LoadBalancerArn"]?.includes("/app/"))).toBe(false);
  });

  it("reads every page (page size 1 on every paginated call)", async () => {
    fake = await startFakeAws(appTierFleet());
    const inv = await readLiveAws(liveOptions(fake.url, { regions: ["us-east-1"] }), { ...TEST_DEPS, pageSize: 1 });
    expect(inv.compute!.groups).toHaveLength(4);
    expect(inv.compute!.instances).toHaveLength(5);
    expect(inv.compute!.loadBalancers).toHaveLength(6);
    expect(fake.log.filter((r) => r.action === "DescribeAutoScalingGroups")).toHaveLength(4);
    expect(fake.log.filter((r) => r.action === "DescribeAlarms")).toHaveLength(3);
  });

  it("a load balancer whose attributes are denied has its cross-zone unknown with the error, never passed", async () => {
    const inv = await live({ deny: denied("DescribeLoadBalancerAttributes") });
    const edge = inv.compute!.loadBalancers.find((l) => l.id === "edge-nlb")!;
    expect(edge.crossZone.known).toBe(false);
    expect(!edge.crossZone.known && edge.crossZone.reason).toMatch(/DescribeLoadBalancerAttributes .*failed: AccessDenied/);
    const v = await verdicts(inv);
    expect(v["edge-nlb|load_balancer.cross_zone"]).toBe("unknown");
    expect(v["legacy-clb|load_balancer.cross_zone"]).toBe("unknown");
    expect(v["web-alb|load_balancer.cross_zone"]).toBe("pass");
  });

  it("reads load balancers' tags (DescribeTags, 20 a call); denied, they are unknown and a target matching tags cannot tell", async () => {
    const inv = await live();
    const lb = Object.fromEntries(inv.compute!.loadBalancers.map((l) => [l.id, l]));
    expect(lb["web-alb"]!.tags).toEqual({ known: true, value: { team: "web", env: "production" } });
    expect(lb["legacy-clb"]!.tags).toEqual({ known: true, value: { team: "web" } });
    // AWS answers every load balancer asked about: one without tags has none.
    expect(lb["edge-nlb"]!.tags).toEqual({ known: true, value: {} });
    await fake!.close();
    const deniedInv = await live({ deny: denied("DescribeTags") });
    const web = deniedInv.compute!.loadBalancers.find((l) => l.id === "web-alb")!;
    expect(!web.tags.known && web.tags.reason).toMatch(/DescribeTags \(elbv2\) failed: AccessDenied/);
    const ev = evaluate([policy({ targets: [target({ match: { kinds: ["load-balancer"], tags: { team: "web" } }, require: { "load_balancer.min_azs": 2 } })] })], deniedInv, { now: new Date() });
    expect(new Set(ev.results.map((r) => r.status))).toEqual(new Set(["unknown"]));
  });

  it("instances whose alarms are denied have them unknown: recovery through an alarm is not judged", async () => {
    const inv = await live({ deny: denied("DescribeAlarms") });
    const legacy = inv.compute!.instances.find((i) => i.id === "i-0legacy")!;
    expect(!legacy.alarms.known && legacy.alarms.reason).toMatch(/DescribeAlarms failed: AccessDenied/);
    const v = await verdicts(inv);
    expect(v["i-0legacy|compute.auto_recovery"]).toBe("unknown");
    expect(v["i-0norecover|compute.auto_recovery"]).toBe("unknown");
  });

  it("denied listings leave their resources out and say so in the gaps", async () => {
    const inv = await live({ deny: (r) => r.action === "DescribeAutoScalingGroups" || r.service === "elb" });
    expect(inv.compute!.groups).toEqual([]);
    expect(inv.compute!.loadBalancers.map((l) => l.id)).not.toContain("legacy-clb");
    // Instances of groups carry the group's tag: still not judged on their own.
    expect(inv.compute!.instances.map((i) => i.id)).not.toContain("i-0web1");
    expect((inv.gaps ?? []).join("\n")).toMatch(/DescribeAutoScalingGroups failed: AccessDenied.*Auto Scaling groups there are not checked/);
    expect((inv.gaps ?? []).join("\n")).toMatch(/DescribeLoadBalancers \(elb\) failed/);
  });

  it("a target group attached to no load balancer does not put its group behind one", async () => {
    const fleet = appTierFleet();
    const compute = fleet.accounts[ACCOUNT]!.regions["us-east-1"]!.compute!;
    compute.TargetGroups.find((t) => t["TargetGroupName"] === "batch")!["LoadBalancerArns"] = [];
    fake = await startFakeAws(fleet);
    const inv = await readLiveAws(liveOptions(fake.url, { regions: ["us-east-1"] }), TEST_DEPS);
    expect(inv.compute!.groups.find((g) => g.id === "batch")!.loadBalancers).toEqual({ known: true, value: [] });
    expect((await verdicts(inv))["batch|compute.elb_health_check"]).toBe("not_applicable");
  });

  it("a snapshot keeps the application tier: written, read back, judged the same", async () => {
    fake = await startFakeAws(appTierFleet());
    const bundle = await scanLiveAws(liveOptions(fake.url, { regions: ["us-east-1"] }), TEST_DEPS);
    const back = parseBundle(JSON.parse(serializeBundle(bundle)), "snap.json");
    expect(back.data[`${ACCOUNT}/us-east-1`]).toHaveProperty("AutoScalingGroups");
    const fromFile = inventoryFromBundle(back, "snapshot", "snap.json");
    const fromScan = inventoryFromBundle(bundle, "aws", "aws");
    expect(await verdicts(fromFile)).toEqual(await verdicts(fromScan));
    expect(Object.keys(await verdicts(fromFile)).length).toBeGreaterThan(20);
  });
});
