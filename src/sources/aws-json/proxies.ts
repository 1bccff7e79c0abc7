// RDS Proxies (describe-db-proxies) and their targets (describe-db-proxy-targets).
import type { Proxy, ProxyTarget, Scoped } from "../../model/inventory.js";
import { parseArn, regionFromRdsHost } from "./arn.js";
import { isRecord, plainString } from "./fields.js";

/** One DBProxies entry; undefined when it has no DBProxyName. */
export function readProxy(raw: unknown): { key: string; item: Proxy } | undefined {
  if (!isRecord(raw)) return undefined;
  const name = plainString(raw, "DBProxyName");
  if (name === undefined) return undefined;
  const arn = plainString(raw, "DBProxyArn");
  const parts = arn === undefined ? undefined : parseArn(arn);
  const region = parts?.region || undefined;
  const account = parts?.account || undefined;
  const status = plainString(raw, "Status");
  const item: Proxy = {
    name,
    ...(status === undefined ? {} : { status }),
    ...(region === undefined ? {} : { region }),
    ...(account === undefined ? {} : { account }),
  };
  return { key: arn ?? `${account ?? ""}:${region ?? ""}:${name}`, item };
}

/**
 * One Targets entry: a TRACKED_CLUSTER names its cluster; an RDS_INSTANCE names its instance and,
 * for Aurora, the cluster it belongs to. Undefined when it names neither.
 */
export function readProxyTarget(raw: unknown, proxyName: string | undefined): { key: string; item: ProxyTarget } | undefined {
  if (!isRecord(raw)) return undefined;
  const type = plainString(raw, "Type");
  // A cluster target names its cluster in TrackedClusterId, and in RdsResourceId as well.
  const clusterId = plainString(raw, "TrackedClusterId") ?? (type === "TRACKED_CLUSTER" ? plainString(raw, "RdsResourceId") : undefined);
  const instanceId = type === "RDS_INSTANCE" ? plainString(raw, "RdsResourceId") : undefined;
  if (clusterId === undefined && instanceId === undefined) return undefined;
  const arn = plainString(raw, "TargetArn");
  const parts = arn === undefined ? undefined : parseArn(arn);
  // TargetArn is optional; the endpoint host names the region too.
  const endpoint = plainString(raw, "Endpoint");
  const region = parts?.region || (endpoint === undefined ? undefined : regionFromRdsHost(endpoint));
  const account = parts?.account || undefined;
  const item: ProxyTarget = {
    ...(proxyName === undefined ? {} : { proxyName }),
    ...(clusterId === undefined ? {} : { clusterId }),
    ...(instanceId === undefined ? {} : { instanceId }),
    ...(region === undefined ? {} : { region }),
    ...(account === undefined ? {} : { account }),
  };
  const key = `${proxyName ?? ""}\u0000${type ?? ""}\u0000${arn ?? ""}\u0000${clusterId ?? ""}\u0000${instanceId ?? ""}`;
  return { key, item };
}

/**
 * The account/region pairs whose proxy targets are completely known: the proxies' own scopes, less
 * any pair holding a proxy whose describe-db-proxy-targets file was not among the inputs. Without
 * this, a missing targets file of one proxy would read as "no proxy targets this cluster".
 */
export function completeTargetScopes(
  proxies: Scoped<Proxy>,
  proxiesWithTargetsFile: ReadonlySet<string>,
): Scoped<ProxyTarget>["scopes"] {
  const missing = proxies.items.filter((p) => !proxiesWithTargetsFile.has(p.name));
  return proxies.scopes.filter(
    (scope) =>
      !missing.some(
        (p) => (scope.account === undefined || scope.account === p.account) && (scope.region === undefined || scope.region === p.region),
      ),
  );
}

/**
 * Targets place themselves only when the output carries a TargetArn or an endpoint; the rest take
 * the account and region of the proxy their file names. Without this a target of a proxy in one
 * region would match a same-named database in every other region.
 */
export function placeTargets(targets: readonly ProxyTarget[], proxies: readonly Proxy[]): ProxyTarget[] {
  return targets.map((t) => {
    if (t.proxyName === undefined || (t.account !== undefined && t.region !== undefined)) return t;
    const named = proxies.filter((p) => p.name === t.proxyName);
    const one = <K extends "account" | "region">(key: K): string | undefined => {
      const values = new Set(named.map((p) => p[key]));
      return values.size === 1 ? [...values][0] : undefined;
    };
    const account = t.account ?? one("account");
    const region = t.region ?? one("region");
    return {
      ...t,
      ...(account === undefined ? {} : { account }),
      ...(region === undefined ? {} : { region }),
    };
  });
}
