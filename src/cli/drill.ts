// `haspec drill`: the dry run (what would happen) by default, the failover drill with --yes; the record as text or JSON, to --output.
import { UserError } from "../errors.js";
import { EXIT } from "../run/exit-code.js";
import { writeReportFile } from "./emit.js";
import type { Io } from "./io.js";
import type { DrillOptions } from "../drill/plan.js";

export interface DrillCliOptions extends Omit<DrillOptions, "protect" | "clientDnsCache"> {
  readonly yes: boolean;
  readonly protect: readonly string[];
  readonly clientDnsCache?: string;
  readonly duration: string;
  readonly format: "text" | "json";
  readonly output?: string;
}

/** Exit 0 (dry run, or a drill that passed), 1 (a drill that failed or was stopped), 2 (refused: nothing sent). */
export async function runDrillCommand(options: DrillCliOptions, io: Io): Promise<number> {
  const [{ parseDuration }, { DEFAULT_PROTECT, parseProtect }, { prepareDrill }, text] = await Promise.all([
    import("../spec/duration.js"),
    import("../drill/refusals.js"),
    import("../drill/plan.js"),
    import("../drill/text.js"),
  ]);
  const duration = parseDuration(/^\d+$/.test(options.duration) ? Number(options.duration) : options.duration);
  if (duration === undefined || duration < 1) throw new UserError(`--duration ${JSON.stringify(options.duration)} is not a duration such as 90s, 5m or whole seconds`);
  let cache: number | undefined;
  if (options.clientDnsCache !== undefined) {
    cache = Number(options.clientDnsCache);
    if (!/^\d+$/.test(options.clientDnsCache) || !Number.isSafeInteger(cache)) throw new UserError(`--client-dns-cache ${JSON.stringify(options.clientDnsCache)} is not whole seconds`);
  }
  if (options.dnsServer !== undefined) (await import("../drill/resolve.js")).dnsServerOf(options.dnsServer);
  const protect = (options.protect.length > 0 ? options.protect : DEFAULT_PROTECT).map(parseProtect);
  process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
  const { clientDnsCache: _given, ...rest } = options;
  const { plan, aws } = await prepareDrill({ ...rest, protect, ...(cache === undefined ? {} : { clientDnsCache: cache }) }, { cwd: io.cwd, env: io.env, now: io.now });
  try {
    if (!options.yes) {
      const out = options.format === "json" ? `${JSON.stringify(text.planJson(plan), null, 2)}\n` : text.planText(plan);
      if (options.output !== undefined) writeReportFile(options.output, [out]);
      else io.stdout.write(out);
      return EXIT.ok;
    }
    const { runDrill } = await import("../drill/run.js");
    const stop = new AbortController();
    // The first Ctrl-C stops the drill (its record is still written); later ones wait for that.
    const onSigint = () => stop.abort();
    process.on("SIGINT", onSigint);
    let record;
    try {
      record = await runDrill(plan, aws, {
        durationSeconds: duration,
        ...(options.dnsServer === undefined ? {} : { dnsServer: options.dnsServer }),
        ...(options.dbSecretArn === undefined ? {} : { dbSecretArn: options.dbSecretArn }),
        env: io.env,
        now: io.now,
        signal: stop.signal,
        ...(options.timings === undefined ? {} : { timings: options.timings }),
      });
    } finally {
      process.off("SIGINT", onSigint);
    }
    const json = `${JSON.stringify(record, null, 2)}\n`;
    if (options.output !== undefined) writeReportFile(options.output, [json]);
    io.stdout.write(options.format === "json" ? json : text.recordText(record));
    return record.status === "pass" ? EXIT.ok : EXIT.violations;
  } finally {
    aws.destroy();
  }
}
