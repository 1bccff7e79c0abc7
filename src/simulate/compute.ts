// The application tier under a disruption (SPEC §9): an Auto Scaling group's capacity left and its replacements, a lone instance's recovery, a load balancer's AZs, and reverse proxies that resolve a load balancer's name once.
import type { AutoScalingGroup, Ec2Instance, GroupMember, LoadBalancer } from "../model/compute.js";
import type { ReverseProxyUse } from "../model/application.js";
import type { Resource } from "../model/resource.js";
import { autoRecovery } from "../rules/compute/auto_recovery.js";
import { assumptionDefinition } from "./assumptions.js";
import { formatDisruption } from "./disruption.js";
import { estimate, term, unknownEstimate, ZERO, type Piece } from "./estimate.js";
import { regionOfAz } from "./place.js";
import type { SimulationRun } from "./scenario.js";
import type { Disruption, Estimate, Outcome, Scenario } from "./types.js";

/** Where the application tier's own reasoning is documented (terms from `default` name it). */
const DOC = "docs/assumptions.md, 'The application tier'";

/** Everything a compute scenario says besides its header. */
interface Body {
  affected: boolean;
  outcome: Outcome;
  before?: string | null;
  after?: readonly string[];
  capacityBefore?: string | null;
  capacityAfter?: readonly string[];
  smaller?: boolean;
  instancesLeft: number | null;
  azs?: { before: readonly string[]; after: readonly string[] };
  rto: Estimate;
  rpo: Estimate;
  manual?: readonly string[];
  notes?: readonly string[];
}

function build(run: SimulationRun, resource: Resource, d: Disruption, b: Body): Scenario {
  return {
    disruption: formatDisruption(d),
    resource: run.resourceOf(resource),
    affected: b.affected,
    outcome: b.outcome,
    writer: { before: b.before ?? null, after: b.after ?? [] },
    capacity: b.smaller === undefined ? { before: b.capacityBefore ?? null, after: b.capacityAfter ?? [] } : { before: b.capacityBefore ?? null, after: b.capacityAfter ?? [], smaller: b.smaller },
    instancesLeft: b.instancesLeft,
    readersLeft: null,
    ...(b.azs ? { azs: { before: [...b.azs.before], after: [...b.azs.after] } } : {}),
    rto: b.rto,
    rpo: b.rpo,
    manual: b.manual ?? [],
    ...(b.notes && b.notes.length > 0 ? { notes: [...new Set(b.notes)] } : {}),
  };
}

function unaffected(run: SimulationRun, r: Resource, d: Disruption, instancesLeft: number | null, note?: string, extra: Partial<Body> = {}): Scenario {
  return build(run, r, d, { affected: false, outcome: "none", instancesLeft, rto: ZERO, rpo: ZERO, ...extra, ...(note ? { notes: [note] } : {}) });
}

function cannotTell(run: SimulationRun, r: Resource, d: Disruption, reason: string): Scenario {
  return build(run, r, d, { affected: true, outcome: "unknown", instancesLeft: null, rto: unknownEstimate(reason), rpo: unknownEstimate(reason) });
}

const lower = (s: string): string => s.toLowerCase();

/** "yes"/"no" when the resource's region tells whether the lost AZ or region is its own; "maybe" when it does not. */
function hitsRegion(r: Resource, d: Disruption & { kind: "az" | "region" }): "yes" | "no" | "maybe" {
  if (!r.region.known) return "maybe";
  const region = lower(r.region.value);
  return (d.kind === "region" ? d.name : regionOfAz(d.name)) === region ? "yes" : "no";
}

