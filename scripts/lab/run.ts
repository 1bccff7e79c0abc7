// `npm run lab`: starts the drill lab, runs `haspec drill` on it (the dry run, then --yes), prints predicted against measured, and stops it (or keeps it with --keep).
import { parseArgs } from "node:util";
import { main } from "../../src/cli/main.js";
import { startLab } from "./lab.js";

const { values } = parseArgs({
  options: {
    "promote-ms": { type: "string", default: "2000" },
    "dns-ms": { type: "string", default: "4000" },
    "client-dns-cache": { type: "string", default: "0" },
    port: { type: "string" },
    engine: { type: "string", default: "mysql" },
    keep: { type: "boolean", default: false },
    output: { type: "string" },
  },
});

const engine = values.engine === "postgres" || values.engine === "postgresql" ? "postgresql" : values.engine === "mysql" ? "mysql" : undefined;
if (engine === undefined) {
  process.stderr.write(`npm run lab: --engine must be mysql or postgres (got ${JSON.stringify(values.engine)})\n`);
  process.exit(2);
}
process.stderr.write(
  `starting the lab: two ${engine === "postgresql" ? "PostgreSQL" : "MariaDB"} servers (127.0.0.2, 127.0.0.3), dnsmasq, the RDS Proxy stand-in (127.0.0.4), the fake AWS API…\n`,
);
const lab = await startLab({ engine, promoteMs: Number(values["promote-ms"]), dnsMs: Number(values["dns-ms"]), ...(values.port === undefined ? {} : { port: Number(values.port) }) });
Object.assign(process.env, lab.env);
const stop = async () => {
  await lab.stop();
};
try {
  process.stdout.write(`\nlab up: cluster ${lab.cluster} (${lab.names.clusterEndpoint}), writer ${lab.writer()}; DNS ${lab.dnsServer}; AWS ${lab.aws.url}\n`);
  process.stdout.write(`promotion after ${lab.delays.promoteMs} ms, DNS moves after ${lab.delays.dnsMs} ms (TTL 5 s)\n\n$ haspec drill ${lab.args.join(" ")}\n`);
  await main(["drill", ...lab.args]);
  const yes = ["drill", ...lab.args, "--yes", "--client-dns-cache", values["client-dns-cache"]!, "--duration", "2m", ...(values.output ? ["--output", values.output] : [])];
  process.stdout.write(`\n$ haspec ${yes.join(" ")}\n`);
  const code = await main(yes);
  await lab.settled();
  if (values.keep) {
    process.stdout.write(
      `\nthe lab keeps running (Ctrl-C stops it). In another shell:\n` +
        Object.entries(lab.env).map(([k, v]) => `  export ${k}=${v}\n`).join("") +
        `  npx tsx test/drill/cli-entry.ts drill ${lab.args.join(" ")} --yes\n`,
    );
    await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  }
  process.exitCode = code;
} finally {
  await stop();
}
