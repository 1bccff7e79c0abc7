// The drill's own AWS clients: reads of one cluster, and the one write haspec ever sends (FailoverDBCluster), each behind its own allow-list.
import type { RDSClient } from "@aws-sdk/client-rds";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import { BoundedHttpHandler } from "../sources/aws-live/bounded-http.js";
import { operationOf } from "../sources/aws-live/read-only.js";

/** The reads a drill sends: the cluster, its instances and proxy, its events, the database secret. */
export const DRILL_READS: Readonly<Record<string, string>> = {
  DescribeDBClusters: "rds:DescribeDBClusters",
  DescribeDBInstances: "rds:DescribeDBInstances",
  DescribeDBProxies: "rds:DescribeDBProxies",
  DescribeEvents: "rds:DescribeEvents",
  GetSecretValue: "secretsmanager:GetSecretValue",
};

/** The only write call in haspec, sent only by `haspec drill --yes`. */
export const DRILL_WRITE = { FailoverDBCluster: "rds:FailoverDBCluster" } as const;

/** Refuses, before it leaves the process, any command whose operation is not in `allowed`. */
export function allowListGuard(allowed: Readonly<Record<string, string>>, what: string): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const op = operationOf(context.commandName);
          if (!Object.hasOwn(allowed, op)) throw new Error(`haspec drill: refusing to send ${op || "an unnamed command"} through the ${what} client`);
          return next(args);
        },
        { step: "initialize", name: "haspecDrillGuard", priority: "high" },
      );
    },
  };
}

export interface DrillAwsOptions {
  readonly region: string;
  readonly endpointUrl?: string;
  readonly profile?: string;
  /** Replaces the default chain / --profile (tests). */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Per HTTP attempt (HASPEC_AWS_CONNECT_TIMEOUT_MS / HASPEC_AWS_RESPONSE_TIMEOUT_MS, as for the live scan); defaults 3 s and 20 s. */
  readonly connectTimeoutMs?: number;
  readonly responseTimeoutMs?: number;
  /** Extra plugins on every client (tests record commands with one). */
  readonly plugins?: readonly Pluggable<any, any>[];
}

/** The drill's clients: `reads` may send only DRILL_READS, `write` only FailoverDBCluster (once: no retry of a write). */
export interface DrillAws {
  readonly rds: typeof import("@aws-sdk/client-rds");
  readonly reads: RDSClient;
  readonly write: RDSClient;
  secrets(): Promise<{ client: SecretsManagerClient; GetSecretValueCommand: typeof import("@aws-sdk/client-secrets-manager").GetSecretValueCommand }>;
  destroy(): void;
}

export async function drillAws(options: DrillAwsOptions): Promise<DrillAws> {
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const [rds, providers] = await Promise.all([import("@aws-sdk/client-rds"), import("@aws-sdk/credential-providers")]);
  const credentials =
    options.credentials ?? (options.profile !== undefined ? providers.fromIni({ profile: options.profile }) : providers.fromNodeProviderChain());
  const endpoint = options.endpointUrl?.trim() ? { endpoint: options.endpointUrl.trim() } : {};
  // Bounded like the live scan's calls: a control plane that stalls fails the call instead of holding the drill.
  const requestHandler = () => new BoundedHttpHandler({
      connectTimeoutMs: options.connectTimeoutMs ?? 3_000,
      responseTimeoutMs: options.responseTimeoutMs ?? 20_000,
      maxResponseBytes: 8 << 20,
    });
  const common = { region: options.region, credentials, ...endpoint };
  const withPlugins = <C extends { middlewareStack: { use(p: Pluggable<any, any>): void } }>(client: C, guard: Pluggable<any, any>): C => {
    client.middlewareStack.use(guard);
    for (const p of options.plugins ?? []) client.middlewareStack.use(p);
    return client;
  };
  const reads = withPlugins(new rds.RDSClient({ ...common, maxAttempts: 4, requestHandler: requestHandler() }), allowListGuard(DRILL_READS, "read"));
  const write = withPlugins(new rds.RDSClient({ ...common, maxAttempts: 1, requestHandler: requestHandler() }), allowListGuard(DRILL_WRITE, "failover"));
  let secrets: SecretsManagerClient | undefined;
  return {
    rds,
    reads,
    write,
    async secrets() {
      const sm = await import("@aws-sdk/client-secrets-manager");
      secrets ??= withPlugins(new sm.SecretsManagerClient({ ...common, maxAttempts: 4, requestHandler: requestHandler() }), allowListGuard(DRILL_READS, "read"));
      return { client: secrets, GetSecretValueCommand: sm.GetSecretValueCommand };
    },
    destroy() {
      reads.destroy();
      write.destroy();
      secrets?.destroy();
    },
  };
}
