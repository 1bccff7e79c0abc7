// The application tier's `.tf` → tf.patch loop, proven by Terraform: apply the estate to moto, `haspec fix`, `git apply`,
// validate, plan without destroy/replace (only the remedies' attributes change, only alarms are created), apply, and
// every rule the README claims passes when the applied estate is read back (terraform show -json, the AWS CLI, and the
// live scan `haspec check --source aws` against the same moto).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dumpAppTierWithAwsCli } from "./harness/aws-cli.js";
import { ESTATES } from "./harness/estate.js";
import { checkVerdicts, haspec, type Verdict } from "./harness/haspec.js";
import { startMoto, type Moto } from "./harness/moto.js";
import { prepareRoot } from "./harness/terraform.js";

/**
 * Attributes a remedy may change on a group or load balancer that exists, and those the provider derives from them
 * (a group's availability_zones from its subnets, a load balancer's subnet_mapping from its subnets).
 */
const REMEDY_ATTRIBUTES = new Set([
  "health_check_type",
  "health_check_grace_period",
  "vpc_zone_identifier",
  "availability_zones",
  "subnets",
  "subnet_mapping",
  "enable_cross_zone_load_balancing",
  "cross_zone_load_balancing",
  "min_size",
  "max_size",
  "desired_capacity",
]);
const CREATABLE = new Set(["aws_cloudwatch_metric_alarm"]);

type Change = { address: string; type: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null; after_unknown?: Record<string, unknown> } };

/**
 * Attributes that differ between before and after. A nested value moto leaves out reads back as null and plans as ""
 * on any update (aws_autoscaling_group.capacity_reservation_specification: moto 5.2.1 returns no
 * CapacityReservationSpecification, AWS returns its preference): not a change the fix makes.
 */
function changedAttributes(change: Change["change"]): string[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  const nullToEmpty = (k: string) => before[k] !== undefined && JSON.stringify(before[k]).replace(/null/g, '""') === JSON.stringify(after[k]);
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]) || change.after_unknown?.[k] === true)
    .filter((k) => k !== "tags_all" && !(change.after_unknown?.[k] !== true && nullToEmpty(k)));
}

/** `- id · rule: passes` lines of the README's re-check. */
function claimedFixed(readme: string): string[] {
  const section = readme.split("## Re-check of the emitted configuration")[1]?.split("\n## ")[0] ?? "";
  return section
    .split("\n")
    .map((l) => l.replace(/\\_/g, "_"))
    .map((l) => /^- (.+?) · (.+?): passes$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}|${m[2]}`);
}

const failing = (m: Map<string, Verdict>) => [...m].filter(([, v]) => v.status === "fail").map(([k]) => k).sort();

/** "3 fail, 2 pass, 1 unknown": a reading's verdicts by status. */
function tally(m: Map<string, Verdict>): string {
  const counts = new Map<string, number>();
  for (const v of m.values()) counts.set(v.status, (counts.get(v.status) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${n} ${s}`).join(", ");
}

/** Rules two readings judge differently: "id|rule: a (message) ≠ b (message)". */
function disagreements(a: Map<string, Verdict>, b: Map<string, Verdict>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((k) => a.get(k)?.status !== b.get(k)?.status)
    .sort()
    .map((k) => `${k}: ${a.get(k)?.status ?? "absent"} (${a.get(k)?.message ?? ""}) ≠ ${b.get(k)?.status ?? "absent"} (${b.get(k)?.message ?? ""})`);
}

const motos: Moto[] = [];
afterAll(async () => {
  for (const m of motos) await m.close();
});

