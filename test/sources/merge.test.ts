// One inventory from several inputs: what any part could not read (gaps) stays in the whole, for every source.
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../src/model/inventory.js";
import { known, unknown } from "../../src/model/value.js";
import { mergeInventories } from "../../src/sources/merge.js";
import { runCli } from "../support/run-cli.js";

const REGISTRY_ROOT = "test/fixtures/hcl/registry-module";
const PASSING_ROOT = "test/fixtures/hcl/count-no-azs";
const POLICY = "test/fixtures/policies/nothing-fails.yaml";

describe("haspec check --fail-on-unknown over several Terraform roots", () => {
  it("a root with a registry module haspec cannot read fails the run alone", () => {
    const run = runCli(["check", "--fail-on-unknown", "-p", POLICY, REGISTRY_ROOT]);
    expect(run.code, run.stderr).toBe(1);
  });

  it("and still fails it beside a root that passes, in either order (its gap is kept)", () => {
    for (const roots of [[REGISTRY_ROOT, PASSING_ROOT], [PASSING_ROOT, REGISTRY_ROOT]]) {
      const run = runCli(["check", "--fail-on-unknown", "-p", POLICY, ...roots, "--format", "json"]);
      expect(run.code, run.stderr).toBe(1);
      expect(JSON.parse(run.stdout).gaps).toEqual([expect.stringMatching(/^module\.orders \(source "terraform-aws-modules\/rds-aurora\/aws"\) is not read/)]);
    }
  });

  it("the passing root alone passes", () => {
    expect(runCli(["check", "--fail-on-unknown", "-p", POLICY, PASSING_ROOT]).code).toBe(0);
  });
});

function inventory(part: Partial<Inventory>): Inventory {
  return {
    resources: [],
    eventSubscriptions: known({ items: [], scopes: [{}] }),
    proxies: known({ items: [], scopes: [{}] }),
    proxyTargets: known({ items: [], scopes: [{}] }),
    dnsRecords: known([]),
    globalClusters: known({ items: [], scopes: [{}] }),
    capturedAt: unknown("no capture time"),
    notes: [],
    sources: [],
    ...part,
  };
}

describe("mergeInventories", () => {
  it("keeps every part's gaps, notes and sources, in order", () => {
    const merged = mergeInventories([
      inventory({ gaps: ["a: not read"], notes: ["note a"], sources: [{ kind: "hcl", location: "a" }] }),
      inventory({ notes: ["note b"], sources: [{ kind: "hcl", location: "b" }] }),
      inventory({ gaps: ["c: not read"], sources: [{ kind: "hcl", location: "c" }] }),
    ]);
    expect(merged.gaps).toEqual(["a: not read", "c: not read"]);
    expect(merged.notes).toEqual(["note a", "note b"]);
    expect(merged.sources.map((s) => s.location)).toEqual(["a", "b", "c"]);
  });

  it("has no gaps key when no part has a gap", () => {
    expect("gaps" in mergeInventories([inventory({}), inventory({})])).toBe(false);
  });

  it("leaves account-wide data unknown when any part does not know it, and joins known items and their scopes once each", () => {
    const subscription = { name: "s", enabled: true, sourceType: null, sourceIds: [], categories: [] };
    const merged = mergeInventories([
      inventory({ eventSubscriptions: known({ items: [subscription], scopes: [{ region: "us-east-1" }] }), dnsRecords: unknown("no zones in a") }),
      inventory({ eventSubscriptions: known({ items: [subscription], scopes: [{ region: "us-east-1" }, { region: "eu-west-1" }] }) }),
    ]);
    expect(merged.eventSubscriptions).toEqual(known({ items: [subscription, subscription], scopes: [{ region: "us-east-1" }, { region: "eu-west-1" }] }));
    expect(merged.dnsRecords.known).toBe(false);
  });
});
