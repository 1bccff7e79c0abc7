// Drills in the PostgreSQL lab (two PostgreSQL 15 servers as an Aurora PostgreSQL cluster, dnsmasq, the proxy stand-in, the fake AWS API): the PostgreSQL probes measure the lab's delays.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startLab, PROBE_PASSWORD, type Lab } from "../../scripts/lab/lab.js";
import { drillRecordErrors, haspecIn } from "./support.js";

const PROMOTE_MS = 1_500;
const DNS_MS = 3_000;

let lab: Lab;
const TMP = mkdtempSync(join(tmpdir(), "haspec-drill-pg-lab-"));
beforeAll(async () => {
  lab = await startLab({ engine: "postgresql", promoteMs: PROMOTE_MS, dnsMs: DNS_MS });
}, 120_000);
afterAll(async () => {
  await lab?.stop();
  rmSync(TMP, { recursive: true, force: true });
}, 60_000);
afterEach(async () => {
  await lab.settled();
  await lab.setProbePassword(PROBE_PASSWORD);
});

const failovers = () => lab.aws.log.filter((r) => r.action === "FailoverDBCluster").length;
type ProbeRecord = Record<string, unknown> & { probe: string; writeDowntimeSeconds: number | null };
const probe = (record: { measured: { probes: ProbeRecord[] } }, name: string) => record.measured.probes.find((p) => p.probe === name)!;

async function drill(args: string[]) {
  const file = join(mkdtempSync(join(TMP, "run-")), "record.json");
  const run = await haspecIn(["drill", ...lab.args, "--yes", "--format", "json", "--output", file, ...args], lab.env);
  return { ...run, record: JSON.parse(readFileSync(file, "utf8")) };
}

describe("haspec drill --yes in the PostgreSQL lab", () => {
  it("the lab's servers answer Aurora PostgreSQL's questions: pg_is_in_recovery() and aurora_db_instance_identifier() from the lab, writes refused on the reader", async () => {
    const pg = (await import("pg")).default;
    const reader = Object.keys(lab.names.instances).find((id) => id !== lab.writer())!;
    const answers: Record<string, unknown> = {};
    for (const [id, host] of [[lab.writer(), "127.0.0.2"], [reader, "127.0.0.3"]] as const) {
      const c = new pg.Client({ host, port: lab.port, user: lab.env["HASPEC_DB_USER"], password: PROBE_PASSWORD, database: "postgres" });
      await c.connect();
      try {
        answers[id] = (await c.query("SELECT pg_is_in_recovery() AS r, aurora_db_instance_identifier() AS id")).rows[0];
        if (id === reader) await expect(c.query("CREATE TEMP TABLE t (x int)")).rejects.toThrow(/read-only transaction/);
      } finally {
        await c.end();
      }
    }
    expect(answers).toEqual({ [lab.writer()]: { r: false, id: lab.writer() }, [reader]: { r: true, id: reader } });
  }, 30_000);

  it("measures each probe's write downtime within a second of the lab's delays: simple (DNS), aware (aurora_replica_status) and proxy (promotion)", async () => {
    const before = failovers();
    const writer = lab.writer();
    const run = await drill([]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(drillRecordErrors(run.record)).toEqual([]);
    const r = run.record;
    expect(r.status).toBe("pass");
    expect(r.measured.writerBefore).toBe(writer);
    expect(r.measured.writerAfter).not.toBe(writer);
    expect(r.measured.writerAfter).toBe(lab.writer());
    const simple = probe(r, "simple").writeDowntimeSeconds!;
    const aware = probe(r, "aware").writeDowntimeSeconds!;
    const proxy = probe(r, "proxy").writeDowntimeSeconds!;
    console.log(`PostgreSQL lab drill, promotion ${PROMOTE_MS} ms, DNS ${DNS_MS} ms: simple ${simple} s, aware ${aware} s, proxy ${proxy} s`);
    expect(Math.abs(simple - DNS_MS / 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs(aware - PROMOTE_MS / 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs(proxy - PROMOTE_MS / 1000)).toBeLessThanOrEqual(1);
    expect(aware).toBeLessThan(simple);
    expect(r.events.map((e: { id: string }) => e.id)).toEqual(["RDS-EVENT-0073", "RDS-EVENT-0071"]);
    expect(failovers() - before).toBe(1);
    expect(JSON.stringify(r)).not.toContain(PROBE_PASSWORD);
  }, 60_000);

  it("a probe losing its credentials mid-drill (SQLSTATE 28P01): the record says so, status fail", async () => {
    const before = failovers();
    const running = drill(["--probe", "simple", "--duration", "20s"]);
    while (failovers() === before) await new Promise((r) => setTimeout(r, 20));
    await lab.setProbePassword("changed-by-the-test");
    const run = await running;
    expect(run.code).toBe(1);
    expect(drillRecordErrors(run.record)).toEqual([]);
    const simple = probe(run.record, "simple");
    expect(simple.writeDowntimeSeconds).toBeNull();
    expect(simple["stopped"]).toMatch(/refused the probe's credentials .*28P01.*lost its credentials/);
    expect(JSON.stringify(run.record)).not.toContain("changed-by-the-test");
  }, 60_000);

  it("the simple probe with a 30 s client DNS cache measures longer than the DNS delay", async () => {
    const cached = await drill(["--probe", "simple", "--client-dns-cache", "30", "--duration", "60s"]);
    const b = probe(cached.record, "simple").writeDowntimeSeconds!;
    console.log(`PostgreSQL lab, simple probe with a 30 s DNS cache: ${b} s`);
    expect(probe(cached.record, "simple")["dnsCacheSeconds"]).toBe(30);
    expect(b).toBeGreaterThan(DNS_MS / 1000 + 10);
    expect(b).toBeLessThanOrEqual(31);
    expect(drillRecordErrors(cached.record)).toEqual([]);
  }, 90_000);
});
