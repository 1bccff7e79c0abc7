// Which DNS server `--resolve` asks: `--dns-server HOST[:PORT]`, or the system's resolvers (/etc/resolv.conf).
import { getServers } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { UserError } from "../../errors.js";

/** A DNS server to send queries to. */
export interface DnsServer {
  /** An IP address (v4 or v6). */
  readonly address: string;
  readonly port: number;
  /** `HOST:PORT` as shown in reports (`[::1]:53` for IPv6). */
  readonly label: string;
}

const DNS_PORT = 53;

function labelOf(address: string, port: number): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

function badServer(text: string, why: string): UserError {
  return new UserError(
    `--dns-server ${JSON.stringify(text)} is not HOST[:PORT]: ${why}; give an address or host name with an optional port, such as 10.0.0.2, 127.0.0.1:5353 or [fd00::2]:53`,
  );
}

/** `HOST`, `HOST:PORT`, `[IPv6]:PORT` or a bare IPv6 address, split; throws UserError when malformed. */
export function parseDnsServer(text: string): { host: string; port: number } {
  const given = text.trim();
  let host = given;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(given);
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2];
    if (isIP(host) !== 6) throw badServer(text, `${host} in brackets is not an IPv6 address`);
  } else if (isIP(given) === 6) {
    host = given;
  } else if (given.includes(":")) {
    const colon = given.lastIndexOf(":");
    host = given.slice(0, colon);
    portText = given.slice(colon + 1);
    if (host.includes(":")) throw badServer(text, "an IPv6 address with a port goes in brackets");
  }
  if (host === "") throw badServer(text, "the host is empty");
  if (isIP(host) === 0 && !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(host)) {
    throw badServer(text, `${host} is neither an IP address nor a host name`);
  }
  if (portText === undefined) return { host, port: DNS_PORT };
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) throw badServer(text, `the port ${JSON.stringify(portText)} is not a number from 1 to 65535`);
  return { host, port };
}

/**
 * The servers to ask: the one `--dns-server` names (a host name is looked up with the system's
 * resolver), else the system's resolvers in their order; UserError when there is none.
 */
export async function chooseServers(given: string | undefined): Promise<DnsServer[]> {
  if (given !== undefined) {
    const { host, port } = parseDnsServer(given);
    let address = host;
    if (isIP(host) === 0) {
      try {
        address = (await lookup(host)).address;
      } catch (error) {
        throw new UserError(`--dns-server ${JSON.stringify(given)}: the host name ${host} does not resolve (${(error as Error).message}); give the server's IP address`);
      }
    }
    return [{ address, port, label: labelOf(address, port) }];
  }
  // node reads /etc/resolv.conf (c-ares) at start-up; entries are `ADDR`, `ADDR:PORT` or `[ADDR]:PORT`.
  const servers = getServers().map((entry) => {
    const { host, port } = parseDnsServer(entry);
    return { address: host, port, label: labelOf(host, port) };
  });
  if (servers.length === 0) throw new UserError("--resolve: the system names no DNS server (/etc/resolv.conf has no nameserver line); give one with --dns-server HOST[:PORT]");
  return servers;
}
