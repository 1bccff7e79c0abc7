// A plan's end state and what users see of it: the same verdicts from compact or pretty-printed JSON, with or without planned_values; errored plans never pass; BOM, non-ASCII text and error positions.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import type { Inventory } from "../../../src/model/inventory.js";
import { RULES } from "../../../src/rules/index.js";
import { readTerraformPlan } from "../../../src/sources/terraform-plan/index.js";
import { UserError } from "../../../src/errors.js";
import { generatePlan } from "../../../scripts/bench/terraform.mjs";
import { policy, target } from "../../support/policy.js";
import { PLANS } from "./support.js";

const fixture = (name: string): Record<string, any> => JSON.parse(readFileSync(join(PLANS, `${name}.json`), "utf8")) as Record<string, any>;

/** Every rule with its documented example option. */
const EVERY_RULE = Object.fromEntries(RULES.map((r) => [r.id, r.example]));

/** Every result of every rule, as `address rule status message`. */
function verdicts(inventory: Inventory): string[] {
  const evaluation = evaluate([policy({ targets: [target({ require: EVERY_RULE })] })], inventory, { now: new Date("2026-11-22T10:00:00Z") });
  return evaluation.results.map((r) => `${r.resource.address} ${r.rule} ${r.status} ${r.message}`);
}

function writePlan(name: string, text: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "haspec-plan-")), name);
  writeFileSync(file, text);
  return file;
}

const judge = async (plan: unknown, indent?: number): Promise<string[]> => verdicts(await readTerraformPlan([writePlan("plan.json", JSON.stringify(plan, null, indent))]));

async function failure(file: string): Promise<UserError> {
  const e = await readTerraformPlan([file]).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

/** A deposed copy of orders_a (the old writer a create_before_destroy replacement left running), which the plan destroys. */
function withDeposedWriter(plan: Record<string, any>): Record<string, any> {
  const changes: any[] = plan["resource_changes"];
  const old = structuredClone(changes.find((rc) => rc.address === "aws_rds_cluster_instance.orders_a"));
  old.deposed = "0a1b2c3d";
  old.change = { ...old.change, actions: ["delete"], before: { ...old.change.before, identifier: "orders-prod-a-old" }, after: null, after_unknown: {} };
  changes.push(old);
  return plan;
}

const PLAN_NAMES = readdirSync(PLANS)
  .filter((n) => n.endsWith(".json"))
  .map((n) => n.replace(/\.json$/, ""));

describe("the end state of a plan", () => {
  const plans: [string, () => Record<string, any>][] = [
    ...PLAN_NAMES.map((n): [string, () => Record<string, any>] => [n, () => fixture(n)]),
    ["reader-removal with a deposed writer", () => withDeposedWriter(fixture("reader-removal"))],
    ["generated 400-resource plan", () => generatePlan(400) as Record<string, any>],
  ];

  it.each(plans)("%s: the same verdicts from compact and pretty-printed JSON, and from the changes alone", async (_name, make) => {
    const compact = await judge(make());
    expect(compact.length).toBeGreaterThan(0);
    expect(await judge(make(), 1)).toEqual(compact);
    // A plan without planned_values: its changes' `after` values (which planned_values repeats) are the end state.
    const { planned_values: _planned, ...changesOnly } = make();
    expect(await judge(changesOnly)).toEqual(compact);
  });

  it("notes that a plan without planned_values is judged from its changes", async () => {
    const { planned_values: _planned, ...plan } = fixture("reader-removal");
    const file = writePlan("changes-only.json", JSON.stringify(plan));
    expect((await readTerraformPlan([file])).notes).toContain(`${file} has no planned_values: the end state is taken from resource_changes[].change.after`);
  });

  it("a plan that errored and deferred changes: nothing passes", async () => {
    const results = await judge({ ...fixture("protection-downgrade"), complete: false, errored: true });
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => / pass /.test(r))).toEqual([]);
  });

  it("a plan that only deferred changes (complete: false): nothing passes", async () => {
    const results = await judge({ ...fixture("protection-downgrade"), complete: false });
    expect(results.filter((r) => / pass /.test(r))).toEqual([]);
  });

  it("reads text outside ASCII, and a file that starts with a byte order mark", async () => {
    const plan = fixture("reader-removal");
    for (const rc of plan["resource_changes"]) if (rc.change.after) rc.change.after.tags = { owner: "équipe données ☕" };
    for (const r of plan["prior_state"].values.root_module.resources) r.values.tags = { owner: "ancienne équipe 🗄" };
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(plan), "utf8")]);
    const inventory = await readTerraformPlan([writePlan("bom.json", withBom)]);
    expect(verdicts(inventory)).toEqual(await judge(plan, 1));
    const cluster = inventory.resources.find((r) => r.address === "aws_rds_cluster.orders");
    expect(cluster).toBeDefined();
  });

  it("points at resource_changes when a change is malformed", async () => {
    const plan = fixture("reader-removal");
    delete plan["resource_changes"][0].change;
    const text = JSON.stringify(plan);
    expect((await failure(writePlan("malformed.json", text))).problems[0]).toMatchObject({
      line: 1,
      column: text.indexOf('"resource_changes"') + 1,
      message: expect.stringContaining("resource_changes[0]"),
    });
  });

  it("points at a syntax error's position, after a byte order mark too", async () => {
    const text = JSON.stringify(fixture("reader-removal")).replace('"complete":true', '"complete":tru');
    const column = text.indexOf('"complete":tru') + 12;
    expect((await failure(writePlan("broken.json", text))).problems[0]).toMatchObject({ line: 1, column });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    expect((await failure(writePlan("broken-bom.json", withBom))).problems[0]).toMatchObject({ line: 1, column });
  });
});
