// The live DNS resolver against real servers on loopback: dnsmasq (authoritative and caching), and small UDP/TCP servers for loops and truncation.
import { createSocket, type Socket } from "node:dgram";
import { createServer, type Server } from "node:net";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { known } from "../../../src/model/value.js";
import { resolveName, ServerPool } from "../../../src/sources/live-dns/resolve.js";
import { parseDnsServer } from "../../../src/sources/live-dns/server.js";
import { resolveLive, userRecords } from "../../../src/sources/live-dns/index.js";
import { UserError } from "../../../src/errors.js";
import { startDnsmasq, type Dnsmasq } from "../../support/dnsmasq.js";
import { inventory, resource, UNKNOWN } from "../../support/build.js";

const CLUSTER = "orders.cluster-abc123.us-east-1.rds.amazonaws.com";
const WRITER = "orders-1.abc123.us-east-1.rds.amazonaws.com";
const READER = "orders-2.abc123.us-east-1.rds.amazonaws.com";
const READER_ENDPOINT = "orders.cluster-ro-abc123.us-east-1.rds.amazonaws.com";

const servers = (port: number) => [{ address: "127.0.0.1", port, label: `127.0.0.1:${port}` }];
const server = (port: number) => new ServerPool(servers(port));

let auth: Dnsmasq;
let caching: Dnsmasq;
beforeAll(async () => {
  auth = await startDnsmasq({
    hosts: [
      [WRITER, "10.0.1.1", 5],
      [READER, "10.0.1.2", 5],
    ],
    cnames: [
      [CLUSTER, WRITER, 5],
      [READER_ENDPOINT, READER, 1],
      ["db.example.com", CLUSTER, 300],
      ["app.example.com", "db.example.com", 60],
      ["pinned.example.com", WRITER, 30],
    ],
    localDomains: ["example.com", "amazonaws.com"],
  });
  caching = await startDnsmasq({ forwardTo: `127.0.0.1#${auth.port}` });
});
afterAll(async () => {
  await auth?.stop();
  await caching?.stop();
});

describe("resolveName", () => {
  it("follows the chain name by name, each hop with its own TTL; an authoritative answer's TTL is exact", async () => {
    const answer = await resolveName("App.Example.com.", "host of test", server(auth.port), 2000);
    expect(answer.error).toBeUndefined();
    expect(answer.name).toBe("app.example.com");
    expect(answer.server).toBe(auth.server);
    expect(answer.chain).toEqual([
      { name: "app.example.com", type: "CNAME", ttl: 60, value: "db.example.com", exact: true },
      { name: "db.example.com", type: "CNAME", ttl: 300, value: CLUSTER, exact: true },
      { name: CLUSTER, type: "CNAME", ttl: 5, value: WRITER, exact: true },
      { name: WRITER, type: "A", ttl: 5, value: "10.0.1.1", exact: true },
    ]);
  });

  it("records NXDOMAIN as the reason, with the name that does not exist", async () => {
    const answer = await resolveName("missing.example.com", "host of test", server(auth.port), 2000);
    expect(answer.chain).toEqual([]);
    expect(answer.error).toBe(`missing.example.com: no such name (NXDOMAIN from ${auth.server})`);
  });

  it("records a refusal and a server that never answers as reasons, never throwing", async () => {
    const refused = await resolveName("elsewhere.test", "host of test", server(auth.port), 2000);
    expect(refused.error).toBe(`elsewhere.test: ${auth.server} answered REFUSED`);
    const silent = createSocket("udp4");
    await new Promise<void>((r) => silent.bind(0, "127.0.0.1", () => r()));
    try {
      const started = Date.now();
      const answer = await resolveName("db.example.com", "host of test", server(silent.address().port), 150);
      expect(answer.error).toBe(`db.example.com: no answer from 127.0.0.1:${silent.address().port} within 0.15 s`);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.close();
    }
  });

  it("stops asking a server that answered none of its first 3 queries, so a dead server costs seconds", async () => {
    const silent = createSocket("udp4");
    await new Promise<void>((r) => silent.bind(0, "127.0.0.1", () => r()));
    const label = `127.0.0.1:${silent.address().port}`;
    try {
      const pool = server(silent.address().port);
      const errors: (string | undefined)[] = [];
      for (let i = 0; i < 5; i++) errors.push((await resolveName(`n${i}.example.com`, "host of test", pool, 50)).error);
      expect(errors.slice(0, 3)).toEqual([0, 1, 2].map((i) => `n${i}.example.com: no answer from ${label} within 0.05 s`));
      expect(errors.slice(3)).toEqual([3, 4].map((i) => `n${i}.example.com: ${label} answered none of the first 3 queries; not asked again`));
    } finally {
      silent.close();
    }
  });

  it("passes over a server that refuses to the next one", async () => {
    const refusing = await startDnsmasq({});
    try {
      const answer = await resolveName("db.example.com", "host of test", new ServerPool([...servers(refusing.port), ...servers(auth.port)]), 2000);
      expect(answer.error).toBeUndefined();
      expect(answer.server).toBe(auth.server);
      expect(answer.chain[0]).toMatchObject({ name: "db.example.com", ttl: 300 });
    } finally {
      await refusing.stop();
    }
  });

  it("marks a caching resolver's TTLs as not exact: they are what is left of the record's", async () => {
    // The first answer is the authoritative one passed through (AA set, full TTL); the second comes from the cache.
    await resolveName("db.example.com", "host of test", server(caching.port), 2000);
    const answer = await resolveName("db.example.com", "host of test", server(caching.port), 2000);
    expect(answer.error).toBeUndefined();
    expect(answer.chain[0]).toMatchObject({ name: "db.example.com", type: "CNAME", value: CLUSTER, exact: false });
    expect(answer.chain[0]!.ttl).toBeLessThanOrEqual(300);
    expect(userRecords([answer])).toEqual([
      { name: "db.example.com", type: "CNAME", ttlAtLeast: answer.chain[0]!.ttl, values: [CLUSTER], zone: `live DNS ${caching.server}`, location: { source: "dns", file: caching.server } },
    ]);
  });
});

