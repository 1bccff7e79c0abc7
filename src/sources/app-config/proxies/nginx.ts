// Reads nginx configuration: a tokenizer (quotes, comments, blocks, includes within the application) and whether each proxied host name is resolved again while nginx runs.
import { basename, dirname, posix } from "node:path";
import type { AppPlace, ReverseProxyUse } from "../../../model/application.js";
import { isIpLiteral } from "../database-url.js";
import type { AppFile } from "../reader-types.js";
import { atLeast, type ImageVersion } from "./versions.js";

/** One directive: `name args…;` or `name args… { children }`, at its file and line. */
export interface NginxDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly at: AppPlace;
  readonly children?: readonly NginxDirective[];
}

/** A syntax problem, with its place. */
export class NginxSyntaxError extends Error {
  constructor(readonly at: AppPlace, message: string) {
    super(`${at.file}:${at.line}: ${message}`);
  }
}

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
}

/** Splits nginx configuration text into words, `{`, `}` and `;` (quotes with escapes; `#` comments a line when it starts a word). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "{" || c === "}" || c === ";") {
      tokens.push({ text: c, quoted: false, line });
      i++;
    } else if (c === '"' || c === "'") {
      const start = line;
      let value = "";
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === "\\" && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === "\n") line++;
        value += text[i];
        i++;
      }
      i++;
      tokens.push({ text: value, quoted: true, line: start });
    } else {
      let value = "";
      while (i < text.length && !/[\s;{}]/.test(text[i]!)) {
        // `${var}` keeps its braces inside a word.
        if (text[i] === "$" && text[i + 1] === "{") {
          const close = text.indexOf("}", i);
          value += text.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        if (text[i] === "\\" && i + 1 < text.length) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        value += text[i];
        i++;
      }
      tokens.push({ text: value, quoted: false, line });
    }
  }
  return tokens;
}

/** Real configurations nest a few blocks deep (http › server › location › if); deeper is not a configuration. */
const MAX_DEPTH = 64;

/** Parses one file into directives, expanding `include` with the application's own files (matched by the pattern's last directory and name). */
export function parseNginx(file: AppFile, files: readonly AppFile[], seen: Set<string> = new Set()): NginxDirective[] {
  seen.add(file.path);
  const tokens = tokenize(file.text);
  let position = 0;
  const block = (depth: number): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    while (position < tokens.length) {
      const first = tokens[position]!;
      if (first.text === "}" && !first.quoted) {
        if (depth === 0) throw new NginxSyntaxError({ file: file.path, line: first.line }, 'unexpected "}"');
        position++;
        return directives;
      }
      if ((first.text === ";" || first.text === "{") && !first.quoted) throw new NginxSyntaxError({ file: file.path, line: first.line }, `unexpected "${first.text}"`);
      const args: string[] = [];
      position++;
      for (;;) {
        const token = tokens[position];
        if (!token) throw new NginxSyntaxError({ file: file.path, line: first.line }, `"${first.text}" is not terminated by ";" or "{"`);
        position++;
        if (!token.quoted && token.text === ";") {
          const at = { file: file.path, line: first.line };
          const expanded = first.text === "include" && args[0] ? included(args[0], file, files, seen) : undefined;
          // An include of files the application does not hold stays as a directive: what it adds is not known.
          if (expanded && (expanded.length > 0 || STOCK_INCLUDE.test(posix.basename(args[0]!)))) directives.push(...expanded);
          else directives.push({ name: first.text, args, at });
          break;
        }
        if (!token.quoted && token.text === "{") {
          if (depth >= MAX_DEPTH) throw new NginxSyntaxError({ file: file.path, line: token.line }, `blocks nested more than ${MAX_DEPTH} deep`);
          directives.push({ name: first.text, args, at: { file: file.path, line: first.line }, children: block(depth + 1) });
          break;
        }
        if (!token.quoted && token.text === "}") throw new NginxSyntaxError({ file: file.path, line: token.line }, `unexpected "}" in "${first.text}"`);
        args.push(token.text);
      }
    }
    if (depth > 0) throw new NginxSyntaxError({ file: file.path, line: tokens[tokens.length - 1]?.line ?? 1 }, 'unexpected end of file, expecting "}"');
    return directives;
  };
  return block(0);
}

