// One resource under one disruption: what fails, who takes over (Aurora's order, ties listed), what a person must do, and the RTO and RPO chains.
import type { Facts, TopologyFacts } from "../facts/index.js";
import { memberName } from "../facts/global.js";
import { compareClassSize } from "../facts/instance-class.js";
import { compareEngineVersions } from "../facts/engine-version.js";
import { failoverTargets } from "../facts/failover.js";
import { isAuroraMysql } from "../rules/lib/engines.js";
import type { Instance, Resource } from "../model/resource.js";
import type { AssumptionSet } from "./assumptions.js";
import { assumedTerms, clientChain, type AssumedTerm, type Recovery } from "./clients.js";
import { simulateCompute } from "./compute.js";
import { formatDisruption } from "./disruption.js";
import { docTerm, estimate, term, unknownEstimate, ZERO, type Piece } from "./estimate.js";
import { FIGURES, NO_SINGLE_AZ_RECOVERY_FIGURE } from "./figures.js";
import { azInRegion } from "./place.js";
import type { Disruption, Estimate, Outcome, Scenario } from "./types.js";

type Storage = NonNullable<Scenario["storage"]>;

const STORAGE_AZ_NOTE =
  "Aurora keeps 6 copies of the cluster volume, 2 in each of 3 AZs of the region (4 needed to write, 3 to read); which 3 AZs is not in the data " +
  "(it is not the instances' AZs), so the lost AZ is taken to hold 2 of them, the worst case";

/** Everything a scenario says besides its header. */
interface Body {
  affected: boolean;
  outcome: Outcome;
  after: readonly string[];
  capacityAfter: readonly string[];
  smaller?: boolean;
  instancesLeft: number | null;
  readersLeft: number | null;
  storage?: Storage;
  rto: Estimate;
  rpo: Estimate;
  manual: readonly string[];
  notes: readonly string[];
}

/** What one simulation needs at hand. */
interface Context {
  readonly resource: Resource;
  readonly disruption: Disruption;
  readonly facts: Facts;
  readonly assumptions: AssumptionSet;
  readonly run: SimulationRun;
}

/** Terms that do not depend on the resource, built once. */
const TERMS = {
  auroraPromotion: docTerm(FIGURES.auroraFailover),
  multiAzClusterPromotion: docTerm(FIGURES.multiAzClusterFailover),
  multiAzInstanceFailover: docTerm(FIGURES.multiAzInstanceFailover),
  auroraRecreate: docTerm(FIGURES.auroraRecreate),
  auroraManualAz: docTerm(FIGURES.auroraManualAz),
  auroraCommitted: docTerm(FIGURES.auroraStorage),
  multiAzClusterCommitted: docTerm(FIGURES.multiAzClusterRpo),
  multiAzInstanceCommitted: docTerm(FIGURES.multiAzInstanceRpo),
  instanceCommitted: docTerm(FIGURES.instanceStorage),
  pitr: docTerm(FIGURES.instancePitr),
  globalFailover: docTerm(FIGURES.globalFailover),
  globalLag: docTerm(FIGURES.globalLag),
  instanceRestore: docTerm(FIGURES.instanceRestore),
};

/**
 * One run over a fleet: the facts, the assumptions, and what repeats across a resource's scenarios
 * (its header, the client terms that rest on the run's assumptions), kept for the run's life.
 */
export class SimulationRun {
  readonly #resources = new Map<Resource, Scenario["resource"]>();
  readonly assumed: AssumedTerm;

  constructor(
    readonly facts: Facts,
    readonly assumptions: AssumptionSet,
    /** When the run happens: the application tier's recovery points (snapshot ages) are measured to it when the data has no capture time. */
    readonly now?: Date,
  ) {
    this.assumed = assumedTerms(assumptions);
  }

  simulate(resource: Resource, disruption: Disruption): Scenario {
    if (resource.compute) return simulateCompute(this, resource, disruption);
    return simulateIn({ resource, disruption, facts: this.facts, assumptions: this.assumptions, run: this });
  }

