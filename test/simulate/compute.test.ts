// The application tier under disruptions (SPEC §9): groups keep their other AZs until replacements launch, lone instances recover or need a person, load balancers in one AZ are manual, resolve-once proxies stall.
import { describe, expect, it } from "vitest";
import { buildFacts } from "../../src/facts/index.js";
import type { Application, ReverseProxyUse } from "../../src/model/application.js";
import { computeResources } from "../../src/model/compute.js";
import type { Resource } from "../../src/model/resource.js";
import { known, unknown } from "../../src/model/value.js";
import { parseDisruption, resolveAssumptions, simulateFleet, simulateResource, type AssumptionSet, type Scenario } from "../../src/simulate/index.js";
import { inventory } from "../support/build.js";
import { ec2InstanceResource, group, groupResource, loadBalancer, loadBalancerResource } from "../support/compute.js";
import { termNamed, termNames } from "./support.js";

const ALB_DNS = "internal-web-alb-1234567890.us-east-1.elb.amazonaws.com";

function app(proxies: ReverseProxyUse[]): Application {
  return { id: "edge", path: "apps/edge", runtimes: [], jvmDns: [], databases: [], pools: [], proxies, notes: [] };
}

function sim(r: Resource, disruption: string, apps: Application[] = [], assumptions: AssumptionSet = resolveAssumptions()): Scenario {
  const facts = buildFacts({ ...inventory(), applications: apps });
  return simulateResource(r, parseDisruption(disruption), facts, assumptions);
}

