// Terraform benchmark pieces: a 5,000-resource plan JSON and a 500-file .tf directory, checked against a read+JSON.parse baseline.
//
// Exported for scripts/bench.mjs: `await benchTerraform({ bin, runs })` generates (or reuses) the inputs
// under .bench/, measures `haspec check` wall time and peak RSS on each, prints a table and returns
// the figures. Run alone: node scripts/bench/terraform.mjs [--runs N] [--bin bin/haspec.js].
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { rng } from "./aws-records.mjs";
import { fmtBytes, fmtMb, fmtMs, measure, measureInterleaved, table } from "./measure.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BENCH_DIR = join(ROOT, ".bench");
const READ_PARSE = join(ROOT, "scripts/bench/read-parse.mjs");
const POLICY_SOURCE = join(ROOT, "policies/aurora-production.yaml");
/** Bump when the generated inputs change shape, so stale ones are rebuilt. */
export const TERRAFORM_GENERATOR_VERSION = 1;
const PLAN_RESOURCES = 5000;
const TF_FILES = 500;
/** Issue 17: a 5,000-resource plan within 4× read+JSON.parse (plans are parsed whole, no byte-level cutting). */
const TARGET_RATIO = 4;

// ---- deterministic generation ---------------------------------------------------------------------

const AZS = ["us-east-1a", "us-east-1b", "us-east-1c"];
const ACCOUNT = "123456789012";
const CLASSES = ["db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge", "db.r7g.large"];
const pad = (i) => String(i).padStart(4, "0");

function clusterValues(id, rand) {
  const version = rand() < 0.8 ? "8.0.mysql_aurora.3.05.2" : "8.0.mysql_aurora.3.02.0";
  return {
    allocated_storage: null, allow_major_version_upgrade: null, apply_immediately: null, arn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster:${id}`,
    availability_zones: AZS, backtrack_window: rand() < 0.5 ? 86400 : 0, backup_retention_period: rand() < 0.85 ? 7 : 1, cluster_identifier: id,
    cluster_identifier_prefix: "", cluster_members: [], cluster_resource_id: `cluster-${id.toUpperCase()}`, copy_tags_to_snapshot: rand() < 0.9,
    database_name: "app", db_cluster_instance_class: "", db_cluster_parameter_group_name: `${id}-params`, db_subnet_group_name: "db-private",
    deletion_protection: rand() < 0.9, enabled_cloudwatch_logs_exports: ["audit", "error"], endpoint: `${id}.cluster-abc123.us-east-1.rds.amazonaws.com`,
    engine: "aurora-mysql", engine_mode: "provisioned", engine_version: version, engine_version_actual: version, final_snapshot_identifier: null,
    hosted_zone_id: "Z2R2ITUGPM61AM", iam_database_authentication_enabled: false, id, kms_key_id: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abcd`,
    manage_master_user_password: true, master_username: "admin", port: 3306, preferred_backup_window: "03:00-03:30",
    preferred_maintenance_window: "sun:05:00-sun:05:30", reader_endpoint: `${id}.cluster-ro-abc123.us-east-1.rds.amazonaws.com`,
    skip_final_snapshot: false, storage_encrypted: true, tags: { env: "prod", team: "payments" }, tags_all: { env: "prod", team: "payments" },
    timeouts: null, vpc_security_group_ids: ["sg-0123456789abcdef0"],
  };
}

