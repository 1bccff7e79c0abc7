// The fake AWS server's data: accounts, regions and zones, loaded from AWS CLI JSON directories (one per region, plus route53/).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { addComputeDoc, emptyCompute, type FakeCompute } from "./compute.js";

export interface FakeRegion {
  DBClusters: Record<string, unknown>[];
  DBInstances: Record<string, unknown>[];
  /** Every parameter (any Source) per cluster parameter group name. */
  Parameters: Record<string, Record<string, unknown>[]>;
  EventSubscriptionsList: Record<string, unknown>[];
  DBProxies: Record<string, unknown>[];
  Targets: Record<string, Record<string, unknown>[]>;
  /** DescribeEvents: RDS events (SourceIdentifier, SourceType, Message, EventCategories, Date as ISO text, SourceArn). */
  Events?: Record<string, unknown>[];
  /** The application tier (Auto Scaling, EC2, ELB, CloudWatch alarms); none = empty lists. */
  compute?: FakeCompute;
}

export interface FakeZone {
  /** Without `/hostedzone/`. */
  readonly id: string;
  readonly name: string;
  readonly records: Record<string, unknown>[];
}

export interface FakeAccount {
  regions: Record<string, FakeRegion>;
  zones: FakeZone[];
  /** Aurora Global Databases: DescribeGlobalClusters answers with every one of the account in any region. */
  globalClusters?: Record<string, unknown>[];
}

export interface FakeFleet {
  accounts: Record<string, FakeAccount>;
  /** The account of access keys the server did not issue (the caller's own). */
  defaultAccount: string;
  /** Secrets Manager: ARN → SecretString. */
  secrets?: Record<string, string>;
}

export function emptyRegion(): FakeRegion {
  return { DBClusters: [], DBInstances: [], Parameters: {}, EventSubscriptionsList: [], DBProxies: [], Targets: {} };
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}

/** `describe-db-cluster-parameters.G.json` → `G`. */
function nameAfter(prefix: string, file: string): string | undefined {
  const b = basename(file);
  return b.startsWith(prefix) && b.endsWith(".json") ? b.slice(prefix.length, -5) : undefined;
}

/**
 * A fleet from a directory like examples/demo-fleet: `<region>/*.json` (the region is the directory
 * name) and `route53/list-resource-record-sets.<zone>.json`. The account comes from the first ARN.
 */
export function fleetFromAwsJsonDir(dir: string, account?: string): FakeFleet {
  const acct: FakeAccount = { regions: {}, zones: [] };
  let found = account;
  for (const sub of readdirSync(dir).sort()) {
    const path = join(dir, sub);
    if (!statSync(path).isDirectory()) continue;
    if (sub === "route53") {
      for (const f of readdirSync(path).sort()) {
        const id = nameAfter("list-resource-record-sets.", f);
        if (id === undefined) continue;
        const records = (readJson(join(path, f))["ResourceRecordSets"] ?? []) as Record<string, unknown>[];
        const apex = records.find((r) => r["Type"] === "SOA") ?? records.find((r) => r["Type"] === "NS") ?? records[0];
        acct.zones.push({ id, name: String(apex?.["Name"] ?? `${id.toLowerCase()}.example.`), records });
      }
      continue;
    }
    const region = emptyRegion();
    const compute = emptyCompute();
    for (const f of readdirSync(path).sort()) {
      if (!f.endsWith(".json")) continue;
      const doc = readJson(join(path, f));
      addComputeDoc(compute, doc, f);
      const group = nameAfter("describe-db-cluster-parameters.", f);
      const proxy = nameAfter("describe-db-proxy-targets.", f);
      if (group !== undefined) region.Parameters[group] = doc["Parameters"] as Record<string, unknown>[];
      else if (proxy !== undefined) region.Targets[proxy] = doc["Targets"] as Record<string, unknown>[];
      else {
        for (const key of ["DBClusters", "DBInstances", "EventSubscriptionsList", "DBProxies"] as const) {
          if (Array.isArray(doc[key])) region[key].push(...(doc[key] as Record<string, unknown>[]));
        }
        for (const g of Array.isArray(doc["GlobalClusters"]) ? (doc["GlobalClusters"] as Record<string, unknown>[]) : []) {
          acct.globalClusters ??= [];
          if (!acct.globalClusters.some((x) => x["GlobalClusterArn"] === g["GlobalClusterArn"])) acct.globalClusters.push(g);
        }
      }
    }
    if (JSON.stringify(compute) !== JSON.stringify(emptyCompute())) region.compute = compute;
    acct.regions[sub] = region;
    if (found === undefined) {
      const arn = region.DBClusters.map((c) => c["DBClusterArn"]).find((a) => typeof a === "string") as string | undefined;
      found = arn?.split(":")[4];
    }
  }
  const id = found ?? "123456789012";
  return { accounts: { [id]: acct }, defaultAccount: id };
}
