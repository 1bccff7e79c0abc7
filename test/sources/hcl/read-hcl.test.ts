// The .tf source on module-style fixtures: expansion, variables, modules, locations, errors, and verdicts through the engine.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../src/engine/evaluate.js";
import { UserError } from "../../../src/errors.js";
import { readHcl, readHclRoot } from "../../../src/sources/hcl/index.js";
import { TfReference, TfUnknown, type TfInput } from "../../../src/sources/terraform/types.js";
import { policy, target } from "../../support/policy.js";

const cwd = path.resolve(import.meta.dirname, "../../..");
const fixture = (name: string) => `test/fixtures/hcl/${name}`;
const now = new Date("2026-11-22T10:00:00Z");

function byAddress(input: TfInput, address: string) {
  const r = input.resources.find((x) => x.address === address);
  if (!r) throw new Error(`no ${address} in ${input.resources.map((x) => x.address).join(", ")}`);
  return r;
}

async function verdicts(input: string, require: Record<string, unknown>, options: { vars?: Record<string, string> } = {}) {
  const inventory = await readHcl([fixture(input)], { cwd, ...options });
  const evaluation = evaluate([policy({ targets: [target({ require })] })], inventory, { now });
  return Object.fromEntries(evaluation.results.map((r) => [`${r.resource.id} ${r.rule}`, r]));
}

describe("a module written like terraform-aws-modules/rds-aurora", () => {
  it("expands count and for_each with tfvars, locals, lookup/try and dynamic blocks", async () => {
    const input = await readHclRoot(fixture("aurora-module-style"), { cwd });
    expect(input.resources.map((r) => r.address)).toEqual([
      "aws_db_event_subscription.failover[0]",
      "aws_rds_cluster.this[0]",
      'aws_rds_cluster_instance.this["one"]',
      'aws_rds_cluster_instance.this["three"]',
      'aws_rds_cluster_instance.this["two"]',
      "aws_rds_cluster_parameter_group.this[0]",
      "aws_route53_record.writer[0]",
    ]);
    const cluster = byAddress(input, "aws_rds_cluster.this[0]");
    expect(cluster.values).toMatchObject({ cluster_identifier: "orders-prod", backup_retention_period: 14, deletion_protection: true, backtrack_window: 86400 });
    expect(cluster.values["tags"]).toEqual({ team: "payments", env: "prod", "managed-by": "terraform" });
    expect(cluster.location).toEqual({ source: "hcl", file: "test/fixtures/hcl/aurora-module-style/main.tf", line: 14, column: 1 });
    const two = byAddress(input, 'aws_rds_cluster_instance.this["two"]');
    expect(two.values).toMatchObject({ identifier: "orders-prod-two", instance_class: "db.r6g.large", availability_zone: "us-east-1b", promotion_tier: 1 });
    expect(two.values["cluster_identifier"]).toEqual(new TfReference("aws_rds_cluster.this[0]", "id"));
    expect(byAddress(input, "aws_rds_cluster_parameter_group.this[0]").values["parameter"]).toEqual([
      { name: "binlog_format", value: "ROW", apply_method: "pending-reboot" },
      { name: "binlog_checksum", value: "NONE", apply_method: "immediate" },
    ]);
    expect(byAddress(input, "aws_route53_record.writer[0]").values).toMatchObject({ ttl: 300, records: [new TfReference("aws_rds_cluster.this[0]", "endpoint")] });
  });

  it("gets the verdicts the configuration deserves", async () => {
    const v = await verdicts("aurora-module-style", {
      "multi_az.min_azs": 3,
      "multi_az.min_readers": 2,
      "backup.min_retention_days": 7,
      "backup.deletion_protection": true,
      "backup.min_backtrack_hours": 24,
      "binlog.formats": ["ROW"],
      "dns.max_ttl": 10,
      "events.subscribed": ["failover"],
      "monitoring.performance_insights": true,
      "failover.max_tier": 1,
      "failover.target_class": "same-or-larger",
    });
    const status = (rule: string) => v[`orders-prod ${rule}`]?.status;
    expect(status("multi_az.min_azs")).toBe("pass");
    expect(status("multi_az.min_readers")).toBe("pass");
    expect(status("backup.min_retention_days")).toBe("pass");
    expect(status("backup.deletion_protection")).toBe("pass");
    expect(status("backup.min_backtrack_hours")).toBe("pass");
    expect(status("binlog.formats")).toBe("pass");
    expect(status("events.subscribed")).toBe("pass");
    expect(status("monitoring.performance_insights")).toBe("pass");
    expect(status("failover.max_tier")).toBe("pass");
    expect(v["orders-prod dns.max_ttl"]).toMatchObject({ status: "fail", actual: 300 });
    // Which instance becomes the writer is not in .tf files; the xlarge reader makes the outcome depend on it.
    expect(status("failover.target_class")).toBe("unknown");
  });

  it("-var wins over tfvars and converts to the declared type", async () => {
    const v = await verdicts("aurora-module-style", { "backup.min_retention_days": 7, "dns.max_ttl": 10 }, { vars: { backup_retention_period: "3", dns_ttl: "5" } });
    expect(v["orders-prod backup.min_retention_days"]).toMatchObject({ status: "fail", actual: 3 });
    expect(v["orders-prod dns.max_ttl"]?.status).toBe("pass");
  });
});

