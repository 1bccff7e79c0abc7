// The Terraform attributes of a live cluster or instance that a `terraform import` must repeat so the plan replaces nothing.
import type { ImportAttributes, TerraformScalar } from "../../model/resource.js";
import { isRecord, type Raw } from "./fields.js";

type Pick = readonly [terraform: string, read: (raw: Raw) => TerraformScalar | readonly string[] | Readonly<Record<string, string>> | undefined];

const str = (field: string) => (raw: Raw) => (typeof raw[field] === "string" && raw[field] !== "" ? (raw[field] as string) : undefined);
const num = (field: string) => (raw: Raw) => (typeof raw[field] === "number" ? (raw[field] as number) : undefined);
const bool = (field: string) => (raw: Raw) => (typeof raw[field] === "boolean" ? (raw[field] as boolean) : undefined);
const strings = (field: string, member?: string) => (raw: Raw) => {
  const list = raw[field];
  if (!Array.isArray(list)) return undefined;
  const out = list.map((x: unknown) => (member === undefined ? x : isRecord(x) ? x[member] : undefined)).filter((x): x is string => typeof x === "string");
  return out.length === list.length ? out.sort() : undefined;
};
const nested = (field: string, member: string) => (raw: Raw) => {
  const inner = raw[field];
  return isRecord(inner) && typeof inner[member] === "string" ? (inner[member] as string) : undefined;
};
/** An instance's own tags (TagList, without AWS's `aws:*`): left out, an import would plan them away. */
const tagMap = (raw: Raw) => {
  const list = raw["TagList"];
  if (!Array.isArray(list)) return undefined;
  const own = list.filter((t): t is Raw => isRecord(t) && typeof t["Key"] === "string" && typeof t["Value"] === "string" && !String(t["Key"]).toLowerCase().startsWith("aws:"));
  return own.length > 0 ? Object.fromEntries(own.map((t) => [t["Key"] as string, t["Value"] as string])) : undefined;
};
/** KmsKeyId of encrypted storage only: an unencrypted resource has no key, and a placeholder some endpoints report there (moto: "default_kms_key_id") fails `terraform validate`. */
const kmsKeyOfEncrypted = (raw: Raw) => (raw["StorageEncrypted"] === true ? str("KmsKeyId")(raw) : undefined);
const securityGroups = (raw: Raw) => {
  const list = raw["VpcSecurityGroups"];
  if (!Array.isArray(list)) return undefined;
  const ids = list.filter((g) => isRecord(g) && g["Status"] !== "removing").map((g) => (g as Raw)["VpcSecurityGroupId"]);
  return ids.every((x) => typeof x === "string") ? (ids as string[]).sort() : undefined;
};

/** Attributes shared by aws_rds_cluster (Aurora and Multi-AZ DB clusters). ForceNew ones first. */
const CLUSTER: readonly Pick[] = [
  ["engine_mode", str("EngineMode")],
  // ForceNew: the exact list AWS reports, so the import plans no replacement (also where new readers may go).
  ["availability_zones", strings("AvailabilityZones")],
  ["storage_encrypted", bool("StorageEncrypted")],
  ["kms_key_id", kmsKeyOfEncrypted],
  ["db_subnet_group_name", str("DBSubnetGroup")],
  ["master_username", str("MasterUsername")],
  ["database_name", str("DatabaseName")],
  ["port", num("Port")],
  ["vpc_security_group_ids", securityGroups],
  ["iam_database_authentication_enabled", bool("IAMDatabaseAuthenticationEnabled")],
  ["enabled_cloudwatch_logs_exports", strings("EnabledCloudwatchLogsExports")],
  // Optional with a default of false in the provider: left out, an import would turn the Data API off.
  ["enable_http_endpoint", bool("HttpEndpointEnabled")],
];