/** The application tier's default disruptions (SPEC §6.2 without --fail, §9): a lone instance's host, each AZ it runs in, its region. */
export function computePlan(r: Resource): { disruptions: Disruption[]; skipped: { disruption: string; reason: string }[] } {
  const item = r.compute!;
  const disruptions: Disruption[] = [];
  const skipped: { disruption: string; reason: string }[] = [];
  const azs = (v: { known: true; value: readonly string[] } | { known: false; reason: string }, what: string): void => {
    if (!v.known) skipped.push({ disruption: "az:?", reason: `${what} of ${r.id} are unknown: ${v.reason}` });
    else for (const az of [...new Set(v.value.map(lower))].sort()) disruptions.push({ kind: "az", name: az });
  };
  if (item.kind === "ec2-instance") {
    disruptions.push({ kind: "instance", id: item.instance.id });
    const az = item.instance.availabilityZone;
    azs(az.known ? { known: true, value: [az.value] } : az, "the AZ");
  } else if (item.kind === "autoscaling-group") {
    const members = item.group.instances;
    if (!members.known) azs(members, "the instances' AZs");
    else {
      const unknownAz = members.value.find((m) => !m.availabilityZone.known);
      if (unknownAz) skipped.push({ disruption: "az:?", reason: `the AZ of ${r.id}'s instance ${unknownAz.id} is unknown` });
      azs({ known: true, value: members.value.flatMap((m) => (m.availabilityZone.known ? [m.availabilityZone.value] : [])) }, "the instances' AZs");
    }
  } else {
    azs(item.loadBalancer.availabilityZones, "the AZs");
  }
  if (r.region.known) disruptions.push({ kind: "region", name: lower(r.region.value) });
  else skipped.push({ disruption: "region:?", reason: `${r.id}'s region is unknown: ${r.region.reason}` });
  return { disruptions, skipped };
}

/** Whether `--fail instance:ID` names this resource's instance (a lone instance, or a member of a group). */
export function computeOwns(r: Resource, instanceId: string): boolean {
  const id = lower(instanceId);
  const item = r.compute;
  if (item?.kind === "ec2-instance") return lower(item.instance.id) === id;
  if (item?.kind === "autoscaling-group") return item.group.instances.known && item.group.instances.value.some((m) => lower(m.id) === id);
  return false;
}

/** One application-tier resource under one disruption. */
export function simulateCompute(run: SimulationRun, r: Resource, d: Disruption): Scenario {
  const item = r.compute!;
  if (d.kind === "az" || d.kind === "region") {
    const hit = hitsRegion(r, d);
    if (hit === "maybe") return cannotTell(run, r, d, `whether ${r.id} runs in ${d.name} is unknown: its region is unknown`);
    if (hit === "no") return unaffected(run, r, d, null);
  }
  switch (item.kind) {
    case "autoscaling-group":
      return group(run, r, item.group, d);
    case "ec2-instance":
      return lone(run, r, item.instance, d);
    case "load-balancer":
      return loadBalancer(run, r, item.loadBalancer, d);
  }
}

// ---------------------------------------------------------------------------------------------- Auto Scaling groups

