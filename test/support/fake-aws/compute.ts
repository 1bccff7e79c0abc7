// The fake server's application tier: Auto Scaling, ELB v2 and Classic (Query/XML), EC2 DescribeInstances (EC2 XML) and CloudWatch DescribeAlarms (JSON 1.0), from AWS CLI JSON.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { escapeXml } from "./xml.js";

/** One region's application tier, in the AWS CLI's JSON shapes (what `aws … describe-*` printed). */
export interface FakeCompute {
  AutoScalingGroups: Record<string, unknown>[];
  Reservations: Record<string, unknown>[];
  LoadBalancers: Record<string, unknown>[];
  /** ELB v2 attributes per load balancer name. */
  Attributes: Record<string, Record<string, unknown>[]>;
  TargetGroups: Record<string, unknown>[];
  LoadBalancerDescriptions: Record<string, unknown>[];
  /** Classic attributes per load balancer name. */
  LoadBalancerAttributes: Record<string, Record<string, unknown>>;
  MetricAlarms: Record<string, unknown>[];
  /** describe-tags outputs: `{ResourceArn, Tags}` (ELB v2) or `{LoadBalancerName, Tags}` (Classic); a load balancer in none has no tags. */
  TagDescriptions: Record<string, unknown>[];
}

export function emptyCompute(): FakeCompute {
  return { AutoScalingGroups: [], Reservations: [], LoadBalancers: [], Attributes: {}, TargetGroups: [], LoadBalancerDescriptions: [], LoadBalancerAttributes: {}, MetricAlarms: [], TagDescriptions: [] };
}

const LISTS = ["AutoScalingGroups", "Reservations", "LoadBalancers", "TargetGroups", "LoadBalancerDescriptions", "MetricAlarms", "TagDescriptions"] as const;

/** Adds what one AWS CLI JSON document holds of the application tier (attributes are named by the file: describe-load-balancer-attributes.NAME.json). */
export function addComputeDoc(into: FakeCompute, doc: Record<string, unknown>, fileName: string): void {
  const named = /^describe-load-balancer-attributes\.(.+)\.json$/.exec(fileName)?.[1];
  if (named !== undefined && Array.isArray(doc["Attributes"])) into.Attributes[named] = doc["Attributes"] as Record<string, unknown>[];
  if (named !== undefined && doc["LoadBalancerAttributes"] !== undefined) into.LoadBalancerAttributes[named] = doc["LoadBalancerAttributes"] as Record<string, unknown>;
  for (const key of LISTS) if (Array.isArray(doc[key])) into[key].push(...(doc[key] as Record<string, unknown>[]));
}

/** The application tier of a directory of AWS CLI JSON (like test/fixtures/app-tier/aws-json). */
export function computeFromAwsJsonDir(dir: string): FakeCompute {
  const out = emptyCompute();
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith(".json")) addComputeDoc(out, JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>, f);
  }
  return out;
}