  /** The scenario's `resource` object, shared by the resource's scenarios. */
  resourceOf(r: Resource): Scenario["resource"] {
    let out = this.#resources.get(r);
    if (out === undefined) {
      out = {
        id: r.id,
        kind: r.kind,
        engine: r.engine,
        region: r.region.known ? r.region.value : null,
        account: r.account.known ? r.account.value : null,
        address: r.address,
      };
      this.#resources.set(r, out);
    }
    return out;
  }
}

function header(ctx: Pick<Context, "resource" | "run">, d: Disruption): Pick<Scenario, "disruption" | "resource"> {
  return { disruption: formatDisruption(d), resource: ctx.run.resourceOf(ctx.resource) };
}

/** The scenario, its fields in SPEC §6.2's order (the JSON report prints them so). */
function build(ctx: Context, writer: Instance | null, body: Body): Scenario {
  const before = writer?.instanceClass.known ? writer.instanceClass.value : null;
  const notes = body.notes.length <= 1 ? body.notes : [...new Set(body.notes)];
  return {
    ...header(ctx, ctx.disruption),
    affected: body.affected,
    outcome: body.outcome,
    writer: { before: writer?.id ?? null, after: body.after },
    capacity: body.smaller === undefined ? { before, after: body.capacityAfter } : { before, after: body.capacityAfter, smaller: body.smaller },
    instancesLeft: body.instancesLeft,
    readersLeft: body.readersLeft,
    ...(body.storage === undefined ? {} : { storage: body.storage }),
    rto: body.rto,
    rpo: body.rpo,
    manual: body.manual,
    ...(notes.length === 0 ? {} : { notes }),
  };
}

/**
 * A scenario the data could not even name (`az:?` when the writer's AZ is unknown): reported so the
 * gap shows, with both estimates unknown.
 */
export function undetermined(run: SimulationRun, resource: Resource, disruption: string, reason: string): Scenario {
  return {
    ...header({ resource, run }, { kind: "writer" }),
    disruption,
    affected: true,
    outcome: "unknown",
    writer: { before: null, after: [] },
    capacity: { before: null, after: [] },
    instancesLeft: null,
    readersLeft: null,
    rto: unknownEstimate(reason),
    rpo: unknownEstimate(reason),
    manual: [],
  };
}

/** The data cannot tell what happens: both estimates unknown with the reason. */
function cannotTell(ctx: Context, reason: string, writer: Instance | null = null): Scenario {
  return build(ctx, writer, {
    affected: true,
    outcome: "unknown",
    after: [],
    capacityAfter: [],
    instancesLeft: null,
    readersLeft: null,
    rto: unknownEstimate(reason),
    rpo: unknownEstimate(reason),
    manual: [],
    notes: [],
  });
}

const FULL_STORAGE: Storage = { copiesLeft: 6, writable: true, readable: true };
const AZ_LOST_STORAGE: Storage = { copiesLeft: 4, writable: true, readable: true };
const NO_STORAGE: Storage = { copiesLeft: 0, writable: false, readable: false };

/** Aurora storage after the disruption (undefined for other kinds), and the note saying what was assumed. */
function storageAfter(ctx: Context, regionHit: boolean): { storage?: Storage; notes: string[] } {
  if (ctx.resource.kind !== "aurora-cluster") return { notes: [] };
  const d = ctx.disruption;
  if (d.kind === "region") return { storage: regionHit ? NO_STORAGE : FULL_STORAGE, notes: [] };
  if (d.kind === "az" && regionHit) return { storage: AZ_LOST_STORAGE, notes: [STORAGE_AZ_NOTE] };
  return { storage: FULL_STORAGE, notes: [] };
}

