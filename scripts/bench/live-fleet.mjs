// The live-scan bench's fleet (the generated AWS-JSON fleet dealt round-robin over three regions) and the fewest requests / longest chain a scan of it needs.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CUSTOM_GROUP, generateFleet } from "./generate-fleet.mjs";

export const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"];
export const ACCOUNT = "123456789012";
const PAGE = 100;

/** The fake server's fleet: `clusters` generated clusters (and their instances) over REGIONS, one account, no zones. */
export function benchFleet(clusters) {
  const dir = mkdtempSync(join(tmpdir(), "haspec-live-bench-"));
  try {
    generateFleet(dir, clusters);
    const read = (f, key) => JSON.parse(readFileSync(join(dir, f), "utf8"))[key];
    const allClusters = read("describe-db-clusters.json", "DBClusters");
    const allInstances = read("describe-db-instances.json", "DBInstances");
    const events = read("describe-event-subscriptions.json", "EventSubscriptionsList");
    const params = {};
    try {
      params[CUSTOM_GROUP] = read(`describe-db-cluster-parameters.${CUSTOM_GROUP}.json`, "Parameters");
    } catch {
      /* the generator may not write it */
    }
    const regionOfCluster = new Map(allClusters.map((c, i) => [c.DBClusterIdentifier, REGIONS[i % REGIONS.length]]));
    const regions = {};
    for (const r of REGIONS) {
      regions[r] = { DBClusters: [], DBInstances: [], Parameters: params, EventSubscriptionsList: events, DBProxies: [], Targets: {} };
    }
    for (const c of allClusters) regions[regionOfCluster.get(c.DBClusterIdentifier)].DBClusters.push(c);
    for (const i of allInstances) regions[regionOfCluster.get(i.DBClusterIdentifier) ?? REGIONS[0]].DBInstances.push(i);
    return { accounts: { [ACCOUNT]: { regions, zones: [] } }, defaultAccount: ACCOUNT };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Fewest requests a complete scan needs, and the longest chain of requests that must follow one
 * another: per region the longer of (cluster pages, then the parameter groups, read at once) and
 * the instance pages; everything else, GetCallerIdentity included, can run alongside.
 */
export function minimum(fleet) {
  let requests = 2; // GetCallerIdentity, ListHostedZones (no zones)
  let longest = 0;
  const perRegion = {};
  for (const [name, r] of Object.entries(fleet.accounts[ACCOUNT].regions)) {
    const pages = (n) => Math.max(1, Math.ceil(n / PAGE));
    const groups = new Set(r.DBClusters.map((c) => c.DBClusterParameterGroup).filter((g) => !g.startsWith("default.")));
    requests += pages(r.DBClusters.length) + pages(r.DBInstances.length) + pages(r.EventSubscriptionsList.length) + 1 + groups.size;
    const chain = Math.max(pages(r.DBClusters.length) + (groups.size > 0 ? 1 : 0), pages(r.DBInstances.length));
    perRegion[name] = chain;
    longest = Math.max(longest, chain);
  }
  return { requests, chain: longest, perRegion };
}
