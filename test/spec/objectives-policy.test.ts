// Loading SPEC §6.3's policy keys: top-level `assumptions` and `objectives.rto/rpo`, durations parsed in one place, mistakes located.
import { describe, expect, it } from "vitest";
import { UserError, type Problem } from "../../src/errors.js";
import { formatDuration, parseDuration } from "../../src/spec/duration.js";
import { loadPolicy } from "../../src/spec/load-policy.js";

const load = (text: string, file = "policies/test.yaml") => loadPolicy(file, async () => text);

async function problemsOf(text: string, file = "policies/test.yaml"): Promise<readonly Problem[]> {
  const err = await load(text, file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).problems;
}

const POLICY = `version: 1
name: p
assumptions:
  client_dns_cache: 5s
  dns_update: 20
targets:
  - name: prod
    require:
      objectives:
        rto: { writer: 60s, az: 2m, region: 1h }
        rpo: { writer: 0s, region: 15m }
`;

describe("durations", () => {
  it("parses 90s, 5m, 1h, 2d and whole seconds; refuses anything else", () => {
    expect([parseDuration("90s"), parseDuration("5m"), parseDuration("1h"), parseDuration("2d"), parseDuration(42), parseDuration("0s")]).toEqual([
      90, 300, 3600, 172800, 42, 0,
    ]);
    for (const bad of ["5", "5x", "1.5h", "-1s", " 5s", "", -1, 1.5, null, "9999999999s"]) expect(parseDuration(bad), String(bad)).toBeUndefined();
  });

  it("says seconds in the policy's own words", () => {
    expect([formatDuration(120), formatDuration(95), formatDuration(3600), formatDuration(172800), formatDuration(0)]).toEqual(["2m", "95s", "1h", "2d", "0s"]);
  });
});

describe("assumptions and objectives in a policy", () => {
  it("loads the assumptions in seconds with their positions, and keeps the objectives as written", async () => {
    const policy = await load(POLICY);
    expect(policy.assumptions).toEqual([
      { name: "client_dns_cache", seconds: 5, position: { line: 4, column: 21 } },
      { name: "dns_update", seconds: 20, position: { line: 5, column: 15 } },
    ]);
    expect(policy.targets[0]!.requirements).toEqual([
      { ruleId: "objectives.rto", option: { writer: "60s", az: "2m", region: "1h" }, position: { line: 10, column: 9 } },
      { ruleId: "objectives.rpo", option: { writer: "0s", region: "15m" }, position: { line: 11, column: 9 } },
    ]);
  });

  it("has no assumptions when the file gives none (the defaults apply)", async () => {
    const policy = await load(POLICY.replace(/assumptions:\n(  .*\n)+/, ""));
    expect(policy.assumptions).toBeUndefined();
  });

  it("refuses a bad duration where it is written, saying what a duration is", async () => {
    const problems = await problemsOf(POLICY.replace("dns_update: 20", "dns_update: 20 seconds").replace("az: 2m", "az: 2min"));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: "policies/test.yaml", line: 5, column: 15, path: "assumptions.dns_update" });
    expect(problems[0]!.message).toMatch(/a duration such as 90s, 5m, 1h or 2d/);
    expect(problems[0]!.message).toContain('"20 seconds"');
    expect(problems[1]).toMatchObject({ line: 10, path: "targets[0].require.objectives.rto.az" });
    expect(problems[1]!.message).toContain('"2min"');
  });

  it("refuses a negative or fractional number of seconds", async () => {
    const problems = await problemsOf(POLICY.replace("dns_update: 20", "dns_update: -5").replace("writer: 0s", "writer: 1.5"));
    expect(problems.map((p) => p.path)).toEqual(["assumptions.dns_update", "targets[0].require.objectives.rpo.writer"]);
  });

  it("refuses an unknown assumption, with a did-you-mean", async () => {
    const problems = await problemsOf(POLICY.replace("client_dns_cache: 5s", "client_dns_cach: 5s"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, column: 3, path: "assumptions.client_dns_cach", message: 'unknown assumption "client_dns_cach"', hint: 'did you mean "client_dns_cache"?' });
  });

  it("lists the assumptions when a name is nothing like one", async () => {
    const [p] = await problemsOf(POLICY.replace("client_dns_cache: 5s", "jvm: 5s"));
    expect(p!.hint).toBe("the assumptions are client_dns_cache, dns_update, pool_max_lifetime, instance_launch, instance_recovery, target_health_check, lb_dns_failover");
  });

  it("refuses an unknown disruption kind in an objective, and an empty objective", async () => {
    const problems = await problemsOf(POLICY.replace("rpo: { writer: 0s, region: 15m }", "rpo: { writr: 0s }").replace("rto: { writer: 60s, az: 2m, region: 1h }", "rto: {}"));
    expect(problems.find((p) => p.path === "targets[0].require.objectives.rpo.writr")).toMatchObject({ line: 11, hint: 'did you mean "writer"?' });
    expect(problems.find((p) => p.path === "targets[0].require.objectives.rto")).toMatchObject({ line: 10 });
  });
});