/** Simulates `disruption` on `resource`: the scenario with its outcome and its RTO and RPO chains. */
export function simulateResource(resource: Resource, disruption: Disruption, facts: Facts, assumptions: AssumptionSet): Scenario {
  return new SimulationRun(facts, assumptions).simulate(resource, disruption);
}

function simulateIn(ctx: Context): Scenario {
  const { resource, disruption, facts } = ctx;

  // Is the resource in the lost place at all?
  let regionHit = true;
  if (disruption.kind === "region") {
    if (!resource.region.known) return cannotTell(ctx, `whether ${resource.id} runs in ${disruption.name} is unknown: its region is unknown (${resource.region.reason})`);
    regionHit = resource.region.value.toLowerCase() === disruption.name;
  } else if (disruption.kind === "az") {
    const inRegion = azInRegion(disruption.name, resource);
    if (inRegion === "maybe") return cannotTell(ctx, `whether ${disruption.name} is in ${resource.id}'s region is unknown: its region and its instances' AZs are unknown`);
    regionHit = inRegion === "yes";
  }

  const secondary = globalSecondary(ctx);
  if (secondary) return secondary;

  const topologies = facts.of(resource).topologies;
  if (!regionHit) return unaffected(ctx, null, topologies.known && topologies.value.length === 1 ? topologies.value[0]! : null);
  if (!topologies.known) return cannotTell(ctx, `${resource.id}'s instances are unknown: ${topologies.reason}`);
  if (topologies.value.length > 1) {
    return cannotTell(ctx, `which instance of ${resource.id} writes is unknown: any of ${topologies.value.map((t) => t.writer?.id).join(", ")}`);
  }
  const t = topologies.value[0]!;
  const writer = t.writer;
  if (writer === null) return cannotTell(ctx, `${resource.id} has no instances in the data`);
  const members = [writer, ...t.readers];

  // Which instances the disruption takes.
  let lost: Instance[];
  switch (disruption.kind) {
    case "writer":
      lost = [writer];
      break;
    case "instance": {
      const hit = members.find((i) => i.id.toLowerCase() === disruption.id.toLowerCase());
      if (!hit) return unaffected(ctx, `${resource.id} has no instance ${disruption.id}`, t);
      lost = [hit];
      break;
    }
    case "az": {
      const unknownAz = members.filter((i) => !i.availabilityZone.known);
      if (unknownAz.length > 0) {
        return cannotTell(
          ctx,
          `which instances of ${resource.id} run in ${disruption.name} is unknown: ${unknownAz.map((i) => `${i.id}: ${i.availabilityZone.known ? "" : i.availabilityZone.reason}`).join("; ")}`,
          writer,
        );
      }
      lost = members.filter((i) => i.availabilityZone.known && i.availabilityZone.value.toLowerCase() === disruption.name);
      break;
    }
    case "region":
      lost = members;
      break;
  }

  const { storage, notes: storageNotes } = storageAfter(ctx, regionHit);
  const lostSet = new Set(lost);
  const survivors = t.readers.filter((r) => !lostSet.has(r));
  const instancesLeft = members.length - lost.length;

  if (!lostSet.has(writer)) {
    return build(ctx, writer, {
      affected: lost.length > 0,
      outcome: "none",
      after: [],
      capacityAfter: [],
      instancesLeft,
      readersLeft: survivors.length,
      ...(storage === undefined ? {} : { storage }),
      rto: ZERO,
      rpo: ZERO,
      manual: [],
      notes: [
        ...(lost.length > 0 ? [`the writer ${writer.id} keeps running; lost: ${lost.map((i) => i.id).join(", ")}`] : []),
        ...storageNotes,
      ],
    });
  }

  const common = { instancesLeft, storage, storageNotes, survivors, lost: lostSet, t };
  if (disruption.kind === "region") return regionLoss(ctx, writer, common);
  if (survivors.length > 0) return failover(ctx, writer, common);
  if (resource.kind === "aurora-cluster") return disruption.kind === "az" ? auroraManualAz(ctx, writer, common) : auroraRecreate(ctx, writer, common);
  if (resource.kind === "instance" && disruption.kind !== "az") return restartInPlace(ctx, writer, common);
  if (resource.kind === "multi-az-cluster" && disruption.kind !== "az") {
    return cannotTell(ctx, `the data shows no reader of the Multi-AZ DB cluster ${resource.id} (it has two), so what its writer's failure leads to cannot be told`, writer);
  }
  return dataInLostAz(ctx, writer, common);
}

