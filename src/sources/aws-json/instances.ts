// DBInstances: standalone instances become `instance` resources; cluster members become facts to join.
import type { Instance, Resource, SourceLocation } from "../../model/resource.js";
import { memberImportAttributes, standaloneImportAttributes } from "./import-attributes.js";
import { known, unknown, type Unknown, type Value } from "../../model/value.js";
import { parseArn, regionFromAz } from "./arn.js";
import {
  booleanField,
  isRecord,
  KNOWN_EMPTY_LIST,
  KNOWN_NULL,
  KNOWN_TRUE,
  KNOWN_ZERO,
  numberField,
  plainString,
  stringField,
  tagsField,
  wrongTypeReason,
  type Raw,
  type Where,
} from "./fields.js";
import { timeField } from "./normalize.js";

/** What one DBInstance says, before it is joined to its cluster (or made a resource of its own). */
export interface InstanceFacts {
  readonly id: string;
  readonly engine: string;
  /** DBClusterIdentifier; undefined for a standalone instance. */
  readonly clusterId: string | undefined;
  /** Region and account when known, to tell apart same-named instances of different regions. */
  readonly region: string | undefined;
  readonly account: string | undefined;
  /** The instance's fields; isWriter and clusterParameterGroupStatus come from the cluster's member list. */
  readonly instance: Instance;
  /** DBInstance.PromotionTier as read, used when the member entry has none. */
  readonly promotionTier: Value<number>;
}

/** Dedup key: the ARN, or the identifier when there is none. */
export function instanceKey(raw: Raw): string | undefined {
  const arn = plainString(raw, "DBInstanceArn");
  if (arn !== undefined) return arn;
  const id = plainString(raw, "DBInstanceIdentifier");
  return id === undefined ? undefined : `id:${id}`;
}

function endpointAddress(raw: Raw, where: Where): Value<string> {
  const ep = raw["Endpoint"];
  if (ep === undefined || ep === null) return unknown(`Endpoint is not in the ${where.output} output for ${where.id}`);
  if (!isRecord(ep)) return unknown(wrongTypeReason("Endpoint", "an object with an Address", ep, where));
  return stringField(ep, "Address", { output: where.output, id: `${where.id} (Endpoint)` });
}

/** Standby AZ of a Multi-AZ DB instance: known(null) when MultiAZ is false. */
function secondaryAz(raw: Raw, where: Where): Value<string | null> {
  const multiAz = booleanField(raw, "MultiAZ", where);
  if (!multiAz.known) return multiAz;
  if (!multiAz.value) return KNOWN_NULL;
  const az = raw["SecondaryAvailabilityZone"];
  if (typeof az === "string" && az !== "") return known(az);
  return unknown(`${where.id} is Multi-AZ but SecondaryAvailabilityZone is not in the ${where.output} output`);
}

/** Reads one DBInstance; undefined when it has no identifier or engine (the caller notes it). */
export function readInstance(raw: Raw, location: SourceLocation): InstanceFacts | undefined {
  const id = plainString(raw, "DBInstanceIdentifier");
  const engine = plainString(raw, "Engine");
  if (id === undefined || engine === undefined) return undefined;
  const where: Where = { output: "describe-db-instances", id };
  const arn = plainString(raw, "DBInstanceArn");
  const parts = arn === undefined ? undefined : parseArn(arn);
  const az = stringField(raw, "AvailabilityZone", where);
  const clusterId = plainString(raw, "DBClusterIdentifier");
  const promotionTier = numberField(raw, "PromotionTier", where);
  const instance: Instance = {
    id,
    isWriter: KNOWN_TRUE,
    availabilityZone: az,
    secondaryAvailabilityZone: secondaryAz(raw, where),
    promotionTier,
    instanceClass: stringField(raw, "DBInstanceClass", where),
    endpoint: endpointAddress(raw, where),
    performanceInsightsEnabled: booleanField(raw, "PerformanceInsightsEnabled", where),
    monitoringInterval: numberField(raw, "MonitoringInterval", where),
    autoMinorVersionUpgrade: booleanField(raw, "AutoMinorVersionUpgrade", where),
    preferredMaintenanceWindow: stringField(raw, "PreferredMaintenanceWindow", where),
    clusterParameterGroupStatus: KNOWN_NULL,
    address: arn !== undefined && parts !== undefined ? arn : id,
    location,
    importAttributes: memberImportAttributes(raw),
  };
  return {
    id,
    engine,
    clusterId,
    region: parts?.region || (az.known ? regionFromAz(az.value) : undefined),
    account: parts?.account || undefined,
    instance,
    promotionTier,
  };
}