function instanceValues(id, clusterId, az, tier, cls, writer) {
  return {
    apply_immediately: null, arn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`, auto_minor_version_upgrade: true, availability_zone: az,
    ca_cert_identifier: "rds-ca-rsa2048-g1", cluster_identifier: clusterId, copy_tags_to_snapshot: false, db_parameter_group_name: "default.aurora-mysql8.0",
    db_subnet_group_name: "db-private", dbi_resource_id: `db-${id.toUpperCase()}`, endpoint: `${id}.abc123.us-east-1.rds.amazonaws.com`,
    engine: "aurora-mysql", engine_version: "8.0.mysql_aurora.3.05.2", engine_version_actual: "8.0.mysql_aurora.3.05.2", id, identifier: id,
    identifier_prefix: "", instance_class: cls, kms_key_id: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abcd`, monitoring_interval: 60,
    monitoring_role_arn: `arn:aws:iam::${ACCOUNT}:role/rds-monitoring`, network_type: "IPV4", performance_insights_enabled: true,
    performance_insights_kms_key_id: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abcd`, performance_insights_retention_period: 7, port: 3306,
    preferred_backup_window: "03:00-03:30", preferred_maintenance_window: "sun:05:00-sun:05:30", promotion_tier: tier, publicly_accessible: false,
    storage_encrypted: true, tags: null, tags_all: {}, timeouts: null, writer,
  };
}

function dbInstanceValues(id, rand) {
  const host = `${id}.abc123.us-east-1.rds.amazonaws.com`;
  return {
    address: host, allocated_storage: 100, arn: `arn:aws:rds:us-east-1:${ACCOUNT}:db:${id}`, auto_minor_version_upgrade: true, availability_zone: "us-east-1a",
    backup_retention_period: rand() < 0.8 ? 14 : 0, backup_window: "02:00-02:30", copy_tags_to_snapshot: true, db_name: "app", deletion_protection: true,
    endpoint: `${host}:3306`, engine: "postgres", engine_version: "16.3", engine_version_actual: "16.3", id: `db-${id.toUpperCase()}`, identifier: id,
    instance_class: "db.m6g.large", maintenance_window: "mon:06:00-mon:06:30", monitoring_interval: 30, multi_az: rand() < 0.7, performance_insights_enabled: true,
    port: 5432, replicate_source_db: "", resource_id: `db-${id.toUpperCase()}`, storage_encrypted: true, storage_type: "gp3", tags: { env: "prod" },
    tags_all: { env: "prod" }, username: "admin", vpc_security_group_ids: ["sg-0123456789abcdef0"],
  };
}

/** Builds the plan document: planned_values, resource_changes (mostly no-op, some updates and creates), prior_state, configuration. */
export function generatePlan(targetResources = PLAN_RESOURCES) {
  const rand = rng(42);
  const resources = []; // { address, type, name, values, action, configExpressions }
  let unit = 0;
  while (resources.length < targetResources) {
    const n = pad(unit);
    const name = `c${n}`;
    const id = `app-${n}`;
    const cluster = clusterValues(id, rand);
    const members = rand() < 0.5 ? 2 : 3;
    const memberIds = [];
    const clusterRefs = { cluster_identifier: { references: [`aws_rds_cluster.${name}.id`, `aws_rds_cluster.${name}`] } };
    resources.push({ type: "aws_rds_cluster_parameter_group", name, values: { arn: `arn:aws:rds:us-east-1:${ACCOUNT}:cluster-pg:${id}-params`, description: "", family: "aurora-mysql8.0", id: `${id}-params`, name: `${id}-params`, name_prefix: "", parameter: [{ apply_method: "pending-reboot", name: "binlog_format", value: rand() < 0.5 ? "ROW" : "OFF" }, { apply_method: "immediate", name: "long_query_time", value: "2" }], tags: null, tags_all: {} }, expressions: { name: { constant_value: `${id}-params` } } });
    const isNew = rand() < 0.05;
    resources.push({ type: "aws_rds_cluster", name, values: cluster, isNew, expressions: { cluster_identifier: { constant_value: id }, engine: { constant_value: "aurora-mysql" }, db_cluster_parameter_group_name: { references: [`aws_rds_cluster_parameter_group.${name}.name`, `aws_rds_cluster_parameter_group.${name}`] } } });
    const cls = CLASSES[Math.floor(rand() * CLASSES.length)];
    for (let m = 0; m < members; m++) {
      const mid = `${id}-${m}`;
      memberIds.push(mid);
      const values = instanceValues(mid, id, AZS[rand() < 0.15 ? 0 : m % 3], m === 0 ? 0 : 1 + Math.floor(rand() * 2), cls, m === 0);
      const resize = !isNew && m > 0 && rand() < 0.05;
      resources.push({ type: "aws_rds_cluster_instance", name: `${name}_${m}`, values, isNew, resize, expressions: { ...clusterRefs, identifier: { constant_value: mid }, instance_class: { constant_value: cls } } });
    }
    cluster.cluster_members = memberIds;
    resources.push({ type: "aws_route53_record", name, values: { alias: [], allow_overwrite: null, fqdn: `${id}.db.example.com`, health_check_id: "", id: `Z0EXAMPLE_${id}.db.example.com_CNAME`, name: `${id}.db.example.com`, records: [cluster.endpoint], set_identifier: "", ttl: rand() < 0.8 ? 5 : 300, type: "CNAME", zone_id: "Z0EXAMPLE" }, isNew, expressions: { records: { references: [`aws_rds_cluster.${name}.endpoint`, `aws_rds_cluster.${name}`] } } });
    if (unit % 4 === 0) resources.push({ type: "aws_db_instance", name: `pg${n}`, values: dbInstanceValues(`pg-${n}`, rand), expressions: { identifier: { constant_value: `pg-${n}` } } });
    unit++;
  }
  resources.length = targetResources;

  const known = (r) => ({ address: `${r.type}.${r.name}`, mode: "managed", type: r.type, name: r.name, provider_name: "registry.terraform.io/hashicorp/aws", schema_version: 0, sensitive_values: {} });
  const COMPUTED = ["arn", "id", "endpoint", "reader_endpoint", "writer", "cluster_members", "cluster_resource_id", "dbi_resource_id", "engine_version_actual", "fqdn", "hosted_zone_id"];
  const planned = [];
  const changes = [];
  const prior = [];
  for (const r of resources) {
    const address = `${r.type}.${r.name}`;
    let after = r.values;
    let afterUnknown = {};
    let actions = ["no-op"];
    let before = r.values;
    if (r.isNew) {
      actions = ["create"];
      before = null;
      after = { ...r.values };
      for (const k of COMPUTED) if (k in after) {
        delete after[k];
        afterUnknown[k] = true;
      }
      if (r.type === "aws_rds_cluster_instance") {
        delete after.cluster_identifier;
        afterUnknown.cluster_identifier = true;
      }
      if (r.type === "aws_route53_record") {
        after.records = [];
        afterUnknown.records = [true];
      }
    } else if (r.resize) {
      actions = ["update"];
      after = { ...r.values, instance_class: "db.r6g.4xlarge" };
    }
    if (before !== null) prior.push({ ...known(r), values: before });
    planned.push({ ...known(r), values: after });
    changes.push({ ...known(r), change: { actions, before, after, after_unknown: afterUnknown, before_sensitive: before === null ? false : {}, after_sensitive: {} } });
  }
  return {
    format_version: "1.2",
    terraform_version: "1.9.5",
    variables: { region: { value: "us-east-1" } },
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
    prior_state: { format_version: "1.0", terraform_version: "1.9.5", values: { root_module: { resources: prior } } },
    configuration: {
      provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws", version_constraint: "~> 5.0", expressions: { region: { references: ["var.region"] } } } },
      root_module: {
        resources: resources.map((r) => ({ address: `${r.type}.${r.name}`, mode: "managed", type: r.type, name: r.name, provider_config_key: "aws", expressions: r.expressions, schema_version: 0 })),
        variables: { region: { default: "us-east-1" } },
      },
    },
    timestamp: "2026-11-22T09:55:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
}

/** One .tf file: a cluster, its parameter group, 2–3 instances and (for some) a CNAME. */
function tfFile(i, rand) {
  const n = pad(i);
  const members = rand() < 0.5 ? 2 : 3;
  const lines = [
    `# Cluster app-${n}: generated for the haspec benchmark.`,
    `resource "aws_rds_cluster_parameter_group" "c${n}" {`,
    `  name   = "app-${n}-params"`,
    `  family = "aurora-mysql8.0"`,
    ``,
    `  parameter {`,
    `    name         = "binlog_format"`,
    `    value        = var.binlog_format`,
    `    apply_method = "pending-reboot"`,
    `  }`,
    `}`,
    ``,
    `resource "aws_rds_cluster" "c${n}" {`,
    `  cluster_identifier              = "\${local.prefix}-${n}"`,
    `  engine                          = "aurora-mysql"`,
    `  engine_version                  = var.engine_version`,
    `  backup_retention_period         = ${rand() < 0.85 ? "var.retention" : 1}`,
    `  deletion_protection             = true`,
    `  copy_tags_to_snapshot           = true`,
    `  preferred_backup_window         = "03:00-03:30"`,
    `  preferred_maintenance_window    = "sun:05:00-sun:05:30"`,
    `  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.c${n}.name`,
    `  master_username                 = "admin"`,
    `  manage_master_user_password     = true`,
    `  tags                            = local.tags`,
    `}`,
    ``,
    `resource "aws_rds_cluster_instance" "c${n}" {`,
    `  count                        = ${members}`,
    `  identifier                   = "\${aws_rds_cluster.c${n}.cluster_identifier}-\${count.index}"`,
    `  cluster_identifier           = aws_rds_cluster.c${n}.id`,
    `  instance_class               = "${CLASSES[i % CLASSES.length]}"`,
    `  engine                       = aws_rds_cluster.c${n}.engine`,
    `  availability_zone            = element(local.azs, count.index)`,
    `  promotion_tier               = count.index == 0 ? 0 : 1`,
    `  performance_insights_enabled = true`,
    `  monitoring_interval          = 60`,
    `}`,
  ];
  if (i % 2 === 0) {
    lines.push(``, `resource "aws_route53_record" "c${n}" {`, `  zone_id = "Z0EXAMPLE"`, `  name    = "app-${n}.db.example.com"`, `  type    = "CNAME"`, `  ttl     = ${rand() < 0.8 ? 5 : 300}`, `  records = [aws_rds_cluster.c${n}.endpoint]`, `}`);
  }
  return lines.join("\n") + "\n";
}

