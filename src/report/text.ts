// The text report in Terraform's vocabulary: a block per resource, `~ attr = actual -> expected`, a legend, a summary line.
import { diffSubject as lineSubject, diffValue as lineValue, reportInput, resultPlace, type Evaluation, type ReportInput, type Result, type Summary } from "../engine/result.js";
import type { ResultStatus } from "../rules/types.js";
import { printable } from "./outside-text.js";
import { PLAIN, type Style } from "./style.js";

const SYMBOL: Partial<Record<ResultStatus, string>> = { fail: "~", unknown: "?", waived: "!" };
const LEGEND: Partial<Record<ResultStatus, string>> = {
  fail: "violates the policy: change the attribute as shown",
  unknown: "cannot be judged from the inputs (reason below); not a pass",
  waived: "violation or unknown covered by a waiver in the policy",
};
const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** The application tier's kinds in Terraform's vocabulary (a Classic load balancer is an aws_elb, shown as aws_lb too). */
const COMPUTE_TYPES = { "autoscaling-group": "aws_autoscaling_group", "load-balancer": "aws_lb", "ec2-instance": "aws_instance" } as const;

/** The Terraform type a resource is shown as: the one its Terraform address names, else the one its kind (or ARN) implies. */
function terraformType(r: Result["resource"]): string {
  if (r.kind === "application") return "application"; // its address is a path
  const fromAddress = /(?:^|\.)(aws_[a-z0-9_]+)\.[^.[]+(?:\[[^\]]*\])?$/.exec(r.address)?.[1];
  if (fromAddress !== undefined) return fromAddress;
  // A Classic load balancer's ARN has no app/, net/ or gwy/ part.
  if (r.kind === "load-balancer" && /:loadbalancer\/(?!(?:app|net|gwy)\/)/.test(r.address)) return "aws_elb";
  if (r.kind in COMPUTE_TYPES) return COMPUTE_TYPES[r.kind as keyof typeof COMPUTE_TYPES];
  return r.kind === "instance" ? "aws_db_instance" : "aws_rds_cluster";
}

/** The name shown after the type: the resource's id, without the type when the id already is an address of it (an instance not yet created). */
function shownName(r: Result["resource"], type: string): string {
  return r.id.startsWith(`${type}.`) ? r.id.slice(type.length + 1) : r.id;
}

function colourFor(style: Style, status: ResultStatus): (s: string) => string {
  return status === "fail" ? style.fail : status === "unknown" ? style.unknown : status === "waived" ? style.waived : (s) => s;
}

export interface TextOptions {
  readonly style?: Style;
}

/** Renders the evaluation; only resources with something to report get a block. */
export function renderText(ev: Evaluation, options: TextOptions = {}): string {
  return [...textChunks(reportInput(ev), options)].join("");
}

/**
 * One resource's block: its results that are neither pass nor not applicable. Every value from the
 * inputs or the policy (identifiers, file names, messages that quote them) goes through printable,
 * so no line break, escape sequence or bidi override of theirs reaches the terminal or the CI log.
 */
function* resourceBlock(results: readonly Result[], multiPolicy: boolean, style: Style): Generator<string> {
  const res = results[0]!.resource;
  const targets = [...new Set(results.map((r) => printable(multiPolicy ? `${r.policy}/${r.target}` : r.target)))];
  const worst = results.reduce((a, r) => (SEVERITY_RANK[r.severity] < SEVERITY_RANK[a.severity] ? r : a)).severity;
  const where = printable([res.kind, res.engine, res.region, res.account].filter(Boolean).join(", "));
  const location = res.location?.file ? ` at ${printable([res.location.file, res.location.line].filter((x) => x !== undefined).join(":"))}` : "";
  const type = terraformType(res);
  const id = printable(shownName(res, type));
  yield `${style.bold(`  # ${type}.${id} (${where})${location}`)}\n`;
  yield `${style.dim(`  # ${printable(res.address)}; target${targets.length > 1 ? "s" : ""} ${targets.join(", ")}; severity ${printable(worst)}`)}\n`;
  yield `  ${style.fail("~")} resource "${type}" "${id}" {\n`;
  const subjects = results.map((r) => printable(lineSubject(r)));
  const width = Math.max(...subjects.map((s) => s.length));
  for (const [i, r] of results.entries()) {
    const symbol = colourFor(style, r.status)(SYMBOL[r.status] ?? " ");
    const value = printable(lineValue(r));
    const ruleTag = style.dim(`# ${printable(r.rule)}${targets.length > 1 ? ` [${printable(r.target)}]` : ""}`);
    yield `      ${symbol} ${subjects[i]!.padEnd(width)}${value ? ` = ${value}` : "  "}  ${ruleTag}\n`;
    const explanation =
      r.status === "waived"
        ? `waived${r.waived ? ` (${r.waived.status})` : ""}: ${r.reason}; expires ${r.waived?.waiver.expires}` +
          (r.waived?.waiver.approvedBy ? `, approved by ${r.waived.waiver.approvedBy}` : "")
        : r.message + resultPlace(r);
    yield `${style.dim(`          ${printable(explanation)}`)}\n`;
  }
  yield "    }\n\n";
}