interface Common {
  readonly instancesLeft: number;
  readonly storage: Storage | undefined;
  readonly storageNotes: readonly string[];
  readonly survivors: readonly Instance[];
  readonly lost: ReadonlySet<Instance>;
  readonly t: TopologyFacts;
}

function leftBehind(c: Common, writer: Instance): Set<string> {
  return new Set([writer.id, ...[...c.lost].map((i) => i.id)]);
}

/** The disruption misses the resource (another AZ or region, an instance it does not have). */
function unaffected(ctx: Context, note: string | null, t: TopologyFacts | null): Scenario {
  const members = t?.writer ? 1 + t.readers.length : null;
  const { storage, notes } = storageAfter(ctx, false);
  return build(ctx, t?.writer ?? null, {
    affected: false,
    outcome: "none",
    after: [],
    capacityAfter: [],
    instancesLeft: members,
    readersLeft: t?.writer ? t.readers.length : null,
    ...(storage === undefined ? {} : { storage }),
    rto: ZERO,
    rpo: ZERO,
    manual: [],
    notes: [...(note ? [note] : []), ...notes],
  });
}

/** An Aurora Global Database secondary cluster has no writer: writes go to the primary, elsewhere. */
function globalSecondary(ctx: Context): Scenario | null {
  const r = ctx.resource;
  if (r.kind !== "aurora-cluster" || !r.instances.known || r.instances.value.some((i) => !i.isWriter.known || i.isWriter.value)) return null;
  const m = ctx.facts.globalMembershipOf(r);
  if (!m.known || m.value === null || m.value.primary) return null;
  const instances = r.instances.value;
  const d = ctx.disruption;
  const lost =
    d.kind === "region"
      ? r.region.known && r.region.value.toLowerCase() === d.name
        ? instances
        : []
      : d.kind === "az"
        ? instances.filter((i) => i.availabilityZone.known && i.availabilityZone.value.toLowerCase() === d.name)
        : d.kind === "instance"
          ? instances.filter((i) => i.id.toLowerCase() === d.id.toLowerCase())
          : [];
  const primary = m.value.others.find((o) => o.isWriter.known && o.isWriter.value);
  const { storage, notes } = storageAfter(ctx, lost.length > 0 || d.kind === "az");
  return build(ctx, null, {
    affected: lost.length > 0,
    outcome: "none",
    after: [],
    capacityAfter: [],
    instancesLeft: instances.length - lost.length,
    readersLeft: instances.length - lost.length,
    ...(storage === undefined ? {} : { storage }),
    rto: ZERO,
    rpo: ZERO,
    manual: [],
    notes: [
      `${r.id} is a secondary cluster of Aurora Global Database ${m.value.global.id}: it has no writer (writes go to ${primary ? memberName(primary) : "the primary cluster"})` +
        (lost.length > 0 ? `; its readers ${lost.map((i) => i.id).join(", ")} are lost` : ""),
      ...(lost.length > 0 ? notes : []),
    ],
  });
}

