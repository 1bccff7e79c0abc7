import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { COLOR } from "../../src/report/style.js";
import { renderText, summaryLine } from "../../src/report/text.js";
import { inventoryFromBundle, SNAPSHOT_FORMAT, type SnapshotBundle } from "../../src/sources/snapshot/bundle.js";
import { describeScan } from "../../src/sources/aws-live/index.js";
import { inventory, resource, UNKNOWN } from "../support/build.js";
import { policy, target } from "../support/policy.js";

const now = new Date("2026-11-22T10:00:00Z");

describe("text report", () => {
  const inv = inventory({
    resources: [resource({ id: "ledger-prod", retention: 1, instances: [{ id: "l-1", writer: true, az: "us-east-1a" }] }), resource({ id: "ok" }), resource({ id: "dunno", retention: UNKNOWN })],
  });
  const ev = evaluate([policy({ targets: [target({ require: { "backup.min_retention_days": 7, "multi_az.min_azs": 2 } })] })], inv, { now });
  const text = renderText(ev);

  it("has one Terraform-style block per resource with something to report, and none for compliant ones", () => {
    expect(text).toContain('~ resource "aws_rds_cluster" "ledger-prod" {');
    expect(text).toContain('~ resource "aws_rds_cluster" "dunno" {');
    expect(text).not.toContain('"ok"');
    expect(text).toMatch(/~ backup_retention_period\s+= 1 -> 7\s+# backup\.min_retention_days/);
    expect(text).toMatch(/\? backup\.min_retention_days\s+= \(unknown\)/);
  });

  it("has a legend with only the symbols used, and the summary line last", () => {
    expect(text).toContain("Legend:");
    expect(text).not.toMatch(/^\s+! /m);
    expect(text.trimEnd().split("\n").at(-1)).toBe("Policy: 2 to fix, 1 unknown, 3 compliant.");
  });

  it("uses no escape codes unless given the colour style", () => {
    expect(text).not.toMatch(/\u001b\[/);
    expect(summaryLine(ev.summary, COLOR)).toMatch(/\u001b\[31m2 to fix/);
  });
});

describe("text report: the failover target's line", () => {
  it("shows the AZ next to the instance that is in it (the target), not the reader the fix re-tiers", () => {
    const inv = inventory({
      resources: [
        resource({
          id: "checkout",
          instances: [
            { id: "w", writer: true, az: "eu-west-1a", tier: 1, class: "db.r6g.2xlarge" },
            { id: "same-az", az: "eu-west-1a", tier: 1, class: "db.r6g.2xlarge" },
            { id: "other-az", az: "eu-west-1b", tier: 1, class: "db.r6g.large" },
          ],
        }),
      ],
    });
    const ev = evaluate([policy({ targets: [target({ require: { "failover.target_other_az": true } })] })], inv, { now });
    const line = renderText(ev).split("\n").find((l) => l.includes("# failover.target_other_az"));
    expect(line).toMatch(/~ availability_zone \(failover target same-az\) = eu-west-1a -> not eu-west-1a/);
    expect(line).not.toContain("other-az");
  });
});

describe("text report: the inputs line", () => {
  it("names a live scan once, with its accounts and regions", () => {
    const bundle: SnapshotBundle = {
      haspecSnapshot: SNAPSHOT_FORMAT,
      tool: { name: "haspec", version: "0.1.0" },
      capturedAt: "2026-11-22T10:00:00Z",
      accounts: ["123456789012"],
      regions: ["eu-west-1", "us-east-1"],
      data: { "123456789012/eu-west-1": { DBClusters: [], DBInstances: [] } },
      errors: [],
    };
    const live = inventoryFromBundle(bundle, "aws", describeScan(bundle));
    const text = renderText(evaluate([policy({ targets: [target({ require: { "multi_az.min_azs": 2 } })] })], live, { now }));
    expect(text.split("\n")[1]).toBe("Inputs: aws 123456789012 eu-west-1,us-east-1");
  });

  it("keeps the kind before a file's location", () => {
    const ev = evaluate([policy({ targets: [target({ require: { "multi_az.min_azs": 2 } })] })], { ...inventory(), sources: [{ kind: "aws-json", location: "examples/demo-fleet" }, { kind: "snapshot", location: "aws.json" }] }, { now });
    expect(renderText(ev).split("\n")[1]).toBe("Inputs: aws-json examples/demo-fleet, snapshot aws.json");
  });
});