/**
 * The text report as a stream of lines, written as results are judged: the engine yields each
 * resource's results together, so a block is complete when the next resource starts.
 */
export function* textChunks(ev: ReportInput, options: TextOptions = {}): Generator<string> {
  const style = options.style ?? PLAIN;
  const multiPolicy = ev.policies.length > 1;
  const policyNames = printable(ev.policies.map((p) => `${p.name} (${p.file})`).join(", "));
  const inputs = printable(ev.sources.map(sourceLabel).join(", "));
  yield `${style.bold(`haspec: policy ${policyNames}`)}\n`;
  yield `Inputs: ${inputs || "(none)"}\n\n`;

  const used = new Set<ResultStatus>();
  let current: Result["resource"] | undefined;
  let pending: Result[] = [];
  for (const r of ev.results) {
    if (r.resource !== current) {
      if (pending.length > 0) yield* resourceBlock(pending, multiPolicy, style);
      pending = [];
      current = r.resource;
    }
    if (r.status === "pass" || r.status === "not_applicable") continue;
    used.add(r.status);
    pending.push(r);
  }
  if (pending.length > 0) yield* resourceBlock(pending, multiPolicy, style);

  const expired = ev.policies.flatMap((p) => p.expiredWaivers);
  if (expired.length > 0) {
    yield "Expired waivers (no longer applied):\n";
    for (const w of expired) {
      yield `  - ${printable(`${w.resource} [${w.rules.join(", ")}] expired ${w.expires}: ${w.reason}${w.approvedBy ? ` (approved by ${w.approvedBy})` : ""}`)}\n`;
    }
    yield "\n";
  }
  if (ev.notes.length > 0) {
    yield "Notes:\n";
    for (const n of ev.notes) yield `  - ${printable(n)}\n`;
    yield "\n";
  }
  if (ev.gaps.length > 0) {
    yield `${style.unknown("Not read — these databases are missing from the results:")}\n`;
    for (const g of ev.gaps) yield `  ? ${printable(g)}\n`;
    yield "\n";
  }
  if (used.size > 0) {
    yield "Legend:\n";
    for (const status of ["fail", "unknown", "waived"] as const) {
      if (used.has(status)) yield `  ${colourFor(style, status)(SYMBOL[status]!)} ${LEGEND[status]}\n`;
    }
    yield "\n";
  }
  const summary = ev.summary();
  yield `${summary.resources} resource${summary.resources === 1 ? "" : "s"} judged.\n`;
  yield `${summaryLine(summary, style)}${ev.gaps.length > 0 ? ` ${style.unknown(`Incomplete: ${ev.gaps.length} part${ev.gaps.length === 1 ? "" : "s"} of the inputs could not be read.`)}` : ""}\n`;
}

/**
 * One input as the report's "Inputs:" line names it: `aws-json examples/demo-fleet`. A live scan's
 * location already starts with its kind (`aws 123456789012 eu-west-1`), so it is not repeated.
 */
export function sourceLabel(s: { readonly kind: string; readonly location: string }): string {
  return s.location === s.kind || s.location.startsWith(`${s.kind} `) ? s.location : `${s.kind} ${s.location}`;
}

/** `Policy: 14 to fix, 3 unknown, 80 compliant.` with waived / not applicable counts when present. */
export function summaryLine(s: Summary, style: Style = PLAIN): string {
  const extras = [
    s.waived > 0 ? `${s.waived} waived` : "",
    s.not_applicable > 0 ? `${s.not_applicable} not applicable` : "",
  ].filter(Boolean);
  const fix = s.fail > 0 ? style.fail(`${s.fail} to fix`) : `${s.fail} to fix`;
  const unk = s.unknown > 0 ? style.unknown(`${s.unknown} unknown`) : `${s.unknown} unknown`;
  return `${style.bold("Policy:")} ${fix}, ${unk}, ${s.pass} compliant${extras.length ? ` (${extras.join(", ")})` : ""}.`;
}
