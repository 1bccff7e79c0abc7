// AWS SDK clients for the live scan, loaded lazily and built by one factory (endpoints, retries, credentials, read-only guard).
import type { RDSClient } from "@aws-sdk/client-rds";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { STSClient } from "@aws-sdk/client-sts";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import { readOnlyGuard } from "./read-only.js";
import { schemaXmlQueryProtocol } from "./query-protocol.js";

type Ec2Module = typeof import("@aws-sdk/client-ec2");
type SecretsModule = typeof import("@aws-sdk/client-secrets-manager");

/** The SDK modules the scan uses; imported only when a live scan runs. */
export interface Sdk {
  readonly rds: typeof import("@aws-sdk/client-rds");
  readonly route53: typeof import("@aws-sdk/client-route-53");
  readonly sts: typeof import("@aws-sdk/client-sts");
  /**
   * Imported on first use: only `--region all` calls EC2, whose client takes ~0.5 s to load
   * (three times the RDS client), and only `--db-secret-arn` calls Secrets Manager.
   */
  readonly ec2: () => Promise<Ec2Module>;
  readonly secrets: () => Promise<SecretsModule>;
  readonly credentials: typeof import("@aws-sdk/credential-providers");
  /** The SDK's own retry strategies (what `retryMode` picks from), to configure the adaptive one. */
  readonly retry: typeof import("@smithy/core/retry");
  /** The RDS client's protocol: the SDK's AWS Query protocol with the schema-driven XML reader. */
  readonly queryProtocol: Awaited<ReturnType<typeof schemaXmlQueryProtocol>>;
}

export async function loadSdk(): Promise<Sdk> {
  const [rds, route53, sts, credentials, retry, queryProtocol] = await Promise.all([
    import("@aws-sdk/client-rds"),
    import("@aws-sdk/client-route-53"),
    import("@aws-sdk/client-sts"),
    import("@aws-sdk/credential-providers"),
    import("@smithy/core/retry"),
    schemaXmlQueryProtocol(),
  ]);
  let ec2: Promise<Ec2Module> | undefined;
  let secrets: Promise<SecretsModule> | undefined;
  return {
    rds,
    route53,
    sts,
    ec2: () => (ec2 ??= import("@aws-sdk/client-ec2")),
    secrets: () => (secrets ??= import("@aws-sdk/client-secrets-manager")),
    credentials,
    retry,
    queryProtocol,
  };
}

/** The services the scan calls, with the suffix of their `AWS_ENDPOINT_URL_*` variable. */
export const ENDPOINT_VARIABLE = {
  rds: "AWS_ENDPOINT_URL_RDS",
  route53: "AWS_ENDPOINT_URL_ROUTE_53",
  sts: "AWS_ENDPOINT_URL_STS",
  ec2: "AWS_ENDPOINT_URL_EC2",
  secrets: "AWS_ENDPOINT_URL_SECRETS_MANAGER",
} as const;

export type Service = keyof typeof ENDPOINT_VARIABLE;

/** `--endpoint-url` wins, then the service's own variable, then `AWS_ENDPOINT_URL`; undefined = AWS itself. */
export function endpointFor(service: Service, endpointUrl: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const pick = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
  return pick(endpointUrl) ?? pick(env[ENDPOINT_VARIABLE[service]]) ?? pick(env["AWS_ENDPOINT_URL"]);
}

export interface ClientFactoryOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly endpointUrl?: string;
  readonly profile?: string;
  /** Added to every client, including the STS client that assumes roles (tests record commands with one). */
  readonly plugins?: readonly Pluggable<any, any>[];
  /** Attempts per call, first included (adaptive retry mode). */
  readonly maxAttempts?: number;
  /** Requests per second the adaptive retry mode may slow one client down to after throttling (default ADAPTIVE_MIN_RATE). */
  readonly minSendRate?: number;
  /** Per HTTP request; a region that does not answer in time is reported, not waited for. */
  readonly requestTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Replaces the default chain / profile (tests). */
  readonly credentials?: AwsCredentialIdentityProvider;
}

/** Makes (and caches) one client per service, credentials and region. */
export interface AwsClientFactory {
  readonly sdk: Sdk;
  /** The caller's credentials: the default chain, or `--profile`. */
  baseCredentials(): AwsCredentialIdentityProvider;
  /** Credentials of `roleArn`, assumed with the base credentials through STS in `region`. */
  assumeRole(roleArn: string, region: string): AwsCredentialIdentityProvider;
  rds(region: string, credentials: AwsCredentialIdentityProvider): RDSClient;
  route53(credentials: AwsCredentialIdentityProvider): Route53Client;
  sts(region: string, credentials: AwsCredentialIdentityProvider): STSClient;
  /** Resolves once the EC2 client's module is loaded (see Sdk.ec2). */
  ec2(region: string, credentials: AwsCredentialIdentityProvider): Promise<EC2Client>;
  /** Resolves once the Secrets Manager client's module is loaded (see Sdk.secrets). */
  secrets(region: string, credentials: AwsCredentialIdentityProvider): Promise<SecretsManagerClient>;
  /** The region the SDK would pick (AWS_REGION, the profile's `region`); undefined when none is set. */
  defaultRegion(): Promise<string | undefined>;
  /** Closes every client's sockets. */
  destroy(): void;
}

/**
 * The adaptive retry mode's floor, in requests per second per client (one client per account,
 * region and service, which is how AWS meters API calls). The SDK's default floor is 0.5/s: its rate
 * limiter measures the sending rate in half-second buckets, so a throttle in a client's first half
 * second (measured rate still 0) drops it straight to one request every 2 s, and random throttling
 * keeps it near there. Above the floor the limiter still backs off and recovers as the SDK does, and
 * every retry still waits the SDK's backoff (1 s base for throttling, exponential, jittered) and
 * draws on its retry quota. 1,000 clusters, 3 regions, 20% throttled, 4 seeds (scripts/bench/live-scan.mjs):
 * floor 0.5/s (SDK default) 10.4-13.1 s; 5/s 4.1-8.4 s; 10/s 2.1-5.6 s; standard mode 3.2-5.1 s.
 */
