// A loopback fake of the AWS APIs haspec reads (RDS Query/XML, plus the drill's FailoverDBCluster and DescribeEvents, Route 53 REST/XML, STS, EC2 DescribeRegions, Secrets Manager JSON, the application tier: Auto Scaling, ELB v2 and Classic, EC2 DescribeInstances, CloudWatch JSON), with fault injection and a request log.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeFleet, FakeRegion } from "./fleet.js";
import {
  ec2DescribeRegions,
  queryEnvelope,
  ec2Error,
  queryError,
  queryMembers,
  queryResult,
  r53Error,
  r53ListHostedZones,
  r53ListRecordSets,
} from "./xml.js";
import { computeCloudWatch, computeEc2, computeQuery, computeQueryError, emptyCompute, type Answer } from "./compute.js";

export type FakeService = "rds" | "route53" | "sts" | "ec2" | "secretsmanager" | "autoscaling" | "elbv2" | "elb" | "cloudwatch";

/** One request as the server understood it. */
export interface FakeRequest {
  readonly service: FakeService;
  readonly action: string;
  readonly region: string;
  readonly account: string;
  readonly accessKeyId: string;
  /** Form parameters (Query), query string (Route 53) or JSON body (Secrets Manager). */
  readonly params: Readonly<Record<string, string>>;
}

export interface LoggedRequest extends FakeRequest {
  readonly status: number;
  /** The injected fault, if any. */
  readonly fault?: "throttle" | "server-error" | "denied" | "hang" | "reset" | HostileMode;
}

/**
 * Answers that are not the API's, or that never end: HTTP 200 with an empty body, an HTML page, XML
 * with another root element, XML cut off mid-element; headers then no body; a body one byte a second;
 * an endless body (written with backpressure: only as fast as the client reads); for RDS lists, an
 * empty page that always names a new next page.
 */
export type HostileMode = "empty-200" | "html-200" | "wrong-root-200" | "truncated-200" | "stall-after-headers" | "trickle" | "endless-body" | "endless-pages";

/** The list each RDS operation pages through (for `endless-pages`). */
const RDS_LIST: Readonly<Record<string, string>> = {
  DescribeDBClusters: "DBClusters",
  DescribeDBInstances: "DBInstances",
  DescribeEventSubscriptions: "EventSubscriptionsList",
  DescribeDBProxies: "DBProxies",
  DescribeDBProxyTargets: "Targets",
  DescribeDBClusterParameters: "Parameters",
  DescribeGlobalClusters: "GlobalClusters",
};

export interface FakeAwsOptions {
  /** Added before every answer; a function may give per-request delays (a slow region). */
  readonly latencyMs?: number | ((r: FakeRequest) => number);
  /** Fraction of requests answered with a throttling error (RDS `Throttling`, Route 53 `ThrottlingException`/`PriorRequestNotComplete`). */
  readonly throttleRate?: number;
  /** Fraction answered 500/503. */
  readonly serverErrorRate?: number;
  /** Requests answered AccessDenied. */
  readonly deny?: (r: FakeRequest) => boolean;
  /** Requests never answered (the client's timeout must fire). */
  readonly hang?: (r: FakeRequest) => boolean;
  /** Requests whose connection is reset without an answer (an unreachable region). */
  readonly reset?: (r: FakeRequest) => boolean;
  /** Requests answered in a hostile way (see HostileMode). */
  readonly hostile?: (r: FakeRequest) => HostileMode | undefined;
  /** Deterministic randomness for the rates (default: a seeded generator). */
  readonly random?: () => number;
  /**
   * Regions DescribeRegions lists (by name: opt-in-not-required; or with their opt-in status, as
   * moto lists regions not opted in too); default: every region of any account.
   */
  readonly enabledRegions?: readonly (string | ListedRegion)[];
  /**
   * Renders each RDS page's XML once and reuses it (bench: big pages cost the server CPU the scan
   * should have). Only for a fleet that does not change while it is served, or across servers of it.
   */
  readonly cachePages?: boolean;
  /**
   * FailoverDBCluster of an `available` cluster with a reader: told the cluster (the fleet's own
   * object), the writer and the target chosen (TargetDBInstanceIdentifier, else the reader Aurora
   * would promote). Without it the failover happens at once (applyFailover). The lab carries it out
   * with delays.
   */
  readonly onFailover?: (failover: FakeFailover) => void;
}

