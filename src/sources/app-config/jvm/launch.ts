// Reads how an application is started: Dockerfiles, compose files, Kubernetes manifests, systemd units and start scripts
// give environment variables (JAVA_TOOL_OPTIONS, DB_HOST…), commands (`java -D… -jar app.jar`) and base images (runtimes).
import { DockerfileParser } from "dockerfile-ast";
import type { AppPlace, RuntimeUse } from "../../../model/application.js";
import type { AppFile } from "../reader-types.js";
import { baseName, isYaml, parseYamlFile, shellWords, type YamlLeaf } from "./text.js";

/** An environment variable the files set for the running application. */
export interface EnvSetting {
  readonly name: string;
  readonly value: string;
  readonly at: AppPlace;
  /** What it belongs to: a Dockerfile, a compose service, a Kubernetes container, a unit; start scripts share one group. */
  readonly group: string;
}

/** A command that starts the application: its words, and its text when a shell runs it (so `$JAVA_OPTS` expands). */
export interface StartCommand {
  readonly words: readonly string[];
  /** The text a shell expands; undefined for exec-form commands nothing expands. */
  readonly shellText?: string;
  readonly at: AppPlace;
  /** Set for Tomcat's catalina.sh (it passes JAVA_OPTS and CATALINA_OPTS to java). */
  readonly catalina: boolean;
  readonly group: string;
}

export interface LaunchFindings {
  readonly env: EnvSetting[];
  readonly commands: StartCommand[];
  readonly runtimes: RuntimeUse[];
  /** True when the image that runs is Tomcat's (catalina.sh reads JAVA_OPTS and CATALINA_OPTS). */
  tomcat: boolean;
}

export function isDockerfile(path: string): boolean {
  const name = baseName(path);
  return /^(Dockerfile|Containerfile)([.-].*)?$/i.test(name) || /\.(dockerfile|containerfile)$/i.test(name);
}

function isCompose(path: string): boolean {
  return /^(docker-)?compose[\w.-]*\.ya?ml$/i.test(baseName(path));
}

function isShellScript(file: AppFile): boolean {
  return /\.(sh|bash)$/i.test(file.path) || /^#!.*\b(ba|z|da|k)?sh\b/.test(file.text);
}

/** An exec-form command `["sh", "-c", "java $JAVA_OPTS …"]` is run by a shell after all: its script is what counts. */
function commandFrom(group: string, words: readonly string[], at: AppPlace, shellText?: string): StartCommand {
  const shellIndex = words.findIndex((w) => /(^|\/)(ba|da)?sh$/.test(w));
  if (shellIndex >= 0 && words[shellIndex + 1] === "-c" && words[shellIndex + 2] !== undefined) {
    const script = words[shellIndex + 2]!;
    return commandFrom(group, shellWords(script), at, script);
  }
  const text = shellText ?? words.join(" ");
  return { words, at, group, catalina: /catalina\.sh|\bcatalina\b/.test(text), ...(shellText !== undefined ? { shellText } : {}) };
}

