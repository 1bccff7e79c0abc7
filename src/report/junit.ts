// The JUnit XML report, for CI test tabs: a testsuite per (policy, target), a testcase per (resource, rule).
import { create } from "xmlbuilder2";
import { reportInput, resultPlace, type Evaluation, type ReportInput, type Result } from "../engine/result.js";
import type { RuleInfo } from "../rules/types.js";
import { printable } from "./outside-text.js";
import { fixText } from "./sarif.js";

/** What XML 1.0 cannot carry at all, even escaped, once printable has run: U+FFFE and U+FFFF. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Outside text (identifiers, messages, policy names) as XML character data or an attribute value:
 * control characters shown as escapes by printable rather than dropped (XML 1.0 cannot hold most
 * C0 controls even as character references), on one line. xmlbuilder2 escapes the markup.
 */
function text(s: string): string {
  return printable(s).replace(NOT_XML, (c) => `\\u${c.codePointAt(0)!.toString(16)}`);
}

type XMLBuilder = ReturnType<typeof create>;

interface Suite {
  readonly name: string;
  readonly results: Result[];
}

function skippedMessage(r: Result): string | undefined {
  if (r.status === "unknown") return `cannot be judged: ${r.reason ?? r.message}`;
  if (r.status === "waived") {
    const w = r.waived?.waiver;
    const by = w?.approvedBy ? `, approved by ${w.approvedBy}` : "";
    return `waived: ${r.reason ?? w?.reason ?? ""}${w ? ` (expires ${w.expires}${by})` : ""}`;
  }
  // Not applicable: the rule does not apply to this resource; skipped rather than passed.
  if (r.status === "not_applicable") return `not applicable: ${r.reason ?? r.message}`;
  return undefined;
}

function addCase(suite: XMLBuilder, r: Result, rules: readonly RuleInfo[]): void {
  const tc = suite.ele("testcase", { classname: text(r.resource.address || r.resource.id), name: text(r.rule) });
  if (r.status === "fail") {
    const fix = fixText(r, rules);
    const message = text(r.message + resultPlace(r));
    tc.ele("failure", { message, type: text(r.severity) }).txt(`${message}${fix ? `\nFix: ${text(fix)}` : ""}`);
    return;
  }
  const skipped = skippedMessage(r);
  if (skipped !== undefined) tc.ele("skipped", { message: text(skipped) });
}

/**
 * The JUnit document. Results come resource by resource across targets, and a suite's counts
 * precede its cases, so results are grouped first (suites in order of first appearance).
 * No timestamps or times: the output is stable for the same input.
 */
export function* junitChunks(ev: ReportInput): Generator<string> {
  const suites = new Map<string, Suite>();
  for (const r of ev.results) {
    const name = `${r.policy}/${r.target}`;
    let suite = suites.get(name);
    if (!suite) suites.set(name, (suite = { name, results: [] }));
    suite.results.push(r);
  }
  const count = (rs: readonly Result[], pred: (r: Result) => boolean) => rs.filter(pred).length;
  const isSkipped = (r: Result) => r.status !== "pass" && r.status !== "fail";
  const all = [...suites.values()].flatMap((s) => s.results);
  const doc = create({ version: "1.0", encoding: "UTF-8" });
  const root = doc.ele("testsuites", {
    name: "haspec",
    tests: String(all.length),
    failures: String(count(all, (r) => r.status === "fail")),
    errors: "0",
    skipped: String(count(all, isSkipped)),
  });
  for (const s of suites.values()) {
    const suite = root.ele("testsuite", {
      name: text(s.name),
      tests: String(s.results.length),
      failures: String(count(s.results, (r) => r.status === "fail")),
      errors: "0",
      skipped: String(count(s.results, isSkipped)),
    });
    for (const r of s.results) addCase(suite, r, ev.rules);
  }
  yield `${doc.end({ prettyPrint: true })}\n`;
}

/** The JUnit document as a string. */
export function renderJunit(ev: Evaluation): string {
  return [...junitChunks(reportInput(ev))].join("");
}