/** The `instance` resource for a standalone DBInstance (read while the raw object is at hand). */
export function instanceResource(raw: Raw, facts: InstanceFacts): Resource {
  const where: Where = { output: "describe-db-instances", id: facts.id };
  const arn = plainString(raw, "DBInstanceArn");
  const arnReason = arn === undefined ? `DBInstanceArn is not in the describe-db-instances output for ${facts.id}` : `DBInstanceArn ${JSON.stringify(arn)} of ${facts.id} is not an ARN`;
  const amvu = booleanField(raw, "AutoMinorVersionUpgrade", where);
  return {
    id: facts.id,
    kind: "instance",
    engine: facts.engine,
    engineVersion: stringField(raw, "EngineVersion", where),
    region: facts.region ? known(facts.region) : unknown(`${arnReason}, and its AvailabilityZone does not name a region`),
    account: facts.account ? known(facts.account) : unknown(arnReason),
    address: facts.instance.address ?? facts.id,
    location: facts.instance.location as SourceLocation,
    tags: tagsField(raw, where),
    instances: known([facts.instance]),
    endpoints: { cluster: KNOWN_NULL, reader: KNOWN_NULL, custom: KNOWN_EMPTY_LIST },
    backupRetentionDays: numberField(raw, "BackupRetentionPeriod", where),
    deletionProtection: booleanField(raw, "DeletionProtection", where),
    copyTagsToSnapshot: booleanField(raw, "CopyTagsToSnapshot", where),
    backtrackWindowSeconds: KNOWN_ZERO,
    latestRestorableTime: timeField(raw, "LatestRestorableTime", where),
    preferredBackupWindow: stringField(raw, "PreferredBackupWindow", where),
    preferredMaintenanceWindow: stringField(raw, "PreferredMaintenanceWindow", where),
    autoMinorVersionUpgrade: amvu,
    clusterParameterGroup: KNOWN_NULL,
    importAttributes: standaloneImportAttributes(raw),
  };
}

/** A cluster member as the DBClusterMembers entry tells it. */
export interface MemberFacts {
  readonly id: string;
  readonly isWriter: Value<boolean>;
  /** undefined when the entry has no PromotionTier (fall back to DBInstance.PromotionTier). */
  readonly promotionTier: Value<number> | undefined;
  readonly clusterParameterGroupStatus: Value<string | null>;
}

/** Joins a member entry with its DBInstance facts, or marks the instance fields unknown with `missing`. */
export function memberInstance(member: MemberFacts, facts: InstanceFacts | Unknown): Instance {
  if ("known" in facts) {
    return {
      id: member.id,
      isWriter: member.isWriter,
      availabilityZone: facts,
      secondaryAvailabilityZone: facts,
      promotionTier: member.promotionTier ?? facts,
      instanceClass: facts,
      endpoint: facts,
      performanceInsightsEnabled: facts,
      monitoringInterval: facts,
      autoMinorVersionUpgrade: facts,
      preferredMaintenanceWindow: facts,
      clusterParameterGroupStatus: member.clusterParameterGroupStatus,
    };
  }
  return {
    ...facts.instance,
    isWriter: member.isWriter,
    promotionTier: member.promotionTier ?? facts.promotionTier,
    clusterParameterGroupStatus: member.clusterParameterGroupStatus,
  };
}