/** Classes of the promoted instances, and whether one is smaller than the writer's. */
function capacity(ctx: Context, writer: Instance, promoted: readonly Instance[]): { after: string[]; smaller?: boolean; notes: string[] } {
  const after = [...new Set(promoted.flatMap((i) => (i.instanceClass.known ? [i.instanceClass.value] : [])))];
  const notes: string[] = [];
  for (const i of promoted) if (!i.instanceClass.known) notes.push(`the class of ${i.id} is unknown: ${i.instanceClass.reason}`);
  if (!writer.instanceClass.known) return { after, notes };
  const before = writer.instanceClass.value;
  let smaller: boolean | undefined = false;
  for (const i of promoted) {
    if (!i.instanceClass.known) {
      smaller = smaller === true ? true : undefined;
      continue;
    }
    const cmp = compareClassSize(i.instanceClass.value, before, ctx.facts.parse.instanceClass);
    if (!cmp.known) {
      notes.push(`whether ${i.id} (${i.instanceClass.value}) is smaller than the writer (${before}) cannot be told: ${cmp.reason}`);
      if (smaller !== true) smaller = undefined;
    } else if (cmp.value < 0) {
      smaller = true;
      notes.push(`${i.id} (${i.instanceClass.value}) is smaller than the writer ${writer.id} (${before}): after the failover the database has less capacity`);
    }
  }
  return smaller === undefined ? { after, notes } : { after, smaller, notes };
}

/** Which readers restart during an Aurora failover (Aurora MySQL 2.10+: only the writer and the target). */
function restartNote(ctx: Context): string | null {
  const r = ctx.resource;
  if (r.kind !== "aurora-cluster" || !isAuroraMysql(r.engine)) return null;
  const source = "(Aurora User Guide: Concepts.AuroraHighAvailability)";
  const v = ctx.facts.of(r).engineVersion;
  if (!v.known) return `whether the other readers restart during the failover depends on the Aurora MySQL version (2.10 and higher restart only the writer and the target), which is unknown: ${v.reason} ${source}`;
  const newer = r.engine.toLowerCase() !== "aurora" && compareEngineVersions(v.value, { numbers: [2, 10], suffix: "", text: "2.10" }) >= 0;
  return newer
    ? `Aurora MySQL ${v.value.text} restarts only the writer and the failover target; the other readers stay available through the reader endpoint ${source}`
    : `Aurora MySQL ${v.value.text} (before 2.10) restarts every instance of the cluster during a failover, readers included ${source}`;
}