describe("an Auto Scaling group", () => {
  it("keeps its instances in the other AZs: failover at half capacity, the load balancer's health checks the RTO, the RPO unknown", () => {
    const s = sim(groupResource({ healthCheckGracePeriod: known(120) }), "az:us-east-1a");
    expect(s).toMatchObject({ affected: true, outcome: "failover", instancesLeft: 1, azs: { before: ["us-east-1a", "us-east-1b"], after: ["us-east-1b"] } });
    expect(s.capacity).toEqual({ before: "2 instances", after: ["1 of 2 instances (50%) until replacements launch"], smaller: true });
    expect(s.rto).toMatchObject({ low: 60, high: 60, bound: "estimate" });
    expect(termNamed(s.rto, "load balancer health checks take the lost instances out")).toMatchObject({ from: "aws-doc" });
    expect(s.rpo.bound).toBe("unknown");
    expect(s.notes?.join(" ")).toContain("full capacity after 300–420 s");
  });

  it("takes the load balancer's time from its target groups when they are read: the slowest decides", () => {
    const tg = (arn: string, interval: number, threshold: number) => ({ arn, name: arn.split("/")[1]!, loadBalancerArns: [], healthCheckIntervalSeconds: known(interval), unhealthyThresholdCount: known(threshold) });
    const a = "targetgroup/a/1";
    const b = "targetgroup/b/2";
    const r = groupResource({ loadBalancers: known([a, b]) });
    const withGroups = (targetGroups: ReturnType<typeof tg>[]) =>
      simulateResource(r, parseDisruption("az:us-east-1a"), buildFacts({ ...inventory(), compute: { groups: [], loadBalancers: [], instances: [], targetGroups } }), resolveAssumptions());
    const read = withGroups([tg(a, 10, 3), tg(b, 15, 4)]);
    expect(read.rto).toMatchObject({ low: 60, high: 60, terms: [{ from: "evidence", note: "15 s × 4: the load balancer keeps sending to a lost instance until that many checks in a row fail" }] });
    // One of them not among the inputs: the assumption stands in.
    expect(withGroups([tg(a, 10, 3)]).rto.terms[0]).toMatchObject({ from: "aws-doc", high: 60 });
  });

  it("with every instance in the lost AZ is down until replacements launch elsewhere: instance_launch plus its grace period", () => {
    const r = groupResource({
      healthCheckGracePeriod: known(120),
      instances: known([
        { id: "i-1", availabilityZone: known("us-east-1a"), lifecycleState: known("InService") },
        { id: "i-2", availabilityZone: known("us-east-1a"), lifecycleState: known("InService") },
      ]),
    });
    const s = sim(r, "az:us-east-1a");
    expect(s).toMatchObject({ outcome: "recreate", instancesLeft: 0 });
    expect(termNames(s.rto)).toEqual(["replacement instances launch", "health check grace period"]);
    expect(s.rto).toMatchObject({ low: 300, high: 420, bound: "estimate" });
    expect(termNamed(s.rto, "replacement instances launch")).toMatchObject({ from: "default", ref: expect.stringContaining("not AWS's") });
    expect(termNamed(s.rto, "health check grace period")).toMatchObject({ from: "evidence", ref: expect.stringContaining("HealthCheckGracePeriod") });
    // A policy's figure goes ahead of the default.
    const p = sim(r, "az:us-east-1a", [], resolveAssumptions({ instance_launch: 90 }, "p.yaml"));
    expect(termNamed(p.rto, "replacement instances launch")).toMatchObject({ low: 90, high: 90, from: "policy" });
  });

  it("is unknown, never a guess, when its grace period is not read, its instances or their AZs are unknown", () => {
    const oneAz = [{ id: "i-1", availabilityZone: known("us-east-1a"), lifecycleState: known("InService") }];
    expect(sim(groupResource({ instances: known(oneAz) }), "az:us-east-1a").rto).toMatchObject({ bound: "unknown", reason: expect.stringContaining("grace period") });
    expect(sim(groupResource({ instances: unknown("not read") }), "az:us-east-1a")).toMatchObject({ outcome: "unknown", rto: { bound: "unknown" } });
    const noAz = [{ id: "i-1", availabilityZone: unknown("no AZ"), lifecycleState: known("InService") }];
    expect(sim(groupResource({ instances: known(noAz) }), "az:us-east-1a")).toMatchObject({ outcome: "unknown" });
    expect(sim(groupResource({ loadBalancers: unknown("not read") }), "az:us-east-1a").rto.bound).toBe("unknown");
  });

  it("that can launch only in the lost AZ (or has Launch suspended) needs a person", () => {
    const oneAz = [{ id: "i-1", availabilityZone: known("us-east-1a"), lifecycleState: known("InService") }];
    const s = sim(groupResource({ availabilityZones: known(["us-east-1a"]), instances: known(oneAz) }), "az:us-east-1a");
    expect(s).toMatchObject({ outcome: "manual", rto: { bound: "unbounded", high: null } });
    expect(s.manual[0]).toContain("add subnets in another AZ");
    const suspended = sim(groupResource({ instances: known(oneAz), suspendedProcesses: known(["Launch"]) }), "az:us-east-1a");
    expect(suspended).toMatchObject({ outcome: "manual" });
    expect(suspended.manual[0]).toContain("resume-processes");
  });

  it("is not affected by another AZ, another region, or a writer failure", () => {
    expect(sim(groupResource(), "az:us-east-1c")).toMatchObject({ affected: false, outcome: "none" });
    expect(sim(groupResource(), "region:eu-west-1")).toMatchObject({ affected: false });
    expect(sim(groupResource(), "writer")).toMatchObject({ affected: false });
    expect(sim(groupResource(), "region:us-east-1")).toMatchObject({ outcome: "manual", rto: { bound: "unbounded" } });
  });
});

