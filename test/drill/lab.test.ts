// Drills in the real local lab (MariaDB, dnsmasq, the proxy stand-in, the fake AWS API): measured downtimes match the lab's delays, a client DNS cache makes the simple probe's longer, and interrupted drills still write their record.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLab, LAB_SECRET_ARN, PROBE_PASSWORD, type Lab } from "../../scripts/lab/lab.js";
import { prepareDrill } from "../../src/drill/plan.js";
import { parseProtect } from "../../src/drill/refusals.js";
import { runDrill } from "../../src/drill/run.js";
import { REPO } from "../support/run-cli.js";
import { drillRecordErrors, haspecIn } from "./support.js";

const PROMOTE_MS = 1_500;
const DNS_MS = 3_000;

let lab: Lab;
/** Every file the tests write goes under here, removed at the end. */
const TMP = mkdtempSync(join(tmpdir(), "haspec-drill-lab-"));
beforeAll(async () => {
  lab = await startLab({ promoteMs: PROMOTE_MS, dnsMs: DNS_MS });
}, 120_000);
afterAll(async () => {
  await lab?.stop();
  rmSync(TMP, { recursive: true, force: true });
}, 60_000);
afterEach(async () => {
  lab.failFailover = false;
  lab.hangFailover = false;
  await lab.settled();
  await lab.setProbePassword(PROBE_PASSWORD);
});

const out = () => join(mkdtempSync(join(TMP, "run-")), "record.json");
const failovers = () => lab.aws.log.filter((r) => r.action === "FailoverDBCluster").length;
type ProbeRecord = Record<string, unknown> & { probe: string; writeDowntimeSeconds: number | null };
const probe = (record: { measured: { probes: ProbeRecord[] } }, name: string) => record.measured.probes.find((p) => p.probe === name)!;

async function drill(args: string[], env: Record<string, string> = {}) {
  const file = out();
  const run = await haspecIn(["drill", ...lab.args, "--yes", "--format", "json", "--output", file, ...args], { ...lab.env, ...env });
  const record = JSON.parse(readFileSync(file, "utf8"));
  return { ...run, record };
}