describe("honest unknowns", () => {
  it("instances without availability_zone: the AZ spread is unknown, not a pass or a fail", async () => {
    const input = await readHclRoot(fixture("count-no-azs"), { cwd });
    expect(input.resources.map((r) => r.address)).toEqual(["aws_rds_cluster.main", "aws_rds_cluster_instance.member[0]", "aws_rds_cluster_instance.member[1]"]);
    expect(byAddress(input, "aws_rds_cluster_instance.member[1]").values).toMatchObject({ identifier: "ledger-prod-02", promotion_tier: 1 });
    const v = await verdicts("count-no-azs", { "multi_az.min_azs": 2, "multi_az.min_readers": 1 });
    expect(v["ledger-prod multi_az.min_azs"]?.status).toBe("unknown");
    expect(v["ledger-prod multi_az.min_readers"]?.status).toBe("pass");
  });

  it("a count only a plan can know makes the membership unknown and is noted", async () => {
    const input = await readHclRoot(fixture("unknown-count"), { cwd });
    const reader = byAddress(input, "aws_rds_cluster_instance.reader");
    expect(reader.values["count"]).toBeInstanceOf(TfUnknown);
    expect((reader.values["count"] as TfUnknown).reason).toContain("data.aws_availability_zones.available.names");
    expect(input.notes.join("\n")).toContain("aws_rds_cluster_instance.reader has an unknown count");
    const retention = byAddress(input, "aws_rds_cluster.main").values["backup_retention_period"];
    expect(retention).toBeInstanceOf(TfUnknown);
    expect((retention as TfUnknown).reason).toContain("var.retention has no value");
    const v = await verdicts("unknown-count", { "multi_az.min_readers": 1, "backup.min_retention_days": 7 });
    expect(v["catalog-prod multi_az.min_readers"]?.status).toBe("unknown");
    expect(v["catalog-prod backup.min_retention_days"]?.status).toBe("unknown");
  });
});