/** A reader or standby takes over. */
function failover(ctx: Context, writer: Instance, c: Common): Scenario {
  const r = ctx.resource;
  // The same choice the failover.* rules judge, on the readers that survive the disruption.
  const chosen =
    c.survivors.length === c.t.readers.length ? c.t.failover : failoverTargets(r, c.survivors, ctx.facts.parse.instanceClass);
  const promoted = chosen.possible.length > 0 ? chosen.possible : c.survivors;
  const notes: string[] = [...c.storageNotes];
  if (chosen.uncertainty.length > 0) {
    notes.push(`which reader Aurora promotes depends on unknown values, so every possible one is listed: ${chosen.uncertainty.join("; ")}`);
  } else if (promoted.length > 1) {
    notes.push(
      r.kind === "aurora-cluster"
        ? `${promoted.map((i) => i.id).join(", ")} tie (same promotion tier and size): Aurora promotes an arbitrary one of them`
        : `any of ${promoted.map((i) => i.id).join(", ")} may be promoted: a Multi-AZ DB cluster has no promotion tiers`,
    );
  }
  if (r.kind === "aurora-cluster") {
    for (const i of promoted) {
      if (i.promotionTier.known && i.promotionTier.value === 15) notes.push(`${i.id} is in promotion tier 15, the last: it is promoted because no reader in a better tier is left`);
      if (i.promotionTier.known && i.promotionTier.value >= 2 && i.instanceClass.known && i.instanceClass.value.toLowerCase() === "db.serverless") {
        notes.push(`${i.id} is a Serverless v2 reader in tier ${i.promotionTier.value}: readers in tiers 2–15 scale independently of the writer and may be at low capacity when promoted (Aurora User Guide: aurora-serverless-v2)`);
      }
    }
  }
  const restart = restartNote(ctx);
  if (restart) notes.push(restart);
  const cap = capacity(ctx, writer, promoted);
  notes.push(...cap.notes);

  const promotion =
    r.kind === "aurora-cluster"
      ? TERMS.auroraPromotion
      : r.kind === "multi-az-cluster"
        ? TERMS.multiAzClusterPromotion
        : TERMS.multiAzInstanceFailover;
  if (r.kind === "instance") {
    notes.push(
      `the standby of ${writer.id} in ${promoted.map((i) => (i.availabilityZone.known ? i.availabilityZone.value : "its secondary AZ")).join(", ")} takes over under the same identifier and endpoint`,
      "RDS documents no DNS update time for an instance endpoint: the Aurora endpoint figures are used (RDS-EVENT-0015 says DNS propagation may take a few minutes)",
    );
  }
  const recovery: Recovery = {
    leftBehind: leftBehind(c, writer),
    oldWriterAnswers: r.kind !== "instance" && (ctx.disruption.kind === "writer" || ctx.disruption.kind === "instance"),
  };
  const clients = clientChain(r, ctx.facts, ctx.run.assumed, recovery);
  notes.push(...clients.notes);
  const committed = r.kind === "aurora-cluster" ? TERMS.auroraCommitted : r.kind === "multi-az-cluster" ? TERMS.multiAzClusterCommitted : TERMS.multiAzInstanceCommitted;
  return build(ctx, writer, {
    affected: true,
    outcome: "failover",
    // A Multi-AZ DB instance's standby is promoted under the instance's own identifier.
    after: r.kind === "instance" ? [writer.id] : promoted.map((i) => i.id),
    capacityAfter: cap.after,
    ...(cap.smaller === undefined ? {} : { smaller: cap.smaller }),
    instancesLeft: c.instancesLeft,
    readersLeft: c.survivors.length - 1,
    ...(c.storage === undefined ? {} : { storage: c.storage }),
    rto: estimate([promotion, ...clients.pieces]),
    rpo: estimate([committed]),
    manual: clients.manual,
    notes,
  });
}

/** Aurora with no reader left: AWS recreates the writer in the same AZ. */
function auroraRecreate(ctx: Context, writer: Instance, c: Common): Scenario {
  const clients = clientChain(ctx.resource, ctx.facts, ctx.run.assumed, { leftBehind: new Set(), oldWriterAnswers: false });
  return build(ctx, writer, {
    affected: true,
    outcome: "recreate",
    after: [writer.id],
    capacityAfter: writer.instanceClass.known ? [writer.instanceClass.value] : [],
    smaller: false,
    instancesLeft: c.instancesLeft,
    readersLeft: 0,
    ...(c.storage === undefined ? {} : { storage: c.storage }),
    rto: estimate([TERMS.auroraRecreate, ...clients.pieces]),
    rpo: estimate([TERMS.auroraCommitted]),
    manual: clients.manual,
    notes: [`${ctx.resource.id} has no reader to promote: Aurora recreates ${writer.id} in the same AZ`, ...clients.notes],
  });
}

/** Aurora with no instance outside the lost AZ: the volume survives, but only a person can start a new writer. */
function auroraManualAz(ctx: Context, writer: Instance, c: Common): Scenario {
  const r = ctx.resource;
  const az = ctx.disruption.kind === "az" ? ctx.disruption.name : "";
  const cls = writer.instanceClass.known ? writer.instanceClass.value : "<class>";
  const why = c.t.readers.length === 0 ? `${r.id} has no reader` : `every reader of ${r.id} (${c.t.readers.map((i) => i.id).join(", ")}) is in ${az} too`;
  return build(ctx, writer, {
    affected: true,
    outcome: "manual",
    after: [],
    capacityAfter: [],
    instancesLeft: c.instancesLeft,
    readersLeft: 0,
    ...(c.storage === undefined ? {} : { storage: c.storage }),
    rto: estimate([TERMS.auroraManualAz]),
    rpo: estimate([docTerm(FIGURES.auroraStorage, `${FIGURES.auroraStorage.note}; 4 of the 6 copies survive the loss of ${az}`)]),
    manual: [
      `create a DB instance in ${r.id} in an AZ other than ${az} (aws rds create-db-instance --db-cluster-identifier ${r.id} --db-instance-identifier ${r.id}-recovery --engine ${r.engine} --db-instance-class ${cls} --availability-zone <another AZ>); Aurora makes it the writer`,
    ],
    notes: [`${why}: Aurora does not move the writer to another AZ by itself`, ...c.storageNotes],
  });
}

