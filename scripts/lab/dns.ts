// The lab's DNS server: dnsmasq on loopback answering the lab's endpoint names from a hosts file with a 5 s TTL; a record moves by rewriting the file and SIGHUP.
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createSocket } from "node:dgram";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LabDns {
  /** `127.0.0.1:PORT`, for --dns-server. */
  readonly server: string;
  /** Serves `records` (name → IPv4) from now on; resolves once dnsmasq answers with them. */
  set(records: Readonly<Record<string, string>>): Promise<void>;
  stop(): Promise<void>;
}

/** dnsmasq's path: on PATH, or Debian's /usr/sbin (not on a normal user's PATH). */
function dnsmasqBinary(): string {
  for (const dir of [...(process.env["PATH"] ?? "").split(":").filter(Boolean), "/usr/sbin", "/usr/local/sbin"]) {
    try {
      accessSync(join(dir, "dnsmasq"), constants.X_OK);
      return join(dir, "dnsmasq");
    } catch {
      // not here
    }
  }
  throw new Error("dnsmasq not found: the drill lab needs it for its DNS. Install the Debian package 'dnsmasq' (apt-get install -y --no-install-recommends dnsmasq)");
}

/** A UDP port that was free a moment ago on 127.0.0.1. */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket("udp4");
    s.once("error", reject);
    s.bind(0, "127.0.0.1", () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * dnsmasq (`--addn-hosts`, re-read on SIGHUP; `--local-ttl` sets the TTL of those answers). Aurora's
 * cluster endpoint is a CNAME to the writer instance's name; dnsmasq reads CNAMEs (`--cname`) only at
 * start, so the lab serves the address directly: the name, its TTL and when it moves are what a
 * client sees either way.
 */
export async function startLabDns(options: { ttlSeconds: number; records: Readonly<Record<string, string>> }): Promise<LabDns> {
  const dir = mkdtempSync(join(tmpdir(), "haspec-lab-dns-"));
  chmodSync(dir, 0o755);
  const hosts = join(dir, "hosts");
  const write = (records: Readonly<Record<string, string>>) => {
    writeFileSync(hosts, Object.entries(records).map(([name, ip]) => `${ip} ${name}\n`).join(""));
    chmodSync(hosts, 0o644);
  };
  write(options.records);
  const port = await freeUdpPort();
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(
    dnsmasqBinary(),
    [
      "--keep-in-foreground",
      "--conf-file=/dev/null",
      "--no-resolv",
      "--no-hosts",
      "--no-poll",
      `--addn-hosts=${hosts}`,
      `--local-ttl=${options.ttlSeconds}`,
      `--port=${port}`,
      "--listen-address=127.0.0.1",
      "--bind-interfaces",
      "--pid-file=",
      "--log-facility=-",
      ...(asRoot ? ["--user=root", "--group=root"] : []),
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.on("error", (e) => (log += String(e)));
  child.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const server = `127.0.0.1:${port}`;
  const dns = await import("node:dns");
  const resolver = new dns.promises.Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([server]);
  const answers = async (records: Readonly<Record<string, string>>, deadline: number) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`dnsmasq exited (${child.exitCode}): ${log}`);
      const ok = await Promise.all(Object.entries(records).map(async ([name, ip]) => (await resolver.resolve4(name).catch(() => []))[0] === ip));
      if (ok.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`dnsmasq does not answer with the lab's records: ${log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    await answers(options.records, Date.now() + 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    async set(records) {
      write(records);
      child.kill("SIGHUP");
      await answers(records, Date.now() + 5_000);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
