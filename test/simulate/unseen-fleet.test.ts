// Outside cross-check of `haspec simulate` and `check` (issue 20): random fleets built in moto, saved with the AWS CLI, judged against a Python oracle written from AWS's documentation.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

const HERE = join(import.meta.dirname, "unseen-fleet");
/** HASPEC_ORACLE_SEEDS=1,2,…,40 runs more fleets locally; the suite runs three. */
const SEEDS = (process.env["HASPEC_ORACLE_SEEDS"] ?? "11,12,13").split(",").map(Number);

interface Expected {
  resource: string;
  disruption: string;
  runsIn: string[];
  outcome: string | null;
  after: string[] | null;
  affected: boolean | null;
  rto_min: number | null;
  rpo_min: number | null;
  unbounded: boolean | null;
  rpo_unbounded?: boolean;
  families?: number;
}
interface Scenario {
  disruption: string;
  resource: { id: string };
  affected: boolean;
  outcome: string;
  writer: { before: string | null; after: string[] };
  rto: { high: number | null; bound: string };
  rpo: { high: number | null; bound: string };
  objectives?: { rto?: number; rpo?: number };
  status?: { rto?: string; rpo?: string };
}
interface Truth {
  all_azs: string[];
  policy: { rto: Record<string, number>; rpo: Record<string, number> };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function python(script: string, args: string[]): string {
  const run = spawnSync("python3", [join(HERE, script), ...args], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`);
  return run.stdout;
}

function json<T>(args: string[]): T {
  const run = runCli(args);
  if (run.code === 2 || run.code === null) throw new Error(`haspec ${args.join(" ")}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** One fleet: what haspec said next to what the oracle expects, and every disagreement in words. */
function judgeFleet(seed: number, url: string) {
  const dir = mkdtempSync(join(tmpdir(), `haspec-oracle-${seed}-`));
  python("generate.py", [String(seed), url, dir]);
  const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")) as Truth;
  const expected = JSON.parse(python("oracle.py", [dir])) as Expected[];
  const dump = join(dir, "dump");
  const fails = ["--fail", "writer", ...truth.all_azs.flatMap((az) => ["--fail", `az:${az}`])];
  const sim = json<{ scenarios: Scenario[] }>(["simulate", dump, "--policy", join(dir, "policy.yaml"), ...fails, "--format", "json"]);
  const check = json<{ results: { resource: { id: string }; rule: string; status: string }[] }>(["check", dump, "--policy", join(dir, "policy.yaml"), "--format", "json"]);

  const problems: string[] = [];
  let compared = 0;
  const byKey = new Map(sim.scenarios.map((s) => [`${s.resource.id} ${s.disruption}`, s]));
  for (const e of expected) {
    const s = byKey.get(`${e.resource} ${e.disruption}`);
    const where = `seed ${seed} ${e.resource} ${e.disruption}`;
    if (s === undefined) {
      problems.push(`${where}: no scenario`);
      continue;
    }
    compared++;
    if (e.outcome !== null && s.outcome !== e.outcome) problems.push(`${where}: outcome ${s.outcome}, expected ${e.outcome}`);
    // haspec names a Multi-AZ DB instance's standby "ID (standby)": the same instance, so the same id here.
    const after = s.writer.after.map((id) => id.replace(/ \(standby\)$/, "")).sort();
    if (e.after !== null && JSON.stringify(after) !== JSON.stringify(e.after)) {
      problems.push(`${where}: promoted ${JSON.stringify(s.writer.after)}, expected ${JSON.stringify(e.after)}`);
    }
    if (e.affected !== null && s.affected !== e.affected) problems.push(`${where}: affected ${s.affected}, expected ${e.affected}`);
    // No false pass: a pass needs a bounded recovery whose least possible worst case fits the objective.
    const kind = e.disruption === "writer" ? "writer" : "az";
    if (s.status?.rto === "pass") {
      const objective = truth.policy.rto[kind]!;
      if (e.unbounded !== false || e.rto_min === null || e.rto_min > objective) problems.push(`${where}: RTO passes ${objective} s, oracle: ${e.unbounded ? "unbounded" : `at least ${e.rto_min} s`}`);
    }
    if (s.status?.rpo === "pass") {
      const objective = truth.policy.rpo[kind]!;
      if (e.rpo_unbounded || e.rpo_min === null || e.rpo_min > objective) problems.push(`${where}: RPO passes ${objective} s, oracle: at least ${e.rpo_min ?? "unbounded"} s`);
    }
    if (s.rto.bound === "estimate" && e.rto_min !== null && (s.rto.high ?? 0) < e.rto_min) problems.push(`${where}: RTO high ${s.rto.high} s below the oracle's ${e.rto_min} s`);
  }
  // check gives, per resource, the verdict of its scenarios: writer and every AZ it runs in.
  const resources = [...new Set(expected.map((e) => e.resource))];
  for (const id of resources) {
    for (const measure of ["rto", "rpo"] as const) {
      const runsIn = expected.find((e) => e.resource === id)!.runsIn;
      const statuses = sim.scenarios
        .filter((s) => s.resource.id === id && (s.disruption === "writer" || runsIn.includes(s.disruption.slice(3))))
        .map((s) => s.status?.[measure] ?? "unknown");
      const combined = statuses.includes("fail") ? "fail" : statuses.every((x) => x === "pass") ? "pass" : "unknown";
      const verdict = check.results.find((r) => r.resource.id === id && r.rule === `objectives.${measure}`)?.status;
      if (verdict !== combined) problems.push(`seed ${seed} ${id}: check objectives.${measure} ${verdict}, simulate ${combined} (${statuses.join(",")})`);
    }
  }
  const failovers = expected.filter((e) => e.outcome === "failover" && e.after !== null);
  const stats = {
    resources: resources.length,
    compared,
    outcomes: countBy(expected.map((e) => e.outcome ?? "no instance")),
    ties: failovers.filter((e) => e.after!.length > 1).length,
    acrossFamilies: failovers.filter((e) => (e.families ?? 0) > 1).length,
    rto: countBy(sim.scenarios.filter((s) => s.outcome !== "none").map((s) => s.status?.rto ?? "-")),
    rpo: countBy(sim.scenarios.filter((s) => s.outcome !== "none").map((s) => s.status?.rpo ?? "-")),
  };
  rmSync(dir, { recursive: true, force: true });
  return { problems, stats };
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

let moto: ChildProcess | undefined;
let url = "";
beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  moto = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${url}/moto-api/`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 30_000);
afterAll(() => {
  moto?.kill();
});

describe("simulate over fleets it has not seen (moto, AWS CLI dump, Python oracle)", () => {
  it.each(SEEDS)("seed %i: promoted instances, outcomes and objectives agree with the oracle; check agrees with simulate", (seed) => {
    const { problems, stats } = judgeFleet(seed, url);
    if (process.env["HASPEC_ORACLE_REPORT"]) console.log(`ORACLE ${JSON.stringify({ seed, disagreements: problems.length, ...stats })}`);
    expect(problems).toEqual([]);
    expect(stats.compared).toBeGreaterThan(stats.resources);
  }, 60_000);
});
