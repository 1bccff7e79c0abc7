// Issue 18 item 5: a run that judges nothing says so, input that yields nothing is refused, and --fail-on-unknown never passes an empty run.
import { readFileSync } from "node:fs";
import AjvModule from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.js";
import { renderJson } from "../../src/report/json.js";
import { renderSarif } from "../../src/report/sarif.js";
import { renderText } from "../../src/report/text.js";
import { openRun, type RunContext, type RunOptions } from "../../src/run/session.js";
import { REPO, runCli } from "../support/run-cli.js";

const HOSTILE = "test/fixtures/hostile-inputs";
const context: RunContext = { cwd: REPO, env: {}, now: () => new Date("2026-12-01T00:00:00Z") };
const options = (more: Partial<RunOptions>): RunOptions => ({
  inputs: ["examples/demo-fleet"],
  policies: ["policies/aurora-production.yaml"],
  live: { regions: [], roleArns: [], env: {}, now: context.now },
  ...more,
});

const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(new URL("../fixtures/schemas/sarif-schema-2.1.0.json", import.meta.url), "utf8")));

describe("a target that selects nothing", () => {
  const note = /^target invoicing \(test\/fixtures\/hostile-inputs\/selects-nothing\.yaml:5\) of policy selects-nothing selects none of the 20 resources read: its rules judged nothing \(check the match\)/;

  it("is a note in the text, JSON and SARIF reports (it was silent)", async () => {
    const run = await openRun(options({ policies: [`${HOSTILE}/selects-nothing.yaml`] }), context);
    const ev = run.evaluate();
    expect(ev.summary.resources).toBeGreaterThan(0);
    expect(ev.notes).toEqual(expect.arrayContaining([expect.stringMatching(note)]));
    // The target that does select something is not noted.
    expect(ev.notes.some((n) => n.startsWith("target orders "))).toBe(false);
    expect(renderText(ev)).toMatch(/Notes:\n(  - .*\n)*  - target invoicing \(/);
    expect((JSON.parse(renderJson(ev)) as { notes: string[] }).notes).toEqual(expect.arrayContaining([expect.stringMatching(note)]));
    const sarif = JSON.parse(renderSarif(ev));
    expect(validateSarif(sarif)).toBe(true);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual(
      expect.arrayContaining([{ level: "note", message: { text: expect.stringMatching(note) } }]),
    );
  });

  it("leaves the exit code to the targets that judged something, also with --fail-on-unknown", async () => {
    const run = await openRun(options({ policies: [`${HOSTILE}/selects-nothing.yaml`], failOnUnknown: true }), context);
    const ev = run.evaluate();
    expect(ev.summary).toMatchObject({ fail: 0, unknown: 0 });
    expect(run.exitCode(ev.summary)).toBe(0);
  });
});

describe("input that yields nothing", () => {
  it('"DBClusters": null in a directory is exit 2 at the key, saying what was expected (it was skipped: 0 judged, exit 0)', async () => {
    const error = await openRun(options({ inputs: [`${HOSTILE}/null-clusters`] }), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      {
        file: `${HOSTILE}/null-clusters/describe-db-clusters.json`,
        line: 2,
        column: 3,
        message: "DBClusters is null, not a list: expected the list aws rds describe-db-clusters prints (an empty list [] when there is nothing)",
        hint: expect.stringContaining("--output json"),
      },
    ]);
  });

  it("a file none of whose entries can be read is exit 2, named or in a directory (it was 0 judged, exit 0)", async () => {
    for (const input of [`${HOSTILE}/invalid-entries`, `${HOSTILE}/invalid-entries/describe-db-clusters.json`]) {
      const error = await openRun(options({ inputs: [input] }), context).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).problems[0]).toMatchObject({
        file: `${HOSTILE}/invalid-entries/describe-db-clusters.json`,
        line: 2,
        message: expect.stringMatching(/^none of the 3 entries of DBClusters can be read \(skipped a DBCluster in .* without a DBClusterIdentifier\)$/),
      });
    }
  });

  it("an account without databases is read, noted, and not compliant under --fail-on-unknown (it was exit 0)", async () => {
    const lenient = await openRun(options({ inputs: [`${HOSTILE}/empty-fleet`] }), context);
    const ev = lenient.evaluate();
    expect(ev.summary.resources).toBe(0);
    expect(ev.notes).toContain("the inputs hold no Aurora cluster, Multi-AZ DB cluster or DB instance: nothing was judged");
    expect(lenient.exitCode(ev.summary)).toBe(0);
    const strict = await openRun(options({ inputs: [`${HOSTILE}/empty-fleet`], failOnUnknown: true }), context);
    expect(strict.exitCode(strict.evaluate().summary)).toBe(1);
    const nothingSelected = await openRun(options({ policies: [`${HOSTILE}/selects-nothing.yaml`], inputs: ["test/fixtures/plans/new-aurora-cluster.json"], failOnUnknown: true }), context);
    expect(nothingSelected.exitCode(nothingSelected.evaluate().summary)).toBe(1);
  });

  it("from the command line: exit 2 with the file and no stack trace; --fail-on-unknown on nothing judged is exit 1", () => {
    const nullRun = runCli(["check", "-p", "policies/aurora-production.yaml", `${HOSTILE}/null-clusters`, "--no-interactive"]);
    expect(nullRun.code).toBe(2);
    expect(nullRun.stderr).toContain(`${HOSTILE}/null-clusters/describe-db-clusters.json:2:3: DBClusters is null`);
    const empty = runCli(["check", "-p", "policies/aurora-production.yaml", `${HOSTILE}/empty-fleet`, "--fail-on-unknown", "--no-interactive"]);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain("nothing was judged");
  });
});