/** A loopback DNS server answering from a map of CNAMEs; `truncate` answers over UDP with TC set, fully over TCP. */
async function tinyServer(cnames: Record<string, string>, truncate: boolean): Promise<{ port: number; close(): void; tcpQueries: () => number }> {
  const reply = (query: dnsPacket.DecodedPacket, tc: boolean) => {
    const q = query.questions![0]!;
    const target = cnames[q.name.toLowerCase()];
    return {
      type: "response" as const,
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (tc ? dnsPacket.TRUNCATED_RESPONSE : 0),
      questions: [q],
      answers: tc || target === undefined ? [] : [{ type: "CNAME" as const, name: q.name, ttl: 42, data: target }],
    };
  };
  const udp: Socket = createSocket("udp4");
  udp.on("message", (msg, rinfo) => udp.send(dnsPacket.encode(reply(dnsPacket.decode(msg), truncate)), rinfo.port, rinfo.address));
  await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
  const port = udp.address().port;
  let tcpQueries = 0;
  const tcp: Server = createServer((socket) => {
    socket.on("data", (data) => {
      tcpQueries++;
      socket.end(dnsPacket.streamEncode(reply(dnsPacket.streamDecode(data) as dnsPacket.DecodedPacket, false)));
    });
  });
  await new Promise<void>((r) => tcp.listen(port, "127.0.0.1", () => r()));
  return { port, tcpQueries: () => tcpQueries, close: () => (udp.close(), tcp.close()) };
}

describe("resolveName on odd servers", () => {
  it("stops at a CNAME loop and says so", async () => {
    const s = await tinyServer({ "a.loop.test": "b.loop.test", "b.loop.test": "a.loop.test" }, false);
    try {
      const answer = await resolveName("a.loop.test", "host of test", server(s.port), 1000);
      expect(answer.chain.map((h) => h.name)).toEqual(["a.loop.test", "b.loop.test"]);
      expect(answer.error).toBe("CNAME loop: a.loop.test leads back to itself");
    } finally {
      s.close();
    }
  });

  it("stops a chain longer than 10 names", async () => {
    const cnames = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`n${i}.chain.test`, `n${i + 1}.chain.test`]));
    const s = await tinyServer(cnames, false);
    try {
      const answer = await resolveName("n0.chain.test", "host of test", server(s.port), 1000);
      expect(answer.chain).toHaveLength(10);
      expect(answer.error).toBe("the CNAME chain is longer than 10 names; stopped at n10.chain.test");
    } finally {
      s.close();
    }
  });

  it("asks again over TCP when the UDP answer is truncated", async () => {
    const s = await tinyServer({ "big.tc.test": CLUSTER }, true);
    try {
      const answer = await resolveName("big.tc.test", "host of test", server(s.port), 1000);
      expect(answer.chain[0]).toEqual({ name: "big.tc.test", type: "CNAME", ttl: 42, value: CLUSTER, exact: true });
      expect(s.tcpQueries()).toBeGreaterThan(0);
    } finally {
      s.close();
    }
  });
});

describe("parseDnsServer", () => {
  it.each([
    ["10.0.0.2", { host: "10.0.0.2", port: 53 }],
    ["127.0.0.1:5353", { host: "127.0.0.1", port: 5353 }],
    ["[fd00::2]:5300", { host: "fd00::2", port: 5300 }],
    ["fd00::2", { host: "fd00::2", port: 53 }],
    ["ns1.example.com:53", { host: "ns1.example.com", port: 53 }],
  ])("reads %s", (text, expected) => expect(parseDnsServer(text)).toEqual(expected));

  it.each([
    ["127.0.0.1:0", "the port \"0\" is not a number from 1 to 65535"],
    ["127.0.0.1:99999", "the port \"99999\" is not a number"],
    ["127.0.0.1:", "the port \"\" is not a number"],
    [":53", "the host is empty"],
    ["fd00::2:x:53", "an IPv6 address with a port goes in brackets"],
    ["[10.0.0.1]:53", "10.0.0.1 in brackets is not an IPv6 address"],
    ["bad host!", "bad host! is neither an IP address nor a host name"],
  ])("refuses %s with a reason", (text, why) => {
    expect(() => parseDnsServer(text)).toThrow(UserError);
    expect(() => parseDnsServer(text)).toThrow(why);
  });
});