/** Runtime kind and major version from an image reference (`eclipse-temurin:17-jre`, `node:20-alpine`, `python:3.12-slim`). */
export function runtimeOfImage(image: string): Omit<RuntimeUse, "at"> | undefined {
  const ref = image.replace(/@sha256:.*$/, "");
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  const name = (colon > slash ? ref.slice(0, colon) : ref).toLowerCase();
  const tag = colon > slash ? ref.slice(colon + 1).toLowerCase() : "";
  const repo = name.split("/").pop()!;
  const leading = (s: string): string | undefined => {
    const m = /^(?:1\.)?(\d+)/.exec(s); // 1.8 → 8, 17.0.9_9 → 17, 8u342 → 8
    return m && Number(m[1]) >= 5 ? m[1] : undefined; // Java 5 is the oldest; `0-17` (an image's own version) is not a JDK
  };
  const withVersion = (kind: RuntimeUse["kind"], version: string | undefined): Omit<RuntimeUse, "at"> =>
    version ? { kind, version } : { kind };
  const jdkInTag = /(?:jdk|jre|temurin|openjdk|corretto|zulu|semeru|liberica|java)-?(\d+)/.exec(tag);
  if (/^(eclipse-temurin|openjdk|amazoncorretto|adoptopenjdk|sapmachine|ibmjava|ibm-semeru-runtimes|zulu-openjdk.*|liberica-.*|java)$/.test(repo) || name.startsWith("azul/") || name.startsWith("bellsoft/")) {
    const anyNumber = [...tag.matchAll(/(?:^|-)(\d+)(?=[.-]|$)/g)].map((m) => m[1]!).find((n) => Number(n) >= 5); // open-11-jre, 0-17-bullseye
    return withVersion("jvm", leading(tag) ?? jdkInTag?.[1] ?? anyNumber);
  }
  const inName = /(?:openjdk|java|jdk|jre)-?(\d+)/.exec(repo); // ubi8/openjdk-17, distroless/java17-debian12
  if (inName && (name.includes("distroless") || name.includes("ubi") || name.includes("openjdk"))) return withVersion("jvm", inName[1]);
  if (name.includes("distroless/java")) return withVersion("jvm", leading(tag));
  if (/^(tomcat|maven|gradle|jetty|jboss|wildfly|payara.*|open-liberty|websphere-liberty|clojure|sbt.*)$/.test(repo)) {
    return withVersion("jvm", jdkInTag?.[1]);
  }
  if (repo === "node") return withVersion("node", /^(\d+)/.exec(tag)?.[1]);
  if (repo === "python" || repo === "pypy") return withVersion("python", /^(\d+(?:\.\d+)?)/.exec(tag)?.[1]);
  if (repo === "golang") return withVersion("go", /^(\d+(?:\.\d+)?)/.exec(tag)?.[1]);
  return undefined;
}

