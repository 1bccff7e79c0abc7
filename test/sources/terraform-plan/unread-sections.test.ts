// The plan parse that leaves out planned_values, resource_drift and prior_state: when it applies, when it refuses, and that verdicts do not change.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { RULES } from "../../../src/rules/index.js";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { parsePlanSkippingUnread } from "../../../src/sources/terraform-plan/unread-sections.js";
import { UserError } from "../../../src/errors.js";
import { generatePlan } from "../../../scripts/bench/terraform.mjs";
import { policy, target } from "../../support/policy.js";
import { CORPUS, PLANS } from "./support.js";

const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(PLANS, `${name}.json`), "utf8")) as Record<string, unknown>;

/** Every rule with its documented example option. */
const EVERY_RULE = Object.fromEntries(RULES.map((r) => [r.id, r.example]));

/** Every result of every rule, as `address rule status message`, and the notes. */
function verdicts(inventory: Inventory): { results: string[]; notes: readonly string[] } {
  const evaluation = evaluate([policy({ targets: [target({ require: EVERY_RULE })] })], inventory, { now: new Date("2026-11-22T10:00:00Z") });
  return { results: evaluation.results.map((r) => `${r.resource.address} ${r.rule} ${r.status} ${r.message}`), notes: evaluation.notes };
}

const leanParse = (text: string) => parsePlanSkippingUnread(Buffer.from(text, "utf8"));

function writePlan(name: string, text: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "haspec-lean-")), name);
  writeFileSync(file, text);
  return file;
}

/**
 * Judges a plan from its compact form (which must take the lean parse) and from its pretty-printed
 * form (which must be parsed whole), through the same path, since notes name the file.
 */
async function judgeBothWays(plan: unknown): Promise<{ lean: ReturnType<typeof verdicts>; whole: ReturnType<typeof verdicts> }> {
  const compact = JSON.stringify(plan);
  expect(leanParse(compact), "the compact form takes the lean parse").toBeDefined();
  const pretty = JSON.stringify(plan, null, 1);
  expect(leanParse(pretty), "the pretty-printed form is parsed whole").toBeUndefined();
  const file = writePlan("plan.json", compact);
  const lean = verdicts(await readTerraformPlan([file]));
  writeFileSync(file, pretty);
  return { lean, whole: verdicts(await readTerraformPlan([file])) };
}

describe("parsePlanSkippingUnread", () => {
  it("parses Terraform's compact output without planned_values, resource_drift and prior_state", () => {
    const plan = fixture("reader-removal");
    const ordered = { format_version: plan["format_version"], terraform_version: plan["terraform_version"], variables: { region: { value: "us-east-1" } }, planned_values: plan["planned_values"], resource_drift: [], ...plan };
    const doc = leanParse(JSON.stringify(ordered));
    expect(Object.keys(doc ?? {})).toEqual(["format_version", "terraform_version", "variables", "resource_changes", "configuration", "timestamp", "applyable", "complete", "errored"]);
    expect(doc?.["resource_changes"]).toEqual(plan["resource_changes"]);
    expect(doc?.["configuration"]).toEqual(plan["configuration"]);
  });

  it("parses an older Terraform's plan, which writes neither complete nor errored", () => {
    const doc = leanParse(JSON.stringify({ ...fixture("reader-removal"), applyable: undefined, complete: undefined, errored: undefined }));
    expect(doc && Object.keys(doc)).toEqual(["format_version", "terraform_version", "resource_changes", "configuration", "timestamp"]);
  });

  it("parses a plan with no prior_state (a new configuration) without planned_values", () => {
    const doc = leanParse(JSON.stringify(fixture("new-aurora-cluster")));
    expect(doc && Object.keys(doc)).toEqual(["format_version", "terraform_version", "resource_changes", "configuration", "timestamp", "applyable", "complete", "errored"]);
  });

  describe("leaves the whole parse to the caller (undefined)", () => {
    const plan = fixture("reader-removal");
    const cases: [string, string][] = [
      ["pretty-printed JSON", JSON.stringify(plan, null, 2)],
      ["the sections in another order", JSON.stringify({ format_version: "1.2", prior_state: plan["prior_state"], ...plan })],
      [
        "a key haspec reads inside a stretch that would be cut",
        JSON.stringify({ format_version: "1.2", planned_values: plan["planned_values"], errored: true, resource_changes: plan["resource_changes"], configuration: plan["configuration"], complete: true }),
      ],
      [
        "format_version inside a stretch that would be cut",
        JSON.stringify({ terraform_version: "1.9.5", planned_values: plan["planned_values"], format_version: "1.2", resource_changes: plan["resource_changes"], configuration: plan["configuration"], complete: true, errored: false }),
      ],
      [
        "no complete key where it is parsed, and one inside the prior_state stretch",
        JSON.stringify({ ...plan, complete: undefined }).replace(',"prior_state":{', ',"prior_state":{"complete":false,'),
      ],
      [
        "a variable whose map holds planned_values and resource_changes keys ahead of the real ones",
        JSON.stringify({ format_version: "1.2", variables: { tags: { value: { a: "1", planned_values: "x", resource_changes: "y" } } }, ...plan }),
      ],
      ["invalid JSON", JSON.stringify(plan).replace('"resource_changes":[', '"resource_changes":[,')],
    ];
    it.each(cases)("%s", (_what, text) => {
      expect(leanParse(text)).toBeUndefined();
    });

    it("a cut that would land on nested prior_state and configuration keys after the real ones", () => {
      const configuration = structuredClone(plan["configuration"]) as { root_module: { resources: { expressions: Record<string, unknown> }[] } };
      configuration.root_module.resources[0]!.expressions["tags"] = { constant_value: { a: "1", prior_state: "x", configuration: "y" } };
      expect(leanParse(JSON.stringify({ ...plan, configuration }))).toBeUndefined();
    });
  });
});

