// The only AWS operations the live scan may send, and a middleware that refuses any other before it leaves the process.
import type { Pluggable } from "@smithy/types";
import { missingMembers, NotTheApiAnswerError } from "./answers.js";

/** Operation → the IAM action that allows it. Reads only (AssumeRole reads credentials; it changes nothing). */
export const ALLOWED_OPERATIONS: Readonly<Record<string, string>> = {
  DescribeDBClusters: "rds:DescribeDBClusters",
  DescribeDBInstances: "rds:DescribeDBInstances",
  DescribeDBClusterParameters: "rds:DescribeDBClusterParameters",
  DescribeEventSubscriptions: "rds:DescribeEventSubscriptions",
  DescribeDBProxies: "rds:DescribeDBProxies",
  DescribeDBProxyTargets: "rds:DescribeDBProxyTargets",
  DescribeGlobalClusters: "rds:DescribeGlobalClusters",
  ListHostedZones: "route53:ListHostedZones",
  ListResourceRecordSets: "route53:ListResourceRecordSets",
  DescribeRegions: "ec2:DescribeRegions",
  // The application tier (SPEC §9). ELB v2 and Classic share the IAM prefix and these operation names.
  DescribeAutoScalingGroups: "autoscaling:DescribeAutoScalingGroups",
  DescribeInstances: "ec2:DescribeInstances",
  DescribeLoadBalancers: "elasticloadbalancing:DescribeLoadBalancers",
  DescribeLoadBalancerAttributes: "elasticloadbalancing:DescribeLoadBalancerAttributes",
  DescribeTargetGroups: "elasticloadbalancing:DescribeTargetGroups",
  // Load balancers' tags (EC2's DescribeTags is not sent).
  DescribeTags: "elasticloadbalancing:DescribeTags",
  DescribeAlarms: "cloudwatch:DescribeAlarms",
  GetCallerIdentity: "sts:GetCallerIdentity",
  AssumeRole: "sts:AssumeRole",
  GetSecretValue: "secretsmanager:GetSecretValue",
};

/** `DescribeDBClustersCommand` → `DescribeDBClusters`. */
export function operationOf(commandName: string | undefined): string {
  return (commandName ?? "").replace(/Command$/, "");
}

/** Whether an operation is a read by name and on the list. */
export function isAllowedOperation(operation: string): boolean {
  return /^(Describe|List|Get|AssumeRole$)/.test(operation) && Object.hasOwn(ALLOWED_OPERATIONS, operation);
}

/** Throws before serialisation when a command outside ALLOWED_OPERATIONS is sent through a scan client. */
export function readOnlyGuard(): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const op = operationOf(context.commandName);
          if (!isAllowedOperation(op)) throw new Error(`haspec is read-only: refusing to send ${op || "an unnamed command"}`);
          return next(args);
        },
        { step: "initialize", name: "haspecReadOnlyGuard", priority: "high" },
      );
    },
  };
}

/** Calls `record` with the operation name of every command a client sends (first attempt only). */
export function commandRecorder(record: (operation: string, client: string | undefined) => void): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          record(operationOf(context.commandName), context.clientName);
          return next(args);
        },
        // Unnamed: a client may carry several recorders (the scan's call count, a test's).
        { step: "initialize" },
      );
    },
  };
}

/**
 * Fails a call whose successful answer lacks what the API always returns (see REQUIRED_ANSWER):
 * added outside the retries, so it judges the final answer once.
 */
export function answerCheck(): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const result = await next(args);
          const op = operationOf(context.commandName);
          const missing = missingMembers(op, result.output);
          if (missing.length > 0) {
            const status = (result.output as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
            throw new NotTheApiAnswerError(op, missing, status);
          }
          return result;
        },
        { step: "initialize", name: "haspecAnswerCheck", priority: "high" },
      );
    },
  };
}

/** Calls `start` with the operation name as each command starts; the function it returns runs when the command has ended (retries included). */
export function callWatcher(start: (operation: string) => () => void): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const end = start(operationOf(context.commandName));
          try {
            return await next(args);
          } finally {
            end();
          }
        },
        { step: "initialize" },
      );
    },
  };
}
