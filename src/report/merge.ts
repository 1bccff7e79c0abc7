// `haspec report merge`: JSON reports of sharded runs (one per account or region) combined into one report input.
import type { PolicyRef, ReportInput, ResourceRef, Result, Summary } from "../engine/result.js";
import { UserError } from "../errors.js";
import type { Evidence, MessageData, Remedy, ResultStatus, RuleInfo, RuleStatus } from "../rules/types.js";
import { jsonErrorOffset, lineColumn } from "../sources/json-position.js";
import type { Severity, Waiver } from "../spec/policy.js";

/** A JSON report as read from disk. */
export interface ReportFile {
  readonly path: string;
  readonly text: string;
}

type Json = Record<string, unknown>;

const STATUSES: readonly ResultStatus[] = ["pass", "fail", "unknown", "waived", "not_applicable"];

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function notAReport(path: string, why: string): UserError {
  return new UserError(`${path} is not a haspec JSON report (${why}); write one with \`haspec check … --format json\``, [
    { file: path, message: why },
  ]);
}

function parse(file: ReportFile): Json {
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (cause) {
    const offset = jsonErrorOffset(file.text) ?? 0;
    const { line, column } = lineColumn(file.text, offset);
    const message = offset >= file.text.length ? "invalid JSON: the text ends too early" : "invalid JSON";
    throw new UserError(`${file.path}:${line}:${column}: ${message}`, [{ file: file.path, line, column, message }], { cause });
  }
  if (!isObject(data)) throw notAReport(file.path, "the top level is not an object");
  const tool = data.tool;
  if (!isObject(tool) || tool.name !== "haspec" || typeof tool.version !== "string")
    throw notAReport(file.path, 'no "tool": {"name": "haspec", "version": …}');
  if (!Array.isArray(data.results)) throw notAReport(file.path, 'no "results" array');
  if (!isObject(data.summary)) throw notAReport(file.path, 'no "summary" object');
  if (!Array.isArray(data.sources)) throw notAReport(file.path, 'no "sources" array');
  return data;
}

interface ParsedPolicy {
  readonly name: string;
  readonly file: string;
  readonly sha256: string;
}

function policiesOf(path: string, report: Json): ParsedPolicy[] {
  const list = Array.isArray(report.policies) ? report.policies : report.policy === null ? [] : [report.policy];
  return list.map((p) => {
    if (!isObject(p) || typeof p.name !== "string" || typeof p.sha256 !== "string")
      throw notAReport(path, "a policy without a name and sha256");
    return { name: p.name, file: typeof p.file === "string" ? p.file : "", sha256: p.sha256 };
  });
}