/** A Single-AZ instance's host fails: RDS brings the same instance back in the same AZ. */
function restartInPlace(ctx: Context, writer: Instance, c: Common): Scenario {
  const clients = clientChain(ctx.resource, ctx.facts, ctx.run.assumed, { leftBehind: new Set(), oldWriterAnswers: false });
  const pieces: Piece[] = [{ unknown: NO_SINGLE_AZ_RECOVERY_FIGURE }, ...clients.pieces];
  return build(ctx, writer, {
    affected: true,
    outcome: "restart",
    after: [writer.id],
    capacityAfter: writer.instanceClass.known ? [writer.instanceClass.value] : [],
    smaller: false,
    instancesLeft: c.instancesLeft,
    readersLeft: 0,
    rto: estimate(pieces),
    rpo: estimate([TERMS.instanceCommitted]),
    manual: clients.manual,
    notes: [`${ctx.resource.id} is a Single-AZ DB instance: it has no standby to fail over to`, ...clients.notes],
  });
}

/** A Single-AZ instance (or a Multi-AZ DB cluster with nothing left) in a lost AZ: its storage is there too; only a backup brings the data back. */
function dataInLostAz(ctx: Context, writer: Instance, c: Common): Scenario {
  const r = ctx.resource;
  const az = ctx.disruption.kind === "az" ? ctx.disruption.name : "its AZ";
  const retention = r.backupRetentionDays;
  const restore = TERMS.instanceRestore;
  const base = {
    affected: true,
    after: [] as string[],
    capacityAfter: [] as string[],
    instancesLeft: c.instancesLeft,
    readersLeft: 0,
    rto: estimate([restore]),
  };
  const what = r.kind === "instance" ? "DB instance" : "DB cluster";
  if (!retention.known) {
    return build(ctx, writer, {
      ...base,
      outcome: "manual",
      rpo: unknownEstimate(`whether ${r.id} has automated backups is unknown (${retention.reason}): without them the data in ${az} is lost`),
      manual: [`restore ${r.id} in another AZ from a backup, if there is one`],
      notes: [],
    });
  }
  if (retention.value === 0) {
    return build(ctx, writer, {
      ...base,
      outcome: "lost",
      rpo: estimate([
        term("no automated backups", 0, null, "evidence", `BackupRetentionPeriod = 0 on ${r.address}`, `${r.id} keeps no automated backups: what was stored in ${az} cannot be restored`),
      ]),
      manual: [`create ${r.id} again in another AZ and reload its data from wherever you keep a copy: with backup retention 0, RDS holds none`],
      notes: [],
    });
  }
  const restoreCmd =
    r.kind === "instance"
      ? `aws rds restore-db-instance-to-point-in-time --source-db-instance-identifier ${r.id} --target-db-instance-identifier ${r.id}-restored --use-latest-restorable-time --availability-zone <another AZ>`
      : `aws rds restore-db-cluster-to-point-in-time --source-db-cluster-identifier ${r.id} --db-cluster-identifier ${r.id}-restored --use-latest-restorable-time`;
  return build(ctx, writer, {
    ...base,
    outcome: "manual",
    rpo: estimate([TERMS.pitr]),
    manual: [`restore ${r.id} to its latest restorable time in another AZ (${restoreCmd}), then point the clients at the new ${what}'s endpoint`],
    notes: [`${r.id} keeps automated backups for ${retention.value} day${retention.value === 1 ? "" : "s"}: they are stored in the region, outside the lost AZ`],
  });
}

