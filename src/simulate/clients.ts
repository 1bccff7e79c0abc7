// The clients' part of the RTO chain: how long after the database recovers its clients reach the new writer (DNS, CNAMEs, caches, pools, RDS Proxy).
import type { BelongingRecord, Facts } from "../facts/index.js";
import { recordLabel } from "../facts/dns.js";
import type { DnsRecord } from "../model/inventory.js";
import type { Resource } from "../model/resource.js";
import { assumptionDefinition, type AssumptionSet } from "./assumptions.js";
import { docTerm, term, type Piece } from "./estimate.js";
import { FIGURES } from "./figures.js";
import type { AssumptionName } from "./types.js";

/** What the recovery did to the resource's addresses, as the client chain needs it. */
export interface Recovery {
  /** Instances whose own endpoint no longer reaches the writer: the old writer and every lost instance. */
  readonly leftBehind: ReadonlySet<string>;
  /**
   * Whether the old writer's address answers again (as a reader) after the failover: then a client that
   * connected while DNS still named it holds a working but read-only connection until its pool retires it.
   * True after a writer or instance failure of an Aurora or Multi-AZ DB cluster; false when the old
   * writer is gone (AZ or region loss), when the same instance comes back, or for a Multi-AZ instance,
   * whose old primary becomes a standby that takes no connections.
   */
  readonly oldWriterAnswers: boolean;
  /**
   * The resource's whole region is gone (an Aurora Global Database failover): every record that leads
   * to its regional endpoints is left behind, and so is an RDS Proxy in that region.
   */
  readonly regionLost?: boolean;
}

export interface ClientChain {
  readonly pieces: readonly Piece[];
  readonly manual: readonly string[];
  readonly notes: readonly string[];
}

/** `record db.example.com (zone Z1) at dns.tf:12` */
function recordRef(record: DnsRecord): string {
  const at = record.location?.file ? ` at ${record.location.file}${record.location.line !== undefined ? `:${record.location.line}` : ""}` : record.address ? ` (${record.address})` : "";
  return `record ${recordLabel(record)}${at}`;
}

/** A client figure for a resource: what the inputs say for it, else the policy's assumption, else the default. */
export type AssumedTerm = (resource: Resource, name: AssumptionName) => Piece;

/**
 * The client figures of one run. What rests on the policy or the default is the same for every
 * resource, so it is built once per name; evidence (issue 21) is asked per resource.
 */
export function assumedTerms(assumptions: AssumptionSet): AssumedTerm {
  const kept = new Map<AssumptionName, Piece>();
  return (resource, name) => {
    const d = assumptionDefinition(name);
    const evidence = assumptions.evidence?.(resource, name);
    if (evidence !== undefined) {
      if (!evidence.known) {
        return {
          unknown:
            `the ${d.term} of the clients of ${resource.id} is unknown (${evidence.reason}): give it with --app-config ` +
            `or as assumptions.${name} in the policy`,
        };
      }
      const e = evidence.value;
      const low = d.shape === "up-to" || e.seconds === null ? 0 : e.seconds;
      return term(d.term, low, e.seconds, "evidence", e.ref, e.note);
    }
    let piece = kept.get(name);
    if (piece === undefined) {
      const a = assumptions.value(name);
      if (a.from === "policy") {
        piece = term(d.term, d.shape === "up-to" ? 0 : a.seconds, a.seconds, "policy", `assumptions.${name} in ${a.source}`, d.meaning);
      } else {
        const from = d.default.from;
        const ref = from === "aws-doc" ? d.default.source : `default of assumptions.${name}: ${d.default.source}`;
        piece = term(d.term, d.shape === "up-to" ? 0 : d.default.low, a.seconds, from, ref, d.meaning);
      }
      kept.set(name, piece);
    }
    return piece;
  };
}

/**
 * The endpoint's own TTL: what an authoritative DNS answered for the cluster endpoint (`--resolve`, evidence), else
 * AWS's published 5 s. A caching resolver's answer is only what was left of the TTL, so it does not replace the figure.
 */
function endpointTtl(resource: Resource, facts: Facts): Piece {
  const cluster = resource.endpoints.cluster.known ? resource.endpoints.cluster.value : null;
  const answer = cluster === null ? undefined : (facts.inventory.liveDns ?? []).find((a) => a.name === cluster.toLowerCase().replace(/\.+$/, ""));
  const hop = answer?.chain[0];
  if (answer === undefined || hop === undefined || !hop.exact) return docTerm(FIGURES.endpointTtl);
  return term(
    FIGURES.endpointTtl.term,
    0,
    hop.ttl,
    "evidence",
    `live DNS ${answer.server}: ${answer.name} ${hop.type} TTL ${hop.ttl}`,
    `the DNS answered ${answer.name} with TTL ${hop.ttl} s (AWS publishes 5 s): a resolver may hand out the old address that long`,
  );
}

/** Whether clients using this record end up at an endpoint that follows the writer. */
function isPinned(b: BelongingRecord, resource: Resource, recovery: Recovery): boolean {
  return recovery.regionLost === true || (resource.kind !== "instance" && "role" in b.target && b.target.role === "instance");
}

/**
 * The chain from "the database has a writer again" to "clients write to it". Clients that resolve
 * the endpoint wait for the endpoint's record to move (dns_update), for the endpoint's 5 s TTL, for
 * the largest TTL of any CNAME of theirs in front of it, and for their own DNS cache; when the old
 * writer's address answers again, a connection opened to it in that window stays until the pool
 * retires it. RDS Proxy removes all of these for its clients. A record pinned to an instance endpoint
 * that the recovery left behind never follows: its clients wait for a person.
 */
