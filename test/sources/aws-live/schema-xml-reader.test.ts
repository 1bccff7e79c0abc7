// The RDS client's schema-driven XML reader against the SDK's own deserializer: same output (values, types, key order) or the same error, on real-shaped pages, recorded corpus pages and fuzzed bodies.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as rds from "@aws-sdk/client-rds";
import { HttpResponse } from "@smithy/core/protocols";
import { NormalizedSchema } from "@smithy/core/schema";
import { schemaXmlQueryProtocol } from "../../../src/sources/aws-live/query-protocol.js";
import { DEFER, outputReader, readQueryXml, type SchemaView } from "../../../src/sources/aws-live/schema-xml-reader.js";
import { isPlainList, plain } from "../../../src/sources/aws-live/util.js";
import { queryResult } from "../../support/fake-aws/xml.js";
import { fleetFromAwsJsonDir } from "../../support/fake-aws/fleet.js";
import { clusterRecord, generateFixFleet, instanceRecord, subscriptionRecord } from "../../support/aws-fleet.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";

/** The operations the live scan sends to RDS, with the list each page carries. */
const OPERATIONS = [
  ["DescribeDBClusters", rds.DescribeDBClustersCommand, rds.DescribeDBClusters$, "DBClusters"],
  ["DescribeDBInstances", rds.DescribeDBInstancesCommand, rds.DescribeDBInstances$, "DBInstances"],
  ["DescribeDBClusterParameters", rds.DescribeDBClusterParametersCommand, rds.DescribeDBClusterParameters$, "Parameters"],
  ["DescribeEventSubscriptions", rds.DescribeEventSubscriptionsCommand, rds.DescribeEventSubscriptions$, "EventSubscriptionsList"],
  ["DescribeDBProxies", rds.DescribeDBProxiesCommand, rds.DescribeDBProxies$, "DBProxies"],
  ["DescribeDBProxyTargets", rds.DescribeDBProxyTargetsCommand, rds.DescribeDBProxyTargets$, "Targets"],
] as const;

type Operation = (typeof OPERATIONS)[number];

/** Two clients answering every call with `body`: the SDK's own protocol (its output made plain(), as the scan would), and the scan's. */
async function clientsAnswering(status = 200) {
  let body = "";
  const requestHandler = {
    handle: async () => ({
      response: new HttpResponse({ statusCode: status, headers: { "content-type": "text/xml" }, body: Readable.from([Buffer.from(body)]) }),
    }),
  };
  const config = { region: "eu-west-1", credentials: { accessKeyId: "AKIAFAKE", secretAccessKey: "fake" }, requestHandler, maxAttempts: 1 };
  const sdk = new rds.RDSClient(config);
  const ours = new rds.RDSClient({ ...config, protocol: await schemaXmlQueryProtocol() });
  return {
    /** The scan's client's output for `xml`. */
    async ours(op: Operation, xml: string): Promise<Record<string, unknown>> {
      body = xml;
      const Command = op[1] as unknown as new (i: object) => Parameters<rds.RDSClient["send"]>[0];
      return (await ours.send(new Command({}))) as unknown as Record<string, unknown>;
    },
    /** Each client's output for `xml` (without $metadata) or its error, as comparable text. */
    async both(op: Operation, xml: string): Promise<[string, string]> {
      body = xml;
      const input = op[0] === "DescribeDBClusterParameters" ? { DBClusterParameterGroupName: "g" } : op[0] === "DescribeDBProxyTargets" ? { DBProxyName: "p" } : {};
      const run = async (client: rds.RDSClient) => {
        try {
          const Command = op[1] as unknown as new (i: object) => Parameters<rds.RDSClient["send"]>[0];
          const out = (await client.send(new Command(input))) as unknown as Record<string, unknown>;
          delete out["$metadata"];
          // The scan's protocol gives plain() output itself; `exact` tells a Date from its ISO text.
          return `ok ${exact(client === sdk ? plain(out) : out)}`;
        } catch (e) {
          return `error ${(e as Error).name}: ${(e as Error).message}`;
        }
      };
      return [await run(sdk), await run(ours)];
    },
  };
}