describe("the lean parse judges exactly as the whole parse", () => {
  const names = readdirSync(PLANS).filter((n) => n.endsWith(".json"));

  it.each([...names.map((n) => [n, fixture(n.replace(/\.json$/, ""))] as const), ["generated 400-resource plan", generatePlan(400)] as const])("%s", async (_name, plan) => {
    const { lean, whole } = await judgeBothWays(plan);
    expect(lean.results.length).toBeGreaterThan(0);
    expect(lean).toEqual(whole);
  });

  it("a plan that errored and deferred changes: nothing passes either way", async () => {
    const { lean, whole } = await judgeBothWays({ ...fixture("protection-downgrade"), complete: false, errored: true });
    expect(lean.results.length).toBeGreaterThan(0);
    expect(lean).toEqual(whole);
    expect(lean.results.filter((r) => / pass /.test(r))).toEqual([]);
  });

  it("decodes text outside ASCII across the cuts, and reads a file that starts with a byte order mark", async () => {
    const plan = fixture("reader-removal") as Record<string, any>;
    for (const rc of plan["resource_changes"]) if (rc.change.after) rc.change.after.tags = { owner: "équipe données ☕" };
    for (const r of plan["prior_state"].values.root_module.resources) r.values.tags = { owner: "ancienne équipe 🗄" };
    const compact = JSON.stringify(plan);
    const doc = leanParse(compact) as { resource_changes: { change: { after: { tags?: unknown } | null } }[] } | undefined;
    expect(doc?.resource_changes.find((rc) => rc.change.after)?.change.after?.tags).toEqual({ owner: "équipe données ☕" });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(compact, "utf8")]);
    const leanRead = verdicts(await readTerraformPlan([writePlan("bom.json", withBom)]));
    const whole = verdicts(await readTerraformPlan([writePlan("pretty.json", JSON.stringify(plan, null, 1))]));
    expect(leanRead).toEqual(whole);
  });

  it("points at the key when a leanly parsed plan is malformed (the text is decoded for the position)", async () => {
    const plan = fixture("reader-removal") as Record<string, any>;
    delete plan["resource_changes"][0].change;
    const text = JSON.stringify(plan);
    expect(leanParse(text)).toBeDefined();
    const failure = await readTerraformPlan([writePlan("malformed.json", text)]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).problems[0]).toMatchObject({ line: 1, column: text.indexOf('"resource_changes"') + 1, message: expect.stringContaining("resource_changes[0]") });
  });

  // Plans other checkers keep as fixtures, written by Terraform versions older than the `complete` and `errored` keys.
  const corpusPlans = existsSync(CORPUS) ? readdirSync(CORPUS, { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(".json")) : [];
  it.skipIf(corpusPlans.length === 0).each(corpusPlans)("corpus plan %s", async (name) => {
    const { lean, whole } = await judgeBothWays(JSON.parse(readFileSync(join(CORPUS, name), "utf8")));
    expect(lean).toEqual(whole);
    expect(lean.results.length).toBeGreaterThan(0);
  });

  it("reads a syntax error's position from the whole text", async () => {
    const text = JSON.stringify(fixture("reader-removal")).replace('"complete":true', '"complete":tru');
    const failure = await readTerraformPlan([writePlan("broken.json", text)]).then(
      () => undefined,
      (e: unknown) => e as { problems: { line: number; column: number }[] },
    );
    expect(failure?.problems[0]).toMatchObject({ line: 1, column: text.indexOf('"complete":tru') + 12 });
  });
});
