// Declares a model resource as Terraform blocks (cluster + members, or a standalone instance) holding every value the model knows.
import type { ImportAttributes, Instance, Resource } from "../model/resource.js";
import type { Value } from "../model/value.js";
import { TfReference, type TfValue } from "../model/terraform-value.js";
import { ref, type Block, type BlockOrigin, type Draft } from "./blocks.js";

/** Sources that read AWS itself: their resources are adopted with `import`; the others are already in Terraform. */
const LIVE_SOURCES = new Set(["aws-json", "aws", "snapshot"]);

/** A real AZ name (`us-east-1a`), not a placeholder the Terraform sources use for "AWS picks it". */
const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/;

export interface DeclaredResource {
  readonly resource: Resource;
  /** Why the resource cannot be declared at all (a standalone instance without its class): nothing is emitted for it. */
  readonly incomplete?: string;
  /** Why an Aurora cluster's members are not declared (member list or a member's class unknown): only cluster-level fixes are made. */
  readonly membersOmitted?: string;
  /** The cluster or the standalone instance. */
  readonly main: Block;
  /** Aurora members by instance id (empty for standalone instances and Multi-AZ DB clusters). */
  readonly members: Map<string, Block>;
  /** The current writer's id, when the data says. */
  readonly writerId: string | undefined;
}

function isLive(resource: Resource): boolean {
  return LIVE_SOURCES.has(resource.location?.source ?? "");
}

