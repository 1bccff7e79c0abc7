// Loads a policy file (YAML or JSON): reads it, parses it with positions, validates it, checks what a schema cannot, and returns a Policy or throws one UserError listing every problem.
import { createHash } from "node:crypto";
import { extname, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { UserError, type Problem } from "../errors.js";
import { POLICY_CAP, readRegularFile, tooLargeError } from "../sources/regular-file.js";
import { buildPolicy, type RawPolicy } from "./build-policy.js";
import type { Policy } from "./policy.js";
import { isRecord, SourceMap, type Style } from "./policy-document.js";
import { schemaProblems, validatePolicy } from "./schema-problems.js";
import { aliasProblems, syntaxProblems } from "./syntax-problems.js";
import { targetProblems } from "./target-checks.js";
import { waiverProblems } from "./waiver-checks.js";

/** Reads a file's bytes; injected so tests need no disk. */
export type ReadPolicyFile = (path: string) => Promise<Buffer | string>;

/**
 * Reads a policy from disk: a regular file of at most POLICY_CAP (a FIFO or device would block or
 * never end; YAML parsing grows much faster than the file), else a UserError saying what to do.
 */
export const readPolicyFromDisk: ReadPolicyFile = (path) => readRegularFile(path, `policy file ${path}`, POLICY_CAP);

/** readPolicyFromDisk with relative paths taken from `cwd` (messages keep the path as given). */
export function readPolicyIn(cwd: string): ReadPolicyFile {
  return (path) => readRegularFile(resolve(cwd, path), `policy file ${path}`, POLICY_CAP);
}

const MAX_PROBLEMS = 200;

/**
 * Reads, parses and validates the policy at `file`. Throws a UserError naming the file when it
 * cannot be read, and one UserError carrying every problem when it is not a valid policy.
 */
export async function loadPolicy(file: string, readFile: ReadPolicyFile = readPolicyFromDisk): Promise<Policy> {
  let content: Buffer | string;
  try {
    content = await readFile(file);
  } catch (err) {
    throw err instanceof UserError ? err : unreadable(file, err);
  }
  const size = Buffer.byteLength(content);
  if (size > POLICY_CAP.maxBytes) throw tooLargeError(`policy file ${file}`, size, POLICY_CAP);
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  let text: string;
  if (typeof content === "string") {
    text = content.replace(/^\uFEFF/, "");
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(content);
    } catch (err) {
      throw new UserError(
        `policy file ${file} is not UTF-8 text`,
        [{ file, message: "the file is not valid UTF-8", hint: "save the policy as UTF-8 YAML or JSON" }],
        { cause: err },
      );
    }
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return parsePolicy(file, text, sha256);
}

/** Parses and validates policy text; `file` is used for positions and messages only. */
export function parsePolicy(file: string, text: string, sha256: string): Policy {
  const style: Style = extname(file).toLowerCase() === ".json" ? "json" : "yaml";
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, stringKeys: true });
  const source = new SourceMap(file, doc, lines, style);

  const syntax = syntaxProblems(source);
  if (syntax.length > 0) throw invalid(file, syntax);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw invalid(file, aliasProblems(source, err), err);
  }

  const problems = [
    ...(validatePolicy(data) ? [] : schemaProblems(source, data, validatePolicy.errors ?? [])),
    // Checks a schema cannot express.
    ...(isRecord(data) ? [...targetProblems(source, data), ...waiverProblems(source, data)] : []),
  ];
  if (problems.length > 0) throw invalid(file, problems);
  return buildPolicy(source, data as RawPolicy, sha256);
}

function unreadable(file: string, err: unknown): UserError {
  const code = (err as { code?: unknown } | null)?.code;
  const [what, hint] =
    code === "ENOENT"
      ? ["does not exist", "check the path given to --policy (without --policy, haspec.yaml is looked for in the working directory and its parents)"]
      : code === "EISDIR"
        ? ["is a directory", "pass the policy file itself, e.g. --policy policies/aurora-production.yaml"]
        : code === "EACCES" || code === "EPERM"
          ? ["cannot be read (permission denied)", "make the file readable by this user"]
          : [`cannot be read (${err instanceof Error ? err.message : String(err)})`, "check the path given to --policy"];
  return new UserError(`policy file ${file} ${what}`, [{ file, message: `the file ${what}`, hint }], { cause: err });
}

function invalid(file: string, problems: Problem[], cause?: unknown): UserError {
  const list = sortAndDedupe(problems);
  return new UserError(
    `policy file ${file} is invalid (${list.length} problem${list.length === 1 ? "" : "s"})`,
    list.slice(0, MAX_PROBLEMS),
    cause === undefined ? undefined : { cause },
  );
}

function sortAndDedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique: Problem[] = [];
  for (const p of problems) {
    const key = `${p.line ?? 0}:${p.column ?? 0}:${p.path ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  return unique.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
