// The JSON report of SPEC-v1 §3: deterministic key order, one result per (target, resource, rule).
import { reportInput, type Evaluation, type ReportInput, type Result, type RunInfo } from "../engine/result.js";
import { VERSION } from "../version.js";

type ResourceRef = Result["resource"];
type Remedy = NonNullable<Result["remedies"]>[number];

/**
 * SPEC-v1 §3's `fix`: the remedies, each with its `kind`, where a reshaped cluster's member changes
 * (tiers, classes) stand as attribute changes of their own, `{attribute, from, to}` as SPEC shows,
 * followed by what is left of the reshaping (the readers to add), when anything is.
 */
function fixEntries(remedies: readonly Remedy[]): readonly Remedy[] {
  return remedies.flatMap((r): readonly Remedy[] => {
    if (r.kind !== "change-topology" || r.set === undefined) return [r];
    const { set, ...rest } = r;
    const needsReaders = rest.readers !== undefined || rest.azs !== undefined || rest.outsideWriterAz !== undefined || rest.targetOtherAz !== undefined || rest.maxTier !== undefined;
    return needsReaders ? [...set, rest] : set;
  });
}

const DATABASE_KINDS: ReadonlySet<string> = new Set(["aurora-cluster", "multi-az-cluster", "instance"]);

function resourceJson(ref: ResourceRef): Record<string, unknown> {
  const { id, kind, engine, region, account, address, location } = ref;
  // An application has no engine (SPEC §7.1: null), nor has the application tier (SPEC §9).
  return { id, kind, engine: engine === "" && !DATABASE_KINDS.has(kind) ? null : engine, region, account, address, location: location?.file ? location : undefined };
}

/** Everything of a result but its resource; keys whose value is undefined are left out by JSON.stringify. */
function resultFields(r: Result, withPolicy: boolean): Record<string, unknown> {
  const waiver = r.waived?.waiver;
  return {
    policy: withPolicy ? r.policy : undefined,
    target: r.target,
    rule: r.rule,
    status: r.status,
    severity: r.severity,
    expected: r.expected,
    actual: r.actual,
    message: r.message,
    // Additions to SPEC-v1 §3: the template the message was rendered from and its data, for tools that match on them.
    messageId: r.messageId,
    data: r.data,
    reason: r.reason,
    fix: r.remedies && fixEntries(r.remedies),
    waiver: waiver && {
      status: r.waived?.status,
      resource: waiver.resource,
      expires: waiver.expires,
      approved_by: waiver.approvedBy,
    },
    evidence: r.evidence,
    // SPEC §7.2: the deciding setting's place, when it is not the resource's own.
    location: r.location?.file ? { file: r.location.file, ...(r.location.line !== undefined ? { line: r.location.line } : {}) } : undefined,
    policyLocation: r.policyPosition && `${r.policyPosition.file}:${r.policyPosition.line}:${r.policyPosition.column}`,
  };
}

function resultJson(r: Result, withPolicy: boolean): Record<string, unknown> {
  return { resource: resourceJson(r.resource), ...resultFields(r, withPolicy) };
}

/**
 * One result as a JSON line. A resource appears in one result per rule, so its JSON is
 * serialised once and spliced in front of the rest.
 */
function resultLine(r: Result, withPolicy: boolean, resources: WeakMap<ResourceRef, string>): string {
  let resource = resources.get(r.resource);
  if (resource === undefined) resources.set(r.resource, (resource = JSON.stringify(resourceJson(r.resource))));
  return `{"resource":${resource},${JSON.stringify(resultFields(r, withPolicy)).slice(1)}`;
}

type PolicyRef = Pick<ReportInput["policies"][number], "name" | "file" | "sha256">;

function policyJson(p: PolicyRef): Record<string, unknown> {
  return { name: p.name, file: p.file, sha256: p.sha256 };
}

/** What a report's head is made of; the simulation report (simulation-json.ts) has the same head. */
export type ReportHead = Pick<RunInfo, "generatedAt" | "capturedAt" | "sources"> & { readonly policies: readonly PolicyRef[] };

/** The keys before `results`: all known before judging starts (tool, generatedAt, capturedAt, policy, sources). */
export function headJson(ev: ReportHead): Record<string, unknown> {
  const [first] = ev.policies;
  return {
    tool: { name: "haspec", version: VERSION },
    generatedAt: ev.generatedAt,
    capturedAt: ev.capturedAt,
    policy: first ? policyJson(first) : null,
    policies: ev.policies.length > 1 ? ev.policies.map(policyJson) : undefined,
    sources: ev.sources,
  };
}

/** The keys after `results`: the summary is complete only once every result is out. */
function tailJson(ev: ReportInput): Record<string, unknown> {
  const many = ev.policies.length > 1;
  return {
    summary: ev.summary(),
    expiredWaivers: ev.policies.flatMap((p) =>
      p.expiredWaivers.map((w) => ({
        policy: many ? p.name : undefined,
        resource: w.resource,
        rules: w.rules,
        reason: w.reason,
        expires: w.expires,
        approved_by: w.approvedBy,
      })),
    ),
    notes: ev.notes,
    gaps: ev.gaps.length > 0 ? ev.gaps : undefined,
    // What the rules say of themselves, so a merged report still has titles, fix hints and controls.
    rules: ev.rules,
  };
}

/** The report as a plain object (the SPEC-v1 §3 shape plus additive fields). */
export function jsonReport(ev: Evaluation): Record<string, unknown> {
  const input = reportInput(ev);
  const many = ev.policies.length > 1;
  return { ...headJson(input), results: ev.results.map((r) => resultJson(r, many)), ...tailJson(input) };
}

/** The whole report as one string (what `jsonChunks` streams). */
export function renderJson(ev: Evaluation): string {
  return [...jsonChunks(reportInput(ev))].join("");
}

/**
 * The report in pieces: pretty-printed, with one result per line inside `results` so reports diff
 * line by line. Results are written as they are judged; the summary follows them.
 */
export function* jsonChunks(ev: ReportInput): Generator<string> {
  const many = ev.policies.length > 1;
  const head = JSON.stringify(headJson(ev), null, 2);
  yield `${head.slice(0, head.length - 2)},\n  "results": [`;
  const resources = new WeakMap<ResourceRef, string>();
  let first = true;
  for (const r of ev.results) {
    yield `${first ? "\n" : ",\n"}    ${resultLine(r, many, resources)}`;
    first = false;
  }
  yield first ? "],\n" : "\n  ],\n";
  yield `${JSON.stringify(tailJson(ev), null, 2).slice(2)}\n`;
}
