// `--resolve`: asks the DNS for the judged resources' endpoints and the applications' hosts, and adds what it answers to the inventory.
import type { DnsRecord, Inventory } from "../../model/inventory.js";
import type { LiveDnsAnswer } from "../../model/live-dns.js";
import { known } from "../../model/value.js";
import { normalizeName, resolveName, ServerPool } from "./resolve.js";
import { chooseServers } from "./server.js";

export type { LiveDnsAnswer, LiveDnsHop } from "../../model/live-dns.js";
export { parseDnsServer } from "./server.js";

export interface LiveDnsOptions {
  /** `--dns-server HOST[:PORT]`; absent: the system's resolvers. */
  readonly server?: string;
  /** More names to resolve, with why (an application's database host: `host of orders-api (src/app.yml:3)`). */
  readonly hosts?: readonly { readonly host: string; readonly why: string }[];
  /** Per query; a lost answer is asked for once more. Default 2 s. */
  readonly timeoutMs?: number;
}

/** Queries in flight at once. */
const CONCURRENCY = 16;

/** AWS's own endpoint names: their records are AWS's (the cluster endpoint is a 5 s CNAME to the writer), never a user's. */
export function isRdsName(name: string): boolean {
  const n = normalizeName(name);
  return n.endsWith(".rds.amazonaws.com") || n.endsWith(".rds.amazonaws.com.cn");
}

/** Each name to ask once, with why: every known endpoint of the resources, then the extra hosts. */
function namesToAsk(inventory: Inventory, hosts: LiveDnsOptions["hosts"]): Map<string, string> {
  const names = new Map<string, string>();
  const add = (host: string, why: string) => {
    const n = normalizeName(host);
    if (n !== "" && !names.has(n)) names.set(n, why);
  };
  for (const r of inventory.resources) {
    const { cluster, reader, custom } = r.endpoints;
    if (cluster.known && cluster.value) add(cluster.value, `cluster endpoint of ${r.id}`);
    if (reader.known && reader.value) add(reader.value, `reader endpoint of ${r.id}`);
    if (custom.known) for (const c of custom.value) add(c, `custom endpoint of ${r.id}`);
    if (r.instances.known) for (const i of r.instances.value) if (i.endpoint.known) add(i.endpoint.value, `instance endpoint of ${i.id}`);
  }
  for (const h of hosts ?? []) add(h.host, h.why);
  return names;
}

/**
 * The user's records among the answers: the CNAMEs a chain passes before it reaches an RDS name
 * (what follows is AWS's), each once. A caching resolver's TTL is only what is left of the record's
 * own, so it is kept as `ttlAtLeast`, not as the TTL: it can show a TTL is too long, never that it is short enough.
 */
export function userRecords(answers: readonly LiveDnsAnswer[]): DnsRecord[] {
  const records = new Map<string, DnsRecord>();
  for (const answer of answers) {
    for (const hop of answer.chain) {
      if (hop.type !== "CNAME" || isRdsName(hop.name)) break;
      const key = `${hop.name}\u0000${hop.value}`;
      if (records.has(key)) continue;
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

/** Notes shown for names that did not resolve; the rest are counted (every answer is in `liveDns`). */
const LISTED_FAILURES = 10;

function unresolvedNotes(answers: readonly LiveDnsAnswer[]): string[] {
  const failed = answers.filter((a) => a.error !== undefined);
  const notes = failed.slice(0, LISTED_FAILURES).map((a) => {
    const error = a.error!.startsWith(`${a.name}: `) ? a.error!.slice(a.name.length + 2) : a.error!;
    return `live DNS: ${a.name} (${a.why}) did not resolve: ${error}`;
  });
  if (failed.length > LISTED_FAILURES) notes.push(`live DNS: ${failed.length - LISTED_FAILURES} more names did not resolve`);
  return notes;
}

const key = (r: DnsRecord) => `${normalizeName(r.name)}\u0000${r.type.toUpperCase()}\u0000${r.values.map(normalizeName).join(",")}`;

/**
 * The inventory with what the DNS answers for its endpoints and `hosts`: every answer in `liveDns`,
 * and the user's CNAMEs added to `dnsRecords` when those are known (a record the inputs already hold
 * is not added twice). Records that are unknown stay unknown: an answer shows the records one name
 * leads through, never every record that points at an endpoint. Names that do not resolve are noted.
 * Sends DNS queries only; throws UserError for a bad `server`.
 */
export async function resolveLive(inventory: Inventory, options: LiveDnsOptions): Promise<Inventory> {
  const servers = await chooseServers(options.server);
  const pool = new ServerPool(servers);
  const timeoutMs = options.timeoutMs ?? 2000;
  const names = [...namesToAsk(inventory, options.hosts)];
  const answers: LiveDnsAnswer[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < names.length; i = next++) answers[i] = await resolveName(names[i]![0], names[i]![1], pool, timeoutMs);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, names.length) }, worker));

  const found = userRecords(answers);
  const notes = unresolvedNotes(answers);
  let dnsRecords = inventory.dnsRecords;
  if (dnsRecords.known) {
    const held = new Set(dnsRecords.value.map(key));
    dnsRecords = known([...dnsRecords.value, ...found.filter((r) => !held.has(key(r)))]);
  } else if (found.length > 0) {
    notes.push(
      `live DNS found ${found.map((r) => `${r.name} → ${r.values.join(", ")}`).join("; ")}, but the dns.* rules stay unknown: ` +
        `an answer shows the records one name leads through, not every record that points at an endpoint (${dnsRecords.reason})`,
    );
  }
  const server = servers.map((s) => s.label).join(", ");
  return {
    ...inventory,
    dnsRecords,
    liveDns: answers,
    notes: [...inventory.notes, ...notes],
    sources: [...inventory.sources, { kind: "dns", location: `live DNS ${server}` }],
  };
}
