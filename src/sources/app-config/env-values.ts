// Looks up an environment variable's values across an application's .env files and compose files (each value with file:line).
import { parse as parseDotenv } from "dotenv";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import type { AppPlace } from "../../model/application.js";
import { basename, dirname, posix, sep } from "node:path";
import type { AppFile } from "./reader-types.js";

/** One value an environment variable is given, and where. */
export interface EnvValue {
  readonly value: string;
  readonly at: AppPlace;
}

/** One `KEY=value` entry of a .env or compose file. */
export interface EnvEntry extends EnvValue {
  readonly key: string;
}

/** `.env`, `.env.production`, `prod.env` — not templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`), whose values are placeholders. */
export function isDotenvFile(path: string): boolean {
  const name = basename(path).toLowerCase();
  if (/\.(example|sample|template|dist|tpl|defaults?)$/.test(name) || /^\.env\.(example|sample|template|dist)/.test(name)) return false;
  return name === ".env" || name.startsWith(".env.") || name.endsWith(".env");
}

/** `docker-compose.yml`, `compose.prod.yaml`, … */
export function isComposeFile(path: string): boolean {
  return /^(docker-)?compose([.-][\w.-]+)?\.ya?ml$/i.test(basename(path));
}

/** Every `KEY=value` of a .env file (the `dotenv` package's parsing), each key at its last line (the value dotenv keeps). */
export function dotenvEntries(file: AppFile): EnvEntry[] {
  const values = parseDotenv(file.text);
  const lines = file.text.split(/\r?\n/);
  return Object.entries(values).map(([key, value]) => {
    let line = 1;
    const keyLine = new RegExp(`^\\s*(export\\s+)?${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*[=:]`);
    lines.forEach((text, i) => {
      if (keyLine.test(text)) line = i + 1;
    });
    return { key, value, at: { file: file.path, line } };
  });
}

/** Every `environment:` entry of every service in a compose file (map or `KEY=value` list form). */
export function composeEntries(file: AppFile): EnvEntry[] {
  const counter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) return [];
  const lineOf = (node: Node | null | undefined): number => (node?.range ? counter.linePos(node.range[0]).line : 1);
  const found: EnvEntry[] = [];
  const services = doc.get("services", true);
  if (!isMap(services)) return found;
  for (const service of services.items) {
    if (!isMap(service.value)) continue;
    const environment = service.value.get("environment", true);
    if (isMap(environment)) {
      for (const item of environment.items) {
        if (!isScalar(item.key) || !isScalar(item.value) || item.value.value === null) continue;
        found.push({ key: String(item.key.value), value: String(item.value.value), at: { file: file.path, line: lineOf(item.key) } });
      }
    } else if (isSeq(environment)) {
      for (const item of environment.items) {
        if (!isScalar(item) || typeof item.value !== "string" || !item.value.includes("=")) continue;
        const cut = item.value.indexOf("=");
        found.push({ key: item.value.slice(0, cut).trim(), value: item.value.slice(cut + 1), at: { file: file.path, line: lineOf(item) } });
      }
    }
  }
  return found;
}

/** The files compose files name in `env_file:` (a service's environment from a file of any name, as `.dev_env`). */
export function composeEnvFiles(files: readonly AppFile[]): Set<string> {
  const named = new Set<string>();
  for (const file of files.filter((f) => isComposeFile(f.path))) {
    const doc = parseDocument(file.text, { prettyErrors: false });
    const services = doc.errors.length === 0 ? doc.get("services", true) : undefined;
    if (!isMap(services)) continue;
    for (const service of services.items) {
      const envFile = isMap(service.value) ? service.value.get("env_file", true) : undefined;
      const items = isSeq(envFile) ? envFile.items : envFile ? [envFile] : [];
      for (const item of items) {
        const path = isScalar(item) ? item.value : isMap(item) ? item.get("path") : undefined;
        if (typeof path === "string") named.add(posix.normalize(posix.join(dirname(file.path).split(sep).join("/"), path)));
      }
    }
  }
  return named;
}

/** Answers kept per application (its file list) and per file: the code readers look values up many times. */
const dotenvFilesOf = new WeakMap<readonly AppFile[], AppFile[]>();
const entriesOf = new WeakMap<AppFile, EnvEntry[]>();

/** The application's .env files: by name, or named by a compose file's `env_file:`. */
export function dotenvFiles(files: readonly AppFile[]): AppFile[] {
  let found = dotenvFilesOf.get(files);
  if (!found) {
    const named = composeEnvFiles(files);
    found = files.filter((f) => isDotenvFile(f.path) || named.has(posix.normalize(f.path.split(sep).join("/"))));
    dotenvFilesOf.set(files, found);
  }
  return found;
}

/** The values `name` is given in the application's .env and compose files (values that are themselves `${…}` references are left out). */
export function envValues(files: readonly AppFile[], name: string): EnvValue[] {
  const values: EnvValue[] = [];
  const dotenv = new Set(dotenvFiles(files));
  for (const file of files) {
    let entries = entriesOf.get(file);
    if (!entries) entriesOf.set(file, (entries = dotenv.has(file) ? dotenvEntries(file) : isComposeFile(file.path) ? composeEntries(file) : []));
    for (const entry of entries) if (entry.key === name && !entry.value.includes("${")) values.push({ value: entry.value, at: entry.at });
  }
  return values;
}

/** An environment variable's value when the files give exactly one; otherwise why it is only known at deploy time. */
export function resolveEnv(files: readonly AppFile[], name: string): { value: string; from: AppPlace } | { why: string } {
  const values = envValues(files, name);
  const distinct = [...new Set(values.map((v) => v.value))];
  if (distinct.length === 1) return { value: distinct[0]!, from: values[0]!.at };
  if (distinct.length === 0) return { why: `${name} is set at deploy time (no .env or compose file of the application gives it)` };
  return { why: `${name} is set at deploy time (the application's files give it ${distinct.length} different values: ${values.map((v) => `${v.at.file}:${v.at.line}`).join(", ")})` };
}
