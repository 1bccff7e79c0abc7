// The lab's RDS Proxy: a TCP forwarder on its own loopback address that sends each new connection to the current writer, and holds new connections while there is none (as RDS Proxy does during a failover).
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface LabProxy {
  /** Where new connections go; null holds them until a writer is set. Existing connections are cut when the writer changes. */
  setWriter(address: string | null): void;
  stop(): Promise<void>;
}

export async function startLabProxy(host: string, port: number, writer: string): Promise<LabProxy> {
  let current: string | null = writer;
  const pairs = new Set<Socket>();
  const held: Socket[] = [];
  const forward = (client: Socket, to: string) => {
    const upstream = createConnection({ host: to, port });
    pairs.add(client);
    pairs.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(client);
      pairs.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream).pipe(client);
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    client.on("error", () => client.destroy());
    if (current === null) held.push(client);
    else {
      forward(client, current);
      client.resume();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    setWriter(address) {
      if (address === current) return;
      current = address;
      for (const s of pairs) s.destroy();
      pairs.clear();
      if (address === null) return;
      for (const client of held.splice(0)) {
        if (client.destroyed) continue;
        forward(client, address);
        client.resume();
      }
    },
    async stop() {
      for (const s of [...pairs, ...held]) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
