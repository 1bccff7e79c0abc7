// `haspec simulate` end to end on the demo fleet, as a user runs it: the formats, the objectives and the exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/run-cli.js";

const NOW = ["--now", "2026-11-22T10:00:00Z"];
const DEMO = join(REPO, "examples/demo-fleet");
const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);

interface ScenarioJson {
  disruption: string;
  resource: { id: string; kind: string };
  affected: boolean;
  outcome: string;
  writer: { before: string | null; after: string[] };
  rto: { low: number | null; high: number | null; bound: string; terms: { term: string; from: string; ref: string }[] };
  rpo: { bound: string };
  objectives?: { rto?: number; rpo?: number };
  status?: { rto?: string; rpo?: string };
}

const OBJECTIVES_POLICY = `version: 1
name: objectives
assumptions:
  client_dns_cache: 5s
targets:
  - name: prod
    match: { tags: { env: prod } }
    require:
      objectives:
        rto: { writer: 5m, az: 5m }
        rpo: { writer: 0s, az: 0s }
`;

/** A directory outside the repository (no haspec.yaml is found above it) holding `files`. */
function workDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "haspec-simulate-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const scenariosOf = (stdout: string) => JSON.parse(stdout).scenarios as ScenarioJson[];
const find = (scenarios: readonly ScenarioJson[], id: string, disruption?: string) =>
  scenarios.find((s) => s.resource.id === id && (disruption === undefined || s.disruption === disruption));

