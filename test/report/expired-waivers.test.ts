// An expired waiver is reported only where it would have applied: to a resource and rule judged in this run.
import { describe, expect, it } from "vitest";
import { evaluate, evaluateStream } from "../../src/engine/evaluate.js";
import { htmlChunks } from "../../src/report/html.js";
import { jsonChunks } from "../../src/report/json.js";
import { markdownChunks } from "../../src/report/markdown.js";
import { mergeReports } from "../../src/report/merge.js";
import { textChunks } from "../../src/report/text.js";
import { reportInput } from "../../src/engine/result.js";
import { inventory, resource } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const now = new Date("2026-11-22T10:00:00Z");
const waivers = [
  { resource: "decommissioned-db", rules: ["*"], reason: "NOT-IN-INPUTS", expires: "2026-01-01" },
  { resource: "ledger", rules: ["backup.min_retention_days"], reason: "LAPSED-ON-LEDGER", expires: "2026-06-30" },
];
const thePolicy = policy({ waivers, targets: [target({ require: { "backup.min_retention_days": 7 } })] });
const join = (chunks: Iterable<string>): string => [...chunks].join("");

describe("expired waivers", () => {
  const withLedger = inventory({ resources: [resource({ id: "ledger", retention: 1 }), resource({ id: "orders" })] });
  const withoutLedger = inventory({ resources: [resource({ id: "orders" })] });

  it.each([
    ["text", (ev: ReturnType<typeof evaluateStream>) => join(textChunks(ev))],
    ["json", (ev: ReturnType<typeof evaluateStream>) => join(jsonChunks(ev))],
    ["markdown", (ev: ReturnType<typeof evaluateStream>) => join(markdownChunks(ev))],
    ["html", (ev: ReturnType<typeof evaluateStream>) => join(htmlChunks(ev))],
  ])("%s lists one that matches a judged resource, not one for a resource outside the inputs (streamed)", (_format, render) => {
    const out = render(evaluateStream([thePolicy], withLedger, { now }));
    expect(out).toContain("LAPSED-ON-LEDGER");
    expect(out).not.toContain("NOT-IN-INPUTS");
    const none = render(evaluateStream([thePolicy], withoutLedger, { now }));
    expect(none).not.toContain("LAPSED-ON-LEDGER");
    expect(none).not.toContain("NOT-IN-INPUTS");
  });

  it("the text report has no expired-waivers section when none would have applied", () => {
    expect(join(textChunks(reportInput(evaluate([thePolicy], withoutLedger, { now }))))).not.toContain("Expired waivers");
  });

  it("a merged report lists the waiver from the shard that judged its resource", () => {
    const shard = (inv: typeof withLedger) => join(jsonChunks(evaluateStream([thePolicy], inv, { now })));
    const merged = JSON.parse(join(jsonChunks(mergeReports([{ path: "us.json", text: shard(withoutLedger) }, { path: "eu.json", text: shard(withLedger) }]))));
    expect(merged.expiredWaivers.map((w: { reason: string }) => w.reason)).toEqual(["LAPSED-ON-LEDGER"]);
  });
});
