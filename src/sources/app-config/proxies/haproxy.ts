// Reads haproxy.cfg: servers that name a host, and whether HAProxy resolves them again at run time (a `resolvers` section named on the server or its default-server).
import type { AppPlace, ReverseProxyUse } from "../../../model/application.js";
import { isIpLiteral } from "../database-url.js";
import type { AppFile } from "../reader-types.js";
import { splitWords } from "./words.js";

const SECTIONS = new Set(["global", "defaults", "frontend", "backend", "listen", "resolvers", "peers", "userlist", "mailers", "program", "http-errors", "ring", "cache", "crt-store", "traces", "log-forward"]);

interface Section {
  readonly kind: string;
  readonly name: string;
  readonly lines: { words: string[]; at: AppPlace }[];
}

/** The sections of one haproxy.cfg, each with its lines as words. */
export function haproxySections(file: AppFile): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  file.text.split(/\r?\n/).forEach((line, i) => {
    const words = splitWords(line);
    if (words.length === 0) return;
    if (SECTIONS.has(words[0]!) && /^\S/.test(line)) {
      current = { kind: words[0]!, name: words[1] ?? "", lines: [] };
      sections.push(current);
    } else current?.lines.push({ words, at: { file: file.path, line: i + 1 } });
  });
  return sections;
}

const ONCE = "resolved when the configuration is parsed (at start), cached for the process's life";

/** The host names HAProxy servers forward to, and whether a `resolvers` section re-resolves them. */
export function haproxyProxies(file: AppFile): ReverseProxyUse[] {
  const sections = haproxySections(file);
  const resolvers = new Map<string, Section>(sections.filter((s) => s.kind === "resolvers").map((s) => [s.name, s]));
  const found: ReverseProxyUse[] = [];
  let defaults: string[] = [];
  for (const section of sections) {
    if (section.kind === "defaults") {
      // A defaults section's default-server applies to the proxies that follow it.
      defaults = section.lines.filter((l) => l.words[0] === "default-server").flatMap((l) => l.words.slice(1));
      continue;
    }
    if (section.kind !== "backend" && section.kind !== "listen") continue;
    let inherited = defaults;
    for (const { words, at } of section.lines) {
      // A default-server line applies to the server lines after it.
      if (words[0] === "default-server") inherited = [...inherited, ...words.slice(1)];
      const address = words[0] === "server" ? words[2] : words[0] === "server-template" ? words[3] : undefined;
      if (!address) continue;
      const host = hostOf(address);
      if (!host) continue;
      const params = [...inherited, ...words];
      const index = params.lastIndexOf("resolvers");
      const id = index >= 0 ? params[index + 1] : undefined;
      const fromEnv = host.includes("$") ? `; the address ${host} is set at deploy time` : "";
      if (!id) {
        found.push({ server: "haproxy", target: host, reResolves: fromEnv ? null : false, why: `server ${words[1]} has no "resolvers": ${ONCE}${fromEnv}`, at });
        continue;
      }
      const section = resolvers.get(id);
      const usable = section?.lines.some((l) => l.words[0] === "nameserver" || l.words[0] === "parse-resolv-conf");
      if (!section) found.push({ server: "haproxy", target: host, reResolves: false, why: `server ${words[1]} names resolvers ${id}, which no "resolvers" section defines`, at });
      else if (!usable) found.push({ server: "haproxy", target: host, reResolves: false, why: `resolvers ${id} has no nameserver or parse-resolv-conf: ${ONCE}`, at });
      else {
        const hold = section.lines.find((l) => l.words[0] === "hold" && l.words[1] === "valid");
        found.push({ server: "haproxy", target: host, reResolves: true, why: `server ${words[1]} uses resolvers ${id} (${file.path}:${section.lines[0]!.at.line - 1}): re-resolved while running${hold ? `; hold valid ${hold.words[2]}` : ""}`, at });
      }
    }
  }
  return found;
}

/** `fqdn:port`, `ipv4@host:port`, `[v6]:port` → the host; unix sockets and IP literals → undefined. */
function hostOf(address: string): string | undefined {
  const bare = address.replace(/^(ipv4|ipv6|tcp|tcp4|tcp6)@/, "");
  if (bare.includes("@") || bare.startsWith("/")) return undefined;
  const host = bare.startsWith("[") ? bare.slice(1, bare.indexOf("]")) : bare.replace(/:[^:]*$/, "");
  if (!host || isIpLiteral(host) || host === "localhost") return undefined;
  return host;
}
