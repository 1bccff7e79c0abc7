// How a probe finds an address: resolves a name on every connect (through --dns-server when given), keeping it for --client-dns-cache seconds like a client runtime would.
import { isIP } from "node:net";
import { UserError } from "../errors.js";

export interface AddressBook {
  /** The address to connect to for `host` now; throws when the name does not resolve. */
  lookup(host: string): Promise<string>;
}

/** `HOST[:PORT]` → what dns.Resolver.setServers takes. */
export function dnsServerOf(text: string): string {
  const t = text.trim();
  if (/^\[.*\](:\d+)?$/.test(t) || isIP(t) !== 0) return t;
  const m = /^([^:]+):(\d{1,5})$/.exec(t);
  if (m !== null && isIP(m[1]!) === 4) return t;
  throw new UserError(`--dns-server ${JSON.stringify(text)} is not an IP address with an optional :PORT (e.g. 127.0.0.1:5353)`);
}

/**
 * An address book for one probe: `cacheSeconds` 0 resolves every time; N keeps each answer N seconds
 * from when it was resolved (as the JVM's networkaddress.cache.ttl does, whatever the record's TTL).
 */
export async function addressBook(options: { dnsServer?: string; cacheSeconds: number; timeoutMs: number; now: () => number }): Promise<AddressBook> {
  const dns = await import("node:dns");
  let resolver: import("node:dns").promises.Resolver | undefined;
  if (options.dnsServer !== undefined) {
    resolver = new dns.promises.Resolver({ timeout: options.timeoutMs, tries: 1 });
    resolver.setServers([dnsServerOf(options.dnsServer)]);
  }
  const cache = new Map<string, { address: string; until: number }>();
  return {
    async lookup(host) {
      if (isIP(host) !== 0) return host;
      const hit = cache.get(host);
      if (hit !== undefined && options.now() < hit.until) return hit.address;
      const address = resolver !== undefined ? (await resolver.resolve4(host))[0] : (await dns.promises.lookup(host)).address;
      if (address === undefined) throw Object.assign(new Error(`${host} has no address`), { code: "ENOTFOUND" });
      if (options.cacheSeconds > 0) cache.set(host, { address, until: options.now() + options.cacheSeconds * 1000 });
      return address;
    },
  };
}