describe("haspec simulate", () => {
  it("answers `what if us-east-1a goes down` for the whole fleet, without a policy: SPEC §6.2 JSON, exit 0", () => {
    const run = runCli(["simulate", DEMO, "--fail", "az:us-east-1a", "--format", "json", ...NOW], { cwd: workDir() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    // SPEC's keys in SPEC's order; `notes` (the Neptune cluster skipped) is an addition, as in the check report.
    expect(Object.keys(report)).toEqual(["tool", "generatedAt", "policy", "sources", "assumptions", "scenarios", "summary", "notes"]);
    expect(report.notes).toEqual([expect.stringContaining("graph-prod")]);
    expect(report.policy).toBeNull();
    expect(report.generatedAt).toBe("2026-11-22T10:00:00.000Z");
    const scenarios = report.scenarios as ScenarioJson[];
    expect(new Set(scenarios.map((s) => s.disruption))).toEqual(new Set(["az:us-east-1a"]));
    // Every resource is reported; eu-west-1 ones are not affected.
    expect(find(scenarios, "analytics-prod")).toMatchObject({ affected: false, outcome: "none" });
    // The writer is in us-east-1a; the tier-0 reader in us-east-1b takes over.
    expect(find(scenarios, "orders-prod")).toMatchObject({ affected: true, outcome: "failover", writer: { before: "orders-prod-instance-1", after: ["orders-prod-instance-2"] } });
    // Every instance in us-east-1a: nothing recovers without a person.
    expect(find(scenarios, "payments-prod")).toMatchObject({ affected: true, outcome: "manual" });
    expect(find(scenarios, "payments-prod")!.rto.bound).toBe("unbounded");
    for (const s of scenarios) {
      expect(Object.keys(s)).not.toContain("status");
      for (const t of [...s.rto.terms]) expect(["aws-doc", "evidence", "policy", "default"]).toContain(t.from);
    }
    expect(report.summary).toMatchObject({ scenarios: scenarios.length, affected: scenarios.filter((s) => s.affected).length, objectivesFailed: 0 });
  });

  it("reports the databases and the application tier together under az:us-east-1a, each with its chain (SPEC §9)", () => {
    const args = ["simulate", DEMO, "--fail", "az:us-east-1a", "--app-config", join(REPO, "examples/apps/edge"), ...NOW];
    const json = runCli([...args, "--format", "json"], { cwd: workDir() });
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    const scenarios = report.scenarios as (ScenarioJson & { azs?: { before: string[]; after: string[] }; manual: string[]; rpo: { bound: string; reason?: string } })[];
    expect(find(scenarios, "payments-prod")).toMatchObject({ outcome: "manual" });
    // A group with instances in other AZs keeps them; one whose every instance is lost relaunches elsewhere; one that can launch only there waits for a person.
    const web = find(scenarios, "orders-web-asg")!;
    expect(web).toMatchObject({ resource: { kind: "autoscaling-group" }, outcome: "failover", azs: { before: ["us-east-1a", "us-east-1b", "us-east-1c"], after: ["us-east-1b", "us-east-1c"] } });
    // Its target group's health check (10 s × 3) is read from describe-target-groups.json.
    expect(web.rto).toMatchObject({ low: 30, high: 30, terms: [{ from: "evidence", ref: expect.stringContaining("target group orders-web") }] });
    const payments = find(scenarios, "payments-api")!;
    expect(payments).toMatchObject({ outcome: "recreate", rto: { low: 300, high: 480, bound: "estimate" } });
    expect(payments.rto.terms.map((t) => [t.term, t.from])).toEqual([["replacement instances launch", "default"], ["health check grace period", "evidence"]]);
    expect(find(scenarios, "reports-render")).toMatchObject({ outcome: "manual", rto: { bound: "unbounded" } });
    // The NLB has no other AZ; the ALB has, but edge's nginx resolved its name once.
    expect(find(scenarios, "orders-api")).toMatchObject({ resource: { kind: "load-balancer" }, outcome: "manual" });
    const alb = find(scenarios, "orders-web")!;
    expect(alb).toMatchObject({ resource: { kind: "load-balancer" }, outcome: "failover", rto: { bound: "unbounded" } });
    expect(alb.rto.terms.find((t) => t.term === "nginx resolved orders-web's name once")).toMatchObject({ from: "evidence", ref: expect.stringMatching(/nginx\.conf:12$/) });
    // The lone instances in us-east-1a need a person; their RPO is the age of their volume's last completed snapshot (to --now), or the data is lost without one.
    const cron = find(scenarios, "i-0d4e5f6a7b8c90042")!;
    expect(cron).toMatchObject({ resource: { kind: "ec2-instance" }, outcome: "manual", rpo: { bound: "estimate", high: 631755 } });
    const wiki = find(scenarios, "i-0d4e5f6a7b8c90043")!;
    expect(wiki).toMatchObject({ resource: { kind: "ec2-instance" }, outcome: "lost", rpo: { bound: "unbounded" } });
    expect(find(scenarios, "i-0d4e5f6a7b8c90041")).toMatchObject({ affected: false });
    for (const s of scenarios) for (const t of s.rto.terms) expect(["aws-doc", "evidence", "policy", "default"]).toContain(t.from);
    expect(report.assumptions.map((a: { name: string }) => a.name)).toEqual(expect.arrayContaining(["instance_launch", "lb_dns_failover"]));

    const text = runCli(args, { cwd: workDir() });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ {2}orders-prod +failover +orders-prod-instance-2 /m);
    expect(text.stdout).toMatch(/^ {2}orders-web-asg +failover /m);
    expect(text.stdout).toMatch(/^ {6}recreate: 2 instances -> 0 instances \(smaller\); AZs us-east-1a -> none$/m);
    expect(text.stdout).toMatch(/^ {8}\+ nginx resolved orders-web's name once +≥ 0s +evidence /m);
    expect(text.stdout).toContain("seen as 14 s stalls behind Apache httpd: a field report");
  });

  it("without --fail simulates each resource's writer, its writer's AZ and its region", () => {
    const run = runCli(["simulate", DEMO, "--format", "json", ...NOW], { cwd: workDir() });
    expect(run.code, run.stderr).toBe(0);
    const orders = scenariosOf(run.stdout).filter((s) => s.resource.id === "orders-prod").map((s) => s.disruption);
    expect(orders).toEqual(expect.arrayContaining(["writer", "az:us-east-1a", "region:us-east-1"]));
  });

  it("prints a table per disruption and the chain behind each figure", () => {
    const run = runCli(["simulate", DEMO, "--fail", "az:us-east-1a", ...NOW], { cwd: workDir() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("haspec simulate: no policy, no objective judged");
    expect(run.stdout).toMatch(/^# az:us-east-1a — \d+ of \d+ affected$/m);
    expect(run.stdout).toMatch(/^ {2}RESOURCE +OUTCOME +PROMOTED +RTO +RPO$/m);
    expect(run.stdout).toMatch(/^ {2}payments-prod +manual /m);
    expect(run.stdout).toMatch(/^ {8}\+ .+ (aws-doc|default|policy|evidence) /m);
    expect(run.stdout).toMatch(/^Simulation: \d+ scenarios: /m);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  it("judges the policy's objectives: exit 1 when one fails, the verdicts in the JSON", () => {
    const dir = workDir({ "objectives.yaml": OBJECTIVES_POLICY });
    const run = runCli(["simulate", DEMO, "--policy", "objectives.yaml", "--fail", "az:us-east-1a", "--format", "json", ...NOW], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.policy).toMatchObject({ name: "objectives", file: "objectives.yaml" });
    expect(report.assumptions).toEqual(expect.arrayContaining([expect.objectContaining({ name: "client_dns_cache", seconds: 5, from: "policy" })]));
    const payments = find(report.scenarios, "payments-prod")!;
    expect(payments.objectives).toMatchObject({ rto: 300 });
    expect(payments.status?.rto).toBe("fail");
    expect(report.summary.objectivesFailed).toBeGreaterThan(0);
    // Not selected by the policy (env=staging): simulated, not judged.
    expect(find(report.scenarios, "search-staging")!.status).toBeUndefined();
  });

  it("judges objectives on databases only, as check does: the application tier's scenarios carry none, even when a target names its kinds", () => {
    const policy = `${OBJECTIVES_POLICY}  - name: tier
    match: { kinds: [autoscaling-group, load-balancer, ec2-instance] }
    require:
      objectives:
        rto: { az: 5m }
`;
    const run = runCli(["simulate", DEMO, "-p", "objectives.yaml", "--fail", "az:us-east-1a", "--format", "json", ...NOW], { cwd: workDir({ "objectives.yaml": policy }) });
    expect(run.stderr).toBe("");
    const scenarios = scenariosOf(run.stdout);
    expect(find(scenarios, "payments-prod")).toHaveProperty("status");
    const tier = scenarios.filter((s) => ["autoscaling-group", "load-balancer", "ec2-instance"].includes(s.resource.kind));
    expect(tier.length).toBe(8);
    for (const s of tier) expect(s).not.toHaveProperty("status");
  });

  it("exits 0 when every judged objective passes", () => {
    const dir = workDir({ "objectives.yaml": OBJECTIVES_POLICY });
    const run = runCli(["simulate", join(DEMO, "eu-west-1"), "--policy", "objectives.yaml", "--fail", "az:us-east-1a", "--format", "json", ...NOW], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.summary.objectivesFailed).toBe(0);
    // Judged, not skipped: the prod clusters of eu-west-1 are not touched by us-east-1a and recover from nothing.
    expect(find(report.scenarios, "checkout-prod")).toMatchObject({ affected: false, objectives: { rto: 300, rpo: 0 }, status: { rto: "pass", rpo: "pass" } });
  });

  it("gives the verdicts check gives for objectives.rto and objectives.rpo of the writer", () => {
    const policy = OBJECTIVES_POLICY.replace("rto: { writer: 5m, az: 5m }", "rto: { writer: 60s }").replace("rpo: { writer: 0s, az: 0s }", "rpo: { writer: 0s }");
    const dir = workDir({ "objectives.yaml": policy });
    const simulate = runCli(["simulate", DEMO, "--policy", "objectives.yaml", "--fail", "writer", "--format", "json", ...NOW], { cwd: dir });
    const check = runCli(["check", DEMO, "--policy", "objectives.yaml", "--format", "json", ...NOW], { cwd: dir });
    expect(simulate.stderr + check.stderr).toBe("");
    const checked = JSON.parse(check.stdout).results as { resource: { id: string }; rule: string; status: string }[];
    const judged = scenariosOf(simulate.stdout).filter((s) => s.status !== undefined);
    expect(judged.length).toBeGreaterThan(3);
    for (const s of judged) {
      for (const measure of ["rto", "rpo"] as const) {
        const verdict = checked.find((r) => r.resource.id === s.resource.id && r.rule === `objectives.${measure}`);
        expect(verdict?.status, `${s.resource.id} ${measure}`).toBe(s.status![measure]);
      }
    }
    expect(simulate.code).toBe(check.code);
  });

  it("puts the scenarios behind objectives.rto/rpo into check's audit HTML report", () => {
    const dir = workDir({ "objectives.yaml": OBJECTIVES_POLICY });
    const out = join(dir, "audit.html");
    const run = runCli(["check", DEMO, "--policy", "objectives.yaml", "--format", `html=${out}`, ...NOW], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const html = readFileSync(out, "utf8");
    expect(html).toContain(`<section id="simulation">`);
    expect(html).toContain("payments-prod");
    // Only the scenarios whose objectives were judged: search-staging (env=staging) is not in the section.
    expect(html.slice(html.indexOf(`<section id="simulation">`))).not.toContain("search-staging");
  });

  it("finds ./haspec.yaml as check does", () => {
    const dir = workDir({ "haspec.yaml": OBJECTIVES_POLICY });
    const run = runCli(["simulate", DEMO, "--fail", "az:us-east-1a", "--format", "json", ...NOW], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).policy).toMatchObject({ name: "objectives", file: "haspec.yaml" });
  });

  it("writes Markdown and HTML to --output", () => {
    const dir = workDir();
    for (const format of ["markdown", "html"]) {
      const out = join(dir, `sim.${format}`);
      const run = runCli(["simulate", DEMO, "--fail", "az:us-east-1a", "--format", format, "--output", out, ...NOW], { cwd: dir });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe("");
      const text = readFileSync(out, "utf8");
      expect(text).toContain("payments-prod");
      expect(text).toContain(format === "html" ? `<section id="simulation">` : "### az:us-east-1a");
    }
  });

  it("exits 2 with a clear message for a bad --fail, a bad --format and a missing input", () => {
    const bogus = runCli(["simulate", DEMO, "--fail", "bogus"], { cwd: workDir() });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("bogus");
    noStackTrace(bogus.stderr);
    expect(runCli(["simulate", DEMO, "--format", "sarif"], { cwd: workDir() }).code).toBe(2);
    const missing = runCli(["simulate", join(DEMO, "nowhere")], { cwd: workDir() });
    expect(missing.code).toBe(2);
    noStackTrace(missing.stderr);
  });
});
