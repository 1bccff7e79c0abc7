// The live scan: reads every account and region the options name into a snapshot bundle; a failed call is an error entry, never a crash.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { Value } from "../../model/value.js";
import type { LiveScanOptions } from "../options.js";
import type { BinlogReading, RegionData, Route53Data, ScanError, SnapshotBundle } from "../snapshot/bundle.js";
import { SNAPSHOT_FORMAT } from "../snapshot/bundle.js";
import type { AwsClientFactory } from "./clients.js";
import { credentialsFromEnv, type DbCredentials, type SqlTarget } from "./sql/binlog-retention.js";
import { itemsOfPages, MAX_PAGES, nextRecordStart, tooManyPages, type Paginate, type RecordStart } from "./pages.js";
import { describeError, mapBounded, plain } from "./util.js";
import { parseArn } from "../aws-json/arn.js";
import { scanComputeTier } from "./compute.js";
import { stripZonePrefix } from "../aws-json/dns.js";

export interface ScanDeps {
  readonly clients: AwsClientFactory;
  /** Account/region places read at once. */
  readonly concurrency: number;
  /** Calls in flight within one place (parameter groups, proxies, zones). */
  readonly innerConcurrency: number;
  /** Page size of every paginated call; undefined = the API maximum (RDS 100, hosted zones 100, records 300). */
  readonly pageSize?: number;
  /** Pages one call may read (default MAX_PAGES); a call whose pages keep coming fails. */
  readonly maxPages?: number;
  readonly readBinlog: (target: SqlTarget) => Promise<Value<number | null>>;
  readonly tool: { readonly name: string; readonly version: string };
  /** Requests sent per operation, filled by a recorder middleware on every client (see readLiveAws). */
  readonly calls: ReadonlyMap<string, number>;
  /** Called when the number of places is known and as each finishes (progress display). */
  readonly onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent = { readonly kind: "places"; readonly total: number } | { readonly kind: "place-done" };

/** Thrown for a scan that cannot start (no region to scan); the CLI reports it as a usage error. */
export class ScanSetupError extends Error {}

interface Principal {
  /** Account id, or the role ARN's account; `unknown-account` until learnt. */
  account: string;
  readonly credentials: AwsCredentialIdentityProvider;
  readonly roleArn?: string;
  /** True once `account` is final; false when the caller's identity could not be read (then nothing read with these credentials is reported). */
  identified: Promise<boolean>;
}

const UNKNOWN_ACCOUNT = "unknown-account";

/** Engines whose clusters take `CALL mysql.rds_show_configuration`. */
function isMysqlFamily(engine: unknown): boolean {
  return typeof engine === "string" && /^(aurora|aurora-mysql|mysql|mariadb)$/i.test(engine);
}

type CallFailure = Omit<ScanError, "scope">;

/** `fn`'s result, or undefined after handing its failure (the call, its target and the error in one line) to `failed`. */
async function tryCall<T>(call: string, target: string | undefined, fn: () => Promise<T>, failed: (failure: CallFailure) => void): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    failed({ call, ...(target === undefined ? {} : { target }), error: describeError(error) });
    return undefined;
  }
}

