// Finds an application's reverse-proxy configuration (nginx, HAProxy, Apache httpd) and reads which host names each re-resolves.
import { basename } from "node:path";
import type { ReverseProxyUse } from "../../../model/application.js";
import type { AppFile } from "../reader-types.js";
import { haproxyProxies } from "./haproxy.js";
import { httpdProxies } from "./httpd.js";
import { includedFiles, type NginxDirective, NginxSyntaxError, nginxProxies, parseNginx, tokenize, upstreamNames } from "./nginx.js";
import { atLeast, type ImageVersion, imageVersions } from "./versions.js";

/** Directories whose `.conf` files are web-server configuration. */
const CONF_DIRS = /(^|[\\/])([^\\/]*nginx[^\\/]*|conf\.d|sites-available|sites-enabled|http\.d|apache2?|httpd|conf|vhosts?\.d|templates)[\\/]/i;
/** httpd directives are written capitalized by convention (nginx's are lower case: `listen 80;`, `server_name`). */
const HTTPD_WORDS = /^\s*(<VirtualHost|<Proxy\b|<Location|<IfModule|ProxyPass|BalancerMember|LoadModule|ServerRoot|ServerName|DocumentRoot|Listen\s)/m;
const NGINX_WORDS = /^\s*(server|http|location|upstream|proxy_pass|events|stream)\b[^;\n]*[{;]/m;

function isNginx(file: AppFile): boolean {
  const name = basename(file.path);
  if (/^nginx\.conf(\.template|\.tpl)?$/.test(name)) return true;
  return /\.conf(\.template|\.tpl)?$/.test(name) && CONF_DIRS.test(file.path) && NGINX_WORDS.test(file.text) && !HTTPD_WORDS.test(file.text);
}

function isHttpd(file: AppFile): boolean {
  const name = basename(file.path);
  if (name === "httpd.conf" || name === "apache2.conf") return true;
  return /\.conf$/.test(name) && CONF_DIRS.test(file.path) && HTTPD_WORDS.test(file.text);
}

function isHaproxy(file: AppFile): boolean {
  return /^haproxy[\w.-]*\.cfg$/.test(basename(file.path));
}

/** The oldest version of `image` the files pin (the worst case when several are named). */
function oldest(files: readonly AppFile[], image: string): ImageVersion | undefined {
  return imageVersions(files, image).sort((a, b) => (atLeast(a.version, b.version) ? 1 : -1))[0];
}

/** The reverse proxies of the application, and notes on files that could not be read. */
export function readReverseProxies(files: readonly AppFile[]): { proxies: ReverseProxyUse[]; notes: string[] } {
  const proxies: ReverseProxyUse[] = [];
  const notes: string[] = [];
  const nginxFiles = files.filter(isNginx);
  // A file another nginx file includes is read in the including file's context (its resolver, its upstreams).
  const includedPaths = new Set<string>();
  for (const file of nginxFiles) {
    const words = tokenize(file.text);
    words.forEach((word, i) => {
      if (word.text === "include" && words[i + 1]) for (const f of includedFiles(words[i + 1]!.text, file, files)) includedPaths.add(f.path);
    });
  }
  const nginxVersion = oldest(files, "nginx");
  const trees: NginxDirective[][] = [];
  for (const file of nginxFiles.filter((f) => !includedPaths.has(f.path))) {
    try {
      trees.push(parseNginx(file, files));
    } catch (error) {
      if (!(error instanceof NginxSyntaxError)) throw error;
      notes.push(`${error.message} (nginx configuration not read)`);
    }
  }
  // conf.d fragments without the nginx.conf that includes them: an upstream in one is still named in another.
  const upstreams = new Set(trees.flatMap((tree) => [...upstreamNames(tree)]));
  for (const tree of trees) proxies.push(...nginxProxies(tree, nginxVersion, upstreams));
  for (const file of files.filter(isHaproxy)) proxies.push(...haproxyProxies(file));
  const httpdVersion = oldest(files, "httpd");
  for (const file of files.filter(isHttpd)) proxies.push(...httpdProxies(file, httpdVersion));
  return { proxies, notes };
}