export function generateTfDir(dir, files = TF_FILES) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rand = rng(7);
  writeFileSync(
    join(dir, "_common.tf"),
    [
      `# Shared variables, locals and the provider of the generated benchmark configuration.`,
      `variable "region" {\n  default = "us-east-1"\n}`,
      `variable "engine_version" {\n  default = "8.0.mysql_aurora.3.05.2"\n}`,
      `variable "retention" {\n  type    = number\n  default = 7\n}`,
      `variable "binlog_format" {\n  default = "ROW"\n}`,
      `locals {\n  prefix = "app"\n  azs    = ["us-east-1a", "us-east-1b", "us-east-1c"]\n  tags   = { env = "prod", team = "payments" }\n}`,
      `provider "aws" {\n  region = var.region\n}`,
    ].join("\n\n") + "\n",
  );
  for (let i = 0; i < files - 1; i++) writeFileSync(join(dir, `cluster_${pad(i)}.tf`), tfFile(i, rand));
}

// ---- measuring (the approach of scripts/bench.mjs: node --import rss-probe, medians) -------------

function benchPolicy() {
  const path = join(BENCH_DIR, "bench-policy.yaml");
  if (existsSync(path)) return path;
  const text = readFileSync(POLICY_SOURCE, "utf8");
  const cut = text.search(/^waivers:/m);
  const body = (cut === -1 ? text : text.slice(0, cut)).replace(/^name: .*$/m, "name: aurora-production-bench").trimEnd();
  writeFileSync(path, `# Generated by scripts/bench/terraform.mjs from policies/aurora-production.yaml, waivers removed.\n${body.replace(/^#.*\n/, "")}\n`);
  return path;
}

