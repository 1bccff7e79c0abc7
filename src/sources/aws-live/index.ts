// `--source aws`: a read-only scan of the live accounts and regions through the AWS SDK v3, into the same model as AWS CLI JSON.
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
  readonly maxAttempts: number;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly concurrency: number;
  readonly innerConcurrency: number;
  readonly pageSize?: number;
  readonly readBinlog?: (target: SqlTarget) => Promise<Value<number | null>>;
}

const DEFAULTS: LiveScanDeps = {
  plugins: [],
  maxAttempts: 8,
  requestTimeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  concurrency: 8,
  innerConcurrency: 4,
};

/** Scans and returns the raw bundle (the snapshot's content). Throws UserError when nothing at all could be read. */
export async function scanLiveAws(options: LiveScanOptions, overrides: Partial<LiveScanDeps> = {}): Promise<SnapshotBundle> {
  const deps = { ...DEFAULTS, ...overrides };
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
          requestTimeoutMs: deps.requestTimeoutMs,
          connectTimeoutMs: deps.connectTimeoutMs,
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
      readBinlog,
      tool: { name: "haspec", version: VERSION },
      calls,
      ...(progress === undefined ? {} : { onProgress: progress.onEvent }),
    });
    progress?.finish();
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
    if (error instanceof ScanSetupError) throw new UserError(error.message);
    throw error;
  } finally {
    clients.destroy();
  }
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
