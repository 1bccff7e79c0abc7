// The cluster a drill acts on, read through the drill's read client: status, members, endpoints, tags, RDS Proxy.
import { UserError } from "../errors.js";
import { parseArn } from "../sources/aws-json/arn.js";
import type { DrillAws } from "./aws.js";

export interface DrillInstance {
  readonly id: string;
  readonly isWriter: boolean;
  readonly promotionTier: number | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly availabilityZone: string | null;
}

export interface DrillTarget {
  readonly id: string;
  readonly region: string;
  readonly account: string | null;
  /** The cluster's ARN. */
  readonly address: string;
  readonly status: string;
  readonly engine: string;
  readonly endpoint: string | null;
  readonly port: number | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly instances: readonly DrillInstance[];
  /** The RDS Proxy that fronts the cluster (by name, from the scan), with its endpoint; null when none. */
  readonly proxy: { readonly name: string; readonly host: string } | null;
}

/** The MySQL family (probes ask MySQL questions) or PostgreSQL; null for an engine no probe speaks. */
export function engineFlavour(engine: string): "mysql" | "postgresql" | null {
  if (/^(aurora|aurora-mysql|mysql|mariadb)$/i.test(engine)) return "mysql";
  if (/^(aurora-postgresql|postgres)$/i.test(engine)) return "postgresql";
  return null;
}

/** Reads the cluster, its member instances and (when `proxyName` is given) the proxy's endpoint. Throws UserError when the cluster does not exist. */
export async function readTarget(aws: DrillAws, clusterId: string, region: string, proxyName: string | undefined): Promise<DrillTarget> {
  const { DescribeDBClustersCommand, DescribeDBInstancesCommand, DescribeDBProxiesCommand } = aws.rds;
  let cluster;
  try {
    cluster = (await aws.reads.send(new DescribeDBClustersCommand({ DBClusterIdentifier: clusterId }))).DBClusters?.[0];
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "DBClusterNotFoundFault") throw new UserError(`haspec drill: no cluster ${JSON.stringify(clusterId)} in ${region}; check --cluster and --region`);
    throw new UserError(`haspec drill: DescribeDBClusters of ${JSON.stringify(clusterId)} failed: ${(error as Error).message}`);
  }
  if (cluster === undefined) throw new UserError(`haspec drill: no cluster ${JSON.stringify(clusterId)} in ${region}; check --cluster and --region`);
  const members = cluster.DBClusterMembers ?? [];
  const ids = new Set(members.map((m) => m.DBInstanceIdentifier));
  const described = new Map<string, { host: string | null; port: number | null; az: string | null }>();
  if (members.length > 0) {
    const out = await aws.reads.send(
      new DescribeDBInstancesCommand({ Filters: [{ Name: "db-cluster-id", Values: [cluster.DBClusterIdentifier ?? clusterId] }] }),
    );
    for (const i of out.DBInstances ?? []) {
      if (i.DBInstanceIdentifier === undefined || !ids.has(i.DBInstanceIdentifier)) continue;
      described.set(i.DBInstanceIdentifier, { host: i.Endpoint?.Address ?? null, port: i.Endpoint?.Port ?? null, az: i.AvailabilityZone ?? null });
    }
  }
  let proxy: DrillTarget["proxy"] = null;
  if (proxyName !== undefined) {
    const p = (await aws.reads.send(new DescribeDBProxiesCommand({ DBProxyName: proxyName }))).DBProxies?.[0];
    if (p?.Endpoint) proxy = { name: proxyName, host: p.Endpoint };
  }
  const arn = cluster.DBClusterArn ?? "";
  return {
    id: cluster.DBClusterIdentifier ?? clusterId,
    region,
    account: parseArn(arn)?.account ?? null,
    address: arn,
    status: cluster.Status ?? "unknown",
    engine: cluster.Engine ?? "unknown",
    endpoint: cluster.Endpoint ?? null,
    port: cluster.Port ?? null,
    tags: Object.fromEntries((cluster.TagList ?? []).flatMap((t) => (t.Key === undefined ? [] : [[t.Key, t.Value ?? ""]]))),
    instances: members.map((m) => {
      const id = m.DBInstanceIdentifier ?? "?";
      const d = described.get(id);
      return {
        id,
        isWriter: m.IsClusterWriter === true,
        promotionTier: m.PromotionTier ?? null,
        host: d?.host ?? null,
        port: d?.port ?? null,
        availabilityZone: d?.az ?? null,
      };
    }),
    proxy,
  };
}
