// Follows one name's CNAME chain to its addresses, a query per name so each TTL is that name's own answer.
import type { LiveDnsAnswer, LiveDnsHop } from "../../model/live-dns.js";
import { query, type QueryResult, type QueryType } from "./query.js";
import type { DnsServer } from "./server.js";

/** Longer chains than this are reported, not followed (resolvers give up near the same depth). */
export const MAX_CHAIN = 10;

/** Host names compare case-insensitively; a trailing dot changes nothing. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.+$/, "");
}

/** Servers that answered none of this many queries, each timed out, are not asked again in the run. */
const SILENT_LIMIT = 3;

/** The servers of one run, in order; one that never answers is soon passed over, so a dead server costs seconds, not hours. */
export class ServerPool {
  private readonly answered = new Set<DnsServer>();
  private readonly silent = new Map<DnsServer, number>();

  constructor(readonly servers: readonly DnsServer[]) {}

  /** The first server's answer; a server that does not answer, refuses or fails is passed over for the next. */
  async ask(name: string, type: QueryType, timeoutMs: number): Promise<{ result: QueryResult; server: DnsServer }> {
    let last: { result: QueryResult; server: DnsServer } | undefined;
    for (const server of this.servers) {
      const timeouts = this.silent.get(server) ?? 0;
      if (timeouts >= SILENT_LIMIT) {
        last ??= { result: { ok: false, error: `${server.label} answered none of the first ${SILENT_LIMIT} queries; not asked again` }, server };
        continue;
      }
      const result = await query(server, name, type, timeoutMs);
      last = { result, server };
      if (result.ok) this.answered.add(server);
      else if (!this.answered.has(server) && result.error.startsWith("no answer")) this.silent.set(server, timeouts + 1);
      if (result.ok && (result.rcode === "NOERROR" || result.rcode === "NXDOMAIN")) break;
    }
    return last!;
  }
}

function failure(result: QueryResult, server: DnsServer, name: string): string | undefined {
  if (!result.ok) return `${name}: ${result.error}`;
  if (result.rcode === "NXDOMAIN") return `${name}: no such name (NXDOMAIN from ${server.label})`;
  if (result.rcode !== "NOERROR") return `${name}: ${server.label} answered ${result.rcode}`;
  return undefined;
}

/**
 * The chain of `name`: each CNAME (with its TTL) to the next name, then the A records (AAAA when there
 * is no A). Each name is asked on its own, so the answer's AA flag speaks for that name's record
 * (RFC 1035 §4.1.1: AA is about the question's name). Never throws: a name that does not resolve
 * (NXDOMAIN, no answer, refused, a loop, too long a chain) ends the chain with `error`.
 */
export async function resolveName(name: string, why: string, pool: ServerPool, timeoutMs: number): Promise<LiveDnsAnswer> {
  const chain: LiveDnsHop[] = [];
  const seen = new Set<string>();
  let current = normalizeName(name);
  let label = pool.servers[0]!.label;
  const end = (error?: string): LiveDnsAnswer => ({ name: normalizeName(name), why, server: label, chain, ...(error === undefined ? {} : { error }) });
  for (;;) {
    if (seen.has(current)) return end(`CNAME loop: ${current} leads back to itself`);
    if (seen.size >= MAX_CHAIN) return end(`the CNAME chain is longer than ${MAX_CHAIN} names; stopped at ${current}`);
    seen.add(current);
    for (const type of ["A", "AAAA"] as const) {
      const { result, server } = await pool.ask(current, type, timeoutMs);
      if (chain.length === 0 && type === "A") label = server.label;
      const error = failure(result, server, current);
      if (error !== undefined || !result.ok) return end(error);
      const own = result.answers.filter((a) => normalizeName(a.name) === current);
      const cname = own.find((a) => a.type === "CNAME");
      if (cname) {
        const target = normalizeName(cname.data);
        chain.push({ name: current, type: "CNAME", ttl: cname.ttl, value: target, exact: result.authoritative });
        current = target;
        break;
      }
      const addresses = own.filter((a) => a.type === type);
      if (addresses.length > 0) {
        for (const a of addresses) chain.push({ name: current, type, ttl: a.ttl, value: a.data, exact: result.authoritative });
        return end();
      }
      if (type === "AAAA") return end(`${current}: ${server.label} has no address record for it (no A or AAAA)`);
    }
  }
}
