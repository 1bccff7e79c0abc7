import { readFileSync } from "node:fs";
import AjvModule from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import { artifactUri, renderSarif } from "../../src/report/sarif.js";
import { inventory, resource, UNKNOWN } from "../support/build.js";
import { policy, target } from "../support/policy.js";
import { hostileEvaluation, mixedEvaluation, NOW } from "./report-fixtures.js";

const schema = JSON.parse(readFileSync(new URL("../fixtures/schemas/sarif-schema-2.1.0.json", import.meta.url), "utf8"));
// Both are CommonJS with a default export; under NodeNext the class sits on `.default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(text: string): any {
  const log = JSON.parse(text);
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return log;
}

describe("SARIF report", () => {
  it("validates against the SARIF 2.1.0 schema", () => {
    expectValid(renderSarif(mixedEvaluation()));
    expectValid(renderSarif(hostileEvaluation()));
    expectValid(renderSarif(evaluate([policy()], inventory(), { now: NOW })));
  });

  it("emits fail, unknown and waived results only, with one descriptor per rule used", () => {
    const log = expectValid(renderSarif(mixedEvaluation()));
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("haspec");
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(["multi_az.min_azs", "backup.min_retention_days"]);
    const retention = run.tool.driver.rules[1];
    expect(retention.defaultConfiguration).toEqual({ level: "error" });
    expect(retention.shortDescription.text).toBeTruthy();
    expect(retention.help.text).toMatch(/backup_retention_period/);
    expect(retention.properties.tags).toEqual(expect.arrayContaining(["fsbp:RDS.11", "iso27001:A.8.13"]));
    const rows = run.results.map((r: any) => [r.ruleId, r.properties.status, r.level, r.ruleIndex]);
    expect(rows).toEqual([
      ["backup.min_retention_days", "fail", "error", 1],
      ["backup.min_retention_days", "unknown", "warning", 1],
      ["backup.min_retention_days", "waived", "error", 1],
      ["multi_az.min_azs", "fail", "error", 0],
    ]);
    expect(run.results[1].message.text).toMatch(/^Cannot be judged: .*BackupRetentionPeriod/);
    expect(run.results[0].properties).toMatchObject({ target: "prod", severity: "high", expected: 7, actual: 1 });
  });

  it("sets levels from severity: medium → warning, low → note, unknown capped at warning", () => {
    const inv = inventory({ resources: [resource({ id: "a", retention: 1 }), resource({ id: "b", retention: UNKNOWN })] });
    const level = (severity: "low" | "medium" | "critical") => {
      const run = expectValid(renderSarif(evaluate([policy({ targets: [target({ severity })] })], inv, { now: NOW }))).runs[0];
      return [run.tool.driver.rules[0].defaultConfiguration.level, ...run.results.map((r: any) => r.level)];
    };
    expect(level("critical")).toEqual(["error", "error", "warning"]);
    expect(level("medium")).toEqual(["warning", "warning", "warning"]);
    expect(level("low")).toEqual(["note", "note", "note"]);
  });

  it("turns a waiver into an external suppression with its justification", () => {
    const run = expectValid(renderSarif(mixedEvaluation())).runs[0];
    const waived = run.results.find((r: any) => r.properties.status === "waived");
    expect(waived.suppressions).toEqual([
      { kind: "external", status: "accepted", justification: "migration until Q1", properties: { expires: "2030-01-01", approvedBy: "cto@example.com" } },
    ]);
    expect(run.results.filter((r: any) => r.suppressions)).toHaveLength(1);
  });

  it("points at the .tf line for IaC inputs, the policy line otherwise, and the ARN as a logical location", () => {
    const run = expectValid(renderSarif(mixedEvaluation())).runs[0];
    const [fromTf, live] = run.results;
    expect(fromTf.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "infra/main.tf" }, region: { startLine: 12, startColumn: 1 } });
    expect(live.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "policies/test.yaml" }, region: { startLine: 10, startColumn: 9 } });
    expect(live.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: "arn:aws:rds:us-east-1:123456789012:cluster:b", kind: "resource" }]);
  });

  it("is byte-stable across runs at different times, with stable distinct fingerprints", () => {
    const a = renderSarif(mixedEvaluation(NOW));
    const b = renderSarif(mixedEvaluation(new Date("2026-11-23T18:30:00Z")));
    expect(b).toBe(a);
    const prints = JSON.parse(a).runs[0].results.map((r: any) => r.partialFingerprints["haspec/v1"]);
    expect(prints.every((p: string) => /^[0-9a-f]{64}$/.test(p))).toBe(true);
    expect(new Set(prints).size).toBe(prints.length);
    const single = evaluate([policy()], inventory({ resources: [resource({ id: "a", retention: 1 })] }), { now: NOW });
    const again = evaluate([policy()], inventory({ resources: [resource({ id: "a", retention: 3 })] }), { now: NOW });
    const fp = (t: string) => JSON.parse(t).runs[0].results[0].partialFingerprints["haspec/v1"];
    expect(fp(renderSarif(again)), "a finding keeps its fingerprint when its value changes").toBe(fp(renderSarif(single)));
  });

  it("writes file paths as relative forward-slash URIs", () => {
    expect(artifactUri("infra\\modules\\db main.tf")).toBe("infra/modules/db%20main.tf");
    expect(artifactUri("/abs/x.tf")).toBe("file:///abs/x.tf");
    expect(artifactUri("a#b?.tf")).toBe("a%23b%3F.tf");
  });
});