export function clientChain(resource: Resource, facts: Facts, assumed: AssumedTerm, recovery: Recovery): ClientChain {
  const pieces: Piece[] = [];
  const manual: string[] = [];
  const notes: string[] = [];

  const dns = facts.dnsRecordsOf(resource);
  let following: BelongingRecord[] = [];
  if (!dns.known) {
    pieces.push({
      unknown: `whether a CNAME of yours points at ${resource.id}'s endpoints, and with what TTL, is unknown (${dns.reason}): give the Route 53 records as input (aws route53 list-resource-record-sets, or the aws_route53_record resources)`,
    });
  } else {
    const definite = dns.value.filter((b) => b.belongs === "yes");
    for (const b of definite.filter((x) => isPinned(x, resource, recovery))) {
      if (recovery.regionLost) {
        pieces.push(
          term(
            "record pointing into the lost region",
            0,
            null,
            "evidence",
            recordRef(b.record),
            `${b.record.name} leads to ${b.target.host}, an endpoint in the lost region: it does not follow the failover to another region`,
          ),
        );
        manual.push(`change record ${recordLabel(b.record)} to point at the new primary's cluster endpoint, or at the global database's writer endpoint, which follows a failover`);
        continue;
      }
      const id = "instanceId" in b.target ? b.target.instanceId : undefined;
      if (id === undefined || !recovery.leftBehind.has(id)) continue;
      const cluster = resource.endpoints.cluster.known && resource.endpoints.cluster.value ? ` (${resource.endpoints.cluster.value})` : "";
      pieces.push(
        term(
          "record pinned to an instance endpoint",
          0,
          null,
          "evidence",
          recordRef(b.record),
          `${b.record.name} points at the instance endpoint of ${id}, which does not follow the new writer: its clients are stuck until the record changes`,
        ),
      );
      manual.push(`change record ${recordLabel(b.record)} to point at ${resource.id}'s cluster endpoint${cluster} instead of ${id}'s instance endpoint`);
    }
    following = definite.filter((x) => !isPinned(x, resource, recovery));
    const maybe = dns.value.filter((b) => b.belongs === "maybe");
    const maxTtl = Math.max(0, ...following.map((b) => b.record.ttl ?? 0));
    const doubtful = maybe.filter((b) => ("possibleRole" in b.target && b.target.possibleRole === "instance") || b.record.ttl === undefined || b.record.ttl > maxTtl);
    if (doubtful.length > 0) {
      pieces.push({
        unknown: `whether ${doubtful.map((b) => b.record.name).join(", ")} lead${doubtful.length === 1 ? "s" : ""} to ${resource.id} is unknown (${doubtful.map((b) => b.target.host + ": " + ("reason" in b.target ? b.target.reason : "")).join("; ")})`,
      });
    }
    const noTtl = following.filter((b) => b.record.ttl === undefined);
    if (noTtl.length > 0) pieces.push({ unknown: `the TTL of ${noTtl.map((b) => recordLabel(b.record)).join(", ")} is not in the data` });
  }

  const proxies = facts.proxyTargetsOf(resource);
  const proxied = proxies.known && !recovery.regionLost ? proxies.value.filter((p) => p.place === "yes") : [];
  const proxyNames = [...new Set(proxied.map((p) => p.target.proxyName ?? "an unnamed proxy"))].sort().join(", ");
  if (proxied.length > 0 && dns.known && following.length === 0) {
    pieces.push(docTerm(FIGURES.rdsProxy, `${resource.id} is a target of RDS Proxy ${proxyNames}: ${FIGURES.rdsProxy.note}`));
    return { pieces, manual, notes };
  }
  if (proxied.length > 0) {
    notes.push(
      dns.known
        ? `${resource.id} is a target of RDS Proxy ${proxyNames}, but ${following.map((b) => b.record.name).join(", ")} lead${following.length === 1 ? "s" : ""} to its endpoints directly: the chain is that of the clients that bypass the proxy`
        : `${resource.id} is a target of RDS Proxy ${proxyNames}, but whether records lead clients to its endpoints directly is unknown`,
    );
  } else if (proxies.known && !recovery.regionLost && proxies.value.length > 0) {
    notes.push(
      `an RDS Proxy target names a database ${resource.id}, but ${resource.id}'s account or region is not in the data: the chain is that of clients that resolve the endpoint themselves, the longer one`,
    );
  } else if (!proxies.known && !recovery.regionLost) {
    notes.push(`whether RDS Proxy fronts ${resource.id} is unknown (${proxies.reason}): the chain is that of clients that resolve the endpoint themselves, the longer one`);
  }

  pieces.push(assumed(resource, "dns_update"));
  pieces.push(endpointTtl(resource, facts));
  if (following.length > 0) {
    const worst = [...following].sort((a, b) => (b.record.ttl ?? 0) - (a.record.ttl ?? 0) || a.record.name.localeCompare(b.record.name))[0]!;
    const ttl = worst.record.ttl ?? 0;
    const via = worst.via.length > 0 ? ` through ${worst.via.join(" → ")}` : "";
    pieces.push(
      term(
        "CNAME TTL",
        0,
        ttl,
        "evidence",
        recordRef(worst.record),
        `${worst.record.name} leads to ${worst.target.host}${via} with TTL ${ttl} s: a resolver may keep the old answer that long on top of the endpoint's own TTL` +
          (following.length > 1 ? ` (the largest TTL of ${following.length} records: ${following.map((b) => `${b.record.name} ${b.record.ttl ?? "?"} s`).join(", ")})` : ""),
      ),
    );
  }
  pieces.push(assumed(resource, "client_dns_cache"));
  if (recovery.oldWriterAnswers) pieces.push(assumed(resource, "pool_max_lifetime"));
  return { pieces, manual, notes };
}
