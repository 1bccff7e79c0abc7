// The command line (SPEC-v1 §4): parses arguments with yargs and dispatches to the commands.
import { formatProblem, UserError } from "../errors.js";
import type { LiveScanOptions } from "../sources/index.js";
import { VERSION } from "../version.js";

/** Exit codes of SPEC-v1 §5. */
export const EXIT = { ok: 0, violations: 1, usage: 2 } as const;

export interface Io {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The clock; tests and reproducible audits fix it with --now. */
  readonly now: () => Date;
}

const defaultIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});

/** Flags of the live AWS scan, shared by `check --source aws` and `snapshot`. */
const LIVE_OPTIONS = {
  region: { type: "string", describe: "--source aws: a region to scan (repeatable; `all` for every enabled region)" },
  profile: { type: "string", describe: "--source aws: the AWS profile to use" },
  "role-arn": { type: "string", describe: "--source aws: a role to assume, one account each (repeatable)" },
  "endpoint-url": { type: "string", describe: "--source aws: send every AWS call to this endpoint (LocalStack, moto)" },
  "db-secret-arn": { type: "string", describe: "--source aws: Secrets Manager secret for the read-only SQL check of binlog retention" },
} as const;

function liveOptions(
  args: { region?: string | string[]; profile?: string; "role-arn"?: string | string[]; "endpoint-url"?: string; "db-secret-arn"?: string; quiet?: boolean },
  io: Io,
  quiet = args.quiet ?? false,
): LiveScanOptions {
  const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  return {
    regions: asList(args.region),
    roleArns: asList(args["role-arn"]),
    ...(args.profile !== undefined ? { profile: args.profile } : {}),
    ...(args["endpoint-url"] !== undefined ? { endpointUrl: args["endpoint-url"] } : {}),
    ...(args["db-secret-arn"] !== undefined ? { dbSecretArn: args["db-secret-arn"] } : {}),
    ...(!quiet && stderr.isTTY ? { progress: stderr } : {}),
    env: io.env,
    now: io.now,
  };
}

/** A repeatable string option: yargs gives undefined, one string, or an array. */
function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function printUserError(io: Io, error: UserError): void {
  io.stderr.write(`Error: ${error.message}\n`);
  for (const p of error.problems) {
    const line = formatProblem(p);
    // Some errors already say their one problem in the message; don't print it twice.
    if (!error.message.includes(p.message)) io.stderr.write(`  ${line}\n`);
  }
}

/** Runs the CLI and returns the exit code; never throws for user mistakes. */
export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      printUserError(io, error);
      return EXIT.usage;
    }
    io.stderr.write(`haspec: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.usage;
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const { default: yargs } = await import("yargs");
  let exitCode: number = EXIT.ok;
  let usageError: string | undefined;
  const parser = yargs([...argv])
    .scriptName("haspec")
    .version(VERSION)
    .strict()
    .help()
    .alias("h", "help")
    .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    })
    .command(
      "check [inputs..]",
      "judge inputs against the policy and report",
      (y) =>
        y
          .positional("inputs", { type: "string", array: true, describe: "files or directories: AWS CLI JSON, a Terraform plan or state (terraform show -json), .tf files, cdk.tf.json, a snapshot" })
          // Not `array: true`: that would swallow the INPUTs after it. Repeating the flag collects values.
          .option("policy", { alias: "p", type: "string", describe: "policy file (repeatable); default ./haspec.yaml" })
          .option("source", {
            type: "string",
            choices: ["aws-json", "aws", "plan", "state", "hcl", "cdktf", "snapshot"],
            describe: "input kind; detected from the content when omitted",
          })
          .option("format", { type: "string", choices: ["text", "json"], describe: "report format (default text)" })
          .option("output", { alias: "o", type: "string", describe: "write the report to this file" })
          .option("fail-on-unknown", { type: "boolean", default: false, describe: "exit 1 when any result is unknown" })
          .option("interactive", { type: "boolean", describe: "interactive terminal UI (not in this version; --no-interactive accepted)" })
          .option("quiet", { alias: "q", type: "boolean", default: false, describe: "print nothing on stdout; the exit code tells" })
          .option("now", { type: "string", describe: "judge as of this ISO time (waiver expiry, generatedAt)" })
          .option("changed-only", { type: "boolean", default: false, describe: "Terraform plans: judge only the resources the plan changes" })
          .option("var-file", { type: "string", describe: ".tf inputs: a -var-file (repeatable)" })
          .option("var", { type: "string", describe: ".tf inputs: a -var NAME=VALUE (repeatable)" })
          .options(LIVE_OPTIONS),
      async (args) => {
        const { runCheck } = await import("./check.js");
        exitCode = await runCheck(
          {
            inputs: args.inputs ?? [],
            policies: asList(args.policy),
            source: args.source as never,
            format: args.format ?? "text",
            output: args.output,
            failOnUnknown: args["fail-on-unknown"],
            interactive: args.interactive,
            quiet: args.quiet,
            now: args.now,
            changedOnly: args["changed-only"],
            varFiles: asList(args["var-file"]),
            vars: asList(args.var),
            live: liveOptions(args, io),
          },
          io,
        );
      },
    )
    .command(
      "explain <rule>",
      "print a rule's documentation",
      (y) => y.positional("rule", { type: "string", demandOption: true, describe: "rule id, e.g. failover.max_tier" }),
      async (args) => {
        const { runExplain } = await import("./explain.js");
        exitCode = await runExplain(args.rule, io);
      },
    )
    .command(
      "init",
      "write a starter policy to ./haspec.yaml",
      (y) =>
        y
          .option("out", { type: "string", default: "haspec.yaml", describe: "where to write it" })
          .option("force", { type: "boolean", default: false, describe: "overwrite an existing file" }),
      async (args) => {
        const { runInit } = await import("./init.js");
        exitCode = await runInit({ out: args.out, force: args.force }, io);
      },
    )
    .command("fix", "emit CDKTF/HCL that fixes violations (not in this version)", {}, () => {
      throw new UserError("`haspec fix` is not available in this version of haspec; `haspec check --format json` lists each fix as attribute changes");
    })
    .command(
      "snapshot",
      "save what a live scan reads (raw API shapes, capture time) for offline checks",
      (y) =>
        y
          .option("out", { alias: "o", type: "string", demandOption: true, describe: "the snapshot file to write" })
          .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress on stderr" })
          .options(LIVE_OPTIONS),
      async (args) => {
        const { runSnapshot } = await import("./snapshot.js");
        exitCode = await runSnapshot({ out: args.out, live: liveOptions(args, io, args.quiet) }, io);
      },
    )
    .demandCommand(1, "name a command: check, explain or init")
    .recommendCommands();

  let helpText = "";
  await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
    helpText = output;
  });
  if (usageError !== undefined) {
    io.stderr.write(`${helpText ? `${helpText}\n\n` : ""}Error: ${usageError}\n`);
    return EXIT.usage;
  }
  if (helpText) io.stdout.write(`${helpText}\n`);
  return exitCode;
}