export const ADAPTIVE_MIN_RATE = 10;

/** The SDK's adaptive retry strategy with its rate limiter's floor at `minSendRate` requests per second. */
export function adaptiveRetry(sdk: Sdk, maxAttempts: number, minSendRate: number = ADAPTIVE_MIN_RATE) {
  return new sdk.retry.AdaptiveRetryStrategy(maxAttempts, {
    maxAttempts,
    rateLimiter: new sdk.retry.DefaultRateLimiter({ minFillRate: minSendRate }),
  });
}

/** Resolves once and reuses the credentials until five minutes before they expire. */
export function memoizeCredentials(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current !== undefined) {
      const c = await current.catch(() => undefined);
      if (c !== undefined && (c.expiration === undefined || c.expiration.getTime() - Date.now() > 300_000)) return c;
    }
    current = provider();
    return current;
  };
}

export function createClientFactory(sdk: Sdk, options: ClientFactoryOptions): AwsClientFactory {
  const plugins: Pluggable<any, any>[] = [readOnlyGuard(), ...(options.plugins ?? [])];
  const cache = new Map<string, { destroy(): void }>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (o: object): number => {
    let id = ids.get(o);
    if (id === undefined) ids.set(o, (id = nextId++));
    return id;
  };
  const common = (service: Service, region: string, credentials: AwsCredentialIdentityProvider) => {
    const endpoint = endpointFor(service, options.endpointUrl, options.env);
    return {
      region,
      credentials,
      // The adaptive retry mode, one rate limiter per client (account, region, service).
      retryMode: "adaptive",
      retryStrategy: adaptiveRetry(sdk, options.maxAttempts ?? 8, options.minSendRate),
      maxAttempts: options.maxAttempts ?? 8,
      requestHandler: {
        connectionTimeout: options.connectTimeoutMs ?? 5_000,
        requestTimeout: options.requestTimeoutMs ?? 30_000,
        throwOnRequestTimeout: true,
      },
      ...(endpoint === undefined ? {} : { endpoint }),
    } as const;
  };
  function cached<C extends { destroy(): void; middlewareStack: { use(p: Pluggable<any, any>): void; remove(name: string): boolean } }>(
    key: string,
    make: () => C,
  ): C {
    let client = cache.get(key) as C | undefined;
    if (client === undefined) {
      client = make();
      // No logger is ever set, yet the SDK's logger middleware copies every output through the
      // schema's sensitive-data filter for it: ~6% of a large scan's CPU (see scripts/bench/live-scan.mjs).
      client.middlewareStack.remove("loggerMiddleware");
      for (const p of plugins) client.middlewareStack.use(p);
      cache.set(key, client);
    }
    return client;
  }
  let base: AwsCredentialIdentityProvider | undefined;
  const factory: AwsClientFactory = {
    sdk,
    baseCredentials() {
      base ??= memoizeCredentials(
        options.credentials ??
          (options.profile !== undefined
            ? sdk.credentials.fromIni({ profile: options.profile })
            : sdk.credentials.fromNodeProviderChain()),
      );
      return base;
    },
    assumeRole(roleArn, region) {
      const endpoint = endpointFor("sts", options.endpointUrl, options.env);
      return memoizeCredentials(
        sdk.credentials.fromTemporaryCredentials({
          params: { RoleArn: roleArn, RoleSessionName: "haspec-readonly-scan", DurationSeconds: 3600 },
          masterCredentials: factory.baseCredentials(),
          clientConfig: { region, maxAttempts: options.maxAttempts ?? 8, ...(endpoint === undefined ? {} : { endpoint }) },
          clientPlugins: plugins,
        }),
      );
    },
    rds: (region, credentials) =>
      cached(`rds\u0000${region}\u0000${idOf(credentials)}`, () => new sdk.rds.RDSClient({ ...common("rds", region, credentials), protocol: sdk.queryProtocol })),
    // Route 53 is global; its API lives in us-east-1.
    route53: (credentials) =>
      cached(`route53\u0000${idOf(credentials)}`, () => new sdk.route53.Route53Client(common("route53", "us-east-1", credentials))),
    sts: (region, credentials) =>
      cached(`sts\u0000${region}\u0000${idOf(credentials)}`, () => new sdk.sts.STSClient(common("sts", region, credentials))),
    async ec2(region, credentials) {
      const { EC2Client } = await sdk.ec2();
      return cached(`ec2\u0000${region}\u0000${idOf(credentials)}`, () => new EC2Client(common("ec2", region, credentials)));
    },
    async secrets(region, credentials) {
      const { SecretsManagerClient } = await sdk.secrets();
      return cached(`secrets\u0000${region}\u0000${idOf(credentials)}`, () => new SecretsManagerClient(common("secrets", region, credentials)));
    },
    async defaultRegion() {
      const fromEnv = options.env["AWS_REGION"] ?? options.env["AWS_DEFAULT_REGION"];
      if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
      // The shared config file (the profile's `region`), the way the SDK reads it.
      const probe = new sdk.sts.STSClient({ ...(options.profile === undefined ? {} : { profile: options.profile }) });
      try {
        return await probe.config.region();
      } catch {
        return undefined;
      } finally {
        probe.destroy();
      }
    },
    destroy() {
      for (const c of cache.values()) c.destroy();
      cache.clear();
    },
  };
  return factory;
}
