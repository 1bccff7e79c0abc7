// End to end in a real terminal (tmux): `npm start`'s command opens the UI, is driven by keys, and quits with the text report's exit code.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAws } from "../support/fake-aws/server.js";
import { fleetFromAwsJsonDir } from "../support/fake-aws/fleet.js";
import { REPO, runCli } from "../support/run-cli.js";

const TMUX = "/usr/bin/tmux";
const SOCKET = `haspec-test-${process.pid}`;
// `npm start` (package.json): the databases under aurora-production, the application tier under web-tier.
const DEMO = "node bin/haspec.js check --policy policies/aurora-production.yaml --policy policies/web-tier.yaml examples/demo-fleet";

/** The environment of a person's terminal: no CI markers (the CI script sets CI=true), no outer tmux. */
function personEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm-256color" };
  for (const name of ["CI", "CONTINUOUS_INTEGRATION", "TMUX", "TMUX_PANE", "NO_COLOR", "FORCE_COLOR"]) delete env[name];
  return env;
}

function tmux(...args: string[]): string {
  return execFileSync(TMUX, ["-L", SOCKET, "-f", "/dev/null", ...args], { encoding: "utf8", env: personEnv() });
}

/** Starts `command` in a new 100×30 terminal; its exit code lands in the returned file. */
function start(session: string, command: string): string {
  const exitFile = join(mkdtempSync(join(tmpdir(), "haspec-e2e-")), "exit-code");
  const script = `cd '${REPO}' && env -u CI -u CONTINUOUS_INTEGRATION ${command}; code=$?; echo $code > '${exitFile}'; echo EXIT=$code; sleep 60`;
  tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", script);
  // A lone Esc reaches the program at once instead of after tmux's 500 ms wait for a sequence.
  tmux("set-option", "-s", "escape-time", "10");
  return exitFile;
}

function capture(session: string): string {
  return tmux("capture-pane", "-p", "-t", session);
}

/** The pane once it contains every expected string; fails with the last screen after the timeout. */
async function screenWith(session: string, ...expected: string[]): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const pane = capture(session);
    if (expected.every((e) => pane.includes(e))) return pane;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(expected)}; the screen:\n${pane}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function keys(session: string, ...names: string[]): void {
  tmux("send-keys", "-t", session, ...names);
}