/** Generates the inputs unless a stamp says they are current; returns their paths and sizes. */
function ensureInputs() {
  mkdirSync(BENCH_DIR, { recursive: true });
  const plan = join(BENCH_DIR, `terraform-plan-${PLAN_RESOURCES}.json`);
  const tfDir = join(BENCH_DIR, `tf-${TF_FILES}`);
  const stampPath = join(BENCH_DIR, "terraform.stamp.json");
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, "utf8"));
  } catch {
    stamp = undefined;
  }
  const current = stamp?.generator === TERRAFORM_GENERATOR_VERSION && existsSync(plan) && existsSync(tfDir);
  if (!current) {
    writeFileSync(plan, JSON.stringify(generatePlan(PLAN_RESOURCES)));
    generateTfDir(tfDir, TF_FILES);
    writeFileSync(stampPath, JSON.stringify({ generator: TERRAFORM_GENERATOR_VERSION }) + "\n");
  }
  const tfBytes = readdirSync(tfDir).reduce((sum, f) => sum + statSync(join(tfDir, f)).size, 0);
  return { plan, planBytes: statSync(plan).size, tfDir, tfBytes, reused: current };
}

/**
 * Measures the Terraform inputs: read+JSON.parse of the plan (baseline), `haspec check` on the plan
 * and on the .tf directory. Prints a table; returns the figures (never throws for a failed check).
 */
