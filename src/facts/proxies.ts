// Which RDS Proxy targets name a resource, indexed once per inventory.
import type { ProxyTarget } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import { samePlace, type Match } from "./place.js";

/** A proxy target that registers the resource: `place` is "maybe" when the resource's account or region is unknown. */
export interface ProxyCoverage {
  readonly target: ProxyTarget;
  readonly place: Exclude<Match, "no">;
}

/** Whether the target registers the resource (by cluster id for a cluster, instance id for an instance) in its place. */
export function targetsResource(t: ProxyTarget, resource: Resource): Match {
  const id = resource.id.toLowerCase();
  const named = resource.kind === "instance" ? t.instanceId : t.clusterId;
  if (named === undefined || named.toLowerCase() !== id) return "no";
  return samePlace(t, resource);
}

/** The proxy targets of one inventory by the lower-cased cluster or instance id they register. */
export class ProxyTargetIndex {
  private readonly byId = new Map<string, ProxyTarget[]>();

  constructor(targets: readonly ProxyTarget[]) {
    for (const t of targets) {
      for (const id of new Set([t.clusterId, t.instanceId].flatMap((x) => (x === undefined ? [] : [x.toLowerCase()])))) {
        const list = this.byId.get(id);
        if (list) list.push(t);
        else this.byId.set(id, [t]);
      }
    }
  }

  /** The targets that register the resource, in the input's order. */
  covering(resource: Resource): ProxyCoverage[] {
    const out: ProxyCoverage[] = [];
    for (const target of this.byId.get(resource.id.toLowerCase()) ?? []) {
      const place = targetsResource(target, resource);
      if (place !== "no") out.push({ target, place });
    }
    return out;
  }
}