/** A generic Query-protocol member: lists wrap `<member>` items (Auto Scaling and ELB declare no other item names). */
function queryXml(name: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return `<${name}>${value.map((v) => queryXml("member", v)).join("")}</${name}>`;
  if (typeof value === "object") {
    return `<${name}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => queryXml(k, v))
      .join("")}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

const NAMESPACES = {
  autoscaling: "http://autoscaling.amazonaws.com/doc/2011-01-01/",
  elbv2: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
  elb: "http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/",
} as const;

export type QueryComputeService = keyof typeof NAMESPACES;

function queryAnswer(service: QueryComputeService, action: string, members: Record<string, unknown>, requestId: string): string {
  const body = Object.entries(members)
    .map(([k, v]) => queryXml(k, v))
    .join("");
  return `<?xml version="1.0"?>\n<${action}Response xmlns="${NAMESPACES[service]}"><${action}Result>${body}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function computeQueryError(service: QueryComputeService, code: string, message: string, requestId: string): string {
  return `<?xml version="1.0"?>\n<ErrorResponse xmlns="${NAMESPACES[service]}"><Error><Type>Sender</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

/** EC2 XML names that are not the member name in lower camel case. */
const EC2_NAMES: Readonly<Record<string, string>> = {
  Reservations: "reservationSet",
  Instances: "instancesSet",
  Groups: "groupSet",
  SecurityGroups: "groupSet",
  Tags: "tagSet",
  State: "instanceState",
  BlockDeviceMappings: "blockDeviceMapping",
  NetworkInterfaces: "networkInterfaceSet",
};

/** An EC2-protocol member: lower-camel names (or the API's own), list items `<item>`. */
function ec2Xml(name: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  const tag = EC2_NAMES[name] ?? (name === "item" ? name : name[0]!.toLowerCase() + name.slice(1));
  if (Array.isArray(value)) return `<${tag}>${value.map((v) => ec2Xml("item", v)).join("")}</${tag}>`;
  if (typeof value === "object") {
    return `<${tag}>${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => ec2Xml(k, v))
      .join("")}</${tag}>`;
  }
  return `<${tag}>${escapeXml(String(value))}</${tag}>`;
}

/** An answer of the fake server. */
export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
  readonly error?: { readonly code: string; readonly message: string };
}

/** Pages of `size` from the position the token names (the position itself). */
function page<T>(items: readonly T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const start = token === undefined || token === "" ? 0 : Number(token);
  const end = start + Math.max(1, size);
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** Answers an Auto Scaling, ELB v2 or Classic ELB Query request; undefined for an action the fake does not serve. */
export function computeQuery(service: QueryComputeService, action: string, params: Readonly<Record<string, string>>, d: FakeCompute, requestId: string): Answer | undefined {
  const ok = (members: Record<string, unknown>): Answer => ({ status: 200, body: queryAnswer(service, action, members, requestId) });
  const notFound = (code: string, message: string): Answer => ({ status: 400, body: computeQueryError(service, code, message, requestId), error: { code, message } });
  if (service === "autoscaling" && action === "DescribeAutoScalingGroups") {
    const p = page(d.AutoScalingGroups, params["NextToken"], Number(params["MaxRecords"] ?? 100));
    return ok({ AutoScalingGroups: p.items, ...(p.next === undefined ? {} : { NextToken: p.next }) });
  }
  if (service === "elbv2" || service === "elb") {
    const classic = service === "elb";
    if (action === "DescribeLoadBalancers") {
      const list = classic ? d.LoadBalancerDescriptions : d.LoadBalancers;
      const p = page(list, params["Marker"], Number(params["PageSize"] ?? 400));
      return ok({ [classic ? "LoadBalancerDescriptions" : "LoadBalancers"]: p.items, ...(p.next === undefined ? {} : { NextMarker: p.next }) });
    }
    if (action === "DescribeTargetGroups" && !classic) {
      const p = page(d.TargetGroups, params["Marker"], Number(params["PageSize"] ?? 400));
      return ok({ TargetGroups: p.items, ...(p.next === undefined ? {} : { NextMarker: p.next }) });
    }
    if (action === "DescribeTags") {
      // Query lists: ResourceArns.member.1, … (ELB v2), LoadBalancerNames.member.1, … (Classic); at most 20.
      const key = classic ? "LoadBalancerName" : "ResourceArn";
      const asked = Object.entries(params)
        .filter(([k]) => k.startsWith(classic ? "LoadBalancerNames.member." : "ResourceArns.member."))
        .map(([, v]) => v);
      if (asked.length > 20) return notFound("TooManyTags", "at most 20 load balancers a call");
      const tagsOf = (id: string) => (d.TagDescriptions.find((t) => t[key] === id)?.["Tags"] as unknown[] | undefined) ?? [];
      return ok({ TagDescriptions: asked.map((id) => ({ [key]: id, Tags: tagsOf(id) })) });
    }
    if (action === "DescribeLoadBalancerAttributes") {
      if (classic) {
        const name = params["LoadBalancerName"] ?? "";
        const attrs = d.LoadBalancerAttributes[name];
        if (!d.LoadBalancerDescriptions.some((lb) => lb["LoadBalancerName"] === name)) return notFound("LoadBalancerNotFound", `There is no ACTIVE Load Balancer named '${name}'`);
        // The API's answer for a load balancer created with the API and never changed: cross-zone off.
        return ok({ LoadBalancerAttributes: attrs ?? { CrossZoneLoadBalancing: { Enabled: false } } });
      }
      const arn = params["LoadBalancerArn"] ?? "";
      const lb = d.LoadBalancers.find((x) => x["LoadBalancerArn"] === arn);
      if (lb === undefined) return notFound("LoadBalancerNotFound", `Load balancer '${arn}' not found`);
      // Without attributes in the fleet: what AWS answers for a Network or Gateway Load Balancer left at its defaults.
      return ok({ Attributes: d.Attributes[String(lb["LoadBalancerName"])] ?? [{ Key: "load_balancing.cross_zone.enabled", Value: "false" }] });
    }
  }
  return undefined;
}

/** Answers EC2 DescribeInstances (EC2 XML); undefined for other actions. */
export function computeEc2(action: string, params: Readonly<Record<string, string>>, d: FakeCompute, requestId: string): Answer | undefined {
  if (action !== "DescribeInstances") return undefined;
  const p = page(d.Reservations, params["NextToken"], Number(params["MaxResults"] ?? 1000));
  const body = `${ec2Xml("Reservations", p.items)}${p.next === undefined ? "" : `<nextToken>${p.next}</nextToken>`}`;
  return { status: 200, body: `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${requestId}</requestId>${body}</DescribeInstancesResponse>` };
}

/** CloudWatch JSON 1.0 answers timestamps as epoch seconds. */
function epochTimes(alarm: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(alarm).map(([k, v]) => [k, k.endsWith("Timestamp") && typeof v === "string" ? Date.parse(v) / 1000 : v]));
}

/** Answers CloudWatch DescribeAlarms (AWS JSON 1.0, X-Amz-Target GraniteServiceVersion20100801.DescribeAlarms); undefined for other actions. */
export function computeCloudWatch(action: string, input: Readonly<Record<string, unknown>>, d: FakeCompute): Answer | undefined {
  if (action !== "DescribeAlarms") return undefined;
  const p = page(d.MetricAlarms, typeof input["NextToken"] === "string" ? input["NextToken"] : undefined, Number(input["MaxRecords"] ?? 100));
  return {
    status: 200,
    contentType: "application/x-amz-json-1.0",
    body: JSON.stringify({ MetricAlarms: p.items.map(epochTimes), CompositeAlarms: [], ...(p.next === undefined ? {} : { NextToken: p.next }) }),
  };
}