/** JSON that keeps key order and tells Dates, NaN and Uint8Arrays apart from strings. */
function exact(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, k, v) {
    const raw = this[k];
    if (raw instanceof Date) return `Date(${Number.isNaN(raw.getTime()) ? "invalid" : raw.toISOString()})`;
    if (typeof raw === "number" && !Number.isFinite(raw)) return `Number(${raw})`;
    if (raw instanceof Uint8Array) return `Bytes(${Buffer.from(raw).toString("hex")})`;
    return v;
  });
}

function page(op: Operation, items: readonly unknown[], marker?: string): string {
  return queryResult("rds", op[0], { ...(marker === undefined ? {} : { Marker: marker }), [op[3]]: items }, "req-1");
}

/** Botocore's recorded datetimes ({"__class__": "datetime", …}) as the ISO text AWS sends. */
function fromRecorded(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(fromRecorded);
  if (x === null || typeof x !== "object") return x;
  const o = x as Record<string, unknown>;
  if (o["__class__"] === "datetime") {
    const n = (k: string) => Number(o[k] ?? 0);
    return new Date(Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"), n("microsecond") / 1000)).toISOString();
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromRecorded(v)]));
}

const CORPUS = "../shared/corpus/aws-recorded";

/** A seeded generated fleet as the records AWS returns. */
function generatedAwsFleet(clusters: number, seed: number) {
  const dir = mkdtempSync(join(tmpdir(), "haspec-xml-"));
  try {
    const f = generateFixFleet(dir, seed, clusters);
    return { DBClusters: f.clusters.map(clusterRecord), DBInstances: f.instances.map(instanceRecord), EventSubscriptionsList: f.subscriptions.map(subscriptionRecord) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("schema-driven XML reader", () => {
  it("compiles the output of every RDS operation the scan calls (so the scan takes the fast path)", () => {
    for (const op of OPERATIONS) {
      const ns = NormalizedSchema.of((op[2] as unknown as unknown[])[5] as never) as unknown as SchemaView;
      expect(outputReader(ns), op[0]).toBeDefined();
    }
  });

  it("reads canonical pages itself, without handing them to the SDK", () => {
    const fleet = generatedAwsFleet(12, 7);
    const op = OPERATIONS[1];
    const ns = NormalizedSchema.of((op[2] as unknown as unknown[])[5] as never) as unknown as SchemaView;
    const out = readQueryXml(page(op, fleet.DBInstances, "m-2"), outputReader(ns)!, "DescribeDBInstancesResult", (_s, t) => t);
    expect(out).not.toBe(DEFER);
    expect((out as { Marker: string }).Marker).toBe("m-2");
    expect((out as { DBInstances: unknown[] }).DBInstances).toHaveLength(fleet.DBInstances.length);
  });

  it("gives plain() output with its lists marked as plain, whether it read the body or the SDK did", async () => {
    const fleet = generatedAwsFleet(3, 11);
    const op = OPERATIONS[0];
    const canonical = page(op, fleet.DBClusters, "m-1");
    const deferred = canonical.replace("<DBCluster>", '<DBCluster a="1">'); // attributes below the root: the SDK reads it
    const ns = NormalizedSchema.of((op[2] as unknown as unknown[])[5] as never) as unknown as SchemaView;
    expect(readQueryXml(deferred, outputReader(ns)!, "DescribeDBClustersResult", (_s, t) => t)).toBe(DEFER);
    const clients = await clientsAnswering();
    for (const xml of [canonical, deferred]) {
      const out = await clients.ours(op, xml);
      const clusters = out["DBClusters"] as Record<string, unknown>[];
      expect(clusters).toHaveLength(fleet.DBClusters.length);
      expect(isPlainList(clusters)).toBe(true);
      expect(clusters[0]!["ClusterCreateTime"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it("reads pages laid out the way AWS sends them (one element per line, indented) itself, with the SDK's output", async () => {
    const fleet = generatedAwsFleet(12, 5);
    const op = OPERATIONS[1];
    // Break the line before every element start and before the end tag of every element holding elements.
    let depth = 0;
    const pretty = page(op, fleet.DBInstances, "m-3").replace(/<(\/?)([A-Za-z][\w]*)([^>]*?)(\/?)>/g, (tag, close: string, _name, _attrs, selfClose: string, offset: number, all: string) => {
      if (close) {
        depth--;
        return all[offset - 1] === ">" ? `\n${"  ".repeat(depth)}${tag}` : tag;
      }
      const indent = `\n${"  ".repeat(depth)}`;
      if (!selfClose) depth++;
      return `${indent}${tag}`;
    });
    expect(pretty.split("\n").length).toBeGreaterThan(fleet.DBInstances.length * 20);
    const ns = NormalizedSchema.of((op[2] as unknown as unknown[])[5] as never) as unknown as SchemaView;
    expect(readQueryXml(pretty, outputReader(ns)!, "DescribeDBInstancesResult", (_s, t) => t)).not.toBe(DEFER);
    const [sdk, ours] = await (await clientsAnswering()).both(op, pretty);
    expect(sdk.startsWith("ok")).toBe(true);
    expect(ours).toBe(sdk);
  });

  it("gives the SDK's output for generated fleets, the demo fleet and every recorded corpus page", async () => {
    const { both } = await clientsAnswering();
    let read = 0;
    const check = async (op: Operation, xml: string) => {
      const [sdk, ours] = await both(op, xml);
      expect(ours).toBe(sdk);
      if (sdk.startsWith("ok")) read++;
    };
    for (const seed of [1, 2, 3]) {
      const f = generatedAwsFleet(40, seed);
      await check(OPERATIONS[0], page(OPERATIONS[0], f.DBClusters, `c${seed}`));
      await check(OPERATIONS[1], page(OPERATIONS[1], f.DBInstances));
      await check(OPERATIONS[3], page(OPERATIONS[3], f.EventSubscriptionsList));
    }
    const demo = fleetFromAwsJsonDir("examples/demo-fleet");
    for (const account of Object.values(demo.accounts)) {
      for (const region of Object.values(account.regions)) {
        await check(OPERATIONS[0], page(OPERATIONS[0], region.DBClusters));
        await check(OPERATIONS[1], page(OPERATIONS[1], region.DBInstances));
        await check(OPERATIONS[3], page(OPERATIONS[3], region.EventSubscriptionsList));
        for (const params of Object.values(region.Parameters)) await check(OPERATIONS[2], page(OPERATIONS[2], params));
        await check(OPERATIONS[4], page(OPERATIONS[4], region.DBProxies));
        for (const targets of Object.values(region.Targets)) await check(OPERATIONS[5], page(OPERATIONS[5], targets));
      }
    }
    for (const dir of readdirSync(CORPUS).sort()) {
      for (const file of readdirSync(join(CORPUS, dir)).sort()) {
        const op = OPERATIONS.find((o) => file.startsWith(`rds.${o[0]}_`));
        if (op === undefined) continue;
        const data = fromRecorded((JSON.parse(readFileSync(join(CORPUS, dir, file), "utf8")) as { data: Record<string, unknown> }).data) as Record<string, unknown>;
        delete data["ResponseMetadata"];
        await check(op, queryResult("rds", op[0], data, "req-1"));
      }
    }
    // A few recorded pages hold values whose XML the SDK itself refuses (an object where its schema has a string): the same error is expected of both.
    expect(read).toBeGreaterThan(40);
  });

  it("gives the SDK's output or the SDK's error for fuzzed bodies (whitespace, CR LF, comments, CDATA, references, attributes, repeats, members out of order, trailers, truncation, odd scalar values)", async () => {
    const { both } = await clientsAnswering();
    const fleet = generatedAwsFleet(3, 11);
    const bases = [page(OPERATIONS[0], fleet.DBClusters.slice(0, 2), "next"), page(OPERATIONS[1], fleet.DBInstances.slice(0, 2))];
    // Edits at a tag boundary (`at` picks one) or inside a text node.
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("indent" as const), at: fc.nat(), text: fc.constantFrom("\n  ", "\r\n    ", "\n\t", " ", "\r") }),
      fc.record({ kind: fc.constant("comment" as const), at: fc.nat(), text: fc.constantFrom("<!-- c -->", "<!---->", "<?pi x?>") }),
      fc.record({ kind: fc.constant("cdata" as const), at: fc.nat(), text: fc.constantFrom("", "a<b", "\n", " x ") }),
      fc.record({ kind: fc.constant("reference" as const), at: fc.nat(), text: fc.constantFrom("&amp;", "&#65;", "&#x1F600;", "&#128512;", "&nbsp;", "&AMP;", "&lt;", "&#0;") }),
      fc.record({ kind: fc.constant("attribute" as const), at: fc.nat(), text: fc.constantFrom(' a="1"', " xmlns:x='u'", ' Marker="m"') }),
      fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), text: fc.constant("") }),
      fc.record({ kind: fc.constant("unknown" as const), at: fc.nat(), text: fc.constantFrom("<Extra>1</Extra>", "<Extra/>", "<Extra><DBInstance/></Extra>") }),
      fc.record({ kind: fc.constant("truncate" as const), at: fc.nat(), text: fc.constant("") }),
      fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), text: fc.constant("") }),
      fc.record({ kind: fc.constant("trailer" as const), at: fc.nat(), text: fc.constantFrom("<Other/>", "<Other>x</Other>", "junk", "\n") }),
      fc.record({
        kind: fc.constant("value" as const),
        at: fc.nat(),
        text: fc.constantFrom("TRUE", "False", "1", "0", "-0", "1e3", "0x10", " 7 ", "", "NaN", "Infinity", "12.50", "x", "2024-02-30T00:00:00Z", "2024-02-29T23:59:59.999999+05:30", "2024-01-01t00:00:00z", "Tue, 03 Jun 2008 11:05:30 GMT", "1700000000.5"),
      }),
    );
    const apply = (xml: string, e: { kind: string; at: number; text: string }): string => {
      const tags = [...xml.matchAll(/<[^!?][^>]*>/g)];
      if (tags.length === 0) return xml;
      const tag = tags[e.at % tags.length]!;
      const start = tag.index!;
      const end = start + tag[0].length;
      switch (e.kind) {
        case "indent":
        case "comment":
        case "unknown":
          return xml.slice(0, end) + e.text + xml.slice(end);
        case "cdata":
          return xml.slice(0, end) + `<![CDATA[${e.text}]]>` + xml.slice(end);
        case "reference":
          return xml.slice(0, end) + e.text + xml.slice(end);
        case "attribute": {
          if (tag[0].startsWith("</") || tag[0].endsWith("/>")) return xml;
          return xml.slice(0, end - 1) + e.text + xml.slice(end - 1);
        }
        case "repeat": {
          // Repeat a whole leaf element (<X>text</X>) right after itself.
          const leaf = /^<([A-Za-z]+)>[^<]*<\/\1>/.exec(xml.slice(start));
          return leaf === null ? xml : xml.slice(0, start + leaf[0].length) + leaf[0] + xml.slice(start + leaf[0].length);
        }
        case "swap": {
          // Swap a leaf element with the leaf that follows it (members out of schema order).
          const pair = /^(<([A-Za-z]+)>[^<]*<\/\2>)(<([A-Za-z]+)>[^<]*<\/\4>)/.exec(xml.slice(start));
          return pair === null ? xml : xml.slice(0, start) + pair[3] + pair[1] + xml.slice(start + pair[0].length);
        }
        case "trailer":
          return xml + e.text;
        case "value": {
          // Replace a leaf's text (numbers, booleans and timestamps get values their readers must treat as the SDK does).
          const leaf = /^<([A-Za-z]+)>[^<]*<\/\1>/.exec(xml.slice(start));
          return leaf === null ? xml : xml.slice(0, start) + `<${leaf[1]}>${e.text}</${leaf[1]}>` + xml.slice(start + leaf[0].length);
        }
        default:
          return xml.slice(0, start + 1);
      }
    };
    await fc.assert(
      fc.asyncProperty(fc.nat(bases.length - 1), fc.array(edit, { minLength: 1, maxLength: 4 }), async (b, edits) => {
        const op = b === 0 ? OPERATIONS[0] : OPERATIONS[1];
        const xml = edits.reduce(apply, bases[b]!);
        const [sdk, ours] = await both(op, xml);
        expect(ours).toBe(sdk);
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it("reads odd numbers, booleans and timestamps as the SDK does (value or error)", async () => {
    const { both } = await clientsAnswering();
    const fleet = generatedAwsFleet(1, 3);
    const base = page(OPERATIONS[0], fleet.DBClusters.slice(0, 1));
    const values = ["TRUE", "False", "true ", "1", "0", "-0", "1e3", "0x10", " 7 ", "", "NaN", "Infinity", "12.50", "x", "2024-02-30T00:00:00Z", "2024-02-29T23:59:59.999999+05:30", "2024-01-01t00:00:00z", "Tue, 03 Jun 2008 11:05:30 GMT", "1700000000.5"];
    const fields = ["StorageEncrypted", "DeletionProtection", "Port", "BackupRetentionPeriod", "ClusterCreateTime", "EarliestRestorableTime"];
    let compared = 0;
    for (const field of fields) {
      expect(base, field).toContain(`<${field}>`);
      for (const value of values) {
        const xml = base.replace(new RegExp(`<${field}>[^<]*</${field}>`), `<${field}>${value}</${field}>`);
        const [sdk, ours] = await both(OPERATIONS[0], xml);
        expect(ours, `${field} = ${JSON.stringify(value)}`).toBe(sdk);
        compared++;
      }
    }
    expect(compared).toBe(fields.length * values.length);
  });

  it("gives the SDK's output when objects come with more different member sets than it keeps factories for", async () => {
    const { both } = await clientsAnswering();
    const fleet = generatedAwsFleet(150, 5);
    // Each cluster drops a different pair of members: far more than 64 member sets for DBCluster.
    const keys = Object.keys(fleet.DBClusters[0]!).filter((k) => k !== "DBClusterIdentifier");
    const varied = fleet.DBClusters.map((c, n) => {
      const copy: Record<string, unknown> = { ...(c as Record<string, unknown>) };
      delete copy[keys[n % keys.length]!];
      delete copy[keys[Math.floor(n / keys.length) % keys.length]!];
      return copy;
    });
    const sets = new Set(varied.map((c) => Object.keys(c).join(",")));
    expect(sets.size).toBeGreaterThan(64);
    for (let i = 0; i < varied.length; i += 50) {
      const [sdk, ours] = await both(OPERATIONS[0], page(OPERATIONS[0], varied.slice(i, i + 50)));
      expect(sdk.startsWith("ok")).toBe(true);
      expect(ours).toBe(sdk);
    }
  });

  it("leaves error responses to the SDK (same error name and message)", async () => {
    const { both } = await clientsAnswering(400);
    const body = `<?xml version="1.0"?>\n<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no &amp; no</Message></Error><RequestId>r</RequestId></ErrorResponse>`;
    const [sdk, ours] = await both(OPERATIONS[1], body);
    expect(sdk).toMatch(/^error AccessDenied/);
    expect(ours).toBe(sdk);
  });
});