/** A failover the server accepted. */
export interface FakeFailover {
  readonly region: FakeRegion;
  readonly regionName: string;
  readonly cluster: Record<string, unknown>;
  readonly from: string;
  readonly to: string;
}

/** Makes `to` the writer in the cluster's members (what DescribeDBClusters answers afterwards). */
export function switchWriter(cluster: Record<string, unknown>, to: string): void {
  const members = (cluster["DBClusterMembers"] ?? []) as Record<string, unknown>[];
  for (const m of members) m["IsClusterWriter"] = m["DBInstanceIdentifier"] === to;
}

/** An RDS cluster event as DescribeEvents lists it. */
export function clusterEvent(cluster: Record<string, unknown>, message: string, at: Date = new Date()): Record<string, unknown> {
  return {
    SourceIdentifier: cluster["DBClusterIdentifier"],
    SourceType: "db-cluster",
    Message: message,
    EventCategories: ["failover"],
    Date: at.toISOString(),
    SourceArn: cluster["DBClusterArn"],
  };
}

/** The whole failover at once: events 0072 (started) and 0071 (completed), and the new writer. */
export function applyFailover(f: FakeFailover): void {
  f.region.Events ??= [];
  f.region.Events.push(clusterEvent(f.cluster, `Started same AZ failover to DB instance: ${f.to}`));
  switchWriter(f.cluster, f.to);
  f.region.Events.push(clusterEvent(f.cluster, `Completed failover to DB instance: ${f.to}`));
}

/** The reader Aurora promotes: the lowest promotion tier, then the first listed (the fake does not compare sizes). */
function auroraTarget(d: FakeRegion, cluster: Record<string, unknown>): string | undefined {
  const members = (cluster["DBClusterMembers"] ?? []) as Record<string, unknown>[];
  const readers = members.filter((m) => m["IsClusterWriter"] !== true);
  const tier = (m: Record<string, unknown>) => Number(m["PromotionTier"] ?? d.DBInstances.find((i) => i["DBInstanceIdentifier"] === m["DBInstanceIdentifier"])?.["PromotionTier"] ?? 1);
  return [...readers].sort((a, b) => tier(a) - tier(b))[0]?.["DBInstanceIdentifier"] as string | undefined;
}

export interface FakeAws {
  readonly url: string;
  readonly port: number;
  readonly log: LoggedRequest[];
  /** Body bytes written by hostile answers (an endless body stops growing once the client stops reading). */
  hostileBytesSent(): number;
  close(): Promise<void>;
}

/** Mulberry32: a small seeded generator so fault injection repeats run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ISSUED_PREFIX = "ASIAFAKE";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** `Credential=AKID/20260101/us-east-1/rds/aws4_request` → its parts. */
function credentialScope(req: IncomingMessage): { accessKeyId: string; region: string; service: string } {
  const auth = String(req.headers["authorization"] ?? "");
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return m ? { accessKeyId: m[1]!, region: m[2]!, service: m[3]! } : { accessKeyId: "", region: "us-east-1", service: "" };
}

let requestCounter = 0;

/** Rendered RDS pages per listed array (the fleet's own arrays), then per `key marker max`. */
const pageCache = new WeakMap<readonly unknown[], Map<string, string>>();

/** A region as DescribeRegions lists it. */
export interface ListedRegion {
  readonly name: string;
  readonly optInStatus: "opt-in-not-required" | "opted-in" | "not-opted-in";
}