/** Members that serve: InService (and Pending, about to). Standby, terminating, detaching and warm-pool instances do not. */
function serves(m: GroupMember): boolean | null {
  if (!m.lifecycleState.known) return null;
  return /^(InService|Pending)/.test(m.lifecycleState.value);
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? "" : "s"}`;

/** What the lost instances had on their own volumes: the data cannot tell whether they keep any. */
function groupRpo(r: Resource): Estimate {
  return unknownEstimate(
    `whether ${r.id}'s instances keep data of their own is not in the data: replacements start from the launch template's image, ` +
      "so what was written only to a lost instance's volumes is gone (0 when the instances are stateless)",
  );
}

function group(run: SimulationRun, r: Resource, g: AutoScalingGroup, d: Disruption): Scenario {
  if (d.kind === "writer") return unaffected(run, r, d, null, `a writer failure is a database disruption: ${r.id} is an Auto Scaling group (use instance:ID for one of its instances)`);
  if (!g.instances.known) return cannotTell(run, r, d, `${r.id}'s instances are unknown (${g.instances.reason}), so what an instance or AZ loss leaves is too`);
  const members = g.instances.value;
  const unknownState = members.find((m) => serves(m) === null);
  if (unknownState) return cannotTell(run, r, d, `the lifecycle state of ${r.id}'s instance ${unknownState.id} is unknown`);
  const serving = members.filter((m) => serves(m) === true);
  const lostOf = (m: GroupMember): boolean | null => {
    if (d.kind === "instance") return lower(m.id) === lower(d.id);
    if (d.kind === "region") return true;
    if (d.kind !== "az") return false;
    return m.availabilityZone.known ? lower(m.availabilityZone.value) === d.name : null;
  };
  const unknownAz = serving.find((m) => lostOf(m) === null);
  if (unknownAz) return cannotTell(run, r, d, `the AZ of ${r.id}'s instance ${unknownAz.id} is unknown, so the capacity left is too`);
  const lost = serving.filter((m) => lostOf(m) === true);
  const left = serving.length - lost.length;
  const azsOf = (ms: readonly GroupMember[]) => [...new Set(ms.flatMap((m) => (m.availabilityZone.known ? [lower(m.availabilityZone.value)] : [])))].sort();
  const azs = { before: azsOf(serving), after: azsOf(serving.filter((m) => !lost.includes(m))) };
  const capacityBefore = plural(serving.length, "instance");
  if (serving.length === 0) return unaffected(run, r, d, 0, `${r.id} runs no instance in service`, { capacityBefore, azs });
  if (lost.length === 0) {
    const launchable = g.availabilityZones.known && d.kind === "az" && g.availabilityZones.value.some((az) => lower(az) === d.name);
    return unaffected(run, r, d, serving.length, launchable ? `${r.id} has no instance in ${(d as { name: string }).name}, but cannot launch there while it is lost` : undefined, { capacityBefore, azs });
  }

  // Where replacements can launch: the group's AZs outside the lost one (any of them for one instance's loss).
  const suspended = g.suspendedProcesses.known ? g.suspendedProcesses.value : [];
  const launchSuspended = suspended.includes("Launch");
  const elsewhere: { known: true; value: string[] } | { known: false; reason: string } = !g.availabilityZones.known
    ? { known: false, reason: g.availabilityZones.reason }
    : { known: true, value: g.availabilityZones.value.map(lower).filter((az) => d.kind !== "az" || az !== d.name) };
  const notes: string[] = [];
  if (suspended.includes("AZRebalance")) notes.push(`${r.id} has AZRebalance suspended: once the AZ is back it does not even out its instances again`);

  if (d.kind === "region") {
    return build(run, r, d, {
      affected: true,
      outcome: "manual",
      capacityBefore,
      capacityAfter: ["0 instances"],
      smaller: true,
      instancesLeft: 0,
      azs,
      rto: estimate([term("manual recovery: the application tier in another region", 0, null, "default", DOC, `nothing in the data runs ${r.id} in another region`)]),
      rpo: groupRpo(r),
      manual: [`run ${r.id}'s application tier in another region (a launch template, an AMI copied there, subnets, a load balancer) and point clients at it`],
      notes,
    });
  }

  const replacements = replacementTerms(run, r, g);
  const launchNote = `${r.id} launches ${plural(lost.length, "replacement")} where it has the fewest instances (EC2 Auto Scaling User Guide: auto-scaling-benefits)`;
  if (left > 0) {
    // The instances left keep serving; the load balancer must first stop sending to the lost ones.
    const pieces: Piece[] = [];
    if (!g.loadBalancers.known) pieces.push({ unknown: `whether ${r.id} is behind a load balancer is unknown (${g.loadBalancers.reason})` });
    else if (g.loadBalancers.value.length > 0) pieces.push(healthCheckPiece(run, r, g.loadBalancers.value));
    else {
      pieces.push(term("the instances left keep serving", 0, 0, "evidence", `Instances of ${r.address}`));
      notes.push(`${r.id} registers with no load balancer: whatever sends it work must stop using the lost instances itself`);
    }
    const manual: string[] = [];
    if (launchSuspended) manual.push(`resume the Launch process of ${r.id} (aws autoscaling resume-processes --auto-scaling-group-name ${r.id} --scaling-processes Launch)`);
    else if (elsewhere.known && elsewhere.value.length === 0) {
      manual.push(`add subnets in another AZ to ${r.id}: it can launch only in the lost AZ, so it stays at ${left} of ${serving.length} instances until the AZ is back`);
    } else if (!elsewhere.known) notes.push(`where ${r.id} can launch replacements is unknown (${elsewhere.reason})`);
    else notes.push(`${launchNote}: full capacity after ${describeChain(replacements)}`);
    return build(run, r, d, {
      affected: true,
      outcome: "failover",
      capacityBefore,
      capacityAfter: [`${left} of ${serving.length} instances (${Math.round((100 * left) / serving.length)}%) until replacements launch`],
      smaller: true,
      instancesLeft: left,
      azs,
      rto: estimate(pieces),
      rpo: groupRpo(r),
      manual,
      notes,
    });
  }

  // Nothing left serving: the group is down until replacements launch, or a person acts.
  const down = { affected: true, capacityBefore, capacityAfter: ["0 instances"], smaller: true, instancesLeft: 0, azs, rpo: groupRpo(r) };
  if (launchSuspended) {
    return build(run, r, d, {
      ...down,
      outcome: "manual",
      rto: estimate([term("manual recovery: resume launching", 0, null, "evidence", `SuspendedProcesses of ${r.address}`, `${r.id} has its Launch process suspended: it launches nothing`)]),
      manual: [`resume the Launch process of ${r.id} (aws autoscaling resume-processes --auto-scaling-group-name ${r.id} --scaling-processes Launch)`],
      notes,
    });
  }
  if (!elsewhere.known) return cannotTell(run, r, d, `every instance of ${r.id} is lost and where it can launch replacements is unknown (${elsewhere.reason})`);
  if (elsewhere.value.length === 0) {
    const az = d.kind === "az" ? d.name : "its AZ";
    return build(run, r, d, {
      ...down,
      outcome: "manual",
      rto: estimate([
        term("manual recovery: subnets in another AZ", 0, null, "evidence", `AvailabilityZones of ${r.address}`, `${r.id} can launch only in ${az}: nothing replaces its instances until someone adds another AZ`),
      ]),
      manual: [`add subnets in another AZ to ${r.id} (aws autoscaling update-auto-scaling-group --auto-scaling-group-name ${r.id} --vpc-zone-identifier <subnets in two or more AZs>)`],
      notes,
    });
  }
  return build(run, r, d, {
    ...down,
    outcome: "recreate",
    rto: estimate(replacements),
    manual: [],
    notes: [`every instance of ${r.id} in service is lost: it serves nothing until replacements are up`, launchNote, ...notes],
  });
}

