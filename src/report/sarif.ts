// The SARIF 2.1.0 report, for GitHub code scanning: one rule descriptor per rule used, a result per finding.
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { reportInput, type Evaluation, type ReportInput, type Result } from "../engine/result.js";
import { describeRemedy } from "../rules/remedy.js";
import type { RuleInfo } from "../rules/types.js";
import type { Severity } from "../spec/policy.js";
import { VERSION } from "../version.js";
import { printable } from "./outside-text.js";

type Level = "error" | "warning" | "note";

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const LEVEL: Record<Severity, Level> = { critical: "error", high: "error", medium: "warning", low: "note" };

/**
 * An unknown is not a pass, so it is reported, but it is not a proven violation either: it gets
 * the rule's level capped at "warning" (low stays "note"), and a message saying it cannot be judged.
 */
const UNKNOWN_LEVEL: Record<Severity, Level> = { critical: "warning", high: "warning", medium: "warning", low: "note" };

/** Sources whose locations are files a pull request changes; findings on live data point at the policy line. */
const IAC_SOURCES = new Set(["hcl", "plan", "state", "cdktf", "app-config"]);

/** `multi_az.min_azs` → `MultiAzMinAzs`: SARIF's `name` is an identifier, the id keeps its dots. */
function ruleName(id: string): string {
  return id
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** A file path as a SARIF URI reference: forward slashes, relative when it was relative. */
export function artifactUri(file: string): string {
  const path = file.replace(/\\/g, "/");
  if (/^([A-Za-z]:)?\//.test(path)) return pathToFileURL(file).href;
  return encodeURI(path).replace(/[?#]/g, (c) => encodeURIComponent(c));
}

/** The fix of a result in one line: one part per remedy, or the rule's hint (from the evaluation's rules). */
export function fixText(r: Result, rules: readonly RuleInfo[]): string {
  if (r.remedies && r.remedies.length > 0) return r.remedies.map(describeRemedy).join("; ");
  return rules.find((x) => x.id === r.rule)?.fixHint ?? "";
}

/** Stable across runs: the identity of a finding, not its values. */
export function fingerprint(r: Result): string {
  return createHash("sha256").update([r.policy, r.target, r.resource.address, r.rule].join("\u0000")).digest("hex");
}

/**
 * Severity is set per policy target, not per rule, so a descriptor's default level is that of the
 * most severe target the rule was reported under in this run; each result carries its own level.
 */
function ruleDescriptor(id: string, rule: RuleInfo | undefined, severity: Severity): Record<string, unknown> {
  const tags = (rule?.controls ?? []).map((c) => `${c.framework}:${c.id}`);
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: rule?.title ?? id },
    fullDescription: rule ? { text: rule.why } : undefined,
    help: rule ? { text: rule.fixHint } : undefined,
    defaultConfiguration: { level: LEVEL[severity] },
    properties: tags.length > 0 ? { tags } : undefined,
  };
}

function levelOf(r: Result): Level {
  const judged = r.status === "waived" ? r.waived?.status : r.status;
  return judged === "unknown" ? UNKNOWN_LEVEL[r.severity] : LEVEL[r.severity];
}

/** The text code scanning shows: printable, so an identifier it quotes cannot reorder or hide the line. */
function messageOf(r: Result, rules: readonly RuleInfo[]): string {
  if (r.status === "unknown") return printable(`Cannot be judged: ${r.reason ?? r.message}`);
  if (r.status === "waived") {
    const was = r.waived?.status === "unknown" ? `cannot be judged (${r.message})` : r.message;
    return printable(`Waived: ${was}`);
  }
  const fix = r.remedies && r.remedies.length > 0 ? ` Fix: ${fixText(r, rules)}.` : "";
  return printable(`${r.message}${fix}`);
}

function locationsOf(r: Result): Record<string, unknown>[] {
  // A result's own place (an application's setting) before its resource's.
  const loc = r.location?.file ? r.location : r.resource.location;
  const logicalLocations = [{ fullyQualifiedName: r.resource.address, kind: "resource" }];
  let physicalLocation: Record<string, unknown> | undefined;
  if (loc?.file && IAC_SOURCES.has(loc.source)) {
    // cdktf locations name the JSON path after `#`; the file is what code scanning can show.
    const file = loc.source === "cdktf" ? loc.file.replace(/#.*$/, "") : loc.file;
    physicalLocation = {
      artifactLocation: { uri: artifactUri(file) },
      region: loc.line ? { startLine: loc.line, startColumn: loc.column } : undefined,
    };
  } else if (r.policyPosition) {
    physicalLocation = {
      artifactLocation: { uri: artifactUri(r.policyPosition.file) },
      region: { startLine: r.policyPosition.line, startColumn: r.policyPosition.column },
    };
  }
  return [{ physicalLocation, logicalLocations }];
}

function resultJson(r: Result, ruleIndex: number, rules: readonly RuleInfo[]): Record<string, unknown> {
  const waiver = r.waived?.waiver;
  return {
    ruleId: r.rule,
    ruleIndex,
    level: levelOf(r),
    message: { text: messageOf(r, rules) },
    locations: locationsOf(r),
    partialFingerprints: { "haspec/v1": fingerprint(r) },
    suppressions: waiver
      ? [
          {
            kind: "external",
            status: "accepted",
            justification: printable(waiver.reason),
            properties: { expires: waiver.expires, approvedBy: waiver.approvedBy },
          },
        ]
      : undefined,
    properties: {
      policy: r.policy,
      target: r.target,
      status: r.status,
      severity: r.severity,
      expected: r.expected,
      actual: r.actual,
      reason: r.reason,
      fix: r.remedies,
    },
  };
}

/** Only these statuses become SARIF results: pass and not_applicable are not findings. */
function reported(r: Result): boolean {
  return r.status === "fail" || r.status === "unknown" || r.status === "waived";
}

/**
 * The SARIF log as one JSON document. The rule table precedes the results, so results are
 * collected first. No timestamp is written: the output is byte-stable for the same input. The
 * run's notes are the invocation's notifications.
 */
export function* sarifChunks(ev: ReportInput): Generator<string> {
  const results = [...ev.results].filter(reported);
  const used = new Set(results.map((r) => r.rule));
  const known = new Map(ev.rules.map((r) => [r.id, r]));
  const ruleIds = [...ev.rules.map((r) => r.id).filter((id) => used.has(id)), ...[...used].filter((id) => !known.has(id)).sort()];
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const severity = new Map<string, Severity>();
  for (const r of results) {
    const seen = severity.get(r.rule);
    if (!seen || SEVERITY_RANK[r.severity] < SEVERITY_RANK[seen]) severity.set(r.rule, r.severity);
  }
  const log = {
    $schema: "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "haspec", version: VERSION, semanticVersion: VERSION, rules: ruleIds.map((id) => ruleDescriptor(id, known.get(id), severity.get(id)!)) } },
        results: results.map((r) => resultJson(r, index.get(r.rule)!, ev.rules)),
        // What was skipped or judged nothing (a target that selects no resource): not findings, but not to be lost.
        invocations: ev.notes.length > 0 ? [{ executionSuccessful: true, toolExecutionNotifications: ev.notes.map((n) => ({ level: "note", message: { text: n } })) }] : undefined,
        columnKind: "unicodeCodePoints",
        properties: {
          policies: ev.policies.map((p) => ({ name: p.name, file: p.file, sha256: p.sha256 })),
          summary: ev.summary(),
        },
      },
    ],
  };
  yield `${JSON.stringify(log, null, 2)}\n`;
}

/** The SARIF log as a string (tests and callers holding a finished evaluation). */
export function renderSarif(ev: Evaluation): string {
  return [...sarifChunks(reportInput(ev))].join("");
}
