// Whom a failover promotes: Aurora's choice (lowest tier, then largest class, ties listed), with unknowns kept as possibilities, not guesses.
import type { Instance, Resource } from "../model/resource.js";
import { known, unknown, type Value } from "../model/value.js";
import { compareClassSize, parseInstanceClass, type ClassParser } from "./instance-class.js";

const LOWEST_PRIORITY_TIER = 15;

/**
 * The failover target(s) of one topology. Aurora promotes the lowest promotion tier, then the
 * largest class, then an arbitrary one of the tied readers; a Multi-AZ DB cluster has no tiers, so
 * any reader may be promoted; a Multi-AZ DB instance promotes its standby.
 */
export interface FailoverTargets {
  /** Readers that are the target (or tied for it) whatever the unknown tiers and classes turn out to be. */
  readonly certain: readonly Instance[];
  /** Readers that are the target (or tied for it) for at least one reading of the unknown values; includes `certain`. */
  readonly possible: readonly Instance[];
  /** Unknown values that make `possible` larger than `certain`, as "<reader>: <reason>". */
  readonly uncertainty: readonly string[];
  /** The readers the choice was made among. */
  readonly readers: readonly Instance[];
}

/** Whether `o` outranks `r` in Aurora's choice for at least one reading of the unknown values. */
function canOutrank(o: Instance, r: Instance, parse: ClassParser): boolean {
  const to = o.promotionTier;
  const tr = r.promotionTier;
  const lowerTierPossible =
    to.known && tr.known ? to.value < tr.value : to.known ? to.value < LOWEST_PRIORITY_TIER : tr.known ? tr.value > 0 : true;
  const sameTierPossible = !(to.known && tr.known && to.value !== tr.value);
  return lowerTierPossible || (sameTierPossible && largerPossible(o, r, parse));
}

/** Whether `o`'s class can be larger than `r`'s (unknown classes and Serverless v2 against provisioned can). */
function largerPossible(o: Instance, r: Instance, parse: ClassParser): boolean {
  const cmp = sizeComparison(o, r, parse);
  return !cmp.known || cmp.value > 0;
}

function sizeComparison(a: Instance, b: Instance, parse: ClassParser): Value<number> {
  if (!a.instanceClass.known) return a.instanceClass;
  if (!b.instanceClass.known) return b.instanceClass;
  return compareClassSize(a.instanceClass.value, b.instanceClass.value, parse);
}

/**
 * Whether some reading of the unknown values leaves no reader outranking `r`. An unknown tier of
 * `r` is best read as 0; other readers with unknown tiers can then sit below it in priority,
 * except when `r` is known to be in the last tier, where they can at best tie.
 */
function canBeTarget(r: Instance, readers: readonly Instance[], parse: ClassParser): boolean {
  const tr = r.promotionTier.known ? r.promotionTier.value : 0;
  return readers.every((o) => {
    if (o === r) return true;
    if (o.promotionTier.known) {
      if (o.promotionTier.value < tr) return false;
      if (o.promotionTier.value > tr) return true;
      return !knownLarger(o, r, parse);
    }
    return tr < LOWEST_PRIORITY_TIER || !knownLarger(o, r, parse);
  });
}

function knownLarger(o: Instance, r: Instance, parse: ClassParser): boolean {
  const cmp = sizeComparison(o, r, parse);
  return cmp.known && cmp.value > 0;
}

/** The reader(s) a failover of `resource` would promote, given the readers of one topology (or any subset of them). */
export function failoverTargets(resource: Resource, readers: readonly Instance[], parse: ClassParser = parseInstanceClass): FailoverTargets {
  if (resource.kind !== "aurora-cluster") {
    return { certain: readers, possible: readers, uncertainty: [], readers };
  }
  const certain = readers.filter((r) => readers.every((o) => o === r || !canOutrank(o, r, parse)));
  const possible = readers.filter((r) => canBeTarget(r, readers, parse));
  const uncertainty: string[] = [];
  if (possible.length > certain.length) {
    for (const r of readers) {
      if (!r.promotionTier.known) uncertainty.push(`${r.id}: ${r.promotionTier.reason}`);
      if (!r.instanceClass.known) uncertainty.push(`${r.id}: ${r.instanceClass.reason}`);
    }
    const classes = possible.flatMap((r) => (r.instanceClass.known ? [r.instanceClass.value] : []));
    if (classes.some((c) => c.toLowerCase() === "db.serverless") && classes.some((c) => c.toLowerCase() !== "db.serverless")) {
      uncertainty.push("Serverless v2 and provisioned classes cannot be compared by size");
    }
  }
  return { certain, possible, uncertainty, readers };
}

/**
 * The readers in the order a chain of failovers would promote them, tied readers grouped: Aurora's
 * lowest promotion tier first, then the largest class; a Multi-AZ DB cluster's readers (any may be
 * promoted) and a Multi-AZ instance's standby form one group. Unknown when a tier or class the order
 * depends on is unknown, or when Serverless v2 and provisioned classes share a tier.
 */
export function failoverOrder(resource: Resource, readers: readonly Instance[], parse: ClassParser = parseInstanceClass): Value<readonly (readonly Instance[])[]> {
  if (readers.length === 0) return known([]);
  if (resource.kind !== "aurora-cluster") return known([readers]);
  const keyed: { instance: Instance; tier: number; rank: number; serverless: boolean }[] = [];
  const reasons: string[] = [];
  for (const instance of readers) {
    if (!instance.promotionTier.known) reasons.push(`${instance.id}: ${instance.promotionTier.reason}`);
    if (!instance.instanceClass.known) {
      reasons.push(`${instance.id}: ${instance.instanceClass.reason}`);
      continue;
    }
    const parsed = parse(instance.instanceClass.value);
    if (!parsed.known) reasons.push(`${instance.id}: ${parsed.reason}`);
    else if (instance.promotionTier.known) {
      keyed.push({ instance, tier: instance.promotionTier.value, rank: parsed.value.rank, serverless: parsed.value.serverless });
    }
  }
  if (reasons.length > 0) return unknown(`the failover order depends on unknown values (${reasons.join("; ")})`);
  keyed.sort((x, y) => x.tier - y.tier || y.rank - x.rank);
  const groups: Instance[][] = [];
  for (let i = 0; i < keyed.length; i++) {
    const k = keyed[i]!;
    const prev = keyed[i - 1];
    if (prev !== undefined && prev.tier === k.tier && prev.serverless !== k.serverless) {
      return unknown(`the failover order in tier ${k.tier} cannot be told: Serverless v2 and provisioned classes cannot be compared by size`);
    }
    if (prev !== undefined && prev.tier === k.tier && prev.rank === k.rank) groups[groups.length - 1]!.push(k.instance);
    else groups.push([k.instance]);
  }
  return known(groups);
}
