// The command line (SPEC-v1 §4): parses arguments with yargs and dispatches to the commands.
import { formatProblem, UserError } from "../errors.js";
import { EXIT } from "../run/exit-code.js";
import type { LiveScanOptions } from "../sources/index.js";
import { printable } from "../report/outside-text.js";
import { VERSION } from "../version.js";
import { processIo, type Io } from "./io.js";

export type { Io } from "./io.js";

/** The flag values taken from the registries (choices.ts). */
type Choices = typeof import("./choices.js");

const formatHelp = (c: Choices) =>
  `report format: ${c.FORMAT_CHOICES.map((f) => (f === "text" ? "text (default)" : f)).join(", ")}; FORMAT=FILE writes that format to FILE (repeatable)`;

/** Flags of the live AWS scan, shared by `check --source aws` and `snapshot`. */
const LIVE_OPTIONS = {
  region: { type: "string", describe: "--source aws: a region to scan (repeatable; `all` for every enabled region)" },
  profile: { type: "string", describe: "--source aws: the AWS profile to use" },
  "role-arn": { type: "string", describe: "--source aws: a role to assume, one account each (repeatable)" },
  "endpoint-url": { type: "string", describe: "--source aws: send every AWS call to this endpoint (LocalStack, moto)" },
  "db-secret-arn": { type: "string", describe: "--source aws: Secrets Manager secret for the read-only SQL check of binlog retention" },
} as const;

function liveOptions(args: ParsedArgs, io: Io, quiet = (args.quiet as boolean | undefined) ?? false): LiveScanOptions {
  const stderr = io.stderr as NodeJS.WritableStream & { isTTY?: boolean };
  const text = (name: string) => args[name] as string | undefined;
  return {
    regions: asList(args.region as string | string[] | undefined),
    roleArns: asList(args["role-arn"] as string | string[] | undefined),
    ...(text("profile") !== undefined ? { profile: text("profile")! } : {}),
    ...(text("endpoint-url") !== undefined ? { endpointUrl: text("endpoint-url")! } : {}),
    ...(text("db-secret-arn") !== undefined ? { dbSecretArn: text("db-secret-arn")! } : {}),
    ...(!quiet && stderr.isTTY ? { progress: stderr } : {}),
    env: io.env,
    now: io.now,
  };
}

/** `--resolve` / `--dns-server` (check, simulate): live DNS answers as evidence (SPEC §7.4). */
const LIVE_DNS_OPTIONS = {
  resolve: { type: "boolean", default: false, describe: "resolve the endpoints (and the applications' hosts) in the DNS: each CNAME chain and its TTLs become evidence" },
  "dns-server": { type: "string", describe: "--resolve: the DNS server to ask, HOST[:PORT] (implies --resolve); default: the system's resolvers" },
} as const;

function liveDnsOptions(args: ParsedArgs): { liveDns?: { server?: string } } {
  const server = args["dns-server"] as string | string[] | undefined;
  if (Array.isArray(server)) throw new UserError(`--dns-server is given ${server.length} times: give one server`);
  if (server === undefined && args.resolve !== true) return {};
  return { liveDns: server === undefined ? {} : { server } };
}

/** A repeatable string option: yargs gives undefined, one string, or an array. */
function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The message and its problems, one per line; file names and values they quote are shown by printable. */
function printUserError(io: Io, error: UserError): void {
  io.stderr.write(`Error: ${printable(error.message)}\n`);
  for (const p of error.problems) {
    const line = formatProblem(p);
    // Some errors already say their one problem in the message; don't print it twice.
    if (!error.message.includes(p.message)) io.stderr.write(`  ${printable(line)}\n`);
  }
}

