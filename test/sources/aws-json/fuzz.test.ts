// Property tests: no input makes readAwsJson throw anything but a UserError, and odd shapes become unknowns.
import fc from "fast-check";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import type { Resource } from "../../../src/model/resource.js";
import type { Value } from "../../../src/model/value.js";
import { readAwsJson } from "../../../src/sources/aws-json/index.js";

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "haspec-aws-json-fuzz-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` to a fresh subdirectory and returns the file's path. */
async function write(name: string, content: string | Uint8Array): Promise<string> {
  const sub = path.join(dir, String(n++));
  await mkdir(sub);
  const file = path.join(sub, name);
  await writeFile(file, content);
  return file;
}

/** Runs readAwsJson; only a UserError may escape. */
async function readOrUserError(inputs: string[]): Promise<void> {
  try {
    await readAwsJson(inputs);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    expect(e.message).not.toMatch(/\n\s+at /); // no stack trace in the message
  }
}

function checkValue(v: Value<unknown>, what: string, type?: (x: unknown) => boolean): void {
  expect(typeof v.known, what).toBe("boolean");
  if (v.known) {
    if (type) expect(type(v.value), `${what} = ${JSON.stringify(v.value)}`).toBe(true);
  } else {
    expect(typeof v.reason, what).toBe("string");
    expect(v.reason.length, what).toBeGreaterThan(0);
  }
}

const isString = (x: unknown) => typeof x === "string";
const isNumber = (x: unknown) => typeof x === "number" && Number.isFinite(x);
const isBoolean = (x: unknown) => typeof x === "boolean";
const orNull = (f: (x: unknown) => boolean) => (x: unknown) => x === null || f(x);

/** Every field of a resource is a well-formed Value of the right type. */
function checkResource(r: Resource): void {
  expect(typeof r.id).toBe("string");
  expect(typeof r.address).toBe("string");
  checkValue(r.engineVersion, "engineVersion", isString);
  checkValue(r.region, "region", isString);
  checkValue(r.account, "account", isString);
  checkValue(r.tags, "tags", (t) => typeof t === "object" && t !== null && Object.values(t).every(isString));
  checkValue(r.backupRetentionDays, "backupRetentionDays", isNumber);
  checkValue(r.deletionProtection, "deletionProtection", isBoolean);
  checkValue(r.copyTagsToSnapshot, "copyTagsToSnapshot", isBoolean);
  checkValue(r.backtrackWindowSeconds, "backtrackWindowSeconds", isNumber);
  checkValue(r.latestRestorableTime, "latestRestorableTime", (x) => isString(x) && !Number.isNaN(Date.parse(x as string)));
  checkValue(r.preferredBackupWindow, "preferredBackupWindow", isString);
  checkValue(r.preferredMaintenanceWindow, "preferredMaintenanceWindow", isString);
  checkValue(r.autoMinorVersionUpgrade, "autoMinorVersionUpgrade", orNull(isBoolean));
  checkValue(r.endpoints.cluster, "endpoints.cluster", orNull(isString));
  checkValue(r.endpoints.reader, "endpoints.reader", orNull(isString));
  checkValue(r.endpoints.custom, "endpoints.custom", (x) => Array.isArray(x) && x.every(isString));
  checkValue(r.clusterParameterGroup, "clusterParameterGroup");
  checkValue(r.instances, "instances", Array.isArray);
  if (!r.instances.known) return;
  for (const i of r.instances.value) {
    expect(typeof i.id).toBe("string");
    checkValue(i.isWriter, "isWriter", isBoolean);
    checkValue(i.availabilityZone, "availabilityZone", isString);
    checkValue(i.secondaryAvailabilityZone, "secondaryAvailabilityZone", orNull(isString));
    checkValue(i.promotionTier, "promotionTier", isNumber);
    checkValue(i.instanceClass, "instanceClass", isString);
    checkValue(i.endpoint, "endpoint", isString);
    checkValue(i.performanceInsightsEnabled, "performanceInsightsEnabled", isBoolean);
    checkValue(i.monitoringInterval, "monitoringInterval", isNumber);
    checkValue(i.autoMinorVersionUpgrade, "autoMinorVersionUpgrade", isBoolean);
    checkValue(i.preferredMaintenanceWindow, "preferredMaintenanceWindow", isString);
    checkValue(i.clusterParameterGroupStatus, "clusterParameterGroupStatus", orNull(isString));
  }
}

/** A field value of any JSON type, biased towards the plausible. */
const anyField = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double(),
  fc.constantFrom("", "us-east-1a", "aurora-mysql", "postgres", "neptune", "arn:aws:rds:us-east-1:1:cluster:c", "string", "default.x"),
  fc.string(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({ __class__: fc.constant("datetime"), year: fc.integer(), month: fc.integer(), day: fc.integer() }),
);