describe("variables", () => {
  it("terraform.tfvars, then *.auto.tfvars in lexical order, then --var-file, then --var", async () => {
    const base = await readHclRoot(fixture("tfvars-order"), { cwd });
    expect(byAddress(base, "aws_rds_cluster.main").values).toMatchObject({ backup_retention_period: 3, deletion_protection: false, availability_zones: [] });
    const withFile = await readHclRoot(fixture("tfvars-order"), { cwd, varFiles: [`${fixture("tfvars-order")}/extra.tfvars`] });
    expect(byAddress(withFile, "aws_rds_cluster.main").values["backup_retention_period"]).toBe(4);
    const withVar = await readHclRoot(fixture("tfvars-order"), { cwd, varFiles: [`${fixture("tfvars-order")}/extra.tfvars`], vars: { retention: "5", protect: "true", azs: '["a", "b"]' } });
    expect(byAddress(withVar, "aws_rds_cluster.main").values).toMatchObject({ backup_retention_period: 5, deletion_protection: true, availability_zones: ["a", "b"] });
  });

  it("TF_VAR_* from the environment sets a variable below every file and flag, as in Terraform", async () => {
    const env = { TF_VAR_retention: "9", TF_VAR_azs: '["x", "y"]', TF_VAR_undeclared: "1", PATH: "/bin" };
    const input = await readHclRoot(fixture("tfvars-order"), { cwd, env });
    // retention is in the tfvars files, which win; azs is set nowhere else.
    expect(byAddress(input, "aws_rds_cluster.main").values).toMatchObject({ backup_retention_period: 3, availability_zones: ["x", "y"] });
    expect(input.notes.join("\n")).not.toContain("undeclared");
  });

  it("a missing --var-file is the user's to fix", async () => {
    await expect(readHclRoot(fixture("tfvars-order"), { cwd, varFiles: ["nope.tfvars"] })).rejects.toBeInstanceOf(UserError);
  });
});

describe("modules", () => {
  it("follows a local module, prefixes its addresses and resolves its outputs; reports a remote one as a gap", async () => {
    const input = await readHclRoot(fixture("local-module"), { cwd });
    expect(input.resources.map((r) => r.address)).toEqual([
      "aws_route53_record.orders",
      "module.orders.aws_rds_cluster.this",
      "module.orders.aws_rds_cluster_instance.this[0]",
      "module.orders.aws_rds_cluster_instance.this[1]",
    ]);
    expect(byAddress(input, "aws_route53_record.orders").values["records"]).toEqual([new TfReference("module.orders.aws_rds_cluster.this", "endpoint")]);
    expect(byAddress(input, "module.orders.aws_rds_cluster_instance.this[1]").values).toMatchObject({ identifier: "orders-1", availability_zone: "eu-west-1b" });
    expect(byAddress(input, "module.orders.aws_rds_cluster.this").location).toMatchObject({ file: "test/fixtures/hcl/local-module/modules/aurora/main.tf", line: 8 });
    // Its databases are missing from the results: a gap (the run is incomplete), not a note.
    expect(input.gaps?.join("\n")).toContain('module.search (source "terraform-aws-modules/rds-aurora/aws") is not read');
    expect((await readHcl([fixture("local-module")], { cwd })).gaps).toEqual([expect.stringContaining("module.search")]);
    const v = await verdicts("local-module", { "multi_az.min_azs": 2, "dns.max_ttl": 10, "backup.min_retention_days": 7 });
    expect(v["orders multi_az.min_azs"]?.status).toBe("pass");
    expect(v["orders dns.max_ttl"]?.status).toBe("pass");
    expect(v["orders backup.min_retention_days"]).toMatchObject({ status: "fail", actual: 3 });
  });
});

describe("errors", () => {
  it("a syntax error is a UserError at file:line:column, and nothing is read", async () => {
    const error = await readHcl([fixture("syntax-error")], { cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      expect.objectContaining({ file: "test/fixtures/hcl/syntax-error/broken.tf", line: 3, column: 28, message: expect.stringContaining("Invalid expression") }),
    ]);
  });

  it("a single .tf file is read alone", async () => {
    const input = await readHclRoot(`${fixture("syntax-error")}/main.tf`, { cwd });
    expect(input.resources.map((r) => r.address)).toEqual(["aws_rds_cluster.ok"]);
  });
});

