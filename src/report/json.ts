// The JSON report of SPEC-v1 §3: deterministic key order, one result per (target, resource, rule).
import type { Evaluation, Result } from "../engine/result.js";
import { VERSION } from "../version.js";

type ResourceRef = Result["resource"];

function resourceJson(ref: ResourceRef): Record<string, unknown> {
  const { id, kind, engine, region, account, address, location } = ref;
  return { id, kind, engine, region, account, address, location: location?.file ? location : undefined };
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
    reason: r.reason,
    fix: r.fix,
    waiver: waiver && {
      status: r.waived?.status,
      resource: waiver.resource,
      expires: waiver.expires,
      approved_by: waiver.approvedBy,
    },
    evidence: r.evidence,
    policyLocation: r.policyPosition,
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

/** The report as a plain object (the SPEC-v1 §3 shape plus additive fields). */
export function jsonReport(ev: Evaluation, withResults = true): Record<string, unknown> {
  const many = ev.policies.length > 1;
  const [first] = ev.policies;
  const policyJson = (p: (typeof ev.policies)[number]) => ({ name: p.name, file: p.file, sha256: p.sha256 });
  const expired = ev.policies.flatMap((p) =>
    p.expiredWaivers.map((w) => ({
      ...(many ? { policy: p.name } : {}),
      resource: w.resource,
      rules: w.rules,
      reason: w.reason,
      expires: w.expires,
      ...(w.approvedBy ? { approved_by: w.approvedBy } : {}),
    })),
  );
  return {
    tool: { name: "haspec", version: VERSION },
    generatedAt: ev.generatedAt,
    policy: first ? policyJson(first) : null,
    ...(many ? { policies: ev.policies.map(policyJson) } : {}),
    sources: ev.sources,
    summary: ev.summary,
    results: withResults ? ev.results.map((r) => resultJson(r, many)) : [],
    expiredWaivers: expired,
    notes: ev.notes,
  };
}

/** The whole report as one string (what `jsonChunks` streams). */
export function renderJson(ev: Evaluation): string {
  return [...jsonChunks(ev)].join("");
}

const RESULTS_SLOT = "@@haspec-results@@";

/**
 * The report in pieces: a pretty-printed envelope with one result per line inside `results`, so a
 * report diffs line by line and a 10,000-cluster fleet never needs one string of all results.
 */
export function* jsonChunks(ev: Evaluation): Generator<string> {
  const many = ev.policies.length > 1;
  const envelope = JSON.stringify({ ...jsonReport(ev, false), results: RESULTS_SLOT }, null, 2);
  const [head, tail] = envelope.split(`"${RESULTS_SLOT}"`) as [string, string];
  if (ev.results.length === 0) {
    yield `${head}[]${tail}\n`;
    return;
  }
  yield `${head}[\n`;
  const resources = new WeakMap<ResourceRef, string>();
  let first = true;
  for (const r of ev.results) {
    yield `${first ? "" : ",\n"}    ${resultLine(r, many, resources)}`;
    first = false;
  }
  yield `\n  ]${tail}\n`;
}