/** The same term as the assumption it replaces when the target groups are read. */
const HEALTH_CHECKS = assumptionDefinition("target_health_check").term;

/**
 * How long the load balancer keeps sending to the lost instances: the slowest of the group's target groups as read
 * (HealthCheckIntervalSeconds × UnhealthyThresholdCount); the `target_health_check` assumption when one of them is not
 * among the inputs (or the group names Classic load balancers).
 */
function healthCheckPiece(run: SimulationRun, r: Resource, registeredWith: readonly string[]): Piece {
  const read = run.facts.inventory.compute?.targetGroups ?? [];
  const groups = registeredWith.map((arn) => read.find((t) => t.arn === arn));
  if (groups.some((t) => t === undefined)) return run.assumed(r, "target_health_check");
  let worst: Piece | undefined;
  for (const t of groups as NonNullable<(typeof groups)[number]>[]) {
    const interval = t.healthCheckIntervalSeconds;
    const threshold = t.unhealthyThresholdCount;
    if (!interval.known || !threshold.known) return { unknown: `the health check of target group ${t.name} is unknown (${!interval.known ? interval.reason : !threshold.known ? threshold.reason : ""})` };
    const seconds = interval.value * threshold.value;
    if (worst === undefined || ("high" in worst && (worst.high ?? 0) < seconds)) {
      worst = term(
        HEALTH_CHECKS,
        seconds,
        seconds,
        "evidence",
        `HealthCheckIntervalSeconds × UnhealthyThresholdCount of target group ${t.name}${t.location?.file ? ` in ${t.location.file}` : ""}`,
        `${interval.value} s × ${threshold.value}: the load balancer keeps sending to a lost instance until that many checks in a row fail`,
      );
    }
  }
  return worst!;
}

