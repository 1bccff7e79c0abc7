// Starts moto (through moto_server.py, which patches its RDS gaps in its own process) on a free loopback port for one test file.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

export interface Moto {
  readonly url: string;
  /** What the AWS CLI, the SDK (haspec --source aws) and Terraform need to talk to this moto: fake credentials and endpoints. */
  readonly env: Record<string, string>;
  /** moto's own log (requests and tracebacks), for failure messages. */
  log(): string;
  close(): Promise<void>;
}

export const FAKE_ACCOUNT = "123456789012"; // moto's default account

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The environment that sends every AWS client to `url` with fake credentials (no profile or real key is read). */
export function awsEnv(url: string, region = "us-east-1"): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_SESSION_TOKEN: "testing",
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL: url,
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("python3", [join(import.meta.dirname, "moto_server.py"), "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
    // AWS-managed IAM policies (AmazonRDSEnhancedMonitoringRole, which a monitoring fix attaches) exist in every
    // account; moto loads them only when asked (a documented setting, not a patch).
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
  });
  // A runner that exits without close() (a timeout, Ctrl-C) must not leave moto behind.
  const stop = () => child.kill();
  process.once("exit", stop);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode} before answering:\n${output}`);
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not answer on ${url} within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    env: awsEnv(url),
    log: () => output,
    close: () =>
      new Promise((resolve) => {
        process.off("exit", stop);
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