/** Multi-AZ DB clusters describe their compute and storage on the cluster. */
const MULTI_AZ_CLUSTER: readonly Pick[] = [
  ["db_cluster_instance_class", str("DBClusterInstanceClass")],
  ["allocated_storage", num("AllocatedStorage")],
  ["storage_type", str("StorageType")],
  ["iops", num("Iops")],
  ["monitoring_interval", num("MonitoringInterval")],
  ["monitoring_role_arn", str("MonitoringRoleArn")],
  ["performance_insights_enabled", bool("PerformanceInsightsEnabled")],
];

/** Attributes of aws_rds_cluster_instance that are not in the model. */
const MEMBER: readonly Pick[] = [
  ["publicly_accessible", bool("PubliclyAccessible")],
  // Instance-level on aws_rds_cluster_instance, default false: left out, an import would switch it off.
  ["copy_tags_to_snapshot", bool("CopyTagsToSnapshot")],
  ["db_subnet_group_name", nested("DBSubnetGroup", "DBSubnetGroupName")],
  ["monitoring_role_arn", str("MonitoringRoleArn")],
  ["ca_cert_identifier", str("CACertificateIdentifier")],
  ["performance_insights_retention_period", (raw) => (raw["PerformanceInsightsEnabled"] === true ? num("PerformanceInsightsRetentionPeriod")(raw) : undefined)],
  ["performance_insights_kms_key_id", str("PerformanceInsightsKMSKeyId")],
  ["tags", tagMap],
];

/** Attributes of a standalone aws_db_instance that are not in the model. */
const STANDALONE: readonly Pick[] = [
  ...MEMBER,
  ["allocated_storage", num("AllocatedStorage")],
  ["max_allocated_storage", num("MaxAllocatedStorage")],
  ["storage_type", str("StorageType")],
  ["iops", num("Iops")],
  ["storage_encrypted", bool("StorageEncrypted")],
  ["kms_key_id", kmsKeyOfEncrypted],
  ["username", str("MasterUsername")],
  ["db_name", str("DBName")],
  ["port", (raw) => (isRecord(raw["Endpoint"]) && typeof raw["Endpoint"]["Port"] === "number" ? raw["Endpoint"]["Port"] : undefined)],
  ["vpc_security_group_ids", securityGroups],
  ["iam_database_authentication_enabled", bool("IAMDatabaseAuthenticationEnabled")],
  ["enabled_cloudwatch_logs_exports", strings("EnabledCloudwatchLogsExports")],
  ["option_group_name", (raw) => strings("OptionGroupMemberships", "OptionGroupName")(raw)?.[0]],
  ["parameter_group_name", (raw) => strings("DBParameterGroups", "DBParameterGroupName")(raw)?.[0]],
  ["license_model", str("LicenseModel")],
];

function collect(raw: Raw, picks: readonly Pick[]): ImportAttributes {
  const out: Record<string, TerraformScalar | readonly string[] | Readonly<Record<string, string>>> = {};
  for (const [name, read] of picks) {
    const v = read(raw);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

export function clusterImportAttributes(raw: Raw, multiAzCluster: boolean): ImportAttributes {
  const out: Record<string, TerraformScalar | readonly string[] | ImportAttributes> = { ...collect(raw, CLUSTER), ...(multiAzCluster ? collect(raw, MULTI_AZ_CLUSTER) : {}) };
  const scaling = raw["ServerlessV2ScalingConfiguration"];
  if (isRecord(scaling) && typeof scaling["MinCapacity"] === "number" && typeof scaling["MaxCapacity"] === "number") {
    out["serverlessv2_scaling_configuration"] = { min_capacity: scaling["MinCapacity"], max_capacity: scaling["MaxCapacity"] };
  }
  return out as ImportAttributes;
}

export function memberImportAttributes(raw: Raw): ImportAttributes {
  return collect(raw, MEMBER);
}

export function standaloneImportAttributes(raw: Raw): ImportAttributes {
  return collect(raw, STANDALONE);
}
