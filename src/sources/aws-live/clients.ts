// AWS SDK clients for the live scan, loaded lazily and built by one factory (endpoints, retries, credentials, read-only guard).
import type { RDSClient } from "@aws-sdk/client-rds";
import type { Route53Client } from "@aws-sdk/client-route-53";
import type { STSClient } from "@aws-sdk/client-sts";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { AutoScalingClient } from "@aws-sdk/client-auto-scaling";
import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElasticLoadBalancingClient } from "@aws-sdk/client-elastic-load-balancing";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import { BoundedHttpHandler } from "./bounded-http.js";
import type { CallInFlight } from "./progress.js";
import { answerCheck, callWatcher, readOnlyGuard } from "./read-only.js";

type Ec2Module = typeof import("@aws-sdk/client-ec2");
type SecretsModule = typeof import("@aws-sdk/client-secrets-manager");
type AutoScalingModule = typeof import("@aws-sdk/client-auto-scaling");
type Elbv2Module = typeof import("@aws-sdk/client-elastic-load-balancing-v2");
type ElbModule = typeof import("@aws-sdk/client-elastic-load-balancing");
type CloudWatchModule = typeof import("@aws-sdk/client-cloudwatch");

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
  /** The application tier's services (Auto Scaling, ELB v2 and Classic, CloudWatch alarms), imported on first use like EC2. */
  readonly autoscaling: () => Promise<AutoScalingModule>;
  readonly elbv2: () => Promise<Elbv2Module>;
  readonly elb: () => Promise<ElbModule>;
  readonly cloudwatch: () => Promise<CloudWatchModule>;
  readonly credentials: typeof import("@aws-sdk/credential-providers");
}

export async function loadSdk(): Promise<Sdk> {
  const [rds, route53, sts, credentials] = await Promise.all([
    import("@aws-sdk/client-rds"),
    import("@aws-sdk/client-route-53"),
    import("@aws-sdk/client-sts"),
    import("@aws-sdk/credential-providers"),
  ]);
  let ec2: Promise<Ec2Module> | undefined;
  let secrets: Promise<SecretsModule> | undefined;
  let autoscaling: Promise<AutoScalingModule> | undefined;
  let elbv2: Promise<Elbv2Module> | undefined;
  let elb: Promise<ElbModule> | undefined;
  let cloudwatch: Promise<CloudWatchModule> | undefined;
  return {
    rds,
    route53,
    sts,
    ec2: () => (ec2 ??= import("@aws-sdk/client-ec2")),
    secrets: () => (secrets ??= import("@aws-sdk/client-secrets-manager")),
    autoscaling: () => (autoscaling ??= import("@aws-sdk/client-auto-scaling")),
    elbv2: () => (elbv2 ??= import("@aws-sdk/client-elastic-load-balancing-v2")),
    elb: () => (elb ??= import("@aws-sdk/client-elastic-load-balancing")),
    cloudwatch: () => (cloudwatch ??= import("@aws-sdk/client-cloudwatch")),
    credentials,
  };
}

