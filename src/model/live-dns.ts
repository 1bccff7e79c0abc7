// What `--resolve` saw: each name asked, the CNAME chain the DNS answered with and each answer's TTL.

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
