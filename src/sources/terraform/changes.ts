// Attaches a plan's changes to the planned resources: actions, the resource as it is now, member instance changes.
import { isDestroy, type Instance, type InstanceChange, type PlanActions, type Resource, type ResourceChange } from "../../model/resource.js";
import { known, type Value } from "../../model/value.js";
import { scalar } from "./attributes.js";
import { resourceModeller, type BuildOptions } from "./build-resources.js";
import type { TfChange, TfInput, TfResource } from "./types.js";

const NO_OP: PlanActions = ["no-op"];

function touches(actions: PlanActions): boolean {
  return actions.some((a) => a === "create" || a === "update" || a === "delete");
}

function createsOnly(actions: PlanActions): boolean {
  return actions.includes("create") && !actions.includes("delete");
}

/** `apply_immediately` from a set of values; unset means false (the provider's default). */
function applyImmediately(address: string, type: string, values: TfResource["values"] | null): Value<boolean> {
  if (values === null) return known(false);
  return scalar({ address, type, values }, "apply_immediately", "boolean", { default: false }, () => undefined);
}

function instancesOf(r: Resource | null | undefined): readonly Instance[] {
  return r && r.instances.known ? r.instances.value : [];
}

/**
 * Every planned cluster and standalone instance gets a `change`: its actions (no-op when the plan
 * leaves it alone), itself as it is now (built from the `before` values by the same builder), and
 * the member instances the plan creates, updates, replaces or deletes. Clusters and standalone
 * instances the plan destroys outright come after them, as they are now with a `delete` change: only
 * the changes.* rules judge them (the engine makes the others not applicable), and a note names them.
 */
export function attachChanges(input: TfInput, after: readonly Resource[], options: BuildOptions, notes: string[]): Resource[] {
  const changes = input.changes ?? [];
  const byAddress = new Map<string, TfChange>();
  for (const c of changes) byAddress.set(c.address, c);
  const afterValues = new Map<string, TfResource>();
  for (const r of input.resources) afterValues.set(r.address, r);

  const beforeTf: TfResource[] = [];
  for (const c of changes) {
    if (c.before === null) continue;
    const location = afterValues.get(c.address)?.location;
    beforeTf.push(location ? { address: c.address, type: c.type, values: c.before, location } : { address: c.address, type: c.type, values: c.before });
  }
  for (const r of input.resources) if (!byAddress.has(r.address)) beforeTf.push(r);
  // The resources as they are now are modelled on demand: the changes.* rules read `before` only
  // for resources the plan touches (directly or through a member), a small part of a large plan.
  const before = resourceModeller(beforeTf, "state", options);

  const incomplete = input.incomplete === undefined ? {} : { incomplete: input.incomplete };
  // Clusters and standalone instances the plan destroys outright: judged on that change only.
  const destroyed: Resource[] = [];
  for (const c of changes) {
    if ((c.type !== "aws_rds_cluster" && c.type !== "aws_db_instance") || !isDestroy(c.actions)) continue;
    const was = before.model(c.address);
    if (!was) continue;
    notes.push(`the plan destroys ${c.address} (${was.id}): only the changes.* rules judge it`);
    const instances: InstanceChange[] = instancesOf(was).map((i) => ({
      instanceId: i.id,
      address: i.address ?? i.id,
      actions: (i.address === undefined ? undefined : byAddress.get(i.address)?.actions) ?? ["delete"],
      before: i,
      applyImmediately: known(false),
      replacedBecause: [],
    }));
    // Its `before` values carry no position: point at the plan file.
    const location = was.location?.file !== undefined ? was.location : input.sources[0] ? { source: input.kind, file: input.sources[0].location } : undefined;
    const gone = { ...was, ...(location === undefined ? {} : { location }) } as Resource;
    destroyed.push(withChange(gone, { actions: c.actions, before: was, applyImmediately: known(false), replacedBecause: [], instances, ...incomplete }));
  }

  const touchedMember = (address: string): boolean => {
    const mc = byAddress.get(address);
    return mc !== undefined && touches(mc.actions);
  };

  const planned = after.map((resource) => {
    const c = byAddress.get(resource.address);
    const actions = c?.actions ?? NO_OP;
    const applyNow = applyImmediately(resource.address, c?.type ?? "", c ? c.after : (afterValues.get(resource.address)?.values ?? null));
    const replacedBecause = c?.replacedBecause ?? [];
    const createOnly = createsOnly(actions);
    // Members the plan touches can only be among the planned members and those linked to the cluster now.
    const anyTouchedMember =
      resource.kind !== "instance" &&
      (instancesOf(resource).some((i) => i.address !== undefined && touchedMember(i.address)) || before.memberAddresses(resource.address).some(touchedMember));
    if (!anyTouchedMember) {
      // No member change: `instances` is empty whatever the resource was; model `before` only if read.
      const change: ResourceChange = { actions, before: null, applyImmediately: applyNow, replacedBecause, instances: [], ...incomplete };
      if (!createOnly) lazyBefore(change, () => before.model(resource.address) ?? null);
      return withChange(resource, change);
    }
    const was = createOnly ? null : (before.model(resource.address) ?? null);
    const memberAddresses = new Set<string>();
    for (const i of [...instancesOf(resource), ...instancesOf(was)]) if (i.address !== undefined) memberAddresses.add(i.address);
    const instances: InstanceChange[] = [];
    for (const address of [...memberAddresses].sort()) {
      const mc = byAddress.get(address);
      if (!mc || !touches(mc.actions)) continue;
      const now = instancesOf(was).find((i) => i.address === address) ?? null;
      const planned = instancesOf(resource).find((i) => i.address === address);
      instances.push({
        instanceId: planned?.id ?? now?.id ?? address,
        address,
        actions: mc.actions,
        before: createsOnly(mc.actions) ? null : now,
        applyImmediately: applyImmediately(address, mc.type, mc.after ?? mc.before),
        replacedBecause: mc.replacedBecause,
        ...(mc.deposed === undefined ? {} : { deposed: mc.deposed }),
      });
    }
    const change: ResourceChange = { actions, before: was, applyImmediately: applyNow, replacedBecause, instances, ...incomplete };
    return withChange(resource, change);
  });
  return destroyed.length === 0 ? planned : [...planned, ...destroyed];
}


/** The resource with its change; `after` is freshly built for this plan, so the object takes it rather than being copied. */
function withChange(resource: Resource, change: ResourceChange): Resource {
  (resource as { change?: ResourceChange }).change = change;
  return resource;
}

/** Defines `change.before` as an enumerable property computed on first read (then a plain value). */
function lazyBefore(change: ResourceChange, compute: () => Resource | null): void {
  Object.defineProperty(change, "before", {
    enumerable: true,
    configurable: true,
    get(this: ResourceChange): Resource | null {
      const value = compute();
      Object.defineProperty(this, "before", { value, enumerable: true, configurable: true, writable: false });
      return value;
    },
  });
}