/** A fresh configuration directory holding `files` (path → lines or text), for tests that need their own .tf. */
function configDir(files: Record<string, string | readonly string[]>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "haspec-hcl-"));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), typeof content === "string" ? content : `${content.join("\n")}\n`);
  }
  return dir;
}

describe("databases that cannot be modelled", () => {
  it("are gaps, not skipped with a note: an engine from a variable with no value", async () => {
    const dir = configDir({
      "main.tf": [
        'variable "engine" {}',
        'resource "aws_db_instance" "db" {',
        '  identifier              = "orders-prod"',
        "  engine                  = var.engine",
        '  instance_class          = "db.m6g.large"',
        "  backup_retention_period = 0",
        '  tags                    = { env = "prod" }',
        "}",
        'resource "aws_rds_cluster" "main" {',
        '  cluster_identifier = "ledger-prod"',
        "  engine             = var.engine",
        "}",
      ],
    });
    const inv = await readHcl([dir], { cwd: dir });
    expect(inv.resources).toEqual([]);
    expect(inv.gaps).toEqual([
      expect.stringMatching(/^aws_rds_cluster\.main: its engine is .*var\.engine.*cannot be told and it is not judged$/),
      expect.stringMatching(/^aws_db_instance\.db: its engine is .*var\.engine.*, so it is not judged$/),
    ]);
  });
});

describe("provider default_tags", () => {
  it("are the resource's tags as AWS sees them (tags_all), under its own; unknown when they cannot be told", async () => {
    const withDefaultTags = (defaultTags: string) =>
      configDir({
        "main.tf": [
          'variable "team" {}',
          'provider "aws" {',
          '  region = "us-east-1"',
          `  default_tags { tags = ${defaultTags} }`,
          "}",
          'resource "aws_rds_cluster" "main" {',
          '  cluster_identifier = "orders-prod"',
          '  engine             = "aurora-mysql"',
          '  tags               = { team = "payments" }',
          "}",
          'resource "aws_rds_cluster" "bare" {',
          '  cluster_identifier = "ledger-prod"',
          '  engine             = "aurora-mysql"',
          "}",
        ],
      });
    const dir = withDefaultTags('{ env = "prod", team = "platform" }');
    const inv = await readHcl([dir], { cwd: dir });
    expect(inv.resources.map((r) => [r.id, r.tags])).toEqual([
      ["ledger-prod", { known: true, value: { env: "prod", team: "platform" } }],
      ["orders-prod", { known: true, value: { env: "prod", team: "payments" } }],
    ]);
    const unknownDir = withDefaultTags("{ env = var.team }");
    const unknownTags = await readHcl([unknownDir], { cwd: unknownDir });
    expect(unknownTags.resources.every((r) => !r.tags.known)).toBe(true);
  });
});

describe("null values", () => {
  it("are values, not missing declarations: coalesce, null checks and provider defaults apply; nullable = false takes the default", async () => {
    const dir = configDir({
      "main.tf": [
        'variable "retention" { default = null }',
        'variable "protect" { default = null }',
        'locals { copy_tags = null }',
        'module "db" {',
        '  source    = "./modules/db"',
        "  insights  = null",
        "}",
        'resource "aws_rds_cluster" "main" {',
        '  cluster_identifier      = "orders-prod"',
        '  engine                  = "aurora-mysql"',
        "  backup_retention_period = coalesce(var.retention, 7)",
        "  deletion_protection     = var.protect != null ? var.protect : true",
        "  copy_tags_to_snapshot   = local.copy_tags",
        "}",
        'resource "aws_rds_cluster_instance" "a" {',
        '  identifier         = "orders-prod-a"',
        "  cluster_identifier = aws_rds_cluster.main.id",
        '  instance_class     = "db.r6g.large"',
        "  engine             = aws_rds_cluster.main.engine",
        "  performance_insights_enabled = module.db.insights",
        "}",
      ],
      "modules/db/main.tf": ['variable "insights" {', "  default  = true", "  nullable = false", "}", 'output "insights" { value = var.insights }'],
    });
    const inv = await readHcl([dir], { cwd: dir });
    const cluster = inv.resources[0]!;
    expect([cluster.backupRetentionDays, cluster.deletionProtection, cluster.copyTagsToSnapshot]).toEqual([
      { known: true, value: 7 },
      { known: true, value: true },
      { known: true, value: false }, // null: the provider's default
    ]);
    const instance = cluster.instances.known ? cluster.instances.value[0] : undefined;
    expect(instance?.performanceInsightsEnabled).toEqual({ known: true, value: true });
  });
});

