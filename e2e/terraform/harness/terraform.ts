// Runs real Terraform against moto: the provider from the local filesystem mirror, one shared plugin cache, every step's output kept.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { awsEnv } from "./moto.js";
import { runProcess, type ProcessRun } from "./process.js";

/** The directory that holds registry.terraform.io/hashicorp/aws (the provider mirror), found at run time. */
export function providerMirror(): string {
  const fromEnv = process.env["HASPEC_TF_MIRROR"];
  if (fromEnv && existsSync(join(fromEnv, "registry.terraform.io/hashicorp/aws"))) return fromEnv;
  // find exits non-zero on unreadable directories (/proc): its output is still the answer.
  const out = spawnSync("find", ["/", "-maxdepth", "4", "-type", "d", "-path", "*/registry.terraform.io/hashicorp"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).stdout.trim();
  const first = out.split("\n").find((line) => line !== "" && existsSync(join(line, "aws")));
  if (!first) throw new Error("no hashicorp/aws provider mirror found (find / -maxdepth 4 -path '*/registry.terraform.io/hashicorp'); see .ci/run");
  return join(first, "../..");
}

/** Where the CLI config lives: one per test run, written by `global-setup.ts` before any worker starts Terraform. */
export function terraformCliConfigPath(): string {
  return join(tmpdir(), "haspec-e2e-terraform", "terraformrc");
}

/**
 * Writes the CLI config that installs providers only from the mirror and caches them in one shared directory.
 * Written once, atomically (a rename), before the workers start: a Terraform reading a half-written config falls
 * back to the public registry, which this machine cannot reach.
 */
export function writeTerraformCliConfig(): string {
  const path = terraformCliConfigPath();
  const cache = join(dirname(path), "plugin-cache");
  mkdirSync(cache, { recursive: true });
  const text = [
    `plugin_cache_dir = ${JSON.stringify(cache)}`,
    `plugin_cache_may_break_dependency_lock_file = true`,
    `provider_installation {`,
    `  filesystem_mirror {`,
    `    path    = ${JSON.stringify(providerMirror())}`,
    `    include = ["registry.terraform.io/*/*"]`,
    `  }`,
    `}`,
    ``,
  ].join("\n");
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, text);
  renameSync(draft, path);
  return path;
}

/** The CLI config for a Terraform run; it must exist (global setup writes it): a missing one would mean the public registry. */
export function terraformCliConfig(): string {
  const path = terraformCliConfigPath();
  if (!existsSync(path)) throw new Error(`${path} is missing: run the suite through e2e/terraform/vitest.config.ts (its global setup writes it)`);
  return path;
}

const SERVICES = ["rds", "route53", "iam", "sns", "sts", "ec2", "kms", "secretsmanager", "cloudwatch", "sqs", "events", "autoscaling", "elb", "elbv2"];

/** Provider settings that send every call to moto with fake credentials; `alias` for the extra configurations of a root. */
export function motoProviderBlock(url: string, options: { alias?: string; region?: string } = {}): string {
  return [
    `provider "aws" {`,
    ...(options.alias ? [`  alias = ${JSON.stringify(options.alias)}`] : []),
    ...(options.region ? [`  region = ${JSON.stringify(options.region)}`] : []),
    `  access_key                  = "testing"`,
    `  secret_key                  = "testing"`,
    `  skip_credentials_validation = true`,
    `  skip_metadata_api_check     = true`,
    `  skip_region_validation      = true`,
    `  endpoints {`,
    ...SERVICES.map((s) => `    ${s} = ${JSON.stringify(url)}`),
    `  }`,
    `}`,
    ``,
  ].join("\n");
}

/** An override file that points every aws provider configuration of the root in `dir` (default and aliases) at moto. */
export function writeMotoOverride(dir: string, url: string): void {
  const aliases = new Set<string>();
  for (const file of readdirSync(dir)) {
    if (!/\.tf(\.json)?$/.test(file) || /override\.tf(\.json)?$/.test(file)) continue;
    const text = readFileSync(join(dir, file), "utf8");
    for (const m of text.matchAll(/"?alias"?\s*[=:]\s*"([A-Za-z0-9_-]+)"/g)) aliases.add(m[1]!);
  }
  const hasDefault = readdirSync(dir).some((f) => /\.tf(\.json)?$/.test(f) && /provider\W+("aws"|aws\b)/.test(readFileSync(join(dir, f), "utf8")));
  const blocks = [...(hasDefault ? [motoProviderBlock(url)] : []), ...[...aliases].map((alias) => motoProviderBlock(url, { alias }))];
  writeFileSync(join(dir, "zz_moto_override.tf"), blocks.join("\n"));
}

export type StepResult = ProcessRun;

export class TerraformError extends Error {}

/** One Terraform working directory; `run` keeps each step's output so a failure shows all of them. */
export class Terraform {
  readonly steps: StepResult[] = [];
  constructor(
    readonly dir: string,
    readonly motoUrl: string,
  ) {}

  get env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env["PATH"],
      HOME: process.env["HOME"],
      ...awsEnv(this.motoUrl),
      TF_CLI_CONFIG_FILE: terraformCliConfig(),
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    };
  }

  async run(args: readonly string[], options: { allowFailure?: boolean } = {}): Promise<StepResult> {
    const result: StepResult = await runProcess("terraform", args, { cwd: this.dir, env: this.env });
    this.steps.push(result);
    if (result.code !== 0 && !options.allowFailure) throw new TerraformError(`terraform ${args.join(" ")} failed in ${this.dir}:\n${this.transcript()}`);
    return result;
  }

  /** Every step so far, output included (plan JSON shortened), for a failure message. */
  transcript(): string {
    return this.steps
      .map((s) => `$ terraform ${s.args.join(" ")}  → exit ${s.code}\n${s.stdout.length > 20_000 ? s.stdout.slice(0, 20_000) + "…" : s.stdout}${s.stderr}`)
      .join("\n");
  }

  init() {
    return this.run(["init", "-no-color", "-input=false"]);
  }
  validate() {
    return this.run(["validate", "-no-color"]);
  }
  apply() {
    return this.run(["apply", "-no-color", "-input=false", "-auto-approve", "-parallelism=4"]);
  }
  /** `plan -out` then `show -json`: the plan as Terraform writes it. */
  async planJson(extra: readonly string[] = []): Promise<any> {
    await this.run(["plan", "-no-color", "-input=false", "-out=tfplan", ...extra]);
    return JSON.parse((await this.run(["show", "-json", "tfplan"])).stdout);
  }
  async stateJson(): Promise<any> {
    return JSON.parse((await this.run(["show", "-json"])).stdout);
  }
}

/** Copies a root (an estate or emitted fix) into a fresh directory, points it at moto and runs `terraform init`. */
export async function prepareRoot(source: string, motoUrl: string, options: { withProvider?: boolean } = {}): Promise<Terraform> {
  const dir = mkdtempSync(join(tmpdir(), "haspec-e2e-root-"));
  cpSync(source, dir, { recursive: true, filter: (p) => !/\.terraform|terraform\.tfstate|tfplan$/.test(p) });
  if (options.withProvider) writeFileSync(join(dir, "zz_moto_provider.tf"), motoProviderBlock(motoUrl, { region: "us-east-1" }));
  else writeMotoOverride(dir, motoUrl);
  const tf = new Terraform(dir, motoUrl);
  await tf.init();
  return tf;
}
