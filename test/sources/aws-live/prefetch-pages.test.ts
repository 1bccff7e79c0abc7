// The prefetching pager: markers found in raw bodies, the next page asked for while the current one is read, wrong guesses, failures and pagination that makes no progress handled, and the overlap seen through the real SDK.
import { afterEach, describe, expect, it } from "vitest";
import type { Pluggable } from "@smithy/types";
import { MAX_PAGES_AHEAD, markerInBody, prefetchingPages, readingTurn, type PageSender } from "../../../src/sources/aws-live/prefetch-pages.js";
import { scanLiveAws } from "../../../src/sources/aws-live/index.js";
import { nextRecordStart } from "../../../src/sources/aws-live/scan.js";
import { startFakeAws, type FakeAws } from "../../support/fake-aws/server.js";
import { demoFleet, liveOptions, TEST_DEPS } from "./support.js";

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const RESULT = "DescribeDBInstancesResult";

describe("markerInBody", () => {
  it("finds the marker written first in the result (as RDS and moto's serializer do) or last (as moto's older templates did)", () => {
    expect(markerInBody(bytes(`<?xml version="1.0"?>\n<DescribeDBInstancesResponse xmlns="x"><${RESULT}><Marker>m-100</Marker><DBInstances/></${RESULT}></DescribeDBInstancesResponse>`), RESULT)).toBe("m-100");
    const moto = `<DescribeDBInstancesResponse>\n  <${RESULT}>\n    <DBInstances>${"<DBInstance><DBInstanceIdentifier>db</DBInstanceIdentifier></DBInstance>".repeat(200)}</DBInstances>\n    <Marker>abc==</Marker>\n  </${RESULT}>\n  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>\n</DescribeDBInstancesResponse>`;
    expect(moto.length).toBeGreaterThan(8192);
    expect(markerInBody(bytes(moto), RESULT)).toBe("abc==");
  });

  it("gives nothing it cannot vouch for: no marker, an empty one, entities, a marker deeper in the tree", () => {
    expect(markerInBody(bytes(`<R><${RESULT}><DBInstances/></${RESULT}></R>`), RESULT)).toBeUndefined();
    expect(markerInBody(bytes(`<R><${RESULT}><Marker></Marker><DBInstances/></${RESULT}></R>`), RESULT)).toBeUndefined();
    expect(markerInBody(bytes(`<R><${RESULT}><Marker>a&amp;b</Marker></${RESULT}></R>`), RESULT)).toBeUndefined();
    expect(markerInBody(bytes(`<R><${RESULT}><DBInstances><X><Marker>inner</Marker></X></DBInstances></${RESULT}></R>`), RESULT)).toBeUndefined();
    expect(markerInBody(bytes(`<R><OtherResult><Marker>m</Marker></OtherResult></R>`), RESULT)).toBeUndefined();
  });
});

interface Page {
  readonly n: number;
  readonly Marker?: string;
}

/** A sender over `count` pages; `early` says whether it announces the marker before the page resolves, `lie` gives a wrong early marker. */
function sender(count: number, options: { early?: boolean; lie?: boolean; failAt?: number } = {}) {
  const events: string[] = [];
  const send: PageSender<Page> = async (marker, onMarker) => {
    const n = marker === undefined ? 0 : Number(marker.slice(1));
    events.push(`request ${n}`);
    await new Promise((r) => setTimeout(r, 5));
    const next = n + 1 < count ? `p${n + 1}` : undefined;
    if (options.early !== false && next !== undefined) onMarker(options.lie ? `p${n + 2}` : next);
    await new Promise((r) => setTimeout(r, 5)); // "reading" the page
    if (n === options.failAt) throw new Error(`page ${n} is malformed`);
    events.push(`read ${n}`);
    return next === undefined ? { n } : { n, Marker: next };
  };
  return { send, events };
}

async function all(pages: AsyncIterable<Page>): Promise<number[]> {
  const out: number[] = [];
  for await (const p of pages) out.push(p.n);
  return out;
}

describe("prefetchingPages", () => {
  it("asks for page n+1 as soon as page n's marker is seen, before page n is read", async () => {
    const { send, events } = sender(3);
    expect(await all(prefetchingPages(send))).toEqual([0, 1, 2]);
    expect(events.indexOf("request 1")).toBeLessThan(events.indexOf("read 0"));
    expect(events.indexOf("request 2")).toBeLessThan(events.indexOf("read 1"));
    expect(events.filter((e) => e.startsWith("request"))).toHaveLength(3);
  });

  it("falls back to one page after another when no marker is seen early", async () => {
    const { send, events } = sender(3, { early: false });
    expect(await all(prefetchingPages(send))).toEqual([0, 1, 2]);
    expect(events).toEqual(["request 0", "read 0", "request 1", "read 1", "request 2", "read 2"]);
  });

  it("drops a page asked for with a wrong guess and asks for the right one", async () => {
    const { send, events } = sender(3, { lie: true });
    expect(await all(prefetchingPages(send))).toEqual([0, 1, 2]);
    // Each wrong guess costs one request more than the pages read.
    expect(events.filter((e) => e === "request 1")).toHaveLength(1);
    expect(events.filter((e) => e.startsWith("request")).length).toBeGreaterThan(3);
  });

  it("fails with the page's error, and a page asked for ahead fails quietly", async () => {
    const { send } = sender(4, { failAt: 1 });
    await expect(all(prefetchingPages(send))).rejects.toThrow("page 1 is malformed");
    const dropped = sender(3, { failAt: 1 });
    for await (const p of prefetchingPages(dropped.send)) if (p.n === 0) break; // page 1, asked for ahead, fails unread
    await new Promise((r) => setTimeout(r, 30));
  });
});

