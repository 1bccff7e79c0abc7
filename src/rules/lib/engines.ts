// Engine families and the Terraform resource types that carry a resource's settings.
import type { Resource } from "../../model/resource.js";

/** Engines that write MySQL binary logs: Aurora MySQL (both names), RDS for MySQL and MariaDB. */
const MYSQL_FAMILY = new Set(["aurora", "aurora-mysql", "mysql", "mariadb"]);

export function isMysqlFamily(engine: string): boolean {
  return MYSQL_FAMILY.has(engine.toLowerCase());
}

/** Aurora MySQL under either engine name (`aurora` is the 5.6-compatible original). */
export function isAuroraMysql(engine: string): boolean {
  const e = engine.toLowerCase();
  return e === "aurora" || e === "aurora-mysql";
}

/**
 * `applicable` for binlog rules: true for MySQL-family engines, otherwise the reason. PostgreSQL
 * gets a pointer to its analogue so the user knows what to look at instead.
 */
export function mysqlFamilyOnly(resource: Resource): true | string {
  if (isMysqlFamily(resource.engine)) return true;
  const e = resource.engine.toLowerCase();
  if (e.includes("postgres")) {
    return `${resource.engine} has no MySQL binary log (its change stream is logical replication, rds.logical_replication)`;
  }
  return `binary log settings apply to MySQL-family engines only, not ${resource.engine}`;
}

/**
 * Where an instance-level setting lives in Terraform: members of an Aurora cluster are
 * aws_rds_cluster_instance; a Multi-AZ DB cluster has no per-member resource, its instance settings
 * sit on aws_rds_cluster; a standalone instance is aws_db_instance.
 */
export function instanceSettingResourceType(resource: Resource): "aws_db_instance" | "aws_rds_cluster_instance" | "aws_rds_cluster" {
  if (resource.kind === "instance") return "aws_db_instance";
  if (resource.kind === "multi-az-cluster") return "aws_rds_cluster";
  return "aws_rds_cluster_instance";
}

/** Where a resource-level setting lives in Terraform. */
export function resourceSettingResourceType(resource: Resource): "aws_db_instance" | "aws_rds_cluster" {
  return resource.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster";
}
