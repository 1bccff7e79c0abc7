// The result screen: the verdict, why the rule exists, the evidence and where it was read, the policy line, and the fix.
import { diffSubject, diffValue, type Evaluation, type Result } from "../engine/result.js";
import { describeRemedy } from "../rules/remedy.js";
import type { RuleInfo } from "../rules/types.js";
import { BLANK, line, seg, type Line } from "./lines.js";
import { locationText } from "./resource-screen.js";
import { SYMBOL } from "./symbols.js";
import { printable } from "../report/outside-text.js";
import { cellLength, valueText, wrapText } from "./terminal-text.js";
import { statusRole } from "./theme.js";
import type { FixSnippets } from "./types.js";

/** Where the generated CDKTF and HCL for the result's resource stand. */
export type SnippetState =
  | { readonly kind: "unavailable" }
  | { readonly kind: "loading" }
  | { readonly kind: "none" }
  | { readonly kind: "ready"; readonly snippets: FixSnippets }
  | { readonly kind: "failed"; readonly message: string };

export interface ResultInput {
  readonly result: Result;
  readonly evaluation: Evaluation;
  readonly rule: RuleInfo | undefined;
  readonly snippets: SnippetState;
  readonly width: number;
}

const VERDICT: Readonly<Record<Result["status"], string>> = {
  fail: "FAIL — violates the policy",
  unknown: "UNKNOWN — cannot be judged from the inputs; not a pass",
  waived: "WAIVED — covered by a waiver in the policy",
  pass: "PASS",
  not_applicable: "NOT APPLICABLE",
};

/** The pinned first line: resource › rule, and which lines of the document are on screen. */
export function resultTitle(r: Result, from: number, to: number, total: number): Line {
  return line(
    seg("‹ ", "dim"),
    seg(r.resource.id, "heading"),
    seg(" › ", "dim"),
    seg(r.rule, "heading"),
    seg(total > to - from ? `  lines ${from + 1}–${to} of ${total}` : "", "dim"),
  );
}

function prose(text: string, width: number, role?: "dim"): Line[] {
  return wrapText(text, width - 2).map((l) => line(seg(`  ${l}`, role)));
}

/** Code keeps its indentation; a line wider than the screen continues on the next row after `↳`. */
function code(text: string, width: number): Line[] {
  const room = Math.max(8, width - 4);
  const out: Line[] = [];
  for (const raw of text.replace(/\t/g, "  ").split(/\r\n|\r|\n/)) {
    const chars = Array.from(printable(raw));
    out.push(line(seg("  "), seg(chars.slice(0, room).join(""))));
    for (let i = room; i < chars.length; i += room - 2) out.push(line(seg("  ↳ ", "dim"), seg(chars.slice(i, i + room - 2).join(""))));
  }
  return out;
}

function field(name: string, value: string, width: number): Line[] {
  const label = `  ${name}`.padEnd(12);
  const wrapped = wrapText(value, width - cellLength(label));
  return wrapped.map((l, i) => line(seg(i === 0 ? label : " ".repeat(label.length), "dim"), seg(l)));
}



function evidenceLines(input: ResultInput): Line[] {
  const { result: r, evaluation: ev, width } = input;
  const lines: Line[] = [line(seg("Evidence", "heading"))];
  lines.push(...field("expected", valueText(r.expected), width), ...field("actual", valueText(r.actual), width));
  for (const e of r.evidence ?? []) lines.push(...field("read", `${e.field} = ${valueText(e.value)}`, width));
  const at = locationText(r.resource.location);
  lines.push(...field("resource", `${r.resource.address}${at ? ` at ${at}` : ""}`, width));
  const file = r.resource.location?.file;
  const sources = ev.sources.filter((s) => file !== undefined && (file === s.location || file.startsWith(`${s.location}/`)));
  for (const s of sources.length > 0 ? sources : ev.sources) {
    lines.push(...field("input", `${s.kind} ${s.location}${s.sha256 ? ` sha256 ${s.sha256.slice(0, 16)}…` : ""}`, width));
  }
  if (ev.capturedAt) lines.push(...field("captured", ev.capturedAt, width));
  return lines;
}