export async function startFakeAws(fleet: FakeFleet, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const log: LoggedRequest[] = [];
  const random = options.random ?? seededRandom(42);
  const issued = new Map<string, string>(); // access key → account
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let hostileBytes = 0;

  const accountOfKey = (key: string) => issued.get(key) ?? fleet.defaultAccount;
  const regionData = (account: string, region: string): FakeRegion | undefined => fleet.accounts[account]?.regions[region];

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(e));
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const scope = credentialScope(req);
    const url = new URL(req.url ?? "/", "http://localhost");
    let service: FakeService;
    let action: string;
    let params: Record<string, string>;
    if (url.pathname.startsWith("/2013-04-01/")) {
      service = "route53";
      params = Object.fromEntries(url.searchParams);
      const zone = /^\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/.exec(url.pathname);
      if (zone) {
        action = "ListResourceRecordSets";
        params["HostedZoneId"] = decodeURIComponent(zone[1]!);
      } else if (/^\/2013-04-01\/hostedzone\/?$/.test(url.pathname) && req.method === "GET") action = "ListHostedZones";
      else action = `${req.method} ${url.pathname}`;
    } else if (String(req.headers["x-amz-target"] ?? "").startsWith("secretsmanager.")) {
      service = "secretsmanager";
      action = String(req.headers["x-amz-target"]).slice("secretsmanager.".length);
      params = Object.fromEntries(Object.entries(JSON.parse(body || "{}") as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    } else if (String(req.headers["x-amz-target"] ?? "").startsWith("GraniteServiceVersion20100801.")) {
      // CloudWatch: AWS JSON 1.0 (query-compatible).
      service = "cloudwatch";
      action = String(req.headers["x-amz-target"]).slice("GraniteServiceVersion20100801.".length);
      params = Object.fromEntries(Object.entries(JSON.parse(body || "{}") as Record<string, unknown>).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
    } else {
      params = Object.fromEntries(new URLSearchParams(body));
      action = params["Action"] ?? "";
      service =
        scope.service === "sts" || action === "AssumeRole" || action === "GetCallerIdentity"
          ? "sts"
          : scope.service === "ec2" || action === "DescribeRegions"
            ? "ec2"
            : scope.service === "autoscaling"
              ? "autoscaling"
              : scope.service === "elasticloadbalancing"
                ? params["Version"] === "2012-06-01"
                  ? "elb"
                  : "elbv2"
                : "rds";
    }
    const r: FakeRequest = { service, action, region: scope.region, account: accountOfKey(scope.accessKeyId), accessKeyId: scope.accessKeyId, params };
    const requestId = `fake-${++requestCounter}`;

    const send = (status: number, text: string, fault?: LoggedRequest["fault"], contentType = "text/xml") => {
      log.push({ ...r, status, ...(fault === undefined ? {} : { fault }) });
      const delay = typeof options.latencyMs === "function" ? options.latencyMs(r) : (options.latencyMs ?? 0);
      const write = () => {
        if (closed || res.destroyed) return;
        res.writeHead(status, { "content-type": contentType, "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(text) });
        res.end(text);
      };
      if (delay > 0) {
        const t = setTimeout(() => {
          timers.delete(t);
          write();
        }, delay);
        timers.add(t);
      } else write();
    };
    const error = (status: number, code: string, message: string, fault?: LoggedRequest["fault"]) => {
      if (service === "route53") return send(status, r53Error(code, message, requestId), fault);
      if (service === "ec2") return send(status, ec2Error(code, message, requestId), fault);
      if (service === "secretsmanager") {
        return send(status, JSON.stringify({ __type: code, message }), fault, "application/x-amz-json-1.1");
      }
      if (service === "cloudwatch") return send(status, JSON.stringify({ __type: code, message }), fault, "application/x-amz-json-1.0");
      if (service === "autoscaling" || service === "elbv2" || service === "elb") return send(status, computeQueryError(service, code, message, requestId), fault);
      return send(status, queryError(service, code, message, requestId), fault);
    };

    const hostileMode = options.hostile?.(r);
    if (hostileMode !== undefined) {
      log.push({ ...r, status: 200, fault: hostileMode });
      return hostile(hostileMode);
    }
    if (options.reset?.(r)) {
      log.push({ ...r, status: 0, fault: "reset" });
      req.socket.destroy();
      return;
    }
    if (options.hang?.(r)) {
      log.push({ ...r, status: 0, fault: "hang" });
      return;
    }
    if (options.deny?.(r)) {
      const code = service === "secretsmanager" ? "AccessDeniedException" : service === "ec2" ? "UnauthorizedOperation" : "AccessDenied";
      return error(403, code, `User: arn:aws:iam::${r.account}:user/haspec is not authorized to perform: ${service}:${action}`, "denied");
    }
    if (options.throttleRate !== undefined && random() < options.throttleRate) {
      if (service === "route53") {
        return random() < 0.5
          ? error(400, "PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request.", "throttle")
          : error(400, "ThrottlingException", "Rate exceeded", "throttle");
      }
      return error(400, "Throttling", "Rate exceeded", "throttle");
    }
    if (options.serverErrorRate !== undefined && random() < options.serverErrorRate) {
      return random() < 0.5
        ? error(500, "InternalFailure", "An internal error occurred", "server-error")
        : error(503, "ServiceUnavailable", "Service is unavailable", "server-error");
    }

    switch (service) {
      case "sts":
        return sts();
      case "autoscaling":
      case "elbv2":
      case "elb":
        return answer(computeQuery(service, action, params, computeOf(), requestId));
      case "cloudwatch":
        return answer(computeCloudWatch(action, JSON.parse(body || "{}") as Record<string, unknown>, computeOf()));
      case "ec2": {
        if (action === "DescribeInstances") return answer(computeEc2(action, params, computeOf(), requestId));
        if (action !== "DescribeRegions") return error(400, "InvalidAction", `${action} is not faked`);
        const regions = (options.enabledRegions ?? [...new Set(Object.values(fleet.accounts).flatMap((a) => Object.keys(a.regions)))].sort()).map(
          (r): ListedRegion => (typeof r === "string" ? { name: r, optInStatus: "opt-in-not-required" } : r),
        );
        return send(200, ec2DescribeRegions(regions, requestId));
      }
      case "secretsmanager": {
        const value = fleet.secrets?.[params["SecretId"] ?? ""];
        if (action !== "GetSecretValue" || value === undefined) return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        return send(200, JSON.stringify({ ARN: params["SecretId"], Name: "db", SecretString: value, VersionId: "v1" }), undefined, "application/x-amz-json-1.1");
      }
      case "route53":
        return route53();
      case "rds":
        return rds();
    }

    /** The application tier of the request's place (none: empty lists). */
    function computeOf() {
      return regionData(r.account, r.region)?.compute ?? emptyCompute();
    }

    function answer(a: Answer | undefined): void {
      if (a === undefined) return error(400, "InvalidAction", `${action} is not faked`);
      if (a.error !== undefined) return error(a.status, a.error.code, a.error.message);
      return send(a.status, a.body, undefined, a.contentType);
    }

    function hostile(mode: HostileMode): void {
      const write = (chunk: string) => {
        hostileBytes += Buffer.byteLength(chunk);
        return res.write(chunk);
      };
      const fixed = (type: string, body: string) => {
        hostileBytes += Buffer.byteLength(body);
        res.writeHead(200, { "content-type": type, "content-length": Buffer.byteLength(body), "x-amzn-requestid": requestId });
        res.end(body);
      };
      switch (mode) {
        case "empty-200":
          return fixed("text/xml", "");
        case "html-200":
          return fixed("text/html", "<!doctype html><html><head><title>Sign in</title></head><body><h1>Captive portal</h1></body></html>");
        case "wrong-root-200":
          return fixed("text/xml", `<?xml version="1.0"?>\n<Status><Healthy>true</Healthy></Status>`);
        case "truncated-200":
          return fixed("text/xml", `<?xml version="1.0"?>\n<${action}Response><${action}Result><DBClusters><DBCluster><DBClusterIdentifier>orders-pr`);
        case "stall-after-headers":
          res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId });
          res.flushHeaders();
          return;
        case "trickle": {
          res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId });
          const text = `<?xml version="1.0"?>\n<${action}Response>`;
          let i = 0;
          const t = setInterval(() => {
            if (closed || res.destroyed) return clearInterval(t);
            write(text[i++ % text.length]!);
          }, 1_000);
          timers.add(t);
          return;
        }
        case "endless-pages": {
          const key = RDS_LIST[action] ?? "Items";
          return fixed("text/xml", queryEnvelope("rds", action, `<Marker>page-${requestId}</Marker><${key}></${key}>`, requestId));
        }
        case "endless-body": {
          res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId });
          const chunk = `<DBCluster><DBClusterIdentifier>${"x".repeat(16_000)}</DBClusterIdentifier></DBCluster>`;
          write(`<?xml version="1.0"?>\n<${action}Response><${action}Result><DBClusters>`);
          const pump = () => {
            while (!closed && !res.destroyed) if (!write(chunk)) return void res.once("drain", pump);
          };
          pump();
          return;
        }
      }
    }

    function sts() {
      if (action === "GetCallerIdentity") {
        return send(200, queryResult("sts", action, { UserId: "AIDAFAKE", Account: r.account, Arn: `arn:aws:iam::${r.account}:user/haspec` }, requestId));
      }
      if (action === "AssumeRole") {
        const roleArn = params["RoleArn"] ?? "";
        const account = roleArn.split(":")[4] ?? "";
        if (fleet.accounts[account] === undefined) return error(403, "AccessDenied", `not authorized to perform sts:AssumeRole on ${roleArn}`);
        const key = `${ISSUED_PREFIX}${account}`;
        issued.set(key, account);
        return send(
          200,
          queryResult(
            "sts",
            action,
            {
              Credentials: { AccessKeyId: key, SecretAccessKey: "fake-secret", SessionToken: "fake-token", Expiration: new Date(Date.now() + 3_600_000).toISOString() },
              AssumedRoleUser: { AssumedRoleId: "AROAFAKE:haspec", Arn: `arn:aws:sts::${account}:assumed-role/${roleArn.split("/").pop()}/haspec` },
            },
            requestId,
          ),
        );
      }
      return error(400, "InvalidAction", `${action} is not faked`);
    }

    function page<T>(items: readonly T[], marker: string | undefined, max: number): { items: T[]; next?: string } {
      const start = marker === undefined ? 0 : Number(marker);
      const end = start + max;
      return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
    }

    function rds() {
      const d = regionData(r.account, r.region);
      const max = Math.max(1, Number(params["MaxRecords"] ?? 100));
      const marker = params["Marker"];
      const listed = (key: string, items: readonly unknown[]) => {
        const render = () => {
          const p = page(items, marker, max);
          return queryMembers({ ...(p.next === undefined ? {} : { Marker: p.next }), [key]: p.items });
        };
        if (options.cachePages !== true) return send(200, queryEnvelope("rds", action, render(), requestId));
        let pages = pageCache.get(items);
        if (pages === undefined) pageCache.set(items, (pages = new Map()));
        const k = `${key} ${marker ?? ""} ${max}`;
        let body = pages.get(k);
        if (body === undefined) pages.set(k, (body = render()));
        return send(200, queryEnvelope("rds", action, body, requestId));
      };
      switch (action) {
        case "DescribeDBClusters": {
          const id = params["DBClusterIdentifier"];
          const all = d?.DBClusters ?? [];
          if (id === undefined) return listed("DBClusters", all);
          const one = all.filter((c) => String(c["DBClusterIdentifier"]).toLowerCase() === id.toLowerCase());
          if (one.length === 0) return error(404, "DBClusterNotFoundFault", `DBCluster ${id} not found.`);
          return listed("DBClusters", one);
        }
        case "DescribeEvents": {
          const source = params["SourceIdentifier"];
          const type = params["SourceType"];
          const start = params["StartTime"] === undefined ? undefined : Date.parse(params["StartTime"]);
          const events = (d?.Events ?? []).filter(
            (e) =>
              (source === undefined || e["SourceIdentifier"] === source) &&
              (type === undefined || e["SourceType"] === type) &&
              (start === undefined || Date.parse(String(e["Date"])) >= start),
          );
          return listed("Events", events);
        }
        case "FailoverDBCluster":
          return failover();
        case "DescribeDBInstances":
          return listed("DBInstances", d?.DBInstances ?? []);
        case "DescribeEventSubscriptions":
          return listed("EventSubscriptionsList", d?.EventSubscriptionsList ?? []);
        case "DescribeDBProxies":
          return listed("DBProxies", d?.DBProxies ?? []);
        case "DescribeGlobalClusters":
          // Global: the same answer in every region of the account.
          return listed("GlobalClusters", fleet.accounts[r.account]?.globalClusters ?? []);
        case "DescribeDBProxyTargets": {
          const name = params["DBProxyName"] ?? "";
          if (!(d?.DBProxies ?? []).some((p) => p["DBProxyName"] === name)) return error(404, "DBProxyNotFoundFault", `DBProxy ${name} not found.`);
          return listed("Targets", d?.Targets[name] ?? []);
        }
        case "DescribeDBClusterParameters": {
          const name = (params["DBClusterParameterGroupName"] ?? "").toLowerCase();
          const group = Object.entries(d?.Parameters ?? {}).find(([g]) => g.toLowerCase() === name)?.[1];
          // A group the fleet holds no parameters for is one the server cannot describe (the AWS-JSON reading: unknown).
          if (group === undefined) return error(404, "DBParameterGroupNotFound", `DBClusterParameterGroup not found: ${name}`);
          const source = params["Source"];
          const items = group.filter((p) => source === undefined || (p["Source"] ?? "user") === source);
          return listed("Parameters", items);
        }
        default:
          return error(400, "InvalidAction", `${action} is not faked`);
      }
    }

    function failover() {
      const d = regionData(r.account, r.region);
      const id = params["DBClusterIdentifier"] ?? "";
      const cluster = d?.DBClusters.find((c) => String(c["DBClusterIdentifier"]).toLowerCase() === id.toLowerCase());
      if (d === undefined || cluster === undefined) return error(404, "DBClusterNotFoundFault", `DBCluster ${id} not found.`);
      if (cluster["Status"] !== "available") return error(400, "InvalidDBClusterStateFault", `DbCluster ${id} is in ${String(cluster["Status"])} state but expected it to be available.`);
      const members = (cluster["DBClusterMembers"] ?? []) as Record<string, unknown>[];
      const from = members.find((m) => m["IsClusterWriter"] === true)?.["DBInstanceIdentifier"] as string | undefined;
      const asked = params["TargetDBInstanceIdentifier"];
      const to = asked ?? auroraTarget(d, cluster);
      if (from === undefined || to === undefined || to === from || !members.some((m) => m["DBInstanceIdentifier"] === to)) {
        return error(400, "InvalidDBInstanceState", `Cannot fail over ${id}${asked === undefined ? ": it has no reader" : ` to ${asked}`}.`);
      }
      const f: FakeFailover = { region: d, regionName: r.region, cluster, from, to };
      if (options.onFailover !== undefined) options.onFailover(f);
      else applyFailover(f);
      return send(200, queryResult("rds", action, { DBCluster: cluster }, requestId));
    }

    function route53() {
      const acct = fleet.accounts[r.account];
      const zones = acct?.zones ?? [];
      const max = Math.max(1, Number(params["maxitems"] ?? 100));
      if (action === "ListHostedZones") {
        const p = page(
          zones.map((z) => ({ id: z.id, name: z.name, count: z.records.length })),
          params["marker"] === undefined ? undefined : String(zones.findIndex((z) => z.id === params["marker"])),
          max,
        );
        const next = p.next === undefined ? undefined : zones[Number(p.next)]?.id;
        return send(200, r53ListHostedZones(p.items, { ...(params["marker"] === undefined ? {} : { marker: params["marker"] }), ...(next === undefined ? {} : { nextMarker: next }), maxItems: max }));
      }
      if (action === "ListResourceRecordSets") {
        const id = (params["HostedZoneId"] ?? "").replace(/^\/?hostedzone\//, "");
        const zone = zones.find((z) => z.id === id);
        if (zone === undefined) return error(404, "NoSuchHostedZone", `No hosted zone found with ID: ${id}`);
        let start = 0;
        if (params["name"] !== undefined) {
          const at = zone.records.findIndex(
            (rec) =>
              rec["Name"] === params["name"] &&
              (params["type"] === undefined || rec["Type"] === params["type"]) &&
              (params["identifier"] === undefined || rec["SetIdentifier"] === params["identifier"]),
          );
          start = at < 0 ? zone.records.length : at;
        }
        const items = zone.records.slice(start, start + max);
        const next = zone.records[start + max];
        return send(200, r53ListRecordSets(items, next, max));
      }
      return error(400, "InvalidAction", `${action} is not faked`);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    hostileBytesSent: () => hostileBytes,
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