function readDockerfile(file: AppFile, out: LaunchFindings): void {
  const dockerfile = DockerfileParser.parse(file.text);
  const at = (line0: number): AppPlace => ({ file: file.path, line: line0 + 1 });
  const argDefaults = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    const value = property?.getValue();
    if (property && value) argDefaults.set(property.getName(), value);
  }
  const expand = (s: string): string => s.replace(/\$\{?(\w+)(?::-([^}]*))?\}?/g, (w, n: string, d?: string) => argDefaults.get(n) ?? d ?? w);
  // Only the last stage runs; `FROM build` names an earlier stage, whose image is followed.
  const froms = dockerfile.getFROMs();
  const stages = new Map<string, string>();
  let lastImage: string | undefined;
  let lastLine = 0;
  for (const from of froms) {
    let image = expand(from.getImage() ?? "");
    const seen = new Set<string>();
    while (stages.has(image.toLowerCase()) && !seen.has(image)) {
      seen.add(image);
      image = stages.get(image.toLowerCase())!;
    }
    const stage = from.getBuildStage();
    if (stage) stages.set(stage.toLowerCase(), image);
    lastImage = image;
    lastLine = from.getRange().start.line;
  }
  const imageRuntime = lastImage ? runtimeOfImage(lastImage) : undefined;
  if (lastImage) {
    if (imageRuntime) out.runtimes.push({ ...imageRuntime, at: at(lastLine) });
    if (/(^|\/)tomcat(:|$)/i.test(lastImage.replace(/@.*$/, ""))) out.tomcat = true;
  }
  // A static final image (scratch, distroless static/base) after a golang build stage runs the Go binary built there.
  const goBuilder = froms.slice(0, -1).map((f) => runtimeOfImage(expand(f.getImage() ?? ""))).find((r) => r?.kind === "go");
  if (!imageRuntime && goBuilder && lastImage && /^(scratch|.*distroless\/(static|base)[\w.:-]*)$/.test(lastImage.replace(/@.*$/, ""))) {
    out.runtimes.push({ ...goBuilder, at: at(lastLine) });
  }
  const commandsBefore = out.commands.length;
  // ENV, ENTRYPOINT and CMD of the last stage are what the container runs with.
  const lastStageStart = lastLine;
  for (const env of dockerfile.getENVs()) {
    if (env.getRange().start.line < lastStageStart) continue;
    for (const property of env.getProperties()) {
      out.env.push({ name: property.getName(), value: property.getValue() ?? "", at: at(property.getRange().start.line), group: file.path });
    }
  }
  // Docker runs the last ENTRYPOINT with the last CMD as its arguments (exec form), or the shell-form ENTRYPOINT
  // alone, or the last CMD when there is no ENTRYPOINT.
  const lastOf = <T extends { getRange(): { start: { line: number } } }>(list: T[]): T | undefined =>
    list.filter((i) => i.getRange().start.line >= lastStageStart).pop();
  const form = (instruction: { getRawArgumentsContent(): string | null } | undefined): { exec?: string[]; script?: string } | undefined => {
    if (!instruction) return undefined;
    const raw = instruction.getRawArgumentsContent() ?? "";
    try {
      const parsed: unknown = raw.trim().startsWith("[") ? JSON.parse(raw) : undefined;
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === "string")) return { exec: parsed as string[] };
    } catch {
      // not JSON: shell form
    }
    return { script: raw.replace(/\\\r?\n/g, " ") };
  };
  const entrypoint = lastOf(dockerfile.getENTRYPOINTs());
  const cmd = lastOf(dockerfile.getCMDs());
  const entry = form(entrypoint);
  const args = form(cmd);
  const place = at((entrypoint ?? cmd)?.getRange().start.line ?? 0);
  if (entry?.exec) {
    const extra = args?.exec ?? (args?.script !== undefined ? shellWords(args.script) : []);
    out.commands.push(commandFrom(file.path, [...entry.exec, ...extra], place));
  } else if (entry?.script !== undefined) out.commands.push(commandFrom(file.path, shellWords(entry.script), place, entry.script));
  else if (args?.exec) out.commands.push(commandFrom(file.path, args.exec, place));
  else if (args?.script !== undefined) out.commands.push(commandFrom(file.path, shellWords(args.script), place, args.script));
  // An image that says nothing (alpine with `apk add nodejs`) still tells its runtime by the program it starts.
  const started = out.commands[commandsBefore]?.words.find((w) => !/^(exec|env|dumb-init|tini|--)$/.test(w) && !w.includes("="));
  const program = started?.split("/").pop() ?? "";
  const byProgram = program === "node" ? "node" : /^(python[\d.]*|gunicorn|uvicorn)$/.test(program) ? "python" : undefined;
  if (!imageRuntime && !goBuilder && byProgram) out.runtimes.push({ kind: byProgram, at: place });
}

/** `environment:` as a map (`KEY: value`) or a list (`- KEY=value`). */
function envFromLeaves(leaves: readonly YamlLeaf[], prefix: readonly (string | number)[], file: string, group: string, out: EnvSetting[]): void {
  for (const leaf of leaves) {
    if (leaf.path.length !== prefix.length + 1 || !prefix.every((p, i) => leaf.path[i] === p)) continue;
    const last = leaf.path[prefix.length]!;
    if (typeof last === "string") out.push({ name: last, value: leaf.value, at: { file, line: leaf.line }, group });
    else {
      const eq = leaf.value.indexOf("=");
      if (eq > 0) out.push({ name: leaf.value.slice(0, eq), value: leaf.value.slice(eq + 1), at: { file, line: leaf.line }, group });
    }
  }
}

/** The words of a command given as a YAML string (split like a shell would) or a list; its first line. */
function yamlCommand(leaves: readonly YamlLeaf[], prefix: readonly (string | number)[]): { words: string[]; line: number } | undefined {
  const own = leaves.filter((l) => l.path.length >= prefix.length && prefix.every((p, i) => l.path[i] === p));
  if (own.length === 0) return undefined;
  const whole = own.find((l) => l.path.length === prefix.length);
  if (whole) return { words: shellWords(whole.value), line: whole.line };
  return { words: own.map((l) => l.value), line: own[0]!.line };
}