describe("a reader slower than the network", () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("keeps the chain of requests going while the reader is still on an earlier page", async () => {
    const { send, events } = sender(5);
    const pages: number[] = [];
    for await (const p of prefetchingPages(send)) {
      pages.push(p.n);
      events.push(`consumed ${p.n}`);
      await sleep(60); // far longer than a page takes to arrive
    }
    expect(pages).toEqual([0, 1, 2, 3, 4]);
    // Every request went out while page 0 was still being handled by the reader.
    expect(events.indexOf("request 4")).toBeLessThan(events.indexOf("consumed 1"));
    expect(events.filter((e) => e.startsWith("request"))).toHaveLength(5);
  });

  it(`asks for at most ${MAX_PAGES_AHEAD} pages past the one being read, and for nothing more once the reader stops`, async () => {
    const { send, events } = sender(40);
    const requests = () => events.filter((e) => e.startsWith("request")).length;
    const pages = prefetchingPages(send);
    expect((await pages.next()).value).toEqual({ n: 0, Marker: "p1" });
    await sleep(200); // the reader holds page 0
    expect(requests()).toBe(1 + MAX_PAGES_AHEAD);
    expect((await pages.next()).value).toEqual({ n: 1, Marker: "p2" });
    await sleep(50);
    expect(requests()).toBe(2 + MAX_PAGES_AHEAD); // one more page read, one more asked for
    await pages.return(undefined);
    await sleep(50);
    expect(requests()).toBe(2 + MAX_PAGES_AHEAD);
  });

  it("drops the whole chain that grew from a wrong guess", async () => {
    const { send, events } = sender(40, { lie: true });
    const pages: number[] = [];
    for await (const p of prefetchingPages(send)) {
      pages.push(p.n);
      if (p.n === 5) break;
      await sleep(30);
    }
    expect(pages).toEqual([0, 1, 2, 3, 4, 5]);
    // Each wrong guess (p2 from page 0, p4 from p2, ...) starts a chain; once dropped, it asks for nothing more.
    const asked = events.filter((e) => e.startsWith("request")).length;
    await sleep(100);
    expect(events.filter((e) => e.startsWith("request")).length).toBe(asked);
    expect(events.filter((e) => e === "request 1")).toHaveLength(1);
  });
});

describe("readingTurn", () => {
  it("lets one waiting body be read per turn of the event loop, in the order they came, with other work in between", async () => {
    const order: string[] = [];
    const reads = [0, 1, 2].map((i) => readingTurn().then(() => order.push(`read ${i}`)));
    setImmediate(() => order.push("a response arrives"));
    await Promise.all(reads);
    expect(order).toEqual(["read 0", "a response arrives", "read 1", "read 2"]);
  });
});

describe("pagination that makes no progress", () => {
  it("fails the read when a page comes back with the marker it was asked for (an endpoint echoing the Marker)", async () => {
    let requests = 0;
    const echo: PageSender<Page> = async (marker) => {
      requests++;
      return { n: requests, Marker: marker ?? "m1" };
    };
    await expect(all(prefetchingPages(echo))).rejects.toThrow(/same Marker.*makes no progress/);
    expect(requests).toBeLessThan(4);
  });

  it("fails a record-set read whose truncated page names no next record, or the record it started from", () => {
    expect(nextRecordStart({ NextRecordName: "b.example.com.", NextRecordType: "CNAME" }, { StartRecordName: "a.example.com.", StartRecordType: "CNAME" })).toEqual({
      StartRecordName: "b.example.com.",
      StartRecordType: "CNAME",
    });
    // Same name and type, another set identifier (weighted records): progress.
    expect(nextRecordStart({ NextRecordName: "a.", NextRecordType: "CNAME", NextRecordIdentifier: "2" }, { StartRecordName: "a.", StartRecordType: "CNAME", StartRecordIdentifier: "1" })).toEqual({
      StartRecordName: "a.",
      StartRecordType: "CNAME",
      StartRecordIdentifier: "2",
    });
    expect(() => nextRecordStart({}, {})).toThrow(/named no next record/);
    expect(() => nextRecordStart({ NextRecordName: "a.", NextRecordType: "CNAME" }, { StartRecordName: "a.", StartRecordType: "CNAME" })).toThrow(/record it started from/);
  });
});

describe("prefetching over the AWS SDK", () => {
  let fake: FakeAws | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("sends each next DescribeDBInstances request before the SDK has finished reading the page before it", async () => {
    fake = await startFakeAws(demoFleet(), { latencyMs: 5 });
    const timeline: { marker: string | undefined; sent: number; read?: number }[] = [];
    const watch: Pluggable<any, any> = {
      applyToStack(stack) {
        stack.add(
          (next, context) => async (args) => {
            if (context.commandName !== "DescribeDBInstancesCommand") return next(args);
            const entry: (typeof timeline)[number] = { marker: (args.input as { Marker?: string }).Marker, sent: performance.now() };
            timeline.push(entry);
            const out = await next(args);
            entry.read = performance.now();
            return out;
          },
          { step: "initialize", name: "watchPages" },
        );
      },
    };
    await scanLiveAws(liveOptions(fake.url, { regions: ["us-east-1"] }), { ...TEST_DEPS, pageSize: 1, plugins: [watch] });
    expect(timeline.length).toBeGreaterThan(3);
    expect(timeline[0]!.marker).toBeUndefined();
    for (let i = 1; i < timeline.length; i++) expect(timeline[i]!.sent).toBeLessThan(timeline[i - 1]!.read!);
    // One request per page: nothing was asked for twice.
    const markers = fake.log.filter((r) => r.action === "DescribeDBInstances").map((r) => r.params["Marker"]);
    expect(new Set(markers).size).toBe(markers.length);
    expect(markers).toHaveLength(timeline.length);
  });
});
