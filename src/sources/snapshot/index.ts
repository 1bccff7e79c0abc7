// Snapshot files: `haspec snapshot --out FILE` writes a live scan's bundle; `haspec check FILE` reads it back into the same inventory.
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../errors.js";
import type { Inventory } from "../../model/inventory.js";
import type { LiveScanOptions } from "../options.js";
import { readJsonFile } from "../json-file.js";
import { inventoryFromBundle, SNAPSHOT_FORMAT, type RegionData, type SnapshotBundle } from "./bundle.js";

export { inventoryFromBundle, type SnapshotBundle } from "./bundle.js";

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Checks the shape a reader relies on; anything else is a UserError naming the file and the key. */
export function parseBundle(doc: unknown, file: string): SnapshotBundle {
  const bad = (message: string) => new UserError(`${file} is not a haspec snapshot haspec can read: ${message}`, [{ file, message }]);
  if (!isRecord(doc)) throw bad("the file is not a JSON object");
  if (doc["haspecSnapshot"] !== SNAPSHOT_FORMAT) {
    throw bad(`haspecSnapshot is ${JSON.stringify(doc["haspecSnapshot"])}; this version reads format ${SNAPSHOT_FORMAT} (write it again with this haspec's snapshot command)`);
  }
  const captured = doc["capturedAt"];
  if (typeof captured !== "string" || Number.isNaN(Date.parse(captured))) throw bad("capturedAt is not an ISO-8601 time");
  if (!isRecord(doc["data"])) throw bad("data is not an object of `<account>/<region>` entries");
  for (const [key, value] of Object.entries(doc["data"])) {
    if (!isRecord(value)) throw bad(`data["${key}"] is not an object`);
    for (const list of [
      "DBClusters",
      "DBInstances",
      "EventSubscriptionsList",
      "DBProxies",
      "GlobalClusters",
      "HostedZones",
      "AutoScalingGroups",
      "Reservations",
      "LoadBalancers",
      "TargetGroups",
      "TagDescriptions",
      "LoadBalancerDescriptions",
      "MetricAlarms",
    ] as const) {
      if (list in value && !Array.isArray(value[list])) throw bad(`data["${key}"].${list} is not a list`);
    }
    for (const map of ["Parameters", "Targets", "ResourceRecordSets", "BinlogRetentionHours", "Attributes", "LoadBalancerAttributes"] as const) {
      if (map in value && !isRecord(value[map])) throw bad(`data["${key}"].${map} is not an object`);
    }
  }
  if (!Array.isArray(doc["errors"])) throw bad("errors is not a list");
  const accounts = Array.isArray(doc["accounts"]) ? doc["accounts"].filter((a): a is string => typeof a === "string") : [];
  const regions = Array.isArray(doc["regions"]) ? doc["regions"].filter((a): a is string => typeof a === "string") : [];
  return { ...(doc as unknown as SnapshotBundle), accounts, regions };
}

function readBundle(file: string, display: string): SnapshotBundle {
  return parseBundle(readJsonFile(file, display, "pass a file written by haspec snapshot --out FILE").doc, display);
}

/** Several snapshots of one capture (say, one per account) merge; different capture times do not. */
function mergeBundles(bundles: readonly SnapshotBundle[], names: readonly string[]): SnapshotBundle {
  const first = bundles[0]!;
  if (bundles.length === 1) return first;
  const times = new Set(bundles.map((b) => b.capturedAt));
  if (times.size > 1) {
    throw new UserError(
      `the snapshots ${names.join(", ")} were captured at different times (${[...times].join(", ")}); check one capture per run, since PITR lag is judged against the capture time`,
    );
  }
  const data: Record<string, RegionData> = {};
  for (const b of bundles) Object.assign(data, b.data);
  return {
    ...first,
    accounts: [...new Set(bundles.flatMap((b) => b.accounts))].sort(),
    regions: [...new Set(bundles.flatMap((b) => b.regions))].sort(),
    data: Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1))),
    errors: bundles.flatMap((b) => b.errors),
  };
}

/** Reads snapshot files into the inventory the live scan they came from gave (capture time included). */
export async function readSnapshot(paths: readonly string[], options: { cwd: string }): Promise<Inventory> {
  const bundles = paths.map((p) => readBundle(path.resolve(options.cwd, p), p));
  return inventoryFromBundle(mergeBundles(bundles, paths), "snapshot", paths.join(","));
}

/** The bundle as written: two-space JSON, keys in the bundle's own (deterministic) order, final newline. */
export function serializeBundle(bundle: SnapshotBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

function count(bundle: SnapshotBundle, list: "DBClusters" | "DBInstances"): number {
  let n = 0;
  for (const d of Object.values(bundle.data)) n += ((d as RegionData)[list] ?? []).length;
  return n;
}

/** One line for the terminal: what was written and what could not be read. */
export function snapshotSummary(bundle: SnapshotBundle, out: string): string {
  const calls = Object.values(bundle.calls ?? {}).reduce((a, b) => a + b, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const failed = bundle.errors.length === 0 ? "" : `; ${plural(bundle.errors.length, "call")} failed (listed under "errors"; what they read is unknown)`;
  return (
    `wrote ${out}: ${plural(bundle.accounts.length, "account")}, ${plural(bundle.regions.length, "region")}, ` +
    `${plural(count(bundle, "DBClusters"), "cluster")}, ${plural(count(bundle, "DBInstances"), "instance")}, ` +
    `${plural(calls, "API call")}, captured ${bundle.capturedAt}${failed}`
  );
}

/** Scans live and writes the bundle to `out` (atomically); returns the summary line. */
export async function writeSnapshotFile(live: LiveScanOptions, out: string): Promise<string> {
  const { scanLiveAws } = await import("../aws-live/index.js");
  const bundle = await scanLiveAws(live);
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, serializeBundle(bundle), { encoding: "utf8", mode: 0o644 });
    await rename(tmp, out);
  } catch (cause) {
    throw new UserError(`cannot write the snapshot to ${out}: ${(cause as Error).message}`, [], { cause });
  }
  return snapshotSummary(bundle, out);
}
