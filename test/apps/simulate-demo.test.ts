// The demo simulated with and without its applications (issue 21): the client terms come from payments-api's own files, else from the policy's assumptions.
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.js";

interface Term {
  readonly term: string;
  readonly high: number | null;
  readonly from: string;
  readonly ref: string;
}

function paymentsWriterTerms(extra: readonly string[]): Term[] {
  const run = runCli(["simulate", "examples/demo-fleet", "-p", "policies/aurora-production.yaml", "--fail", "writer", "--format", "json", ...extra]);
  expect(run.stderr).toBe("");
  const report = JSON.parse(run.stdout) as { scenarios: { resource: { id: string }; rto: { terms: Term[] } }[] };
  return report.scenarios.find((s) => s.resource.id === "payments-prod")!.rto.terms;
}

describe("simulate with --app-config", () => {
  it("payments-api's JVM TTL (Dockerfile:11) and Hikari's default lifetime replace the assumptions; without it the policy's figures stand", () => {
    const withApp = paymentsWriterTerms(["--app-config", "examples/apps/payments-api"]);
    expect(withApp.find((t) => t.term === "client DNS cache")).toMatchObject({ high: 60, from: "evidence", ref: "payments-api examples/apps/payments-api/Dockerfile:11" });
    expect(withApp.find((t) => t.term === "stale pooled connections")).toMatchObject({ high: 1800, from: "evidence", ref: "payments-api examples/apps/payments-api/src/main/resources/application.yml:7" });
    const without = paymentsWriterTerms([]);
    expect(without.find((t) => t.term === "client DNS cache")).toMatchObject({ high: 30, from: "policy", ref: "assumptions.client_dns_cache in policies/aurora-production.yaml" });
    expect(without.find((t) => t.term === "stale pooled connections")).toMatchObject({ high: 120, from: "policy" });
  });
});