describe("tf.patch in the loop: the application tier", () => {
  it("subnets of another AZ, ELB health checks, cross-zone on (NLB and Classic) and a recover alarm: plan updates in place, every claim passes once applied", async () => {
    const source = mkdtempSync(join(tmpdir(), "haspec-e2e-src-patch-app-tier-"));
    cpSync(join(ESTATES, "patch-app-tier"), source, { recursive: true });
    const moto = await startMoto();
    motos.push(moto);
    const tf = await prepareRoot(source, moto.url);
    await tf.apply();
    const policy = ["--policy", join(tf.dir, "policy.yaml")];
    // Read back as Terraform recorded it, as the AWS CLI saves it, and live (the same moto: the last two must agree).
    const fromState = async (name: string) => {
      const file = join(tf.dir, name);
      writeFileSync(file, JSON.stringify(await tf.stateJson()));
      return checkVerdicts([file, "--source", "state", ...policy]);
    };
    const fromAwsCli = async (name: string) => checkVerdicts([await dumpAppTierWithAwsCli(moto.env, mkdtempSync(join(tmpdir(), `haspec-e2e-${name}-`))), "--source", "aws-json", ...policy]);
    const fromLive = () => checkVerdicts(["--source", "aws", "--region", "us-east-1", "--endpoint-url", moto.url, ...policy], moto.env);
    const stateBefore = await fromState("state-before.json");
    const cliBefore = await fromAwsCli("cli-before");
    const liveBefore = await fromLive();
    const drift = new Map<string, Set<string>>();
    for (const c of ((await tf.planJson()) as { resource_changes?: Change[] }).resource_changes ?? []) drift.set(c.address, new Set(changedAttributes(c.change)));

    const out = mkdtempSync(join(tmpdir(), "haspec-e2e-fix-patch-app-tier-"));
    const fix = await haspec(["fix", ".", "--source", "hcl", ...policy, "--out", join(out, "fix"), "--format", "hcl"], {}, tf.dir);
    expect([0, 1], `${fix.stderr}\n${fix.stdout}`).toContain(fix.code);
    const patch = readFileSync(join(out, "fix", "tf.patch"), "utf8");
    const readme = readFileSync(join(out, "fix", "README.md"), "utf8");
    const applied = spawnSync("git", ["apply", "--verbose", join(out, "fix", "tf.patch")], { cwd: tf.dir, encoding: "utf8" });
    expect(applied.status, `git apply failed:\n${applied.stderr}\n${patch}`).toBe(0);
    await tf.init();
    await tf.validate();
    const plan = (await tf.planJson()) as { resource_changes?: Change[] };
    const bad: string[] = [];
    const changes = (plan.resource_changes ?? []).filter((c) => c.change.actions.join() !== "no-op" && !c.change.actions.includes("read"));
    for (const c of changes) {
      const actions = c.change.actions.join(",");
      if (actions === "create") {
        if (!CREATABLE.has(c.type)) bad.push(`${c.address}: creates a ${c.type}`);
      } else if (actions === "update") {
        const other = changedAttributes(c.change).filter((a) => !REMEDY_ATTRIBUTES.has(a) && !drift.get(c.address)?.has(a));
        if (other.length > 0) bad.push(`${c.address}: changes ${other.map((a) => `${a} (${JSON.stringify(c.change.before?.[a])} -> ${JSON.stringify(c.change.after?.[a])}${c.change.after_unknown?.[a] ? ", unknown" : ""})`).join(", ")}`);
      } else bad.push(`${c.address}: ${actions}`);
    }
    expect(bad).toEqual([]);
    await tf.apply();
    const stateAfter = await fromState("state-after.json");
    const cliAfter = await fromAwsCli("cli-after");
    const liveAfter = await fromLive();
    const claimed = claimedFixed(readme);
    console.log(
      `patch-app-tier: state ${tally(stateBefore)} before, ${tally(stateAfter)} after (failing ${failing(stateAfter).join(", ")}); ` +
        `AWS CLI ${tally(cliBefore)} before, ${tally(cliAfter)} after (failing ${failing(cliAfter).join(", ")}); ` +
        `live ${tally(liveBefore)} before, ${tally(liveAfter)} after (failing ${failing(liveAfter).join(", ")}); claimed ${claimed.length}: ${claimed.join(", ")}`,
    );
    // One moto read two ways: the AWS CLI's files and the live scan judge every rule alike, before and after.
    expect.soft(disagreements(liveBefore, cliBefore), "live vs AWS CLI before").toEqual([]);
    expect.soft(disagreements(liveAfter, cliAfter), "live vs AWS CLI after").toEqual([]);
    // What the fix claims, by Terraform address for the instance (the README names it so before apply) and by name otherwise.
    expect(claimed.sort()).toEqual([
      "api|load_balancer.cross_zone",
      "api|load_balancer.min_azs",
      "aws_instance.lone|compute.auto_recovery",
      "legacy|load_balancer.cross_zone",
      "web|compute.elb_health_check",
    ]);
    const instanceId = [...stateAfter.keys()].find((k) => k.endsWith("|compute.auto_recovery"))!.split("|")[0]!;
    const asApplied = claimed.map((c) => c.replace(/^aws_instance\.lone\|/, `${instanceId}|`));
    for (const c of asApplied) {
      expect(stateBefore.get(c)?.status, `${c} before`).toBe("fail");
      expect(stateAfter.get(c)?.status, `${c} after (state): ${stateAfter.get(c)?.message}`).toBe("pass");
      expect(cliAfter.get(c)?.status, `${c} after (AWS CLI): ${cliAfter.get(c)?.message}`).toBe("pass");
      expect(cliBefore.get(c)?.status, `${c} before (AWS CLI): ${cliBefore.get(c)?.message}`).toBe("fail");
      expect(liveBefore.get(c)?.status, `${c} before (live): ${liveBefore.get(c)?.message}`).toBe("fail");
      expect(liveAfter.get(c)?.status, `${c} after (live): ${liveAfter.get(c)?.message}`).toBe("pass");
    }
    // Only what the fix claims may turn to pass: nothing unknown (or failing) becomes pass without a claim behind it.
    for (const [name, before, after] of [["state", stateBefore, stateAfter], ["AWS CLI", cliBefore, cliAfter], ["live", liveBefore, liveAfter]] as const) {
      const newlyPassing = [...after].filter(([k, v]) => v.status === "pass" && before.get(k)?.status !== "pass").map(([k]) => k);
      expect(newlyPassing.filter((k) => !asApplied.includes(k)), `${name}: passes after apply that no claim explains`).toEqual([]);
    }
    // Written but not claimed: the group may now launch in two AZs; where its instances run is known only live.
    expect(patch).toMatch(/vpc_zone_identifier = \[aws_subnet\.a\.id, aws_subnet\.b\.id\]/);
    // Applied as planned: a second plan changes nothing.
    const again = (await tf.planJson()) as { resource_changes?: Change[] };
    expect((again.resource_changes ?? []).filter((c) => c.change.actions.join() !== "no-op").map((c) => `${c.address}: ${changedAttributes(c.change).join(", ")}`)).toEqual([]);
    // Written but not claimed: the group may now launch in two AZs; where its instances run is known only live (state
    // does not list them), and moto 5.2.1 does not rebalance a group's running instances over its new AZ as AWS does.
    expect(stateAfter.get("web|compute.min_azs")?.status).toBe("unknown");
    expect(cliAfter.get("web|compute.min_azs")?.message).toMatch(/may launch in us-east-1a, us-east-1b, but its running instances sit in 1 AZ/);
    expect(liveAfter.get("web|compute.min_azs")?.message).toMatch(/may launch in us-east-1a, us-east-1b, but its running instances sit in 1 AZ/);
    // A VPC with one subnet: nothing is written for batch, the step says what to create.
    expect(readme).toMatch(/batch · compute\\_min\\_azs|batch · compute.min\\_azs/);
    expect(stateAfter.get("batch|compute.min_azs")?.status).toBe("fail");
  }, 900_000);

  it("from the AWS CLI's files: the lone instance's recover alarm (hcl/main.tf) applies as it is and passes; groups and load balancers are AWS CLI steps", async () => {
    const source = mkdtempSync(join(tmpdir(), "haspec-e2e-src-app-tier-live-"));
    cpSync(join(ESTATES, "patch-app-tier"), source, { recursive: true });
    const moto = await startMoto();
    motos.push(moto);
    const estate = await prepareRoot(source, moto.url);
    await estate.apply();
    const policy = ["--policy", join(estate.dir, "policy.yaml")];
    const dump = await dumpAppTierWithAwsCli(moto.env, mkdtempSync(join(tmpdir(), "haspec-e2e-app-tier-cli-")));
    const before = await checkVerdicts([dump, "--source", "aws-json", ...policy]);
    const out = mkdtempSync(join(tmpdir(), "haspec-e2e-fix-app-tier-live-"));
    const fix = await haspec(["fix", dump, "--source", "aws-json", ...policy, "--out", join(out, "fix"), "--format", "hcl"]);
    expect([0, 1], `${fix.stderr}\n${fix.stdout}`).toContain(fix.code);
    const readme = readFileSync(join(out, "fix", "README.md"), "utf8");
    const claimed = claimedFixed(readme);
    const hcl = readFileSync(join(out, "fix", "hcl", "main.tf"), "utf8");
    expect(hcl).not.toMatch(/import \{|resource "aws_(instance|autoscaling_group|lb|elb)"/);
    expect(readme).toMatch(/aws autoscaling update-auto-scaling-group --auto-scaling-group-name 'web' --health-check-type 'ELB'/);
    const root = await prepareRoot(join(out, "fix", "hcl"), moto.url);
    await root.validate();
    const plan = (await root.planJson()) as { resource_changes?: Change[] };
    expect((plan.resource_changes ?? []).map((c) => `${c.type} ${c.change.actions.join()}`)).toEqual(["aws_cloudwatch_metric_alarm create"]);
    await root.apply();
    const after = await checkVerdicts([await dumpAppTierWithAwsCli(moto.env, mkdtempSync(join(tmpdir(), "haspec-e2e-app-tier-cli-after-"))), "--source", "aws-json", ...policy]);
    console.log(`patch-app-tier (AWS CLI files): ${failing(before).length} failing before, ${failing(after).length} after (${failing(after).join(", ")}); claimed ${claimed.join(", ")}`);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatch(/^i-[0-9a-f]+\|compute\.auto_recovery$/);
    expect(before.get(claimed[0]!)?.status).toBe("fail");
    expect(after.get(claimed[0]!)?.status, after.get(claimed[0]!)?.message).toBe("pass");
  }, 900_000);
});