function policyKey(policies: readonly ParsedPolicy[]): string {
  return [...new Set(policies.map((p) => `${p.name}@${p.sha256}`))].sort().join(", ") || "(no policy)";
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** `file:line:column` back into a position; the file may itself contain colons. */
function policyPosition(v: unknown): Result["policyPosition"] {
  if (typeof v !== "string") return undefined;
  const m = /^(.*):(\d+):(\d+)$/.exec(v);
  return m ? { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } : undefined;
}

function toResult(path: string, index: number, raw: unknown, defaultPolicy: string, resources: Map<string, ResourceRef>): Result {
  if (!isObject(raw) || !isObject(raw.resource) || typeof raw.rule !== "string" || !STATUSES.includes(raw.status as ResultStatus))
    throw notAReport(path, `results[${index}] is not a haspec result`);
  const res = raw.resource;
  const address = String(res.address ?? res.id);
  let resource = resources.get(address);
  if (!resource) {
    resource = {
      id: String(res.id),
      kind: res.kind as ResourceRef["kind"],
      engine: String(res.engine ?? ""),
      region: typeof res.region === "string" ? res.region : null,
      account: typeof res.account === "string" ? res.account : null,
      address,
      ...(isObject(res.location) ? { location: res.location as unknown as NonNullable<ResourceRef["location"]> } : {}),
    };
    resources.set(address, resource);
  }
  const reason = typeof raw.reason === "string" ? raw.reason : undefined;
  const w = raw.waiver;
  const waived =
    isObject(w) && raw.status === "waived"
      ? {
          status: w.status as RuleStatus,
          waiver: {
            resource: String(w.resource ?? resource.id),
            rules: [raw.rule],
            // The JSON report carries the waiver's reason as the result's reason.
            reason: reason ?? "",
            expires: String(w.expires ?? ""),
            ...(typeof w.approved_by === "string" ? { approvedBy: w.approved_by } : {}),
          } satisfies Waiver,
        }
      : undefined;
  return {
    policy: typeof raw.policy === "string" ? raw.policy : defaultPolicy,
    target: String(raw.target ?? ""),
    resource,
    rule: raw.rule,
    status: raw.status as ResultStatus,
    severity: raw.severity as Severity,
    expected: raw.expected,
    actual: raw.actual,
    message: String(raw.message ?? ""),
    messageId: typeof raw.messageId === "string" ? raw.messageId : undefined,
    data: isObject(raw.data) ? (raw.data as MessageData) : undefined,
    reason,
    remedies: Array.isArray(raw.fix) ? (raw.fix as Remedy[]) : undefined,
    evidence: Array.isArray(raw.evidence) ? (raw.evidence as Evidence[]) : undefined,
    // The JSON report does not carry the text report's diff line.
    diff: undefined,
    waived,
    ...(isObject(raw.location) && typeof raw.location.file === "string"
      ? { location: { source: "app-config", file: raw.location.file, ...(typeof raw.location.line === "number" ? { line: raw.location.line } : {}) } }
      : {}),
    policyPosition: policyPosition(raw.policyLocation),
  };
}

function expiredWaiver(raw: unknown): (Waiver & { policy?: string }) | undefined {
  if (!isObject(raw) || typeof raw.resource !== "string") return undefined;
  return {
    ...(typeof raw.policy === "string" ? { policy: raw.policy } : {}),
    resource: raw.resource,
    rules: strings(raw.rules),
    reason: String(raw.reason ?? ""),
    expires: String(raw.expires ?? ""),
    ...(typeof raw.approved_by === "string" ? { approvedBy: raw.approved_by } : {}),
  };
}

/** What makes two results of the same (policy, target, resource, rule) the same judgement; wording may differ between versions. */
function judgement(r: Result): string {
  return JSON.stringify([r.status, r.severity, r.expected ?? null, r.actual ?? null]);
}

function conflict(first: { path: string; result: Result }, path: string, r: Result): UserError {
  const what = `${r.resource.address}: ${r.rule} (policy ${r.policy}, target ${r.target})`;
  const said = (x: Result) => `${x.status}, actual ${JSON.stringify(x.actual ?? null)}`;
  return new UserError(
    `${what} was judged differently by two shards: ${first.path} says ${said(first.result)}, ${path} says ${said(r)}; ` +
      "merge the reports of one run whose shards do not overlap, or rerun the overlapping shards from the same data",
    [
      { file: first.path, message: `${what}: ${said(first.result)}` },
      { file: path, message: `${what}: ${said(r)}` },
    ],
  );
}

/**
 * Combines JSON reports written by `haspec check --format json` into one report input that any
 * renderer accepts. Results keep their order (by file, then as written); a result for a (policy,
 * target, resource, rule) already merged is dropped when it is the same judgement (the same shard
 * given twice, or overlapping shards), and is an error naming both files when it is not. Sources,
 * notes, gaps and expired waivers are deduplicated; counts are those of the kept results, resources
 * counted once per address.
 * Throws a UserError naming the file for invalid JSON (with file:line:column), for files that are
 * not haspec reports, for reports of different policy versions or tool major versions, and for
 * shards that disagree on a result.
 */
export function mergeReports(files: readonly ReportFile[]): ReportInput {
  if (files.length === 0) throw new UserError("report merge needs at least one JSON report written by `haspec check --format json`");
  const parsed = files.map((f) => ({ path: f.path, report: parse(f) }));

  const first = parsed[0]!;
  const firstPolicies = policiesOf(first.path, first.report);
  const firstKey = policyKey(firstPolicies);
  const firstMajor = String((first.report.tool as Json).version).split(".")[0];
  for (const { path, report } of parsed.slice(1)) {
    const key = policyKey(policiesOf(path, report));
    if (key !== firstKey) {
      throw new UserError(
        `mixed policy versions: ${first.path} has ${firstKey}, ${path} has ${key}; merge only reports of runs with the same policy files`,
        [{ file: path, message: `policy ${key} differs from ${first.path}'s ${firstKey}` }],
      );
    }
    const version = String((report.tool as Json).version);
    if (version.split(".")[0] !== firstMajor) {
      const firstVersion = String((first.report.tool as Json).version);
      throw new UserError(
        `mixed haspec major versions: ${first.path} was written by haspec ${firstVersion}, ${path} by haspec ${version}; rerun the shards with one version`,
        [{ file: path, message: `haspec ${version} differs from ${firstVersion}` }],
      );
    }
  }

  const results: Result[] = [];
  const resources = new Map<string, ResourceRef>();
  const sources = new Map<string, { kind: string; location: string }>();
  const notes = new Set<string>();
  const gaps = new Set<string>();
  const rules = new Map<string, RuleInfo>();
  const expired = new Map<string, Waiver & { policy?: string }>();
  const summary: Summary = { resources: 0, pass: 0, fail: 0, unknown: 0, waived: 0, not_applicable: 0 };
  let generatedAt = "";
  let capturedAt: string | undefined;
  const defaultPolicy = firstPolicies[0]?.name ?? "";

  const seen = new Map<string, { path: string; result: Result }>();
  for (const { path, report } of parsed) {
    (report.results as unknown[]).forEach((raw, i) => {
      const r = toResult(path, i, raw, defaultPolicy, resources);
      const key = JSON.stringify([r.policy, r.target, r.resource.address, r.rule]);
      const before = seen.get(key);
      if (before === undefined) {
        seen.set(key, { path, result: r });
        results.push(r);
        summary[r.status] += 1;
      } else if (judgement(before.result) !== judgement(r)) {
        throw conflict(before, path, r);
      }
    });
    for (const s of report.sources as unknown[]) {
      if (isObject(s)) sources.set(JSON.stringify([s.kind, s.location]), { kind: String(s.kind), location: String(s.location) });
    }
    for (const n of strings(report.notes)) notes.add(n);
    for (const g of strings(report.gaps)) gaps.add(g);
    for (const rule of Array.isArray(report.rules) ? report.rules : []) {
      if (isObject(rule) && typeof rule.id === "string" && !rules.has(rule.id)) rules.set(rule.id, rule as unknown as RuleInfo);
    }
    for (const raw of Array.isArray(report.expiredWaivers) ? report.expiredWaivers : []) {
      const w = expiredWaiver(raw);
      if (w) expired.set(JSON.stringify([w.policy, w.resource, w.rules, w.reason, w.expires, w.approvedBy]), w);
    }
    const at = typeof report.generatedAt === "string" ? report.generatedAt : "";
    if (at > generatedAt) generatedAt = at;
    // The earliest capture of the shards: the merged report is at least that old.
    if (typeof report.capturedAt === "string" && (capturedAt === undefined || report.capturedAt < capturedAt)) capturedAt = report.capturedAt;
  }
  summary.resources = resources.size;

  const policies: PolicyRef[] = firstPolicies.map((p, i) => ({
    name: p.name,
    file: p.file,
    sha256: p.sha256,
    expiredWaivers: [...expired.values()]
      .filter((w) => (w.policy === undefined ? i === 0 : w.policy === p.name))
      .map(({ policy: _policy, ...w }) => w),
  }));

  return {
    generatedAt,
    ...(capturedAt !== undefined ? { capturedAt } : {}),
    policies,
    sources: [...sources.values()],
    notes: [...notes],
    gaps: [...gaps],
    rules: [...rules.values()],
    results,
    summary: () => summary,
  };
}