/** A replacement's way to serving: the launch (assumed), then the group's health check grace period (read, when the data gives it). */
function replacementTerms(run: SimulationRun, r: Resource, g: AutoScalingGroup): Piece[] {
  const grace = g.healthCheckGracePeriod;
  const gracePiece: Piece =
    grace === undefined
      ? { unknown: `the health check grace period of ${r.id} is not read from this source (how long a new instance takes to serve)` }
      : !grace.known
        ? { unknown: `the health check grace period of ${r.id} is unknown (${grace.reason})` }
        : term(
            "health check grace period",
            0,
            grace.value,
            "evidence",
            `HealthCheckGracePeriod of ${r.address}`,
            "the time the group gives a new instance to start serving before its health is checked: read as how long the application takes to come up",
          );
  return [run.assumed(r, "instance_launch"), gracePiece];
}

function describeChain(pieces: readonly Piece[]): string {
  const e = estimate(pieces);
  return e.bound === "estimate" ? `${e.low}–${e.high} s` : e.bound === "unknown" ? `an unknown time (${e.reason})` : "an unbounded time";
}

// ---------------------------------------------------------------------------------------------- lone instances

const EBS_KEPT = term(
  "EBS volumes",
  0,
  0,
  "aws-doc",
  "EC2 User Guide: ec2-instance-recover (a recovered instance keeps its instance ID, private IP addresses, Elastic IPs and EBS volumes; what was in memory is lost)",
  "the instance comes back with its EBS volumes; what was in memory is lost",
);

function lone(run: SimulationRun, r: Resource, inst: Ec2Instance, d: Disruption): Scenario {
  const type = inst.instanceType.known ? inst.instanceType.value : null;
  const az = inst.availabilityZone.known ? [lower(inst.availabilityZone.value)] : [];
  const base = { before: inst.id, capacityBefore: type, azs: { before: az, after: az } };
  if (d.kind === "instance" && lower(d.id) !== lower(inst.id)) return unaffected(run, r, d, 1, undefined, base);
  if (d.kind === "writer" || d.kind === "instance") {
    // Its host fails: recovered in place when compute.auto_recovery holds (one home for when recovery applies).
    const verdict = autoRecovery.check(r, true, undefined as never);
    if (verdict.status === "unknown") return cannotTell(run, r, d, `whether ${inst.id} recovers from a host failure is unknown: ${verdict.reason}`);
    if (verdict.status === "pass") {
      const how = verdict.messageId === "recoverAlarm" ? `the alarm ${String(verdict.data?.["alarm"])} recovers it` : "simplified automatic recovery is on for its type";
      return build(run, r, d, {
        ...base,
        affected: true,
        outcome: "restart",
        after: [inst.id],
        capacityAfter: type ? [type] : [],
        smaller: false,
        instancesLeft: 1,
        rto: estimate([run.assumed(r, "instance_recovery")]),
        rpo: estimate([EBS_KEPT]),
        notes: [`${inst.id} recovers in place: ${how}`],
      });
    }
    return build(run, r, d, {
      ...base,
      affected: true,
      outcome: "manual",
      capacityAfter: [],
      instancesLeft: 0,
      azs: { before: az, after: [] },
      rto: estimate([term("manual recovery: stop and start the instance", 0, null, "evidence", r.address, `${inst.id} does not recover on its own (compute.auto_recovery fails)`)]),
      rpo: estimate([EBS_KEPT]),
      manual: [`stop and start ${inst.id} (aws ec2 stop-instances --instance-ids ${inst.id}; aws ec2 start-instances --instance-ids ${inst.id}): it starts on healthy hardware with its EBS volumes`],
    });
  }
  // An AZ or its region is lost.
  if (d.kind === "az") {
    if (!inst.availabilityZone.known) return cannotTell(run, r, d, `the AZ of ${inst.id} is unknown (${inst.availabilityZone.reason})`);
    if (lower(inst.availabilityZone.value) !== d.name) return unaffected(run, r, d, 1, undefined, base);
  }
  const rpo = snapshotRpo(run, inst);
  // A volume with no snapshot cannot be restored elsewhere: its data is lost with the AZ, as for a database without backups.
  const lost = rpo.terms.some((t) => t.term.startsWith(NO_SNAPSHOT));
  return build(run, r, d, {
    ...base,
    affected: true,
    outcome: lost ? "lost" : "manual",
    capacityAfter: [],
    instancesLeft: 0,
    azs: { before: az, after: [] },
    rto: estimate([
      term("manual recovery: a new instance elsewhere", 0, null, "aws-doc", "EC2 User Guide: ec2-instance-recover (recovery moves an instance to new hardware in the same AZ; it never survives the AZ's loss)", `nothing replaces ${inst.id}: it is in no Auto Scaling group`),
    ]),
    rpo,
    manual: [`launch a replacement for ${inst.id} in ${d.kind === "az" ? "another AZ" : "another region"} from its AMI or its latest EBS snapshots, and move its addresses (Elastic IP, DNS) to it`],
  });
}

