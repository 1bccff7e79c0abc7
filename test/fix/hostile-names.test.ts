// Issue 6's escaping proof: identifiers, tags and record names full of quotes, templates and line breaks still compile and mean the same.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/engine/evaluate.js";
import type { Evaluation } from "../../src/engine/result.js";
import { writeFixProject, type FixPlan } from "../../src/fix/index.js";
import type { Inventory } from "../../src/model/inventory.js";
import type { Resource } from "../../src/model/resource.js";
import { readAwsJson } from "../../src/sources/aws-json/index.js";
import { loadPolicy } from "../../src/spec/load-policy.js";
import type { Policy } from "../../src/spec/policy.js";
import { clusterEndpoint, instanceEndpoint, writeFleet, type InstanceSpec } from "../support/aws-fleet.js";
import { expectCleanTypeCheck, expectFixedRulesPass, fixedPairs, recheckCdktf, recheckHcl, statuses, synthCdktf, tempFixDir } from "../support/fix-project.js";
import { REPO } from "../support/run-cli.js";

const NOW = new Date("2026-11-22T10:00:00Z");

/** Everything that breaks a naive emitter: string ends, escapes, Terraform templates, comment ends, line breaks of every kind. */
const NASTY = 'q"uote b\\ack ${var.x} %{ if true }y%{ endif } */ /* `tick` </script> ls\u2028ps\u2029 nl\nend\r\t';

const CLUSTER = `pay"ments\\${NASTY}`;
const WRITER = `${CLUSTER}-w"r\${aws_db_instance.x.id}`;
const STANDALONE = `wiki\\mysql"${NASTY}-*/`;
const SUBNET_GROUP = `sub"net\\\${var.subnet}%{ for x in y }\n*/`;
const TAGS: Record<string, string> = {
  env: "prod",
  'team"\\': 'v"al\\ue',
  "${var.key}": "${var.value}",
  "%{ if k }": "%{ endif }",
  "multi\nline": "multi\nline\r\n",
  "*/ /*": "/* */",
  "`tick`": "</script><script>alert(1)</script>",
  "ls\u2028ps\u2029": "\u2028\u2029",
  "${": "$${ already doubled }",
  "bidi\u202e\u2066": "\u2066v\u0085\u009b\u200b\u{e0041}\u001b[2K",
};
const DOMAIN = "prod.internal.example.com";
/** Route 53 names as the data holds them (trailing dot); the CNAMEs point at instance endpoints with long TTLs. */
const RECORD_WRITER = `"db\\\${var.r}\n*/.${DOMAIN}.`;
const RECORD_STANDALONE = `%{ if x }wiki\u2028\`.${DOMAIN}.`;
const RECORD_CLUSTER = `</script>${NASTY}.${DOMAIN}.`;
const ZONE = "Z07421863B0KNFJ2XQHJW";

function writeHostileFleet(dir: string): void {
  const region = "us-east-1";
  const common = {
    region,
    engineVersion: "8.0.mysql_aurora.3.05.2",
    maintenanceWindow: "sun:05:00-sun:05:30",
    backupWindow: "03:00-03:30",
    retention: 1,
    deletionProtection: false,
    copyTags: true,
    tags: TAGS,
    subnetGroup: SUBNET_GROUP,
    masterUsername: `ad"min\\\${var.pw}`,
  } as const;
  const writer: InstanceSpec = { ...common, id: WRITER, engine: "aurora-mysql", instanceClass: "db.r6g.xlarge", az: "us-east-1a", clusterId: CLUSTER, tier: 1, pi: false, monitoringInterval: 0, autoMinor: true };
  const standalone: InstanceSpec = { ...common, id: STANDALONE, engine: "mysql", engineVersion: "8.0.39", instanceClass: "db.m6g.large", az: "us-east-1b", multiAz: false, pi: false, monitoringInterval: 0, autoMinor: true, parameterGroup: "default.mysql8.0" };
  writeFleet(dir, {
    clusters: [
      {
        ...common,
        id: CLUSTER,
        engine: "aurora-mysql",
        members: [{ id: WRITER, writer: true, tier: 1 }],
        paramGroup: "default.aurora-mysql8.0",
        databaseName: "app",
      },
    ],
    instances: [writer, standalone],
    subscriptions: [],
    zones: {
      [ZONE]: [
        { name: RECORD_WRITER, type: "CNAME", ttl: 300, values: [instanceEndpoint(WRITER, region)] },
        { name: RECORD_STANDALONE, type: "CNAME", ttl: 300, values: [instanceEndpoint(STANDALONE, region)] },
        { name: RECORD_CLUSTER, type: "CNAME", ttl: 60, values: [clusterEndpoint(CLUSTER, region)] },
      ],
    },
  });
}

/** Lines of code (not whole-line comments) with every complete `"…"` literal removed. */
function codeOutsideStrings(text: string, comment: RegExp): string[] {
  return text
    .split("\n")
    .filter((line) => !comment.test(line))
    .map((line) => line.replace(/"(?:[^"\\\n]|\\.)*"/g, "STR"));
}

let fleetDir: string;
let dir: string;
let policies: Policy[];
let inventory: Inventory;
let before: Evaluation;
let plan: FixPlan;

beforeAll(async () => {
  policies = [await loadPolicy(join(REPO, "policies/aurora-production.yaml"))];
  fleetDir = tempFixDir("hostile-fleet");
  writeHostileFleet(fleetDir);
  inventory = await readAwsJson([fleetDir]);
  before = evaluate(policies, inventory, { now: NOW });
  dir = tempFixDir("hostile-fix");
  ({ plan } = await writeFixProject({ evaluation: before, inventory, policies, now: NOW, inputs: [fleetDir] }, { outDir: dir, format: "both" }));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(fleetDir, { recursive: true, force: true });
});