/** Sorts object keys (one level) so bundles come out the same for the same fleet. */
function sortedRecord<T>(entries: readonly (readonly [string, T])[]): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`…: the partition a region name belongs to. */
function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  const iso = /^[a-z]+-(iso[a-z]*)-/.exec(region);
  return iso === null ? "aws" : `aws-${iso[1]}`;
}

/**
 * The regions of a DescribeRegions answer a scan reads: those enabled for the account (AWS lists
 * only these; moto lists regions not opted in too) in the partition of the region the scan started
 * from (other partitions need other credentials).
 */
export function scannableRegions(listed: readonly { RegionName?: string; OptInStatus?: string }[], homeRegion: string): string[] {
  const partition = partitionOf(homeRegion);
  return listed
    .filter((r) => r.OptInStatus !== "not-opted-in")
    .map((r) => r.RegionName)
    .filter((name): name is string => typeof name === "string" && name !== "" && partitionOf(name) === partition);
}

export async function scanAws(options: LiveScanOptions, deps: ScanDeps): Promise<SnapshotBundle> {
  const capturedAt = options.now().toISOString();
  const { clients } = deps;
  const errors: ScanError[] = [];
  const attempt = <T>(scope: string, call: string, target: string | undefined, fn: () => Promise<T>) =>
    tryCall(call, target, fn, (failure) => errors.push({ scope, ...failure }));
  const pageSize = (max: number) => Math.min(deps.pageSize ?? max, max);
  const maxPages = deps.maxPages ?? MAX_PAGES;

  const requested = options.regions.map((r) => r.trim()).filter((r) => r !== "");
  const wantsAll = requested.some((r) => r.toLowerCase() === "all");
  const homeRegion = (!wantsAll ? requested[0] : undefined) ?? (await clients.defaultRegion());
  if (homeRegion === undefined && (!wantsAll || requested.length === 0)) {
    throw new ScanSetupError("no region to scan: pass --region REGION (repeatable, or --region all), or set AWS_REGION");
  }
  const apiRegion = homeRegion ?? "us-east-1";

  // Accounts: the caller's own, or one per role.
  const principals: Principal[] = [];
  if (options.roleArns.length === 0) {
    const credentials = clients.baseCredentials();
    const principal: Principal = { account: UNKNOWN_ACCOUNT, credentials, identified: Promise.resolve(false) };
    // Only the account id comes from GetCallerIdentity, so the reads start alongside it instead of one round trip later.
    principal.identified = attempt("caller", "GetCallerIdentity", undefined, async () => {
      return clients.sts(apiRegion, credentials).send(new clients.sdk.sts.GetCallerIdentityCommand({}));
    }).then((identity) => {
      if (identity === undefined) return false;
      principal.account = identity.Account ?? UNKNOWN_ACCOUNT;
      return true;
    });
    principals.push(principal);
  } else {
    for (const roleArn of [...new Set(options.roleArns)]) {
      const account = parseArn(roleArn)?.account || UNKNOWN_ACCOUNT;
      const credentials = clients.assumeRole(roleArn, apiRegion);
      const ok = await attempt(account, "AssumeRole", roleArn, async () => {
        await credentials();
        return true;
      });
      if (ok) principals.push({ account, credentials, roleArn, identified: Promise.resolve(true) });
    }
  }

  // Regions per account.
  const places: { principal: Principal; region: string }[] = [];
  for (const principal of principals) {
    let regions = requested.filter((r) => r.toLowerCase() !== "all");
    if (wantsAll) {
      if (!(await principal.identified)) continue;
      const listed = await attempt(principal.account, "DescribeRegions", undefined, async () => {
        const [client, { DescribeRegionsCommand }] = await Promise.all([clients.ec2(apiRegion, principal.credentials), clients.sdk.ec2()]);
        const out = await client.send(new DescribeRegionsCommand({}));
        return scannableRegions(out.Regions ?? [], apiRegion);
      });
      regions = [...regions, ...(listed ?? [])];
    }
    if (regions.length === 0 && !wantsAll && homeRegion !== undefined) regions = [homeRegion];
    for (const region of [...new Set(regions)].sort()) places.push({ principal, region });
  }

  const data = new Map<string, RegionData | Route53Data>();
  const tasks: (() => Promise<void>)[] = [];
  for (const place of places) tasks.push(() => scanRegion(place.principal, place.region));
  for (const principal of principals) tasks.push(() => scanRoute53(principal));
  deps.onProgress?.({ kind: "places", total: tasks.length });
  let db: Promise<DbCredentials | { unknown: string } | undefined> | undefined;

  /**
   * The calls of one place (`${account}/${name}`): their errors are held until the account is
   * known; `finish` then reports them and gives the place's key, or undefined when the
   * principal's identity could not be read (its reads are dropped, as if never made).
   */
  function placeCalls(principal: Principal, name: string) {
    const failed: CallFailure[] = [];
    return {
      attempt: <T>(call: string, target: string | undefined, fn: () => Promise<T>) => tryCall(call, target, fn, (failure) => failed.push(failure)),
      async finish(): Promise<string | undefined> {
        if (!(await principal.identified)) return undefined;
        const scope = `${principal.account}/${name}`;
        for (const f of failed) errors.push({ scope, ...f });
        return scope;
      },
    };
  }

  async function scanRegion(principal: Principal, region: string): Promise<void> {
    const place = placeCalls(principal, region);
    const rds = clients.rds(region, principal.credentials);
    const sdk = clients.sdk.rds;
    const config = { client: rds, pageSize: pageSize(100) };
    /** Every item of an RDS operation's pages (Marker pagination), or undefined once the call failed. */
    const pages = <I extends { Marker?: string | undefined }, P extends { Marker?: string | undefined }>(
      operation: string,
      target: string | undefined,
      paginate: Paginate<I, P>,
      input: NoInfer<I>,
      pick: (page: P) => readonly unknown[] | undefined,
    ) => place.attempt(operation, target, () => itemsOfPages(paginate, config, input, { in: "Marker", out: "Marker" }, pick, maxPages));

    const clustersRead = pages("DescribeDBClusters", undefined, sdk.paginateDescribeDBClusters, {}, (p) => p.DBClusters);
    const instancesRead = pages("DescribeDBInstances", undefined, sdk.paginateDescribeDBInstances, {}, (p) => p.DBInstances);
    const eventsRead = pages("DescribeEventSubscriptions", undefined, sdk.paginateDescribeEventSubscriptions, {}, (p) => p.EventSubscriptionsList);
    // Global, but asked in every region: each answer is complete on its own, so one denied region loses nothing another answered.
    const globalRead = pages("DescribeGlobalClusters", undefined, sdk.paginateDescribeGlobalClusters, {}, (p) => p.GlobalClusters);
    const proxiesRead = (async () => {
      const proxies = await pages("DescribeDBProxies", undefined, sdk.paginateDescribeDBProxies, {}, (p) => p.DBProxies);
      if (proxies === undefined) return { proxies, targets: undefined };
      const names = [...new Set(proxies.map((p) => (p as { DBProxyName?: string }).DBProxyName).filter((n): n is string => typeof n === "string"))];
      const lists = await mapBounded(names, deps.innerConcurrency, (name) =>
        pages("DescribeDBProxyTargets", name, sdk.paginateDescribeDBProxyTargets, { DBProxyName: name }, (p) => p.Targets),
      );
      const targets = sortedRecord(names.flatMap((n, i) => (lists[i] === undefined ? [] : [[n, lists[i]!] as const])));
      return { proxies, targets };
    })();
    const clustersThen = (async () => {
      const clusters = await clustersRead;
      if (clusters === undefined) return { parameters: undefined, binlog: undefined };
      const groups = [
        ...new Set(
          clusters
            .map((c) => (c as { DBClusterParameterGroup?: unknown }).DBClusterParameterGroup)
            .filter((g): g is string => typeof g === "string" && g !== "" && !g.toLowerCase().startsWith("default.")),
        ),
      ].sort();
      const [lists, binlog] = await Promise.all([
        mapBounded(groups, deps.innerConcurrency, (group) =>
          pages("DescribeDBClusterParameters", group, sdk.paginateDescribeDBClusterParameters, { DBClusterParameterGroupName: group, Source: "user" }, (p) => p.Parameters),
        ),
        // SQL (and the database secret) only for an account whose identity was read: otherwise all of it is dropped.
        principal.identified.then((identified) => (identified ? readBinlogRetention(clusters) : undefined)),
      ]);
      return { parameters: sortedRecord(groups.flatMap((g, i) => (lists[i] === undefined ? [] : [[g, lists[i]!] as const]))), binlog };
    })();

    const computeRead = options.applicationTier === false ? Promise.resolve({}) : scanComputeTier({
      clients,
      region,
      credentials: principal.credentials,
      attempt: place.attempt,
      pageSize,
      maxPages,
      innerConcurrency: deps.innerConcurrency,
    });
    const [clusters, instances, events, proxied, after, globals, compute] = await Promise.all([
      clustersRead,
      instancesRead,
      eventsRead,
      proxiesRead,
      clustersThen,
      globalRead,
      computeRead,
    ]);
    const region_: RegionData = {};
    if (clusters !== undefined) region_.DBClusters = clusters;
    if (instances !== undefined) region_.DBInstances = instances;
    if (after.parameters !== undefined) region_.Parameters = after.parameters;
    if (events !== undefined) region_.EventSubscriptionsList = events;
    if (proxied.proxies !== undefined) region_.DBProxies = proxied.proxies;
    if (proxied.targets !== undefined) region_.Targets = proxied.targets;
    if (globals !== undefined) region_.GlobalClusters = globals;
    if (after.binlog !== undefined && Object.keys(after.binlog).length > 0) region_.BinlogRetentionHours = after.binlog;
    Object.assign(region_, compute);
    const key = await place.finish();
    if (key !== undefined) data.set(key, region_);
  }

  /** Binlog retention of each MySQL-family cluster, over SQL; undefined without database credentials. */
  async function readBinlogRetention(clusters: readonly unknown[]): Promise<Record<string, BinlogReading> | undefined> {
    const targets = clusters.filter((c) => isMysqlFamily((c as { Engine?: unknown }).Engine)) as { DBClusterIdentifier?: string; Endpoint?: string; Port?: number }[];
    if (targets.length === 0) return undefined;
    db ??= databaseCredentials();
    const creds = await db;
    if (creds === undefined) return undefined;
    const readings = await mapBounded(targets, deps.innerConcurrency, async (c): Promise<[string, BinlogReading] | undefined> => {
      if (typeof c.DBClusterIdentifier !== "string") return undefined;
      if ("unknown" in creds) return [c.DBClusterIdentifier, { unknown: creds.unknown }];
      if (typeof c.Endpoint !== "string" || typeof c.Port !== "number") {
        return [c.DBClusterIdentifier, { unknown: "the cluster has no endpoint to connect to for CALL mysql.rds_show_configuration" }];
      }
      const v = await deps.readBinlog({ host: c.Endpoint, port: c.Port, user: creds.user, password: creds.password });
      return [c.DBClusterIdentifier, v.known ? { value: v.value } : { unknown: v.reason }];
    });
    return sortedRecord(readings.filter((r): r is [string, BinlogReading] => r !== undefined));
  }

  /** `--db-secret-arn` (Secrets Manager {username, password}), else HASPEC_DB_USER / HASPEC_DB_PASSWORD. */
  async function databaseCredentials(): Promise<DbCredentials | { unknown: string } | undefined> {
    const arn = options.dbSecretArn;
    if (arn === undefined) return credentialsFromEnv(options.env);
    const region = parseArn(arn)?.region || apiRegion;
    const secret = await attempt("db-secret", "GetSecretValue", arn, async () => {
      const [client, { GetSecretValueCommand }] = await Promise.all([clients.secrets(region, clients.baseCredentials()), clients.sdk.secrets()]);
      const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
      return out.SecretString;
    });
    if (secret === undefined) {
      const failed = errors.find((e) => e.call === "GetSecretValue");
      return { unknown: `the database secret could not be read (GetSecretValue failed: ${failed?.error ?? "no SecretString"})` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(secret);
    } catch {
      // The parser's message quotes the text: never pass it on.
      return { unknown: "the database secret is not JSON with username and password" };
    }
    const { username, password } = (parsed ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== "string" || typeof password !== "string" || username === "" || password === "") {
      return { unknown: "the database secret has no username and password" };
    }
    return { user: username, password };
  }

  async function scanRoute53(principal: Principal): Promise<void> {
    const place = placeCalls(principal, "route53");
    const client = clients.route53(principal.credentials);
    const sdk = clients.sdk.route53;
    const zones = await place.attempt("ListHostedZones", undefined, () =>
      itemsOfPages(sdk.paginateListHostedZones, { client, pageSize: pageSize(100) }, {}, { in: "Marker", out: "NextMarker" }, (p) => p.HostedZones, maxPages),
    );
    if (zones === undefined) {
      const key = await place.finish();
      if (key !== undefined) data.set(key, {});
      return;
    }
    const ids = zones.map((z) => stripZonePrefix(String((z as { Id?: unknown }).Id ?? ""))).filter((id) => id !== "");
    const lists = await mapBounded(ids, deps.innerConcurrency, (zoneId) =>
      place.attempt("ListResourceRecordSets", zoneId, async () => {
        const out: unknown[] = [];
        let start: RecordStart = {};
        for (let pages = 1; ; pages++) {
          const page = await client.send(
            new sdk.ListResourceRecordSetsCommand({ HostedZoneId: zoneId, MaxItems: pageSize(300), ...start } as never),
          );
          // Only CNAMEs can point at RDS endpoints (they cannot be alias targets).
          for (const r of page.ResourceRecordSets ?? []) if (r.Type === "CNAME") out.push(plain(r));
          if (!page.IsTruncated) return out;
          if (pages >= maxPages) throw tooManyPages(maxPages);
          start = nextRecordStart(page, start);
        }
      }),
    );
    const r53: Route53Data = {
      HostedZones: zones,
      ResourceRecordSets: sortedRecord(ids.flatMap((id, i) => (lists[i] === undefined ? [] : [[id, lists[i]!] as const]))),
    };
    // Records of a zone that could not be read are missing: DNS is then unknown (see the bundle's errors).
    const key = await place.finish();
    if (key !== undefined) data.set(key, r53);
  }

  await mapBounded(tasks, deps.concurrency, async (task) => {
    await task();
    deps.onProgress?.({ kind: "place-done" });
  });

  const identified = (await Promise.all(principals.map(async (p) => ((await p.identified) ? [p] : [])))).flat();
  const accounts = [...new Set(identified.map((p) => p.account))].sort();
  const regions = [...new Set(places.filter((p) => identified.includes(p.principal)).map((p) => p.region))].sort();
  return {
    haspecSnapshot: SNAPSHOT_FORMAT,
    tool: { name: deps.tool.name, version: deps.tool.version },
    capturedAt,
    accounts,
    regions,
    calls: sortedRecord([...deps.calls.entries()]),
    data: sortedRecord([...data.entries()]),
    errors: [...errors].sort((a, b) => {
      const ka = `${a.scope}\u0000${a.call}\u0000${a.target ?? ""}`;
      const kb = `${b.scope}\u0000${b.call}\u0000${b.target ?? ""}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    }),
  };
}