const NO_SNAPSHOT = "no snapshot of ";

/**
 * A lone instance rebuilt elsewhere loses what its EBS volumes took since their last snapshot: for each volume the newest
 * completed snapshot, the oldest of those decides; measured to the data's capture time, else to the run's time.
 */
function snapshotRpo(run: SimulationRun, inst: Ec2Instance): Estimate {
  const snapshots = run.facts.inventory.compute?.snapshots;
  if (snapshots === undefined) {
    return unknownEstimate(`no snapshot data: the RPO of ${inst.id} is the age of its last EBS snapshot (give aws ec2 describe-snapshots --owner-ids self output)`);
  }
  if (inst.volumes === undefined || !inst.volumes.known) {
    return unknownEstimate(`the EBS volumes of ${inst.id} are unknown${inst.volumes ? ` (${inst.volumes.reason})` : ""}, so which snapshots hold its data is too`);
  }
  if (inst.volumes.value.length === 0) return unknownEstimate(`${inst.id} lists no EBS volume: where its data lives is not in the data`);
  const captured = run.facts.inventory.capturedAt;
  const at = captured.known ? new Date(captured.value) : run.now;
  if (at === undefined) return unknownEstimate(`the time to measure ${inst.id}'s snapshots' age to is unknown (the data has no capture time)`);
  const when = captured.known ? `the data's capture time ${captured.value}` : `the run's time ${at.toISOString()} (the data has no capture time; a newer snapshot may exist since)`;
  const terms = [];
  for (const volume of inst.volumes.value) {
    const newest = snapshots
      .filter((s) => s.volumeId === volume && s.state === "completed")
      .sort((a, b) => (a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : 0))[0];
    if (newest === undefined) {
      terms.push(term(`${NO_SNAPSHOT}${volume}`, 0, null, "evidence", `describe-snapshots among the inputs`, `no completed snapshot of ${inst.id}'s volume ${volume}: its data cannot be restored elsewhere`));
      continue;
    }
    const age = Math.max(0, Math.round((at.getTime() - Date.parse(newest.startTime)) / 1000));
    terms.push(
      term(`since the last snapshot of ${volume}`, 0, age, "evidence", `${newest.id} (${newest.startTime})${newest.location?.file ? ` in ${newest.location.file}` : ""}`, `measured to ${when}`),
    );
  }
  // The volumes are restored side by side: the worst one decides, not their sum.
  const worst = terms.find((t) => t.high === null) ?? [...terms].sort((a, b) => (b.high ?? 0) - (a.high ?? 0))[0]!;
  return estimate([worst]);
}

// ---------------------------------------------------------------------------------------------- load balancers

const NO_DATA = term("a load balancer keeps no data", 0, 0, "default", DOC);

const normalName = (s: string): string => lower(s).replace(/\.$/, "");

/** The reverse proxies of the run's applications that forward to this load balancer's name. */
function proxiesTo(run: SimulationRun, lb: LoadBalancer): { app: string; proxy: ReverseProxyUse }[] {
  if (lb.dnsName === undefined || !lb.dnsName.known) return [];
  const name = normalName(lb.dnsName.value);
  const out: { app: string; proxy: ReverseProxyUse }[] = [];
  for (const app of run.facts.inventory.applications ?? []) {
    for (const proxy of app.proxies) if (normalName(proxy.target) === name) out.push({ app: app.id, proxy });
  }
  return out;
}

