// The common shape every Terraform-flavoured input (plan, state, .tf, cdk.tf.json) is reduced to before modelling.
import type { SourceLocation } from "../../model/resource.js";
import type { TfValue } from "../../model/terraform-value.js";

// The value types live in the model: `haspec fix` writes them too and must not reach into this adapter.
export { TfReference, TfUnknown, type TfValue } from "../../model/terraform-value.js";

/** One resource instance as Terraform addresses it (after `count` / `for_each` expansion). */
export interface TfResource {
  /** Full address, e.g. `module.db.aws_rds_cluster_instance.this["a"]`. */
  readonly address: string;
  /** e.g. `aws_rds_cluster_instance`. */
  readonly type: string;
  /** Attribute values (planned values for a plan, current for state, configured for .tf / cdktf). */
  readonly values: { readonly [attribute: string]: TfValue };
  /** `file:line` of the block for .tf, the construct path for cdktf, the plan/state file otherwise. */
  readonly location?: SourceLocation;
}

/** A plan's change to one resource address (`resource_changes[]`), as the plan source reads it. */
export interface TfChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly ("no-op" | "create" | "read" | "update" | "delete")[];
  /** Values before the change (null when created). */
  readonly before: { readonly [attribute: string]: TfValue } | null;
  /** Values after the change (null when deleted); `(known after apply)` values are TfUnknown. */
  readonly after: { readonly [attribute: string]: TfValue } | null;
  /** Attribute paths that force replacement (`replace_paths`), first path element each. */
  readonly replacedBecause: readonly string[];
  /**
   * For a deposed object (an older copy a create_before_destroy replacement left running, which the
   * plan destroys): its deposed key. `address` is then the resource's address with ` (deposed KEY)`.
   */
  readonly deposed?: string;
}

/** What a Terraform-flavoured reader hands to the model builder. */
export interface TfInput {
  readonly kind: "plan" | "state" | "hcl" | "cdktf";
  /** Resources of the types haspec reads; others may be left out. */
  readonly resources: readonly TfResource[];
  /** Plans only: every change to a resource of a type haspec reads. */
  readonly changes?: readonly TfChange[];
  readonly notes: readonly string[];
  readonly sources: readonly { readonly kind: string; readonly location: string }[];
  /** Region of each resource's provider configuration, by address, where the input names one (.tf, cdk.tf.json). */
  readonly providerRegions?: ReadonlyMap<string, string>;
  /** Parts of the input whose databases cannot be read at all (a module from a registry): missing from the results. */
  readonly gaps?: readonly string[];
  /** Plans only: why the plan is not final (Terraform's `errored` or `complete: false`); every resource's change carries it. */
  readonly incomplete?: string;
}
