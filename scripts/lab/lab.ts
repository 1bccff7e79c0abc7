// The local drill lab: two MariaDB (or PostgreSQL) servers as an Aurora MySQL (or PostgreSQL) cluster's instances, dnsmasq for its endpoint names, an RDS Proxy stand-in, and the fake AWS server whose FailoverDBCluster demotes, promotes and moves DNS like Aurora.
import { clusterEvent, startFakeAws, switchWriter, type FakeAws, type FakeFailover } from "../../test/support/fake-aws/server.js";
import { startLabDns, type LabDns } from "./dns.js";
import { labFleet, labNames, LAB_CLUSTER, LAB_REGION, type LabNames } from "./fleet.js";
import { PROBE_PASSWORD, PROBE_USER, startMariaDbInstances, startPostgresInstances, type LabEngine, type LabInstances } from "./instances.js";
import { startLabProxy, type LabProxy } from "./proxy.js";

export { PROBE_PASSWORD, PROBE_USER } from "./instances.js";
/** A Secrets Manager secret holding the probes' login, for --db-secret-arn. */
export const LAB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:haspec-lab/probe-AbCdEf";

export interface LabDelays {
  /** From FailoverDBCluster to the new writer taking writes (and the proxy following it). */
  promoteMs: number;
  /** From FailoverDBCluster to the cluster endpoint's DNS record naming the new writer. */
  dnsMs: number;
}

export interface LabOptions extends Partial<LabDelays> {
  /** The cluster's engine family: Aurora MySQL (MariaDB servers, the default) or Aurora PostgreSQL (PostgreSQL servers). */
  readonly engine?: LabEngine;
  /** The port of every server (the instances and the proxy, each on its own address; default 3306, PostgreSQL 5432). */
  readonly port?: number;
  /** Loopback addresses of the instances (first the writer) and of the proxy. */
  readonly instanceHosts?: readonly [string, string];
  readonly proxyHost?: string;
  readonly dnsTtlSeconds?: number;
}

