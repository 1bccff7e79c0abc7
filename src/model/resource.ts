// The engine-neutral model every source produces and every rule reads.
import type { Application } from "./application.js";
import type { ComputeItem } from "./compute.js";
import { known, unknown, type Value } from "./value.js";

export type ResourceKind = "aurora-cluster" | "multi-az-cluster" | "instance" | "application" | ComputeKind;

/** The application tier's kinds (SPEC §9): see src/model/compute.ts. */
export type ComputeKind = "autoscaling-group" | "load-balancer" | "ec2-instance";

/** The kinds that are databases (every kind but `application` and the application tier's). */
export type DatabaseKind = Exclude<ResourceKind, "application" | ComputeKind>;

/** Where a resource or value came from: a file (and position) or a live API. */
export interface SourceLocation {
  /** "aws-json", "aws", "plan", "state", "hcl", "cdktf", "snapshot". */
  readonly source: string;
  /** File path (relative to the working directory when possible) or API name. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}

/** A plain Terraform attribute value. */
export type TerraformScalar = string | number | boolean;

/**
 * Terraform attributes (snake_case) of a live resource that the model does not judge but a
 * `terraform import` of it must repeat, or the plan would change or replace it (subnet group,
 * encryption, master user…). Set by the AWS sources; `haspec fix` copies them into import blocks.
 */
export interface ImportAttributes {
  readonly [attribute: string]: TerraformScalar | readonly string[] | ImportAttributes;
}

/** One DB instance: a cluster member, or the standalone instance itself. */
export interface Instance {
  readonly id: string;
  /** Whether this instance is (or will be) the writer. Unknown when the data cannot say. */
  readonly isWriter: Value<boolean>;
  readonly availabilityZone: Value<string>;
  /** Multi-AZ DB instance standby AZ; known(null) when the instance has no standby. */
  readonly secondaryAvailabilityZone: Value<string | null>;
  readonly promotionTier: Value<number>;
  readonly instanceClass: Value<string>;
  /** The instance endpoint address (host name). */
  readonly endpoint: Value<string>;
  readonly performanceInsightsEnabled: Value<boolean>;
  readonly monitoringInterval: Value<number>;
  readonly autoMinorVersionUpgrade: Value<boolean>;
  readonly preferredMaintenanceWindow: Value<string>;
  /**
   * Whether this member runs the cluster parameter group's current values (`in-sync`) or waits for
   * a reboot (`pending-reboot`), from DBClusterMembers[].DBClusterParameterGroupStatus.
   */
  readonly clusterParameterGroupStatus: Value<string | null>;
  /** Where the instance's own definition sits (Terraform address, ARN, file:line). */
  readonly address?: string;
  readonly location?: SourceLocation;
  /** AWS sources: what an import of this instance must repeat (see ImportAttributes). */
  readonly importAttributes?: ImportAttributes;
}

/** The parameter group a cluster uses, with the parameters this source could read. */
export interface ParameterGroupRef {
  readonly name: string;
  /** AWS default groups (`default.*`) never set anything: every parameter is the engine default. */
  readonly isDefault: boolean;
  /**
   * Explicitly set parameter values (name → value). Known when the group's parameters were read;
   * a parameter absent from a known map means the engine default.
   */
  readonly parameters: Value<ReadonlyMap<string, string>>;
  /** Where Terraform declares the group (its address and block), when the data is Terraform's: a fix edits it there. */
  readonly declaredAt?: { readonly address: string; readonly location?: SourceLocation };
}

export interface Endpoints {
  /** Cluster (writer) endpoint; follows failover. */
  readonly cluster: Value<string | null>;
  /** Reader endpoint of a cluster. */
  readonly reader: Value<string | null>;
  /** Custom endpoints of an Aurora cluster. */
  readonly custom: Value<readonly string[]>;
}

/** A resource the policy can select: an Aurora cluster, a Multi-AZ DB cluster or a standalone instance. */
export interface Resource {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly engine: string;
  readonly engineVersion: Value<string>;
  readonly region: Value<string>;
  readonly account: Value<string>;
  /** ARN for AWS inputs, Terraform address for IaC inputs. */
  readonly address: string;
  readonly location?: SourceLocation;
  readonly tags: Value<Readonly<Record<string, string>>>;
  /**
   * The instances that run this resource: cluster members, or for `instance` the instance itself.
   * Unknown when the member list itself could not be read.
   */
  readonly instances: Value<readonly Instance[]>;
  readonly endpoints: Endpoints;
  readonly backupRetentionDays: Value<number>;
  readonly deletionProtection: Value<boolean>;
  readonly copyTagsToSnapshot: Value<boolean>;
  /** Aurora MySQL backtrack window in seconds (0 = off). */
  readonly backtrackWindowSeconds: Value<number>;
  /** ISO-8601 time of the latest restorable point. */
  readonly latestRestorableTime: Value<string>;
  readonly preferredBackupWindow: Value<string>;
  readonly preferredMaintenanceWindow: Value<string>;
  /** Cluster-level auto minor version upgrade, where the resource kind has one. */
  readonly autoMinorVersionUpgrade: Value<boolean | null>;
  /** Cluster parameter group (known(null) for standalone instances, which have none). */
  readonly clusterParameterGroup: Value<ParameterGroupRef | null>;
  /**
   * `binlog retention hours` as `mysql.rds_show_configuration` reports it (null = NULL, the AWS
   * default). Only a SQL connection can read it; sources that cannot leave it undefined.
   */
  readonly binlogRetentionHours?: Value<number | null>;
  /** Multi-AZ DB clusters read from Terraform: `db_cluster_instance_class`, the class of all three instances. */
  readonly clusterInstanceClass?: Value<string>;
  /** Multi-AZ DB clusters read from Terraform: `performance_insights_enabled`, set on the cluster for all three instances. */
  readonly clusterPerformanceInsights?: Value<boolean>;
  /** Multi-AZ DB clusters read from Terraform: `monitoring_interval`, set on the cluster for all three instances (0 = off). */
  readonly clusterMonitoringInterval?: Value<number>;
  /** AWS sources: what an import of this resource must repeat (see ImportAttributes). */
  readonly importAttributes?: ImportAttributes;
  /** Planned change (Terraform plans only); undefined for sources that describe current state. */
  readonly change?: ResourceChange;
  /** Kind `application` only: what its files say (see applicationResource). */
  readonly application?: Application;
  /** The application tier's kinds only: the group, load balancer or instance (see computeResource). */
  readonly compute?: ComputeItem;
}

/** Terraform's actions on one resource address, as `resource_changes[].change.actions` lists them. */
export type PlanActions = readonly ("no-op" | "create" | "read" | "update" | "delete")[];

/** Destroyed and not created again (`-`, not `-/+`). */
export function isDestroy(actions: PlanActions): boolean {
  return actions.includes("delete") && !actions.includes("create");
}

/** What a Terraform plan does to one member instance of a cluster. */
export interface InstanceChange {
  /** The member's id in the planned resource (its identifier, or its Terraform address when unknown). */
  readonly instanceId: string;
  readonly address: string;
  readonly actions: PlanActions;
  /** The member as it is now (null when the plan creates it). */
  readonly before: Instance | null;
  /** `apply_immediately` of the member after the change: unknown when the plan does not say. */
  readonly applyImmediately: Value<boolean>;
  /** Attribute names whose change forces this member's replacement (`replace_paths`). */
  readonly replacedBecause: readonly string[];
  /** Set when the member is a deposed object (an old copy left by a create_before_destroy replacement): its deposed key. */
  readonly deposed?: string;
}

/**
 * What a Terraform plan does to a resource; filled by the plan source, read by the changes.* rules.
 * The resource itself carries the planned (after) values; `before` is the same resource as it is now.
 */
export interface ResourceChange {
  /** Terraform's actions for the cluster or standalone instance, e.g. ["update"], ["delete", "create"]. */
  readonly actions: PlanActions;
  /** The resource as it is now, built from the plan's `before` values; null when the plan creates it. */
  readonly before: Resource | null;
  /** `apply_immediately` after the change (cluster or instance level). */
  readonly applyImmediately: Value<boolean>;
  /** Attribute names whose change forces replacement (`replace_paths`). */
  readonly replacedBecause: readonly string[];
  /** Member instances the plan touches or removes, including those deleted (absent from the planned resource). */
  readonly instances: readonly InstanceChange[];
  /** Why the plan is not final (it errored, or deferred changes): no result judged from it may pass. */
  readonly incomplete?: string;
}

/**
 * The database fields of a resource that is not a database (an application, an application-tier resource): unknown
 * with the reason, no instances, no endpoints. No database rule applies to those kinds, so none is judged on them.
 */
export function databaseFieldsUnknown(reason: string) {
  const none = unknown(reason);
  return {
    engine: "",
    engineVersion: none,
    instances: known([]),
    endpoints: { cluster: known(null), reader: known(null), custom: known([]) },
    backupRetentionDays: none,
    deletionProtection: none,
    copyTagsToSnapshot: none,
    backtrackWindowSeconds: none,
    latestRestorableTime: none,
    preferredBackupWindow: none,
    preferredMaintenanceWindow: none,
    autoMinorVersionUpgrade: none,
    clusterParameterGroup: none,
  } as const;
}
