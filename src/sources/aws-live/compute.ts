// The live scan of one place's application tier (SPEC §9): Auto Scaling groups, instances, load balancers with their attributes and tags, target groups, CloudWatch alarms.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { ComputeData } from "../snapshot/bundle.js";
import type { AwsClientFactory } from "./clients.js";
import { itemsOfPages } from "./pages.js";
import { mapBounded, plain } from "./util.js";

export interface ComputeScanContext {
  readonly clients: AwsClientFactory;
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  /** The place's call wrapper: the result, or undefined once the call failed (the failure is the place's error). */
  readonly attempt: <T>(call: string, target: string | undefined, fn: () => Promise<T>) => Promise<T | undefined>;
  /** The page size to ask for, at most `max`. */
  readonly pageSize: (max: number) => number;
  readonly maxPages: number;
  readonly innerConcurrency: number;
}

/** A list the answer must hold: without it, the answer is not the API's (an empty body would read as an empty fleet). */
function listOf(answer: object, member: string, operation: string): unknown[] {
  const list = (answer as Record<string, unknown>)[member];
  if (!Array.isArray(list)) throw new Error(`the answer to ${operation} has no ${member} (list): the body was empty or not the API's answer; check --endpoint-url`);
  return list;
}

/** Load balancers whose cross-zone setting is an attribute: Network and Gateway (an Application Load Balancer's is always on). */
function hasCrossZoneAttribute(lb: unknown): boolean {
  const type = (lb as { Type?: unknown }).Type;
  return type === "network" || type === "gateway";
}

/**
 * Reads the application tier of one place, in the AWS CLI's JSON shapes (the SDK's outputs, plain()). A call that fails
 * leaves its list (or its load balancer's attributes) out: the place's errors say why, and what it would have read is unknown.
 */