export interface Lab {
  readonly names: LabNames;
  readonly cluster: string;
  readonly region: string;
  readonly port: number;
  /** `--dns-server` for the probes. */
  readonly dnsServer: string;
  readonly aws: FakeAws;
  /** What `haspec drill` needs in its environment: fake AWS credentials and the probes' login. */
  readonly env: Record<string, string>;
  /** The flags that point `haspec drill` at the lab. */
  readonly args: readonly string[];
  readonly delays: LabDelays;
  /** When set, FailoverDBCluster is answered AccessDenied (the control plane failing the call). */
  failFailover: boolean;
  /** When set, FailoverDBCluster is never answered (and nothing fails over). */
  hangFailover: boolean;
  /** The instance that takes writes now. */
  writer(): string;
  /** Resolves once every failover the lab has accepted has finished (promotion and DNS). */
  settled(): Promise<void>;
  /** Runs SQL as root on an instance. */
  admin(instance: string, sql: string): Promise<unknown>;
  /** Changes the probes' password on every instance (a probe losing its credentials). */
  setProbePassword(password: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const engine = options.engine ?? "mysql";
  const port = options.port ?? (engine === "postgresql" ? 5432 : 3306);
  const [hostA, hostB] = options.instanceHosts ?? ["127.0.0.2", "127.0.0.3"];
  const proxyHost = options.proxyHost ?? "127.0.0.4";
  const names = labNames();
  const ids = Object.keys(names.instances);
  const hostOf: Record<string, string> = { [ids[0]!]: hostA, [ids[1]!]: hostB };
  const delays: LabDelays = { promoteMs: options.promoteMs ?? 2_000, dnsMs: options.dnsMs ?? 4_000 };
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    let writer = ids[0]!;
    const servers: LabInstances = await (engine === "postgresql" ? startPostgresInstances : startMariaDbInstances)(hostOf, port, writer);
    stops.push(() => servers.stop());

    const records = (clusterWriter: string) => ({
      [names.clusterEndpoint]: hostOf[clusterWriter]!,
      [names.readerEndpoint]: hostOf[ids.find((i) => i !== clusterWriter)!]!,
      [names.proxyEndpoint]: proxyHost,
      ...Object.fromEntries(ids.map((id) => [names.instances[id]!, hostOf[id]!])),
    });
    const dns: LabDns = await startLabDns({ ttlSeconds: options.dnsTtlSeconds ?? 5, records: records(writer) });
    stops.push(() => dns.stop());
    const proxy: LabProxy = await startLabProxy(proxyHost, port, hostOf[writer]!);
    stops.push(() => proxy.stop());

    const pending = new Set<Promise<void>>();
    const timers = new Set<NodeJS.Timeout>();
    const after = (ms: number, fn: () => Promise<void>) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          fn().then(resolve, (e: unknown) => {
            process.stderr.write(`lab: ${String(e)}\n`);
            resolve();
          });
        }, ms);
        timers.add(t);
      });

    /** Aurora's failover as the lab plays it: demote at once, promote after promoteMs, move DNS after dnsMs. */
    const onFailover = (f: FakeFailover) => {
      const from = f.from;
      const to = f.to;
      const az = (id: string) => f.region.DBInstances.find((i) => i["DBInstanceIdentifier"] === id)?.["AvailabilityZone"];
      f.region.Events ??= [];
      f.region.Events.push(clusterEvent(f.cluster, `Started ${az(from) === az(to) ? "same" : "cross"} AZ failover to DB instance: ${to}`));
      f.cluster["Status"] = "failing-over";
      const demote = (async () => {
        proxy.setWriter(null);
        // The old writer restarts in Aurora: it stops taking writes and its client connections end.
        await servers.demote(from);
      })();
      const promote = after(delays.promoteMs, async () => {
        await demote;
        await servers.promote(to);
        await servers.topology(to);
        writer = to;
        proxy.setWriter(hostOf[to]!);
        switchWriter(f.cluster, to);
        f.cluster["Status"] = "available";
        f.region.Events!.push(clusterEvent(f.cluster, `Completed failover to DB instance: ${to}`));
      });
      const move = after(delays.dnsMs, async () => {
        await promote;
        await dns.set(records(to));
      });
      const all = Promise.all([demote.catch(() => {}), promote, move]).then(() => {});
      pending.add(all);
      void all.then(() => pending.delete(all));
    };

    const lab: Lab = {
      names,
      cluster: LAB_CLUSTER,
      region: LAB_REGION,
      port,
      dnsServer: dns.server,
      aws: undefined as unknown as FakeAws,
      env: {
        AWS_ACCESS_KEY_ID: "AKIAHASPECLAB",
        AWS_SECRET_ACCESS_KEY: "lab-secret-key",
        AWS_CONFIG_FILE: "/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        HASPEC_DB_USER: PROBE_USER,
        HASPEC_DB_PASSWORD: PROBE_PASSWORD,
      },
      args: [],
      delays,
      failFailover: false,
      hangFailover: false,
      writer: () => writer,
      async settled() {
        await Promise.all([...pending]);
      },
      admin: (instance, sql) => servers.admin(instance, sql),
      setProbePassword: (password) => servers.setProbePassword(password),
      async stop() {
        for (const t of timers) clearTimeout(t);
        await stopAll();
      },
    };
    const fleet = labFleet({ port, engine });
    fleet.secrets = { [LAB_SECRET_ARN]: JSON.stringify({ username: PROBE_USER, password: PROBE_PASSWORD }) };
    const aws = await startFakeAws(fleet, {
      onFailover,
      deny: (r) => r.action === "FailoverDBCluster" && lab.failFailover,
      hang: (r) => r.action === "FailoverDBCluster" && lab.hangFailover,
    });
    stops.push(() => aws.close());
    Object.assign(lab, {
      aws,
      args: ["--cluster", LAB_CLUSTER, "--region", LAB_REGION, "--endpoint-url", aws.url, "--dns-server", dns.server],
    });
    return lab;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
