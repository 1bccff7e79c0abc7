// Runs the fake AWS server in its own process for the live-scan bench (it is test infrastructure; its CPU must not be charged to the scan).
// Parent → child: { start: { latencyMs, throttleRate? } } | { stop: true } | { exit: true }; child → parent: { ready, url } | { stopped, requests, throttled }.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { benchFleet, minimum } from "./live-fleet.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const { tsImport } = await import("tsx/esm/api");
const { startFakeAws, seededRandom } = await tsImport(join(ROOT, "test/support/fake-aws/server.ts"), import.meta.url);
const fleet = benchFleet(Number(process.argv[2] ?? 1000));
let fake;

process.on("message", async (m) => {
  if (m.start) {
    fake = await startFakeAws(fleet, { ...m.start, cachePages: true, random: seededRandom(m.start.seed ?? 42) });
    process.send({ ready: true, url: fake.url });
  } else if (m.stop) {
    const log = fake.log;
    await fake.close();
    fake = undefined;
    process.send({ stopped: true, requests: log.length, throttled: log.filter((r) => r.fault === "throttle").length });
  } else if (m.exit) {
    process.disconnect();
  }
});
process.send({ loaded: true, minimum: minimum(fleet) });