/** The Terraform local name an address uses: `module.db.aws_rds_cluster.this["a"]` → `db_this_a`. */
export function nameFromAddress(address: string, type: string): string {
  const parts = address.split(".");
  const at = parts.lastIndexOf(type.split("[")[0]!);
  const rest = [...parts.slice(0, Math.max(at, 0)).filter((p) => p !== "module"), ...parts.slice(at + 1)].join("_");
  return rest.replace(/[[\]"]/g, "_");
}

function originOf(resource: Resource, id: string, address: string | undefined, location: Resource["location"]): BlockOrigin {
  if (isLive(resource)) return { kind: "import", id };
  return { kind: "terraform", address: address ?? id, ...(location === undefined ? {} : { location }) };
}

function put(values: Record<string, TfValue>, attribute: string, v: Value<unknown> | undefined, check: (x: unknown) => boolean = () => true): void {
  if (v !== undefined && v.known && v.value !== null && v.value !== undefined && check(v.value)) values[attribute] = v.value as TfValue;
}

/** Copies import attributes the block does not set yet; nested objects go into `nested`, except `tags` (a map attribute). */
function copyImportAttributes(values: Record<string, TfValue>, nested: Set<string>, attributes: ImportAttributes | undefined): void {
  for (const [k, v] of Object.entries(attributes ?? {})) {
    if (k in values) continue;
    if (typeof v === "object" && !Array.isArray(v) && k !== "tags") nested.add(k);
    values[k] = v as TfValue;
  }
}

/** The resource's tags without AWS's own (`aws:*`), which Terraform can neither set nor keep. */
function tagsOf(resource: Resource): Record<string, string> | undefined {
  if (!resource.tags.known) return undefined;
  const own = Object.entries(resource.tags.value).filter(([k]) => !k.toLowerCase().startsWith("aws:"));
  return own.length > 0 ? Object.fromEntries(own) : undefined;
}

/** The attributes an Aurora member carries (readers the fix adds copy them from the writer's block). */
function memberValues(instance: Instance): { values: Record<string, TfValue>; nested: Set<string> } {
  const values: Record<string, TfValue> = {};
  const nested = new Set<string>();
  put(values, "instance_class", instance.instanceClass);
  put(values, "availability_zone", instance.availabilityZone, (az) => typeof az === "string" && AZ_NAME.test(az));
  put(values, "promotion_tier", instance.promotionTier);
  put(values, "performance_insights_enabled", instance.performanceInsightsEnabled);
  put(values, "monitoring_interval", instance.monitoringInterval);
  put(values, "auto_minor_version_upgrade", instance.autoMinorVersionUpgrade);
  put(values, "preferred_maintenance_window", instance.preferredMaintenanceWindow);
  // A monitoring interval without its role (not in the data) stays: monitoring_role_arn is computed, so
  // Terraform keeps the live role, while leaving the interval out would plan it back to 0 (off).
  copyImportAttributes(values, nested, instance.importAttributes);
  return { values, nested };
}

function declareCluster(draft: Draft, resource: Resource): DeclaredResource {
  const values: Record<string, TfValue> = { cluster_identifier: resource.id, engine: resource.engine };
  const nested = new Set<string>();
  put(values, "engine_version", resource.engineVersion);
  copyImportAttributes(values, nested, resource.importAttributes);
  put(values, "backup_retention_period", resource.backupRetentionDays);
  put(values, "preferred_backup_window", resource.preferredBackupWindow);
  put(values, "preferred_maintenance_window", resource.preferredMaintenanceWindow);
  put(values, "deletion_protection", resource.deletionProtection);
  put(values, "copy_tags_to_snapshot", resource.copyTagsToSnapshot);
  put(values, "backtrack_window", resource.backtrackWindowSeconds, (s) => typeof s === "number" && s > 0);
  const group = resource.clusterParameterGroup;
  if (group.known && group.value !== null && !group.value.name.startsWith("default (")) {
    // A group whose name Terraform knows only after apply stays a reference to it, never its address as a string.
    const at = group.value.declaredAt;
    values["db_cluster_parameter_group_name"] = at !== undefined && at.address === group.value.name && !isLive(resource) ? new TfReference(at.address, "id") : group.value.name;
  }
  const tags = tagsOf(resource);
  if (tags) values["tags"] = tags;
  const region = resource.region.known ? resource.region.value : undefined;
  const account = resource.account.known ? resource.account.value : undefined;
  const main = draft.add({
    type: "aws_rds_cluster",
    name: isLive(resource) ? resource.id : nameFromAddress(resource.address, "aws_rds_cluster"),
    values,
    nestedBlocks: nested,
    origin: originOf(resource, resource.id, resource.address, resource.location),
    region,
    account,
    owner: resource.address,
  });
  const members = new Map<string, Block>();
  let writerId: string | undefined;
  const missingClass = resource.kind === "aurora-cluster" && resource.instances.known ? resource.instances.value.find((i) => !i.instanceClass.known) : undefined;
  const membersOmitted =
    resource.kind !== "aurora-cluster"
      ? undefined
      : !resource.instances.known
        ? `its member list is unknown (${resource.instances.reason})`
        : missingClass !== undefined && !missingClass.instanceClass.known
          ? `the instance class of ${missingClass.id} is unknown (${missingClass.instanceClass.reason}), and Terraform needs it to declare the instance`
          : undefined;
  if (membersOmitted === undefined && resource.kind === "aurora-cluster" && resource.instances.known) {
    for (const instance of resource.instances.value) {
      if (instance.isWriter.known && instance.isWriter.value && writerId === undefined) writerId = instance.id;
      const m = memberValues(instance);
      const block = draft.add({
        type: "aws_rds_cluster_instance",
        name: isLive(resource) ? instance.id : nameFromAddress(instance.address ?? instance.id, "aws_rds_cluster_instance"),
        values: { identifier: instance.id, cluster_identifier: ref(main, "id"), engine: ref(main, "engine"), ...m.values },
        nestedBlocks: m.nested,
        origin: originOf(resource, instance.id, instance.address, instance.location),
        region,
        account,
        owner: resource.address,
      });
      members.set(instance.id, block);
    }
  }
  return { resource, main, members, writerId, ...(membersOmitted === undefined ? {} : { membersOmitted }) };
}

function declareStandalone(draft: Draft, resource: Resource): DeclaredResource {
  const self = resource.instances.known ? resource.instances.value[0] : undefined;
  const values: Record<string, TfValue> = { identifier: resource.id, engine: resource.engine };
  const nested = new Set<string>();
  put(values, "engine_version", resource.engineVersion);
  if (self) {
    put(values, "instance_class", self.instanceClass);
    const secondary = self.secondaryAvailabilityZone;
    if (secondary.known) values["multi_az"] = secondary.value !== null;
    if (values["multi_az"] === false) put(values, "availability_zone", self.availabilityZone, (az) => typeof az === "string" && AZ_NAME.test(az));
    put(values, "performance_insights_enabled", self.performanceInsightsEnabled);
    put(values, "monitoring_interval", self.monitoringInterval);
  }
  put(values, "backup_retention_period", resource.backupRetentionDays);
  put(values, "backup_window", resource.preferredBackupWindow);
  put(values, "maintenance_window", resource.preferredMaintenanceWindow);
  put(values, "deletion_protection", resource.deletionProtection);
  put(values, "copy_tags_to_snapshot", resource.copyTagsToSnapshot);
  put(values, "auto_minor_version_upgrade", resource.autoMinorVersionUpgrade);
  copyImportAttributes(values, nested, resource.importAttributes);
  const tags = tagsOf(resource);
  if (tags) values["tags"] = tags;
  const main = draft.add({
    type: "aws_db_instance",
    name: isLive(resource) ? resource.id : nameFromAddress(resource.address, "aws_db_instance"),
    values,
    nestedBlocks: nested,
    origin: originOf(resource, resource.id, resource.address, resource.location),
    region: resource.region.known ? resource.region.value : undefined,
    account: resource.account.known ? resource.account.value : undefined,
    owner: resource.address,
  });
  const incomplete = values["instance_class"] === undefined ? "its instance class is unknown, and Terraform needs it to declare the instance" : undefined;
  return { resource, main, members: new Map(), writerId: resource.id, ...(incomplete === undefined ? {} : { incomplete }) };
}

/** Declares the resource with everything the model knows, so an import plans no replacement. */
export function declareResource(draft: Draft, resource: Resource): DeclaredResource {
  return resource.kind === "instance" ? declareStandalone(draft, resource) : declareCluster(draft, resource);
}
