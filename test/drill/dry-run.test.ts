// `haspec drill` without --yes: the prediction, the probes and the one call are shown and nothing is written; refusals exit 2 and send no write either.
import { afterEach, describe, expect, it } from "vitest";
import { haspecIn } from "./support.js";
import { startFakeAws, type FakeAws } from "../support/fake-aws/server.js";
import { labFleet, LAB_CLUSTER, LAB_REGION, type LabFleetOptions } from "../../scripts/lab/fleet.js";

const ENV = {
  AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKE",
  AWS_SECRET_ACCESS_KEY: "fake-secret-key",
  AWS_CONFIG_FILE: "/nonexistent",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

// The SDK's default credential chain reads the process's environment.
Object.assign(process.env, ENV);

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function drill(args: string[], fleet: LabFleetOptions = {}, env: Record<string, string> = {}) {
  fake = await startFakeAws(labFleet(fleet));
  const run = await haspecIn(["drill", "--cluster", LAB_CLUSTER, "--region", LAB_REGION, "--endpoint-url", fake.url, ...args], env);
  return { ...run, actions: fake.log.map((r) => r.action) };
}

describe("haspec drill (dry run)", () => {
  it("prints the prediction, the probes and the one call, exit 0, and sends no write", async () => {
    const run = await drill([]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("dry run: nothing is sent");
    expect(run.stdout).toMatch(/writer +haspec-lab-1 → predicted haspec-lab-2/);
    expect(run.stdout).toMatch(/predicted write downtime \d+ s – \d+ s \(estimate\)/);
    expect(run.stdout).toMatch(/simple .*cluster-c0haspeclab0/);
    expect(run.stdout).toMatch(/aware .*topology/);
    expect(run.stdout).toMatch(/proxy .*RDS Proxy haspec-lab-proxy/);
    expect(run.stdout).toContain("FailoverDBCluster DBClusterIdentifier=haspec-lab");
    expect(run.actions).not.toContain("FailoverDBCluster");
    expect(run.actions.every((a) => /^(Describe|List|Get)/.test(a))).toBe(true);
  });

  it("--format json: the plan as JSON, with --target-instance as the call's target", async () => {
    const run = await drill(["--format", "json", "--target-instance", "haspec-lab-2", "--client-dns-cache", "30"]);
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.stdout);
    expect(plan.dryRun).toBe(true);
    expect(plan.call).toEqual({ operation: "FailoverDBCluster", params: { DBClusterIdentifier: "haspec-lab", TargetDBInstanceIdentifier: "haspec-lab-2" } });
    expect(plan.predicted.writerAfter).toEqual(["haspec-lab-2"]);
    expect(plan.probes.find((p: { probe: string }) => p.probe === "simple").dnsCacheSeconds).toBe(30);
    expect(run.actions).not.toContain("FailoverDBCluster");
  });

  const refused: [string, string[], LabFleetOptions, RegExp][] = [
    ["a cluster with one instance", [], { instances: ["solo-1"] }, /has 1 instance: a failover needs a reader/],
    ["a cluster that is not available", [], { status: "modifying" }, /is "modifying", not "available"/],
    ["a cluster tagged env=production (default --protect env=prod*)", [], { tags: { env: "production" } }, /is protected \(tag env=production matches --protect env=prod\*\)/],
    ["a cluster matching --protect tier=gold", ["--protect", "tier=gold"], { tags: { tier: "Gold" } }, /tag tier=Gold matches/],
    ["an unknown --target-instance", ["--target-instance", "nope"], {}, /--target-instance "nope" is not an instance/],
  ];
  for (const [what, args, fleet, message] of refused) {
    it(`refuses ${what}: exit 2, nothing written, with --yes too`, async () => {
      for (const yes of [[], ["--yes"]]) {
        const run = await drill([...args, ...yes], fleet, { HASPEC_DB_USER: "u", HASPEC_DB_PASSWORD: "p" });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).toContain("nothing was sent");
        expect(run.actions).not.toContain("FailoverDBCluster");
        await fake?.close();
        fake = undefined;
      }
    });
  }

  it("--allow-protected lets a protected cluster through the refusals", async () => {
    const run = await drill(["--allow-protected"], { tags: { env: "prod" } });
    expect(run.code).toBe(0);
    expect(run.actions).not.toContain("FailoverDBCluster");
  });

  it("acts in one region with the caller's own credentials: --role-arn, --region all and a second --region are usage errors", async () => {
    for (const args of [["--role-arn", "arn:aws:iam::123456789012:role/x"], ["--region", "us-east-1"]]) {
      const run = await drill(args);
      expect(run.code).toBe(2);
      expect(run.actions).toEqual([]);
      await fake?.close();
      fake = undefined;
    }
    fake = await startFakeAws(labFleet());
    const run = await haspecIn(["drill", "--cluster", LAB_CLUSTER, "--region", "all", "--endpoint-url", fake.url], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/one cluster in one region/);
    expect(fake.log).toEqual([]);
  });

  it("--help describes the command and its flags", async () => {
    const run = await haspecIn(["drill", "--help"], {});
    expect(run.code).toBe(0);
    const out = run.stdout;
    for (const flag of ["--cluster", "--yes", "--probe", "--client-dns-cache", "--dns-server", "--protect", "--allow-protected", "--duration", "--target-instance", "--db-secret-arn"]) expect(out).toContain(flag);
  });

  it("--yes without database credentials is refused before anything is sent", async () => {
    const run = await drill(["--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs database credentials .*HASPEC_DB_USER/);
    expect(run.actions).not.toContain("FailoverDBCluster");
  });
});
