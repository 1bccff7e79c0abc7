// The run session: what check and fix judge, read once, with its evidence and exit code.
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { openRun, type RunContext, type RunOptions } from "../../src/run/session.js";
import { REPO } from "../support/run-cli.js";

const context: RunContext = { cwd: REPO, env: {}, now: () => new Date("2026-12-01T00:00:00Z") };
const live = { regions: [], roleArns: [], env: {}, now: context.now };
const options = (more: Partial<RunOptions> = {}): RunOptions => ({
  inputs: ["examples/demo-fleet"],
  policies: ["policies/aurora-production.yaml"],
  live,
  ...more,
});

describe("openRun", () => {
  it("reads the policies and inputs once; each file input's source carries the sha256 earlier releases reported", async () => {
    const run = await openRun(options(), context);
    expect(run.policies.map((p) => p.name)).toEqual(["aurora-production"]);
    expect(run.inventory.resources.length).toBeGreaterThan(0);
    expect(run.now.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(run.inventory.sources).toEqual([
      { kind: "aws-json", location: "examples/demo-fleet", sha256: "06c9eddbe6125aa3b3e2187c2adb081ab1991126b4f24daf38e4f1368b645c88" },
    ]);
    const plan = await openRun(options({ inputs: ["test/fixtures/plans/cluster-replacement.json"] }), context);
    expect(plan.inventory.sources[0]!.sha256).toBe("8da72c63246931493a6712cba427aa5cf79014ea285f7b050ecd9def0d073447");
  });

  it("judges all at once or streamed to the same results, and turns the summary into SPEC §5's exit code", async () => {
    const run = await openRun(options(), context);
    const whole = run.evaluate();
    const streamed = run.evaluateStream();
    expect([...streamed.results]).toEqual(whole.results);
    expect(streamed.summary()).toEqual(whole.summary);
    expect(whole.summary.fail).toBeGreaterThan(0);
    expect(run.exitCode(whole.summary)).toBe(1);
    const clean = { ...whole.summary, fail: 0 };
    expect(run.exitCode(clean)).toBe(0);
    const strict = await openRun(options({ failOnUnknown: true }), context);
    expect(strict.exitCode({ ...clean, unknown: 1 })).toBe(1);
  });

  it("--framework keeps only the rules mapped to it; --now sets the judging time", async () => {
    const all = await openRun(options(), context);
    const fsbp = await openRun(options({ framework: "fsbp", now: "2027-01-02T03:04:05Z" }), context);
    const count = (run: typeof all) => run.policies.flatMap((p) => p.targets.flatMap((t) => t.requirements)).length;
    expect(count(fsbp)).toBeGreaterThan(0);
    expect(count(fsbp)).toBeLessThan(count(all));
    expect(fsbp.now.toISOString()).toBe("2027-01-02T03:04:05.000Z");
  });

  it("--changed-only keeps what a plan changes, and is a usage error without a plan", async () => {
    const plan = options({ inputs: ["test/fixtures/plans/reader-removal.json"] });
    const changed = await openRun({ ...plan, changedOnly: true }, context);
    expect(changed.inventory.resources.length).toBeGreaterThan(0);
    expect(changed.inventory.resources.every((r) => r.change !== undefined)).toBe(true);
    await expect(openRun(options({ changedOnly: true }), context)).rejects.toThrow(/--changed-only needs a Terraform plan/);
  });

  it("refuses a bad --now or --var, and a missing policy, as the user's to fix", async () => {
    await expect(openRun(options({ now: "yesterday" }), context)).rejects.toThrow(UserError);
    await expect(openRun(options({ vars: ["novalue"] }), context)).rejects.toThrow(/--var "novalue" is not NAME=VALUE/);
    await expect(openRun(options({ policies: [] }), { ...context, cwd: "/" })).rejects.toThrow(/no policy given/);
  });
});
