// Live-scan bench: 1,000 clusters over 3 regions served by the fake AWS server with 20 ms per call; requests vs minimum, wall vs critical path, and a 20%-throttled run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generateFleet } from "./generate-fleet.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const REGIONS = ["eu-west-1", "us-east-1", "us-west-2"];
const PAGE = 100;

/** The generated AWS-JSON fleet dealt round-robin over three regions, as the fake server's fleet. */
function benchFleet(clusters) {
  const dir = mkdtempSync(join(tmpdir(), "haspec-live-bench-"));
  try {
    generateFleet(dir, clusters);
    const read = (f, key) => JSON.parse(readFileSync(join(dir, f), "utf8"))[key];
    const allClusters = read("describe-db-clusters.json", "DBClusters");
    const allInstances = read("describe-db-instances.json", "DBInstances");
    const events = read("describe-event-subscriptions.json", "EventSubscriptionsList");
    const paramFile = readdirParams(dir);
    const regionOfCluster = new Map(allClusters.map((c, i) => [c.DBClusterIdentifier, REGIONS[i % REGIONS.length]]));
    const regions = {};
    for (const r of REGIONS) {
      regions[r] = { DBClusters: [], DBInstances: [], Parameters: paramFile, EventSubscriptionsList: events, DBProxies: [], Targets: {} };
    }
    for (const c of allClusters) regions[regionOfCluster.get(c.DBClusterIdentifier)].DBClusters.push(c);
    for (const i of allInstances) regions[regionOfCluster.get(i.DBClusterIdentifier) ?? REGIONS[0]].DBInstances.push(i);
    return { accounts: { "123456789012": { regions, zones: [] } }, defaultAccount: "123456789012" };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readdirParams(dir) {
  const out = {};
  for (const f of ["bench-aurora-mysql80"]) {
    try {
      out[f] = JSON.parse(readFileSync(join(dir, `describe-db-cluster-parameters.${f}.json`), "utf8")).Parameters;
    } catch {
      /* the generator may not write it */
    }
  }
  return out;
}

/** Fewest requests a complete scan needs, and the longest chain of requests that must follow one another. */
function minimum(fleet) {
  let requests = 2; // GetCallerIdentity, ListHostedZones (no zones)
  let longest = 0;
  for (const r of Object.values(fleet.accounts["123456789012"].regions)) {
    const pages = (n) => Math.max(1, Math.ceil(n / PAGE));
    const groups = new Set(r.DBClusters.map((c) => c.DBClusterParameterGroup).filter((g) => !g.startsWith("default.")));
    requests += pages(r.DBClusters.length) + pages(r.DBInstances.length) + pages(r.EventSubscriptionsList.length) + 1 + groups.size;
    longest = Math.max(longest, pages(r.DBClusters.length) + (groups.size > 0 ? 1 : 0), pages(r.DBInstances.length));
  }
  return { requests, chain: longest + 1 }; // + GetCallerIdentity, which comes first
}

/** Runs the bench and prints its table; resolves with the figures. */
export async function benchLiveScan({ clusters = 1000, latencyMs = 20, out = process.stdout } = {}) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const { tsImport } = await import("tsx/esm/api");
  const server = await tsImport(join(ROOT, "test/support/fake-aws/server.ts"), import.meta.url);
  const live = await tsImport(join(ROOT, "src/sources/aws-live/index.ts"), import.meta.url);
  const fleet = benchFleet(clusters);
  const min = minimum(fleet);
  const credentials = async () => ({ accessKeyId: "AKIAFAKEFAKEFAKE", secretAccessKey: "fake" });
  const options = (url) => ({ regions: REGIONS, roleArns: [], endpointUrl: url, env: {}, now: () => new Date() });

  const run = async (fault) => {
    const fake = await server.startFakeAws(fleet, { latencyMs, ...fault });
    try {
      const t0 = performance.now();
      const bundle = await live.scanLiveAws(options(fake.url), { credentials });
      const wall = performance.now() - t0;
      const scanned = Object.values(bundle.data).reduce((n, d) => n + (d.DBClusters?.length ?? 0), 0);
      return { requests: fake.log.length, throttled: fake.log.filter((r) => r.fault === "throttle").length, wall, scanned, errors: bundle.errors.length, bundle };
    } finally {
      await fake.close();
    }
  };
  await run({}); // warm-up: module loading and JIT are start-up, not scan time
  const clean = await run({});
  const throttled = await run({ throttleRate: 0.2 });
  const strip = (b) => JSON.stringify({ ...b, calls: undefined, capturedAt: undefined });
  const identical = strip(clean.bundle) === strip(throttled.bundle);
  const critical = min.chain * latencyMs;

  const rows = [
    ["live scan", `${clusters} clusters, ${REGIONS.length} regions, ${latencyMs} ms/call`],
    ["requests", `${clean.requests} (minimum ${min.requests})${clean.requests === min.requests ? "  ok" : "  ABOVE MINIMUM"}`],
    ["wall", `${clean.wall.toFixed(0)} ms (critical path ${critical} ms = ${min.chain} sequential calls; ${(clean.wall / critical).toFixed(2)}x, target <= 1.5x)`],
    ["20% throttled", `${throttled.requests} requests (${throttled.throttled} throttled), ${throttled.wall.toFixed(0)} ms, results ${identical ? "identical" : "DIFFERENT"}, ${throttled.errors} failed calls`],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) out.write(`${k.padEnd(width)}  ${v}\n`);
  return { clean, throttled: { ...throttled, bundle: undefined }, minimum: min, critical, identical };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLiveScan();
