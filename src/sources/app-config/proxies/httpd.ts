// Reads Apache httpd configuration: ProxyPass and BalancerMember targets, and whether mod_proxy resolves their host names again (addressttl 2.4.59+, disablereuse=On).
import type { AppPlace, ReverseProxyUse } from "../../../model/application.js";
import { isIpLiteral } from "../database-url.js";
import type { AppFile } from "../reader-types.js";
import { atLeast, type ImageVersion } from "./versions.js";
import { splitWords } from "./words.js";

/** `addressttl` exists since httpd 2.4.59 (httpd CHANGES: "Allow to set a TTL for how long DNS resolutions to backend systems are cached"). */
const ADDRESSTTL_SINCE = [2, 4, 59];
const ONCE = "resolved once per child process, cached until the child is recycled (mod_proxy docs: connection reuse)";

/** The directives of one httpd file, each with its words and place (backslash-continued lines joined). */
export function httpdDirectives(file: AppFile): { words: string[]; at: AppPlace }[] {
  const directives: { words: string[]; at: AppPlace }[] = [];
  const lines = file.text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    while (line.endsWith("\\") && i + 1 < lines.length) line = line.slice(0, -1) + " " + lines[++i]!;
    const words = splitWords(line);
    if (words.length > 0) directives.push({ words, at: { file: file.path, line: start + 1 } });
  }
  return directives;
}

/** The host names httpd proxies to, and whether they are resolved again. */
export function httpdProxies(file: AppFile, version: ImageVersion | undefined): ReverseProxyUse[] {
  const found: ReverseProxyUse[] = [];
  let location = false;
  for (const { words, at } of httpdDirectives(file)) {
    const name = words[0]!.toLowerCase();
    if (/^<location(match)?$/.test(name.replace(/>$/, ""))) location = true;
    if (/^<\/location(match)?>$/.test(name)) location = false;
    let url: string | undefined;
    let params: string[] = [];
    if (name === "proxypass" || name === "proxypassmatch") {
      // Inside <Location> the path is implied: `ProxyPass url [key=value…]`; otherwise `ProxyPass path url [key=value…]`.
      const rest = words.slice(1);
      const skip = location && rest[0] && /:\/\//.test(rest[0]) ? 0 : 1;
      url = rest[skip];
      params = rest.slice(skip + 1);
    } else if (name === "balancermember") {
      url = words[1];
      params = words.slice(2);
    }
    if (!url || url === "!" || /^balancer:/i.test(url)) continue;
    const host = hostOf(url);
    if (!host) continue;
    found.push({ server: "httpd", target: host, ...decide(params, version), at });
  }
  return found;
}

function decide(params: readonly string[], version: ImageVersion | undefined): { reResolves: boolean | null; why: string } {
  const value = (key: string): string | undefined => params.find((p) => p.toLowerCase().startsWith(`${key}=`))?.split("=")[1];
  if (value("disablereuse")?.toLowerCase() === "on") return { reResolves: true, why: "disablereuse=On: a new connection, resolved again, for each request" };
  const ttl = value("addressttl");
  if (ttl === undefined || Number(ttl) < 0) return { reResolves: false, why: ttl === undefined ? ONCE : `addressttl=${ttl} means until restart: ${ONCE}` };
  if (!version) return { reResolves: null, why: `addressttl=${ttl} needs httpd 2.4.59+, the version is not in these files` };
  if (!atLeast(version.version, ADDRESSTTL_SINCE)) return { reResolves: false, why: `addressttl=${ttl} needs httpd 2.4.59+; ${version.at.file}:${version.at.line} runs httpd ${version.text}` };
  return { reResolves: true, why: `addressttl=${ttl}: resolved again after ${ttl} s (httpd ${version.text}, ${version.at.file}:${version.at.line})` };
}

function hostOf(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:?]+)/i.exec(url);
  const host = match?.[1]?.replace(/^\[|\]$/g, "");
  if (!host || isIpLiteral(host) || host === "localhost" || host.includes("$")) return undefined;
  return host;
}