describe("a lone EC2 instance", () => {
  it("recovers in place from a host failure when auto recovery applies (instance_recovery), its EBS volumes kept", () => {
    const s = sim(ec2InstanceResource(), "instance:i-0abc");
    expect(s).toMatchObject({ outcome: "restart", writer: { before: "i-0abc", after: ["i-0abc"] } });
    expect(termNames(s.rto)).toEqual(["instance recovery on new hardware"]);
    expect(s.rto).toMatchObject({ low: 600, high: 600, bound: "estimate" });
    expect(s.rpo).toMatchObject({ high: 0, terms: [{ term: "EBS volumes", from: "aws-doc" }] });
    const alarm = { name: "recover", metricName: "StatusCheckFailed_System", actions: ["arn:aws:automate:us-east-1:ec2:recover"], actionsEnabled: true };
    const withAlarm = sim(ec2InstanceResource({ autoRecovery: known("disabled"), alarms: known([alarm]) }), "writer");
    expect(withAlarm.outcome).toBe("restart");
    expect(withAlarm.notes?.[0]).toContain("the alarm recover recovers it");
  });

  it("needs a person when recovery is off, and is unknown when that cannot be told", () => {
    const off = sim(ec2InstanceResource({ autoRecovery: known("disabled") }), "instance:i-0abc");
    expect(off).toMatchObject({ outcome: "manual", rto: { bound: "unbounded" } });
    expect(off.manual[0]).toContain("stop-instances");
    expect(sim(ec2InstanceResource({ autoRecovery: known("disabled"), alarms: unknown("no alarms read") }), "instance:i-0abc")).toMatchObject({ outcome: "unknown" });
  });

  it("is manual when its AZ is lost, with the RPO unknown without snapshot data", () => {
    const s = sim(ec2InstanceResource(), "az:us-east-1a");
    expect(s).toMatchObject({ outcome: "manual", rto: { bound: "unbounded" }, rpo: { bound: "unknown", reason: expect.stringContaining("no snapshot data") } });
    expect(sim(ec2InstanceResource(), "az:us-east-1b")).toMatchObject({ affected: false });
  });

  it("loses what its volumes took since their last completed snapshot (the oldest volume decides); a volume with none is lost", () => {
    const snap = (id: string, volumeId: string, startTime: string, state = "completed") => ({ id, volumeId, startTime, state });
    const snapshots = [
      snap("snap-1", "vol-a", "2026-11-22T09:00:00.000Z"),
      snap("snap-2", "vol-a", "2026-11-22T09:50:00.000Z", "pending"),
      snap("snap-3", "vol-b", "2026-11-22T06:00:00.000Z"),
    ];
    const at = (volumes: string[], capturedAt?: string) => {
      const facts = buildFacts({ ...inventory(capturedAt ? { capturedAt } : {}), compute: { groups: [], loadBalancers: [], instances: [], snapshots } });
      return simulateResource(ec2InstanceResource({ volumes: known(volumes) }), parseDisruption("az:us-east-1a"), facts, resolveAssumptions());
    };
    // The capture time (10:00) is what the age is measured to: vol-b's 06:00 snapshot is 4 h old; vol-a's pending one does not count.
    const both = at(["vol-a", "vol-b"]);
    expect(both).toMatchObject({ outcome: "manual", rpo: { low: 0, high: 4 * 3600, bound: "estimate" } });
    expect(both.rpo.terms[0]).toMatchObject({ term: "since the last snapshot of vol-b", from: "evidence", ref: expect.stringContaining("snap-3") });
    const none = at(["vol-a", "vol-c"]);
    expect(none).toMatchObject({ outcome: "lost", rpo: { bound: "unbounded", terms: [{ term: "no snapshot of vol-c", high: null }] } });
    const facts = buildFacts({ ...inventory(), compute: { groups: [], loadBalancers: [], instances: [], snapshots } });
    expect(simulateResource(ec2InstanceResource({ volumes: unknown("not read") }), parseDisruption("az:us-east-1a"), facts, resolveAssumptions()).rpo.bound).toBe("unknown");
  });
});

