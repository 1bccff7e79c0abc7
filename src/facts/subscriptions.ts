// Which RDS event subscriptions name a resource, and whether one delivers a category of its events.
import type { EventSubscription } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";

/** Statuses in which RDS sends nothing: SNS refused the publish, the topic is gone, or the subscription is going. */
export const NEVER_DELIVERS: ReadonlySet<string> = new Set(["no-permission", "topic-not-exist", "deleting"]);

/** The event source type of the resource's own events: Aurora's failover events are cluster events. */
export function sourceTypeOf(resource: Resource): "db-cluster" | "db-instance" {
  return resource.kind === "instance" ? "db-instance" : "db-cluster";
}

/**
 * Whether `sub`, a subscription that names the resource (see SubscriptionIndex.naming), would deliver
 * the resource's events of `category`, apart from place: enabled, able to deliver, of the resource's
 * source type, and listing the category (or every category).
 */
export function covers(sub: EventSubscription, resource: Resource, category: string): boolean {
  if (!sub.enabled) return false;
  if (sub.status !== undefined && NEVER_DELIVERS.has(sub.status.toLowerCase())) return false;
  if (sub.sourceType !== null && sub.sourceType.toLowerCase() !== sourceTypeOf(resource)) return false;
  return sub.categories.length === 0 || sub.categories.some((c) => c.toLowerCase() === category.toLowerCase());
}

/**
 * The subscriptions of one inventory indexed by the source ids they name, built once: a fleet with one
 * subscription per cluster (or one subscription listing thousands) is not searched per resource.
 */
export class SubscriptionIndex {
  private readonly everySource: readonly EventSubscription[];
  private readonly byId: ReadonlyMap<string, readonly EventSubscription[]>;

  constructor(private readonly items: readonly EventSubscription[]) {
    const everySource: EventSubscription[] = [];
    const byId = new Map<string, EventSubscription[]>();
    for (const sub of items) {
      if (sub.sourceIds.length === 0) everySource.push(sub);
      for (const id of new Set(sub.sourceIds.map((s) => s.toLowerCase()))) {
        const list = byId.get(id);
        if (list) list.push(sub);
        else byId.set(id, [sub]);
      }
    }
    this.everySource = everySource;
    this.byId = byId;
  }

  /** The subscriptions that name the resource: those for every source and those listing its id, in the input's order. */
  naming(resource: Resource): readonly EventSubscription[] {
    const named = this.byId.get(resource.id.toLowerCase()) ?? [];
    if (named.length === 0) return this.everySource;
    if (this.everySource.length === 0) return named;
    const chosen = new Set([...this.everySource, ...named]);
    return this.items.filter((s) => chosen.has(s));
  }
}
