// `--source aws`: a read-only scan of the live accounts and regions through the AWS SDK v3, into the same model as AWS CLI JSON.
import { setMaxListeners } from "node:events";
import type { AwsCredentialIdentityProvider, Pluggable } from "@smithy/types";
import { UserError } from "../../errors.js";
import type { Inventory } from "../../model/inventory.js";
import type { Value } from "../../model/value.js";
import { VERSION } from "../../version.js";
import type { LiveScanOptions } from "../options.js";
import { errorNotes, inventoryFromBundle, readNothing, type SnapshotBundle } from "../snapshot/bundle.js";
import { createClientFactory, loadSdk, type AwsClientFactory } from "./clients.js";
import { progressDisplay } from "./progress.js";
import { commandRecorder } from "./read-only.js";
import { scanAws, ScanSetupError } from "./scan.js";
import type { SqlTarget } from "./sql/binlog-retention.js";

/** What tests and the bench replace; every field has a production default. */
export interface LiveScanDeps {
  /** Extra SDK plugins on every client (a command recorder, say). */
  readonly plugins: readonly Pluggable<any, any>[];
  /** Instead of the default credential chain / `--profile`. */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Builds the clients; default: the real SDK with the options' endpoint and credentials. */
  readonly clientFactory?: (plugins: readonly Pluggable<any, any>[]) => Promise<AwsClientFactory>;
  /** Attempts per call, the first included: throttling, 5xx answers and failed connections are retried. */
  readonly maxAttempts: number;
  /** Until a connection is up, per attempt. */
  readonly connectTimeoutMs: number;
  /** From request to the last byte of the answer, per attempt; an answer that does not end in time fails the call (not retried). */
  readonly responseTimeoutMs: number;
  /** Bytes of one answer's body; a longer one fails the call. */
  readonly maxResponseBytes: number;
  readonly concurrency: number;
  readonly innerConcurrency: number;
  readonly pageSize?: number;
  /** Pages one call may read; default MAX_PAGES (pages.ts). */
  readonly maxPages?: number;
  readonly readBinlog?: (target: SqlTarget) => Promise<Value<number | null>>;
}

const DEFAULTS: LiveScanDeps = {
  plugins: [],
  maxAttempts: 8,
  connectTimeoutMs: 3_000,
  responseTimeoutMs: 20_000,
  maxResponseBytes: 8 << 20,
  concurrency: 8,
  innerConcurrency: 4,
};

/** The environment variables that override the HTTP limits, and the limit each sets. */
export const LIMIT_VARIABLES = {
  HASPEC_AWS_CONNECT_TIMEOUT_MS: "connectTimeoutMs",
  HASPEC_AWS_RESPONSE_TIMEOUT_MS: "responseTimeoutMs",
  HASPEC_AWS_MAX_RESPONSE_BYTES: "maxResponseBytes",
  HASPEC_AWS_MAX_ATTEMPTS: "maxAttempts",
} as const;

/** The limits set in the environment (HASPEC_AWS_*); a value that is not a positive whole number is a usage error. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): Partial<LiveScanDeps> {
  const out: Record<string, number> = {};
  for (const [name, key] of Object.entries(LIMIT_VARIABLES)) {
    const text = env[name]?.trim();
    if (text === undefined || text === "") continue;
    if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
      throw new UserError(`${name} must be a positive whole number, not ${JSON.stringify(text.slice(0, 40))}; unset it for the default`);
    }
    out[key] = Number(text);
  }
  return out as Partial<LiveScanDeps>;
}

/** Scans and returns the raw bundle (the snapshot's content). Throws UserError when nothing at all could be read. */
export async function scanLiveAws(options: LiveScanOptions, overrides: Partial<LiveScanDeps> = {}): Promise<SnapshotBundle> {
  const deps = { ...DEFAULTS, ...limitsFromEnv(options.env), ...overrides };
  // A progress stream that closes (the interactive UI was quit while loading) leaves nobody to wait for the scan: stop it.
  const stop = new AbortController();
  // Every call in flight listens to it: no "possible memory leak" warning for a scan with many calls out.
  setMaxListeners(0, stop.signal);
  const onClose = () => stop.abort();
  options.progress?.once("close", onClose);
  const calls = new Map<string, number>();
  const progress = options.progress === undefined ? undefined : progressDisplay(options.progress, () => calls);
  const plugins = [
    commandRecorder((op) => {
      calls.set(op, (calls.get(op) ?? 0) + 1);
      progress?.tick();
    }),
    ...deps.plugins,
  ];
  const clients =
    deps.clientFactory !== undefined
      ? await deps.clientFactory(plugins)
      : createClientFactory(await loadSdk(), {
          env: options.env,
          plugins,
          maxAttempts: deps.maxAttempts,
          connectTimeoutMs: deps.connectTimeoutMs,
          responseTimeoutMs: deps.responseTimeoutMs,
          maxResponseBytes: deps.maxResponseBytes,
          ...(progress === undefined ? {} : { onCall: progress.started }),
          signal: stop.signal,
          ...(options.endpointUrl === undefined ? {} : { endpointUrl: options.endpointUrl }),
          ...(options.profile === undefined ? {} : { profile: options.profile }),
          ...(deps.credentials === undefined ? {} : { credentials: deps.credentials }),
        });
  try {
    const readBinlog = deps.readBinlog ?? (await import("./sql/binlog-retention.js")).readBinlogRetentionHours;
    const bundle = await scanAws(options, {
      clients,
      concurrency: deps.concurrency,
      innerConcurrency: deps.innerConcurrency,
      ...(deps.pageSize === undefined ? {} : { pageSize: deps.pageSize }),
      ...(deps.maxPages === undefined ? {} : { maxPages: deps.maxPages }),
      readBinlog,
      tool: { name: "haspec", version: VERSION },
      calls,
      ...(progress === undefined ? {} : { onProgress: progress.onEvent }),
    });
    progress?.finish();
    if (stop.signal.aborted) throw stoppedError();
    if (readNothing(bundle)) {
      const notes = errorNotes(bundle.errors);
      throw new UserError(
        `the live scan could not read any database; check the credentials (--profile, --role-arn), --region and --endpoint-url. ` +
          `${notes.length} call${notes.length === 1 ? "" : "s"} failed:`,
        notes.map((message) => ({ file: "aws", message })),
      );
    }
    return bundle;
  } catch (error) {
    progress?.finish();
    if (stop.signal.aborted && !(error instanceof UserError)) throw stoppedError();
    if (error instanceof ScanSetupError) throw new UserError(error.message);
    throw error;
  } finally {
    options.progress?.off("close", onClose);
    clients.destroy();
  }
}

function stoppedError(): UserError {
  return new UserError("the live scan was stopped before it finished (the interactive UI was quit): nothing was checked");
}

/**
 * Reads the live accounts into an Inventory. Calls that fail (AccessDenied, throttling beyond the
 * retries, timeouts, a role that cannot be assumed) leave what they would have read unknown and are
 * listed in `notes`; only a scan that reads no database at all is an error (exit 2).
 */
export async function readLiveAws(options: LiveScanOptions, overrides: Partial<LiveScanDeps> = {}): Promise<Inventory> {
  const bundle = await scanLiveAws(options, overrides);
  return inventoryFromBundle(bundle, "aws", describeScan(bundle));
}

/** `aws 123456789012 eu-west-1,us-east-1` for the report's `sources`. */
export function describeScan(bundle: SnapshotBundle): string {
  return `aws ${bundle.accounts.join(",") || "?"} ${bundle.regions.join(",") || "?"}`;
}
