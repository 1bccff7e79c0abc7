// The outputs of `haspec simulate` rendered from hand-made scenarios: text, JSON (SPEC §6.2), Markdown and HTML.
import { describe, expect, it } from "vitest";
import { htmlChunks } from "../../src/report/html.js";
import { duration, range, estimateText } from "../../src/report/simulation.js";
import { simulationHtmlChunks } from "../../src/report/simulation-html.js";
import { simulationJsonChunks } from "../../src/report/simulation-json.js";
import { SIMULATION_MARKDOWN_LIMITS, simulationMarkdownChunks } from "../../src/report/simulation-markdown.js";
import { simulationTextChunks } from "../../src/report/simulation-text.js";
import { COLOR, PLAIN } from "../../src/report/style.js";
import { reportInput } from "../../src/engine/result.js";
import { expectNothingRaw, HOSTILE_NAME, HOSTILE_NAME_SHOWN } from "../support/hostile.js";
import { failover, hostileReport, manual, report, unaffected, unknownClient } from "./simulation-fixtures.js";
import { mixedEvaluation } from "./report-fixtures.js";

const text = (r = report(), style = PLAIN) => [...simulationTextChunks(r, style)].join("");
const json = (r = report()) => JSON.parse([...simulationJsonChunks(r)].join(""));
const markdown = (r = report()) => [...simulationMarkdownChunks(r)].join("");
const html = (r = report()) => [...simulationHtmlChunks(r)].join("");

describe("figures as people read them", () => {
  it("writes seconds, minutes and hours, ranges and unbounded estimates", () => {
    expect([duration(0), duration(95), duration(125), duration(600), duration(3600), duration(7200), duration(7500)]).toEqual(["0s", "95s", "2m5s", "10m", "60m", "2h", "2h5m"]);
    expect(range(20, 95)).toBe("20s–95s");
    expect(range(0, 0)).toBe("0s");
    expect(range(600, null)).toBe("≥ 10m");
    expect(estimateText(manual.rto)).toBe("≥ 10m, a person must act");
    expect(estimateText(unknownClient.rto)).toBe("unknown");
    // An RPO without an upper bound is data lost, not a person to wait for.
    const lost = { bound: "unbounded" as const, low: 0, high: null, terms: [] };
    expect(estimateText(lost, "RPO")).toBe("unbounded: data lost");
    expect(estimateText({ ...lost, low: 600 }, "RPO")).toBe("≥ 10m, data lost");
    expect(estimateText(lost)).toBe("unbounded: a person must act");
  });
});