describe("haspec drill --yes in the lab", () => {
  it("measures each probe's write downtime within a second of the lab's delays: simple (DNS), aware (topology) and proxy (promotion)", async () => {
    const before = failovers();
    const writer = lab.writer();
    const run = await drill([]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(run.record);
    expect(drillRecordErrors(run.record)).toEqual([]);
    const r = run.record;
    expect(r.status).toBe("pass");
    expect(r.measured.writerBefore).toBe(writer);
    expect(r.measured.writerAfter).not.toBe(writer);
    expect(r.predicted.writerAfter).toEqual([r.measured.writerAfter]);
    const simple = probe(r, "simple").writeDowntimeSeconds!;
    const aware = probe(r, "aware").writeDowntimeSeconds!;
    const proxy = probe(r, "proxy").writeDowntimeSeconds!;
    console.log(`lab drill, promotion ${PROMOTE_MS} ms, DNS ${DNS_MS} ms: simple ${simple} s, aware ${aware} s, proxy ${proxy} s`);
    expect(Math.abs(simple - DNS_MS / 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs(aware - PROMOTE_MS / 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs(proxy - PROMOTE_MS / 1000)).toBeLessThanOrEqual(1);
    expect(aware).toBeLessThan(simple);
    expect(proxy).toBeLessThan(simple);
    expect(r.events.map((e: { id: string }) => e.id)).toEqual(["RDS-EVENT-0073", "RDS-EVENT-0071"]);
    // One write, sent once every probe had reached the writer.
    expect(failovers() - before).toBe(1);
    expect(Date.parse(r.failover.requestedAt)).toBeGreaterThan(Date.parse(r.startedAt));
    expect(JSON.stringify(run.record)).not.toContain(PROBE_PASSWORD);
    // Every action the drill sent is granted by the shipped drill policy.
    const policy = JSON.parse(readFileSync(join(REPO, "examples/iam/haspec-drill-policy.json"), "utf8")) as { Statement: { Action: string[] }[] };
    const granted = new Set(policy.Statement.flatMap((s) => s.Action.map((a) => a.split(":")[1])));
    expect([...new Set(lab.aws.log.map((l) => l.action))].filter((a) => !granted.has(a))).toEqual([]);
  }, 60_000);

  it("the simple probe with a 30 s client DNS cache measures a longer downtime than with none", async () => {
    const none = await drill(["--probe", "simple", "--client-dns-cache", "0"]);
    await lab.settled();
    const cached = await drill(["--probe", "simple", "--client-dns-cache", "30", "--duration", "60s"]);
    const a = probe(none.record, "simple").writeDowntimeSeconds!;
    const b = probe(cached.record, "simple").writeDowntimeSeconds!;
    console.log(`simple probe: DNS cache 0 s → ${a} s, 30 s → ${b} s`);
    expect(probe(cached.record, "simple")["dnsCacheSeconds"]).toBe(30);
    expect(b).toBeGreaterThan(a + 10);
    expect(b).toBeLessThanOrEqual(31);
    expect(drillRecordErrors(cached.record)).toEqual([]);
  }, 90_000);

  it("judged against the policy's objectives.rto.writer: a simple probe over 2 s fails the drill, exit 1", async () => {
    const policy = join(TMP, "policy.yaml");
    writeFileSync(policy, "version: 1\nname: lab\ntargets:\n  - name: all\n    require:\n      objectives:\n        rto: { writer: 2s }\n");
    const run = await drill(["--probe", "simple", "--probe", "proxy", "--policy", policy]);
    expect(run.code).toBe(1);
    expect(run.record.objective).toEqual({ rto: 2, from: "policy" });
    expect(probe(run.record, "simple").writeDowntimeSeconds!).toBeGreaterThan(2);
    expect(probe(run.record, "proxy").writeDowntimeSeconds!).toBeLessThanOrEqual(2);
    expect(run.record.status).toBe("fail");
  }, 60_000);

  it("the control plane failing FailoverDBCluster: a record saying so, status fail, exit 1 (login from --db-secret-arn)", async () => {
    lab.failFailover = true;
    const writer = lab.writer();
    const run = await drill(["--db-secret-arn", LAB_SECRET_ARN], { HASPEC_DB_USER: "", HASPEC_DB_PASSWORD: "" });
    expect(lab.aws.log.some((l) => l.action === "GetSecretValue")).toBe(true);
    expect(run.code).toBe(1);
    expect(drillRecordErrors(run.record)).toEqual([]);
    expect(run.record.status).toBe("fail");
    expect(run.record.failover.error).toMatch(/AccessDenied/);
    expect(run.record.measured.probes.every((p: { stopped?: string }) => p.stopped === "FailoverDBCluster failed: nothing to measure")).toBe(true);
    expect(lab.writer()).toBe(writer);
  }, 60_000);

  it("a control plane that never answers FailoverDBCluster: the call times out, the record says the failover may have started", async () => {
    lab.hangFailover = true;
    const run = await drill(["--probe", "proxy"], { HASPEC_AWS_RESPONSE_TIMEOUT_MS: "1500" });
    expect(run.code).toBe(1);
    expect(drillRecordErrors(run.record)).toEqual([]);
    expect(run.record.failover.error).toMatch(/ResponseTimeout/);
    expect(run.record.notes.join("\n")).toMatch(/got no answer .*may have started the failover anyway/);
    expect(run.record.status).toBe("fail");
  }, 60_000);

  it("a probe losing its credentials mid-drill: the record says so, status fail", async () => {
    const before = failovers();
    const running = drill(["--probe", "simple", "--duration", "20s"]);
    while (failovers() === before) await new Promise((r) => setTimeout(r, 20));
    await lab.setProbePassword("changed-by-the-test");
    const run = await running;
    expect(run.code).toBe(1);
    expect(drillRecordErrors(run.record)).toEqual([]);
    const simple = probe(run.record, "simple");
    expect(simple.writeDowntimeSeconds).toBeNull();
    expect(simple["stopped"]).toMatch(/refused the probe's credentials .*lost its credentials/);
    expect(run.record.status).toBe("fail");
  }, 60_000);

  it("stopped before the call: a record saying nothing was changed, and no write sent", async () => {
    const before = failovers();
    const env = { ...process.env, ...lab.env };
    // The SDK's credential chain reads the process's environment.
    const saved = { ...process.env };
    Object.assign(process.env, lab.env);
    const { plan, aws } = await prepareDrill(
      { cluster: lab.cluster, region: lab.region, endpointUrl: lab.aws.url, probes: [], policies: [], protect: [parseProtect("env=prod*")], allowProtected: false },
      { cwd: REPO, env, now: () => new Date() },
    );
    try {
      const stop = new AbortController();
      stop.abort();
      const record = await runDrill(plan, aws, { durationSeconds: 30, dnsServer: lab.dnsServer, env, now: () => new Date(), signal: stop.signal });
      expect(drillRecordErrors(record)).toEqual([]);
      expect(record.interrupted).toMatch(/before FailoverDBCluster was sent: nothing was changed/);
      expect(record.failover.requestedAt).toBeNull();
      expect(record.status).toBe("fail");
    } finally {
      aws.destroy();
      for (const k of Object.keys(lab.env)) if (saved[k] === undefined) delete process.env[k];
      Object.assign(process.env, saved);
    }
    expect(failovers()).toBe(before);
  }, 60_000);

  it("Ctrl-C (SIGINT) after the call: the CLI still writes the record, saying it was stopped", async () => {
    const before = failovers();
    const file = out();
    const child = spawn(process.execPath, ["--import", "tsx", join(REPO, "test/drill/cli-entry.ts"), "drill", ...lab.args, "--yes", "--output", file], {
      cwd: REPO,
      env: { ...process.env, ...lab.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    const deadline = Date.now() + 60_000;
    while (failovers() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGINT");
    const code = await exited;
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const record = JSON.parse(readFileSync(file, "utf8"));
    expect(drillRecordErrors(record)).toEqual([]);
    expect(record.interrupted).toMatch(/SIGINT.*after FailoverDBCluster/);
    expect(record.status).toBe("fail");
    expect(stdout).toContain("interrupted: stopped (SIGINT)");
  }, 90_000);
});