describe("userRecords", () => {
  const hop = (exact: boolean, ttl: number) => ({ name: "db.example.com", type: "CNAME" as const, ttl, value: CLUSTER, exact });
  const answer = (exact: boolean, ttl: number) => ({ name: "db.example.com", why: "host of api", server: "10.0.0.2:53", chain: [hop(exact, ttl), { ...hop(exact, 5), name: CLUSTER, value: WRITER }] });

  it("keeps each user record once, its authoritative TTL over a cache's remainder, and none of AWS's", () => {
    expect(userRecords([answer(false, 120), answer(true, 300), answer(false, 200)])).toEqual([
      { name: "db.example.com", type: "CNAME", ttl: 300, values: [CLUSTER], zone: "live DNS 10.0.0.2:53", location: { source: "dns", file: "10.0.0.2:53" } },
    ]);
  });
});

describe("resolveLive", () => {
  const cluster = resource({
    id: "orders",
    clusterEndpoint: CLUSTER,
    readerEndpoint: READER_ENDPOINT,
    instances: [
      { id: "orders-1", writer: true, endpoint: WRITER },
      { id: "orders-2", endpoint: READER },
    ],
  });

  it("asks for every endpoint and host once; only the user's CNAMEs before the RDS names become records", async () => {
    const inv = inventory({ resources: [cluster], dnsRecords: [] });
    const out = await resolveLive(inv, { server: auth.server, hosts: [{ host: "app.example.com", why: "host of api" }, { host: "DB.example.com.", why: "host of web" }, { host: "10.0.1.9", why: "host of batch" }] });
    expect(out.liveDns!.map((a) => a.name)).not.toContain("10.0.1.9");
    expect(out.liveDns!.map((a) => [a.name, a.why])).toEqual(
      expect.arrayContaining([
        [CLUSTER, "cluster endpoint of orders"],
        [READER_ENDPOINT, "reader endpoint of orders"],
        [WRITER, "instance endpoint of orders-1"],
        [READER, "instance endpoint of orders-2"],
        ["app.example.com", "host of api"],
        ["db.example.com", "host of web"],
      ]),
    );
    const cnameOfCluster = out.liveDns!.find((a) => a.name === CLUSTER)!;
    expect(cnameOfCluster.chain[0]).toEqual({ name: CLUSTER, type: "CNAME", ttl: 5, value: WRITER, exact: true });
    expect(out.dnsRecords).toEqual(
      known([
        { name: "app.example.com", type: "CNAME", ttl: 60, values: ["db.example.com"], zone: `live DNS ${auth.server}`, location: { source: "dns", file: auth.server } },
        { name: "db.example.com", type: "CNAME", ttl: 300, values: [CLUSTER], zone: `live DNS ${auth.server}`, location: { source: "dns", file: auth.server } },
      ]),
    );
    expect(out.sources).toContainEqual({ kind: "dns", location: `live DNS ${auth.server}` });
  });

  it("keeps unknown records unknown, noting what it found; a name that does not resolve is noted with its reason", async () => {
    const inv = inventory({ resources: [cluster], dnsRecords: UNKNOWN });
    const out = await resolveLive(inv, { server: auth.server, hosts: [{ host: "db.example.com", why: "host of api" }, { host: "gone.example.com", why: "host of web" }] });
    expect(out.dnsRecords).toEqual({ known: false, reason: "ResourceRecordSets was not in the test input" });
    expect(out.notes).toContainEqual(`live DNS: gone.example.com (host of web) did not resolve: no such name (NXDOMAIN from ${auth.server})`);
    expect(out.notes).toContainEqual(expect.stringContaining(`live DNS found db.example.com → ${CLUSTER}: these can fail the dns.* rules, never pass them`));
    expect(out.liveDns!.find((a) => a.name === "gone.example.com")!.error).toContain("NXDOMAIN");
  });

  it("lists the first 10 names that did not resolve and counts the rest", async () => {
    const hosts = Array.from({ length: 12 }, (_, i) => ({ host: `gone${i}.example.com`, why: "host of test" }));
    const out = await resolveLive(inventory({ resources: [cluster], dnsRecords: [] }), { server: auth.server, hosts });
    const notes = out.notes.filter((n) => n.startsWith("live DNS"));
    expect(notes).toHaveLength(11);
    expect(notes[10]).toBe("live DNS: 2 more names did not resolve");
    expect(out.liveDns!.filter((a) => a.error !== undefined)).toHaveLength(12);
  });

  it("does not add a record the inputs already hold", async () => {
    const held = { name: "db.example.com.", type: "CNAME", ttl: 300, values: [CLUSTER], zone: "Z1" };
    const out = await resolveLive(inventory({ resources: [cluster], dnsRecords: [held] }), { server: auth.server, hosts: [{ host: "db.example.com", why: "host of api" }] });
    expect(out.dnsRecords).toEqual(known([held]));
  });
});