/** The resolve-once stall: a proxy that resolved the load balancer's name once keeps the lost node's address until restarted. */
function proxyPieces(run: SimulationRun, lb: LoadBalancer): { pieces: Piece[]; manual: string[]; notes: string[] } {
  const pieces: Piece[] = [];
  const manual: string[] = [];
  const notes: string[] = [];
  for (const { app, proxy } of proxiesTo(run, lb)) {
    const at = `${proxy.at.file}:${proxy.at.line}`;
    if (proxy.reResolves === true) {
      notes.push(`${app}: ${proxy.server} at ${at} re-resolves ${proxy.target} (${proxy.why})`);
      continue;
    }
    if (proxy.reResolves === null) {
      pieces.push({ unknown: `whether ${app}'s ${proxy.server} at ${at} re-resolves ${proxy.target} is unknown (${proxy.why})` });
      continue;
    }
    pieces.push(
      term(
        `${proxy.server} resolved ${lb.id}'s name once`,
        0,
        null,
        "evidence",
        `${app} ${at}`,
        `${proxy.why}: it keeps sending part of its requests to the lost node's address until it is restarted, and each such request ` +
          "hangs until its connect timeout (seen as 14 s stalls behind Apache httpd: a field report, not an AWS figure and not measured by haspec)",
      ),
    );
    manual.push(`reload ${app}'s ${proxy.server} (${at}) so it resolves ${proxy.target} again, and make it re-resolve for good (clients.proxies_re_resolve says how)`);
  }
  return { pieces, manual, notes };
}

function loadBalancer(run: SimulationRun, r: Resource, lb: LoadBalancer, d: Disruption): Scenario {
  if (d.kind === "writer" || d.kind === "instance") return unaffected(run, r, d, null, d.kind === "writer" ? `a writer failure is a database disruption: ${r.id} is a load balancer` : undefined);
  if (!lb.availabilityZones.known) return cannotTell(run, r, d, `the AZs ${r.id} is enabled in are unknown (${lb.availabilityZones.reason})`);
  const before = [...new Set(lb.availabilityZones.value.map(lower))].sort();
  const after = d.kind === "region" ? [] : before.filter((az) => az !== d.name);
  const azs = { before, after };
  if (after.length === before.length) return unaffected(run, r, d, null, undefined, { azs });
  const proxies = proxyPieces(run, lb);
  const classic = lb.type.known && lb.type.value === "classic";
  if (after.length === 0) {
    const what = d.kind === "region" ? `its region ${d.name}` : `its only AZ ${d.name}`;
    return build(run, r, d, {
      affected: true,
      outcome: "manual",
      instancesLeft: null,
      azs,
      rto: estimate([term("manual recovery: enable another AZ", 0, null, "evidence", `AvailabilityZones of ${r.address}`, `${r.id} has nodes only in ${what}: no request reaches any target until someone acts`)]),
      rpo: estimate([NO_DATA]),
      manual: [
        d.kind === "region"
          ? `create a load balancer for the application in another region and point clients at it`
          : classic
            ? `enable another AZ on ${r.id} (aws elb enable-availability-zones-for-load-balancer --load-balancer-name ${r.id} --availability-zones <another AZ>)`
            : `enable another AZ on ${r.id} (aws elbv2 set-subnets --load-balancer-arn ${r.address} --subnets <subnets in two or more AZs>)`,
      ],
    });
  }
  return build(run, r, d, {
    affected: true,
    outcome: "failover",
    instancesLeft: null,
    azs,
    rto: estimate([run.assumed(r, "lb_dns_failover"), ...proxies.pieces]),
    rpo: estimate([NO_DATA]),
    manual: proxies.manual,
    notes: [
      `${r.id}'s nodes in ${after.join(", ")} keep answering; clients that hold the lost node's address retry or wait until they resolve again`,
      ...(lb.dnsName === undefined || !lb.dnsName.known ? [`${r.id}'s DNS name is not in the data: reverse proxies that forward to it cannot be found`] : []),
      ...proxies.notes,
    ],
  });
}

