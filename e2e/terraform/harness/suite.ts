// The tests of one estate: read back every way haspec reads, then (optionally) the fix loop for AWS-JSON, snapshot and live inputs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEstate, disagreements, INPUT_KINDS, readBack, readExpected, type AppliedEstate } from "./estate.js";
import { cdktfRoot, emitFix, hclRoot, planProblems, type EmittedFix, type FixInput } from "./fix-loop.js";
import { checkVerdicts } from "./haspec.js";
import type { Terraform } from "./terraform.js";

export function estateSuite(name: string, options: { fixLoop?: boolean } = {}): void {
  describe(`estate ${name}`, () => {
    let estate: AppliedEstate;
    beforeAll(async () => {
      estate = await applyEstate(name);
    }, 900_000);
    afterAll(() => estate?.close());

    for (const kind of INPUT_KINDS) {
      it(`read back as ${kind} gives the expected verdicts`, async () => {
        expect(disagreements(readExpected(name), kind, await readBack(estate, kind))).toEqual([]);
      });
    }

    if (!options.fixLoop) return;
    describe("fix loop (AWS-JSON, snapshot and live inputs → HCL with import blocks and CDKTF)", () => {
      const fixes = new Map<FixInput, EmittedFix>();
      const roots = new Map<string, { tf: Terraform; fix: EmittedFix }>();

      it("haspec fix writes the same changes from AWS-JSON, snapshot and live input", async () => {
        for (const input of ["aws-json", "snapshot", "live"] as const) fixes.set(input, await emitFix(estate, input));
        const claims = [...fixes.values()].map((f) => f.claimedFixed.toSorted());
        expect(claims[0]!.length).toBeGreaterThan(0);
        expect(claims[1]).toEqual(claims[0]);
        expect(claims[2]).toEqual(claims[0]);
      });

      // Every root is planned before anything is applied: all of them start from the estate as Terraform left it.
      // The four run side by side (most of their time is the provider starting).
      it("HCL (from AWS-JSON, snapshot, live) and CDKTF: init, validate, plan with no destroy, no replacement, only the remedies' attributes", async () => {
        const problems = await Promise.all(
          ROOTS.map(async ([label, input, kind]) => {
            const fix = fixes.get(input)!;
            const tf = kind === "hcl" ? await hclRoot(fix, estate) : await cdktfRoot(fix, estate);
            const found = planProblems(await tf.planJson(), fix.remedyAttributes);
            roots.set(label, { tf, fix });
            return found.map((p) => `${label}: ${p}`);
          }),
        );
        expect(problems.flat()).toEqual([]);
      });

      it("HCL from AWS-JSON applies to moto, and the live re-check passes every failure the README claims to fix", async () => {
        const { tf, fix } = roots.get("HCL from AWS-JSON")!;
        await tf.apply();
        await expectClaimsPass(estate, fix);
      });

      // The CDKTF was written from the same input as the HCL, so its per-database blocks (an event subscription named
      // after its cluster) are already there; what must not collide are the account-wide resources two fixes share.
      it("CDKTF's account-wide resources (monitoring role, event topic) apply beside the first fix's without a name collision", async () => {
        const { tf } = roots.get("CDKTF from AWS-JSON")!;
        const plan = await tf.planJson();
        const shared = (plan.resource_changes ?? [])
          .filter((rc: any) => ACCOUNT_WIDE.has(rc.type) && rc.change.actions.includes("create"))
          .map((rc: any) => rc.address as string);
        if (shared.length === 0) return;
        await tf.run(["apply", "-no-color", "-input=false", "-auto-approve", ...shared.map((a: string) => `-target=${a}`)]);
      });
    });
  });
}

const ACCOUNT_WIDE = new Set(["aws_iam_role", "aws_iam_role_policy_attachment", "aws_sns_topic"]);

/** The roots planned from each emitted fix (CDKTF keeps the HCL addresses through overrideLogicalId, so the remedies are the same). */
const ROOTS = [
  ["HCL from AWS-JSON", "aws-json", "hcl"],
  ["HCL from the snapshot", "snapshot", "hcl"],
  ["HCL from the live scan", "live", "hcl"],
  ["CDKTF from AWS-JSON", "aws-json", "cdktf"],
] as const;

async function expectClaimsPass(estate: AppliedEstate, fix: EmittedFix): Promise<void> {
  const live = await checkVerdicts(["--source", "aws", "--region", "us-east-1", "--endpoint-url", estate.moto.url, "--policy", estate.policy], estate.moto.env);
  const notPassing = fix.claimedFixed.filter((key) => live.get(key)?.status !== "pass").map((key) => `${key}: ${live.get(key)?.status} (${live.get(key)?.message})`);
  expect(notPassing).toEqual([]);
}