const CLUSTER_FIELDS = [
  "DBClusterIdentifier", "DBClusterArn", "Engine", "EngineVersion", "DBClusterInstanceClass", "BackupRetentionPeriod", "DeletionProtection",
  "CopyTagsToSnapshot", "BacktrackWindow", "LatestRestorableTime", "PreferredBackupWindow", "PreferredMaintenanceWindow", "AutoMinorVersionUpgrade",
  "Endpoint", "ReaderEndpoint", "CustomEndpoints", "DBClusterParameterGroup", "TagList", "DBClusterMembers", "AvailabilityZones",
];
const INSTANCE_FIELDS = [
  "DBInstanceIdentifier", "DBInstanceArn", "DBClusterIdentifier", "Engine", "EngineVersion", "DBInstanceClass", "AvailabilityZone", "MultiAZ",
  "SecondaryAvailabilityZone", "PromotionTier", "Endpoint", "PerformanceInsightsEnabled", "MonitoringInterval", "AutoMinorVersionUpgrade",
  "PreferredMaintenanceWindow", "PreferredBackupWindow", "BackupRetentionPeriod", "LatestRestorableTime", "TagList", "DeletionProtection",
];

/** An object with some of `fields`, each a plausible or odd value, on top of a plausible base. */
function oddRecord(fields: string[], base: Record<string, unknown>) {
  const odd = Object.fromEntries(fields.map((f) => [f, fc.option(anyField, { nil: undefined })] as const));
  return fc.record(odd, { requiredKeys: [] }).map((o) => ({ ...base, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) }));
}

const memberish = fc.oneof(
  anyField,
  oddRecord(["DBInstanceIdentifier", "IsClusterWriter", "PromotionTier", "DBClusterParameterGroupStatus"], { DBInstanceIdentifier: "c-1" }),
);
const cluster = fc.tuple(oddRecord(CLUSTER_FIELDS, { DBClusterIdentifier: "c", Engine: "aurora-mysql" }), fc.array(memberish, { maxLength: 3 })).map(
  ([c, members]) => ("DBClusterMembers" in c ? c : { ...c, DBClusterMembers: members }),
);
const instance = oddRecord(INSTANCE_FIELDS, { DBInstanceIdentifier: "c-1", DBClusterIdentifier: "c", Engine: "aurora-mysql" });

describe("readAwsJson fuzz", () => {
  it("throws nothing but UserError for arbitrary JSON, named or found in a directory", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.boolean(), async (value, named) => {
        const file = await write("x.json", JSON.stringify(value));
        await readOrUserError([named ? file : path.dirname(file)]);
      }),
      { numRuns: 150 },
    );
  });

  it("throws nothing but UserError for arbitrary bytes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        await readOrUserError([await write("x.json", bytes)]);
      }),
      { numRuns: 150 },
    );
  });

  it("throws nothing but UserError for arbitrary values under every known key", async () => {
    const key = fc.constantFrom("DBClusters", "DBInstances", "Parameters", "EventSubscriptionsList", "DBProxies", "Targets", "ResourceRecordSets");
    await fc.assert(
      fc.asyncProperty(key, fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue({ maxDepth: 3 }))), fc.boolean(), async (k, value, wrap) => {
        const body = { [k]: value };
        const name = k === "Parameters" ? "describe-db-cluster-parameters.g.json" : k === "Targets" ? "describe-db-proxy-targets.p.json" : "x.json";
        await readOrUserError([await write(name, JSON.stringify(wrap ? { status_code: 200, data: body } : body))]);
      }),
      { numRuns: 200 },
    );
  });

  it("turns odd DBClusters and DBInstances shapes into unknowns, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cluster, { maxLength: 3 }), fc.option(fc.array(instance, { maxLength: 4 })), async (clusters, instances) => {
        const doc = instances === null ? { DBClusters: clusters } : { DBClusters: clusters, DBInstances: instances };
        const read = await readAwsJson([await write("x.json", JSON.stringify(doc))]).catch((e: unknown) => e);
        if (read instanceof UserError) {
          // A list none of whose entries can be read is refused: it would judge nothing and pass.
          expect(read.message).toMatch(/: none of the \d+ entries of (DBClusters|DBInstances) can be read \(/);
          return;
        }
        if (read instanceof Error) throw read;
        const inv = read as Awaited<ReturnType<typeof readAwsJson>>;
        for (const r of inv.resources) checkResource(r);
        for (const note of inv.notes) expect(typeof note).toBe("string");
      }),
      { numRuns: 300 },
    );
  });
});
