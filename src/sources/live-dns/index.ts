// `--resolve`: asks the DNS for the judged resources' endpoints and the applications' hosts, and adds what it answers to the inventory.
import { isIP } from "node:net";
import type { DnsRecord, Inventory } from "../../model/inventory.js";
import { userRecords, type LiveDnsAnswer } from "../../model/live-dns.js";
import { known } from "../../model/value.js";
import { normalizeName, resolveName, ServerPool } from "./resolve.js";
import { chooseServers } from "./server.js";

export { isRdsName, userRecords, type LiveDnsAnswer, type LiveDnsHop } from "../../model/live-dns.js";
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

/** Each name to ask once, with why: every known endpoint of the resources, then the extra hosts. */
function namesToAsk(inventory: Inventory, hosts: LiveDnsOptions["hosts"]): Map<string, string> {
  const names = new Map<string, string>();
  const add = (host: string, why: string) => {
    const n = normalizeName(host);
    // An address is not looked up: there is no record in front of it.
    if (n !== "" && isIP(n) === 0 && !names.has(n)) names.set(n, why);
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
 * leads through, never every record that points at an endpoint (the facts' `liveRecordsOf` lets the
 * rules fail on them all the same). Names that do not resolve are noted.
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
      `live DNS found ${found.map((r) => `${r.name} → ${r.values.join(", ")}`).join("; ")}: these can fail the dns.* rules, never pass them, ` +
        `for an answer shows the records one name leads through, not every record that points at an endpoint (${dnsRecords.reason})`,
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
