// What every answer the scan reads must hold: a response without the members the API always returns is not the API's answer, and fails the call.

/** A member every successful answer of the operation has, and its type. */
interface RequiredMember {
  readonly name: string;
  readonly type: "list" | "boolean" | "string" | "structure";
}

const list = (name: string): RequiredMember => ({ name, type: "list" });

/**
 * The members each operation's answer always carries (the API sends an empty list as an empty
 * element, which the SDK reads as `[]`). An empty body, an HTML page or XML with another root
 * element reads as an output without them: without this check, an empty fleet.
 */
export const REQUIRED_ANSWER: Readonly<Record<string, readonly RequiredMember[]>> = {
  DescribeDBClusters: [list("DBClusters")],
  DescribeDBInstances: [list("DBInstances")],
  DescribeDBClusterParameters: [list("Parameters")],
  DescribeEventSubscriptions: [list("EventSubscriptionsList")],
  DescribeDBProxies: [list("DBProxies")],
  DescribeDBProxyTargets: [list("Targets")],
  DescribeGlobalClusters: [list("GlobalClusters")],
  ListHostedZones: [list("HostedZones"), { name: "IsTruncated", type: "boolean" }],
  ListResourceRecordSets: [list("ResourceRecordSets"), { name: "IsTruncated", type: "boolean" }],
  DescribeRegions: [list("Regions")],
  DescribeAutoScalingGroups: [list("AutoScalingGroups")],
  DescribeInstances: [list("Reservations")],
  // ELB v2 answers LoadBalancers, Classic LoadBalancerDescriptions: checked where the scan reads them (compute.ts).
  DescribeTargetGroups: [list("TargetGroups")],
  DescribeAlarms: [list("MetricAlarms")],
  GetCallerIdentity: [{ name: "Account", type: "string" }],
  AssumeRole: [{ name: "Credentials", type: "structure" }],
  GetSecretValue: [{ name: "ARN", type: "string" }],
};

function hasType(value: unknown, type: RequiredMember["type"]): boolean {
  switch (type) {
    case "list":
      return Array.isArray(value);
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string" && value !== "";
    case "structure":
      return value !== null && typeof value === "object" && !Array.isArray(value);
  }
}

/** Thrown for a successful HTTP answer that lacks what the API always returns. */
export class NotTheApiAnswerError extends Error {
  override readonly name = "NotTheApiAnswer";
  readonly $metadata: { readonly httpStatusCode?: number };
  constructor(operation: string, missing: readonly RequiredMember[], httpStatusCode: number | undefined) {
    const what = missing.map((m) => `${m.name} (${m.type})`).join(", ");
    super(
      `the answer to ${operation} has no ${what}: the body was empty or not the API's answer (a proxy's or captive portal's page, another service); ` +
        `check --endpoint-url and any proxy in between`,
    );
    this.$metadata = httpStatusCode === undefined ? {} : { httpStatusCode };
  }
}

/** The members `output` lacks of those `operation`'s answer always has (none for an operation not listed). */
export function missingMembers(operation: string, output: unknown): RequiredMember[] {
  const required = REQUIRED_ANSWER[operation] ?? [];
  const o = (output ?? {}) as Record<string, unknown>;
  return required.filter((m) => !hasType(o[m.name], m.type));
}
