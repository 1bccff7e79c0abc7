// The JSON report of SPEC-v1 §3: deterministic key order, one result per (target, resource, rule).
import type { Evaluation, Result } from "../engine/result.js";
import { VERSION } from "../version.js";

function resultJson(r: Result, withPolicy: boolean): Record<string, unknown> {
  const { id, kind, engine, region, account, address, location } = r.resource;
  return {
    resource: { id, kind, engine, region, account, address, ...(location?.file ? { location } : {}) },
    ...(withPolicy ? { policy: r.policy } : {}),
    target: r.target,
    rule: r.rule,
    status: r.status,
    severity: r.severity,
    expected: r.expected,
    actual: r.actual,
    message: r.message,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(r.fix ? { fix: r.fix } : {}),
    ...(r.waived
      ? {
          waiver: {
            status: r.waived.status,
            resource: r.waived.waiver.resource,
            expires: r.waived.waiver.expires,
            ...(r.waived.waiver.approvedBy ? { approved_by: r.waived.waiver.approvedBy } : {}),
          },
        }
      : {}),
    ...(r.evidence ? { evidence: r.evidence } : {}),
    ...(r.policyPosition ? { policyLocation: r.policyPosition } : {}),
  };
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
 * The report in pieces, byte-identical to `JSON.stringify(report, null, 2)`: the envelope, then
 * one result at a time, so a 10,000-cluster fleet never needs a single string of all results.
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
  let first = true;
  for (const r of ev.results) {
    const item = JSON.stringify(resultJson(r, many), null, 2).replaceAll("\n", "\n    ");
    yield `${first ? "" : ",\n"}    ${item}`;
    first = false;
  }
  yield `\n  ]${tail}\n`;
}
