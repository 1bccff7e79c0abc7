// Which engines make which resource kind; Neptune and DocumentDB share the RDS API but are not RDS.
import type { ResourceKind } from "../../model/resource.js";

const NOT_RDS: Readonly<Record<string, string>> = { neptune: "Neptune", docdb: "DocumentDB", "docdb-elastic": "DocumentDB" };

/** "Neptune" / "DocumentDB" for engines that are not RDS, undefined for RDS engines. */
export function nonRdsEngineName(engine: string): string | undefined {
  return Object.hasOwn(NOT_RDS, engine) ? NOT_RDS[engine] : undefined;
}

export function isAuroraEngine(engine: string): boolean {
  return engine === "aurora" || engine.startsWith("aurora-");
}

/** Aurora MySQL (`aurora` is the Aurora MySQL 5.6 engine name), the only engine with backtrack. */
export function isAuroraMysql(engine: string): boolean {
  return engine === "aurora" || engine === "aurora-mysql";
}

/** The kind of a DBCluster, or undefined when haspec does not check it. */
export function clusterKind(engine: string, clusterInstanceClass: unknown): ResourceKind | undefined {
  if (isAuroraEngine(engine)) return "aurora-cluster";
  if ((engine === "mysql" || engine === "postgres") && typeof clusterInstanceClass === "string" && clusterInstanceClass !== "") {
    return "multi-az-cluster";
  }
  return undefined;
}