function readCompose(file: AppFile, out: LaunchFindings, notes: string[]): void {
  for (const { leaves } of parseYamlFile(file, notes).documents) {
    const services = new Set(leaves.filter((l) => l.path[0] === "services" && typeof l.path[1] === "string").map((l) => l.path[1] as string));
    for (const service of services) {
      const group = `${file.path}#${service}`;
      envFromLeaves(leaves, ["services", service, "environment"], file.path, group, out.env);
      const entrypoint = yamlCommand(leaves, ["services", service, "entrypoint"]);
      const command = yamlCommand(leaves, ["services", service, "command"]);
      for (const c of [entrypoint, command]) if (c) out.commands.push(commandFrom(group, c.words, { file: file.path, line: c.line }));
      const image = leaves.find((l) => l.path.length === 3 && l.path[0] === "services" && l.path[1] === service && l.path[2] === "image");
      if (image && /(^|\/)tomcat(:|$)/i.test(image.value)) out.tomcat = true;
      const runtime = image && runtimeOfImage(image.value);
      if (image && runtime) out.runtimes.push({ ...runtime, at: { file: file.path, line: image.line } });
    }
  }
}

/** Kubernetes: every container (in any workload, CronJob templates included) and every ConfigMap's data. */
function readKubernetes(file: AppFile, out: LaunchFindings, notes: string[]): void {
  for (const [index, { leaves }] of parseYamlFile(file, notes).documents.entries()) {
    const kind = leaves.find((l) => l.path.length === 1 && l.path[0] === "kind")?.value;
    if (kind === "ConfigMap") {
      envFromLeaves(leaves, ["data"], file.path, `${file.path}#${index}${CONFIG_MAP}`, out.env);
      continue;
    }
    const containers = new Map<string, (string | number)[]>();
    for (const leaf of leaves) {
      const i = leaf.path.findIndex((p, k) => (p === "containers" || p === "initContainers") && typeof leaf.path[k + 1] === "number");
      if (i >= 0) {
        const prefix = leaf.path.slice(0, i + 2);
        containers.set(prefix.join("\u0000"), prefix as (string | number)[]);
      }
    }
    for (const prefix of containers.values()) {
      const group = `${file.path}#${index}/${prefix.join(".")}`;
      const env = leaves.filter((l) => l.path.length === prefix.length + 3 && prefix.every((p, k) => l.path[k] === p) && l.path[prefix.length] === "env");
      for (const name of env.filter((l) => l.path[prefix.length + 2] === "name")) {
        const value = env.find((l) => l.path[prefix.length + 1] === name.path[prefix.length + 1] && l.path[prefix.length + 2] === "value");
        if (value) out.env.push({ name: name.value, value: value.value, at: { file: file.path, line: value.line }, group });
      }
      const command = yamlCommand(leaves, [...prefix, "command"]);
      const args = yamlCommand(leaves, [...prefix, "args"]);
      if (command || args) {
        const words = [...(command?.words ?? []), ...(args?.words ?? [])];
        out.commands.push(commandFrom(group, words, { file: file.path, line: (command ?? args)!.line }));
      }
      const image = leaves.find((l) => l.path.length === prefix.length + 1 && prefix.every((p, k) => l.path[k] === p) && l.path[prefix.length] === "image");
      if (image && /(^|\/)tomcat(:|$)/i.test(image.value)) out.tomcat = true;
      const runtime = image && runtimeOfImage(image.value);
      if (image && runtime) out.runtimes.push({ ...runtime, at: { file: file.path, line: image.line } });
    }
  }
}

/**
 * Helm values and other deployment YAML: `env:` / `extraEnv:` lists of `{name, value}` anywhere in the tree, as a chart
 * would render them into a container. (Its parse errors are noted once, by the configuration reader.)
 */
function readValuesEnv(file: AppFile, out: LaunchFindings): void {
  for (const [index, { leaves }] of parseYamlFile(file, []).documents.entries()) {
    for (const name of leaves) {
      const n = name.path.length;
      if (n < 3 || name.path[n - 1] !== "name" || typeof name.path[n - 2] !== "number" || !/^(env|extraEnv|envVars|extraEnvVars)$/.test(String(name.path[n - 3]))) continue;
      const value = leaves.find((l) => l.path.length === n && l.path[n - 1] === "value" && l.path.slice(0, -1).every((p, i) => p === name.path[i]));
      if (value) out.env.push({ name: name.value, value: value.value, at: { file: file.path, line: value.line }, group: `${file.path}#${index}/${name.path.slice(0, -3).join(".")}` });
    }
  }
}