/** The whole region is lost: an Aurora Global Database primary fails over to a secondary; anything else waits for a person. */
function regionLoss(ctx: Context, writer: Instance, c: Common): Scenario {
  const r = ctx.resource;
  const base = {
    affected: true,
    instancesLeft: 0,
    readersLeft: 0,
    ...(c.storage === undefined ? {} : { storage: c.storage }),
  };
  if (r.kind === "aurora-cluster") {
    const m = ctx.facts.globalMembershipOf(r);
    if (!m.known) {
      return cannotTell(ctx, `whether ${r.id} is an Aurora Global Database primary with a secondary in another region is unknown: ${m.reason}`, writer);
    }
    if (m.value?.primary && m.value.secondaries.length > 0) {
      const g = m.value.global;
      const targets = m.value.secondaries.map(memberName);
      const clients = clientChain(r, ctx.facts, ctx.run.assumed, { leftBehind: leftBehind(c, writer), oldWriterAnswers: false, regionLost: true });
      return build(ctx, writer, {
        ...base,
        outcome: "failover",
        after: targets,
        capacityAfter: [],
        rto: estimate([TERMS.globalFailover, ...clients.pieces]),
        rpo: estimate([TERMS.globalLag]),
        manual: [
          `start the failover of global database ${g.id} to ${targets.length === 1 ? targets[0] : `one of ${targets.join(", ")}`} (aws rds failover-global-cluster --global-cluster-identifier ${g.id} --target-db-cluster-identifier ${m.value.secondaries.length === 1 ? m.value.secondaries[0]!.cluster : "<secondary cluster ARN>"} --allow-data-loss), unless your automation does`,
          ...clients.manual,
        ],
        notes: [
          `${r.id} is the primary of Aurora Global Database ${g.id}; secondar${targets.length === 1 ? "y" : "ies"}: ${targets.join(", ")} (writer.after names the secondary cluster${targets.length === 1 ? "" : "s"})`,
          `clients that use ${r.id}'s regional endpoints must move to the new primary's endpoints; the global database's writer endpoint follows the failover by itself`,
          ...clients.notes,
        ],
      });
    }
    const why =
      m.value === null
        ? `${r.id} is not an Aurora Global Database member: no copy of it runs in another region`
        : m.value.primary
          ? `${r.id} is the primary of Aurora Global Database ${m.value.global.id}, which has no secondary`
          : `${r.id} is a member of Aurora Global Database ${m.value.global.id}`;
    return regionManual(ctx, writer, base, why);
  }
  return regionManual(ctx, writer, base, `nothing in the data runs ${r.id} in another region`);
}

function regionManual(ctx: Context, writer: Instance, base: Pick<Body, "affected" | "instancesLeft" | "readersLeft" | "storage">, why: string): Scenario {
  const r = ctx.resource;
  const region = ctx.disruption.kind === "region" ? ctx.disruption.name : "";
  return build(ctx, writer, {
    ...base,
    outcome: "manual",
    after: [],
    capacityAfter: [],
    rto: estimate([
      term("manual recovery in another region", 0, null, "evidence", r.address, `${why}; recovery waits for ${region} to return or for a person to build the database elsewhere`),
    ]),
    rpo: estimate([
      term(
        "data in the lost region",
        0,
        null,
        "evidence",
        r.address,
        `${r.id}'s storage and automated backups are in ${region}; cross-Region snapshot copies and backup replication are not read, so no copy elsewhere is known`,
      ),
    ]),
    manual: [`restore ${r.id} in another region from a cross-Region copy (snapshot copy or replicated automated backups), or wait for ${region} to return`],
    notes: [why],
  });
}