/** Runs the CLI and returns the exit code; never throws for user mistakes. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      printUserError(io, error);
      return EXIT.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    // The stack's own lines stay lines; a file name or value it quotes cannot act on the terminal.
    io.stderr.write(`haspec: internal error (please report it): ${detail.split("\n").map(printable).join("\n")}\n`);
    return EXIT.usage;
  }
}

/** The parsed command line, loosely typed: each command reads the flags it declared. */
interface ParsedArgs {
  readonly _: readonly (string | number)[];
  readonly [flag: string]: unknown;
}

type Yargs = import("yargs").Argv;

interface CommandSpec {
  readonly usage: string;
  readonly describe: string;
  /** Declares the command's flags. */
  readonly options: (y: Yargs, choices: Choices) => Yargs;
  /** How many positional arguments the command takes. */
  readonly positionals: { readonly min: number; readonly max: number; readonly what: string };
  readonly run: (args: ParsedArgs, io: Io) => Promise<number>;
}

const flag = <T>(args: ParsedArgs, name: string) => args[name] as T;

/** The flags that say what to judge, shared by check and fix: policies, the input kind, .tf variables. */
function judgedInputOptions(y: Yargs, c: Choices): Yargs {
  return (
    y
      // Not `array: true`: that would swallow the INPUTs after it. Repeating the flag collects values.
      .option("policy", { alias: "p", type: "string", describe: "policy file (repeatable); default ./haspec.yaml" })
      .option("source", {
        type: "string",
        choices: c.SOURCE_CHOICES,
        describe: "input kind, detected from the content when omitted; aws = the live account",
      })
      .option("var-file", { type: "string", describe: ".tf inputs: a -var-file (repeatable)" })
      .option("var", { type: "string", describe: ".tf inputs: a -var NAME=VALUE (repeatable)" })
      .option("app-config", { type: "string", describe: "an application's directory or file: how it reaches its databases (repeatable; with no INPUT only the applications are judged)" })
      .options(LIVE_OPTIONS)
  );
}

/** What judgedInputOptions (and --now) declared, as the options of a run (src/run/session.ts). */
function judgedInputs(args: ParsedArgs, io: Io) {
  return {
    inputs: args._.map(String),
    policies: asList(flag(args, "policy")),
    source: flag<import("../sources/index.js").SourceKind | undefined>(args, "source"),
    now: flag<string | undefined>(args, "now"),
    varFiles: asList(flag(args, "var-file")),
    vars: asList(flag(args, "var")),
    appConfigs: asList(flag(args, "app-config")),
    live: liveOptions(args, io),
  };
}

/**
 * The commands. Each gets its own yargs parser for its flags; the command word is dispatched here,
 * not by yargs commands, because yargs renders and caches the whole help text on every command run
 * (about 40 ms of start-up).
 */