export async function scanComputeTier(ctx: ComputeScanContext): Promise<ComputeData> {
  const { clients, region, credentials, attempt, maxPages } = ctx;
  const [autoscaling, ec2, elbv2, elb, cloudwatch] = await Promise.all([
    Promise.all([clients.autoscaling(region, credentials), clients.sdk.autoscaling()]),
    Promise.all([clients.ec2(region, credentials), clients.sdk.ec2()]),
    Promise.all([clients.elbv2(region, credentials), clients.sdk.elbv2()]),
    Promise.all([clients.elb(region, credentials), clients.sdk.elb()]),
    Promise.all([clients.cloudwatch(region, credentials), clients.sdk.cloudwatch()]),
  ]);

  const groupsRead = attempt("DescribeAutoScalingGroups", undefined, () =>
    itemsOfPages(autoscaling[1].paginateDescribeAutoScalingGroups, { client: autoscaling[0], pageSize: ctx.pageSize(100) }, {}, { in: "NextToken", out: "NextToken" }, (p) => p.AutoScalingGroups, maxPages),
  );
  // EC2 asks for at least 5 results a page.
  const instancesRead = attempt("DescribeInstances", undefined, () =>
    itemsOfPages(ec2[1].paginateDescribeInstances, { client: ec2[0], pageSize: Math.max(5, ctx.pageSize(1000)) }, {}, { in: "NextToken", out: "NextToken" }, (p) => p.Reservations, maxPages),
  );
  const alarmsRead = attempt("DescribeAlarms", undefined, () =>
    itemsOfPages(cloudwatch[1].paginateDescribeAlarms, { client: cloudwatch[0], pageSize: ctx.pageSize(100) }, {}, { in: "NextToken", out: "NextToken" }, (p) => listOf(p, "MetricAlarms", "DescribeAlarms"), maxPages),
  );
  // ELB's paginators take the page size in the input (PageSize, at most 400).
  const targetGroupsRead = attempt("DescribeTargetGroups", undefined, () =>
    itemsOfPages(elbv2[1].paginateDescribeTargetGroups, { client: elbv2[0] }, { PageSize: ctx.pageSize(400) }, { in: "Marker", out: "NextMarker" }, (p) => p.TargetGroups, maxPages),
  );
  const balancersRead = (async () => {
    const list = await attempt("DescribeLoadBalancers", "elbv2", () =>
      itemsOfPages(elbv2[1].paginateDescribeLoadBalancers, { client: elbv2[0] }, { PageSize: ctx.pageSize(400) }, { in: "Marker", out: "NextMarker" }, (p) => listOf(p, "LoadBalancers", "DescribeLoadBalancers"), maxPages),
    );
    if (list === undefined) return { list, attributes: undefined, tags: undefined };
    const arns = list.map((lb) => (lb as { LoadBalancerArn?: unknown }).LoadBalancerArn).filter((a): a is string => typeof a === "string");
    const tags = mapBounded(chunks(arns, 20), ctx.innerConcurrency, (batch) =>
      attempt("DescribeTags", "elbv2", async () => plain(listOf(await elbv2[0].send(new elbv2[1].DescribeTagsCommand({ ResourceArns: batch })), "TagDescriptions", "DescribeTags")) as unknown[]),
    );
    const named = list.filter(hasCrossZoneAttribute) as { LoadBalancerName?: string; LoadBalancerArn?: string }[];
    const read = await mapBounded(named, ctx.innerConcurrency, (lb) =>
      attempt("DescribeLoadBalancerAttributes", lb.LoadBalancerArn, async () => {
        const out = await elbv2[0].send(new elbv2[1].DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
        return (plain(listOf(out, "Attributes", "DescribeLoadBalancerAttributes")) as unknown[]);
      }),
    );
    return {
      list,
      attributes: sorted(named.flatMap((lb, i) => (read[i] === undefined || lb.LoadBalancerArn === undefined ? [] : [[lb.LoadBalancerArn, read[i]!] as const]))),
      tags: (await tags).flatMap((t) => t ?? []),
    };
  })();
  const classicRead = (async () => {
    const list = await attempt("DescribeLoadBalancers", "elb", () =>
      itemsOfPages(elb[1].paginateDescribeLoadBalancers, { client: elb[0] }, { PageSize: ctx.pageSize(400) }, { in: "Marker", out: "NextMarker" }, (p) => listOf(p, "LoadBalancerDescriptions", "DescribeLoadBalancers"), maxPages),
    );
    if (list === undefined) return { list, attributes: undefined, tags: undefined };
    const names = list.map((lb) => (lb as { LoadBalancerName?: unknown }).LoadBalancerName).filter((n): n is string => typeof n === "string");
    const tags = mapBounded(chunks(names, 20), ctx.innerConcurrency, (batch) =>
      attempt("DescribeTags", "elb", async () => plain(listOf(await elb[0].send(new elb[1].DescribeTagsCommand({ LoadBalancerNames: batch })), "TagDescriptions", "DescribeTags")) as unknown[]),
    );
    const read = await mapBounded(names, ctx.innerConcurrency, (name) =>
      attempt("DescribeLoadBalancerAttributes", name, async () => {
        const out = await elb[0].send(new elb[1].DescribeLoadBalancerAttributesCommand({ LoadBalancerName: name }));
        if (out.LoadBalancerAttributes === undefined) throw new Error("the answer to DescribeLoadBalancerAttributes has no LoadBalancerAttributes: the body was empty or not the API's answer");
        return plain(out.LoadBalancerAttributes);
      }),
    );
    return { list, attributes: sorted(names.flatMap((n, i) => (read[i] === undefined ? [] : [[n, read[i]!] as const]))), tags: (await tags).flatMap((t) => t ?? []) };
  })();

  const [groups, reservations, alarms, targetGroups, balancers, classic] = await Promise.all([groupsRead, instancesRead, alarmsRead, targetGroupsRead, balancersRead, classicRead]);
  const out: ComputeData = {};
  if (groups !== undefined) out.AutoScalingGroups = groups;
  if (reservations !== undefined) out.Reservations = reservations;
  if (balancers.list !== undefined) out.LoadBalancers = balancers.list;
  if (balancers.attributes !== undefined) out.Attributes = balancers.attributes;
  if (targetGroups !== undefined) out.TargetGroups = targetGroups;
  if (classic.list !== undefined) out.LoadBalancerDescriptions = classic.list;
  if (classic.attributes !== undefined) out.LoadBalancerAttributes = classic.attributes;
  if (alarms !== undefined) out.MetricAlarms = alarms;
  // Tags of the load balancers whose DescribeTags answered (a failed batch leaves its load balancers' tags unknown).
  if (balancers.tags !== undefined || classic.tags !== undefined) out.TagDescriptions = [...(balancers.tags ?? []), ...(classic.tags ?? [])];
  return out;
}

/** `items` in lists of at most `size` (DescribeTags takes 20 load balancers a call). */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function sorted<T>(entries: readonly (readonly [string, T])[]): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
