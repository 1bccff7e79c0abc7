// Test helper: starts a real dnsmasq on 127.0.0.1 (free port, given records only) and stops it afterwards.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createSocket } from "node:dgram";
import { delimiter, join } from "node:path";
import dnsPacket from "dns-packet";

export interface Dnsmasq {
  readonly port: number;
  /** `127.0.0.1:PORT`, as --dns-server takes it and reports show it. */
  readonly server: string;
  /** Stops it; safe to call twice. */
  stop(): Promise<void>;
}

/** What to serve: `cname` = [alias, target, ttl] (the target must be served too), `host` = [name, address, ttl]. */
export interface DnsmasqRecords {
  readonly cnames?: readonly (readonly [string, string, number])[];
  readonly hosts?: readonly (readonly [string, string, number])[];
  /** Domains answered only from these records: other names in them are NXDOMAIN (not REFUSED). */
  readonly localDomains?: readonly string[];
  /** Forward every other query here (`127.0.0.1#PORT`): answers then come from dnsmasq's cache, not authoritative. */
  readonly forwardTo?: string;
}

const INSTALL_HINT = "dnsmasq not found: the live DNS tests need a real DNS server. Install the Debian package 'dnsmasq-base' or 'dnsmasq' (apt-get install -y --no-install-recommends dnsmasq).";

function findDnsmasq(): string {
  const dirs = [...(process.env.PATH ?? "").split(delimiter).filter(Boolean), "/usr/sbin", "/usr/bin", "/usr/local/sbin"];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, "dnsmasq"), constants.X_OK);
      return join(dir, "dnsmasq");
    } catch {
      // not here
    }
  }
  throw new Error(INSTALL_HINT);
}

/** A UDP port that was free a moment ago on 127.0.0.1. */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket("udp4");
    s.once("error", reject);
    s.bind(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Whether something answers DNS on the port (any answer, even REFUSED). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket("udp4");
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 200);
    s.on("message", () => done(true));
    s.on("error", () => done(false));
    s.send(dnsPacket.encode({ type: "query", id: 1, questions: [{ type: "A", name: "ready.invalid" }] }), port, "127.0.0.1");
  });
}

/**
 * Starts dnsmasq on a free port. dnsmasq listens on UDP and TCP: a UDP port free a moment ago can be taken on TCP
 * (an outgoing connection's port) or by a test running beside this one, so a taken port is retried with another.
 */
export async function startDnsmasq(records: DnsmasqRecords): Promise<Dnsmasq> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePort(records);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes("Address already in use")) throw error;
    }
  }
}

async function startOnFreePort(records: DnsmasqRecords): Promise<Dnsmasq> {
  const binary = findDnsmasq();
  const port = await freeUdpPort();
  const args = [
    "--no-daemon",
    `--port=${port}`,
    "--listen-address=127.0.0.1",
    "--bind-interfaces",
    "--no-resolv",
    "--no-hosts",
    "--conf-file=/dev/null",
    "--pid-file=",
    ...(process.getuid?.() === 0 ? ["--user=root"] : []),
    ...(records.hosts ?? []).map(([name, address, ttl]) => `--host-record=${name},${address},${ttl}`),
    ...(records.cnames ?? []).map(([alias, target, ttl]) => `--cname=${alias},${target},${ttl}`),
    ...(records.localDomains ?? []).map((d) => `--local=/${d}/`),
    ...(records.forwardTo === undefined ? [] : [`--server=${records.forwardTo}`]),
  ];
  const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; !(await answers(port)); i++) {
    if (child.exitCode !== null || i > 50) {
      child.kill();
      throw new Error(`dnsmasq did not start on 127.0.0.1:${port}: ${stderr}`);
    }
  }
  return {
    port,
    server: `127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
