import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Evaluation } from "../../src/engine/result.js";
import { htmlChunks, renderHtml } from "../../src/report/html.js";
import { reportInput } from "../../src/engine/result.js";
import { inventory, resource } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const now = new Date("2026-11-22T10:00:00Z");

const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "&amp;",
  "</style>",
  "javascript:alert(1)",
];
const H = HOSTILE.join(" ");

/** Every tag the renderer writes; anything else in the output came from outside. */
const ALLOWED_TAGS = new Set(
  "html head meta title style body header nav section h1 h2 h3 p a dl dt dd ul li table tr th td code pre span div b time footer".split(" "),
);

function sample(): Evaluation {
  const inv = inventory({
    resources: [
      resource({ id: "orders-prod", retention: 1 }),
      resource({ id: "ledger-prod", retention: 30, deletionProtection: false }),
    ],
  });
  const waivers = [
    { resource: "ledger-prod", rules: ["backup.deletion_protection"], reason: "migration until Q1", expires: "2030-01-01", approvedBy: "cto@example.com" },
    { resource: "orders-*", rules: ["*"], reason: "lapsed after the cost review", expires: "2025-01-01", approvedBy: "ops" },
  ];
  const p = policy({
    name: "aurora-production",
    waivers,
    targets: [target({ require: { "backup.min_retention_days": 7, "backup.deletion_protection": true, "multi_az.min_azs": 2 } })],
  });
  const ev = evaluate([p], inv, { now });
  return { ...ev, notes: ["skipped graph-prod: engine neptune"], gaps: ["account 210987654321 us-west-2: AccessDenied"] };
}

/** A report where every value from outside is hostile. */
function hostile(): Evaluation {
  const inv = inventory({
    resources: [resource({ id: `db-${H}`, retention: 1, tags: { [H]: H } }), resource({ id: `ok-${H}`, retention: 1 })],
  });
  const waiver = { resource: `ok-${H}`, rules: ["*"], reason: `because ${H}`, expires: "2030-01-01", approvedBy: H };
  const expiredWaivers = [{ resource: H, rules: [H], reason: H, expires: "2020-01-01", approvedBy: H }];
  const p = { ...policy({ name: `policy ${H}`, waivers: expiredWaivers }), file: `policies/${H}.yaml`, sha256: H };
  const ev = evaluate([p], inv, { now });
  return {
    ...ev,
    sources: [{ kind: H, location: `examples/${H}` }],
    notes: [`note ${H}`],
    gaps: [`gap ${H}`],
    results: ev.results.map((r) => ({
      ...r,
      ...(r.resource.id.startsWith("ok-") ? { status: "waived" as const, reason: waiver.reason, waived: { status: "fail" as const, waiver } } : {}),
      target: `t ${H}`,
      message: `msg ${H}`,
      actual: H,
      expected: { [H]: H },
      fix: [{ attribute: H, from: H, to: H, note: H, instance: H }],
      evidence: [{ field: H, value: H }],
      resource: { ...r.resource, address: `arn:${H}:${r.resource.id}`, engine: H, region: H, account: H },
    })),
  };
}