describe("a load balancer", () => {
  it("enabled only in the lost AZ is manual", () => {
    const s = sim(loadBalancerResource({ type: known("network"), availabilityZones: known(["us-east-1a"]) }), "az:us-east-1a");
    expect(s).toMatchObject({ outcome: "manual", azs: { before: ["us-east-1a"], after: [] }, rto: { bound: "unbounded" }, rpo: { high: 0 } });
    expect(s.manual[0]).toContain("aws elbv2 set-subnets");
  });

  it("enabled in other AZs fails over within lb_dns_failover, unless a reverse proxy resolved its name once", () => {
    const lb = loadBalancerResource({ dnsName: known(ALB_DNS) });
    const plain = sim(lb, "az:us-east-1a");
    expect(plain).toMatchObject({ outcome: "failover", rto: { low: 0, high: 60, bound: "estimate" } });

    const once: ReverseProxyUse = { server: "httpd", target: `${ALB_DNS}.`, reResolves: false, why: "ProxyPass without addressttl: resolved once per child", at: { file: "apps/edge/httpd.conf", line: 12 } };
    const stalled = sim(lb, "az:us-east-1a", [app([once])]);
    expect(stalled.rto.bound).toBe("unbounded");
    const stall = termNamed(stalled.rto, "httpd resolved web-alb's name once")!;
    expect(stall).toMatchObject({ from: "evidence", ref: "edge apps/edge/httpd.conf:12", low: 0, high: null });
    expect(stall.note).toContain("14 s stalls behind Apache httpd");
    expect(stall.note).toContain("not an AWS figure");
    expect(stalled.manual[0]).toContain("reload edge's httpd");

    const unsure = sim(lb, "az:us-east-1a", [app([{ ...once, reResolves: null, why: "the upstream is a variable" }])]);
    expect(unsure.rto.bound).toBe("unknown");
    const fine = sim(lb, "az:us-east-1a", [app([{ ...once, server: "nginx", reResolves: true, why: "resolver with a variable" }])]);
    expect(fine.rto).toMatchObject({ bound: "estimate", high: 60 });
    expect(fine.notes?.join(" ")).toContain("re-resolves");
  });
});

describe("a fleet under az:NAME", () => {
  it("reports the application tier beside whatever else it holds, and instance:ID finds a group's member", () => {
    const tier = { groups: [group()], loadBalancers: [loadBalancer()], instances: [] };
    const facts = buildFacts({ ...inventory(), compute: tier });
    const resources = computeResources(tier);
    const { scenarios } = simulateFleet(resources, facts, resolveAssumptions(), [parseDisruption("az:us-east-1a"), parseDisruption("instance:i-2")]);
    expect(scenarios.map((s) => `${s.disruption} ${s.resource.id} ${s.outcome}`)).toEqual(["az:us-east-1a web failover", "az:us-east-1a web-alb failover", "instance:i-2 web failover"]);
    // Without --fail: each AZ the group runs in, and its region.
    const plain = simulateFleet(resources, facts, resolveAssumptions()).scenarios;
    expect(plain.filter((s) => s.resource.id === "web").map((s) => s.disruption)).toEqual(["az:us-east-1a", "az:us-east-1b", "region:us-east-1"]);
  });
});

describe("every application-tier scenario of a fleet read from AWS CLI JSON", () => {
  it("keeps the estimates' invariants: bounds match the terms, unknown says why, unaffected costs nothing, every figure says where it comes from", async () => {
    const { readAwsJson } = await import("../../src/sources/aws-json/index.js");
    const inv = await readAwsJson(["test/fixtures/app-tier/aws-json"]);
    const facts = buildFacts(inv);
    const resources = computeResources(inv.compute);
    expect(resources.length).toBeGreaterThan(10);
    const disruptions = ["writer", "az:us-east-1a", "az:us-east-1b", "az:us-east-1c", "region:us-east-1", "region:eu-west-1"].map(parseDisruption);
    const { scenarios } = simulateFleet(resources, facts, resolveAssumptions(), disruptions);
    const plain = simulateFleet(resources, facts, resolveAssumptions()).scenarios;
    for (const s of [...scenarios, ...plain]) {
      for (const e of [s.rto, s.rpo]) {
        for (const t of e.terms) {
          expect(["aws-doc", "evidence", "policy", "default"]).toContain(t.from);
          expect(t.ref.length).toBeGreaterThan(0);
        }
        if (e.bound === "unknown") expect(e.reason, `${s.disruption} ${s.resource.id}`).toBeTruthy();
        if (e.bound === "unbounded") expect(e.high).toBeNull();
        if (e.bound === "estimate") expect(e.high).toBe(e.terms.reduce((sum, t) => sum + (t.high ?? Number.NaN), 0));
      }
      if (!s.affected) expect([s.rto.high, s.rpo.high]).toEqual([0, 0]);
      if (s.outcome === "manual" || s.outcome === "lost") expect(s.rto.bound === "unbounded" || s.rto.bound === "unknown").toBe(true);
    }
    // A region elsewhere touches nothing.
    expect(scenarios.filter((s) => s.disruption === "region:eu-west-1").every((s) => !s.affected)).toBe(true);
  });
});
