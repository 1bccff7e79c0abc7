// Which engines make which resource kind; Neptune and DocumentDB share the RDS API but are not RDS.
import type { ResourceKind } from "../../model/resource.js";

const NOT_RDS: Readonly<Record<string, string>> = { neptune: "Neptune", docdb: "DocumentDB", "docdb-elastic": "DocumentDB" };

/** "Neptune" / "DocumentDB" for engines that are not RDS, undefined for RDS engines. */
export function nonRdsEngineName(engine: string): string | undefined {
  const e = engine.toLowerCase();
  return Object.hasOwn(NOT_RDS, e) ? NOT_RDS[e] : undefined;
}

export function isAuroraEngine(engine: string): boolean {
  const e = engine.toLowerCase();
  return e === "aurora" || e.startsWith("aurora-");
}

/** Aurora MySQL (`aurora` is the Aurora MySQL 5.6 engine name), the only engine with backtrack. */
export function isAuroraMysql(engine: string): boolean {
  const e = engine.toLowerCase();
  return e === "aurora" || e === "aurora-mysql";
}

/**
 * The kind of a DBCluster, or undefined when haspec does not check it. A DBCluster of an RDS engine
 * (mysql, postgres) is always a Multi-AZ DB cluster: RDS has no other kind of cluster. Its
 * DBClusterInstanceClass confirms it, but an output without that field is still one.
 */
export function clusterKind(engine: string): ResourceKind | undefined {
  if (isAuroraEngine(engine)) return "aurora-cluster";
  const e = engine.toLowerCase();
  if (e === "mysql" || e === "postgres") return "multi-az-cluster";
  return undefined;
}
