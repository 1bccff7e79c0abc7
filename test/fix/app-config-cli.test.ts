// `haspec fix --app-config` end to end: the patch it writes applies with `git apply` in the application's repository, and the check after it passes what the README says it fixes.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runCli } from "../support/run-cli.js";

describe("haspec fix --app-config", () => {
  it("writes patches git applies; after them the clients.* rules it claims pass, the rest stay as they were", () => {
    const repo = mkdtempSync(join(tmpdir(), "haspec-app-fix-cli-"));
    for (const app of ["payments-api", "ledger-worker"]) cpSync(join(REPO, "examples/apps", app), join(repo, "apps", app), { recursive: true });
    execFileSync("git", ["init", "-q"], { cwd: repo });
    const policy = join(REPO, "test/fixtures/apps/clients-policy.yaml");
    const fleet = join(REPO, "examples/demo-fleet");
    const apps = ["--app-config", "apps/payments-api", "--app-config", "apps/ledger-worker"];

    const fix = runCli(["fix", "-p", policy, fleet, ...apps, "--out", "fix"], { cwd: repo });
    expect(fix.code, fix.stderr).toBe(0);
    const readme = readFileSync(join(repo, "fix/README.md"), "utf8");
    expect(readme).toContain("payments-api: `apps/payments-api.patch`: passes `clients.max_dns_cache`, `clients.max_pool_lifetime` after the patch");
    expect(readme).toContain("ledger-worker: `apps/ledger-worker.patch`: passes `clients.max_pool_lifetime`, `clients.no_instance_endpoints` after the patch");
    for (const app of ["payments-api", "ledger-worker"]) execFileSync("git", ["apply", `fix/apps/${app}.patch`], { cwd: repo });

    const after = runCli(["check", "-p", policy, fleet, ...apps, "--format", "json"], { cwd: repo });
    const status = Object.fromEntries(
      (JSON.parse(after.stdout) as { results: { resource: { id: string; kind: string }; rule: string; status: string }[] }).results
        .filter((r) => r.resource.kind === "application")
        .map((r) => [`${r.resource.id} ${r.rule}`, r.status]),
    );
    expect(status).toMatchObject({
      "payments-api clients.max_dns_cache": "pass",
      "payments-api clients.max_pool_lifetime": "pass",
      "payments-api clients.failover_aware": "fail",
      "ledger-worker clients.max_pool_lifetime": "pass",
      "ledger-worker clients.no_instance_endpoints": "pass",
      "ledger-worker clients.failover_aware": "fail",
    });
  });
});