/** Logical lines: a trailing `\` joins the next line; each keeps the line it starts on. */
function logicalLines(text: string): { text: string; line: number }[] {
  const lines = text.split(/\r?\n/);
  const out: { text: string; line: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    while (line.endsWith("\\") && i + 1 < lines.length) line = line.slice(0, -1) + " " + lines[++i]!;
    out.push({ text: line, line: start + 1 });
  }
  return out;
}

function readSystemd(file: AppFile, out: LaunchFindings): void {
  for (const { text, line } of logicalLines(file.text)) {
    const m = /^\s*(Environment|ExecStart)\s*=\s*(.*)$/.exec(text);
    if (!m) continue;
    const at = { file: file.path, line };
    if (m[1] === "Environment") {
      for (const assignment of shellWords(m[2]!)) {
        const eq = assignment.indexOf("=");
        if (eq > 0) out.env.push({ name: assignment.slice(0, eq), value: assignment.slice(eq + 1), at, group: file.path });
      }
    } else {
      const command = m[2]!.replace(/^[-@:+!]+/, "");
      out.commands.push(commandFrom(file.path, shellWords(command), at, command));
    }
  }
}

/** Marks the group of a ConfigMap's entries: they reach a container only through its envFrom/env. */
export const CONFIG_MAP = "#configmap";

/** Start scripts are copied into images and call each other: they share one group. */
export const SCRIPTS = "start scripts";

function readShellScript(file: AppFile, out: LaunchFindings): void {
  const setenv = baseName(file.path) === "setenv.sh"; // Tomcat's catalina.sh sources bin/setenv.sh
  for (const { text, line } of logicalLines(file.text)) {
    const trimmed = text.trim();
    if (trimmed.startsWith("#") || trimmed === "") continue;
    const at = { file: file.path, line };
    const assignment = /^(?:export\s+)?([A-Za-z_]\w*)=(.*)$/.exec(trimmed);
    if (assignment) {
      const words = shellWords(assignment[2]!);
      out.env.push({ name: assignment[1]!, value: words.join(" "), at, group: SCRIPTS });
      if (setenv) out.tomcat = true;
      continue;
    }
    const words = shellWords(trimmed);
    if (words.some((w) => /(^|\/)java$/.test(w) || /catalina\.sh$/.test(w))) out.commands.push(commandFrom(SCRIPTS, words, at, trimmed));
  }
}

/**
 * Files that start a build or a development environment, never the application: the Maven and Gradle wrappers
 * (they run java with $JAVA_OPTS themselves) and dev-container definitions.
 */
export function isBuildTooling(path: string): boolean {
  return /(^|[\\/])(gradlew|mvnw)(\.bat|\.cmd)?$/i.test(path) || /(^|[\\/])(\.mvn|\.devcontainer|gradle[\\/]wrapper)[\\/]/.test(path);
}

/** Reads every launch file of the application. */
export function readLaunch(files: readonly AppFile[], notes: string[]): LaunchFindings {
  const out: LaunchFindings = { env: [], commands: [], runtimes: [], tomcat: false };
  for (const file of files) {
    if (isBuildTooling(file.path)) continue;
    try {
      if (isDockerfile(file.path)) readDockerfile(file, out);
      else if (isCompose(file.path)) readCompose(file, out, notes);
      else if (/\.service$/i.test(file.path)) readSystemd(file, out);
      else if (isShellScript(file)) readShellScript(file, out);
      else if (isYaml(file.path) && /^\s*kind\s*:/m.test(file.text) && /^\s*apiVersion\s*:/m.test(file.text)) readKubernetes(file, out, notes);
      else if (isYaml(file.path)) readValuesEnv(file, out);
    } catch (e) {
      notes.push(`${file.path}: not read (${(e as Error).message})`); // a reader bug must not hide the other files
    }
  }
  return out;
}
