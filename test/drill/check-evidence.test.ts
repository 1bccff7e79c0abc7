// A drill record given to `check` beside the databases decides objectives.drilled_within, in every report format.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPORTERS } from "../../src/report/index.js";
import { labFleet, LAB_ACCOUNT, LAB_CLUSTER, LAB_REGION } from "../../scripts/lab/fleet.js";
import { drillRecordErrors, haspecIn } from "./support.js";

const NOW = "2026-11-22T10:00:00Z";
const TMP = mkdtempSync(join(tmpdir(), "haspec-drill-check-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function record(status: "pass" | "fail", finishedAt: string, downtime: number | null = 3.1) {
  return {
    kind: "haspec-drill",
    tool: { name: "haspec", version: "0.1.0" },
    cluster: { id: LAB_CLUSTER, region: LAB_REGION, account: LAB_ACCOUNT, address: `arn:aws:rds:${LAB_REGION}:${LAB_ACCOUNT}:cluster:${LAB_CLUSTER}` },
    startedAt: new Date(Date.parse(finishedAt) - 20_000).toISOString(),
    finishedAt,
    predicted: { writerAfter: [`${LAB_CLUSTER}-2`], rto: { low: 0, high: 60, bound: "estimate" } },
    measured: {
      writerBefore: `${LAB_CLUSTER}-1`,
      writerAfter: `${LAB_CLUSTER}-2`,
      probes: [
        { probe: "simple", endpoint: "x:3306", dnsCacheSeconds: 0, writeDowntimeSeconds: downtime, firstFailureAt: finishedAt, recoveredAt: downtime === null ? null : finishedAt, errors: 0, readOnlyAnswers: 3 },
      ],
    },
    events: [{ id: "RDS-EVENT-0071", at: finishedAt, message: `Completed failover to DB instance: ${LAB_CLUSTER}-2` }],
    objective: { rto: 60, from: "policy" },
    status,
    failover: { requestedAt: finishedAt, target: null },
    notes: [],
  };
}

/** The lab cluster as AWS CLI JSON, a policy asking for a drill within 30 days, and the drill records. */
function workspace(records: Record<string, unknown>[]) {
  const dir = mkdtempSync(join(TMP, "ws-"));
  const fleet = labFleet().accounts[LAB_ACCOUNT]!.regions[LAB_REGION]!;
  mkdirSync(join(dir, "fleet"));
  writeFileSync(join(dir, "fleet/describe-db-clusters.json"), JSON.stringify({ DBClusters: fleet.DBClusters }));
  writeFileSync(join(dir, "fleet/describe-db-instances.json"), JSON.stringify({ DBInstances: fleet.DBInstances }));
  writeFileSync(join(dir, "policy.yaml"), "version: 1\nname: drills\ntargets:\n  - name: all\n    require:\n      objectives:\n        drilled_within: 30d\n");
  const files = records.map((r, i) => {
    expect(drillRecordErrors(r)).toEqual([]);
    const f = join(dir, `drill-${i}.json`);
    writeFileSync(f, JSON.stringify(r, null, 2));
    return f;
  });
  return { dir, files };
}

const check = (dir: string, files: string[], extra: string[] = []) =>
  haspecIn(["check", join(dir, "fleet"), ...files, "-p", join(dir, "policy.yaml"), "--now", NOW, "--no-interactive", ...extra], {});

const result = (stdout: string) => (JSON.parse(stdout).results as { rule: string; status: string; message: string }[]).find((r) => r.rule === "objectives.drilled_within")!;

describe("check with drill records", () => {
  it("a passing drill 12 days old passes drilled_within: 30d, and the record is a source", async () => {
    const { dir, files } = workspace([record("pass", "2026-11-10T09:00:00Z")]);
    const run = await check(dir, files, ["--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(result(run.stdout)).toMatchObject({ status: "pass" });
    expect(result(run.stdout).message).toMatch(/drilled 12 d .*ago .*passed, the longest write downtime was 3.1 s; within 30d/);
    expect(JSON.parse(run.stdout).sources).toContainEqual(expect.objectContaining({ kind: "drill", location: files[0] }));
  });

  it("a failed newest drill, or one too old, fails (exit 1); no record is unknown", async () => {
    const failed = workspace([record("pass", "2026-11-10T09:00:00Z"), record("fail", "2026-11-15T09:00:00Z", 95)]);
    let run = await check(failed.dir, failed.files, ["--format", "json"]);
    expect(run.code).toBe(1);
    expect(result(run.stdout)).toMatchObject({ status: "fail" });
    expect(result(run.stdout).message).toMatch(/a probe measured 95 s of write downtime, over 60 s/);
    const old = workspace([record("pass", "2026-09-01T09:00:00Z")]);
    run = await check(old.dir, old.files, ["--format", "json"]);
    expect(result(run.stdout)).toMatchObject({ status: "fail" });
    const none = workspace([]);
    run = await check(none.dir, [], ["--format", "json"]);
    expect(result(run.stdout)).toMatchObject({ status: "unknown" });
  });

  it("every report format carries a failed drill's verdict", async () => {
    const { dir, files } = workspace([record("fail", "2026-11-10T09:00:00Z", null)]);
    for (const format of Object.keys(REPORTERS)) {
      const out = join(dir, `report.${format}`);
      const run = await check(dir, files, ["--format", format, "--output", out]);
      expect(run.code, `${format}: ${run.stderr}`).toBe(1);
      expect(readFileSync(out, "utf8"), format).toMatch(/drilled_within|drill/);
    }
  });

  it("the audit HTML report shows each cluster's newest drill, predicted against measured", async () => {
    const { dir, files } = workspace([record("fail", "2026-11-01T09:00:00Z", 95), record("pass", "2026-11-12T09:00:00Z")]);
    const out = join(dir, "audit.html");
    const run = await check(dir, files, ["--format", "html", "--output", out]);
    expect(run.code).toBe(0);
    const html = readFileSync(out, "utf8");
    const section = html.slice(html.indexOf('<section id="drills">'), html.indexOf("</section>", html.indexOf('<section id="drills">')));
    expect(section).toContain("<code>haspec-lab</code>");
    expect(section).toContain("2026-11-12T09:00:00.000Z");
    expect(section).not.toContain("2026-11-01T09:00:00.000Z"); // only the newest
    expect(section).toMatch(/0 s – 60 s<\/td><td>simple 3.1 s<\/td><td>60 s<\/td><td><span class="badge s-pass">pass/);
  });

  it("drill records alone are refused (exit 2); a malformed one names its file", async () => {
    const { dir, files } = workspace([record("pass", "2026-11-10T09:00:00Z")]);
    let run = await haspecIn(["check", ...files, "-p", join(dir, "policy.yaml")], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/only drill records were given/);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...record("pass", "2026-11-10T09:00:00Z"), status: "great" }));
    run = await check(dir, [bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.json is not a valid haspec drill record: status must be "pass" or "fail"/);
  });
});