export async function benchTerraform({ bin = join(ROOT, "bin/haspec.js"), runs = 3 } = {}) {
  const inputs = ensureInputs();
  const policy = benchPolicy();
  const out = process.stdout;
  out.write(
    `\nTerraform inputs ${inputs.reused ? "(reused)" : "(generated)"}: plan of ${PLAN_RESOURCES} resources, ${fmtBytes(inputs.planBytes)} → ${relative(ROOT, inputs.plan)}; ` +
      `${TF_FILES} .tf files, ${fmtBytes(inputs.tfBytes)} → ${relative(ROOT, inputs.tfDir)}\n`,
  );
  const check = (input) => [bin, "check", "--policy", policy, input, "--format", "json", "--output", "/dev/null"];
  // Taking turns: the ratio compares runs made under the same load.
  const [readParse, planCheck] = measureInterleaved(
    [
      { label: "read+JSON.parse (plan)", args: [READ_PARSE, inputs.plan] },
      { label: `check plan (${PLAN_RESOURCES} resources)`, args: check(inputs.plan), okCodes: [0, 1] },
    ],
    runs,
  );
  const tfCheck = measure(`check .tf directory (${TF_FILES} files)`, check(inputs.tfDir), runs, [0, 1]);
  const ratio = readParse.ms && planCheck.ms ? planCheck.ms / readParse.ms : null;
  const rows = [readParse, planCheck, tfCheck].map((m) => [
    m.label,
    m.failed ? `FAILED ${m.failed}` : fmtMs(m.ms),
    m.failed ? "" : fmtMb(m.rssKb),
    m === planCheck && ratio != null ? `${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? "ok" : "MISSED"})` : "",
  ]);
  out.write(`${table(["terraform (median of " + runs + ")", "wall", "peak RSS", "vs read+parse"], rows)}\n`);
  return {
    planResources: PLAN_RESOURCES,
    planBytes: inputs.planBytes,
    tfFiles: TF_FILES,
    tfBytes: inputs.tfBytes,
    readParse,
    planCheck,
    tfCheck,
    planRatio: ratio,
    planRatioTarget: TARGET_RATIO,
    planRatioOk: ratio == null ? null : ratio <= TARGET_RATIO,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const at = (flag) => {
    const i = args.indexOf(flag);
    return i === -1 ? undefined : args[i + 1];
  };
  await benchTerraform({ bin: at("--bin") ? resolve(at("--bin")) : undefined, runs: at("--runs") ? Number(at("--runs")) : 3 });
}
