// Test builder for planned changes: a resource as planned, with its `before` and the member changes of a plan.
import type { InstanceChange, PlanActions, Resource } from "../../src/model/resource.js";
import { known, unknown } from "../../src/model/value.js";
import { resource, type ResourceInput } from "./build.js";

export interface MemberChangeInput {
  /** Member id; its address is `aws_rds_cluster_instance.<id>`. */
  id: string;
  actions: PlanActions;
  applyImmediately?: boolean | "unknown";
  replacedBecause?: string[];
}

export interface ChangeInput {
  /** The resource as it is now; null when the plan creates it. */
  before: ResourceInput | null;
  /** The resource as planned. */
  after: ResourceInput;
  actions?: PlanActions;
  applyImmediately?: boolean;
  replacedBecause?: string[];
  members?: MemberChangeInput[];
}

/** Gives every instance the address `aws_rds_cluster_instance.<id>` (or `aws_db_instance.<id>`), as the plan source does. */
function addressed(r: Resource): Resource {
  if (!r.instances.known) return r;
  const type = r.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster_instance";
  return { ...r, address: `${r.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster"}.${r.id}`, instances: known(r.instances.value.map((i) => ({ ...i, address: `${type}.${i.id}` }))) };
}

/** A planned resource with `change` set, as the plan source builds it. */
export function planned(c: ChangeInput): Resource {
  const after = addressed(resource(c.after));
  const before = c.before === null ? null : addressed(resource({ id: c.after.id, kind: c.after.kind, ...c.before }));
  const instances: InstanceChange[] = (c.members ?? []).map((m) => {
    const address = `aws_rds_cluster_instance.${m.id}`;
    const was = before?.instances.known ? (before.instances.value.find((i) => i.address === address) ?? null) : null;
    return {
      instanceId: m.id,
      address,
      actions: m.actions,
      before: m.actions.includes("create") && !m.actions.includes("delete") ? null : was,
      applyImmediately: m.applyImmediately === "unknown" ? unknown("apply_immediately is known after apply") : known(m.applyImmediately ?? false),
      replacedBecause: m.replacedBecause ?? [],
    };
  });
  return {
    ...after,
    change: {
      actions: c.actions ?? (c.before === null ? ["create"] : ["update"]),
      before,
      applyImmediately: known(c.applyImmediately ?? false),
      replacedBecause: c.replacedBecause ?? [],
      instances,
    },
  };
}