describe("HTML report", () => {
  it("has every section, summaries first, in one self-contained document", () => {
    const html = renderHtml(sample());
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const order = ["scope", "summary", "controls", "resources", "waivers", "notes", "evidence"].map((id) => html.indexOf(`<section id="${id}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("Content-Security-Policy");
  });

  it("shows scope: policy with sha256, sources, accounts, regions, tool version, time", () => {
    const html = renderHtml(sample());
    expect(html).toContain("aurora-production");
    expect(html).toContain("0".repeat(64));
    expect(html).toContain("policies/test.yaml");
    expect(html).toContain("123456789012");
    expect(html).toContain("us-east-1");
    expect(html).toContain("2026-11-22T10:00:00.000Z");
    expect(html).toMatch(/haspec \d+\.\d+\.\d+/);
  });

  it("shows the totals and per-framework control counts", () => {
    const ev = sample();
    const html = renderHtml(ev);
    const s = ev.summary;
    expect(html).toContain(`<tr><td class="num">${s.resources}</td><td class="num">${s.fail}</td><td class="num">${s.unknown}</td><td class="num">${s.waived}</td><td class="num">${s.pass}</td>`);
    for (const fw of ["fsbp", "well-architected", "soc2", "iso27001"]) expect(html).toContain(`data-framework="${fw}"`);
    // deletion protection on a cluster is FSBP RDS.7; ledger-prod's failure is waived, orders-prod passes
    expect(html).toMatch(/<code>RDS\.7<\/code><\/td><td>[^<]*<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
  });

  it("gives each resource a table with status badges carrying text, values and fixes", () => {
    const html = renderHtml(sample());
    expect(html).toContain("<h3>orders-prod ");
    expect(html).toContain('<span class="badge s-fail">✗ fail</span>');
    expect(html).toContain('<span class="badge s-pass">✓ pass</span>');
    expect(html).toContain("1 → 7");
    expect(html).toContain("backup_retention_period = 1 -&gt; 7 (aws_rds_cluster)");
  });

  it("lists waivers with reason, approver and expiry, and flags expired ones", () => {
    const html = renderHtml(sample());
    const waivers = html.slice(html.indexOf('<section id="waivers"'), html.indexOf('<section id="notes"'));
    expect(waivers).toContain("migration until Q1");
    expect(waivers).toContain("cto@example.com");
    expect(waivers).toContain("2030-01-01");
    expect(waivers).toContain("EXPIRED 2025-01-01");
    expect(waivers).toContain("lapsed after the cost review");
  });

  it("lists notes and gaps as not read, and an evidence appendix linked from the results", () => {
    const ev = sample();
    const html = renderHtml(ev);
    expect(html).toContain("Not read");
    expect(html).toContain("account 210987654321 us-west-2: AccessDenied");
    expect(html).toContain("skipped graph-prod: engine neptune");
    const withEvidence = ev.results.filter((r) => r.evidence?.length);
    expect(withEvidence.length).toBeGreaterThan(0);
    expect(html).toContain('href="#evidence-1"');
    expect(html).toContain('id="evidence-1"');
    expect(html).toContain(withEvidence[0]!.evidence![0]!.field);
  });

  it("is deterministic, and the chunks join to the whole page", () => {
    const ev = sample();
    expect(renderHtml(ev)).toBe(renderHtml(ev));
    expect([...htmlChunks(reportInput(ev))].join("")).toBe(renderHtml(ev));
  });

  it("renders an empty run", () => {
    const html = renderHtml(evaluate([policy()], inventory(), { now }));
    expect(html).toContain("No resource was selected");
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
  });

  it("lets no hostile value through as markup", () => {
    const html = renderHtml(hostile());
    for (const raw of HOSTILE.slice(0, 2)) expect(html).not.toContain(raw);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&amp;amp;");
    expect(html).toContain("&lt;/style&gt;");
    expect(html).toContain('<span class="badge s-waived">');

    // Parse level: every tag is one the renderer writes, with no event handler or script URL.
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    const body = html.replace(/<style>[\s\S]*?<\/style>/, "<style></style>");
    const tags = [...body.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
    expect(tags.length).toBeGreaterThan(50);
    for (const [tag, name, attrs] of tags) {
      expect(ALLOWED_TAGS.has(name!.toLowerCase()), tag).toBe(true);
      expect(attrs, tag).not.toMatch(/\son\w+\s*=/i);
      expect(attrs, tag).not.toMatch(/(href|src)\s*=\s*"?\s*javascript:/i);
      // attribute values are quoted and contain no raw quote from outside
      for (const [, value] of attrs!.matchAll(/=\s*("[^"]*"|\S+)/g)) expect(value!.startsWith('"'), tag).toBe(true);
    }
    // text content: no raw < or > outside tags
    const text = body.replace(/<\/?[a-zA-Z][a-zA-Z0-9]*[^>]*>|<!DOCTYPE html>/g, "");
    expect(text).not.toMatch(/[<>]/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
