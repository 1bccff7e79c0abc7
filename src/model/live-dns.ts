// What `--resolve` saw: each name asked, the CNAME chain the DNS answered with and each answer's TTL; which of its records are the user's.
import type { DnsRecord } from "./inventory.js";

/** One record of an answer's chain: `name` is a CNAME to `value`, or has the address `value` (A/AAAA). */
export interface LiveDnsHop {
  readonly name: string;
  readonly type: "CNAME" | "A" | "AAAA";
  /** Seconds, as the answer carried it. */
  readonly ttl: number;
  readonly value: string;
  /**
   * True when an authoritative server answered for this very name (the AA flag): `ttl` is the record's own
   * TTL. False for a caching resolver's answer: `ttl` is what was left of it, so the record's TTL is at least that.
   */
  readonly exact: boolean;
}

/** The answer for one name: its chain, name by name, up to the addresses; `error` when it ended early. */
export interface LiveDnsAnswer {
  /** The name asked, as given (lower case, no trailing dot). */
  readonly name: string;
  /** Why it was asked: the endpoint of a resource (`cluster endpoint of orders`), or an application's host. */
  readonly why: string;
  /** The server asked, `HOST:PORT`. */
  readonly server: string;
  /** The CNAME records followed from `name`, then its A (or AAAA) records. */
  readonly chain: readonly LiveDnsHop[];
  /** Why the chain ended without an address: `no such name (NXDOMAIN)`, `no answer within 2 s`, … */
  readonly error?: string;
}

/** AWS's own endpoint names: their records are AWS's (the cluster endpoint is a 5 s CNAME to the writer), never a user's. */
export function isRdsName(name: string): boolean {
  const n = name.trim().toLowerCase().replace(/\.+$/, "");
  return n.endsWith(".rds.amazonaws.com") || n.endsWith(".rds.amazonaws.com.cn");
}

/**
 * The user's records among the answers: the CNAMEs a chain passes before it reaches an RDS name
 * (what follows is AWS's), each once (with its exact TTL when some answer had it). A caching resolver's TTL is only what is left of the record's
 * own, so it is kept as `ttlAtLeast`, not as the TTL: it can show a TTL is too long, never that it is short enough.
 */
export function userRecords(answers: readonly LiveDnsAnswer[]): DnsRecord[] {
  const records = new Map<string, DnsRecord>();
  for (const answer of answers) {
    for (const hop of answer.chain) {
      if (hop.type !== "CNAME" || isRdsName(hop.name)) break;
      const key = `${hop.name}\u0000${hop.value}`;
      // The same record from two answers: an authoritative TTL beats a cache's remainder.
      const seen = records.get(key);
      if (seen !== undefined && (seen.ttl !== undefined || !hop.exact)) continue;
      records.set(key, {
        name: hop.name,
        type: "CNAME",
        ...(hop.exact ? { ttl: hop.ttl } : { ttlAtLeast: hop.ttl }),
        values: [hop.value],
        zone: `live DNS ${answer.server}`,
        location: { source: "dns", file: answer.server },
      });
    }
  }
  return [...records.values()];
}