describe("Terraform JSON syntax with wrong shapes", () => {
  const read = async (doc: unknown) => {
    const dir = configDir({ "main.tf.json": JSON.stringify(doc) });
    return readHcl([dir], { cwd: dir });
  };
  const cluster = { cluster_identifier: "orders-prod", engine: "aurora-mysql" };

  it("is refused with the file, not skipped: judging what is left would pass", async () => {
    await expect(read({ resource: "x" })).rejects.toThrow(/main\.tf\.json:1:1: "resource" is a string, expected an object/);
    await expect(read({ resource: { aws_rds_cluster: { main: null } } })).rejects.toThrow(/resource aws_rds_cluster\.main is null, expected a block/);
    await expect(read({ resource: { aws_rds_cluster: ["x"] } })).rejects.toThrow(/"resource"\."aws_rds_cluster" is a list holding string/);
  });

  it("accepts the array forms the syntax allows", async () => {
    const inv = await read({ resource: [{ aws_rds_cluster: [{ main: [cluster] }] }] });
    expect(inv.resources.map((r) => r.id)).toEqual(["orders-prod"]);
  });
});

describe("variable values of the wrong type", () => {
  it("are refused as Terraform refuses them; an expression in a tfvars file is left to evaluation", async () => {
    const dir = configDir({
      "main.tf": ['variable "tier" { type = number }', 'variable "azs" { type = list(string) }', 'resource "aws_rds_cluster" "main" {', '  cluster_identifier = "orders-prod"', '  engine = "aurora-mysql"', "}"],
    });
    await expect(readHcl([dir], { cwd: dir, vars: { tier: "abc" } })).rejects.toThrow(/the value given for var\.tier does not fit its type: var\.tier: expected a number, got "abc"/);
    await expect(readHcl([dir], { cwd: dir, vars: { tier: "1", azs: "us-east-1a" } })).rejects.toThrow(/--var azs=us-east-1a is not a valid value for its type/);
    writeFileSync(path.join(dir, "terraform.tfvars"), "tier = 3 + 4\n");
    await expect(readHcl([dir], { cwd: dir })).resolves.toMatchObject({ resources: [expect.objectContaining({ id: "orders-prod" })] });
  });
});

describe("a CNAME to an endpoint in its fully qualified form", () => {
  it("points at the same host: the record is judged, not every resource's DNS left unknown", async () => {
    const cluster = (name: string) => [`resource "aws_rds_cluster" "${name}" {`, `  cluster_identifier = "${name}-prod"`, '  engine = "aurora-mysql"', "}"].join("\n");
    const dir = configDir({
      "main.tf": [
        cluster("geo"),
        cluster("other"),
        'resource "aws_route53_record" "db" {',
        '  zone_id = "Z1"',
        '  name    = "geo.db.example.com"',
        '  type    = "CNAME"',
        "  ttl     = 600",
        '  records = ["${aws_rds_cluster.geo.endpoint}."]',
        "}",
      ],
    });
    const inv = await readHcl([dir], { cwd: dir });
    const ev = evaluate([policy({ targets: [target({ require: { "dns.max_ttl": 60 } })] })], inv, { now: new Date("2026-11-22T10:00:00Z") });
    expect(ev.results.map((r) => [r.resource.id, r.status])).toEqual([
      ["geo-prod", "fail"],
      ["other-prod", "pass"],
    ]);
  });
});