describe("simulate text", () => {
  it("has a table per disruption with outcome, promoted, RTO and RPO against the objectives", () => {
    const out = text();
    expect(out).toContain("haspec simulate: policy prod (haspec.yaml)");
    expect(out).toContain("client_dns_cache = 30s (policy; haspec.yaml)");
    // The writer group comes first, then the AZs (whatever order the scenarios came in).
    expect(out.indexOf("# writer")).toBeLessThan(out.indexOf("# az:us-east-1a"));
    const az = out.slice(out.indexOf("# az:us-east-1a"), out.indexOf("Simulation:"));
    expect(az).toContain("3 of 4 affected");
    const header = az.split("\n").find((l) => l.includes("RESOURCE"))!;
    expect(header.trim().split(/\s{2,}/).map((h) => h.trim())).toEqual(["RESOURCE", "OUTCOME", "PROMOTED", "RTO", "OBJECTIVE", "RPO", "OBJECTIVE"]);
    const orders = az.split("\n").find((l) => l.startsWith("  orders-prod "))!;
    expect(orders.trim().split(/\s{2,}/).map((c) => c.trim())).toEqual(["orders-prod", "failover", "orders-prod-2 or orders-prod-3 (tie)", "15s–2m5s", "≤ 3m pass", "0s", "≤ 0s pass"]);
    const billing = az.split("\n").find((l) => l.startsWith("  billing "))!;
    expect(billing).toContain("manual");
    expect(billing).toContain("≥ 10m, a person must act");
    expect(billing).toContain("≤ 3m fail");
    const reports = az.split("\n").find((l) => l.startsWith("  reports "))!;
    expect(reports).toContain("reports-2 (smaller class)");
    expect(reports).toContain("≤ 3m unknown");
    expect(az).toContain("Not affected (1): ledger");
    expect(out).toContain("Simulation: 5 scenarios: 4 affected, 1 needs a person, 1 objective failed.");
  });

  it("explains each affected resource: the chain of terms with their sources, the manual steps, why an estimate is unknown", () => {
    const out = text();
    expect(out).toContain("    # orders-prod (aurora-cluster, aurora-postgresql, us-east-1, 123456789012)");
    expect(out).toContain("failover: writer orders-prod-1 -> orders-prod-2 or orders-prod-3 (tie); class db.r6g.2xlarge -> db.r6g.2xlarge; 2 instances left, 1 reader");
    expect(out).toContain("4 of 6 storage copies left: writable, readable");
    const term = out.split("\n").find((l) => l.includes("+ detection and promotion"))!;
    expect(term.trim().split(/\s{2,}/).map((c) => c.trim())).toEqual(["+ detection and promotion", "15s–60s", "aws-doc", "Aurora User Guide, high availability (Concepts.AuroraHighAvailability)"]);
    expect(out).toMatch(/\+ client DNS cache\s+0s–30s\s+policy\s+client_dns_cache/);
    expect(out).toContain("Manual steps:\n        - Create a DB instance in us-east-1b or us-east-1c in cluster billing");
    expect(out).toContain("RTO unknown: client DNS cache: no application config and no assumption");
    expect(out).toContain("      Notes:\n        - orders-prod-2 and orders-prod-3 tie");
    // The unaffected resource has no details.
    expect(out).not.toContain("# ledger (");
  });

  it("leaves out the objective columns and says so when no objective was judged", () => {
    const plain = [failover, unaffected].map(({ objectives: _o, status: _s, ...s }) => s);
    const out = text(report({ policies: [], scenarios: plain }));
    expect(out).toContain("haspec simulate: no policy, no objective judged");
    const header = out.split("\n").find((l) => l.includes("RESOURCE"))!;
    expect(header.trim().split(/\s{2,}/).map((h) => h.trim())).toEqual(["RESOURCE", "OUTCOME", "PROMOTED", "RTO", "RPO"]);
    expect(out).toContain("2 scenarios: 1 affected, 0 need a person, no objective judged.");
  });

  it("colours verdicts on a terminal and keeps the columns aligned", () => {
    const out = text(report(), COLOR);
    expect(out).toMatch(/\u001b\[31m≤ 3m fail *\u001b\[39m/);
    expect(out).toMatch(/\u001b\[32m≤ 3m pass *\u001b\[39m/);
    // Padding happens before colouring: without the escapes the lines equal the plain ones.
    expect(out.replace(/\u001b\[\d+m/g, "")).toBe(text());
  });

  it("shows every value from outside through printable", () => {
    const out = text(hostileReport(HOSTILE_NAME));
    expectNothingRaw(out, "simulate text");
    expect(out).toContain(HOSTILE_NAME_SHOWN);
  });
});

describe("simulate JSON", () => {
  it("has SPEC §6.2's keys in SPEC's order", () => {
    const out = json();
    expect(Object.keys(out)).toEqual(["tool", "generatedAt", "policy", "sources", "assumptions", "scenarios", "summary"]);
    expect(out.tool.name).toBe("haspec");
    expect(out.policy).toEqual({ name: "prod", file: "haspec.yaml", sha256: "ab".repeat(32) });
    expect(out.assumptions[0]).toEqual({ name: "client_dns_cache", seconds: 30, from: "policy", source: "haspec.yaml" });
    const [first] = out.scenarios;
    expect(Object.keys(first)).toEqual([
      "disruption", "resource", "affected", "outcome", "writer", "capacity", "instancesLeft", "readersLeft", "storage", "rto", "rpo", "manual", "notes", "objectives", "status",
    ]);
    expect(Object.keys(first.resource)).toEqual(["id", "kind", "engine", "region", "account", "address"]);
    expect(first.writer).toEqual({ before: "orders-prod-1", after: ["orders-prod-2", "orders-prod-3"] });
    expect(first.storage).toEqual({ copiesLeft: 4, writable: true, readable: true });
    expect(Object.keys(first.rto)).toEqual(["low", "high", "bound", "terms"]);
    expect(first.rto.terms[0]).toEqual({ term: "detection and promotion", low: 15, high: 60, from: "aws-doc", ref: "Aurora User Guide, high availability (Concepts.AuroraHighAvailability)", note: "a reader in a surviving AZ is promoted" });
    expect(first.status).toEqual({ rto: "pass", rpo: "pass" });
    expect(out.summary).toEqual({ scenarios: 5, affected: 4, manual: 1, objectivesFailed: 1 });
  });

  it("writes unbounded and unknown estimates as SPEC says: high null, and the reason", () => {
    const [, billing, reports, ledger] = json().scenarios;
    expect(billing.rto).toMatchObject({ low: 600, high: null, bound: "unbounded" });
    expect(reports.rto).toMatchObject({ low: null, high: null, bound: "unknown" });
    expect(reports.rto.reason).toContain("client_dns_cache");
    expect(reports.capacity).toEqual({ before: "db.r6g.4xlarge", after: ["db.r6g.large"], smaller: true });
    expect(ledger).toMatchObject({ affected: false, outcome: "none" });
    expect(ledger.storage).toBeUndefined();
    expect(ledger.objectives).toBeUndefined();
  });

  it("is one scenario per line, the same bytes for the same report, and null policy without one", () => {
    const raw = [...simulationJsonChunks(report())].join("");
    expect(raw).toBe([...simulationJsonChunks(report())].join(""));
    expect(raw.split("\n").filter((l) => l.startsWith('    {"disruption"')).length).toBe(5);
    expect(json(report({ policies: [] })).policy).toBeNull();
  });

  it("keeps hostile values exact and carries no raw control character", () => {
    const raw = [...simulationJsonChunks(hostileReport(HOSTILE_NAME))].join("");
    expectNothingRaw(raw, "simulate json");
    expect(JSON.parse(raw).scenarios[0].resource.id).toBe(HOSTILE_NAME);
  });
});

describe("simulate Markdown", () => {
  it("has a table per disruption and the chains in details", () => {
    const out = markdown();
    expect(out).toContain("### az:us-east-1a: 3 of 4 affected");
    expect(out).toContain("| Resource | Outcome | Promoted | RTO | Objective | RPO | Objective |");
    expect(out).toContain("| `billing` | manual | — | ≥ 10m, a person must act | **≤ 3m fail** | 0s | ≤ 0s pass |");
    expect(out).toContain("<details><summary>orders-prod: failover, RTO 15s–2m5s, RPO 0s</summary>");
    expect(out).toContain("| detection and promotion<br>a reader in a surviving AZ is promoted | 15s–60s | aws-doc | Aurora User Guide, high availability (Concepts.AuroraHighAvailability) |");
    expect(out).toContain("Not affected (1): `ledger`");
    // The failed objective heads its table.
    const rows = out.slice(out.indexOf("### az:us-east-1a")).split("\n").filter((l) => l.startsWith("| `"));
    expect(rows[0]).toContain("`billing`");
  });

  it("stays readable for a fleet: bounded rows and chains per disruption, saying how many were left out", () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ ...failover, resource: { ...failover.resource, id: `db-${i}` } }));
    const out = markdown(report({ scenarios: many }));
    expect(out.split("\n").filter((l) => l.startsWith("| `db-")).length).toBe(SIMULATION_MARKDOWN_LIMITS.rows);
    expect(out).toContain("_…and 50 more affected resources:");
    expect(out.split("<details>").length - 1).toBe(SIMULATION_MARKDOWN_LIMITS.details);
    expect(out).toContain("_…and 130 more chains:");
  });

  it("cannot be broken by values from outside", () => {
    const out = markdown(hostileReport(`a|b <script>x</script> ${HOSTILE_NAME}`));
    expectNothingRaw(out, "simulate markdown");
    // Markup from outside stays inside code spans (shown as text) or is escaped.
    expect(out.replace(/(`+) [^`]*? \1|(`+)[^`]*?\2/g, "")).not.toContain("<script>");
    for (const line of out.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| ---"))) {
      expect(line.replace(/\\\|/g, "").split("|").length, line).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("simulate HTML", () => {
  it("is a page with the tables and chains, and the audit report gets the same section when the run has scenarios", () => {
    const page = html();
    expect(page).toContain(`<section id="simulation">`);
    expect(page).toContain(`<td data-status="fail">≤ 3m <span class="badge s-fail">fail</span></td>`);
    const audit = [...htmlChunks(reportInput({ ...mixedEvaluation(), simulation: { assumptions: report().assumptions, scenarios: report().scenarios } }))].join("");
    expect(audit).toContain(`<section id="simulation">`);
    expect(audit).toContain(`<a href="#simulation">`);
    const withoutScenarios = [...htmlChunks(reportInput(mixedEvaluation()))].join("");
    expect(withoutScenarios).not.toContain(`id="simulation"`);
  });

  it("escapes everything from outside", () => {
    const page = html(hostileReport(`<script>alert(1)</script>"><img src=x onerror=alert(1)>${HOSTILE_NAME}`));
    expect(page).not.toMatch(/<script|<img/);
    expectNothingRaw(page, "simulate html");
  });
});
