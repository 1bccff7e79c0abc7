// Attaches a plan's changes to the planned resources: actions, the resource as it is now, member instance changes.
import type { Instance, InstanceChange, PlanActions, Resource, ResourceChange } from "../../model/resource.js";
import { known, type Value } from "../../model/value.js";
import { scalar } from "./attributes.js";
import { buildResources, type BuildOptions } from "./build-inventory.js";
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
 * the member instances the plan creates, updates, replaces or deletes. Resources the plan destroys
 * outright are not in the end state and are not judged: a note says so.
 */
export function attachChanges(input: TfInput, after: readonly Resource[], options: BuildOptions, notes: string[]): Resource[] {
  const changes = input.changes ?? [];
  const byAddress = new Map<string, TfChange>(changes.map((c) => [c.address, c]));
  const afterValues = new Map(input.resources.map((r) => [r.address, r]));

  const beforeTf: TfResource[] = [];
  for (const c of changes) {
    if (c.before !== null) beforeTf.push({ address: c.address, type: c.type, values: c.before, ...(afterValues.get(c.address)?.location ? { location: afterValues.get(c.address)!.location! } : {}) });
  }
  for (const r of input.resources) if (!byAddress.has(r.address)) beforeTf.push(r);
  const before = buildResources(beforeTf, "state", options).resources;
  const beforeByAddress = new Map(before.map((r) => [r.address, r]));

  for (const c of changes) {
    if ((c.type === "aws_rds_cluster" || c.type === "aws_db_instance") && c.actions.includes("delete") && !c.actions.includes("create")) {
      const was = beforeByAddress.get(c.address);
      if (was) notes.push(`the plan destroys ${c.address} (${was.id}); it is not in the end state and is not judged`);
    }
  }

  return after.map((resource) => {
    const c = byAddress.get(resource.address);
    const actions = c?.actions ?? NO_OP;
    const was = createsOnly(actions) ? null : (beforeByAddress.get(resource.address) ?? null);
    const memberAddresses = new Set<string>();
    for (const i of [...instancesOf(resource), ...instancesOf(was)]) if (i.address !== undefined) memberAddresses.add(i.address);
    const instances: InstanceChange[] = [];
    if (resource.kind !== "instance") {
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
        });
      }
    }
    const change: ResourceChange = {
      actions,
      before: was,
      applyImmediately: applyImmediately(resource.address, c?.type ?? "", c ? c.after : (afterValues.get(resource.address)?.values ?? null)),
      replacedBecause: c?.replacedBecause ?? [],
      instances,
    };
    return { ...resource, change };
  });
}