function fixLines(input: ResultInput): Line[] {
  const { result: r, rule, snippets, width } = input;
  if (r.status === "pass" || r.status === "not_applicable") return [];
  const lines: Line[] = [BLANK, line(seg("Fix", "heading"))];
  for (const c of r.remedies ?? []) lines.push(...prose(`~ ${printable(describeRemedy(c))}`, width));
  if (rule) lines.push(...prose(rule.fixHint, width, "dim"));
  if (r.status !== "fail") return lines;
  switch (snippets.kind) {
    case "unavailable":
      lines.push(line(seg("  No CDKTF or HCL generator in this session; the changes above are the fix.", "dim")));
      break;
    case "loading":
      lines.push(line(seg("  Generating CDKTF and HCL…", "dim")));
      break;
    case "none":
      lines.push(line(seg("  No generated code for this resource: the changes above need a person.", "dim")));
      break;
    case "failed":
      lines.push(line(seg("  Could not generate the fix: ", "error"), seg(snippets.message)));
      break;
    case "ready": {
      const s = snippets.snippets;
      lines.push(BLANK, line(seg("CDKTF", "heading"), seg("  (every failing result of this resource)", "dim")), ...code(s.cdktf, width));
      lines.push(BLANK, line(seg("HCL", "heading")), ...code(s.hcl, width));
      if (s.manual.length > 0) {
        lines.push(BLANK, line(seg("By hand", "heading")));
        for (const m of s.manual) lines.push(...prose(`- ${m}`, width));
      }
      break;
    }
  }
  return lines;
}

export function resultDocument(input: ResultInput): Line[] {
  const { result: r, rule, width } = input;
  const value = diffValue(r);
  const lines: Line[] = [
    line(seg(VERDICT[r.status], statusRole(r.status)), seg(` · ${r.severity}`, r.severity), seg(` · target ${r.target} · policy ${r.policy}`, "dim")),
    line(seg(`  ${SYMBOL[r.status]} `, statusRole(r.status)), seg(diffSubject(r)), ...(value ? [seg(" = "), seg(value)] : [])),
    ...prose(r.message, width),
  ];
  if ((r.status === "unknown" || r.status === "not_applicable") && r.reason && !r.message.includes(r.reason)) lines.push(...field("why", r.reason, width));
  if (r.location?.file) lines.push(...field("at", [r.location.file, r.location.line].filter((x) => x !== undefined).join(":"), width));
  const waiver = r.waived?.waiver;
  if (waiver) {
    lines.push(BLANK, line(seg("Waiver", "heading"), seg(`  (the rule said ${r.waived?.status})`, "dim")));
    lines.push(...field("reason", waiver.reason, width), ...field("expires", waiver.expires, width));
    if (waiver.approvedBy) lines.push(...field("approved", waiver.approvedBy, width));
    lines.push(...field("matches", `${waiver.resource} [${waiver.rules.join(", ")}]`, width));
  }
  lines.push(BLANK, line(seg("Why this rule", "heading")));
  if (rule) lines.push(line(seg(`  ${rule.title}`)), ...prose(rule.why, width, "dim"));
  else lines.push(line(seg(`  haspec has no rule ${r.rule}`, "unknown")));
  lines.push(BLANK, ...evidenceLines(input));
  lines.push(BLANK, line(seg("Required by", "heading")));
  lines.push(
    ...(r.policyPosition
      ? field("policy", `${r.policyPosition.file}:${r.policyPosition.line}:${r.policyPosition.column} (target ${r.target})`, width)
      : field("policy", `${r.policy}, target ${r.target} (position not recorded)`, width)),
  );
  lines.push(...fixLines(input));
  return lines;
}
