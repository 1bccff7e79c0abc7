// One DNS query to one server: UDP with a timeout, again over TCP when the answer is truncated.
import { createSocket } from "node:dgram";
import { connect, isIP } from "node:net";
import dnsPacket from "dns-packet";
import type { DnsServer } from "./server.js";

export type QueryType = "A" | "AAAA" | "CNAME";

/** A record of the answer section, as far as chains go: CNAME targets and addresses. */
export interface AnswerRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly data: string;
}

/** The server's answer, or why there is none. */
export type QueryResult =
  | { readonly ok: true; readonly rcode: string; readonly authoritative: boolean; readonly answers: readonly AnswerRecord[] }
  | { readonly ok: false; readonly error: string };

/** RFC 1035/2136 response codes by number; dns-packet's own names are the same. */
const RCODES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"];

/** The answer, when `packet` answers the query sent (same id, same question); else undefined. */
function toResult(packet: dnsPacket.DecodedPacket, id: number, name: string): QueryResult | undefined {
  if (packet.id !== id || packet.type !== "response") return undefined;
  if (packet.questions?.[0]?.name.toLowerCase() !== name.toLowerCase()) return undefined;
  const answers: AnswerRecord[] = [];
  for (const a of packet.answers ?? []) {
    if ((a.type === "CNAME" || a.type === "A" || a.type === "AAAA") && typeof a.data === "string") {
      answers.push({ name: a.name, type: a.type, ttl: a.ttl ?? 0, data: a.data });
    }
  }
  const code = (packet.flags ?? 0) & 0xf;
  return { ok: true, rcode: RCODES[code] ?? `RCODE ${code}`, authoritative: packet.flag_aa, answers };
}

function encodeQuery(name: string, type: QueryType, id: number): dnsPacket.Packet {
  return { type: "query", id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name, class: "IN" }] };
}

/** Over UDP; `truncated` when the server says the answer did not fit. */
function overUdp(server: DnsServer, name: string, type: QueryType, timeoutMs: number): Promise<QueryResult | "truncated"> {
  const id = Math.floor(Math.random() * 0x10000);
  const socket = createSocket(isIP(server.address) === 6 ? "udp6" : "udp4");
  return new Promise((resolve) => {
    const finish = (result: QueryResult | "truncated") => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `no answer from ${server.label} within ${timeoutMs / 1000} s` }), timeoutMs);
    socket.on("error", (error) => finish({ ok: false, error: `${server.label}: ${error.message}` }));
    socket.on("message", (message, from) => {
      if (from.port !== server.port) return; // not the server's: keep waiting
      let packet: dnsPacket.DecodedPacket;
      try {
        packet = dnsPacket.decode(message);
      } catch {
        return; // not a DNS answer: keep waiting for one
      }
      if (packet.id === id && packet.flag_tc) return finish("truncated");
      const result = toResult(packet, id, name);
      if (result) finish(result);
    });
    socket.send(dnsPacket.encode(encodeQuery(name, type, id)), server.port, server.address);
  });
}

/** Over TCP: each message is prefixed by its length (RFC 1035 §4.2.2). */
function overTcp(server: DnsServer, name: string, type: QueryType, timeoutMs: number): Promise<QueryResult> {
  const id = Math.floor(Math.random() * 0x10000);
  return new Promise((resolve) => {
    const socket = connect({ host: server.address, port: server.port });
    let received = Buffer.alloc(0);
    const finish = (result: QueryResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: `no answer from ${server.label} over TCP within ${timeoutMs / 1000} s` }), timeoutMs);
    socket.on("error", (error) => finish({ ok: false, error: `${server.label} over TCP: ${error.message}` }));
    socket.on("connect", () => socket.write(dnsPacket.streamEncode(encodeQuery(name, type, id))));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2 || received.length < 2 + received.readUInt16BE(0)) return;
      try {
        finish(toResult(dnsPacket.decode(received.subarray(2, 2 + received.readUInt16BE(0))), id, name) ?? { ok: false, error: `${server.label} over TCP answered another query` });
      } catch {
        finish({ ok: false, error: `${server.label} over TCP sent something that is not a DNS answer` });
      }
    });
    socket.on("end", () => finish({ ok: false, error: `${server.label} closed the TCP connection without an answer` }));
  });
}

/** Asks `server` for `name`'s `type` records; a lost UDP answer is asked for once more. Never throws. */
export async function query(server: DnsServer, name: string, type: QueryType, timeoutMs: number): Promise<QueryResult> {
  let result = await overUdp(server, name, type, timeoutMs);
  if (result !== "truncated" && !result.ok && result.error.startsWith("no answer")) result = await overUdp(server, name, type, timeoutMs);
  return result === "truncated" ? overTcp(server, name, type, timeoutMs) : result;
}