const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  check: {
    usage: "haspec check [INPUT ...] [options]",
    describe: "judge inputs against the policy and report",
    positionals: { min: 0, max: Infinity, what: "INPUT" },
    options: (y, c) =>
      judgedInputOptions(y, c)
        .option("format", { type: "string", describe: formatHelp(c) })
        .option("output", { alias: "o", type: "string", describe: "write the report to this file" })
        .option("framework", { type: "string", choices: c.FRAMEWORK_CHOICES, describe: "judge only the rules mapped to this control framework" })
        .option("fail-on-unknown", { type: "boolean", default: false, describe: "exit 1 when any result is unknown" })
        .option("interactive", {
          type: "boolean",
          describe: "the terminal UI: opens by default on a terminal (not in CI, nor with --output, --quiet or another --format); --no-interactive prints the text report",
        })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "print nothing on stdout; the exit code tells" })
        .option("now", { type: "string", describe: "judge as of this ISO time (waiver expiry, generatedAt)" })
        .option("changed-only", { type: "boolean", default: false, describe: "Terraform plans: judge only the resources the plan changes" })
        .options(LIVE_DNS_OPTIONS),
    run: async (args, io) => {
      const { runCheck } = await import("./check.js");
      return runCheck(
        {
          ...judgedInputs(args, io),
          ...liveDnsOptions(args),
          formats: asList(flag(args, "format")),
          framework: flag(args, "framework"),
          output: flag(args, "output"),
          failOnUnknown: flag<boolean>(args, "fail-on-unknown"),
          interactive: flag(args, "interactive"),
          quiet: flag<boolean>(args, "quiet"),
          changedOnly: flag<boolean>(args, "changed-only"),
        },
        io,
      );
    },
  },
  snapshot: {
    usage: "haspec snapshot --out FILE [options]",
    describe: "save what a live scan reads (raw API shapes, capture time) for offline checks",
    positionals: { min: 0, max: 0, what: "argument" },
    options: (y) =>
      y
        .option("out", { alias: "o", type: "string", demandOption: true, describe: "the snapshot file to write" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "no progress on stderr" })
        .options(LIVE_OPTIONS),
    run: async (args, io) => {
      const { runSnapshot } = await import("./snapshot.js");
      return runSnapshot({ out: flag<string>(args, "out"), live: liveOptions(args, io, flag<boolean>(args, "quiet")) }, io);
    },
  },
  explain: {
    usage: "haspec explain [RULE_ID | --list]",
    describe: "print a rule's documentation; without RULE_ID, list every rule",
    positionals: { min: 0, max: 1, what: "RULE_ID (e.g. failover.max_tier)" },
    options: (y) => y.option("list", { type: "boolean", default: false, describe: "list every rule (id and title), by group" }),
    run: async (args, io) => {
      const { runExplain } = await import("./explain.js");
      return runExplain({ ...(args._.length > 0 ? { ruleId: String(args._[0]) } : {}), list: flag<boolean>(args, "list") }, io);
    },
  },
  init: {
    usage: "haspec init [--out FILE] [--force]",
    describe: "write a starter policy to ./haspec.yaml",
    positionals: { min: 0, max: 0, what: "argument" },
    options: (y) =>
      y
        .option("out", { type: "string", default: "haspec.yaml", describe: "where to write it" })
        .option("force", { type: "boolean", default: false, describe: "overwrite an existing file" }),
    run: async (args, io) => {
      const { runInit } = await import("./init.js");
      return runInit({ out: flag<string>(args, "out"), force: flag<boolean>(args, "force") }, io);
    },
  },
  report: {
    usage: "haspec report merge REPORT.json ... [--format F | --format F=FILE ...] [--output FILE]",
    describe: "merge JSON reports of sharded runs (one per account or region) into one report",
    positionals: { min: 2, max: Infinity, what: "`merge` and at least one JSON report" },
    options: (y, c) =>
      y
        .option("format", { type: "string", describe: formatHelp(c) })
        .option("output", { alias: "o", type: "string", describe: "write the report to this file" })
        .option("fail-on-unknown", { type: "boolean", default: false, describe: "exit 1 when any result is unknown" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "print nothing on stdout; the exit code tells" }),
    run: async (args, io) => {
      const [sub, ...files] = args._.map(String);
      if (sub !== "merge") throw new UserError(`unknown report command ${JSON.stringify(sub)}: use \`haspec report merge a.json b.json …\``);
      const { runReportMerge } = await import("./report-merge.js");
      return runReportMerge(
        {
          files,
          formats: asList(flag(args, "format")),
          output: flag(args, "output"),
          failOnUnknown: flag<boolean>(args, "fail-on-unknown"),
          quiet: flag<boolean>(args, "quiet"),
        },
        io,
      );
    },
  },
  fix: {
    usage: "haspec fix [INPUT ...] --policy FILE --out DIR [--format FORMAT]",
    describe: "write CDKTF and HCL that fix the failures (re-checked), plus SQL and manual steps",
    positionals: { min: 0, max: Infinity, what: "INPUT" },
    options: (y, c) =>
      judgedInputOptions(y, c)
        .option("out", { alias: "o", type: "string", demandOption: true, describe: "directory to write cdktf/, hcl/, sql/ and README.md into" })
        .option("format", { type: "string", choices: c.FIX_FORMATS, default: "both", describe: "which code to emit" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "print nothing on stdout" })
        .option("now", { type: "string", describe: "judge as of this ISO time (waiver expiry)" }),
    run: async (args, io) => {
      const { runFix } = await import("./fix.js");
      return runFix(
        {
          ...judgedInputs(args, io),
          out: flag<string>(args, "out"),
          format: flag(args, "format"),
          quiet: flag<boolean>(args, "quiet"),
        },
        io,
      );
    },
  },
  simulate: {
    usage: "haspec simulate [INPUT ...] [--policy FILE] [--fail DISRUPTION ...] [options]",
    describe: "what happens when a writer, an AZ or a region fails: who takes over, the RTO and RPO and every term behind them",
    positionals: { min: 0, max: Infinity, what: "INPUT" },
    options: (y, c) =>
      judgedInputOptions(y, c)
        .option("policy", { type: "string", describe: "policy file (repeatable); default ./haspec.yaml when there is one; without a policy no objective is judged" })
        .option("fail", {
          type: "string",
          describe: "a disruption: writer, instance:ID, az:NAME or region:NAME (repeatable); default: each resource's writer, its AZ and its region",
        })
        .option("format", { type: "string", choices: c.SIMULATION_FORMATS, default: "text", describe: "output format" })
        .option("output", { alias: "o", type: "string", describe: "write the simulation to this file" })
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "print nothing on stdout; the exit code tells" })
        .option("now", { type: "string", describe: "simulate as of this ISO time (generatedAt)" })
        .option("changed-only", { type: "boolean", default: false, describe: "Terraform plans: simulate only the resources the plan changes" })
        .options(LIVE_DNS_OPTIONS),
    run: async (args, io) => {
      const { runSimulate } = await import("./simulate.js");
      return runSimulate(
        {
          ...judgedInputs(args, io),
          ...liveDnsOptions(args),
          fail: asList(flag(args, "fail")),
          format: flag(args, "format"),
          output: flag(args, "output"),
          quiet: flag<boolean>(args, "quiet"),
          changedOnly: flag<boolean>(args, "changed-only"),
        },
        io,
      );
    },
  },
  drill: {
    usage: "haspec drill --cluster ID [--region R] [--yes] [options]",
    describe: "fail a cluster over on purpose and measure what clients see (dry run unless --yes)",
    positionals: { min: 0, max: 0, what: "argument" },
    options: (y) =>
      y
        .option("cluster", { type: "string", demandOption: true, describe: "the cluster to fail over" })
        .options(LIVE_OPTIONS)
        .option("target-instance", { type: "string", describe: "the reader to promote (default: the one Aurora chooses)" })
        .option("yes", { type: "boolean", default: false, describe: "run the drill: send FailoverDBCluster (without it: a dry run that sends nothing)" })
        .option("probe", { type: "string", choices: ["simple", "aware", "proxy"], describe: "a probe to run (repeatable; default simple, aware and proxy when there is an RDS Proxy)" })
        .option("client-dns-cache", { type: "string", describe: "seconds the simple probe keeps a resolved address (default 0)" })
        .option("dns-server", { type: "string", describe: "HOST[:PORT] of the DNS server the probes ask (default: the system resolver)" })
        .option("duration", { type: "string", default: "5m", describe: "longest the probes run after the call (90s, 5m, or seconds)" })
        .option("policy", { alias: "p", type: "string", describe: "policy file (repeatable) whose objectives.rto.writer judges the drill" })
        .option("protect", { type: "string", describe: "KEY=GLOB: clusters tagged so need --allow-protected (repeatable; default env=prod*)" })
        .option("allow-protected", { type: "boolean", default: false, describe: "drill a protected cluster" })
        .option("format", { type: "string", choices: ["text", "json"], default: "text", describe: "output format" })
        .option("output", { alias: "o", type: "string", describe: "write the drill record (JSON) to this file" }),
    run: async (args, io) => {
      const { runDrillCommand } = await import("./drill.js");
      if (args["role-arn"] !== undefined) throw new UserError("haspec drill acts with your own credentials (--profile or the default chain), not --role-arn: a failover must not hop accounts");
      for (const name of ["cluster", "region", "endpoint-url", "profile", "target-instance", "client-dns-cache", "dns-server", "db-secret-arn", "duration", "output", "format"]) {
        if (Array.isArray(args[name])) throw new UserError(`haspec drill takes one --${name}`);
      }
      if (String(args["region"]).toLowerCase() === "all") throw new UserError("haspec drill acts on one cluster in one region: name it with --region REGION");
      const text = (name: string) => args[name] as string | undefined;
      const opt = (name: string, key: string) => (text(name) === undefined ? {} : { [key]: text(name) });
      return runDrillCommand(
        {
          cluster: flag<string>(args, "cluster"),
          ...opt("region", "region"),
          ...opt("profile", "profile"),
          ...opt("endpoint-url", "endpointUrl"),
          ...opt("target-instance", "targetInstance"),
          ...opt("client-dns-cache", "clientDnsCache"),
          ...opt("dns-server", "dnsServer"),
          ...opt("db-secret-arn", "dbSecretArn"),
          ...opt("output", "output"),
          yes: flag<boolean>(args, "yes"),
          probes: asList(flag(args, "probe")) as ("simple" | "aware" | "proxy")[],
          protect: asList(flag(args, "protect")),
          allowProtected: flag<boolean>(args, "allow-protected"),
          duration: flag<string>(args, "duration"),
          policies: asList(flag(args, "policy")),
          format: flag(args, "format"),
        },
        io,
      );
    },
  },
};

function topLevelHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    "haspec <command> [options]",
    "",
    "Commands:",
    ...Object.entries(COMMANDS).map(([name, c]) => `  haspec ${name.padEnd(width)}  ${c.describe}`),
    "",
    "Options:",
    "  --version  Show version number",
    "  --help     Show help (also: haspec <command> --help)",
    "",
  ].join("\n");
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`${topLevelHelp()}\nError: name a command: ${Object.keys(COMMANDS).join(", ")}\n`);
    return EXIT.usage;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(topLevelHelp());
    return EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    const { closestMatch } = await import("../spec/suggest.js");
    const suggestion = closestMatch(name, Object.keys(COMMANDS));
    throw new UserError(`unknown command ${JSON.stringify(name)}${suggestion ? `; did you mean ${suggestion}?` : ""} (commands: ${Object.keys(COMMANDS).join(", ")})`);
  }

  const [{ default: yargs }, choices] = await Promise.all([import("yargs"), import("./choices.js")]);
  let usageError: string | undefined;
  const parser = command
    .options(
      yargs([...rest])
        .scriptName("haspec")
        .usage(`${command.usage}\n\n${command.describe}`)
        .version(false)
        .help()
        .alias("h", "help")
        .strictOptions()
        .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
        .exitProcess(false),
      choices,
    )
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    });
  let helpText = "";
  const args = (await parser.parseAsync([...rest], {}, (_err, _argv, output) => {
    helpText = output;
  })) as ParsedArgs;
  const { min, max, what } = command.positionals;
  if (usageError === undefined && !helpText && (args._.length < min || args._.length > max)) {
    usageError = args._.length < min ? `missing ${what}` : `unexpected ${args._.length > 1 ? "arguments" : "argument"}: ${args._.slice(max).join(" ")}`;
    helpText = await parser.getHelp();
  }
  if (usageError !== undefined) {
    io.stderr.write(`${helpText ? `${helpText}\n\n` : ""}Error: ${printable(usageError)}\n`);
    return EXIT.usage;
  }
  if (helpText) {
    io.stdout.write(`${helpText}\n`);
    return EXIT.ok;
  }
  return command.run(args, io);
}