/** The claims every re-checked inventory must satisfy to "mean the same" as the hostile input. */
function expectSameMeaning(after: Inventory, evaluation: Evaluation): void {
  const byId = new Map(after.resources.map((r) => [r.id, r]));
  const cluster = byId.get(CLUSTER);
  const standalone = byId.get(STANDALONE);
  expect(cluster, "the cluster under its exact identifier").toBeDefined();
  expect(standalone, "the standalone instance under its exact identifier").toBeDefined();
  expect([...byId.keys()].sort()).toEqual([CLUSTER, STANDALONE].sort());
  const memberIds = (r: Resource) => (r.instances.known ? r.instances.value.map((i) => i.id) : []);
  expect(memberIds(cluster!)).toContain(WRITER);
  for (const r of [cluster!, standalone!]) {
    expect(r.tags.known && r.tags.value, r.id).toEqual(TAGS);
  }
  const records = after.dnsRecords.known ? after.dnsRecords.value : [];
  const names = records.map((r) => r.name).sort();
  expect(names).toEqual([RECORD_WRITER, RECORD_STANDALONE, RECORD_CLUSTER].map((n) => n.replace(/\.$/, "")).sort());
  for (const r of records) expect(r.zone).toBe(ZONE);

  expectFixedRulesPass(plan, statuses(evaluation));
}

describe("haspec fix on hostile identifiers", () => {
  it("reads the hostile names as they are and fixes their failures", () => {
    expect(inventory.resources.map((r) => r.id).sort()).toEqual([CLUSTER, STANDALONE].sort());
    const fixed = new Set(fixedPairs(plan));
    const manual = new Set(plan.manual.map((m) => `${m.resource} ${m.rule}`));
    const failing = [...new Set(before.results.filter((r) => r.status === "fail").map((r) => `${r.resource.id} ${r.rule}`))];
    for (const f of failing) expect(fixed.has(f) || manual.has(f), f).toBe(true);
    // The rules whose fixes carry the hostile text into the code: ids, tags, record names, descriptions.
    for (const pair of [
      `${CLUSTER} multi_az.min_readers`,
      `${CLUSTER} backup.min_retention_days`,
      `${CLUSTER} binlog.formats`,
      `${CLUSTER} events.subscribed`,
      `${CLUSTER} dns.max_ttl`,
      `${CLUSTER} dns.no_instance_endpoint_records`,
      `${STANDALONE} multi_az.min_azs`,
      `${STANDALONE} dns.max_ttl`,
      `${STANDALONE} backup.deletion_protection`,
    ]) {
      expect(fixed, pair).toContain(pair);
    }
  });

  it("emits well-formed text: every string literal closes on its line, no raw templates, line separators or backticks", () => {
    const ts = readFileSync(join(dir, "cdktf", "main.ts"), "utf8");
    const tf = readFileSync(join(dir, "hcl", "main.tf"), "utf8");
    for (const [name, text, comment] of [
      ["main.ts", ts, /^\s*\/\//],
      ["main.tf", tf, /^\s*#/],
    ] as const) {
      expect(text, name).not.toMatch(/[\u2028\u2029\r]/);
      const code = codeOutsideStrings(text, comment);
      expect(code.filter((l) => l.includes('"')), `${name}: a string literal left open`).toEqual([]);
      expect(code.filter((l) => l.includes("`")), `${name}: a template literal`).toEqual([]);
      expect(code.filter((l) => /\/\*|\*\//.test(l)), `${name}: a block comment`).toEqual([]);
      // Every `${` / `%{` of the data is doubled, so Terraform reads it as text.
      expect(text.split("\n").filter((l) => !comment.test(l) && /(?<![$])\$\{|(?<![%])%\{/.test(l.replace(/\$\$\{|%%\{/g, ""))), `${name}: a live template`).toEqual([]);
    }
    // Comments carry the identifiers flattened to one line.
    expect(ts).toContain("//");
    expect(tf).toMatch(/^# /m);
  });

  it("type-checks against @cdktf/provider-aws", () => expectCleanTypeCheck(dir), 120_000);

  it("synthesizes, and the synthesized stack holds the exact identifiers, tags and record names, with every fixed rule passing", async () => {
    const synth = synthCdktf(dir);
    expect(synth.code, synth.output).toBe(0);
    const { inventory: after, evaluation } = await recheckCdktf(dir, policies, NOW);
    expectSameMeaning(after, evaluation);
    // Attributes outside the model keep their text too: Terraform reads `$${` as a literal `${`.
    const stack = JSON.parse(readFileSync(join(dir, "cdktf", "cdktf.out", "stacks", "haspec-fix", "cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    const clusters = Object.values(stack.resource["aws_rds_cluster"] ?? {});
    expect(clusters).toHaveLength(1);
    const literal = (s: unknown) => String(s).replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{");
    expect(literal(clusters[0]!["db_subnet_group_name"])).toBe(SUBNET_GROUP);
    expect(literal(clusters[0]!["master_username"])).toBe(`ad"min\\\${var.pw}`);
  }, 120_000);

  it("the HCL holds the same identifiers, tags and record names, and re-checks to the same verdicts as the CDKTF", async () => {
    const hcl = await recheckHcl(dir, policies, NOW);
    expectSameMeaning(hcl.inventory, hcl.evaluation);
    const cdktf = await recheckCdktf(dir, policies, NOW);
    expect([...statuses(hcl.evaluation).entries()].sort()).toEqual([...statuses(cdktf.evaluation).entries()].sort());
  }, 120_000);
});