export interface ClientFactoryOptions {
  /** Where the default region is read from (AWS_REGION, AWS_DEFAULT_REGION). */
  readonly env: NodeJS.ProcessEnv;
  /**
   * `--endpoint-url`: every service at this URL. Without it the SDK picks the endpoint itself,
   * honouring `AWS_ENDPOINT_URL_<SERVICE>` (RDS, ROUTE_53, STS, EC2, SECRETS_MANAGER, AUTO_SCALING,
   * ELASTIC_LOAD_BALANCING(_V2), CLOUDWATCH), then
   * `AWS_ENDPOINT_URL`, then `endpoint_url` in the shared config file, then AWS.
   */
  readonly endpointUrl?: string;
  readonly profile?: string;
  /** Added to every client, including the STS client that assumes roles (tests record commands with one). */
  readonly plugins?: readonly Pluggable<any, any>[];
  /** Attempts per call, first included (adaptive retry mode). */
  readonly maxAttempts?: number;
  /** Per HTTP attempt, headers and body; a region that does not answer in time is reported, not waited for. */
  readonly responseTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Bytes of one answer's body. */
  readonly maxResponseBytes?: number;
  /** Told when each call starts (retries included); the function it returns when the call has ended (the progress display). */
  readonly onCall?: (call: CallInFlight) => () => void;
  /** Aborted when the scan is stopped: every call in flight fails, and every later one. */
  readonly signal?: AbortSignal;
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
  /** The application tier's clients; each resolves once its module is loaded. */
  autoscaling(region: string, credentials: AwsCredentialIdentityProvider): Promise<AutoScalingClient>;
  elbv2(region: string, credentials: AwsCredentialIdentityProvider): Promise<ElasticLoadBalancingV2Client>;
  elb(region: string, credentials: AwsCredentialIdentityProvider): Promise<ElasticLoadBalancingClient>;
  cloudwatch(region: string, credentials: AwsCredentialIdentityProvider): Promise<CloudWatchClient>;
  /** The region the SDK would pick (AWS_REGION, the profile's `region`); undefined when none is set. */
  defaultRegion(): Promise<string | undefined>;
  /** Closes every client's sockets. */
  destroy(): void;
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
  const plugins: Pluggable<any, any>[] = [readOnlyGuard(), answerCheck(), ...(options.plugins ?? [])];
  const cache = new Map<string, { destroy(): void }>();
  const ids = new WeakMap<object, number>();
  let nextId = 0;
  const idOf = (o: object): number => {
    let id = ids.get(o);
    if (id === undefined) ids.set(o, (id = nextId++));
    return id;
  };
  const endpointUrl = options.endpointUrl?.trim() || undefined;
  const endpoint = endpointUrl === undefined ? {} : { endpoint: endpointUrl };
  const maxAttempts = options.maxAttempts ?? 8;
  // One handler per client (each has its own connection pool), bounded in time and size.
  const requestHandler = () =>
    new BoundedHttpHandler({
      connectTimeoutMs: options.connectTimeoutMs ?? 3_000,
      responseTimeoutMs: options.responseTimeoutMs ?? 20_000,
      maxResponseBytes: options.maxResponseBytes ?? 8 << 20,
    }, options.signal);
  const common = (region: string, credentials: AwsCredentialIdentityProvider) =>
    ({
      region,
      credentials,
      // The SDK's adaptive retry mode: each client (account, region, service, which is how AWS
      // meters API calls) has its own rate limiter that slows down after throttling.
      retryMode: "adaptive",
      maxAttempts,
      requestHandler: requestHandler(),
      ...endpoint,
    }) as const;
  /** The plugins of a client of `service` in `region`: the common ones and, with onCall, a watcher that knows where the call goes. */
  const pluginsFor = (service: string, region: string): Pluggable<any, any>[] =>
    options.onCall === undefined ? plugins : [...plugins, callWatcher((operation) => options.onCall!({ service, operation, region }))];
  function cached<C extends { destroy(): void; middlewareStack: { use(p: Pluggable<any, any>): void } }>(
    service: string,
    region: string,
    credentials: object,
    make: () => C,
  ): C {
    const key = `${service}\u0000${region}\u0000${idOf(credentials)}`;
    let client = cache.get(key) as C | undefined;
    if (client === undefined) {
      client = make();
      for (const p of pluginsFor(service, service === "route53" ? "" : region)) client.middlewareStack.use(p);
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
      return memoizeCredentials(
        sdk.credentials.fromTemporaryCredentials({
          params: { RoleArn: roleArn, RoleSessionName: "haspec-readonly-scan", DurationSeconds: 3600 },
          masterCredentials: factory.baseCredentials(),
          clientConfig: { region, retryMode: "adaptive", maxAttempts, requestHandler: requestHandler(), ...endpoint },
          clientPlugins: pluginsFor("sts", region),
        }),
      );
    },
    rds: (region, credentials) => cached("rds", region, credentials, () => new sdk.rds.RDSClient(common(region, credentials))),
    // Route 53 is global; its API lives in us-east-1.
    route53: (credentials) => cached("route53", "us-east-1", credentials, () => new sdk.route53.Route53Client(common("us-east-1", credentials))),
    sts: (region, credentials) => cached("sts", region, credentials, () => new sdk.sts.STSClient(common(region, credentials))),
    async ec2(region, credentials) {
      const { EC2Client } = await sdk.ec2();
      return cached("ec2", region, credentials, () => new EC2Client(common(region, credentials)));
    },
    async secrets(region, credentials) {
      const { SecretsManagerClient } = await sdk.secrets();
      return cached("secretsmanager", region, credentials, () => new SecretsManagerClient(common(region, credentials)));
    },
    async autoscaling(region, credentials) {
      const { AutoScalingClient } = await sdk.autoscaling();
      return cached("autoscaling", region, credentials, () => new AutoScalingClient(common(region, credentials)));
    },
    async elbv2(region, credentials) {
      const { ElasticLoadBalancingV2Client } = await sdk.elbv2();
      return cached("elbv2", region, credentials, () => new ElasticLoadBalancingV2Client(common(region, credentials)));
    },
    async elb(region, credentials) {
      const { ElasticLoadBalancingClient } = await sdk.elb();
      return cached("elb", region, credentials, () => new ElasticLoadBalancingClient(common(region, credentials)));
    },
    async cloudwatch(region, credentials) {
      const { CloudWatchClient } = await sdk.cloudwatch();
      return cached("cloudwatch", region, credentials, () => new CloudWatchClient(common(region, credentials)));
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
