// Which AWS CLI output a parsed file holds, by its top-level key (placebo `{status_code, data}` unwrapped).
import { COMPUTE_KEYS, type ComputeKey } from "./compute.js";
import { describeJson, isRecord } from "./fields.js";

export type SectionKind =
  | "DBClusters"
  | "DBInstances"
  | "Parameters"
  | "EventSubscriptionsList"
  | "DBProxies"
  | "Targets"
  | "GlobalClusters"
  | "HostedZones"
  | "ResourceRecordSets"
  | ComputeKey;

/** The top-level keys this reader understands, in the order files are read section by section. */
export const TOP_LEVEL_KEYS: readonly SectionKind[] = [
  "DBClusters",
  "DBInstances",
  "Parameters",
  "EventSubscriptionsList",
  "DBProxies",
  "Targets",
  "GlobalClusters",
  "HostedZones",
  "ResourceRecordSets",
  ...COMPUTE_KEYS,
];

/**
 * A page that says more pages follow: the RDS outputs carry a `Marker` (or the CLI's `NextToken`),
 * list-resource-record-sets `IsTruncated` with the first record of the next page, list-hosted-zones
 * `IsTruncated` (or `NextMarker`).
 */
export interface MorePages {
  readonly nextRecord?: { readonly name: string; readonly type: string };
}

/** One list from a file, with the name its file name gives (parameter group, proxy, hosted zone). */
export interface Section {
  readonly kind: SectionKind;
  readonly items: readonly unknown[];
  readonly name?: string;
  /** Set when the file is one page of a longer output. */
  readonly more?: MorePages;
  /**
   * The account and region the list was read for, when the reader knows it (the live scan): account-wide
   * data (subscriptions, proxies) then covers exactly that place, even when the list is empty.
   */
  readonly scope?: { readonly account?: string; readonly region?: string };
}

function morePages(kind: SectionKind, body: { readonly [key: string]: unknown }): MorePages | undefined {
  if (kind === "ResourceRecordSets") {
    if (body["IsTruncated"] !== true) return undefined;
    const name = body["NextRecordName"];
    const type = body["NextRecordType"];
    return typeof name === "string" && typeof type === "string" ? { nextRecord: { name, type } } : {};
  }
  if (kind === "HostedZones") {
    const next = body["NextMarker"] ?? body["NextToken"];
    return body["IsTruncated"] === true || (typeof next === "string" && next !== "") ? {} : undefined;
  }
  const marker = body["Marker"] ?? body["NextToken"];
  return typeof marker === "string" && marker !== "" ? {} : undefined;
}

export type Classification =
  | { readonly ok: true; readonly sections: readonly Section[]; readonly notes: readonly string[] }
  | {
      readonly ok: false;
      readonly reason: string;
      /** A key of AWS output whose value is not its list (`"DBClusters": null`): broken output, not some other JSON. */
      readonly malformed?: SectionKind;
    };

/** File-name patterns that carry the name the output itself omits. */
const NAMED_BY_FILE: Partial<Record<SectionKind, string>> = {
  Parameters: "describe-db-cluster-parameters.",
  Targets: "describe-db-proxy-targets.",
  ResourceRecordSets: "list-resource-record-sets.",
  Attributes: "describe-load-balancer-attributes.",
  LoadBalancerAttributes: "describe-load-balancer-attributes.",
};

/** `describe-db-cluster-parameters.default.aurora-mysql8.0.json` → `default.aurora-mysql8.0`. */
export function nameFromFileName(kind: SectionKind, baseName: string): string | undefined {
  const prefix = NAMED_BY_FILE[kind];
  if (prefix === undefined || !baseName.startsWith(prefix)) return undefined;
  const lower = baseName.toLowerCase();
  const end = lower.endsWith(".json") ? baseName.length - 5 : baseName.length;
  const name = baseName.slice(prefix.length, end);
  return name === "" ? undefined : name;
}

/** Placebo recordings wrap the response: `{"status_code": 200, "data": {…}}`. */
function unwrap(doc: unknown): unknown {
  if (isRecord(doc) && "status_code" in doc && isRecord(doc["data"])) return doc["data"];
  return doc;
}

/**
 * Classifies a parsed document. `ok: false` means it is not AWS CLI output (the caller decides
 * whether that is an error or a note); `notes` report sections that were skipped.
 */
export function classify(doc: unknown, displayPath: string, baseName: string): Classification {
  const body = unwrap(doc);
  if (!isRecord(body)) {
    return { ok: false, reason: `the file holds ${describeJson(body)}, not an object` };
  }
  const sections: Section[] = [];
  const notes: string[] = [];
  for (const kind of TOP_LEVEL_KEYS) {
    if (!(kind in body)) continue;
    // aws elb describe-load-balancer-attributes prints one object, not a list.
    const items = kind === "LoadBalancerAttributes" && isRecord(body[kind]) ? [body[kind]] : body[kind];
    if (!Array.isArray(items)) {
      return { ok: false, reason: `${kind} is ${describeJson(items)}, not a list`, malformed: kind };
    }
    const name = nameFromFileName(kind, baseName);
    if (kind === "Parameters" && name === undefined) {
      notes.push(
        `skipped ${displayPath}: cluster parameters are matched to their group by file name; ` +
          `save them as describe-db-cluster-parameters.GROUP.json, e.g. ` +
          `aws rds describe-db-cluster-parameters --db-cluster-parameter-group-name GROUP > describe-db-cluster-parameters.GROUP.json`,
      );
      continue;
    }
    if ((kind === "Attributes" || kind === "LoadBalancerAttributes") && name === undefined) {
      notes.push(
        `skipped ${displayPath}: load balancer attributes are matched to their load balancer by file name; ` +
          `save them as describe-load-balancer-attributes.NAME.json, e.g. ` +
          `aws elbv2 describe-load-balancer-attributes --load-balancer-arn ARN > describe-load-balancer-attributes.NAME.json`,
      );
      continue;
    }
    const more = morePages(kind, body);
    sections.push({ kind, items, ...(name === undefined ? {} : { name }), ...(more === undefined ? {} : { more }) });
  }
  if (sections.length === 0 && notes.length === 0) {
    return { ok: false, reason: "it has none of them" };
  }
  return { ok: true, sections, notes };
}