describe("haspec check in a real terminal (tmux)", () => {
  beforeAll(() => {
    if (!existsSync(TMUX)) throw new Error(`${TMUX} is missing: install the Debian package \`tmux\` (apt-get install tmux) to run the terminal UI test`);
  });

  afterAll(() => {
    let socket: string | undefined;
    try {
      socket = tmux("display-message", "-p", "#{socket_path}").trim();
      tmux("kill-server");
    } catch {
      // No server left to kill.
    }
    // tmux leaves its socket file behind.
    if (socket) rmSync(socket, { force: true });
  });

  it("npm start's command opens the UI: overview, a failing resource, a result, a filter, quit with the text report's exit code", async () => {
    const session = "ui";
    const exitFile = start(session, DEMO);
    let pane = await screenWith(session, "RESOURCE", "crm-legacy", "q quit");
    const lines = pane.split("\n");
    expect(lines[0]).toBe("haspec  policy aurora-production (policies/aurora-production.yaml), web-tier (policies/web-tier.yam…");
    expect(lines[2]).toMatch(/^Policy: 49 to fix, 14 unknown, 152 compliant \(1 waived, 1 not applicable\)\. 18 resources judged\./);
    expect(lines[5]).toMatch(/^› ~ crm-legacy +us-east-1 +13 +2 +1 +high$/);

    keys(session, "Enter");
    pane = await screenWith(session, "‹ crm-legacy", "Instances");
    expect(pane).toMatch(/crm-legacy-instance-1 +writer +us-east-1a/);
    expect(pane).toMatch(/› ~ availability_zones \(in use\) = 1 -> >= 2/);
    expect(pane).toMatch(/multi_az\.min_azs · high · policies\/aurora-production\.yaml:\d+/);

    keys(session, "Enter");
    pane = await screenWith(session, "Why this rule");
    expect(pane).toContain("‹ crm-legacy › multi_az.min_azs");
    expect(pane).toContain("FAIL — violates the policy · high");
    expect(pane).toContain("Evidence");

    keys(session, "Escape");
    await screenWith(session, "‹ crm-legacy  aurora-cluster");
    keys(session, "Escape");
    await screenWith(session, "showing 18 of 18 resources");
    keys(session, "/");
    tmux("send-keys", "-t", session, "-l", "catalog");
    keys(session, "Enter");
    pane = await screenWith(session, "showing 1 of 18 resources · filter: /catalog");
    expect(pane).toMatch(/› ~ catalog-prod +eu-west-1 +3 +2 +0 +high/);
    expect(pane).not.toContain("crm-legacy");

    keys(session, "q");
    pane = await screenWith(session, "EXIT=");
    // The terminal is given back: the UI is gone, the verdict stays.
    expect(pane).not.toContain("RESOURCE");
    expect(pane).toMatch(/^Policy: 49 to fix, 14 unknown, 152 compliant \(1 waived, 1 not applicable\)\.$/m);
    expect(pane).toContain("EXIT=1");
    expect(readFileSync(exitFile, "utf8").trim()).toBe("1");
  });

  it("r shows a resource's failure scenarios simulated from the same inputs; esc goes back", async () => {
    const session = "scenarios";
    const exitFile = start(session, DEMO);
    await screenWith(session, "RESOURCE", "crm-legacy", "r recovery");
    // crm-legacy: one instance, no reader, in us-east-1a.
    keys(session, "r");
    let pane = await screenWith(session, "‹ crm-legacy  failure scenarios", "region:us-east-1");
    expect(pane).toMatch(/^writer +recreate /m);
    expect(pane).toMatch(/^az:us-east-1a +manual /m);
    expect(pane).toMatch(/^ +\+ .+ +(aws-doc|default|evidence|policy) /m);
    keys(session, "Escape");
    pane = await screenWith(session, "‹ crm-legacy  aurora-cluster", "Instances");
    keys(session, "q");
    await screenWith(session, "EXIT=");
    expect(readFileSync(exitFile, "utf8").trim()).toBe("1");
  });

  it("q while a live scan waits on a server that stalls: the UI quits at once, the scan stops, exit 2 saying nothing was checked", async () => {
    const fake = await startFakeAws(fleetFromAwsJsonDir("examples/demo-fleet"), { hostile: (r) => (r.service === "rds" ? "stall-after-headers" : undefined) });
    try {
      const session = "live-quit";
      const creds = "AWS_ACCESS_KEY_ID=AKIAFAKEFAKEFAKE AWS_SECRET_ACCESS_KEY=fake-secret-key AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent AWS_PROFILE=";
      const exitFile = start(session, `${creds} node bin/haspec.js check --source aws --region us-east-1 --endpoint-url ${fake.url} -p policies/aurora-production.yaml`);
      await screenWith(session, "reading the inputs and judging them", "waiting for rds");
      const quitAt = Date.now();
      keys(session, "q");
      const pane = await screenWith(session, "EXIT=");
      expect(Date.now() - quitAt).toBeLessThan(5_000); // well before the 20 s response timeout
      expect(pane).toContain("the live scan was stopped before it finished");
      expect(readFileSync(exitFile, "utf8").trim()).toBe("2");
    } finally {
      await fake.close();
    }
  }, 40_000);

  it("--no-interactive on a terminal prints the text report, exit code unchanged", async () => {
    const session = "text";
    const exitFile = start(session, `${DEMO} --no-interactive`);
    const pane = await screenWith(session, "EXIT=");
    expect(pane).toContain("Legend:");
    expect(pane).toMatch(/^Policy: 49 to fix, 14 unknown, 152 compliant \(1 waived, 1 not applicable\)\.$/m);
    expect(pane).not.toContain("RESOURCE");
    expect(readFileSync(exitFile, "utf8").trim()).toBe("1");
  });
});

describe("haspec check without a terminal", () => {
  it("prints the text report as before; --interactive is a usage error naming why", () => {
    const text = runCli(["check", "--policy", "policies/aurora-production.yaml", "examples/demo-fleet"], { env: { CI: "" } });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^haspec: policy aurora-production/);
    expect(text.stdout).not.toMatch(/\u001b/);
    const forced = runCli(["check", "--policy", "policies/aurora-production.yaml", "examples/demo-fleet", "--interactive"]);
    expect(forced).toMatchObject({ code: 2, stdout: "" });
    expect(forced.stderr).toBe("Error: --interactive needs a terminal, but stdout is not one; drop --interactive for the text report\n");
  });
});