/** The application's files an `include` pattern names (`conf.d/*.conf`, `/etc/nginx/sites-enabled/*`), by their last directory and name. */
export function includedFiles(pattern: string, from: AppFile, files: readonly AppFile[]): AppFile[] {
  const name = globToRegExp(posix.basename(pattern));
  const parent = posix.basename(posix.dirname(pattern));
  return files.filter((f) => {
    if (f.path === from.path || !name.test(basename(f.path))) return false;
    const dir = basename(dirname(f.path));
    return parent === "." || parent === "" || parent === "/" ? dirname(f.path) === dirname(from.path) : dir === parent;
  });
}

/** Files nginx packages ship (MIME types, FastCGI/uwsgi/proxy parameters): they set no resolver. */
const STOCK_INCLUDE = /^(mime\.types|[a-z]+_params|[a-z_]+\.types)$/;

function included(pattern: string, from: AppFile, files: readonly AppFile[], seen: Set<string>): NginxDirective[] {
  return includedFiles(pattern, from, files)
    .filter((f) => !seen.has(f.path))
    .flatMap((f) => parseNginx(f, files, seen));
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

/** Directives that forward to a URL whose host nginx resolves. */
const PASS_DIRECTIVES = new Set(["proxy_pass", "grpc_pass", "fastcgi_pass", "uwsgi_pass", "scgi_pass"]);
/** Since this version open-source nginx re-resolves `server … resolve` in an upstream (nginx CHANGES 1.27.3). */
const UPSTREAM_RESOLVE_SINCE = [1, 27, 3];

interface Scope {
  readonly resolver?: NginxDirective;
  /** An `include` of files not in the application, in this block or an enclosing one: it may define a resolver. */
  readonly unread?: NginxDirective;
  readonly variables: ReadonlyMap<string, string>;
}

/** The names of the `upstream` groups the directives define (a `proxy_pass http://name` to one of them is not a host name). */
export function upstreamNames(directives: readonly NginxDirective[]): Set<string> {
  const names = new Set<string>();
  const collect = (list: readonly NginxDirective[]): void => {
    for (const d of list) {
      if (d.name === "upstream" && d.args[0]) names.add(d.args[0]);
      if (d.children) collect(d.children);
    }
  };
  collect(directives);
  return names;
}

/** The host names nginx forwards to and whether it resolves them again while running. */
export function nginxProxies(directives: readonly NginxDirective[], version: ImageVersion | undefined, upstreams: ReadonlySet<string> = upstreamNames(directives)): ReverseProxyUse[] {
  const found: ReverseProxyUse[] = [];
  const walk = (list: readonly NginxDirective[], outer: Scope): void => {
    const resolver = list.find((d) => d.name === "resolver") ?? outer.resolver;
    const unread = list.find((d) => d.name === "include") ?? outer.unread;
    const variables = new Map(outer.variables);
    for (const d of list) if (d.name === "set" && d.args[0] && d.args[1] !== undefined) variables.set(d.args[0], d.args[1]);
    const scope: Scope = { variables, ...(resolver ? { resolver } : {}), ...(unread ? { unread } : {}) };
    for (const d of list) {
      if (PASS_DIRECTIVES.has(d.name) && d.args[0]) passTarget(d, scope, upstreams, found);
      else if (d.name === "upstream" && d.children) upstreamServers(d, scope, version, found);
      else if (d.children) walk(d.children, scope);
    }
  };
  walk(directives, { variables: new Map() });
  return found;
}

function unreadWords(include: NginxDirective): string {
  return `the include of ${include.args[0]} at ${include.at.file}:${include.at.line} (no such file in the application)`;
}

function resolverWords(resolver: NginxDirective): string {
  const valid = resolver.args.find((a) => a.startsWith("valid="));
  return `resolver at ${resolver.at.file}:${resolver.at.line}${valid ? ` (${valid}: answers cached that long)` : " (answers cached for their DNS TTL)"}`;
}

/** A template the container fills in before nginx starts (the nginx image's envsubst over `*.template`): `${NAME}` there is a literal by the time nginx reads it. */
function isTemplate(file: string): boolean {
  return /\.(template|tpl)$/.test(file);
}

function passTarget(d: NginxDirective, scope: Scope, upstreams: ReadonlySet<string>, found: ReverseProxyUse[]): void {
  const url = d.args[0]!;
  const dynamic = (isTemplate(d.at.file) ? url.replace(/\$\{[A-Z_][A-Z0-9_]*\}/g, "") : url).includes("$");
  const expanded = url.replace(/\$\{?(\w+)\}?/g, (all, name: string) => scope.variables.get(`$${name}`) ?? all);
  const host = hostOf(expanded);
  if (host === undefined || upstreams.has(host) || (!host.includes("$") && (isIpLiteral(host) || host === "localhost"))) return;
  if (!dynamic) {
    const filled = host.includes("${") ? " (filled in from the environment when the container starts)" : "";
    found.push({ server: "nginx", target: host, reResolves: false, why: `${d.name} with a literal host${filled}: resolved once at start (and reload), cached until then`, at: d.at });
  } else if (scope.resolver) {
    found.push({ server: "nginx", target: host, reResolves: true, why: `${d.name} with a variable: resolved while running by the ${resolverWords(scope.resolver)}`, at: d.at });
  } else if (scope.unread) {
    found.push({ server: "nginx", target: host, reResolves: null, why: `${d.name} with a variable and no resolver in these files; ${unreadWords(scope.unread)} may define one`, at: d.at });
  } else {
    found.push({ server: "nginx", target: host, reResolves: false, why: `${d.name} with a variable but no resolver defined: nginx cannot resolve it at run time ("no resolver defined to resolve")`, at: d.at });
  }
}

function upstreamServers(upstream: NginxDirective, outer: Scope, version: ImageVersion | undefined, found: ReverseProxyUse[]): void {
  const children = upstream.children ?? [];
  const resolver = children.find((d) => d.name === "resolver") ?? outer.resolver;
  for (const server of children.filter((d) => d.name === "server" && d.args[0])) {
    const host = hostOf(server.args[0]!);
    if (!host || isIpLiteral(host) || host === "localhost" || host.startsWith("unix:")) continue;
    const target = host;
    if (!server.args.includes("resolve")) {
      found.push({ server: "nginx", target, reResolves: false, why: `upstream ${upstream.args[0]} server without "resolve": resolved once at start (and reload)`, at: server.at });
    } else if (!resolver && outer.unread) {
      found.push({ server: "nginx", target, reResolves: null, why: `upstream ${upstream.args[0]} server "resolve" and no resolver in these files; ${unreadWords(outer.unread)} may define one`, at: server.at });
    } else if (!resolver) {
      found.push({ server: "nginx", target, reResolves: false, why: `upstream ${upstream.args[0]} server "resolve" but no resolver defined in the upstream or http block`, at: server.at });
    } else if (version && !atLeast(version.version, UPSTREAM_RESOLVE_SINCE)) {
      found.push({ server: "nginx", target, reResolves: false, why: `"server … resolve" needs open-source nginx 1.27.3+ (or NGINX Plus); ${version.at.file}:${version.at.line} runs nginx ${version.text}`, at: server.at });
    } else {
      const versionWords = version ? `nginx ${version.text} (${version.at.file}:${version.at.line})` : "open-source nginx 1.27.3+ or NGINX Plus (the nginx version is not in these files)";
      found.push({ server: "nginx", target, reResolves: true, why: `upstream ${upstream.args[0]} server "resolve": re-resolved by the ${resolverWords(resolver)}; needs ${versionWords}`, at: server.at });
    }
  }
}

/** The host of `http://host:port/path`, `host:port`, `unix:/…` (undefined). */
function hostOf(url: string): string | undefined {
  const rest = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  if (rest.startsWith("unix:")) return undefined;
  if (rest.startsWith("[")) return rest.slice(1, rest.indexOf("]"));
  const host = /^[^/:?]+/.exec(rest)?.[0];
  return host || undefined;
}
